"""Uploading a document as the browser does: ask the API for the form, send the file to S3 (checked against its
POST policy as S3 checks it: infra/local/uploads.py), and deliver S3's ObjectCreated event to `document_check`."""
from __future__ import annotations

import io
import time
import zipfile
from dataclasses import dataclass

import boto3
import pytest

from chalicelib.settings import get_settings
from infra.local import uploads

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00"


def docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


@pytest.fixture
def documents_bucket(aws):
    """The documents bucket and its KMS key, as infra/local/bootstrap.py makes them (only where needed)."""
    from infra.local.bootstrap import ensure_documents_bucket

    ensure_documents_bucket(get_settings())


@dataclass
class Sent:
    status: int
    key: str | None = None
    reason: str | None = None


def upload_form(browser, absence_id: str, data: bytes = PDF, **fields) -> object:
    body = {"type": "probleemanalyse", "dated": "2026-09-21", "filename": "probleemanalyse.pdf",
            "content_type": "application/pdf", "size": len(data), **fields}
    return browser.post(f"/api/absences/{absence_id}/documents", body)


def send_to_s3(form: dict, data: bytes, *, content_type: str | None = None, after_seconds: float = 0,
               **tampered: str) -> Sent:
    """The browser's multipart POST: S3 refuses it (403) unless it matches the signed policy."""
    fields = {**form["fields"], **tampered}
    if content_type is not None:
        fields["Content-Type"] = content_type
    bucket = get_settings().documents_bucket
    try:
        key = uploads.verify(bucket, fields, data, now=time.time() + after_seconds)
    except uploads.Refused as refused:
        return Sent(403, reason=str(refused))
    boto3.client("s3", region_name=get_settings().region).put_object(
        Bucket=bucket, Key=key, Body=data, ContentType=fields.get("Content-Type", ""))
    return Sent(204, key=key)


def arrive(client, key: str) -> dict:
    """S3's ObjectCreated event for `key`, delivered to the shipped check function."""
    answer = client.lambda_.invoke("document_check", uploads.object_created(get_settings().documents_bucket, key, 0))
    return answer.payload["outcomes"]


def upload(browser, client, absence_id: str, data: bytes = PDF, **fields) -> dict:
    """The whole way: form, S3, check. Returns the API's first answer (the version as started)."""
    started = upload_form(browser, absence_id, data, **fields)
    assert started.status == 201, started.body
    sent = send_to_s3(started.body["upload"], data)
    assert sent.status == 204, sent.reason
    arrive(client, sent.key or "")
    return started.body
