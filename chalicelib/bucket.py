"""The documents bucket (S3): presigned uploads straight from the browser, presigned downloads, and the check's
reads and moves. The only module that knows S3.

Object keys: `quarantine/<employer>/<absence>/<document>/<version>` where an upload lands, and
`documents/<employer>/<absence>/<document>/<version>` once the check released it. Every object is encrypted with
the documents KMS key (SSE-KMS); the bucket itself is private (infra/aws/documents.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

QUARANTINE = "quarantine"
RELEASED = "documents"
SCAN_TAG = "GuardDutyMalwareScanStatus"
"""The object tag GuardDuty Malware Protection for S3 sets when it has scanned an object."""


@dataclass(frozen=True)
class ObjectName:
    """Which document version an object holds, read from (or written into) its key."""
    employer_id: str
    absence_id: str
    document_id: str
    version: int

    def key(self, prefix: str) -> str:
        return f"{prefix}/{self.employer_id}/{self.absence_id}/{self.document_id}/{self.version}"

    @classmethod
    def parse(cls, key: str) -> tuple[str, ObjectName] | None:
        """The prefix and name of a key we made; None for anything else."""
        parts = key.split("/")
        if len(parts) != 5 or parts[0] not in (QUARANTINE, RELEASED) or not parts[4].isdigit():
            return None
        return parts[0], cls(parts[1], parts[2], parts[3], int(parts[4]))


@dataclass(frozen=True)
class Upload:
    """A presigned POST: the browser sends `fields` and then the file, as multipart/form-data, to `url`."""
    url: str
    fields: dict[str, str]


class DocumentBucket:
    def __init__(self, bucket: str, key_id: str, region: str, local_url: str = ""):
        """`local_url`: the stand-in's S3 front (`<portal>/dev/s3`) the browser uses instead of S3; empty in AWS."""
        self.bucket, self._key_id, self._region, self._local_url = bucket, key_id, region, local_url

    @cached_property
    def _client(self) -> S3Client:
        import boto3
        from botocore.config import Config

        # Virtual-hosted style and SigV4: presigned URLs then name the bucket's own regional endpoint.
        return boto3.client("s3", region_name=self._region,
                            config=Config(signature_version="s3v4", s3={"addressing_style": "virtual"}))

    @cached_property
    def _signer(self) -> S3Client:
        """Signs download links: S3 itself, or on the stand-in its S3 front (path style, so the link it checks is
        the one signed)."""
        if not self._local_url:
            return self._client
        import boto3
        from botocore.config import Config

        return boto3.client("s3", region_name=self._region, endpoint_url=self._local_url.rstrip("/"),
                            config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))

    def presign_upload(self, name: ObjectName, content_type: str, max_bytes: int, seconds: int) -> Upload:
        """A POST policy for exactly this key, this content type, our KMS key and at most `max_bytes`; S3 refuses
        any other upload with it, and any upload after `seconds`. Signing makes no AWS call."""
        key = name.key(QUARANTINE)
        fields = {"Content-Type": content_type, "x-amz-server-side-encryption": "aws:kms",
                  "x-amz-server-side-encryption-aws-kms-key-id": self._key_id}
        conditions: list = [{"bucket": self.bucket}, ["eq", "$key", key], ["content-length-range", 1, max_bytes],
                            *({name: value} for name, value in fields.items())]
        post = self._client.generate_presigned_post(self.bucket, key, Fields=fields, Conditions=conditions,
                                                    ExpiresIn=seconds)
        url = f"{self._local_url.rstrip('/')}/{self.bucket}" if self._local_url else post["url"]
        return Upload(url=url, fields=post["fields"])

    def presign_download(self, name: ObjectName, filename_header: str, content_type: str, seconds: int) -> str:
        """A GET link to the released object, valid `seconds`, that S3 answers with our Content-Disposition (the
        filename we made safe) and the content type the check verified."""
        return self._signer.generate_presigned_url("get_object", Params={
            "Bucket": self.bucket, "Key": name.key(RELEASED), "ResponseContentDisposition": filename_header,
            "ResponseContentType": content_type}, ExpiresIn=seconds)

    def uploaded_size(self, name: ObjectName) -> int | None:
        """The quarantined object's size (HeadObject); None when it is not there."""
        from botocore.exceptions import ClientError

        try:
            return int(self._client.head_object(Bucket=self.bucket, Key=name.key(QUARANTINE))["ContentLength"])
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return None
            raise

    def read_uploaded(self, name: ObjectName, max_bytes: int) -> bytes:
        """The quarantined object's first `max_bytes` bytes (its size was checked with `uploaded_size`)."""
        return self._client.get_object(Bucket=self.bucket, Key=name.key(QUARANTINE))["Body"].read(max_bytes)

    def scan_status(self, name: ObjectName) -> str | None:
        """What GuardDuty's scan of the quarantined object found (`NO_THREATS_FOUND`, `THREATS_FOUND`, …); None:
        not scanned yet."""
        tags = self._client.get_object_tagging(Bucket=self.bucket, Key=name.key(QUARANTINE))["TagSet"]
        return next((tag["Value"] for tag in tags if tag["Key"] == SCAN_TAG), None)

    def release(self, name: ObjectName, content_type: str) -> None:
        """Copy the checked object out of quarantine (encrypted with our key, the verified content type). The
        quarantined one stays until `discard`: the caller deletes it once the release is recorded, so a check that
        fails in between finds it again on its retry. Run twice, the copy is the same."""
        self._client.copy_object(Bucket=self.bucket, Key=name.key(RELEASED),
                                 CopySource={"Bucket": self.bucket, "Key": name.key(QUARANTINE)},
                                 MetadataDirective="REPLACE", TaggingDirective="REPLACE", ContentType=content_type,
                                 ServerSideEncryption="aws:kms", SSEKMSKeyId=self._key_id)

    def discard(self, name: ObjectName) -> None:
        """Delete the quarantined object (refused, or released and recorded); nothing there is no error."""
        self._client.delete_object(Bucket=self.bucket, Key=name.key(QUARANTINE))

    def delete(self, names: list[ObjectName]) -> None:
        """Delete released and quarantined objects of these versions (retention), 500 names a request."""
        keys = [name.key(prefix) for name in names for prefix in (RELEASED, QUARANTINE)]
        for start in range(0, len(keys), 1000):
            self._client.delete_objects(Bucket=self.bucket, Delete={
                "Objects": [{"Key": key} for key in keys[start:start + 1000]], "Quiet": True})
