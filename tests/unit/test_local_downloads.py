"""The stand-in's S3 front checks a download link as S3 does: the signature over the path, the query and the host,
and the expiry. moto's own S3 would hand out the object to any link."""
from __future__ import annotations

import time

import pytest

from chalicelib.bucket import DocumentBucket, ObjectName
from infra.local import uploads

HOST = "127.0.0.1:8000"
NAME = ObjectName("emp-1", "abs-1", "doc-1", 2)


@pytest.fixture
def link(monkeypatch) -> str:
    """A download link as the API signs it on the stand-in, as the dev server receives it (path and query)."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    bucket = DocumentBucket("vp-documents", "alias/key", "eu-west-1", f"http://{HOST}/dev/s3")
    url = bucket.presign_download(NAME, 'attachment; filename="PA Anna.pdf"', "application/pdf", 120)
    assert url.startswith(f"http://{HOST}/dev/s3/vp-documents/documents/emp-1/abs-1/doc-1/2?")
    return url.removeprefix(f"http://{HOST}")


def test_a_link_as_signed_names_the_object_and_the_headers_to_answer_with(link):
    assert uploads.verify_download(HOST, link) == uploads.Download(
        "vp-documents", "documents/emp-1/abs-1/doc-1/2", 'attachment; filename="PA Anna.pdf"', "application/pdf")


@pytest.mark.parametrize("tampered", [
    lambda link: link.replace("doc-1/2", "doc-1/1"),  # another version
    lambda link: link.replace("abs-1", "abs-2"),  # another case
    lambda link: link.replace("PA%20Anna.pdf", "evil.html"),  # another filename
    lambda link: link.replace("application%2Fpdf", "text%2Fhtml"),  # another content type
    lambda link: link.replace("X-Amz-Expires=120", "X-Amz-Expires=99999"),  # a longer life
])
def test_a_changed_link_is_refused(link, tampered):
    with pytest.raises(uploads.Refused, match="signature"):
        uploads.verify_download(HOST, tampered(link))


def test_a_link_for_another_host_is_refused(link):
    with pytest.raises(uploads.Refused, match="signature"):
        uploads.verify_download("portal.example", link)


def test_a_link_expires_after_its_two_minutes(link):
    uploads.verify_download(HOST, link, now=time.time() + 110)
    with pytest.raises(uploads.Refused, match="expired"):
        uploads.verify_download(HOST, link, now=time.time() + 125)
