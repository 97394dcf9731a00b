"""Reporting an employee sick through the API, as the "Ziek melden" form does."""
from __future__ import annotations

from urllib.parse import urlencode

from tests.support.portal import Answer, Browser


def sick(browser: Browser, employee_id: str, first_day: str = "2026-09-14", key: str = "k-1", **facts) -> Answer:
    return browser.post("/api/absences", {"employee_id": employee_id, "first_sick_day": first_day, **facts},
                        headers={"Idempotency-Key": key})


def open_tasks(browser: Browser, view: str = "alles") -> list[dict]:
    """Every open task of a view of the home page's "Nu te doen", page after page, by due date."""
    tasks: list[dict] = []
    cursor = None
    while True:
        answer = browser.get("/api/tasks?" + urlencode({"view": view, **({"cursor": cursor} if cursor else {})}))
        assert answer.status == 200, answer.body
        tasks += [task for case in answer.body["cases"] for task in case["tasks"]]
        cursor = answer.body["next_cursor"]
        if cursor is None:
            return sorted(tasks, key=lambda t: (t["due"], t["task_id"]))
