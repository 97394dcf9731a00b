"""The employer's tasks under the Wet verbetering poortwachter, with due dates from the first sick day.

Week counting: week 1 is the first sick day and the six days after it, so "end of week N" is
`first_sick_day + (7 * N - 1)` days. Sick periods less than 28 days apart form one case; its
deadlines run from the first sick day of the combined case (see `case_start`).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Protocol

from .errors import Conflict


class Actor(StrEnum):
    """Who acts on a task."""
    WERKGEVER = "werkgever"
    WERKNEMER = "werknemer"
    WERKGEVER_EN_WERKNEMER = "werkgever_en_werknemer"
    BEDRIJFSARTS = "bedrijfsarts"


class OnRecovery(StrEnum):
    """What full recovery does to an open task."""
    CLOSES = "closes"
    KEEPS = "keeps"
    CLOSES_IF_FIT_BY_DUE = "closes_if_fit_by_due"


@dataclass(frozen=True)
class TaskDefinition:
    """One row of the timeline. `week`: due at the end of that week by default; None when an event or a repeat
    sets the due date. What it means for the employer: task_guide.py."""
    code: str
    title: str
    actor: Actor
    week: int | None
    on_recovery: OnRecovery = OnRecovery.CLOSES


@dataclass(frozen=True)
class PlannedTask:
    code: str
    title: str
    due: date


# Configurable defaults (settings pass their own values later).
PLAN_EVALUATION_WEEKS = 6  # Poortwachter guidance: evaluate the plan regularly; six weeks is the usual cadence
FIRST_YEAR_EVALUATION_WEEK = 52  # Regeling procesgang eerste en tweede ziektejaar; some use week 50
WIA_WEEK = 93  # UWV: WIA application by the end of week 93; older guidance says week 91
REPORT_WEEKS_BEFORE_WIA = 2  # re-integratieverslag ready "about week 89–91": two weeks before the WIA week

# Fixed by law.
CASE_GAP_DAYS = 28  # BW 7:629 lid 10: periods less than four weeks apart are added together
WAGE_WEEKS = 104  # BW 7:629 lid 1: wages are paid during 104 weeks of sickness
HERSTELDMELDING_DAYS = 2  # UWV (Ziektewet vangnet): report recovery within two days

ZIEKMELDING_ARBODIENST = TaskDefinition(
    "ziekmelding_arbodienst", "Ziekmelding aan de arbodienst", Actor.WERKGEVER, 1, on_recovery=OnRecovery.KEEPS)
# Six weeks is the pregnancy-related term; the portal never records which vangnet applies (AVG), so it uses it.
VANGNET_ZIEKMELDING = TaskDefinition(
    "vangnet_ziekmelding_uwv", "Ziekmelding vangnet aan UWV", Actor.WERKGEVER, 6, on_recovery=OnRecovery.KEEPS)
PROBLEEMANALYSE = TaskDefinition(
    "probleemanalyse", "Probleemanalyse ontvangen en besproken", Actor.BEDRIJFSARTS, 6)
PLAN_VAN_AANPAK = TaskDefinition(
    "plan_van_aanpak", "Plan van aanpak en casemanager", Actor.WERKGEVER_EN_WERKNEMER, 8)
EVALUATIE_PLAN = TaskDefinition(
    "evaluatie_plan_van_aanpak", "Evaluatie plan van aanpak", Actor.WERKGEVER_EN_WERKNEMER, None)
MELDING_42E_WEEK = TaskDefinition(
    "melding_42e_week", "42e-weeksmelding aan UWV", Actor.WERKGEVER, 42)
EERSTEJAARSEVALUATIE = TaskDefinition(
    "eerstejaarsevaluatie", "Eerstejaarsevaluatie", Actor.WERKGEVER_EN_WERKNEMER, FIRST_YEAR_EVALUATION_WEEK)
REINTEGRATIEVERSLAG = TaskDefinition(
    "reintegratieverslag", "Re-integratieverslag en eindevaluatie", Actor.WERKGEVER, WIA_WEEK - REPORT_WEEKS_BEFORE_WIA)
WIA_AANVRAAG = TaskDefinition(
    "wia_aanvraag", "WIA-aanvraag ingediend", Actor.WERKNEMER, WIA_WEEK)
EINDE_LOONDOORBETALING = TaskDefinition(
    "einde_loondoorbetaling", "Einde loondoorbetaling", Actor.WERKGEVER, WAGE_WEEKS)
ZIEK_UIT_DIENST = TaskDefinition(
    "ziek_uit_dienst", "Ziek-uit-dienstmelding aan UWV", Actor.WERKGEVER, None,
    on_recovery=OnRecovery.CLOSES_IF_FIT_BY_DUE)
HERSTELDMELDING_UWV = TaskDefinition(
    "hersteldmelding_uwv", "Hersteldmelding aan UWV", Actor.WERKGEVER, None, on_recovery=OnRecovery.KEEPS)

DEFINITIONS: dict[str, TaskDefinition] = {d.code: d for d in (
    ZIEKMELDING_ARBODIENST, VANGNET_ZIEKMELDING, PROBLEEMANALYSE, PLAN_VAN_AANPAK, EVALUATIE_PLAN,
    MELDING_42E_WEEK, EERSTEJAARSEVALUATIE, REINTEGRATIEVERSLAG, WIA_AANVRAAG, EINDE_LOONDOORBETALING,
    ZIEK_UIT_DIENST, HERSTELDMELDING_UWV)}


def end_of_week(first_sick_day: date, week: int) -> date:
    """The last day of week `week`, counting the first sick day as day 1 of week 1."""
    return first_sick_day + timedelta(days=7 * week - 1)


def _fixed_week(task: TaskDefinition) -> int:
    """The week a row of the timeline with a fixed week is due in."""
    assert task.week is not None, f"{task.code} is due on an event, not in a week"
    return task.week


def definition(code: str) -> TaskDefinition:
    """The definition behind a planned task's code; evaluations carry their week: `evaluatie_plan_van_aanpak_w14`."""
    return DEFINITIONS[code.rpartition("_w")[0] if code.startswith(EVALUATIE_PLAN.code) else code]


def tasks_for_case(first_sick_day: date, *, vangnet: bool, today: date | None = None,
                   plan_evaluation_weeks: int = PLAN_EVALUATION_WEEKS,
                   first_year_evaluation_week: int = FIRST_YEAR_EVALUATION_WEEK,
                   wia_week: int = WIA_WEEK, report_weeks_before_wia: int = REPORT_WEEKS_BEFORE_WIA,
                   ) -> list[PlannedTask]:
    """Every date-based task of a case starting on `first_sick_day`, by due date.

    Plan evaluations fall every `plan_evaluation_weeks` after week 8 and stop before week 104, when the wage
    duty ends. They are guidance, not legal deadlines: with `today`, those already past are left out (a late or
    combined ziekmelding does not start with a pile of overdue evaluations). Legal deadlines are always kept.
    """
    fixed = [ZIEKMELDING_ARBODIENST, PROBLEEMANALYSE, PLAN_VAN_AANPAK, MELDING_42E_WEEK, EINDE_LOONDOORBETALING]
    weeks = {task: _fixed_week(task) for task in fixed + ([VANGNET_ZIEKMELDING] if vangnet else [])}
    weeks |= {EERSTEJAARSEVALUATIE: first_year_evaluation_week, WIA_AANVRAAG: wia_week,
              REINTEGRATIEVERSLAG: wia_week - report_weeks_before_wia}
    tasks = [PlannedTask(task.code, task.title, end_of_week(first_sick_day, week)) for task, week in weeks.items()]
    for week in range(_fixed_week(PLAN_VAN_AANPAK) + plan_evaluation_weeks, WAGE_WEEKS, plan_evaluation_weeks):
        due = end_of_week(first_sick_day, week)
        if today is None or due >= today:
            tasks.append(PlannedTask(f"{EVALUATIE_PLAN.code}_w{week}", f"{EVALUATIE_PLAN.title} (week {week})", due))
    return sorted(tasks, key=lambda task: (task.due, task.code))


def task_on_employment_end(last_working_day: date | None, first_sick_day: date) -> PlannedTask | None:
    """Employment ends while sick: the ziek-uit-dienstmelding is due by the last working day. None when the
    employment goes on, or ends before the sickness began (then there is nothing to report)."""
    if last_working_day is None or last_working_day < first_sick_day:
        return None
    return PlannedTask(ZIEK_UIT_DIENST.code, ZIEK_UIT_DIENST.title, last_working_day)


def task_on_recovery(recovery_date: date, vangnet: bool) -> PlannedTask | None:
    """Full recovery in a vangnet case: the hersteldmelding to UWV is due two days after the recovery date."""
    if not vangnet:
        return None
    return PlannedTask(HERSTELDMELDING_UWV.code, HERSTELDMELDING_UWV.title,
                       recovery_date + timedelta(days=HERSTELDMELDING_DAYS))


def case_start(previous_case_end: date | None, previous_case_start: date | None, new_first_sick_day: date) -> date:
    """The first day of the case a new ziekmelding belongs to.

    `previous_case_end` is the recovery date of the employee's latest closed case (the first day fit again); when
    fewer than 28 fit days lie between it and the new first sick day, the new period continues that case.
    """
    if previous_case_end is None or previous_case_start is None:
        return new_first_sick_day
    if (new_first_sick_day - previous_case_end).days < CASE_GAP_DAYS:
        return previous_case_start
    return new_first_sick_day


class SickPeriod(Protocol):
    """An earlier absence of the same employee, as the case rules see it (dates as ISO text)."""

    @property
    def first_sick_day(self) -> str: ...
    @property
    def recovered_on(self) -> str | None: ...
    @property
    def case_start(self) -> str: ...


def case_start_for(history: Iterable[SickPeriod], first_day: date) -> date:
    """The case a ziekmelding from `first_day` belongs to, given the employee's other absences: sick periods less
    than four weeks apart are one case (`case_start`)."""
    closed = [a for a in history if a.recovered_on and a.first_sick_day < first_day.isoformat()]
    latest = max(closed, key=lambda a: a.recovered_on or "", default=None)
    if latest is None or latest.recovered_on is None:
        return first_day
    return case_start(date.fromisoformat(latest.recovered_on), date.fromisoformat(latest.case_start), first_day)


def check_no_overlap(others: Iterable[SickPeriod], first_day: date, recovered_on: date | None) -> None:
    """Sick from `first_day` until `recovered_on` (None: still sick) may not overlap another absence: Conflict."""
    for other in others:
        other_end = date.fromisoformat(other.recovered_on) if other.recovered_on else date.max
        other_start = date.fromisoformat(other.first_sick_day)
        if first_day < other_end and other_start < (recovered_on or date.max):
            until = f" tot {other_end:%d-%m-%Y}" if other.recovered_on else ""
            raise Conflict(f"Deze periode overlapt met de ziekmelding van {other_start:%d-%m-%Y}{until}. "
                           "Kies een andere datum.", code="absence_overlaps")


def tasks_closed_by_recovery(open_tasks: Iterable[PlannedTask], recovery_date: date) -> list[str]:
    """Codes of open tasks that no longer apply after full recovery on `recovery_date`.

    The Poortwachter steps end with the case. The reports owed for days already sick (to the arbodienst, the
    vangnet report to UWV) and the hersteldmelding stay. A ziek-uit-dienstmelding lapses only when the employee
    is fit again by the last working day.
    """
    closed = []
    for task in open_tasks:
        effect = definition(task.code).on_recovery
        if effect is OnRecovery.CLOSES or (effect is OnRecovery.CLOSES_IF_FIT_BY_DUE and recovery_date <= task.due):
            closed.append(task.code)
    return closed
