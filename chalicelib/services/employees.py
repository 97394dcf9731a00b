"""Medewerker toevoegen, wijzigen, uit dienst: the employees of the signed-in user's employer."""
from __future__ import annotations

import base64
import binascii
import dataclasses
import json
import re
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated, Any, Literal, TypedDict

from .. import store
from ..domain import departments, names
from ..domain.employees import LABELS, EmployeeFields, clean_employee
from ..domain.errors import InvalidInput, NotFound
from ..domain.fields import NOT_SENT, Field, Unset
from ..observability import logger
from ..store import records
from . import audit, retention
from .absences import AbsenceView, TaskView, done_on, employment_end_changed, task_view
from .absences import view as absence_view
from .deps import Deps
from .leaves import LeaveView
from .leaves import view as leave_view
from .sessions import Principal

_STORED = ("first_name", "infix", "last_name", "personnel_number", "date_of_birth", "start_date", "contract_hours",
           "work_phone", "work_email", "end_date")
_DATE = 32  # longer is no date; parse_date says how to write one

# Each field's label and the sentence when it is missing, as the domain rules word them. The length and format
# rules are domain/employees.py's (with their own messages, which the form shows next to the field); the contract
# only checks the JSON type and that required fields are there.
_FIRST_NAME = Field(LABELS["first_name"], required="Vul voornaam of voorletters in.", example="Jan")
_INFIX = Field(LABELS["infix"], example="de")
_LAST_NAME = Field(LABELS["last_name"], required="Vul achternaam in.", example="Vries")
_PERSONNEL_NUMBER = Field(LABELS["personnel_number"], required="Vul het personeelsnummer in.", example="1001",
                          description="Personeelsnummer: 1 tot 20 letters, cijfers of streepjes.")
_DATE_OF_BIRTH = Field(LABELS["date_of_birth"], max_length=_DATE, format="date", example="1980-04-12",
                       required="Vul de geboortedatum in.")
_START_DATE = Field(LABELS["start_date"], max_length=_DATE, format="date", example="2015-03-01",
                    required="Vul de datum in dienst in.")
_CONTRACT_HOURS = Field(LABELS["contract_hours"], max_length=16, example="32,5",
                        required="Vul het aantal contracturen per week in.",
                        description="Contracturen per week zoals getypt: meer dan 0 en hoogstens 60, met een "
                                    "decimale komma of punt en hoogstens twee decimalen (32,5).")
_WORK_PHONE = Field(LABELS["work_phone"], example="013-1234567")
_WORK_EMAIL = Field(LABELS["work_email"], format="email", example="jan@bakkerij.nl")
_END_DATE = Field(LABELS["end_date"], max_length=_DATE, format="date", example="2026-12-31")
_DEPARTMENT = Field("de afdeling", max_length=64, example="9b2f3c1e-…",
                    description="De afdeling of het team (department_id uit GET /api/departments). Verplicht zodra "
                                "de werkgever afdelingen heeft.")


@dataclass(frozen=True, kw_only=True)
class EmployeeForm:
    """Medewerker toevoegen, in form order. No BSN and nothing medical: other fields are ignored, never stored.

    `contract_hours` is the text as typed ("32,5") from the form, or a number from a script.
    """
    first_name: Annotated[str, _FIRST_NAME]
    infix: Annotated[str | None, _INFIX] = None
    last_name: Annotated[str, _LAST_NAME]
    personnel_number: Annotated[str, _PERSONNEL_NUMBER]
    date_of_birth: Annotated[str, _DATE_OF_BIRTH]
    start_date: Annotated[str, _START_DATE]
    contract_hours: Annotated[float | str, _CONTRACT_HOURS]
    work_phone: Annotated[str | None, _WORK_PHONE] = None
    work_email: Annotated[str | None, _WORK_EMAIL] = None
    end_date: Annotated[str | None, _END_DATE] = None
    department_id: Annotated[str | None, _DEPARTMENT] = None


@dataclass(frozen=True, kw_only=True)
class EmployeeChange:
    """Gegevens wijzigen: any of the form's fields. A field sent replaces the current value (null or empty clears
    an optional one, and is refused for a required one); a field left out keeps its value."""
    first_name: Annotated[str | None | Unset, _FIRST_NAME] = NOT_SENT
    infix: Annotated[str | None | Unset, _INFIX] = NOT_SENT
    last_name: Annotated[str | None | Unset, _LAST_NAME] = NOT_SENT
    personnel_number: Annotated[str | None | Unset, _PERSONNEL_NUMBER] = NOT_SENT
    date_of_birth: Annotated[str | None | Unset, _DATE_OF_BIRTH] = NOT_SENT
    start_date: Annotated[str | None | Unset, _START_DATE] = NOT_SENT
    contract_hours: Annotated[float | str | None | Unset, _CONTRACT_HOURS] = NOT_SENT
    work_phone: Annotated[str | None | Unset, _WORK_PHONE] = NOT_SENT
    work_email: Annotated[str | None | Unset, _WORK_EMAIL] = NOT_SENT
    end_date: Annotated[str | None | Unset, _END_DATE] = NOT_SENT
    department_id: Annotated[str | None | Unset, _DEPARTMENT] = NOT_SENT
    """A different department moves the employee from today on; where they were stays in `department_history`."""


@dataclass(frozen=True)
class SearchQuery:
    q: Annotated[str | None, Field("de zoekterm", description="Een deel van de naam, in elke volgorde, of een "
                                                              "personeelsnummer (hoogstens 200 tekens gelezen).",
                                   example="jan vries")] = None


class DepartmentStepView(TypedDict):
    """An earlier department of the employee, from one day until another (both inclusive)."""
    department_id: str
    from_date: str
    until: str


class EmployeeView(TypedDict):
    """A medewerker as stored: dates yyyy-mm-dd, hours a number; `department_history` oldest first."""
    employee_id: str
    first_name: str
    infix: str | None
    last_name: str
    personnel_number: str
    date_of_birth: str
    start_date: str
    contract_hours: float
    work_phone: str | None
    work_email: str | None
    end_date: str | None
    department_id: str | None
    department_since: str | None
    department_history: list[DepartmentStepView]


ListFilter = Literal["alle", "ziek", "niet_ziek", "uit_dienst"]


@dataclass(frozen=True)
class EmployeeListQuery:
    """Without `filter` and `cursor` the whole list (the pickers of Ziek melden and home); with either one page."""
    filter: Annotated[ListFilter | None, Field(
        "het filter", example="ziek",
        description="alle, ziek (nu ziek gemeld), niet_ziek, uit_dienst (de datum uit dienst is voorbij). "
                    "Met een filter komt één pagina van hoogstens 50 medewerkers, op naam.")] = None
    cursor: Annotated[str | None, Field(
        "de vervolgpagina", max_length=1500,
        description="next_cursor van de vorige pagina, ongewijzigd; alleen geldig met hetzelfde filter.")] = None


class EmployeeListItem(EmployeeView):
    """A row of the Medewerkers list: the employee with their name as shown and whether they are sick or gone."""
    display_name: str
    absent: bool
    uit_dienst: bool


class EmployeeList(TypedDict):
    """`next_cursor`: where the next page starts (null: this was the last page, or the whole list)."""
    employees: list[EmployeeListItem]
    next_cursor: str | None


class SearchResult(TypedDict):
    employee_id: str
    display_name: str
    personnel_number: str
    absent: bool
    open_absence_id: str | None


class SearchResults(TypedDict):
    results: list[SearchResult]


class DossierEmployee(EmployeeView):
    display_name: str


class DossierTask(TaskView):
    """A task as the dossier shows it: overdue when open past its due date; for a done one the Dutch calendar day
    and the name of who ticked it off."""
    overdue: bool
    done_by_name: str | None


class DossierAbsence(AbsenceView):
    tasks: list[DossierTask]  # type: ignore[misc]  # always present here, with the dossier's task fields


class TimelineEvent(TypedDict):
    date: str
    event: str


class DossierLeave(LeaveView):
    tasks: list[DossierTask]  # type: ignore[misc]  # always present here, with the dossier's task fields


class Dossier(TypedDict):
    employee: DossierEmployee
    absences: list[DossierAbsence]
    leaves: list[DossierLeave]
    """Zwangerschaps- en bevallingsverlof, the latest first: leave, not absence (domain/wazo.py)."""
    timeline: list[TimelineEvent]


def add(deps: Deps, principal: Principal, form: EmployeeForm) -> EmployeeView:
    fields, department = _checked(deps, principal, dataclasses.asdict(form), form.department_id, required=True)
    attributes = stored_attributes(fields)
    employee = records.Employee(
        employer_id=principal.employer_id, employee_id=str(uuid.uuid4()), created_at=deps.now(), **attributes,
        department_id=department.department_id if department else None,
        afdeling_id=_afdeling_of(department) if department else None,
        department_since=deps.today().isoformat() if department else None,
        purge_on=retention.employee_purge_on(deps, retention.rules(principal.employer_id), attributes["end_date"]))
    if not store.employees.create(employee, audit=audit.line(deps, principal, "employee_added", "employee",
                                                             employee.employee_id, employee_id=employee.employee_id)):
        raise _number_taken()
    logger.info("employee added", extra={"user_id": principal.user_id, "employee_id": employee.employee_id})
    return view(employee)


def update(deps: Deps, principal: Principal, employee_id: str, change: EmployeeChange) -> EmployeeView:
    """Change an employee's details; the whole record is checked again, as on the add form. The fields the request
    held replace the current values, the others (NOT_SENT) are kept."""
    current = _get(principal, employee_id)
    changed = {field.name: getattr(change, field.name) for field in dataclasses.fields(change)
               if getattr(change, field.name) is not NOT_SENT}
    department_id = changed.pop("department_id", NOT_SENT)
    fields, department = _checked(deps, principal, {**view(current), **changed}, department_id,
                                  required=department_id is not NOT_SENT)
    changes = {name: value for name, value in stored_attributes(fields).items() if getattr(current, name) != value}
    if department is not None and department.department_id != current.department_id:
        changes.update(_moved(current, department, deps.today()))
    if "end_date" in changes:
        changes["purge_on"] = retention.employee_purge_on(deps, retention.rules(principal.employer_id),
                                                          changes["end_date"])
    if changes and not store.employees.update(
            current, changes, deps.now(),
            audit=audit.line(deps, principal, "employee_moved" if "department_id" in changes else "employee_changed",
                             "employee", current.employee_id, employee_id=current.employee_id)):
        raise _number_taken()
    current = dataclasses.replace(current, **changes)  # the record as written: not read again
    if "department_id" in changes:
        store.absences.move(current)  # their absences and tasks follow, into the new department's lists
        store.leaves.move(current)
    if "end_date" in changed:
        # Whenever the request holds an end date, not only when it changed: both follow-ups set what the end date
        # implies, so sending a change again completes one whose follow-up failed (DynamoDB busy) after it landed.
        retention.employment_end_changed(deps, current)
        employment_end_changed(deps, principal, current)  # the ziek-uit-dienstmelding of an open case
    logger.info("employee changed", extra={"user_id": principal.user_id, "employee_id": employee_id,
                                           "fields": sorted(changes)})
    return view(current)


def get(deps: Deps, principal: Principal, employee_id: str) -> EmployeeView:
    return view(_get(principal, employee_id))


def _checked(deps: Deps, principal: Principal, data: dict[str, Any], department_id: str | None | Unset, *,
             required: bool) -> tuple[EmployeeFields, records.Department | None]:
    """The employee's fields checked (domain/employees.py) and the department with them, every problem in one
    InvalidInput: the department must be one of this employer's, and in the caller's scope (a leidinggevende puts
    employees only where they see them); it is required (when `required`) as soon as the employer has departments,
    and always for a leidinggevende."""
    problems: list[InvalidInput] = []
    fields, department = None, None
    try:
        fields = clean_employee(data, today=deps.today())
    except InvalidInput as error:
        problems += error.errors
    scope = principal.scope
    if isinstance(department_id, str) and department_id:
        department = store.departments.get(principal.employer_id, department_id[:64])
        if department is None or not scope.covers_department(department.department_id, department.parent_id):
            problems.append(InvalidInput("Deze afdeling bestaat niet (meer). Kies een afdeling uit de lijst.",
                                         code="department_unknown", field="department_id"))
    elif required and (not scope.whole_employer or store.departments.any_for_employer(principal.employer_id)):
        problems.append(InvalidInput("Kies de afdeling of het team van de medewerker.", code="department_missing",
                                     field="department_id"))
    if problems or fields is None:
        raise InvalidInput.every(problems)
    return fields, department


def _afdeling_of(department: records.Department) -> str:
    return departments.afdeling_of(department.department_id, department.parent_id)


def _moved(current: records.Employee, department: records.Department, today: date) -> dict[str, Any]:
    """What a move changes: the new department from today, and the old one kept in the history until yesterday
    (a move on the day the employee got their department corrects it, and keeps no step of a day's length 0)."""
    since = current.department_since
    history = current.department_history
    if current.department_id and since and since < today.isoformat():
        history += (records.DepartmentStep(department_id=current.department_id, from_date=since,
                                           until=(today - timedelta(days=1)).isoformat()),)
    return {"department_id": department.department_id, "afdeling_id": _afdeling_of(department),
            "department_since": today.isoformat(), "department_history": history}


def list_all(deps: Deps, principal: Principal) -> EmployeeList:
    """Every employee in scope by last name: for the whole employer one Query of its partition (grows with the
    employer); for a leidinggevende their departments' name-order keys and those employees (grows with them)."""
    scope = principal.scope
    employees = store.employees.list_for_employer(principal.employer_id) if scope.whole_employer else \
        store.employees.every(scope)
    today = deps.today().isoformat()
    return {"employees": [list_item(e, today) for e in sorted(
        employees, key=lambda e: names.sort_key(e.first_name, e.infix, e.last_name))], "next_cursor": None}


PAGE_SIZE = 50
_FILTER_ROUNDS = 4  # "niet ziek" and "uit dienst" read at most this many pages of keys for one page of answers
_EMPLOYEE_ID = re.compile(r"[A-Za-z0-9-]{1,64}")
_MAX_KEY = 1024  # bytes: DynamoDB's limit for a sort key
_FILTERS: tuple[ListFilter, ...] = ("alle", "ziek", "niet_ziek", "uit_dienst")


def list_page(deps: Deps, principal: Principal, query: EmployeeListQuery) -> EmployeeList:
    """One page of the Medewerkers list, at most `PAGE_SIZE` employees, and the cursor of the next.

    Alle, niet ziek, uit dienst: in name order, from each employee's name-order key in `employee-search` (one
    Query of 51 keys and one BatchGetItem a round); "niet ziek" and "uit dienst" filter in code and read at most
    `_FILTER_ROUNDS` rounds, so such a page may hold fewer than 50 while `next_cursor` says more may follow.
    Ziek: the sparse absent_by_employer index, which is ordered by employee id, not by name: each page (51 items)
    is sorted by name, so names are in order across pages only while fewer than 50 are sick. A leidinggevende's
    "ziek" filters their departments' name-order keys as "niet ziek" does: that index holds the whole employer.
    The cursor is opaque: the filter and the last key read; the partition always comes from the session.
    """
    chosen: ListFilter = query.filter or _cursor_filter(query.cursor) or "alle"
    by_index = chosen == "ziek" and principal.scope.whole_employer
    after = _read_cursor(query.cursor, chosen, by_index)
    today = deps.today().isoformat()
    if by_index:
        sick = store.employees.absent_page(principal.employer_id, after, PAGE_SIZE + 1)
        more = len(sick) > PAGE_SIZE
        sick = sick[:PAGE_SIZE]
        return {"employees": [list_item(e, today) for e in sorted(
                    sick, key=lambda e: names.sort_key(e.first_name, e.infix, e.last_name))],
                "next_cursor": _cursor(chosen, sick[-1].employee_id) if more else None}
    found: list[records.Employee] = []
    more = True
    for _ in range(_FILTER_ROUNDS):
        keys = store.employees.by_name(principal.scope, after, PAGE_SIZE + 1)
        more = len(keys) > PAGE_SIZE
        keys = keys[:PAGE_SIZE]
        read = {e.employee_id: e for e in store.employees.get_many(principal.scope, [i for _, i in keys])}
        for position, (key, employee_id) in enumerate(keys):
            after = key
            employee = read.get(employee_id)
            if employee is not None and _fits(chosen, employee, today):
                found.append(employee)
            if len(found) == PAGE_SIZE:
                more = more or position < len(keys) - 1
                break
        if len(found) == PAGE_SIZE or not more:
            break
    return {"employees": [list_item(e, today) for e in found],
            "next_cursor": _cursor(chosen, after) if more and after else None}


def _fits(chosen: ListFilter, employee: records.Employee, today: str) -> bool:
    if chosen == "ziek":
        return employee.open_absence_id is not None
    if chosen == "niet_ziek":
        return employee.open_absence_id is None
    if chosen == "uit_dienst":
        return _gone(employee, today)
    return True


def _gone(employee: records.Employee, today: str) -> bool:
    """Uit dienst: the last day of employment has passed."""
    return employee.end_date is not None and employee.end_date < today


def list_item(employee: records.Employee, today: str) -> EmployeeListItem:
    return {**view(employee), "display_name": names.display_name(employee.first_name, employee.infix,
                                                                 employee.last_name),
            "absent": employee.open_absence_id is not None, "uit_dienst": _gone(employee, today)}


def _cursor(chosen: ListFilter, key: str) -> str:
    text = json.dumps({"f": chosen, "k": key}, separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _bad_cursor() -> InvalidInput:
    return InvalidInput("Deze vervolgpagina klopt niet (meer). Open Medewerkers opnieuw en kies het filter.",
                        code="cursor_invalid", field="cursor")


def _decoded(cursor: str) -> dict:
    try:
        value = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode())
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise _bad_cursor() from None
    if not isinstance(value, dict) or not isinstance(value.get("f"), str) or not isinstance(value.get("k"), str):
        raise _bad_cursor()
    return value


def _cursor_filter(cursor: str | None) -> ListFilter | None:
    if not cursor:
        return None
    named = _decoded(cursor)["f"]
    for chosen in _FILTERS:
        if chosen == named:
            return chosen
    raise _bad_cursor()


def _read_cursor(cursor: str | None, chosen: ListFilter, by_index: bool) -> str | None:
    """The last key of the previous page, checked: made for this filter, and of the shape this filter's keys have
    (an employee id on the absent index, else a name-order key). Only the sort key is taken from the client."""
    if not cursor:
        return None
    value = _decoded(cursor)
    key = value["k"]
    fits = (_EMPLOYEE_ID.fullmatch(key) is not None if by_index else
            key.startswith(store.employees.NAME_ORDER_PREFIX) and len(key.encode()) <= _MAX_KEY)
    if value["f"] != chosen or not fits:
        raise _bad_cursor()
    return key


def view(employee: records.Employee) -> EmployeeView:
    e = employee
    return {"employee_id": e.employee_id, "first_name": e.first_name, "infix": e.infix, "last_name": e.last_name,
            "personnel_number": e.personnel_number, "date_of_birth": e.date_of_birth, "start_date": e.start_date,
            "contract_hours": e.contract_hours, "work_phone": e.work_phone, "work_email": e.work_email,
            "end_date": e.end_date, "department_id": e.department_id, "department_since": e.department_since,
            "department_history": [{"department_id": step.department_id, "from_date": step.from_date,
                                    "until": step.until} for step in e.department_history]}


def _get(principal: Principal, employee_id: str) -> records.Employee:
    employee = store.employees.get(principal.scope, employee_id[:64])
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
_MAX_QUERY = 200  # characters of the query read; the rest is ignored
_MAX_KEY_PAGES = 5
_KEYS_PER_PAGE = 200


def search(deps: Deps, principal: Principal, query: str) -> list[SearchResult]:
    """"Dossier zoeken": any part of the name, in any order, or a personnel number; absent employees first.

    Reads the search keys of the longest word a page (`_KEYS_PER_PAGE` keys) at a time until 50 employees match or
    `_MAX_KEY_PAGES` pages are read; when keys are left unread, the employer's absent employees (a sparse
    index, as many as are sick now) are matched too, so an absent employee is never crowded out.
    """
    tokens = names.query_tokens((query or "")[:_MAX_QUERY])
    if not tokens:
        return []
    found: dict[str, records.Employee] = {}
    start, prefix = None, max(tokens, key=len)
    for _ in range(_MAX_KEY_PAGES):
        candidates, start = store.employees.search_candidates(principal.scope, prefix,
                                                              limit=_KEYS_PER_PAGE, start=start)
        _add_matches(found, store.employees.get_many(principal.scope, [c for c in candidates
                                                                             if c not in found]), tokens)
        if start is None or len(found) >= _MAX_RESULTS:
            break
    if start is not None and principal.scope.whole_employer:
        _add_matches(found, store.employees.absent(principal.employer_id), tokens)
    ranked = sorted(found.values(), key=lambda e: (e.open_absence_id is None,
                                                   names.sort_key(e.first_name, e.infix, e.last_name)))
    return [{"employee_id": e.employee_id, "display_name": names.display_name(e.first_name, e.infix, e.last_name),
             "personnel_number": e.personnel_number, "absent": e.open_absence_id is not None,
             "open_absence_id": e.open_absence_id} for e in ranked[:_MAX_RESULTS]]


def _add_matches(found: dict[str, records.Employee], employees: list[records.Employee], tokens: list[str]) -> None:
    for e in employees:
        if names.matches(names.name_keys(e.first_name, e.infix, e.last_name, e.personnel_number), tokens):
            found[e.employee_id] = e


def dossier(deps: Deps, principal: Principal, employee_id: str) -> Dossier:
    """The employee, every absence (the open one first, then newest first) with its tasks, and a timeline.

    Tasks carry what the page shows: `overdue` for open ones, and for done ones the day (`done_on`) and the
    name of the user who ticked them off (`done_by_name`), read with one BatchGetItem.
    """
    employee = _get(principal, employee_id)
    audit.record(deps, principal, "dossier_viewed", "employee", employee.employee_id, employee_id=employee.employee_id)
    absences = sorted(store.absences.for_employee(principal.employer_id, employee.employee_id),
                      key=lambda a: (a.status == "open", a.first_sick_day), reverse=True)
    histories = [(a, store.absences.tasks_of(a.absence_id)) for a in absences]
    leave_histories = [(leave, store.absences.tasks_of(leave.leave_id))
                       for leave in store.leaves.for_employee(principal.employer_id, employee.employee_id)]
    done_by = {user.user_id: user.name for user in store.users.get_many(
        [task.done_by for _, tasks in [*histories, *leave_histories] for task in tasks if task.done_by])}
    today = deps.today().isoformat()
    timeline: list[TimelineEvent] = []
    for absence, tasks in histories:
        timeline.append({"date": absence.first_sick_day, "event": "Ziek gemeld"})
        timeline += [{"date": step.from_date, "event": f"Gedeeltelijk hersteld ({int(step.percentage)}%)"}
                     for step in absence.steps]
        if absence.recovered_on:
            timeline.append({"date": absence.recovered_on, "event": "Hersteld gemeld"})
        timeline += [{"date": done_on(task) or task.due, "event": f"Taak afgerond: {task.title}"} for task in tasks
                     if task.status == "done"]
    leaves = [leave_view(leave, [], deps.today()) for leave, _ in leave_histories]  # its tasks: the dossier's own
    for shown, (_, tasks) in zip(leaves, leave_histories, strict=True):
        if shown["pregnancy_from"]:
            timeline.append({"date": shown["pregnancy_from"], "event": "Zwangerschapsverlof begint"})
        if shown["born_on"]:
            timeline.append({"date": shown["born_on"], "event": "Bevallingsdatum"})
        timeline.append({"date": shown["maternity_until"], "event": "Laatste dag bevallingsverlof"})
        timeline += [{"date": done_on(task) or task.due, "event": f"Taak afgerond: {task.title}"} for task in tasks
                     if task.status == "done"]
    return {"employee": {**view(employee), "display_name": names.display_name(employee.first_name, employee.infix,
                                                                              employee.last_name)},
            "absences": [{**absence_view(a), "tasks": [
                _dossier_task(t, done_by, today, deps.settings.task_reopen_seconds, a.status == "open")
                for t in tasks]} for a, tasks in histories],
            "leaves": [{**shown, "tasks": [_dossier_task(t, done_by, today, deps.settings.task_reopen_seconds, True)
                                           for t in sorted(tasks, key=lambda t: t.due)]}
                       for shown, (_, tasks) in zip(leaves, leave_histories, strict=True)],
            "timeline": sorted(timeline, key=lambda e: e["date"], reverse=True)}


def _dossier_task(task: records.Task, done_by: dict[str, str], today: str, reopen_seconds: int,
                  case_open: bool) -> DossierTask:
    return {**task_view(task, reopen_seconds=reopen_seconds, case_open=case_open),
            "overdue": task.status == "open" and task.due < today,
            "done_by_name": done_by.get(task.done_by) if task.done_by else None}

