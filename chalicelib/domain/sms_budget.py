"""One budget for every SMS the portal sends (login, resend, re-authentication, phone change, onboarding).

An SMS costs money and reaches a person, so each is counted before it is sent, against every limit at once:
per account, per destination number, per number range (prefix), per invitation link, and portal-wide per
hour. The windows are fixed (this hour, this day): at a window's edge a sender may get up to twice a limit
within a short time, never more. The portal-wide ceiling sits well below what the SNS spend limit allows in a
month, and an alarm fires when it is reached (infra/aws/monitoring.py).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

HOUR = 3600
DAY = 24 * HOUR
PREFIX_LENGTH = 7
"""`+316123`: country code, mobile prefix and the first digits: a block of ten thousand numbers."""


@dataclass(frozen=True)
class SmsLimits:
    per_account_hour: int = 8
    per_account_day: int = 24
    per_number_hour: int = 8
    per_number_day: int = 24
    per_prefix_hour: int = 30
    per_invitation: int = 3
    portal_per_hour: int = 120


@dataclass(frozen=True)
class Bucket:
    """One counter an SMS must fit in: its store key, its limit, and when the counter may be forgotten."""
    name: str
    key: str
    limit: int
    expires_at: int


def buckets(limits: SmsLimits, now: int, *, account: str, number: str, invitation: str | None = None) -> list[Bucket]:
    """The counters one SMS to `number` for `account` (and, during onboarding, `invitation`) spends."""
    hour, day = now // HOUR, now // DAY
    hashed = hashlib.sha256(number.encode()).hexdigest()[:24]  # no phone numbers in plain text in the counters
    found = [
        Bucket("account", f"sms#account#{account}#h{hour}", limits.per_account_hour, (hour + 2) * HOUR),
        Bucket("account", f"sms#account#{account}#d{day}", limits.per_account_day, (day + 2) * DAY),
        Bucket("number", f"sms#number#{hashed}#h{hour}", limits.per_number_hour, (hour + 2) * HOUR),
        Bucket("number", f"sms#number#{hashed}#d{day}", limits.per_number_day, (day + 2) * DAY),
        Bucket("prefix", f"sms#prefix#{number[:PREFIX_LENGTH]}#h{hour}", limits.per_prefix_hour, (hour + 2) * HOUR),
        Bucket("portal", f"sms#portal#h{hour}", limits.portal_per_hour, (hour + 2) * HOUR),
    ]
    if invitation:
        found.append(Bucket("invitation", f"sms#invitation#{invitation}", limits.per_invitation, now + 8 * DAY))
    return found
