"""Absence figures per employer and period (Vernet definitions, calendar days).

Conventions: a period runs from `first` to `last`, both included. An employment runs from `start` to `end`, both
included (`end` is the last day employed). An absence runs from `first_day` up to but not including `end`, the
recovery date (the first day fit again); None means still sick. A figure with nothing to divide by is None
("no figure"), never 0 and never an error.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

FULL_TIME_HOURS = 40  # Vernet: part-time factor = contract hours ÷ full-time hours; per-employer CAO setting

_NEVER = date.max


@dataclass(frozen=True)
class Period:
    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


@dataclass(frozen=True)
class Employment:
    """One employee's employment; one per employee id."""
    employee_id: str
    start: date
    end: date | None
    contract_hours: float | Decimal


@dataclass(frozen=True)
class Absence:
    """`steps`: partial recovery, each (from_date, incapacity fraction still unfit from that date on, 0–1)."""
    employee_id: str
    first_day: date
    end: date | None
    steps: tuple[tuple[date, float], ...] = ()
    excluded: bool = False  # pregnancy or maternity leave: not sick leave (Vernet)

    @property
    def days(self) -> int | None:
        """Calendar days sick, the first day included; None while still sick."""
        return None if self.end is None else (self.end - self.first_day).days


@dataclass(frozen=True)
class Figures:
    period: Period
    verzuimpercentage: float | None
    meldingsfrequentie: float | None
    gemiddelde_verzuimduur: float | None
    nulverzuim: float | None
    duration_classes: dict[str, int] = field(default_factory=dict)


DURATION_CLASSES = (("kort", 14), ("middellang", 91), ("lang", 365), ("extra_lang", 730))  # Vernet, in days


def _overlap(*ranges: tuple[date, date]) -> int:
    """Days shared by half-open ranges [from, to)."""
    return max(0, (min(to for _, to in ranges) - max(start for start, _ in ranges)).days)


def _employed(employment: Employment) -> tuple[date, date]:
    end = _NEVER if employment.end is None else employment.end + timedelta(days=1)
    return employment.start, end


def _period_range(period: Period) -> tuple[date, date]:
    return period.first, period.last + timedelta(days=1)


def _segments(absence: Absence) -> list[tuple[date, date, float]]:
    """The absence as half-open pieces with one incapacity fraction each; fully unfit until the first step."""
    end = absence.end or _NEVER
    steps = sorted(((day, float(fraction)) for day, fraction in absence.steps), key=lambda step: step[0])
    changes = [(absence.first_day, 1.0)] + steps
    pieces = []
    for (start, fraction), (next_start, _) in zip(changes, changes[1:] + [(end, 0.0)], strict=True):
        start, stop = max(start, absence.first_day), min(next_start, end)
        if start < stop:
            pieces.append((start, stop, fraction))
    return pieces


def part_time_factor(contract_hours: float | Decimal, full_time_hours: float = FULL_TIME_HOURS) -> float:
    return float(contract_hours) / float(full_time_hours)


def employed_days(employment: Employment, period: Period) -> int:
    return _overlap(_employed(employment), _period_range(period))


def verzuimpercentage(employments: list[Employment], absences: list[Absence], period: Period, *,
                      full_time_hours: float = FULL_TIME_HOURS) -> float | None:
    """Σ(sick days × part-time factor × incapacity) ÷ Σ(employed days × part-time factor) × 100, within the period.

    Sick days count only while the employee is employed; absences of unknown employees are ignored.
    """
    by_id = {e.employee_id: e for e in employments}
    basis = sum(employed_days(e, period) * part_time_factor(e.contract_hours, full_time_hours) for e in employments)
    if basis == 0:
        return None
    sick = 0.0
    for absence in _sick_leave(absences, by_id):
        employment = by_id[absence.employee_id]
        factor = part_time_factor(employment.contract_hours, full_time_hours)
        for start, end, fraction in _segments(absence):
            sick += _overlap((start, end), _period_range(period), _employed(employment)) * factor * fraction
    return sick / basis * 100


def meldingsfrequentie(employments: list[Employment], absences: list[Absence], period: Period) -> float | None:
    """New sick reports in the period ÷ average headcount, per year.

    Average headcount = employed days in the period ÷ days in the period. A period shorter or longer than a year is
    scaled by (days of the year that starts on the period's first day) ÷ (days in the period): a 31-day January
    2026 counts × 365/31, the whole of 2028 × 366/366.
    """
    headcount = sum(employed_days(e, period) for e in employments) / period.days
    if headcount == 0:
        return None
    by_id = {e.employee_id: e for e in employments}
    reports = sum(1 for a in _sick_leave(absences, by_id) if period.first <= a.first_day <= period.last)
    return reports / headcount * _year_days(period.first) / period.days


def gemiddelde_verzuimduur(employments: list[Employment], absences: list[Absence], period: Period) -> float | None:
    """Mean calendar days of the cases whose last sick day lies in the period, days before the period included."""
    durations = _days_of_cases_ended_in(employments, absences, period)
    return sum(durations) / len(durations) if durations else None


def nulverzuim(employments: list[Employment], absences: list[Absence], period: Period) -> float | None:
    """% of the employees employed the whole period who had no sick leave in it.

    An absence counts when it touches the period, even if reported earlier: sick all period is not zero absence.
    """
    whole = [e for e in employments if employed_days(e, period) == period.days]
    if not whole:
        return None
    by_id = {e.employee_id: e for e in whole}
    sick = {a.employee_id for a in _sick_leave(absences, by_id)
            if _overlap((a.first_day, a.end or _NEVER), _period_range(period)) > 0}
    return (len(whole) - len(sick)) / len(whole) * 100


def duration_class(days: int) -> str:
    """Vernet's class of a case of `days` calendar days: kort 1–14, middellang 15–91, lang 92–365, extra_lang 366+."""
    for name, up_to in DURATION_CLASSES:
        if days <= up_to:
            return name
    return DURATION_CLASSES[-1][0]


def duration_classes(employments: list[Employment], absences: list[Absence], period: Period) -> dict[str, int]:
    """How many of the cases that ended in the period fall in each duration class."""
    counts = {name: 0 for name, _ in DURATION_CLASSES}
    for days in _days_of_cases_ended_in(employments, absences, period):
        counts[duration_class(days)] += 1
    return counts


def figures_for_period(employments: list[Employment], absences: list[Absence], period: Period, *,
            full_time_hours: float = FULL_TIME_HOURS) -> Figures:
    return Figures(period=period,
                   verzuimpercentage=verzuimpercentage(employments, absences, period, full_time_hours=full_time_hours),
                   meldingsfrequentie=meldingsfrequentie(employments, absences, period),
                   gemiddelde_verzuimduur=gemiddelde_verzuimduur(employments, absences, period),
                   nulverzuim=nulverzuim(employments, absences, period),
                   duration_classes=duration_classes(employments, absences, period))


def months(first_month: date, last_month: date) -> list[Period]:
    """Calendar months from the month of `first_month` through the month of `last_month`."""
    periods = []
    start = first_month.replace(day=1)
    while start <= last_month:
        following = (start + timedelta(days=31)).replace(day=1)
        periods.append(Period(start, following - timedelta(days=1)))
        start = following
    return periods


def monthly_series(employments: list[Employment], absences: list[Absence], first_month: date, last_month: date, *,
                   full_time_hours: float = FULL_TIME_HOURS) -> list[Figures]:
    """The figures of each calendar month, for the chart and the CSV export."""
    return [figures_for_period(employments, absences, month, full_time_hours=full_time_hours)
            for month in months(first_month, last_month)]


def _sick_leave(absences: list[Absence], employments: dict[str, Employment]) -> list[Absence]:
    return [a for a in absences if not a.excluded and a.employee_id in employments]


def _days_of_cases_ended_in(employments: list[Employment], absences: list[Absence], period: Period) -> list[int]:
    """The calendar days sick of each case whose last sick day lies in the period."""
    by_id = {e.employee_id: e for e in employments}
    return [(a.end - a.first_day).days for a in _sick_leave(absences, by_id)
            if a.end is not None and period.first <= a.end - timedelta(days=1) <= period.last]


def _year_days(start: date) -> int:
    """Days from `start` to the same date a year later (29 February counts to 1 March)."""
    try:
        next_year = start.replace(year=start.year + 1)
    except ValueError:
        next_year = date(start.year + 1, 3, 1)
    return (next_year - start).days
