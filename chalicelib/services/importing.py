"""The VerzuimDesk import (docs/import.md): a customer's employees and absence history, as the portal makes them.

Every row of the export ends as imported, skipped (already there: an employee by personnel number within the
employer, an absence by employee and first sick day) or rejected with its reason, in a report for the
secretariat. Everything is read and checked before anything is written; a dry run stops there. Running the same
export again imports nothing; an interrupted run completes when it is run again (store/imports.py).
"""
from __future__ import annotations

import csv
import dataclasses
import io
import re
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .. import store
from ..domain import departments, poortwachter, roles
from ..domain import verzuimdesk as vd
from ..domain.employees import EmployeeFields, check_first_sick_day
from ..domain.errors import Conflict, InvalidInput, NotFound
from ..domain.poortwachter import case_start_for, check_no_overlap
from ..observability import logger
from ..store import records
from . import audit, retention
from .absences import first_riv_gap, new_task
from .deps import Deps
from .employees import stored_attributes

IMPORTED, SKIPPED, REJECTED = "imported", "skipped", "rejected"
OUTCOME_LABELS = {IMPORTED: "geïmporteerd", SKIPPED: "overgeslagen", REJECTED: "geweigerd"}
DRY_RUN_LABELS = {IMPORTED: "wordt geïmporteerd", SKIPPED: "wordt overgeslagen", REJECTED: "geweigerd"}
CREATED_BY = "verzuimdesk-import"  # `created_by` of an imported absence: no portal user reported it
MARKER_SECONDS = 90 * 24 * 3600  # how long a run that was interrupted can be completed without counting twice
REPORT_COLUMNS = ("bestand", "regel", "personeelsnummer", "eerste_ziektedag", "resultaat", "reden")

# Ids of imported records follow from their import keys, so a repeated run writes the same items.
_IDS = uuid.uuid5(uuid.NAMESPACE_URL, "verzuimportaal:verzuimdesk-import")
_SAFE_NUMBER = re.compile(r"^[A-Za-z0-9-]{1,20}$")


@dataclass(frozen=True)
class ReportLine:
    file: str
    line: int
    personnel_number: str
    first_sick_day: str
    outcome: str
    reason: str


@dataclass
class FileSummary:
    file: str
    encoding: str
    delimiter: str
    ignored_columns: tuple[str, ...]
    forbidden_columns: tuple[str, ...]


@dataclass
class ImportReport:
    employer_id: str
    employer_name: str
    dry_run: bool
    files: list[FileSummary] = field(default_factory=list)
    lines: list[ReportLine] = field(default_factory=list)
    open_tasks_added: int = 0
    departments_added: list[str] = field(default_factory=list)  # full names, in the order the rows named them

    def counts(self, file: str | None = None) -> Counter[str]:
        counted = Counter({IMPORTED: 0, SKIPPED: 0, REJECTED: 0})
        counted.update(line.outcome for line in self.lines if file is None or line.file == file)
        return counted

    def rows_read(self, file: str | None = None) -> int:
        return sum(1 for line in self.lines if file is None or line.file == file)

    def to_csv(self) -> bytes:
        """The report for the secretariat: one row per input row, `;`-separated UTF-8 with a BOM (Excel)."""
        labels = DRY_RUN_LABELS if self.dry_run else OUTCOME_LABELS
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(REPORT_COLUMNS)
        for line in sorted(self.lines, key=lambda item: (item.file != vd.EMPLOYEES_FILE, item.file, item.line)):
            writer.writerow((line.file, line.line, line.personnel_number, line.first_sick_day, labels[line.outcome],
                             line.reason))
        return ("\ufeff" + out.getvalue()).encode("utf-8")


def load_export(directory: Path) -> dict[str, bytes]:
    """The export's files by their expected names (the case of the names on disk does not matter)."""
    if not directory.is_dir():
        raise InvalidInput(f"De map {directory} bestaat niet.", code="directory_unknown")
    wanted = {vd.EMPLOYEES_FILE, vd.ABSENCES_FILE}
    found = {path.name.lower(): path for path in directory.iterdir() if path.is_file() and path.name.lower() in wanted}
    if not found:
        raise InvalidInput(f"In {directory} staat geen {vd.EMPLOYEES_FILE} of {vd.ABSENCES_FILE}.",
                           code="export_missing")
    return {name: path.read_bytes() for name, path in found.items()}


def import_verzuimdesk(deps: Deps, employer_id: str, export: dict[str, bytes], *, dry_run: bool = False,
                       actor: str = audit.CLI_ACTOR) -> ImportReport:
    """Import an export (file name → bytes) into one employer; with `dry_run` only check and report."""
    employer = store.employers.get(employer_id)
    if employer is None:
        raise NotFound("Deze werkgever bestaat niet.", code="employer_unknown")
    tables = _read_tables(export)
    run = _Run(deps, employer_id, ImportReport(employer_id, employer.name, dry_run))
    for table in tables.values():
        run.report.files.append(FileSummary(table.file, table.encoding, table.delimiter, table.ignored_columns,
                                            table.forbidden_columns))
    numbers = {row.get("personeelsnummer").lower() for table in tables.values() for row in table.rows
               if _SAFE_NUMBER.match(row.get("personeelsnummer"))}
    run.claims = store.imports.claims(employer_id, numbers) if numbers else {}
    if vd.EMPLOYEES_FILE in tables:
        run.departments = {(d.parent_id, departments.name_key(d.name)): d
                           for d in store.departments.list_for_employer(employer_id)}
        run.check_employees(tables[vd.EMPLOYEES_FILE])
    if vd.ABSENCES_FILE in tables:
        run.check_absences(tables[vd.ABSENCES_FILE])
    if not dry_run:
        run.write()
        counts = run.report.counts()
        audit.record_secretariat(deps, actor, "verzuimdesk_imported", "employer",
                                 f"{employer_id}#imported={counts[IMPORTED]},skipped={counts[SKIPPED]},"
                                 f"rejected={counts[REJECTED]}")
    logger.info("verzuimdesk import", extra={"employer_id": employer_id, "dry_run": dry_run,
                                             **run.report.counts(), "open_tasks_added": run.report.open_tasks_added})
    return run.report


def _read_tables(export: dict[str, bytes]) -> dict[str, vd.Table]:
    columns = {vd.EMPLOYEES_FILE: vd.EMPLOYEE_COLUMNS, vd.ABSENCES_FILE: vd.ABSENCE_COLUMNS}
    if not columns.keys() & export.keys():
        raise InvalidInput(f"De export bevat geen {vd.EMPLOYEES_FILE} of {vd.ABSENCES_FILE}.", code="export_missing")
    try:
        return {name: vd.read_table(export[name], name, columns[name]) for name in columns if name in export}
    except vd.FileRefused as refused:
        raise InvalidInput(f"{refused.file}: {refused.message} Er is niets geïmporteerd.",
                           code="file_refused") from None


@dataclass
class _Planned:
    """An absence to write, with its tasks (open absences only) and the report line that waits for the write."""
    absence: records.Absence
    tasks: list[records.Task]
    line: int
    employee_is_new: bool


class _Run:
    def __init__(self, deps: Deps, employer_id: str, report: ImportReport):
        self.deps = deps
        self.employer_id = employer_id
        self.report = report
        self.today = deps.today()
        self.rules = retention.rules(employer_id)
        self.claims: dict[str, str] = {}
        self.new_employees: dict[str, records.Employee] = {}  # personnel number (lowercase) → employee to write
        self.refused_employees: dict[str, int] = {}  # personnel number (lowercase) → line in medewerkers.csv
        self.absences: list[_Planned] = []
        # The employer's departments, with those this run adds, by parent and name key (domain/departments.py)
        self.departments: dict[tuple[str | None, str], records.Department] = {}
        self.new_departments: list[records.Department] = []  # afdelingen before their teams

    # --- employees ---------------------------------------------------------------------------------------------
    def check_employees(self, table: vd.Table) -> None:
        first_seen: dict[str, tuple[int, EmployeeFields]] = {}
        # As "Medewerker toevoegen": once the employer has departments, every employee is in one.
        required = bool(self.departments) or any(row.get("afdeling") for row in table.rows)
        for row in table.rows:
            number = row.get("personeelsnummer")
            try:
                fields = vd.employee_fields(row, self.today)
            except InvalidInput as error:
                self._refuse_employee(table.file, row, number, error.message)
                continue
            key = fields.personnel_number.lower()
            if key in first_seen:
                earlier, earlier_fields = first_seen[key]
                if earlier_fields == fields:
                    self._add(table.file, row.line, number, "", SKIPPED, f"Dubbele regel: staat al op regel {earlier}.")
                else:
                    self._add(table.file, row.line, number, "", REJECTED,
                              f"Dit personeelsnummer staat al op regel {earlier} met andere gegevens.")
                continue
            first_seen[key] = (row.line, fields)
            if key in self.claims:
                self._add(table.file, row.line, number, "", SKIPPED,
                          "Deze medewerker bestaat al (personeelsnummer in gebruik); de gegevens zijn niet gewijzigd.")
                continue
            attributes = stored_attributes(fields)
            end = attributes["end_date"]
            purge_on = retention.employee_purge_on(self.deps, self.rules, end)
            if purge_on and purge_on <= self.today.isoformat():
                self._refuse_employee(table.file, row, number,
                                      f"Uit dienst sinds {_nl(end)}: de bewaartermijn is verstreken "
                                      f"({_nl(purge_on)}). Deze gegevens worden niet meer bewaard.")
                continue
            try:
                department, created = self._department_of(row, required)
            except InvalidInput as error:
                self._refuse_employee(table.file, row, number, error.message)
                continue
            # The export names the department an employee is in now; from their start is the best we know.
            self.new_employees[key] = records.Employee(
                employer_id=self.employer_id, employee_id=str(uuid.uuid5(_IDS, f"{self.employer_id}#employee#{key}")),
                created_at=self.deps.now(), **attributes, purge_on=purge_on,
                department_id=department.department_id if department else None,
                afdeling_id=departments.afdeling_of(department.department_id, department.parent_id)
                if department else None,
                department_since=attributes["start_date"] if department else None)
            done = "wordt aangemaakt" if self.report.dry_run else "aangemaakt"
            self._add(table.file, row.line, number, "", IMPORTED, " ".join(f"{name} {done}." for name in created))

    def _department_of(self, row: vd.Row, required: bool) -> tuple[records.Department | None, list[str]]:
        path = vd.department_path(row)
        if path is not None:
            return self._department_for(path)
        if required:
            raise InvalidInput("afdeling: vul de afdeling (en zo nodig het team) in. Deze werkgever heeft afdelingen: "
                               "elke medewerker hoort bij een afdeling of team.", code="department_missing",
                               field="afdeling")
        return None, []

    def _department_for(self, path: vd.DepartmentPath) -> tuple[records.Department, list[str]]:
        """The afdeling or team the row names, matched by name as "Afdelingen en teams" does (case and
        accents do not count); what is not there yet is planned, and named ("Team Magazijn › Nacht") to report."""
        created: list[str] = []
        afdeling = self._department_named(path.afdeling, None, created)
        team = self._department_named(path.team, afdeling, created) if path.team else None
        return team or afdeling, created

    def _department_named(self, name: str, parent: records.Department | None,
                          created: list[str]) -> records.Department:
        parent_id = parent.department_id if parent else None
        key = (parent_id, departments.name_key(name))
        if key in self.departments:
            return self.departments[key]
        try:
            departments.check_room(len(self.departments))
        except InvalidInput as error:
            raise InvalidInput(f"afdeling: {error.message}", code=error.code, field="afdeling") from None
        department = records.Department(
            employer_id=self.employer_id, name=name, parent_id=parent_id, created_at=self.deps.now(),
            department_id=str(uuid.uuid5(_IDS, store.departments.claim_key(self.employer_id, parent_id, name))))
        self.departments[key] = department
        self.new_departments.append(department)
        full_name = f"{parent.name} › {name}" if parent else name
        self.report.departments_added.append(full_name)
        created.append(f"Team {full_name}" if parent else f"Afdeling {full_name}")
        return department

    def _refuse_employee(self, file: str, row: vd.Row, number: str, reason: str) -> None:
        if number and number.lower() not in self.claims:
            self.refused_employees.setdefault(number.lower(), row.line)
        self._add(file, row.line, number, "", REJECTED, reason)

    # --- absences ----------------------------------------------------------------------------------------------
    def check_absences(self, table: vd.Table) -> None:
        existing = self._existing_employees(table)
        checked: dict[str, list[tuple[vd.Row, vd.AbsenceFields]]] = defaultdict(list)
        first_seen: dict[tuple[str, date], tuple[int, vd.AbsenceFields]] = {}
        for row in table.rows:
            number = row.get("personeelsnummer")
            try:
                fields = vd.absence_fields(row, self.today)
                employee = self._employee_for(fields.personnel_number, existing)
                check_first_sick_day(fields.first_sick_day, self.today, date.fromisoformat(employee.start_date),
                                     date.fromisoformat(employee.end_date) if employee.end_date else None)
            except InvalidInput as error:
                self._add(table.file, row.line, number, _nl_cell(row.get("eerste_ziektedag")), REJECTED,
                          _reason(error))
                continue
            key = (employee.employee_id, fields.first_sick_day)
            if key in first_seen:
                earlier, earlier_fields = first_seen[key]
                same = earlier_fields == fields
                self._add(table.file, row.line, number, _nl(fields.first_sick_day), SKIPPED if same else REJECTED,
                          f"Dubbele regel: staat al op regel {earlier}." if same else
                          f"Dit verzuim (zelfde medewerker en eerste ziektedag) staat al op regel {earlier} met "
                          "andere gegevens.")
                continue
            first_seen[key] = (row.line, fields)
            checked[employee.employee_id].append((row, fields))
        history = self._history(existing, checked)
        employees = {**{e.employee_id: e for e in self.new_employees.values()}, **existing}
        for employee_id, rows in checked.items():
            for row, fields in sorted(rows, key=lambda item: item[1].first_sick_day):
                employees[employee_id] = self._check_absence(table.file, row, fields, employees[employee_id],
                                                             history[employee_id])

    def _existing_employees(self, table: vd.Table) -> dict[str, records.Employee]:
        """The employees the absence file names that were there before this run: BatchGetItem by claimed id."""
        ids = {self.claims[key] for key in (row.get("personeelsnummer").lower() for row in table.rows)
               if key in self.claims}
        if not ids:
            return {}
        return {e.employee_id: e for e in store.employees.get_many(roles.whole(self.employer_id), sorted(ids))}

    def _employee_for(self, number: str, existing: dict[str, records.Employee]) -> records.Employee:
        key = number.lower()
        if key in self.claims and self.claims[key] in existing:
            return existing[self.claims[key]]
        if key in self.new_employees:
            return self.new_employees[key]
        if key in self.refused_employees:
            raise InvalidInput(f"De medewerker met dit personeelsnummer is niet geïmporteerd (zie {vd.EMPLOYEES_FILE} "
                               f"regel {self.refused_employees[key]}).", code="employee_refused")
        raise InvalidInput("Onbekend personeelsnummer: deze medewerker staat niet in het portaal en niet in "
                           f"{vd.EMPLOYEES_FILE}.", code="employee_unknown")

    def _history(self, existing: dict[str, records.Employee],
                 checked: dict[str, list]) -> dict[str, list[records.Absence]]:
        """Each employee's absences in the portal. Employees new in this run have none; for the others one Query of
        the employer's absences (a few requests) instead of one per employee."""
        history: dict[str, list[records.Absence]] = {employee_id: [] for employee_id in checked}
        if any(employee_id in existing for employee_id in checked):
            for absence in store.absences.of_employer(self.employer_id):
                if absence.employee_id in history:
                    history[absence.employee_id].append(absence)
        return history

    def _check_absence(self, file: str, row: vd.Row, fields: vd.AbsenceFields, employee: records.Employee,
                       history: list[records.Absence]) -> records.Employee:
        """Plan the absence of one row, or report why not; returns the employee as it is now (a new employee
        with an open absence is written with it)."""
        number, first = fields.personnel_number, fields.first_sick_day
        day = first.isoformat()

        def refuse(reason: str) -> None:
            self._add(file, row.line, number, _nl(first), REJECTED, reason)

        already = next((a for a in history if a.first_sick_day == day), None)
        if already is not None:
            self._add(file, row.line, number, _nl(first), SKIPPED,
                      "Dit verzuim bestaat al (zelfde medewerker en eerste ziektedag); het is niet gewijzigd.")
            return employee
        absence_id = str(uuid.uuid5(_IDS, f"{self.employer_id}#absence#{employee.employee_id}#{day}"))
        if fields.recovered_on is None:
            still_open = next((a for a in history if a.status == "open"), None)
            if still_open is not None:
                refuse(f"Deze medewerker heeft al een open verzuim (eerste ziektedag {_nl(still_open.first_sick_day)})"
                       ". Er kan maar één verzuim tegelijk open zijn: vul bij het eerdere verzuim de hersteldatum in.")
                return employee
            if employee.open_absence_id and employee.open_absence_id != absence_id:
                refuse("Deze medewerker is in het portaal al ziek gemeld. Er kan maar één verzuim tegelijk open zijn.")
                return employee
        try:
            check_no_overlap(history, first, fields.recovered_on)
        except Conflict as conflict:
            refuse(conflict.message.replace(" Kies een andere datum.", ""))
            return employee
        recovered = fields.recovered_on.isoformat() if fields.recovered_on else None
        purge_at = retention.absence_purge_at(self.deps, self.rules, employee, recovered)
        if purge_at is not None and employee.end_date is not None and purge_at <= self.deps.now():
            refuse(f"De bewaartermijn van dit verzuim is verstreken (medewerker uit dienst sinds "
                   f"{_nl(employee.end_date)}). Deze gegevens worden niet meer bewaard.")
            return employee
        case_start = case_start_for(history, first)
        absence = records.Absence(
            employer_id=self.employer_id, absence_id=absence_id, employee_id=employee.employee_id, first_sick_day=day,
            department_id=employee.department_id,
            case_start=case_start.isoformat(), status="closed" if recovered else "open", recovered_on=recovered,
            vangnet=fields.vangnet, work_accident=fields.work_accident, third_party_liable=fields.third_party_liable,
            contact_address=fields.contact_address, contact_phone=fields.contact_phone,
            expected_duration=fields.expected_duration,
            steps=tuple(records.RecoveryStep(from_date=on.isoformat(), percentage=percentage)
                        for on, percentage in fields.steps),
            created_by=CREATED_BY, created_at=self.deps.now(), purge_at=purge_at,
            riv_gap=None if recovered else first_riv_gap(case_start))
        tasks = [] if recovered else [_import_task(absence, planned) for planned in
                                      poortwachter.tasks_for_case(case_start, vangnet=fields.vangnet,
                                                                          today=self.today)]
        history.append(absence)
        is_new = employee.personnel_number.lower() in self.new_employees
        if not recovered and is_new:  # written with the new employee: no UpdateItem needed
            employee = dataclasses.replace(employee, open_absence_id=absence_id)
            self.new_employees[employee.personnel_number.lower()] = employee
        self.absences.append(_Planned(absence, tasks, len(self.report.lines), is_new))
        self._add(file, row.line, number, _nl(first), IMPORTED,
                  "" if recovered else f"Open verzuim met {len(tasks)} Poortwachter-taken.")
        return employee

    # --- writing -----------------------------------------------------------------------------------------------
    def write(self) -> None:
        self._write_departments()
        store.imports.write_employees(list(self.new_employees.values()))
        planned = []
        for item in self.absences:
            if item.tasks and not item.employee_is_new and not store.imports.mark_absent(item.absence):
                line = self.report.lines[item.line]
                self.report.lines[item.line] = ReportLine(
                    line.file, line.line, line.personnel_number, line.first_sick_day, REJECTED,
                    "Deze medewerker is tijdens de import in het portaal ziek gemeld. Er kan maar één verzuim "
                    "tegelijk open zijn.")
                continue
            planned.append(item)
        opened = {item.absence.absence_id: len(item.tasks) for item in planned if item.tasks}
        if opened:
            self.report.open_tasks_added = store.imports.count_open_tasks(
                self.employer_id, opened, self.deps.now() + MARKER_SECONDS)
        store.imports.write_absences([item.absence for item in planned], [t for item in planned for t in item.tasks])

    def _write_departments(self) -> None:
        """The new afdelingen, then their teams, each in the transaction that claims its name. A name claimed
        since this run read the tree (by a user, or by an earlier run that was interrupted) is that department: the
        employees get its id."""
        taken: dict[str, str] = {}  # planned id → the id of the department that has the name
        for department in self.new_departments:
            if department.parent_id in taken:
                department = dataclasses.replace(department, parent_id=taken[department.parent_id])
            if not store.departments.create(department):
                key = (department.parent_id, departments.name_key(department.name))
                taken[department.department_id] = next(
                    d.department_id for d in store.departments.list_for_employer(self.employer_id)
                    if (d.parent_id, departments.name_key(d.name)) == key)
        for number, employee in self.new_employees.items():
            if employee.department_id in taken or employee.afdeling_id in taken:
                self.new_employees[number] = dataclasses.replace(
                    employee, department_id=taken.get(employee.department_id or "", employee.department_id),
                    afdeling_id=taken.get(employee.afdeling_id or "", employee.afdeling_id))

    def _add(self, file: str, line: int, number: str, first_sick_day: str, outcome: str, reason: str) -> None:
        shown = number if _SAFE_NUMBER.match(number or "") else ""  # never echo a formula or a stray value
        self.report.lines.append(ReportLine(file, line, shown, first_sick_day, outcome, reason))


def _import_task(absence: records.Absence, planned: poortwachter.PlannedTask) -> records.Task:
    """The task as a ziekmelding makes it (services.absences.new_task), with an id that follows from the absence."""
    return new_task(absence, planned, task_id=str(uuid.uuid5(_IDS, f"{absence.absence_id}#{planned.code}")))


def _nl(day: date | str) -> str:
    return (date.fromisoformat(day) if isinstance(day, str) else day).strftime("%d-%m-%Y")


def _nl_cell(value: str) -> str:
    """A date from the file as shown in the report, only if it reads as one."""
    try:
        day = vd.parse_dutch_date(value, "eerste_ziektedag", required=False)
    except InvalidInput:
        return ""
    return _nl(day) if day else ""


def _reason(error: InvalidInput) -> str:
    """The rule's Dutch sentence, led by the column it is about when it does not name it yet."""
    column = vd.EMPLOYEE_FIELD_COLUMNS.get(error.field or "", error.field)
    return error.message if not column or error.message.startswith(f"{column}:") else f"{column}: {error.message}"
