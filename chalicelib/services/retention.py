"""Bewaartermijnen in the portal: removal dates stamped when records close, and the daily purge job.

DynamoDB TTL deletes absences and tasks at their `purge_at` (TTL may run days late; the job also removes those
it meets). What TTL cannot express is left to the daily job: an employee record may go only when none of their
absences is kept any longer, and with it the personnel-number claim and search keys.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from .. import store
from ..bucket import ObjectName
from ..domain import retention, wazo
from ..domain.errors import NotFound
from ..observability import Metric, count, logger
from ..store import records
from . import audit
from .deps import Deps


def rules(employer_id: str) -> retention.EmployerRetention:
    employer = store.employers.get(employer_id)
    if employer is None:
        return retention.EmployerRetention()
    return retention.EmployerRetention(bool(employer.eigenrisicodrager_zw), bool(employer.eigenrisicodrager_wga))


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def absence_purge_at(deps: Deps, employer: retention.EmployerRetention, employee: records.Employee,
                     recovered_on: str | None) -> int | None:
    return retention.expiry_epoch(retention.absence_until(deps.settings.retention, employer,
                                                          _day(employee.end_date), _day(recovered_on)))


def tasks_purge_at(deps: Deps, employer: retention.EmployerRetention, recovered_on: str | None) -> int | None:
    return retention.expiry_epoch(retention.reintegration_until(deps.settings.retention, employer,
                                                                _day(recovered_on)))


def employee_purge_on(deps: Deps, employer: retention.EmployerRetention, end_date: str | None) -> str | None:
    """The day after which the employee's record may go; None while the employment continues."""
    until = retention.employee_until(deps.settings.retention, employer, _day(end_date))
    return until.isoformat() if until else None


def employment_end_changed(deps: Deps, employee: records.Employee,
                           employer: retention.EmployerRetention | None = None) -> None:
    """Stamp (or clear) the removal time of the employee's closed absences after the end date changed."""
    employer = employer or rules(employee.employer_id)
    for absence in _closed_absences(employee):
        store.absences.set_purge_at(absence, absence_purge_at(deps, employer, employee, absence.recovered_on))


def _closed_absences(employee: records.Employee) -> list[records.Absence]:
    return [a for a in store.absences.for_employee(employee.employer_id, employee.employee_id)
            if a.status == "closed"]


def set_employer_rules(deps: Deps, employer_id: str, *, zw: bool | None = None, wga: bool | None = None,
                       actor: str = audit.CLI_ACTOR) -> retention.EmployerRetention:
    """Mark an employer as eigenrisicodrager (Ziektewet, WGA) or not, and stamp its closed records again."""
    if store.employers.get(employer_id) is None:
        raise NotFound("Deze werkgever bestaat niet.", code="employer_unknown")
    store.employers.set_retention(employer_id, zw=zw, wga=wga, audit=audit.secretariat_line(
        deps, actor, "retention_rules_changed", "employer", employer_id))
    rules_now = rules(employer_id)
    for employee in store.employees.list_for_employer(employer_id):
        purge_on = employee_purge_on(deps, rules_now, employee.end_date)
        if purge_on is not None:  # the employment has ended
            store.employees.set_purge_on(employee, purge_on)
        employment_end_changed(deps, employee, rules_now)
        for absence in _closed_absences(employee):
            store.absences.set_tasks_purge_at(store.absences.tasks_of(absence.absence_id),
                                              tasks_purge_at(deps, rules_now, absence.recovered_on))
    return rules_now


@dataclass
class PurgeReport:
    employees_checked: int = 0
    employees_removed: int = 0
    employees_kept: int = 0
    records_removed: int = 0
    orphaned_tasks_removed: int = 0


def remove_orphaned_tasks() -> int:
    """The TTL backstop's gap: when the job has been down past an absence's grace, TTL removes the absence but not
    a task still open on it (open tasks have no TTL). Such a task is removed here with its open-task count.
    Per employer with open tasks: one Query of its open tasks, a BatchGetItem of their absences' keys."""
    removed = 0
    for employer in store.digests.employers_with_open_tasks():
        tasks = store.absences.all_open_tasks(employer.employer_id)
        alive = (store.absences.existing(employer.employer_id, [t.absence_id for t in tasks
                                                                if not wazo.is_leave_task(t.code)])
                 | store.leaves.existing(employer.employer_id, [t.absence_id for t in tasks
                                                                if wazo.is_leave_task(t.code)]))
        for task in (t for t in tasks if t.absence_id not in alive):
            removed += store.absences.delete_orphaned_task(task)
    if removed:
        logger.warning("open tasks without their absence removed", extra={"tasks": removed})
    return removed


def remove_documents(deps: Deps, absence: records.Absence) -> int:
    """A case's documents go with it (DOMAIN.md: the re-integration dossier), every version: the objects first (an
    item left behind is found again tomorrow, an object without its item never would be), then the items."""
    stored = store.documents.of_case(absence.employer_id, absence.absence_id)
    if stored:
        deps.bucket.delete([ObjectName(d.employer_id, d.absence_id, d.document_id, d.version) for d in stored])
        store.documents.delete(stored)
    return len(stored)


def purge(deps: Deps) -> PurgeReport:
    """The daily job: remove employees whose removal day has come and who have no absence left that is kept."""
    report = PurgeReport()
    now, today = deps.now(), deps.today().isoformat()
    for employee in store.employees.due_for_purge(today):
        report.employees_checked += 1
        kept: list[int] = []  # the removal times of the absences that are kept
        kept_undated = False  # and whether one is kept that has no removal time yet
        for absence in store.absences.for_employee(employee.employer_id, employee.employee_id):
            if absence.purge_at is not None and absence.purge_at <= now:
                report.records_removed += remove_documents(deps, absence)
            report.records_removed += store.absences.delete_expired(
                absence, store.absences.tasks_of(absence.absence_id), now)
            if absence.purge_at is None:
                kept_undated = True
            elif not absence.purge_at or absence.purge_at > now:
                kept.append(absence.purge_at)
        if kept or kept_undated or employee.open_absence_id:
            report.employees_kept += 1
            if kept and not kept_undated:  # look again when the last of them goes, not every day
                last_day = datetime.fromtimestamp(max(kept), UTC).date() - timedelta(days=1)
                store.employees.set_purge_on(employee, last_day.isoformat())
            continue
        # A zwangerschaps- en bevallingsverlof is absence administration too: it goes with the employee's record.
        report.records_removed += store.leaves.delete_all(employee)
        if store.employees.delete(employee):  # not when reported sick since the check
            report.employees_removed += 1
    report.orphaned_tasks_removed = remove_orphaned_tasks()
    count(Metric.RETENTION_REMOVED, report.employees_removed + report.records_removed + report.orphaned_tasks_removed)
    logger.info("retention purge", extra={"checked": report.employees_checked, "removed": report.employees_removed,
                                          "kept": report.employees_kept, "records_removed": report.records_removed})
    return report
