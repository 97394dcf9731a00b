"""Moments as the API sends them: ISO 8601 in UTC, to the second (docs/api.md `iso`)."""
from __future__ import annotations

from datetime import UTC, datetime


def iso_utc(epoch_seconds: int | float) -> str:
    """`2026-12-02T19:30:00Z` for a stored epoch-seconds value."""
    moment = datetime.fromtimestamp(int(epoch_seconds), UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
