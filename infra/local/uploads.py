"""S3's part of a document upload and download, on the stand-in: the browser's presigned POST reaches
`/dev/s3/<bucket>` (one origin, as the dev server is), is checked against its policy as S3 checks it, goes on to
moto's S3, and then S3's ObjectCreated event runs the document check in-process (moto's server sends no bucket
notifications). A presigned GET of `/dev/s3/<bucket>/<key>` is checked as S3 checks it (SigV4 query signature,
expiry) and answered from moto with the link's Content-Disposition and Content-Type.

moto itself accepts any POST and ignores the policy; this keeps the local flow as strict as AWS: an expired link,
another key, a larger file or another content type is refused with S3's 403.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.parser import BytesParser
from email.policy import HTTP
from urllib.parse import parse_qsl, quote, unquote

PREFIX = "/dev/s3/"
_UNSIGNED_FIELDS = {"policy", "x-amz-signature", "file"}
"""Form fields S3 does not require the policy to name (`x-ignore-*` too)."""


class Refused(Exception):
    """S3 would answer 403 AccessDenied: the POST does not match its policy."""


def form_fields(content_type: str, body: bytes) -> tuple[dict[str, str], bytes]:
    """The multipart/form-data fields and the file's bytes."""
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
    if not message.is_multipart():
        raise Refused("not a multipart form")
    fields: dict[str, str] = {}
    data = b""
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            payload = b""
        if name == "file":
            data = payload
        elif isinstance(name, str):
            fields[name] = payload.decode("utf-8")
    return fields, data


def verify(bucket: str, fields: dict[str, str], data: bytes, now: float | None = None) -> str:
    """The key to store `data` under when the POST holds to its signed policy, else `Refused`."""
    policy_b64 = fields.get("policy", "")
    _verify_signature(policy_b64, fields)
    policy = json.loads(base64.b64decode(policy_b64))
    expiration = datetime.fromisoformat(policy["expiration"].replace("Z", "+00:00"))
    if (now if now is not None else time.time()) >= expiration.timestamp():
        raise Refused("Invalid according to Policy: Policy expired.")
    named = {"bucket"}
    for condition in policy["conditions"]:
        if isinstance(condition, dict):
            (name, value), = condition.items()
            named.add(name.lower())
            actual = bucket if name == "bucket" else fields.get(name)
            if actual != value:
                raise Refused(f"Invalid according to Policy: Policy Condition failed: {name}")
        elif condition[0] == "content-length-range":
            if not condition[1] <= len(data) <= condition[2]:
                raise Refused("Your proposed upload exceeds the maximum allowed size")
        elif condition[0] == "eq":
            name = condition[1].lstrip("$")
            named.add(name.lower())
            if fields.get(name) != condition[2]:
                raise Refused(f"Invalid according to Policy: Policy Condition failed: {name}")
        else:
            raise Refused(f"unsupported condition {condition[0]}")
    extra = {name for name in fields if name.lower() not in named | _UNSIGNED_FIELDS
             and not name.lower().startswith("x-ignore-")}
    if extra:
        raise Refused(f"Invalid according to Policy: Extra input fields: {', '.join(sorted(extra))}")
    return fields["key"]


def _signing_key(day: str, region: str, service: str) -> bytes:
    key = ("AWS4" + os.environ.get("AWS_SECRET_ACCESS_KEY", "")).encode()
    for part in (day, region, service, "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return key


_MISMATCH = "The request signature we calculated does not match the signature you provided."


def _verify_signature(policy_b64: str, fields: dict[str, str]) -> None:
    """SigV4 for POST: the policy signed with the key derived from the secret, the date, region and service."""
    credential = fields.get("x-amz-credential", "").split("/")
    if len(credential) != 5 or not policy_b64:
        raise Refused("missing credential or policy")
    _, day, region, service, _ = credential
    expected = hmac.new(_signing_key(day, region, service), policy_b64.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, fields.get("x-amz-signature", "")):
        raise Refused(_MISMATCH)


@dataclass(frozen=True)
class Download:
    """What a checked presigned GET asks for: the object, and the headers S3 answers it with."""
    bucket: str
    key: str
    content_disposition: str | None
    content_type: str | None


def verify_download(host: str, target: str, now: float | None = None) -> Download:
    """A presigned GET of `target` (the request's path and query, as received) on `host`: SigV4 query
    authentication as S3 checks it — the canonical request (path, sorted query without the signature, the host
    header, UNSIGNED-PAYLOAD) signed with the derived key — and not after `X-Amz-Date` + `X-Amz-Expires`."""
    path, _, query = target.partition("?")
    pairs = parse_qsl(query, keep_blank_values=True)
    params = dict(pairs)
    credential = params.get("X-Amz-Credential", "").split("/")
    if params.get("X-Amz-Algorithm") != "AWS4-HMAC-SHA256" or len(credential) != 5 \
            or params.get("X-Amz-SignedHeaders") != "host":
        raise Refused("Query-string authentication requires the X-Amz-Algorithm, Credential and SignedHeaders")
    signed_at = datetime.strptime(params.get("X-Amz-Date", ""), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    expires = int(params.get("X-Amz-Expires", "0"))
    if (now if now is not None else time.time()) > signed_at.timestamp() + expires:
        raise Refused("Request has expired")
    canonical_query = "&".join(sorted(f"{quote(k, safe='-_.~')}={quote(v, safe='-_.~')}" for k, v in pairs
                                      if k != "X-Amz-Signature"))
    canonical = "\n".join(["GET", path, canonical_query, f"host:{host}\n", "host", "UNSIGNED-PAYLOAD"])
    _, day, region, service, _ = credential
    to_sign = "\n".join(["AWS4-HMAC-SHA256", params["X-Amz-Date"], "/".join(credential[1:]),
                         hashlib.sha256(canonical.encode()).hexdigest()])
    expected = hmac.new(_signing_key(day, region, service), to_sign.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, params.get("X-Amz-Signature", "")):
        raise Refused(_MISMATCH)
    bucket, _, key = path.removeprefix(PREFIX).partition("/")
    return Download(unquote(bucket), unquote(key), params.get("response-content-disposition"),
                    params.get("response-content-type"))


def fetch(moto_url: str, download: Download) -> bytes | None:
    """The object's bytes from moto's S3; None when there is no such object (S3's 404 NoSuchKey)."""
    import boto3
    from botocore.exceptions import ClientError

    try:
        return boto3.client("s3", endpoint_url=moto_url).get_object(Bucket=download.bucket,
                                                                    Key=download.key)["Body"].read()
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "NoSuchBucket", "404"):
            return None
        raise


def store(moto_url: str, bucket: str, key: str, data: bytes, content_type: str) -> None:
    """The object into moto's S3 (a PutObject the stand-in's dummy credentials sign)."""
    import boto3

    boto3.client("s3", endpoint_url=moto_url).put_object(Bucket=bucket, Key=key, Body=data,
                                                         ContentType=content_type)


def object_created(bucket: str, key: str, size: int) -> dict:
    """S3's ObjectCreated:Post event for one object, as Lambda receives it."""
    return {"Records": [{"eventSource": "aws:s3", "eventName": "ObjectCreated:Post",
                         "eventTime": datetime.now(UTC).isoformat(),
                         "s3": {"bucket": {"name": bucket}, "object": {"key": key, "size": size}}}]}


def refusal_xml(reason: str) -> bytes:
    return (f"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code>"
            f"<Message>{reason}</Message></Error>").encode()

