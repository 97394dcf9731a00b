"""What an AWS account would already hold, created on moto: tables, the verified sender, the KMS key.

Every step is idempotent.
"""
from __future__ import annotations

import contextlib

import boto3

from chalicelib.settings import Settings
from chalicelib.store import schema


def prepare_aws(settings: Settings) -> None:
    schema.create_tables()
    verify_sender(settings)
    ensure_totp_key(settings.region, settings.totp_key_id)
    ensure_documents_bucket(settings)


def verify_sender(settings: Settings) -> None:
    """SES (and moto) refuse to send from an unverified address or domain."""
    ses = boto3.client("ses", region_name=settings.region)
    ses.verify_email_identity(EmailAddress=settings.email_sender)
    ses.verify_domain_identity(Domain=settings.email_sender.rpartition("@")[2])


def ensure_documents_bucket(settings: Settings) -> None:
    """The private documents bucket and its KMS key (infra/aws/documents.py makes both in AWS)."""
    ensure_key(settings.region, settings.documents_key_id, "documents")
    s3 = boto3.client("s3", region_name=settings.region)
    with contextlib.suppress(s3.exceptions.BucketAlreadyOwnedByYou, s3.exceptions.BucketAlreadyExists):
        s3.create_bucket(Bucket=settings.documents_bucket,
                         CreateBucketConfiguration={"LocationConstraint": settings.region})  # type: ignore[typeddict-item]


def ensure_totp_key(region: str, alias: str) -> str:
    """The symmetric key that encrypts TOTP secrets, under the alias the settings name; returns its key id."""
    return ensure_key(region, alias, "TOTP secrets")


def ensure_key(region: str, alias: str, purpose: str) -> str:
    """A symmetric key under `alias`, made if missing; returns its key id."""
    kms = boto3.client("kms", region_name=region)
    try:
        return kms.describe_key(KeyId=alias)["KeyMetadata"]["KeyId"]
    except kms.exceptions.NotFoundException:
        key_id = kms.create_key(Description=f"Verzuimportaal: {purpose} (local stand-in)",
                                KeySpec="SYMMETRIC_DEFAULT", KeyUsage="ENCRYPT_DECRYPT")["KeyMetadata"]["KeyId"]
        kms.create_alias(AliasName=alias, TargetKeyId=key_id)
        return key_id
