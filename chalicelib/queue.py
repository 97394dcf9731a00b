"""Where the weekly email's planner puts its work: SQS in AWS, a list when `manage.py send-digest` runs it here;
and how a planner run short of time hands the rest to a new run of itself (an asynchronous Lambda invoke)."""
from __future__ import annotations

import json
import uuid
from functools import cached_property
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from mypy_boto3_sqs import SQSClient
    from mypy_boto3_sqs.type_defs import SendMessageBatchRequestEntryTypeDef

BATCH = 10  # SQS SendMessageBatch takes at most 10 messages


class Queue(Protocol):
    def send_batch(self, bodies: list[dict]) -> None: ...


class QueueFailed(Exception):
    """Some messages of a batch were not queued."""


class SqsQueue:
    def __init__(self, url: str, region: str):
        self._url = url
        self._region = region

    @cached_property
    def _client(self) -> SQSClient:
        import boto3

        return boto3.client("sqs", region_name=self._region)

    def send_batch(self, bodies: list[dict]) -> None:
        entries: list[SendMessageBatchRequestEntryTypeDef] = [
            {"Id": str(i), "MessageBody": json.dumps(body, separators=(",", ":"))} for i, body in enumerate(bodies)]
        answer = self._client.send_message_batch(QueueUrl=self._url, Entries=entries)
        if answer.get("Failed"):
            raise QueueFailed(f"{len(answer['Failed'])} of {len(entries)} messages not queued")


class ListQueue:
    """Keeps the messages in SQS's record shape, for running the sender in-process."""

    def __init__(self) -> None:
        self.records: list[dict] = []
        self.requests = 0

    def send_batch(self, bodies: list[dict]) -> None:
        self.requests += 1
        self.records += [{"messageId": str(uuid.uuid4()), "body": json.dumps(body), "attributes": {},
                          "messageAttributes": {}, "eventSource": "aws:sqs"} for body in bodies]


def invoke_async(function_arn: str, payload: dict) -> None:
    """Start `function_arn` with `payload` and do not wait for it (InvocationType Event)."""
    import boto3

    boto3.client("lambda").invoke(FunctionName=function_arn, InvocationType="Event",
                                  Payload=json.dumps(payload).encode())
