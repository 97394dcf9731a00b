"""Lockout that stops a guesser without letting a stranger lock the owner out (docs/security.md).

Password guesses are counted per username, apart for the browsers the account has signed in from before
(OWASP's "device cookies"): a known browser has its own small count, every other browser shares the
username's count. That count allows `free` failures, then a wait that doubles with each further `free`
failures (Keycloak's temporary lockout), and stops all guesses from unknown browsers at `permanent_after` — half
of NIST SP 800-63B-4's limit of 100 consecutive failures — until a password reset or the secretariat. A stranger
who knows a username can therefore lock out unknown browsers, never the owner's own.

Second-factor failures (after the right password: the guesser has the password) are another matter: five block
the account, for the secretariat to unlock (`accounts.effective_status`).
"""
from __future__ import annotations

from dataclasses import dataclass

KNOWN_DEVICES_KEPT = 10
"""Browsers an account remembers; signing in from an eleventh forgets the one known longest."""


@dataclass(frozen=True)
class GuessPolicy:
    free: int = 5
    first_wait_seconds: int = 15 * 60
    longest_wait_seconds: int = 24 * 3600
    permanent_after: int = 50
    device_failures: int = 5
    """Wrong passwords from one known browser before it counts as unknown again."""

    def wait_after(self, failures: int) -> int | None:
        """Seconds to wait after `failures` consecutive failures (0: go ahead), or None: no more guesses."""
        if failures >= self.permanent_after:
            return None
        if failures < self.free or failures % self.free:
            return 0
        return min(self.first_wait_seconds * 2 ** (failures // self.free - 1), self.longest_wait_seconds)

    def locked_until(self, failures: int, last_failure_at: int) -> int | None:
        """When guessing may go on (a moment in the past: now), or None when it may not at all."""
        wait = self.wait_after(failures)
        return None if wait is None else last_failure_at + wait


def remembered(devices: dict[str, dict], new_hash: str, now: int) -> dict[str, dict]:
    """The known browsers with `new_hash` added, the oldest forgotten beyond KNOWN_DEVICES_KEPT."""
    kept = {**devices, new_hash: {"since": now, "failures": 0}}
    newest = sorted(kept, key=lambda h: kept[h]["since"], reverse=True)[:KNOWN_DEVICES_KEPT]
    return {h: kept[h] for h in newest}
