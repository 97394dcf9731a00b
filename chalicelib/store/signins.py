"""Sign-in history per user: the security overview's list."""
from __future__ import annotations

import uuid

from pynamodb.exceptions import PutError

from .conditions import condition_failed
from .models import SignIn


def new(user_id: str, at: int, method: str, success: bool, keep_seconds: int) -> SignIn:
    return SignIn(user_id, f"{at:012d}#{uuid.uuid4().hex[:8]}", at=at, method=method, success=success,
                  expires_at=at + keep_seconds)


def record(event: SignIn) -> None:
    event.save()


def record_nothing(at: int) -> None:
    """A refused write of the same size as `record`: an unknown username costs what a known one does."""
    try:
        new(str(uuid.uuid4()), at, "password", False, 0).save(condition=SignIn.user_id.exists())
    except PutError as error:
        if not condition_failed(error):
            raise


def recent(user_id: str, limit: int = 20) -> list[SignIn]:
    """Newest first: one Query on the user's partition."""
    return list(SignIn.query(user_id, scan_index_forward=False, limit=limit))
