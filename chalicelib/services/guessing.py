"""Password guesses from browsers an account does not know, counted per username (domain/lockout.py)."""
from __future__ import annotations

import hashlib

from .. import store
from ..domain import codes, lockout
from ..store import records

POLICY = lockout.GuessPolicy()
_KEPT_SECONDS = 90 * 24 * 3600


def key(username: str) -> str:
    """The counter of a username's guesses from unknown browsers; hashed: no usernames in the counters."""
    return "guess#" + hashlib.sha256(store.users.username_key(username).encode()).hexdigest()[:32]


def claim(counter: str, now: int) -> bool:
    """Count this guess if the username may be guessed at now; False when it may not (locked, or another guess
    for it is being counted at this very moment). Two requests: GetItem, then a conditional UpdateItem."""
    seen = store.rate_limits.guesses(counter)
    failures, last = seen or (0, 0)
    until = POLICY.locked_until(failures, last)
    if until is None or now < until:
        return False
    return store.rate_limits.count_guess(counter, seen[0] if seen else None, now, now + _KEPT_SECONDS)


def forget(username: str) -> None:
    """A password reset or the secretariat's unlock: guessing from unknown browsers starts again from none."""
    store.rate_limits.forget_guesses(key(username))


def known_device(user: records.User | None, device_token: str | None) -> str | None:
    """The hash of this browser's vp_device cookie when the account knows it (and it has not failed too often)."""
    if user is None or not device_token or not user.devices:
        return None
    digest = codes.token_hash(device_token[:128])
    entry = user.devices.get(digest)
    return digest if entry is not None and int(entry.get("failures", 0)) < POLICY.device_failures else None


def count_device_failure(user_id: str, device_hash: str) -> None:
    store.users.count_device_failure(user_id, device_hash, POLICY.device_failures)
