"""Reporting an employee sick through the API, as the "Ziek melden" form does."""
from __future__ import annotations

from tests.support.portal import Answer, Browser


def sick(browser: Browser, employee_id: str, first_day: str = "2026-09-14", key: str = "k-1", **facts) -> Answer:
    return browser.post("/api/absences", {"employee_id": employee_id, "first_sick_day": first_day, **facts},
                        headers={"Idempotency-Key": key})
