"""Medewerker toevoegen, wijzigen, uit dienst: the employees of the signed-in user's employer."""
from __future__ import annotations

import dataclasses
import uuid
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from .. import store
from ..domain import names
from ..domain.employees import EmployeeFields, clean_employee
from ..domain.errors import InvalidInput, NotFound
from ..observability import logger
from . import audit, retention
from .absences import task_view
from .absences import view as absence_view
from .deps import Deps
from .sessions import Principal

_STORED = ("first_name", "infix", "last_name", "personnel_number", "date_of_birth", "start_date", "contract_hours",
           "work_phone", "work_email", "end_date")


def add(deps: Deps, principal: Principal, data: dict[str, Any]) -> dict:
    fields = clean_employee(data, today=deps.today())
    attributes = stored_attributes(fields)
    purge = retention.employee_purge_fields(deps, retention.rules(principal.employer_id), attributes["end_date"])
    employee = store.models.Employee(principal.employer_id, str(uuid.uuid4()), created_at=deps.now(), **attributes,
                                     **{name: value for name, value in purge.items() if value is not None})
    if not store.employees.create(employee, audit=audit.line(deps, principal, "employee_added", "employee",
                                                             employee.employee_id)):
        raise _number_taken()
    logger.info("employee added", extra={"user_id": principal.user_id, "employee_id": employee.employee_id})
    return view(employee)


def update(deps: Deps, principal: Principal, employee_id: str, data: dict[str, Any]) -> dict:
    """Change an employee's details; the whole record is checked again, as on the add form."""
    current = _get(principal, employee_id)
    fields = clean_employee({**view(current), **data}, today=deps.today())
    changes = {name: value for name, value in stored_attributes(fields).items() if getattr(current, name) != value}
    if "end_date" in changes:
        changes |= retention.employee_purge_fields(deps, retention.rules(principal.employer_id), changes["end_date"])
    if changes and not store.employees.update(
            current, changes, deps.now(), audit=audit.line(deps, principal, "employee_changed", "employee", employee_id)):
        raise _number_taken()
    if "end_date" in changes:
        retention.employment_end_changed(deps, _get(principal, employee_id))
    logger.info("employee changed", extra={"user_id": principal.user_id, "employee_id": employee_id,
                                           "fields": sorted(changes)})
    return view(_get(principal, employee_id))


def get(deps: Deps, principal: Principal, employee_id: str) -> dict:
    return view(_get(principal, employee_id))


def list_all(deps: Deps, principal: Principal) -> list[dict]:
    employees = store.employees.list_for_employer(principal.employer_id)
    return [view(e) for e in sorted(employees, key=lambda e: (e.last_name.lower(), e.first_name.lower()))]


def view(employee: object) -> dict:
    return {"employee_id": employee.employee_id, **{name: getattr(employee, name) for name in _STORED}}


def _get(principal: Principal, employee_id: str) -> object:
    employee = store.employees.get(principal.employer_id, employee_id[:64])
    if employee is None:
        raise NotFound("Deze medewerker bestaat niet.", code="employee_unknown")
    return employee


def stored_attributes(fields: EmployeeFields) -> dict[str, Any]:
    """Dates as ISO text and hours as a number, the way the store keeps them."""
    values = dataclasses.asdict(fields)
    return {name: (value.isoformat() if isinstance(value, date) else
                   float(value) if name == "contract_hours" else value)
            for name, value in values.items() if name in _STORED}


def _number_taken() -> InvalidInput:
    return InvalidInput("Dit personeelsnummer is al in gebruik bij een andere medewerker.",
                        code="personnel_number_taken", field="personnel_number")


_MAX_RESULTS = 50
_MAX_KEY_PAGES = 5
_KEYS_PER_PAGE = 200
_DUTCH_TIME = ZoneInfo("Europe/Amsterdam")


def search(deps: Deps, principal: Principal, query: str) -> list[dict]:
    """"Dossier zoeken": any part of the name, in any order, or a personnel number; absent employees first.

    Reads the search keys of the longest word a page (`_KEYS_PER_PAGE` keys) at a time until 50 employees match or
    `_MAX_KEY_PAGES` pages are read; when keys are left unread, the employer's absent employees (a sparse
    index, as many as are sick now) are matched too, so an absent employee is never crowded out.
    """
    tokens = names.query_tokens(query or "")
    if not tokens:
        return []
    found: dict[str, object] = {}
    start, prefix = None, max(tokens, key=len)
    for _ in range(_MAX_KEY_PAGES):
        candidates, start = store.employees.search_candidates(principal.employer_id, prefix,
                                                              limit=_KEYS_PER_PAGE, start=start)
        _add_matches(found, store.employees.get_many(principal.employer_id, [c for c in candidates
                                                                             if c not in found]), tokens)
        if start is None or len(found) >= _MAX_RESULTS:
            break
    if start is not None:
        _add_matches(found, store.employees.absent(principal.employer_id), tokens)
    ranked = sorted(found.values(), key=lambda e: (e.open_absence_id is None,
                                                   names.sort_key(e.first_name, e.infix, e.last_name)))
    return [{"employee_id": e.employee_id, "display_name": names.display_name(e.first_name, e.infix, e.last_name),
             "personnel_number": e.personnel_number, "absent": e.open_absence_id is not None,
             "open_absence_id": e.open_absence_id} for e in ranked[:_MAX_RESULTS]]


def _add_matches(found: dict[str, object], employees: list, tokens: list[str]) -> None:
    for e in employees:
        if names.matches(names.name_keys(e.first_name, e.infix, e.last_name, e.personnel_number), tokens):
            found[e.employee_id] = e


def dossier(deps: Deps, principal: Principal, employee_id: str) -> dict:
    """The employee, every absence (the open one first, then newest first) with its tasks, and a timeline.

    Tasks carry what the page shows: `overdue` for open ones, and for done ones the day (`done_on`) and the
    name of the user who ticked them off (`done_by_name`), read with one BatchGetItem.
    """
    employee = _get(principal, employee_id)
    audit.record(deps, principal, "dossier_viewed", "employee", employee.employee_id)
    absences = sorted(store.absences.for_employee(principal.employer_id, employee.employee_id),
                      key=lambda a: (a.status == "open", a.first_sick_day), reverse=True)
    histories = [(a, store.absences.tasks_of(a.absence_id)) for a in absences]
    done_by = {user.user_id: user.name for user in store.users.get_many(
        [task.done_by for _, tasks in histories for task in tasks if task.done_by])}
    today = deps.today().isoformat()
    timeline = []
    for absence, tasks in histories:
        timeline.append({"date": absence.first_sick_day, "event": "Ziek gemeld"})
        timeline += [{"date": step.from_date, "event": f"Gedeeltelijk hersteld ({int(step.percentage)}%)"}
                     for step in absence.steps]
        if absence.recovered_on:
            timeline.append({"date": absence.recovered_on, "event": "Hersteld gemeld"})
        timeline += [{"date": _done_on(task) or task.due, "event": f"Taak afgerond: {task.title}"} for task in tasks
                     if task.status == "done"]
    return {"employee": {**view(employee), "display_name": names.display_name(employee.first_name, employee.infix,
                                                                              employee.last_name)},
            "absences": [{**absence_view(a), "tasks": [_dossier_task(t, done_by, today) for t in tasks]}
                         for a, tasks in histories],
            "timeline": sorted(timeline, key=lambda e: e["date"], reverse=True)}


def _dossier_task(task: object, done_by: dict[str, str], today: str) -> dict:
    return {**task_view(task), "overdue": task.status == "open" and task.due < today, "done_on": _done_on(task),
            "done_by_name": done_by.get(task.done_by) if task.done_by else None}


def _done_on(task: object) -> str | None:
    """The Dutch calendar day a task was ticked off."""
    return datetime.fromtimestamp(int(task.done_at), _DUTCH_TIME).date().isoformat() if task.done_at else None
