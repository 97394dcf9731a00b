"""The process environment of the stand-in. Set before chalicelib is imported: settings are read once."""
from __future__ import annotations

import os

TABLE_PREFIX = "verzuimportaal-local"
DEFAULT_REGION = "eu-west-1"
DUMMY_CREDENTIAL = "testing"
# Only meaningful against real AWS; a missing profile would even stop botocore from starting.
_REAL_AWS_ONLY = ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN")

_configured: tuple[str, str] | None = None


def configure(portal_url: str, endpoint_url: str) -> None:
    """Local mode, every AWS client pointed at moto with dummy credentials.

    Forced: what must match this stand-in (URLs, tables, local mode, no real credentials); the same
    values `manage.py --local` uses. Kept when set: the region and the Powertools metrics namespace.
    """
    global _configured
    if _configured not in (None, (portal_url, endpoint_url)):
        raise RuntimeError("The stand-in's URLs are fixed by its first start in a process (settings are "
                           "read once): start it on other ports in a new process.")
    for name in [*_REAL_AWS_ONLY, *(n for n in os.environ if n.startswith("AWS_ENDPOINT_URL_"))]:
        os.environ.pop(name, None)
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or DEFAULT_REGION
    os.environ.update({
        "VP_LOCAL_MODE": "1",
        "STAGE": "local",
        "TABLE_PREFIX": TABLE_PREFIX,
        "PORTAL_URL": portal_url,
        "AWS_ENDPOINT_URL": endpoint_url,
        "AWS_ACCESS_KEY_ID": DUMMY_CREDENTIAL,
        "AWS_SECRET_ACCESS_KEY": DUMMY_CREDENTIAL,
        "AWS_REGION": region,
        "AWS_DEFAULT_REGION": region,
        "POWERTOOLS_TRACE_DISABLED": "true",
        # The browser posts uploads to, and downloads from, the dev server, which checks both as S3 would (the
        # policy, the signature, the expiry) and hands them to moto.
        "DOCUMENTS_LOCAL_URL": f"{portal_url}/dev/s3",
    })
    os.environ.setdefault("POWERTOOLS_METRICS_NAMESPACE", "Verzuimportaal")
    _configured = (portal_url, endpoint_url)
