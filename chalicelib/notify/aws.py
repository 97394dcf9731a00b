"""SNS (transactional SMS) and SES (email) adapters. boto3 clients are made on first send."""
from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING

from .ports import SendFailed, SendRejected, SendThrottled

if TYPE_CHECKING:
    from mypy_boto3_ses import SESClient
    from mypy_boto3_sns import SNSClient

_THROTTLED = {"Throttling", "ThrottlingException", "TooManyRequestsException", "LimitExceededException"}


class SnsSms:
    def __init__(self, region: str, sender_id: str):
        self._region = region
        self._sender_id = sender_id

    @cached_property
    def _client(self) -> SNSClient:
        import boto3

        return boto3.client("sns", region_name=self._region)

    def send_sms(self, to_e164: str, text: str) -> None:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            self._client.publish(
                PhoneNumber=to_e164,
                Message=text,
                MessageAttributes={
                    "AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"},
                    "AWS.SNS.SMS.SenderID": {"DataType": "String", "StringValue": self._sender_id},
                },
            )
        except (ClientError, BotoCoreError) as error:
            raise SendFailed(type(error).__name__) from error


class SesEmail:
    def __init__(self, region: str, sender: str):
        self._region = region
        self._sender = sender

    @cached_property
    def _client(self) -> SESClient:
        import boto3

        return boto3.client("ses", region_name=self._region)

    def send_email(self, to: str, subject: str, body: str, tags: Mapping[str, str] | None = None) -> None:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            self._client.send_email(
                Source=self._sender,
                Destination={"ToAddresses": [to]},
                Message={"Subject": {"Data": subject, "Charset": "UTF-8"},
                         "Body": {"Text": {"Data": body, "Charset": "UTF-8"}}},
                Tags=[{"Name": name, "Value": value} for name, value in (tags or {}).items()],
            )
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code", "")
            if code in _THROTTLED:
                raise SendThrottled(code) from error
            if code == "MessageRejected":
                raise SendRejected(code) from error
            raise SendFailed(code or type(error).__name__) from error
        except BotoCoreError as error:
            raise SendFailed(type(error).__name__) from error
