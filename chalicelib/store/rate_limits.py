"""Rate limits: a minimum gap between requests and a maximum per window, claimed by conditional writes."""
from __future__ import annotations

import uuid
from typing import Any

from pynamodb.exceptions import DoesNotExist

from ..domain.sms_budget import Bucket
from .conditions import conditional_update
from .models import RateLimit
from .transactions import transaction


def claim(key: str, now: int, *, gap: int, per_window: int, window: int) -> bool:
    """Count one request for `key` if it is within its limits; concurrent claims can never exceed them, and a
    repeat of this very write (botocore resends it when its answer was lost) is not counted again."""
    claim_id = uuid.uuid4().hex
    gap_passed = RateLimit.last_at.does_not_exist() | (RateLimit.last_at <= now - gap)
    in_window = (RateLimit.window_start > now - window) & (RateLimit.count < per_window)
    if _update(key, [RateLimit.last_at.set(now), RateLimit.count.add(1), RateLimit.claim_id.set(claim_id)],
               gap_passed & in_window & _not_yet(claim_id)):
        return True
    window_over = RateLimit.window_start.does_not_exist() | (RateLimit.window_start <= now - window)
    return _update(key, [RateLimit.last_at.set(now), RateLimit.window_start.set(now), RateLimit.count.set(1),
                         RateLimit.expires_at.set(now + window), RateLimit.claim_id.set(claim_id)],
                   gap_passed & window_over & _not_yet(claim_id)) or _landed(key, claim_id)


def _not_yet(claim_id: str) -> Any:
    return RateLimit.claim_id.does_not_exist() | (RateLimit.claim_id != claim_id)


def _landed(key: str, claim_id: str) -> bool:
    """A refused claim whose first try had in fact landed (its answer was lost, botocore sent it again)."""
    try:
        return RateLimit.get(key, consistent_read=True).claim_id == claim_id
    except DoesNotExist:
        return False


def release(key: str, now: int) -> None:
    """Undo the claim made at `now` (its request did nothing: a send failed), if no later claim came since."""
    _update(key, [RateLimit.count.add(-1), RateLimit.last_at.remove()],
            (RateLimit.last_at == now) & (RateLimit.count > 0))


def _update(key: str, actions: list[Any], condition: Any) -> bool:
    return conditional_update(RateLimit(key), actions, condition)


def spend(buckets: list[Bucket], now: int) -> str | None:
    """Count one use in every bucket, or in none: one transaction of conditional ADDs (each below its limit).
    Returns None when spent, else the name of the first bucket that was full."""
    claim_id = uuid.uuid4().hex  # a transaction botocore repeats after a lost answer finds its own mark: once
    with transaction(client_request_token=claim_id) as tx:
        for bucket in buckets:
            tx.update(RateLimit(bucket.key), actions=[
                RateLimit.count.add(1), RateLimit.last_at.set(now), RateLimit.expires_at.set(bucket.expires_at),
                RateLimit.window_start.set(RateLimit.window_start | now), RateLimit.claim_id.set(claim_id)],
                condition=(RateLimit.count.does_not_exist() | (RateLimit.count < bucket.limit))
                & _not_yet(claim_id))
    if tx.committed or _landed(buckets[0].key, claim_id):
        return None
    full = [bucket.name for index, bucket in enumerate(buckets) if tx.refused_at(index)]
    return full[0] if full else buckets[0].name


def guesses(key: str) -> tuple[int, int] | None:
    """The count of password guesses for a username from unknown browsers and the last one's time (consistent)."""
    try:
        item = RateLimit.get(key, consistent_read=True)
    except DoesNotExist:
        return None
    return int(item.count or 0), int(item.last_at or 0)


def count_guess(key: str, seen: int | None, now: int, keep_until: int) -> bool:
    """Count one guess before the password is checked, only if the count is still `seen`: of guesses racing for
    the same username exactly one is counted (and checked); the others are refused unchecked."""
    claim_id = uuid.uuid4().hex
    condition = RateLimit.count.does_not_exist() if seen is None else (RateLimit.count == seen)
    return _update(key, [RateLimit.count.add(1), RateLimit.last_at.set(now), RateLimit.expires_at.set(keep_until),
                         RateLimit.window_start.set(RateLimit.window_start | now), RateLimit.claim_id.set(claim_id)],
                   condition) or _landed(key, claim_id)


def forget_guesses(key: str) -> None:
    """The right password (or a reset, or the secretariat): the username's guesses start again from none."""
    RateLimit(key).delete()


def refund(buckets: list[Bucket], now: int) -> None:
    """Give back one use in every bucket (the SMS they paid for was not sent); best effort, never below zero."""
    for bucket in buckets:
        conditional_update(RateLimit(bucket.key), [RateLimit.count.add(-1)], RateLimit.count > 0)
