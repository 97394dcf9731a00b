"""The portal's today: the calendar date in the Netherlands (chalicelib/services/deps.py), not the machine's.

Between midnight in Amsterdam and midnight UTC the two differ; a browser test that types or expects a date
uses this one."""
from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo


def dutch_today() -> date:
    return datetime.now(ZoneInfo("Europe/Amsterdam")).date()
