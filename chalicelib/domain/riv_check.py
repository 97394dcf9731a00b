"""The RIV-check: what UWV will look for in the dossier at this point of a case when it judges the
re-integratieverslag at the WIA application, and whether each is there in time.

UWV judges the employer's re-integration effort by its Beleidsregels beoordelingskader poortwachter; the steps and
their deadlines are those of the Regeling procesgang eerste en tweede ziektejaar and the Ziektewet. A document
counts by the date ON it (the user's word), not the day it was added. Week counting: poortwachter.end_of_week.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from . import poortwachter
from .documents import DocumentType, types_for_task

_REGELING = "Regeling procesgang eerste en tweede ziektejaar"
HORIZON_WEEKS = 6
"""How far ahead an upcoming step is shown."""


class RivStatus(StrEnum):
    PRESENT = "present"
    """A matching document is dated on or before the deadline."""
    LATE = "late"
    """The only matching document is dated after the deadline: UWV will see it came late."""
    DUE = "due"
    """Nothing yet, and the deadline is today or later."""
    MISSING = "missing"
    """Nothing, and the deadline has passed."""


@dataclass(frozen=True)
class PresentDocument:
    """A released document of the case, as the check sees it."""
    type: DocumentType
    dated: date
    """The date on the document."""


@dataclass(frozen=True)
class RivItem:
    code: str
    """The Poortwachter task code: `probleemanalyse`, `evaluatie_plan_van_aanpak_w14`, …"""
    title: str
    due: date
    status: RivStatus
    document_types: tuple[DocumentType, ...]
    """What proves this step."""
    advice: str
    """What to do, in Dutch."""
    basis: str
    """Where the step comes from, in Dutch."""


@dataclass(frozen=True)
class Summary:
    missing: int
    late: int

    @property
    def in_order(self) -> bool:
        """Nothing UWV looks for so far is missing or late."""
        return not (self.missing or self.late)


@dataclass(frozen=True)
class _Step:
    action: str
    """What to do while the document is not there (yet), in Dutch."""
    basis: str


_EVALUATION = poortwachter.EVALUATIE_PLAN.code
_STEPS: dict[str, _Step] = {
    poortwachter.PROBLEEMANALYSE.code: _Step(
        action="Vraag de bedrijfsarts om de probleemanalyse en voeg haar toe aan het dossier.",
        basis=f"{_REGELING}: probleemanalyse van de bedrijfsarts uiterlijk in week 6"),
    poortwachter.PLAN_VAN_AANPAK.code: _Step(
        action="Stel met de medewerker het plan van aanpak op, laat het door u beiden ondertekenen en voeg het "
               "toe aan het dossier.",
        basis=f"{_REGELING}: plan van aanpak uiterlijk in week 8, twee weken na de probleemanalyse"),
    _EVALUATION: _Step(
        action="Evalueer het plan van aanpak met de medewerker en voeg het verslag van de evaluatie of de "
               "bijstelling van het plan toe aan het dossier.",
        basis=f"{_REGELING}: het plan van aanpak regelmatig evalueren en zo nodig bijstellen"),
    poortwachter.MELDING_42E_WEEK.code: _Step(
        action="Doe de 42e-weeksmelding via het werkgeversportaal van UWV en voeg de bevestiging van UWV toe aan "
               "het dossier.",
        basis="Ziektewet: 42e-weeksmelding aan UWV uiterlijk op de eerste dag na week 42"),
    poortwachter.EERSTEJAARSEVALUATIE.code: _Step(
        action="Houd met de medewerker de eerstejaarsevaluatie, met het oordeel van de bedrijfsarts, en voeg haar "
               "toe aan het dossier.",
        basis=f"{_REGELING}: eerstejaarsevaluatie aan het eind van het eerste ziektejaar"),
    poortwachter.REINTEGRATIEVERSLAG.code: _Step(
        action="Stel het re-integratieverslag met de eindevaluatie op, geef het aan de medewerker voor de "
               "WIA-aanvraag en voeg het toe aan het dossier.",
        basis=f"Wet WIA en {_REGELING}: re-integratieverslag met de eindevaluatie bij de WIA-aanvraag"),
}
"""The steps of the timeline that a document proves, by step code."""


def check(case_start: date, today: date, documents: Iterable[PresentDocument], *, ended: date | None = None,
          plan_evaluation_weeks: int = poortwachter.PLAN_EVALUATION_WEEKS,
          first_year_evaluation_week: int = poortwachter.FIRST_YEAR_EVALUATION_WEEK,
          wia_week: int = poortwachter.WIA_WEEK, report_weeks_before_wia: int = poortwachter.REPORT_WEEKS_BEFORE_WIA,
          horizon_weeks: int = HORIZON_WEEKS) -> list[RivItem]:
    """Each step of the Poortwachter timeline that a document proves, by due date, with its status.

    `ended`: the recovery date (the first day fit), or None while sick; steps due on or after it are left out.
    Steps due more than `horizon_weeks` after today are left out too, except the probleemanalyse, the first step.
    """
    dated = [(d.type, d.dated) for d in documents]
    horizon = today + timedelta(weeks=horizon_weeks)
    planned = poortwachter.tasks_for_case(
        case_start, vangnet=False, plan_evaluation_weeks=plan_evaluation_weeks,
        first_year_evaluation_week=first_year_evaluation_week, wia_week=wia_week,
        report_weeks_before_wia=report_weeks_before_wia)
    windows = [_window(task, plan_evaluation_weeks) for task in planned
               if poortwachter.definition(task.code).code in _STEPS]
    return [_judge(window, dated, today) for window in windows
            if (ended is None or window.due < ended)
            and (window.due <= horizon or window.step == poortwachter.PROBLEEMANALYSE.code)]


def first_gap(case_start: date, documents: Iterable[PresentDocument], *,
              plan_evaluation_weeks: int = poortwachter.PLAN_EVALUATION_WEEKS,
              first_year_evaluation_week: int = poortwachter.FIRST_YEAR_EVALUATION_WEEK,
              wia_week: int = poortwachter.WIA_WEEK,
              report_weeks_before_wia: int = poortwachter.REPORT_WEEKS_BEFORE_WIA) -> date | None:
    """The deadline of the first step for which the case holds no document at all (neither in time nor late), or
    None when every step of the timeline has one. From the day after it, `check` marks that step missing: a case
    "misses something" on `today` exactly when its first gap is before `today`. Independent of `today`, so it can
    be kept on the case and counted by index (the home page) without reading any case's documents."""
    dated = [(d.type, d.dated) for d in documents]
    planned = poortwachter.tasks_for_case(
        case_start, vangnet=False, plan_evaluation_weeks=plan_evaluation_weeks,
        first_year_evaluation_week=first_year_evaluation_week, wia_week=wia_week,
        report_weeks_before_wia=report_weeks_before_wia)
    for window in (_window(task, plan_evaluation_weeks) for task in planned
                   if poortwachter.definition(task.code).code in _STEPS):
        if not any(kind in window.types and window.opens < on <= window.late_until for kind, on in dated):
            return window.due
    return None


@dataclass(frozen=True)
class _Window:
    """When a step's document is in time: dated in (`opens`, `due`]; late: in (`due`, `late_until`]."""
    task: poortwachter.PlannedTask
    step: str
    due: date
    types: tuple[DocumentType, ...]
    opens: date = date.min
    late_until: date = date.max


def _window(task: poortwachter.PlannedTask, evaluation_weeks: int) -> _Window:
    step = poortwachter.definition(task.code).code
    if step == poortwachter.MELDING_42E_WEEK.code:
        # Ziektewet: "uiterlijk op de eerste dag na afloop van de 42e week". The task reminds at the end of week 42;
        # a confirmation dated the day after is still in time.
        return _Window(task, step, task.due + timedelta(days=1), types_for_task(step))
    if step == _EVALUATION:
        # One window per evaluation, from the end of the one before (the plan's deadline for the first); an
        # evaluation in the next window makes this one late. An eerstejaarsevaluatie evaluates the plan too.
        period = timedelta(weeks=evaluation_weeks)
        return _Window(task, step, task.due, types_for_task(step) + (DocumentType.EERSTEJAARSEVALUATIE,),
                       opens=task.due - period, late_until=task.due + period)
    return _Window(task, step, task.due, types_for_task(step))


def _judge(window: _Window, documents: list[tuple[DocumentType, date]], today: date) -> RivItem:
    step = _STEPS[window.step]
    dates = [on for kind, on in documents if kind in window.types and on > window.opens]
    due = f"{window.due:%d-%m-%Y}"
    if any(on <= window.due for on in dates):
        status, advice = RivStatus.PRESENT, "Dit staat op tijd in het dossier."
    elif any(on <= window.late_until for on in dates):
        status, advice = RivStatus.LATE, (f"Het document is gedateerd na de termijn ({due}): UWV ziet dat het te laat "
                                          "kwam. Leg in het dossier vast waarom het later is gedaan.")
    elif window.due >= today:
        status, advice = RivStatus.DUE, f"{step.action} Dat moet uiterlijk {due}."
    else:
        status, advice = RivStatus.MISSING, (f"{step.action} De termijn ({due}) is verstreken: leg in het dossier "
                                             "ook vast waarom het later is.")
    return RivItem(window.task.code, window.task.title, window.due, status, window.types, advice, step.basis)


def summary(items: Iterable[RivItem]) -> Summary:
    statuses = [item.status for item in items]
    return Summary(missing=statuses.count(RivStatus.MISSING), late=statuses.count(RivStatus.LATE))
