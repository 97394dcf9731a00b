"""Rapportages: the employer's four absence figures for a period of months, month by month, as JSON, SVG and CSV.

The formulas are `domain/figures.py` (Vernet, calendar days); this module loads the employer's employees and
absences, chooses the period and rounds and formats the answers. Contract: docs/reports.md.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Literal, TypedDict

from .. import store
from ..domain import departments as domain_departments
from ..domain import figures
from ..domain.chart import MonthValue, bar_chart, month_name, narrow_bar_chart
from ..domain.errors import InvalidInput, NotFound
from ..domain.fields import Field
from ..domain.roles import Scope
from ..observability import logger
from ..store import records
from .deps import Deps
from .sessions import Principal

DEFAULT_MONTHS = 12
MAX_MONTHS = 36
FIGURES = ("verzuimpercentage", "meldingsfrequentie", "gemiddelde_verzuimduur", "nulverzuim")
DECIMALS = {"verzuimpercentage": 2, "meldingsfrequentie": 2, "gemiddelde_verzuimduur": 1, "nulverzuim": 1}
CSV_HEADER = ("Maand", "Verzuimpercentage", "Meldingsfrequentie", "Gemiddelde verzuimduur (dagen)", "Nulverzuim (%)")
CHART_TITLE = "Verzuimpercentage per maand"

_MONTH = re.compile(r"(\d{4})-(\d{2})")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ReportQuery:
    """`van` and `tot` as yyyy-mm (what `<input type="month">` sends); absent or empty is the default period."""
    van: Annotated[str | None, Field("Van", example="2026-01",
                                     description="De eerste maand (jjjj-mm); standaard 11 maanden voor Tot.")] = None
    tot: Annotated[str | None, Field("Tot", example="2026-12",
                                     description="De laatste maand (jjjj-mm), hoogstens de huidige; standaard "
                                                 "de huidige maand.")] = None
    afdeling: Annotated[str | None, Field(
        "de afdeling", max_length=64, example="9b2f3c1e-…",
        description="department_id: alleen de cijfers van deze afdeling (met haar teams) of dit team; standaard "
                    "alles wat de gebruiker ziet.")] = None


@dataclass(frozen=True)
class ChartQuery(ReportQuery):
    """The period, and `weergave=smal` for a phone: horizontal bars whose text stays readable at 375 px."""
    weergave: Annotated[Literal["smal"] | None, Field(
        "de weergave", example="smal",
        description="smal: een liggende staaf per maand voor een smal scherm; standaard staande staven.")] = None


class DurationClasses(TypedDict):
    """How many of the cases that ended in the period lasted 1–14, 15–91, 92–365 and 366 or more days."""
    kort: int
    middellang: int
    lang: int
    extra_lang: int


class FiguresView(TypedDict):
    """The four figures over first_day..last_day, rounded as shown; null is "no figure"."""
    first_day: str
    last_day: str
    verzuimpercentage: float | None
    meldingsfrequentie: float | None
    gemiddelde_verzuimduur: float | None
    nulverzuim: float | None


class PeriodFigures(FiguresView):
    duration_classes: DurationClasses


class MonthFigures(FiguresView):
    month: str
    label: str


class DepartmentFigures(FiguresView):
    """The period's figures of one afdeling (with its teams) or team."""
    department_id: str
    full_name: str


class Report(TypedDict):
    """The figures of the whole period and of each month (docs/reports.md), and of the whole period per
    department (afdelingen with their teams, then each team) the user sees, within `afdeling` when chosen."""
    van: str
    tot: str
    afdeling: str | None
    first_day: str
    last_day: str
    full_time_hours: int
    period: PeriodFigures
    months: list[MonthFigures]
    departments: list[DepartmentFigures]


@dataclass(frozen=True)
class ReportPeriod:
    """Whole months from `first_month` through `last_month`; the last counts up to `last_day` (today at most)."""
    first_month: date
    last_month: date
    last_day: date


@dataclass(frozen=True)
class _Report:
    period: ReportPeriod
    total: figures.Figures
    months: list[figures.Figures]
    by_department: list[tuple[str, str, figures.Figures]]  # department id, full name, the period's figures
    afdeling: str | None


# Only what the figures need: no contact details or notes are read for a report.
def report(deps: Deps, principal: Principal, query: ReportQuery) -> Report:
    """The figures of the whole period and of each month, rounded as shown (`DECIMALS`); None is "no figure"."""
    computed = _compute(deps, principal, query)
    period = computed.period
    return {"van": f"{period.first_month:%Y-%m}", "tot": f"{period.last_month:%Y-%m}", "afdeling": computed.afdeling,
            "first_day": period.first_month.isoformat(), "last_day": period.last_day.isoformat(),
            "full_time_hours": figures.FULL_TIME_HOURS,
            "period": {**_figures_view(computed.total),
                       "duration_classes": _duration_classes(computed.total.duration_classes)},
            "months": [{"month": f"{m.period.first:%Y-%m}", "label": month_name(m.period.first), **_figures_view(m)}
                       for m in computed.months],
            "departments": [{"department_id": department_id, "full_name": full_name, **_figures_view(f)}
                            for department_id, full_name, f in computed.by_department]}


def chart_svg(deps: Deps, principal: Principal, query: ChartQuery) -> str:
    """The verzuimpercentage of each month as an SVG bar chart (horizontal bars with `weergave=smal`)."""
    computed = _compute(deps, principal, query)
    values = [MonthValue(m.period.first, _shown(m, "verzuimpercentage")) for m in computed.months]
    draw = narrow_bar_chart if query.weergave == "smal" else bar_chart
    return draw(values, title=CHART_TITLE, decimals=DECIMALS["verzuimpercentage"])


def export_csv(deps: Deps, principal: Principal, query: ReportQuery) -> tuple[str, str]:
    """(file name, text) of the CSV for Dutch Excel: `;`, decimal comma, a BOM, a row per month and a total row."""
    computed = _compute(deps, principal, query)
    period = computed.period
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for month in computed.months:
        writer.writerow([csv_text(month_name(month.period.first)), *_csv_figures(month)])
    total = f"Totaal {month_name(period.first_month)} t/m {month_name(period.last_month)}"
    writer.writerow([csv_text(total), *_csv_figures(computed.total)])
    if computed.by_department:
        writer.writerow([])
        writer.writerow(("Afdeling", *CSV_HEADER[1:]))
        for _, full_name, department in computed.by_department:
            writer.writerow([csv_text(full_name), *_csv_figures(department)])
    name = f"verzuimcijfers-{period.first_month:%Y-%m}-tm-{period.last_month:%Y-%m}.csv"
    return name, "\ufeff" + buffer.getvalue()


def csv_text(text: str) -> str:
    """A text cell that a spreadsheet will not run as a formula: a leading = + - @ (or tab, CR) gets a quote."""
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def period_of(today: date, van: str | None, tot: str | None) -> ReportPeriod:
    """The months asked for: `tot` defaults to, and is capped at, the current month; `van` defaults to 12 months
    up to `tot`. A period ending in the current month counts up to today."""
    current = today.replace(day=1)
    last = min(_month(tot, "tot", "Tot"), current) if tot else current
    first = _month(van, "van", "Van") if van else _months_before(last, DEFAULT_MONTHS - 1)
    if first > current:
        raise InvalidInput(f"De maand bij Van ligt in de toekomst. Kies {month_name(current)} of een eerdere maand.",
                           code="period_in_future", field="van")
    if first > last:
        raise InvalidInput("De maand bij Van ligt na de maand bij Tot. Kies bij Van dezelfde of een eerdere maand.",
                           code="period_reversed", field="van")
    if (last.year - first.year) * 12 + last.month - first.month + 1 > MAX_MONTHS:
        raise InvalidInput(f"Kies een periode van hoogstens {MAX_MONTHS} maanden.", code="period_too_long",
                           field="tot")
    return ReportPeriod(first, last, min(_month_end(last), today))


def _compute(deps: Deps, principal: Principal, query: ReportQuery) -> _Report:
    today = deps.today()
    period = period_of(today, query.van, query.tot)
    tree = {d.department_id: d for d in store.departments.list_for_employer(principal.employer_id)}
    scope = _scope(principal, query.afdeling, tree)  # a leidinggevende's figures are those of their departments
    employees = store.employees.every(scope)
    employments = [_employment(e) for e in employees]
    absences = [_absence(a) for a in store.absences.sick_periods(scope)]
    months = figures.monthly_series(employments, absences, period.first_month, period.last_month)
    if months and months[-1].period.last > period.last_day:
        months[-1] = figures.figures_for_period(employments, absences,
                                                figures.Period(months[-1].period.first, period.last_day))
    whole = figures.Period(period.first_month, period.last_day)
    total = figures.figures_for_period(employments, absences, whole)
    logger.info("report", extra={"user_id": principal.user_id, "months": len(months),
                                 "employees": len(employments), "absences": len(absences)})
    chosen = next(iter(scope.departments)) if query.afdeling and scope.departments else None
    return _Report(period, total, months, _by_department(scope, tree, employees, employments, absences, whole),
                   chosen)


def _scope(principal: Principal, afdeling: str | None, tree: dict[str, records.Department]) -> Scope:
    """The caller's scope, narrowed to one department (with its teams) when asked; one they do not see is not
    found, as another employer's."""
    if not afdeling:
        return principal.scope
    chosen = tree.get(afdeling[:64])
    if chosen is None or not principal.scope.covers_department(chosen.department_id, chosen.parent_id):
        raise NotFound("Deze afdeling bestaat niet, of u ziet haar cijfers niet.", code="department_unknown")
    return Scope(principal.employer_id, frozenset({chosen.department_id}))


def _by_department(scope: Scope, tree: dict[str, records.Department], employees: list[records.Employee],
                   employments: list[figures.Employment], absences: list[figures.Absence],
                   whole: figures.Period) -> list[tuple[str, str, figures.Figures]]:
    """The period's figures of each department in scope (an afdeling counts its teams' employees too), in the
    tree's order: one pass over the employees and absences already read, no further reads."""
    members: dict[str, set[str]] = {}
    for employee in employees:
        for department_id in (employee.department_id, employee.afdeling_id):
            if department_id:
                members.setdefault(department_id, set()).add(employee.employee_id)
    employment_of = {e.employee_id: e for e in employments}
    absences_of: dict[str, list[figures.Absence]] = {}
    for absence in absences:
        absences_of.setdefault(absence.employee_id, []).append(absence)
    nodes = {i: domain_departments.Node(department_id=d.department_id, name=d.name, parent_id=d.parent_id)
             for i, d in tree.items()}
    rows = []
    for node in domain_departments.ordered(list(nodes.values())):
        if not scope.covers_department(node.department_id, node.parent_id):
            continue
        ids = sorted(members.get(node.department_id, set()))
        rows.append((node.department_id, domain_departments.full_name(node, nodes), figures.figures_for_period(
            [employment_of[i] for i in ids], [a for i in ids for a in absences_of.get(i, [])], whole)))
    return rows


def _employment(employee: records.Employee) -> figures.Employment:
    end = date.fromisoformat(employee.end_date) if employee.end_date else None
    return figures.Employment(employee.employee_id, date.fromisoformat(employee.start_date), end,
                              employee.contract_hours)


def _absence(absence: records.SickPeriod) -> figures.Absence:
    """A recovery step records the percentage working again; the figures want the fraction still unfit.

    Nothing is excluded: the portal never records why a vangnet applies (AVG), so it cannot tell pregnancy apart.
    """
    steps = tuple((date.fromisoformat(s.from_date), (100 - float(s.percentage)) / 100) for s in absence.steps)
    end = date.fromisoformat(absence.recovered_on) if absence.recovered_on else None
    return figures.Absence(absence.employee_id, date.fromisoformat(absence.first_sick_day), end, steps)


def _figures_view(computed: figures.Figures) -> FiguresView:
    return {"first_day": computed.period.first.isoformat(), "last_day": computed.period.last.isoformat(),
            "verzuimpercentage": _shown(computed, "verzuimpercentage"),
            "meldingsfrequentie": _shown(computed, "meldingsfrequentie"),
            "gemiddelde_verzuimduur": _shown(computed, "gemiddelde_verzuimduur"),
            "nulverzuim": _shown(computed, "nulverzuim")}


def _duration_classes(counts: dict[str, int]) -> DurationClasses:
    return {"kort": counts["kort"], "middellang": counts["middellang"], "lang": counts["lang"],
            "extra_lang": counts["extra_lang"]}


def _csv_figures(computed: figures.Figures) -> list[str]:
    """Decimal comma, no thousands separator, an empty cell for "no figure"."""
    cells = []
    for name in FIGURES:
        value = _rounded(computed, name)
        cells.append("" if value is None else f"{value:.{DECIMALS[name]}f}".replace(".", ","))
    return cells


def _rounded(computed: figures.Figures, name: str) -> Decimal | None:
    value = getattr(computed, name)
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-DECIMALS[name]), rounding=ROUND_HALF_UP)


def _shown(computed: figures.Figures, name: str) -> float | None:
    """The figure rounded as shown, as a JSON number."""
    value = _rounded(computed, name)
    return None if value is None else float(value)


def _month(value: str, field: str, label: str) -> date:
    match = _MONTH.fullmatch(value.strip()[:16])
    if match is None:
        raise InvalidInput(f"Vul bij {label} een maand in als jjjj-mm, bijvoorbeeld 2026-01.", code="month_invalid",
                           field=field)
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise InvalidInput(f"De maand bij {label} bestaat niet. Kies een maand van 01 tot en met 12, "
                           "bijvoorbeeld 2026-01.", code="month_impossible", field=field)
    if year < 1900:
        raise InvalidInput(f"Kies bij {label} een maand vanaf 1900.", code="month_impossible", field=field)
    return date(year, month, 1)


def _months_before(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


def _month_end(month: date) -> date:
    return (month + timedelta(days=31)).replace(day=1) - timedelta(days=1)
