"""Trusted browsers ("Deze browser 30 dagen vertrouwen"), by the hash of their cookie's token.

A trust is written in the transaction of the sign-in that asked for it (logins.py), and counts only while its
`epoch` is the user's `trust_epoch`: whatever ends all trust adds one to that (users.py, passkeys.py,
password_resets.py), so no item needs finding or deleting then. DynamoDB TTL removes the expired ones."""
from __future__ import annotations

from pynamodb.exceptions import DeleteError, DoesNotExist

from . import records
from .conditions import condition_failed
from .mapping import to_item, to_record
from .models import TrustedBrowser


def get(token_hash: str) -> records.TrustedBrowser | None:
    try:
        return to_record(records.TrustedBrowser, TrustedBrowser.get(token_hash))
    except DoesNotExist:
        return None


def for_user(user_id: str, limit: int = 20) -> list[records.TrustedBrowser]:
    """The user's newest trusts (alive or not: the caller judges), newest first: one Query on `by_user`."""
    return [to_record(records.TrustedBrowser, item)
            for item in TrustedBrowser.by_user.query(user_id, scan_index_forward=False, limit=limit)]


def item(trust: records.TrustedBrowser) -> TrustedBrowser:
    """The item a sign-in's transaction puts (logins.py)."""
    return to_item(trust)


def delete(trust: records.TrustedBrowser) -> bool:
    """"Vertrouwen intrekken": False when it was gone already (or is another user's)."""
    try:
        TrustedBrowser(trust.token_hash).delete(condition=TrustedBrowser.user_id == trust.user_id)
    except DeleteError as error:
        if condition_failed(error):
            return False
        raise
    return True
