"""Zwangerschaps- en bevallingsverlof: registered as leave, not as a ziekmelding (domain/wazo.py).

The leave never enters the verzuim figures (they read absences only), has its own two tasks on the home page, and
a ziekmelding whose first day falls in it is refused (services/absences.py, atomically in the store).
"""
from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated, TypedDict

from .. import store
from ..domain import names, wazo
from ..domain.employees import parse_date
from ..domain.errors import Conflict, InvalidInput, NotFound
from ..domain.fields import Field
from ..observability import logger
from ..store import records
from . import audit
from .absences import TaskView, task_view
from .deps import Deps
from .sessions import Principal

_DATE = 32
_EXPECTED_PAST_WEEKS = 26
"""A leave whose expected date lies further back than this is no new registration (a typing error)."""
_EXPECTED_AHEAD_WEEKS = 42
"""A pregnancy lasts about forty weeks: an expected date further ahead is a typing error."""


@dataclass(frozen=True)
class LeaveForm:
    """Zwangerschapsverlof registreren: whose, the expected date of birth and (optionally) the first leave day."""
    employee_id: Annotated[str, Field("de medewerker", max_length=64, required="Kies de medewerker.")]
    expected_on: Annotated[str, Field("de uitgerekende datum", max_length=_DATE, format="date",
                                      example="2027-03-10")]
    starts_on: Annotated[str | None, Field(
        "de eerste verlofdag", max_length=_DATE, format="date", example="2027-02-11",
        description="Tussen zes en vier weken voor de dag na de uitgerekende datum (Wazo art. 3:1); standaard vier "
                    "weken ervoor.")] = None


@dataclass(frozen=True)
class BirthForm:
    born_on: Annotated[str, Field("de bevallingsdatum", max_length=_DATE, format="date", example="2027-03-08")]


class LeaveView(TypedDict):
    """A leave with its two parts (each first and last day; the zwangerschapsverlof None when the child came before
    it would have begun), its total length and its tasks."""
    leave_id: str
    employee_id: str
    expected_on: str
    starts_on: str
    born_on: str | None
    pregnancy_from: str | None
    pregnancy_until: str | None
    maternity_from: str
    maternity_until: str
    total_days: int
    on_leave_today: bool
    tasks: list[TaskView]


class LeaveRemoved(TypedDict):
    """The leave is gone, with this many tasks."""
    tasks_removed: int


def register(deps: Deps, principal: Principal, form: LeaveForm) -> LeaveView:
    """The leave and its tasks (the WAZO application, the date of birth), and the employee's leave mark."""
    employee = store.employees.get(principal.scope, form.employee_id[:64])
    if employee is None:
        raise InvalidInput("Deze medewerker bestaat niet.", code="employee_unknown", field="employee_id")
    today = deps.today()
    expected = parse_date(form.expected_on, "expected_on")
    if not today - timedelta(weeks=_EXPECTED_PAST_WEEKS) <= expected <= today + timedelta(weeks=_EXPECTED_AHEAD_WEEKS):
        raise InvalidInput(f"Vul een uitgerekende datum in die niet meer dan {_EXPECTED_PAST_WEEKS} weken voorbij "
                           f"is en niet meer dan {_EXPECTED_AHEAD_WEEKS} weken vooruit ligt.",
                           code="expected_date_out_of_range", field="expected_on")
    starts_on = parse_date(form.starts_on, "starts_on") if form.starts_on else wazo.default_start(expected)
    wazo.check_start(expected, starts_on)
    if employee.open_absence_id:
        raise _sick()
    periods = wazo.periods(expected, starts_on)
    leave = records.Leave(employer_id=principal.employer_id, leave_id=str(uuid.uuid4()),
                          employee_id=employee.employee_id, expected_on=expected.isoformat(),
                          starts_on=starts_on.isoformat(), ends_on=periods.maternity_until.isoformat(),
                          created_by=principal.user_id, created_at=deps.now(), department_id=employee.department_id)
    tasks = [_task(leave, planned) for planned in wazo.tasks_for_leave(expected, starts_on)]
    try:
        store.leaves.register(leave, tasks, audit=audit.line(deps, principal, "leave_registered", "leave",
                                                             leave.leave_id, employee_id=employee.employee_id))
    except store.leaves.Refused:
        raise _refused(principal, employee.employee_id) from None
    logger.info("leave registered", extra={"user_id": principal.user_id, "leave_id": leave.leave_id})
    return view(leave, tasks, today)


def set_birth(deps: Deps, principal: Principal, leave_id: str, form: BirthForm) -> LeaveView:
    """Bevallingsdatum invullen (or correct it): the bevallingsverlof's end follows, so does the report's due date."""
    leave = _leave(principal, leave_id)
    today = deps.today()
    expected = date.fromisoformat(leave.expected_on)
    born_on = parse_date(form.born_on, "born_on")
    wazo.check_birth(expected, born_on, today)
    periods = wazo.periods(expected, date.fromisoformat(leave.starts_on), born_on)
    tasks = store.absences.tasks_of(leave.leave_id)
    report = next((t for t in tasks if t.code == wazo.BEVALLINGSDATUM.code), None)
    report_due = (born_on + timedelta(days=wazo.BIRTH_REPORT_DAYS)).isoformat()
    if not store.leaves.set_birth(leave, born_on.isoformat(), periods.maternity_until.isoformat(),
                                  periods.first_day.isoformat(), report, report_due,
                                  audit=audit.line(deps, principal, "birth_date_set", "leave", leave.leave_id,
                                                   employee_id=leave.employee_id)):
        raise Conflict("Dit verlof is intussen gewijzigd. Vernieuw de pagina.", code="leave_changed")
    logger.info("birth date set", extra={"user_id": principal.user_id, "leave_id": leave.leave_id})
    written = dataclasses.replace(leave, born_on=born_on.isoformat(), ends_on=periods.maternity_until.isoformat())
    moved = [dataclasses.replace(t, due=report_due) if t is report and t.status == "open" else t for t in tasks]
    return view(written, moved, today, reopen_seconds=deps.settings.task_reopen_seconds)


def remove(deps: Deps, principal: Principal, leave_id: str) -> LeaveRemoved:
    """Verlof verwijderen: a leave registered in error goes, with its tasks; the employee may be reported sick on
    its days again. The audit trail keeps that it was registered and removed, and by whom."""
    leave = _leave(principal, leave_id)
    employee = store.employees.get(principal.scope, leave.employee_id)
    if employee is None:
        raise NotFound("Dit verlof bestaat niet.", code="leave_unknown")
    tasks = store.absences.tasks_of(leave.leave_id)
    if not store.leaves.remove(leave, tasks, employee,
                               audit=audit.line(deps, principal, "leave_removed", "leave", leave.leave_id,
                                                employee_id=leave.employee_id)):
        raise Conflict("Dit verlof is intussen gewijzigd. Vernieuw de pagina.", code="leave_changed")
    logger.info("leave removed", extra={"user_id": principal.user_id, "leave_id": leave.leave_id,
                                        "tasks": len(tasks)})
    return {"tasks_removed": len(tasks)}


def get(deps: Deps, principal: Principal, leave_id: str) -> LeaveView:
    leave = _leave(principal, leave_id)
    audit.record(deps, principal, "leave_viewed", "leave", leave.leave_id, employee_id=leave.employee_id)
    return view(leave, store.absences.tasks_of(leave.leave_id), deps.today(),
                reopen_seconds=deps.settings.task_reopen_seconds)


def view(leave: records.Leave, tasks: list[records.Task], today: date, *, reopen_seconds: int = 0) -> LeaveView:
    periods = wazo.periods(date.fromisoformat(leave.expected_on), date.fromisoformat(leave.starts_on),
                           date.fromisoformat(leave.born_on) if leave.born_on else None)
    return {"leave_id": leave.leave_id, "employee_id": leave.employee_id, "expected_on": leave.expected_on,
            "starts_on": leave.starts_on, "born_on": leave.born_on,
            "pregnancy_from": _iso(periods.pregnancy_from), "pregnancy_until": _iso(periods.pregnancy_until),
            "maternity_from": periods.maternity_from.isoformat(),
            "maternity_until": periods.maternity_until.isoformat(), "total_days": periods.total_days,
            "on_leave_today": periods.first_day <= today <= periods.maternity_until,
            "tasks": [task_view(t, reopen_seconds=reopen_seconds, case_open=True)
                      for t in sorted(tasks, key=lambda t: t.due)]}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _task(leave: records.Leave, planned: wazo.PlannedLeaveTask) -> records.Task:
    return records.Task(employer_id=leave.employer_id, task_id=str(uuid.uuid4()), absence_id=leave.leave_id,
                        employee_id=leave.employee_id, code=planned.code, title=planned.title,
                        due=planned.due.isoformat(), status="open", department_id=leave.department_id)


def _leave(principal: Principal, leave_id: str) -> records.Leave:
    leave = store.leaves.get(principal.scope, leave_id[:64])
    if leave is None:
        raise NotFound("Dit verlof bestaat niet.", code="leave_unknown")
    return leave


def _sick() -> Conflict:
    return Conflict("Deze medewerker is ziek gemeld. Het verlof gaat voor de ziekte: meld het herstel per de eerste "
                    "verlofdag en registreer daarna het verlof.", code="already_absent")


def _refused(principal: Principal, employee_id: str) -> Conflict:
    """Why the store refused: the employee was reported sick meanwhile, or has a leave that is not over."""
    employee = store.employees.get(principal.scope, employee_id)
    if employee is None:
        raise NotFound("Deze medewerker bestaat niet meer.", code="employee_unknown")
    if employee.open_absence_id:
        return _sick()
    until = date.fromisoformat(employee.leave_until) if employee.leave_until else None
    name = names.display_name(employee.first_name, employee.infix, employee.last_name)
    return Conflict(f"Voor {name} is al een zwangerschaps- en bevallingsverlof geregistreerd"
                    + (f" tot en met {until:%d-%m-%Y}" if until else "") + ".", code="leave_exists")
