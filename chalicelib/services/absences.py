"""Ziek melden and hersteldmelding, and the Poortwachter tasks they create and close."""
from __future__ import annotations

import dataclasses
import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Annotated, Literal, NotRequired, TypedDict
from zoneinfo import ZoneInfo

from .. import store
from ..domain import names, poortwachter, riv_check, task_guide, wazo
from ..domain.employees import check_first_sick_day, parse_date
from ..domain.errors import Conflict, InvalidInput, MalformedRequest, NotFound
from ..domain.fields import Field
from ..domain.poortwachter import case_start_for, check_no_overlap
from ..domain.validation import clean_text
from ..observability import logger
from ..store import records
from . import audit, documents, retention
from .deps import Deps
from .sessions import Principal

_NOTE_MAX = 500
_REQUEST_KEY_SECONDS = 24 * 3600
_DATE = 32  # longer is no date; parse_date says how to write one


@dataclass(frozen=True)
class SickReport:
    """Ziek melden: who, from when, and what the employer may record (DOMAIN.md: no diagnosis)."""
    employee_id: Annotated[str, Field("de medewerker", max_length=64, required="Kies de medewerker die ziek is.")]
    first_sick_day: Annotated[str, Field("de eerste ziektedag", max_length=_DATE, format="date",
                                         example="2026-12-01")]
    vangnet: Annotated[bool, Field("vangnet (valt onder de Ziektewet-vangnetregeling)")] = False
    pregnancy_related: Annotated[bool, Field(
        "ziek door zwangerschap of bevalling",
        description="Zet de vangnetregeling aan (Ziektewet art. 29a). Wordt zelf niet bewaard: de werkgever "
                    "legt niet vast waarom een vangnet geldt.")] = False
    work_accident: Annotated[bool, Field("arbeidsongeval")] = False
    third_party_liable: Annotated[bool, Field("aansprakelijke derde (regres)")] = False
    contact_address: Annotated[str | None, Field("het verblijfadres", max_length=200)] = None
    contact_phone: Annotated[str | None, Field("het telefoonnummer", max_length=32)] = None
    expected_duration: Annotated[str | None, Field("de verwachte duur", max_length=100)] = None
    note: Annotated[str | None, Field("de opmerking", max_length=_NOTE_MAX)] = None


@dataclass(frozen=True)
class RecoveryReport:
    """Hersteldmelding: from which day, and how much (100: fully recovered)."""
    date: Annotated[str, Field("de hersteldatum", max_length=_DATE, format="date", example="2026-12-01")]
    percentage: Annotated[int, Field("het herstelpercentage", minimum=1, maximum=100,
                                     out_of_range="Vul een herstelpercentage in van 1 tot en met 100.")] = 100


HomeView = Literal["nu", "te-laat", "deze-week", "alles"]
_CURSOR = re.compile(r"\d{4}-\d{2}-\d{2}#[0-9A-Za-z-]{1,64}")
_PAGE = 50
_COUNT_LIMIT = 500
_RIV_SHOWN = 10
"""How many of the cases that miss a document the home page names."""
_DUTCH_TIME = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True)
class TasksQuery:
    """Which open tasks the home page lists, and from where (`cursor`: the previous answer's `next_cursor`)."""
    view: Annotated[HomeView, Field("de weergave", description=(
        "nu: te laat en de komende weken (standaard); te-laat: de uiterste datum is voorbij; deze-week: uiterlijk "
        "deze zondag en niet te laat; alles: elke openstaande taak."))] = "nu"
    cursor: Annotated[str | None, Field("de positie in de lijst", max_length=120,
                                        description="`next_cursor` van de vorige pagina.")] = None


@dataclass(frozen=True)
class TaskDone:
    """Afronden: the day the work was done (default today) and an optional note as proof."""
    done_on: Annotated[str | None, Field("de datum waarop de taak is gedaan", max_length=_DATE, format="date",
                                         example="2026-12-01", description="Standaard vandaag.")] = None
    note: Annotated[str | None, Field("de notitie", max_length=_NOTE_MAX,
                                      description="Geen medische gegevens.")] = None


@dataclass(frozen=True)
class FirstDayCorrection:
    first_sick_day: Annotated[str, Field("de eerste ziektedag", max_length=_DATE, format="date",
                                         example="2026-12-01")]


class RecoveryStepView(TypedDict):
    from_date: str
    percentage: int


class TaskView(TypedDict):
    """A Poortwachter task: what, by when, and who finished it. `step`: its row of the timeline, explained in
    GET /api/tasks/guide (evaluations share one)."""
    task_id: str
    absence_id: str
    employee_id: str
    code: str
    step: str
    title: str
    due: str
    status: str
    done_by: str | None
    done_at: int | None
    done_on: str | None
    """The day the work was done (as the user said; for older tasks the day it was ticked off)."""
    done_note: str | None
    reopen_until: int | None
    """Until when (epoch seconds) "Heropenen" is possible: a done task of an open case, within the period."""


class OpenTaskView(TaskView):
    overdue: bool


class TaskCounts(TypedDict):
    """How many open tasks each view holds. `te_laat`, `deze_week` and `nu` count at most `limit` tasks each
    (`complete` False: at least that many); `alles` is the employer's exact count."""
    te_laat: int
    deze_week: int
    nu: int
    alles: int
    complete: bool
    limit: int


class CaseTasks(TypedDict):
    """The tasks of one sick employee's case on this page, by due date: the first is the case's next step. `kind`:
    verlof for a zwangerschaps- en bevallingsverlof (then `absence_id` is the leave's id), else verzuim."""
    kind: Literal["verzuim", "verlof"]
    absence_id: str
    employee_id: str
    employee_name: str
    tasks: list[OpenTaskView]


class RivGapCase(TypedDict):
    """An open case that misses a document UWV will look for: since when (the day after the step's deadline)."""
    absence_id: str
    employee_id: str
    employee_name: str
    since: str


class RivGaps(TypedDict):
    """How many open cases miss something in the RIV-check today (at most `limit`; `complete` False: at least that
    many), and the first few of them, the longest missing first."""
    count: int
    complete: bool
    limit: int
    cases: list[RivGapCase]


class HomeTasks(TypedDict):
    """"Nu te doen": the counts per view, and one page of the chosen view grouped per case, the most urgent case
    first. A case whose tasks run past this page continues in the next page's group of the same case."""
    view: HomeView
    today: str
    horizon_weeks: int
    horizon_end: str
    week_end: str
    counts: TaskCounts
    cases: list[CaseTasks]
    next_cursor: str | None
    riv: RivGaps


class GuideStep(TypedDict):
    """One step of the Poortwachter timeline explained: what it is, who acts, the deadline and why, what to do
    here, and where the instructiekaart describes it."""
    step: str
    title: str
    what: str
    who: str
    deadline: str
    in_portal: str
    help_url: str


class TaskGuide(TypedDict):
    steps: list[GuideStep]


class AbsenceView(TypedDict):
    """A ziekmelding with its recovery history; with its tasks where the answer says so."""
    absence_id: str
    employee_id: str
    first_sick_day: str
    case_start: str
    vangnet: bool
    work_accident: bool
    third_party_liable: bool
    contact_address: str | None
    contact_phone: str | None
    expected_duration: str | None
    note: str | None
    status: str
    recovered_on: str | None
    recovery_steps: list[RecoveryStepView]
    tasks: NotRequired[list[TaskView]]


def report_sick(deps: Deps, principal: Principal, report: SickReport,
                request_key: str | None) -> tuple[AbsenceView, bool]:
    """Ziek melden: one absence with its tasks. The same request key twice gives the first answer.

    Returns the absence and whether it was created now (False for a repeated request).
    """
    key = _request_key(request_key)
    earlier = store.absences.reported_with(principal.employer_id, key)
    if earlier is not None:
        return view(_absence(principal, earlier)), False
    employee = _employee(principal, report.employee_id)
    today = deps.today()
    first_day = check_first_sick_day(report.first_sick_day, today,
                                     parse_date(employee.start_date, "start_date"),
                                     parse_date(employee.end_date, "end_date") if employee.end_date else None)
    history = store.absences.for_employee(principal.employer_id, employee.employee_id)
    if any(a.status == "open" for a in history):
        raise _already_absent()
    check_no_overlap(history, first_day, None)
    if refusal := on_leave(employee, first_day):
        raise refusal
    case_start = case_start_for(history, first_day)
    # Pregnancy-related sickness falls under the Ziektewet's vangnet; only that it does is kept (DOMAIN.md), never why.
    vangnet = report.vangnet or report.pregnancy_related
    absence = records.Absence(
        employer_id=principal.employer_id, absence_id=str(uuid.uuid4()), employee_id=employee.employee_id,
        first_sick_day=first_day.isoformat(), case_start=case_start.isoformat(), status="open",
        contact_address=_optional(report.contact_address, "contact_address", "Verblijfadres", 200),
        contact_phone=_optional(report.contact_phone, "contact_phone", "Telefoonnummer", 32),
        expected_duration=_optional(report.expected_duration, "expected_duration", "Verwachte duur", 100),
        note=_optional(report.note, "note", "Opmerking", _NOTE_MAX), created_by=principal.user_id,
        created_at=deps.now(), vangnet=vangnet, work_accident=report.work_accident,
        third_party_liable=report.third_party_liable, department_id=employee.department_id)
    # A combined case starts with the documents of its earlier ziekmeldingen.
    absence = dataclasses.replace(absence, riv_gap=documents.riv_gap(absence.case_start,
                                                                     documents.of_case_before(absence, history)))
    # Plan evaluations already past are left out: a late or combined report does not start with a pile of them.
    planned = poortwachter.tasks_for_case(case_start, vangnet=vangnet, today=today)
    leaving = poortwachter.task_on_employment_end(_end_date(employee), first_day)  # an end date already known
    tasks = [new_task(absence, p) for p in [*planned, *([leaving] if leaving else [])]]
    try:
        created = store.absences.report_sick(
            absence, tasks, key, deps.now() + _REQUEST_KEY_SECONDS,
            audit=audit.line(deps, principal, "absence_reported", "absence", absence.absence_id,
                             employee_id=absence.employee_id))
    except store.absences.AlreadyAbsent:
        now = store.employees.get(principal.scope, employee.employee_id)  # sick, or on leave, since we read them
        raise (now and on_leave(now, first_day)) or _already_absent() from None
    if not created:
        return view(_absence(principal, store.absences.reported_with(principal.employer_id, key) or "")), False
    logger.info("ziekmelding", extra={"user_id": principal.user_id, "absence_id": absence.absence_id,
                                      "tasks": len(tasks)})
    return view(absence, tasks), True


def report_recovery(deps: Deps, principal: Principal, absence_id: str, report: RecoveryReport) -> AbsenceView:
    """Hersteldmelding: full recovery closes the absence and its tasks; partial records a percentage."""
    absence = _absence(principal, absence_id)
    if absence.status != "open":
        raise Conflict("Het herstel van deze ziekmelding is al gemeld.", code="already_recovered")
    on = parse_date(report.date, "date")
    if on < date.fromisoformat(absence.first_sick_day) or on > deps.today():
        raise InvalidInput("De hersteldatum ligt tussen de eerste ziektedag en vandaag.", code="date_out_of_range",
                           field="date")
    percentage = report.percentage
    if percentage < 100:
        step = records.RecoveryStep(from_date=on.isoformat(), percentage=percentage)
        if not store.absences.add_recovery_step(
                absence, step, audit=audit.line(deps, principal, "partial_recovery_reported", "absence", absence_id,
                                            employee_id=absence.employee_id)):
            raise Conflict("Het herstel van deze ziekmelding is al gemeld.", code="already_recovered")
        return view(dataclasses.replace(absence, steps=(*absence.steps, step)))  # as written: not read again
    tasks = store.absences.tasks_of(absence.absence_id)
    open_tasks = [t for t in tasks if t.status == "open"]
    closing = set(poortwachter.tasks_closed_by_recovery(
        [poortwachter.PlannedTask(t.code, t.title, date.fromisoformat(t.due)) for t in open_tasks], on))
    follow_up = poortwachter.task_on_recovery(on, absence.vangnet)
    new_tasks = [new_task(absence, follow_up)] if follow_up else []
    employer = retention.rules(principal.employer_id)
    employee = _employee_of(principal, absence)
    if not store.absences.report_recovery(
            absence, on.isoformat(), [t.task_id for t in open_tasks if t.code in closing], new_tasks,
            done_task_ids=tuple(t.task_id for t in tasks if t.status == "done"),
            absence_purge_at=retention.absence_purge_at(deps, employer, employee, on.isoformat()),
            tasks_purge_at=retention.tasks_purge_at(deps, employer, on.isoformat()),
            audit=audit.line(deps, principal, "recovery_reported", "absence", absence_id,
                             employee_id=absence.employee_id)):
        raise Conflict("Het herstel van deze ziekmelding is al gemeld.", code="already_recovered")
    logger.info("hersteldmelding", extra={"user_id": principal.user_id, "absence_id": absence_id})
    return view(dataclasses.replace(absence, status="closed", recovered_on=on.isoformat()))  # as written


def first_riv_gap(case_start: date) -> str | None:
    """A new case's first RIV gap: with no document yet, the probleemanalyse's deadline."""
    gap = riv_check.first_gap(case_start, [])
    return gap.isoformat() if gap else None


def correct_first_sick_day(deps: Deps, principal: Principal, absence_id: str,
                           correction: FirstDayCorrection) -> AbsenceView:
    """A corrected first sick day: the case start and the open tasks' due dates follow; done tasks keep theirs."""
    absence = _absence(principal, absence_id)
    employee = _employee_of(principal, absence)
    first_day = check_first_sick_day(correction.first_sick_day, deps.today(),
                                     parse_date(employee.start_date, "start_date"),
                                     parse_date(employee.end_date, "end_date") if employee.end_date else None)
    if first_day.isoformat() == absence.first_sick_day:
        return _as_read(deps, principal, absence_id)
    later = [date.fromisoformat(d) for d in [absence.recovered_on, *(s.from_date for s in absence.steps)] if d]
    if later and first_day >= min(later):
        raise InvalidInput(f"De eerste ziektedag moet voor de eerste (gedeeltelijke) hersteldatum liggen "
                           f"({min(later):%d-%m-%Y}).", code="sick_day_after_recovery", field="first_sick_day")
    others = [a for a in store.absences.for_employee(principal.employer_id, absence.employee_id)
              if a.absence_id != absence.absence_id]
    recovered_on = date.fromisoformat(absence.recovered_on) if absence.recovered_on else None
    check_no_overlap(others, first_day, recovered_on)
    case_start = case_start_for(others, first_day)
    planned = {p.code: p.due.isoformat() for p in poortwachter.tasks_for_case(case_start, vangnet=absence.vangnet)}
    due_dates = {t.task_id: planned[t.code] for t in store.absences.tasks_of(absence.absence_id)
                 if t.status == "open" and t.code in planned and planned[t.code] != t.due}
    corrected = dataclasses.replace(absence, case_start=case_start.isoformat())
    gap = documents.riv_gap(corrected.case_start, store.documents.of_case(principal.employer_id, absence.absence_id)
                            + documents.of_case_before(corrected, others))
    if not store.absences.correct_first_day(
            absence, first_day.isoformat(), case_start.isoformat(), due_dates, riv_gap=gap,
            audit=audit.line(deps, principal, "first_sick_day_corrected", "absence", absence.absence_id,
                             employee_id=absence.employee_id)):
        raise Conflict("De ziekmelding is intussen gewijzigd. Vernieuw de pagina en probeer het opnieuw.",
                       code="absence_changed")
    logger.info("first sick day corrected", extra={"user_id": principal.user_id, "absence_id": absence.absence_id,
                                                   "tasks_moved": len(due_dates)})
    return _as_read(deps, principal, absence_id)


def employment_end_changed(deps: Deps, principal: Principal, employee: records.Employee) -> None:
    """The end of the employment changed: the ziek-uit-dienstmelding of an open case is planned for the new last
    working day, moved, or withdrawn when the employment goes on. One already done stays done."""
    absence = store.absences.get(principal.scope, employee.open_absence_id) if employee.open_absence_id \
        else None
    if absence is None or absence.status != "open":
        return
    reports = [t for t in store.absences.tasks_of(absence.absence_id) if t.code == poortwachter.ZIEK_UIT_DIENST.code]
    if any(t.status == "done" for t in reports):
        return
    current = next((t for t in reports if t.status == "open"), None)
    due = poortwachter.task_on_employment_end(_end_date(employee), date.fromisoformat(absence.first_sick_day))
    if due is None:
        planned = None
    elif current is not None:
        planned = dataclasses.replace(current, due=due.due.isoformat())
    else:
        planned = new_task(absence, due)
    if current == planned:
        return
    action = ("ziek_uit_dienst_withdrawn" if planned is None else "ziek_uit_dienst_moved" if current is not None
              else "ziek_uit_dienst_planned")
    if not store.absences.replan_task(absence, current, planned,
                                      audit=audit.line(deps, principal, action, "absence", absence.absence_id,
                                                       employee_id=absence.employee_id)):
        # the case closed or the task was done at this moment: the recovery or the user decided it
        logger.info("ziek-uit-dienst not replanned: changed meanwhile", extra={"absence_id": absence.absence_id})
        return
    logger.info("ziek-uit-dienst replanned", extra={"user_id": principal.user_id, "absence_id": absence.absence_id,
                                                    "action": action})


def _end_date(employee: records.Employee) -> date | None:
    return parse_date(employee.end_date, "end_date") if employee.end_date else None


def get(deps: Deps, principal: Principal, absence_id: str) -> AbsenceView:
    """One ziekmelding with its tasks; the view is in the employee's access log (services/access_log.py)."""
    absence = _absence(principal, absence_id)
    audit.record(deps, principal, "absence_viewed", "absence", absence.absence_id, employee_id=absence.employee_id)
    return view(absence, store.absences.tasks_of(absence.absence_id),
                reopen_seconds=deps.settings.task_reopen_seconds)


def _as_read(deps: Deps, principal: Principal, absence_id: str) -> AbsenceView:
    """The ziekmelding as a change left it (the change has its own line in the log, no view is recorded)."""
    absence = _absence(principal, absence_id)
    return view(absence, store.absences.tasks_of(absence.absence_id),
                reopen_seconds=deps.settings.task_reopen_seconds)


def home_tasks(deps: Deps, principal: Principal, query: TasksQuery) -> HomeTasks:
    """"Nu te doen": overdue tasks and those due within the horizon (a setting), or another view; counts for each.

    Flat in the employer's size: the employer's counter (GetItem), the due dates of at most 500 tasks in the
    horizon (one Query), one page of at most 50 tasks (one Query), the at most 500 open cases that miss a document
    of the RIV-check (one Query) and the employees' names of the page and the first cases (one BatchGetItem).
    A leidinggevende's: the same per department they see (store.absences), and a count of their open tasks
    instead of the employer's counter; what they read grows with their departments.
    """
    today = deps.today()
    weeks = deps.settings.home_horizon_weeks
    horizon_end = today + timedelta(weeks=weeks)
    week_end = today + timedelta(days=6 - today.weekday())
    yesterday = today - timedelta(days=1)
    first, last = {"nu": (None, horizon_end), "te-laat": (None, yesterday), "deze-week": (today, week_end),
                   "alles": (None, None)}[query.view]
    after = _cursor(query.cursor)
    scope = principal.scope
    page, next_cursor = store.absences.open_tasks_page(
        scope, first=first.isoformat() if first else None, last=last.isoformat() if last else None,
        after=after, limit=_PAGE)
    due_dates = store.absences.open_due_dates(scope, max(horizon_end, week_end).isoformat(), _COUNT_LIMIT + 1)
    if scope.whole_employer:
        employer = store.employers.get(principal.employer_id)
        open_count = max(0, int(employer.open_tasks or 0)) if employer else 0
    else:
        open_count = store.absences.count_open(scope)
    today_iso, week_end_iso, horizon_iso = today.isoformat(), week_end.isoformat(), horizon_end.isoformat()
    gaps = store.absences.with_riv_gap(scope, today_iso, _COUNT_LIMIT + 1)
    employees = {e.employee_id: e for e in store.employees.get_many(
        scope, list(dict.fromkeys([*(t.employee_id for t in page), *(a.employee_id for a in gaps[:_RIV_SHOWN])])))}
    counts = TaskCounts(
        te_laat=min(_COUNT_LIMIT, sum(d < today_iso for d in due_dates)),
        deze_week=min(_COUNT_LIMIT, sum(today_iso <= d <= week_end_iso for d in due_dates)),
        nu=min(_COUNT_LIMIT, sum(d <= horizon_iso for d in due_dates)),
        alles=open_count,
        complete=len(due_dates) <= _COUNT_LIMIT, limit=_COUNT_LIMIT)
    return HomeTasks(view=query.view, today=today_iso, horizon_weeks=weeks, horizon_end=horizon_iso,
                     week_end=week_end_iso, counts=counts, cases=_cases(principal, page, employees, today_iso),
                     next_cursor=next_cursor, riv=_riv_gaps(principal, gaps, employees))


def _riv_gaps(principal: Principal, gaps: list[records.Absence],
              employees: dict[str, records.Employee]) -> RivGaps:
    """The home page's RIV-check line: a leidinggevende's case of an employee moved out of scope is left out."""
    shown: list[RivGapCase] = []
    for absence in gaps[:_RIV_SHOWN]:
        employee = employees.get(absence.employee_id)
        if employee is None and not principal.scope.whole_employer:
            continue
        name = (names.display_name(employee.first_name, employee.infix, employee.last_name) if employee
                else "Onbekende medewerker")
        since = date.fromisoformat(absence.riv_gap or absence.case_start) + timedelta(days=1)
        shown.append(RivGapCase(absence_id=absence.absence_id, employee_id=absence.employee_id, employee_name=name,
                                since=since.isoformat()))
    return RivGaps(count=min(_COUNT_LIMIT, len(gaps)), complete=len(gaps) <= _COUNT_LIMIT, limit=_COUNT_LIMIT,
                   cases=shown)


def _cursor(value: str | None) -> str | None:
    if value is None:
        return None
    if not _CURSOR.fullmatch(value):
        raise InvalidInput("De lijst met taken is veranderd. Vernieuw de pagina.", code="cursor_invalid",
                           field="cursor")
    return value


def _cases(principal: Principal, page: list[records.Task], employees: dict[str, records.Employee],
           today: str) -> list[CaseTasks]:
    """The page's tasks grouped per case, in the order of each case's first task (the most urgent first). For a
    leidinggevende a task whose employee is out of scope (moved, and their tasks not yet re-keyed) is left out."""
    scope = principal.scope
    cases: dict[str, CaseTasks] = {}
    for task in page:
        if not scope.whole_employer and task.employee_id not in employees:
            continue
        case = cases.get(task.absence_id)
        if case is None:
            employee = employees.get(task.employee_id)
            name = (names.display_name(employee.first_name, employee.infix, employee.last_name) if employee
                    else "Onbekende medewerker")
            case = cases[task.absence_id] = CaseTasks(
                kind="verlof" if wazo.is_leave_task(task.code) else "verzuim", absence_id=task.absence_id,
                employee_id=task.employee_id, employee_name=name, tasks=[])
        case["tasks"].append(OpenTaskView(**task_view(task), overdue=task.due < today))
    return list(cases.values())


def mark_task_done(deps: Deps, principal: Principal, task_id: str, done: TaskDone | None = None) -> TaskView:
    """Afronden: the day it was done (today unless said; not after today, not before the case began) and an
    optional note, with who and when."""
    task = _task(principal, task_id)
    leave = store.leaves.get(principal.scope, task.absence_id) if wazo.is_leave_task(task.code) else None
    absence = None if wazo.is_leave_task(task.code) else store.absences.get(principal.scope, task.absence_id)
    today = deps.today()
    done = done or TaskDone()
    done_on = parse_date(done.done_on, "done_on") if done.done_on else today
    if done_on > today:
        raise InvalidInput(f"De datum waarop de taak is gedaan kan niet na vandaag ({today:%d-%m-%Y}) liggen.",
                           code="date_in_future", field="done_on")
    if absence is not None and done_on < date.fromisoformat(absence.case_start):
        start = date.fromisoformat(absence.case_start)
        raise InvalidInput(f"De datum waarop de taak is gedaan kan niet voor het begin van het verzuim "
                           f"({start:%d-%m-%Y}) liggen.", code="date_before_case", field="done_on")
    note = _optional(done.note, "note", "Notitie", _NOTE_MAX)
    purge_at = (retention.tasks_purge_at(deps, retention.rules(principal.employer_id), absence.recovered_on)
                if absence is not None and absence.status == "closed" else None)
    if not store.absences.mark_done(principal.employer_id, task.task_id, principal.user_id, deps.now(), purge_at,
                                    done_on=done_on.isoformat(), note=note,
                                    audit=audit.line(deps, principal, "task_done", "task", task.task_id,
                                                     employee_id=task.employee_id)):
        raise Conflict("Deze taak is al afgerond.", code="task_not_open")
    logger.info("task done", extra={"user_id": principal.user_id, "task_id": task.task_id})
    written = dataclasses.replace(task, status="done", done_by=principal.user_id, done_at=deps.now(),  # as written
                                  done_on=done_on.isoformat(), done_note=note)
    return task_view(written, reopen_seconds=deps.settings.task_reopen_seconds,
                     case_open=leave is not None or (absence is not None and absence.status == "open"))


def reopen_task(deps: Deps, principal: Principal, task_id: str) -> TaskView:
    """Heropenen: a done task of an open case open again, within the period after it was done (a setting)."""
    task = _task(principal, task_id)
    if task.status != "done":
        raise Conflict("Deze taak is niet afgerond, dus er is niets te heropenen.", code="task_not_done")
    days = deps.settings.task_reopen_seconds // 86400
    if task.done_at is None or deps.now() > task.done_at + deps.settings.task_reopen_seconds:
        raise Conflict(f"Een afgeronde taak kan tot {days} dagen na het afronden worden heropend. Die termijn is "
                       "voorbij.", code="reopen_period_passed")
    if not store.absences.reopen(task, audit=audit.line(deps, principal, "task_reopened", "task", task.task_id,
                                                       employee_id=task.employee_id)):
        current = None if wazo.is_leave_task(task.code) else store.absences.get(principal.scope, task.absence_id)
        if not wazo.is_leave_task(task.code) and (current is None or current.status != "open"):
            raise Conflict("Het herstel van deze ziekmelding is gemeld, daarom kan de taak niet meer worden "
                           "heropend.", code="absence_closed")
        raise Conflict("Deze taak is intussen gewijzigd. Vernieuw de pagina.", code="task_changed")
    logger.info("task reopened", extra={"user_id": principal.user_id, "task_id": task.task_id})
    return task_view(dataclasses.replace(task, status="open", done_by=None, done_at=None, done_on=None,
                                         done_note=None, purge_at=None))


def _task(principal: Principal, task_id: str) -> records.Task:
    task = store.absences.get_task(principal.scope, task_id[:64])
    if task is None:
        raise NotFound("Deze taak bestaat niet.", code="task_unknown")
    return task


def guide() -> TaskGuide:
    """Every step of the timeline explained, in the timeline's order (domain/task_guide.py)."""
    steps = []
    for definition in task_guide.definitions():
        explained = task_guide.guidance(definition.code)
        steps.append(GuideStep(step=definition.code, title=definition.title, what=explained.what,
                               who=explained.who, deadline=explained.deadline, in_portal=explained.in_portal,
                               help_url=f"/hulp.html#{task_guide.help_anchor(definition.code)}"))
    return {"steps": steps}


def view(absence: records.Absence, tasks: list[records.Task] | None = None, *,
         reopen_seconds: int = 0) -> AbsenceView:
    body = AbsenceView(
        absence_id=absence.absence_id, employee_id=absence.employee_id, first_sick_day=absence.first_sick_day,
        case_start=absence.case_start, vangnet=absence.vangnet, work_accident=absence.work_accident,
        third_party_liable=absence.third_party_liable, contact_address=absence.contact_address,
        contact_phone=absence.contact_phone, expected_duration=absence.expected_duration, note=absence.note,
        status=absence.status, recovered_on=absence.recovered_on,
        recovery_steps=[{"from_date": s.from_date, "percentage": int(s.percentage)} for s in absence.steps])
    if tasks is not None:
        body["tasks"] = [task_view(t, reopen_seconds=reopen_seconds, case_open=absence.status == "open")
                         for t in tasks]
    return body


def task_view(task: records.Task, *, reopen_seconds: int = 0, case_open: bool = False) -> TaskView:
    """A task as the API shows it; `reopen_until` only when the caller says the case is open and gives the period."""
    reopen_until = (task.done_at + reopen_seconds
                    if task.status == "done" and task.done_at and case_open and reopen_seconds else None)
    return {"task_id": task.task_id, "absence_id": task.absence_id, "employee_id": task.employee_id,
            "code": task.code, "step": task_guide.step_of(task.code), "title": task.title, "due": task.due,
            "status": task.status, "done_by": task.done_by, "done_at": task.done_at, "done_on": done_on(task),
            "done_note": task.done_note, "reopen_until": reopen_until}


def done_on(task: records.Task) -> str | None:
    """The day the work was done: as the user said, or (older tasks) the Dutch calendar day it was ticked off."""
    if task.done_on:
        return task.done_on
    return datetime.fromtimestamp(int(task.done_at), _DUTCH_TIME).date().isoformat() if task.done_at else None


def new_task(absence: records.Absence, planned: poortwachter.PlannedTask, task_id: str | None = None) -> records.Task:
    """An open task of the absence, as planned (a new id unless the caller derives one)."""
    return records.Task(employer_id=absence.employer_id, task_id=task_id or str(uuid.uuid4()),
                        absence_id=absence.absence_id, employee_id=absence.employee_id, code=planned.code,
                        title=planned.title, due=planned.due.isoformat(), status="open",
                        department_id=absence.department_id)


def on_leave(employee: records.Employee, day: date) -> Conflict | None:
    """The refusal of a ziekmelding from `day` when it falls in the employee's zwangerschaps- en bevallingsverlof
    (None: it does not). Sickness during that leave is no ziekmelding: the leave goes on (Wazo)."""
    if not (employee.leave_from and employee.leave_until
            and wazo.overlaps(day, date.fromisoformat(employee.leave_from), date.fromisoformat(employee.leave_until))):
        return None
    until = date.fromisoformat(employee.leave_until)
    return Conflict(f"Op {day:%d-%m-%Y} heeft deze medewerker zwangerschaps- of bevallingsverlof (tot en met "
                    f"{until:%d-%m-%Y}). Ziekte tijdens dat verlof meldt u niet: het verlof loopt door.",
                    code="on_leave", field="first_sick_day")


def _already_absent() -> Conflict:
    return Conflict("Deze medewerker is al ziek gemeld. Meld eerst het herstel.", code="already_absent")


def _employee(principal: Principal, employee_id: str) -> records.Employee:
    employee = store.employees.get(principal.scope, employee_id)
    if employee is None:
        raise InvalidInput("Deze medewerker bestaat niet.", code="employee_unknown", field="employee_id")
    return employee


def _absence(principal: Principal, absence_id: str) -> records.Absence:
    absence = store.absences.get(principal.scope, absence_id[:64])
    if absence is None:
        raise NotFound("Deze ziekmelding bestaat niet.", code="absence_unknown")
    return absence


def _employee_of(principal: Principal, absence: records.Absence) -> records.Employee:
    """The employee of an absence. Their record outlives their absences (retention): gone, the absence is too."""
    employee = store.employees.get(principal.scope, absence.employee_id)
    if employee is None:
        raise NotFound("Deze ziekmelding bestaat niet.", code="absence_unknown")
    return employee


def _request_key(value: str | None) -> str:
    if not value or len(value) > 64 or not value.replace("-", "").isalnum():
        raise MalformedRequest("Het verzoek mist een geldige Idempotency-Key.", code="idempotency_key_missing")
    return value


def _optional(value: str | None, name: str, label: str, max_length: int) -> str | None:
    return clean_text(value, name, label, max_length) if value and value.strip() else None
