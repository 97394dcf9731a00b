"""Bewaartermijnen: when a record may be removed, from the day it closes (DOMAIN.md, "Retention").

The periods are settings (chalicelib/settings.py); their defaults and legal basis:
- absence administration (dates, duration, recovery): 2 years after employment ends — Autoriteit
  Persoonsgegevens, "De zieke werknemer" (AVG art. 5(1)(e), storage limitation);
- re-integration dossier (plans, evaluations, tasks): 2 years after the re-integration ends — Wet verbetering
  poortwachter, same AP guidance;
- employer is eigenrisicodrager Ziektewet: 5 years — UWV may check the Ziektewet payments over that time;
- employer is eigenrisicodrager WGA: 10 years after employment ends — the WGA liability runs that long (Wet WIA);
- audit trail of access: as long as the data it covers, at least 2 years.
A record whose date is not known yet (still sick, still employed) has no removal date: it stays.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta


@dataclass(frozen=True)
class Periods:
    absence_days: int = 730
    reintegration_days: int = 730
    erd_zw_days: int = 1826
    erd_wga_days: int = 3652
    audit_days: int = 730


@dataclass(frozen=True)
class EmployerRetention:
    """Per-employer settings that lengthen the periods."""
    eigenrisicodrager_zw: bool = False
    eigenrisicodrager_wga: bool = False


def absence_until(periods: Periods, employer: EmployerRetention, employment_end: date | None,
                  recovered_on: date | None) -> date | None:
    """The last day an absence is kept: only once it is closed and the employment has ended."""
    if employment_end is None or recovered_on is None:
        return None
    until = employment_end + timedelta(days=periods.absence_days)
    if employer.eigenrisicodrager_wga:
        until = max(until, employment_end + timedelta(days=periods.erd_wga_days))
    if employer.eigenrisicodrager_zw:
        until = max(until, recovered_on + timedelta(days=periods.erd_zw_days))
    return until


def reintegration_until(periods: Periods, employer: EmployerRetention, recovered_on: date | None) -> date | None:
    """The last day the tasks of a case are kept: counted from the end of the re-integration (recovery)."""
    if recovered_on is None:
        return None
    until = recovered_on + timedelta(days=periods.reintegration_days)
    if employer.eigenrisicodrager_zw:
        until = max(until, recovered_on + timedelta(days=periods.erd_zw_days))
    return until


def employee_until(periods: Periods, employer: EmployerRetention, employment_end: date | None) -> date | None:
    """The last day the employee record is kept (after it, it goes once none of their absences is kept)."""
    if employment_end is None:
        return None
    days = max(periods.absence_days, periods.erd_wga_days if employer.eigenrisicodrager_wga else 0)
    return employment_end + timedelta(days=days)


def expiry_epoch(last_day: date | None) -> int | None:
    """The TTL value: the first moment after the last day kept (midnight UTC that follows it)."""
    if last_day is None:
        return None
    return int(datetime.combine(last_day + timedelta(days=1), time(), UTC).timestamp())
