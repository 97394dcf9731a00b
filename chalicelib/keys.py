"""Encryption of stored secrets (TOTP keys) with a KMS key; moto provides KMS locally."""
from __future__ import annotations

import base64
from functools import cached_property
from typing import Any, Protocol


class SecretBox(Protocol):
    def seal(self, plaintext: str, context: dict[str, str]) -> str: ...

    def open(self, sealed: str, context: dict[str, str]) -> str: ...


class SecretsUnavailable(Exception):
    """KMS did not seal or open a secret (throttled, down, or refusing): the secret is not lost, only out of reach."""
    service = "kms"

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


class KmsSecretBox:
    """Ciphertext is bound to its owner through the KMS encryption context."""

    def __init__(self, region: str, key_id: str):
        self._region = region
        self._key_id = key_id

    @cached_property
    def _client(self) -> Any:
        import boto3

        return boto3.client("kms", region_name=self._region)

    def seal(self, plaintext: str, context: dict[str, str]) -> str:
        answer = self._call("encrypt", KeyId=self._key_id, Plaintext=plaintext.encode("utf-8"),
                            EncryptionContext=context)
        return base64.b64encode(answer["CiphertextBlob"]).decode("ascii")

    def open(self, sealed: str, context: dict[str, str]) -> str:
        answer = self._call("decrypt", CiphertextBlob=base64.b64decode(sealed), EncryptionContext=context,
                            KeyId=self._key_id)
        return answer["Plaintext"].decode("utf-8")

    def _call(self, operation: str, **request: Any) -> dict:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return getattr(self._client, operation)(**request)
        except ClientError as error:
            raise SecretsUnavailable(error.response.get("Error", {}).get("Code", "Unknown")) from error
        except BotoCoreError as error:
            raise SecretsUnavailable(type(error).__name__) from error
