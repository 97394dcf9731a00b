"""Rate limits: a minimum gap between requests and a maximum per window, claimed by conditional writes."""
from __future__ import annotations

from typing import Any

from .conditions import conditional_update
from .models import RateLimit


def claim(key: str, now: int, *, gap: int, per_window: int, window: int) -> bool:
    """Count one request for `key` if it is within its limits; concurrent claims can never exceed them."""
    gap_passed = RateLimit.last_at.does_not_exist() | (RateLimit.last_at <= now - gap)
    in_window = (RateLimit.window_start > now - window) & (RateLimit.count < per_window)
    if _update(key, [RateLimit.last_at.set(now), RateLimit.count.add(1)], gap_passed & in_window):
        return True
    window_over = RateLimit.window_start.does_not_exist() | (RateLimit.window_start <= now - window)
    return _update(key, [RateLimit.last_at.set(now), RateLimit.window_start.set(now), RateLimit.count.set(1),
                         RateLimit.expires_at.set(now + window)], gap_passed & window_over)


def _update(key: str, actions: list[Any], condition: Any) -> bool:
    return conditional_update(RateLimit(key), actions, condition)
