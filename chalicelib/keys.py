"""Encryption of stored secrets (TOTP keys) with a KMS key; moto provides KMS locally."""
from __future__ import annotations

import base64
from functools import cached_property
from typing import Any, Protocol


class SecretBox(Protocol):
    def seal(self, plaintext: str, context: dict[str, str]) -> str: ...

    def open(self, sealed: str, context: dict[str, str]) -> str: ...


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
        answer = self._client.encrypt(KeyId=self._key_id, Plaintext=plaintext.encode("utf-8"),
                                      EncryptionContext=context)
        return base64.b64encode(answer["CiphertextBlob"]).decode("ascii")

    def open(self, sealed: str, context: dict[str, str]) -> str:
        answer = self._client.decrypt(CiphertextBlob=base64.b64decode(sealed), EncryptionContext=context,
                                      KeyId=self._key_id)
        return answer["Plaintext"].decode("utf-8")
