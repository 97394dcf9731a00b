"""Sign-in history per user: the security overview's list."""
from __future__ import annotations

import uuid

from pynamodb.exceptions import PutError

from . import records
from .conditions import condition_failed
from .mapping import to_item, to_record
from .models import SignIn


def new(user_id: str, at: int, method: str, success: bool, keep_seconds: int,
        browser: str | None = None) -> records.SignIn:
    """A sign-in to record, kept `keep_seconds` (the table's TTL), with the browser in words (never the raw
    User-Agent, never an IP address)."""
    return records.SignIn(user_id=user_id, at=at, method=method, success=success, expires_at=at + keep_seconds,
                          browser=browser)


def item(event: records.SignIn) -> SignIn:
    """The item to write for `event`: its sort key is `<at, 12 digits>#<8 random hex>` (newest first, never two
    alike). Here and in logins._complete."""
    return to_item(event, at_id=f"{event.at:012d}#{uuid.uuid4().hex[:8]}")


def record(event: records.SignIn) -> None:
    item(event).save()


def record_nothing(at: int, browser: str | None = None) -> None:
    """A refused write of the same size as `record`: an unknown username costs what a known one does."""
    try:
        item(new(str(uuid.uuid4()), at, "password", False, 0, browser)).save(condition=SignIn.user_id.exists())
    except PutError as error:
        if not condition_failed(error):
            raise


def recent(user_id: str, limit: int = 20) -> list[records.SignIn]:
    """Newest first: one Query on the user's partition."""
    return [to_record(records.SignIn, found) for found in SignIn.query(user_id, scan_index_forward=False, limit=limit)]
