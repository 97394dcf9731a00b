"""The challenges of "Inloggen met passkey": no user yet, so each is an item of its own, single use."""
from __future__ import annotations

from pynamodb.exceptions import DeleteError, DoesNotExist

from . import records
from .conditions import condition_failed
from .mapping import to_item, to_record
from .models import PasskeyChallenge


def create(challenge: records.PasskeyChallenge) -> None:
    to_item(challenge).save(condition=PasskeyChallenge.token_hash.does_not_exist())


def consume(token_hash: str, now: int) -> str | None:
    """The challenge, used up: of two requests with one token exactly one gets it (a DeleteItem on condition of
    the challenge read). None when unknown, used or expired. GetItem, DeleteItem."""
    try:
        found = to_record(records.PasskeyChallenge, PasskeyChallenge.get(token_hash, consistent_read=True))
    except DoesNotExist:
        return None
    try:
        PasskeyChallenge(token_hash).delete(condition=PasskeyChallenge.challenge == found.challenge)
    except DeleteError as error:
        if condition_failed(error):
            return None
        raise
    return found.challenge if now < found.expires_at else None
