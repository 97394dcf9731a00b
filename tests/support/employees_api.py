"""Adding employees and ziekmeldingen through the API from a signed-in browser page (as the forms would), for e2e
tests that need many of them quickly."""
from __future__ import annotations

import itertools
import time

from playwright.sync_api import Page

from infra.local.seed import DEMO_DEPARTMENTS
from tests.support.pages import api

KANTOOR = DEMO_DEPARTMENTS[0][0]

_numbers = itertools.count(1)


def _csrf(page: Page) -> dict[str, str]:
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "vp_csrf")
    return {"X-CSRF-Token": token}


def add_employee_api(page: Page, first_name: str, last_name: str, **fields: str) -> str:
    """POST /api/employees as "Medewerker toevoegen" does, in Demo BV's afdeling Kantoor unless `department_id`
    says otherwise; returns the new employee's id."""
    number = f"A{int(time.time() * 1000) % 10**9}{next(_numbers)}"
    body = {"first_name": first_name, "last_name": last_name, "personnel_number": number,
            "date_of_birth": "1985-04-12", "start_date": "2020-01-01", "contract_hours": "32",
            "department_id": KANTOOR, **fields}
    return api(page.request.post("/api/employees", data=body, headers=_csrf(page)))["employee_id"]


def report_sick_api(page: Page, employee_id: str, first_day: str) -> None:
    """POST /api/absences as "Ziek melden" does."""
    api(page.request.post("/api/absences", data={"employee_id": employee_id, "first_sick_day": first_day},
                          headers={**_csrf(page), "Idempotency-Key": f"e2e-{employee_id}"}))
