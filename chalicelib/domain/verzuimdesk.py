"""Reading VerzuimDesk exports (docs/import.md): CSV files of employees and absences, checked row by row.

Pure: bytes in, checked rows or a Dutch reason out. The encoding (UTF-8 with or without BOM, else Windows-1252)
and the separator (`;` or `,`) are detected; dates are Dutch (dd-mm-jjjj), hours may have a decimal comma, yes/no
columns say ja or nee. Columns that the AVG forbids an employer to keep (diagnosis, cause, complaints, medication,
BSN, which vangnet applies) are recognised by name: a row with a value in one of them is refused, whatever else it
holds, and the value itself is never repeated anywhere.
"""
from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, overload

from . import departments
from .employees import EmployeeFields, clean_employee, clean_personnel_number
from .errors import InvalidInput
from .validation import clean_text

EMPLOYEES_FILE = "medewerkers.csv"
ABSENCES_FILE = "verzuim.csv"


@dataclass(frozen=True)
class Columns:
    """The columns of one kind of file: required ones must be in the header (and filled in), optional ones may be."""
    required: tuple[str, ...]
    optional: tuple[str, ...]

    @property
    def known(self) -> tuple[str, ...]:
        return self.required + self.optional


EMPLOYEE_COLUMNS = Columns(
    required=("personeelsnummer", "voornaam", "achternaam", "geboortedatum", "datum_in_dienst", "uren_per_week"),
    optional=("tussenvoegsel", "datum_uit_dienst", "telefoon_werk", "email_werk", "afdeling", "team"))
ABSENCE_COLUMNS = Columns(
    required=("personeelsnummer", "eerste_ziektedag"),
    optional=("hersteldatum", "vangnet", "arbeidsongeval", "regres", "herstel_stappen", "verblijfadres",
              "telefoon_verblijf", "verwachte_duur"))

# Parts of a column name that mark data an employer may not keep about a sick employee (DOMAIN.md, AVG): the
# diagnosis, nature or cause of the illness, complaints, treatment, medication; which vangnet applies (only
# whether one does); and the BSN, which this portal never stores. Matched against the name without separators.
FORBIDDEN_NAME_PARTS = (
    "diagnos", "oorzaak", "klacht", "medicat", "medicijn", "medisch", "behandel", "therapie", "ziektebeeld",
    "aandoening", "symptom", "aardziekte", "aardvandeziekte", "soortziekte", "ziekteaard",
    "bsn", "burgerservice", "sofinummer", "sofinr",
    "vangnettype", "typevangnet", "soortvangnet", "vangnetsoort", "vangnetreden", "redenvangnet", "zwanger",
    "orgaandonatie", "norisk")

_YES = {"ja", "j", "yes", "y", "1", "true", "waar", "x"}
_NO = {"nee", "n", "no", "0", "false", "onwaar", ""}
_DUTCH_DATE = re.compile(r"^([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})$")
_STEP = re.compile(r"^([0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{4})\s*[:=]?\s*([0-9]{1,3})\s*%?$")
_NOT_NAME = re.compile(r"[^a-z0-9]+")

# The portal's field names, as the import's column names: a reason names the column the secretariat sees.
EMPLOYEE_FIELD_COLUMNS = {
    "personnel_number": "personeelsnummer", "first_name": "voornaam", "infix": "tussenvoegsel",
    "last_name": "achternaam", "date_of_birth": "geboortedatum", "start_date": "datum_in_dienst",
    "end_date": "datum_uit_dienst", "contract_hours": "uren_per_week", "work_phone": "telefoon_werk",
    "work_email": "email_werk", "first_sick_day": "eerste_ziektedag"}


class FileRefused(Exception):
    """A whole file cannot be read (encoding, header, a required column missing); the message is Dutch."""

    def __init__(self, file: str, message: str):
        self.file = file
        self.message = message
        super().__init__(f"{file}: {message}")


@dataclass(frozen=True)
class Row:
    """One data row: its line number in the file (the header is line 1), the known columns' values (trimmed)
    and the forbidden columns that have a value in this row (names only)."""
    line: int
    values: dict[str, str]
    forbidden: tuple[str, ...] = ()
    problem: str | None = None  # a row that cannot be read as a whole (wrong number of fields)

    def get(self, column: str) -> str:
        return self.values.get(column, "")


@dataclass(frozen=True)
class Table:
    file: str
    encoding: str
    delimiter: str
    rows: list[Row]
    ignored_columns: tuple[str, ...] = ()
    forbidden_columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class AbsenceFields:
    """A checked absence row; `recovered_on` None means still sick (an open absence)."""
    personnel_number: str
    first_sick_day: date
    recovered_on: date | None
    vangnet: bool
    work_accident: bool
    third_party_liable: bool
    steps: tuple[tuple[date, int], ...] = field(default=())
    contact_address: str | None = None
    contact_phone: str | None = None
    expected_duration: str | None = None


def column_name(header: str) -> str:
    """A header cell as a column name: lowercase, no accents, words joined by `_` ("Datum in dienst" →
    "datum_in_dienst")."""
    folded = unicodedata.normalize("NFKD", header.replace("\ufeff", "").casefold())
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _NOT_NAME.sub("_", plain).strip("_")


def is_forbidden(column: str) -> bool:
    compact = column.replace("_", "")
    return any(part in compact for part in FORBIDDEN_NAME_PARTS)


def decode(raw: bytes, file: str) -> tuple[str, str]:
    """The text and the name of its encoding: UTF-8 (a BOM is dropped), else Windows-1252."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in raw:
        raise FileRefused(file, "Dit bestand is UTF-16 of binair. Sla het op als CSV (UTF-8 of Windows-1252).")
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw[len(codecs.BOM_UTF8):].decode("utf-8"), "UTF-8 (BOM)"
        except UnicodeDecodeError:
            raise FileRefused(file, "Dit bestand begint als UTF-8 maar bevat tekens die geen UTF-8 zijn.") from None
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        raise FileRefused(file, "De tekenset van dit bestand is niet herkend: sla het op als UTF-8 of "
                                "Windows-1252.") from None


def sniff_delimiter(text: str) -> str:
    """`;` or `,`: whichever occurs more often outside quotes in the header line (`;` on a tie)."""
    header, quoted = [], False
    for ch in text.lstrip("\r\n"):
        if ch == '"':
            quoted = not quoted
        elif ch in "\r\n" and not quoted:
            break
        elif not quoted:
            header.append(ch)
    return "," if header.count(",") > header.count(";") else ";"


def read_table(raw: bytes, file: str, columns: Columns) -> Table:
    """The file's rows with their line numbers. Blank lines are not rows. Raises FileRefused when the file has no
    header, repeats a column, or lacks a required column."""
    text, encoding = decode(raw, file)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header_cells = next(reader)
        while not any(cell.strip() for cell in header_cells):
            header_cells = next(reader)
    except StopIteration:
        raise FileRefused(file, "Dit bestand is leeg: er is geen kopregel met kolomnamen.") from None
    except csv.Error as error:
        raise FileRefused(file, f"De kopregel kan niet worden gelezen ({error}).") from None
    header = [column_name(cell) for cell in header_cells]
    repeated = sorted({name for name in header if name and header.count(name) > 1})
    if repeated:
        raise FileRefused(file, f"De kolom '{repeated[0]}' staat meer dan eens in de kopregel.")
    missing = [name for name in columns.required if name not in header]
    if missing:
        raise FileRefused(file, f"De kolom '{missing[0]}' ontbreekt in de kopregel (verwacht: "
                                f"{delimiter.join(columns.required)}).")
    forbidden = tuple(name for name in header if name and is_forbidden(name))
    ignored = tuple(name for name in header if name and name not in columns.known and name not in forbidden)
    rows: list[Row] = []
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            rows.append(Row(line, {}, (), f"Deze regel kan niet worden gelezen ({error})."))
            break
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            rows.append(Row(line, {}, (), f"Deze regel heeft {len(cells)} velden; de kopregel heeft er "
                                          f"{len(header)}. Controleer het scheidingsteken en de aanhalingstekens."))
            continue
        values = {name: cell.strip() for name, cell in zip(header, cells, strict=True) if name in columns.known}
        filled = tuple(name for name, cell in zip(header, cells, strict=True) if name in forbidden and cell.strip())
        rows.append(Row(line, values, filled))
    return Table(file, encoding, delimiter, rows, ignored, forbidden)


def check_readable(row: Row) -> None:
    """Refuses a row that could not be read whole, or that holds data the AVG forbids (named by column only)."""
    if row.problem:
        raise InvalidInput(row.problem, code="row_unreadable")
    if row.forbidden:
        names = ", ".join(f"'{name}'" for name in row.forbidden)
        raise InvalidInput(f"Niet geïmporteerd: de kolom {names} bevat gegevens die een werkgever niet mag vastleggen "
                           "(AVG: geen diagnose, oorzaak, klachten, behandeling, medicatie, soort vangnet of BSN). "
                           "Exporteer opnieuw zonder deze kolom.", code="avg_forbidden")


@overload
def parse_dutch_date(value: str, column: str, *, required: Literal[True] = True) -> date: ...
@overload
def parse_dutch_date(value: str, column: str, *, required: bool) -> date | None: ...
def parse_dutch_date(value: str, column: str, *, required: bool = True) -> date | None:
    """dd-mm-jjjj (also d-m-jjjj, or with / or . between); None for an empty optional value."""
    text = value.strip()
    if not text:
        if required:
            raise InvalidInput(f"{column}: vul een datum in (dd-mm-jjjj).", code="required", field=column)
        return None
    match = _DUTCH_DATE.match(text)
    if not match:
        raise InvalidInput(f"{column}: '{text[:20]}' is geen datum in de vorm dd-mm-jjjj.", code="date_format",
                           field=column)
    day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidInput(f"{column}: de datum {text} bestaat niet.", code="date_impossible", field=column) from None


def parse_yes_no(value: str, column: str) -> bool:
    """ja or nee (also j/n, 1/0, x); empty is nee."""
    text = value.strip().casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise InvalidInput(f"{column}: vul ja of nee in.", code="yes_no", field=column)


def employee_fields(row: Row, today: date) -> EmployeeFields:
    """The row checked by the same rules as "Medewerker toevoegen"; InvalidInput names the column."""
    check_readable(row)
    dates = {name: parse_dutch_date(row.get(column), column, required=name != "end_date")
             for name, column in (("date_of_birth", "geboortedatum"), ("start_date", "datum_in_dienst"),
                                  ("end_date", "datum_uit_dienst"))}
    data: dict[str, Any] = {
        "personnel_number": row.get("personeelsnummer"), "first_name": row.get("voornaam"),
        "infix": row.get("tussenvoegsel"), "last_name": row.get("achternaam"),
        "contract_hours": row.get("uren_per_week"), "work_phone": row.get("telefoon_werk"),
        "work_email": row.get("email_werk"), **dates}
    try:
        return clean_employee(data, today=today)
    except InvalidInput as error:
        raise _naming_column(error) from None


@dataclass(frozen=True)
class DepartmentPath:
    """Where a row puts its employee: an afdeling, or a team of one; names as they are kept."""
    afdeling: str
    team: str | None = None


def department_path(row: Row) -> DepartmentPath | None:
    """The row's `afdeling` and `team` checked as "Afdelingen en teams" checks a name; None when both are empty.
    A team needs its afdeling (the tree has two levels, domain/departments.py)."""
    afdeling, team = row.get("afdeling"), row.get("team")
    if not afdeling:
        if team:
            raise InvalidInput(f"afdeling: vul de afdeling in waar team {team[:departments.NAME_MAX]} bij hoort.",
                               code="department_missing", field="afdeling")
        return None
    return DepartmentPath(_department_name(afdeling, "afdeling"), _department_name(team, "team") if team else None)


def _department_name(value: str, column: str) -> str:
    try:
        return departments.clean_name(value)
    except InvalidInput as error:
        raise InvalidInput(f"{column}: {error.message}", code=error.code, field=column) from None


def absence_fields(row: Row, today: date) -> AbsenceFields:
    """The row's own rules: dates that exist, a first sick day not after today, a recovery between the first sick
    day and today, partial-recovery steps in between. The employment and other absences are checked elsewhere."""
    check_readable(row)
    try:
        number = clean_personnel_number(row.get("personeelsnummer"))
    except InvalidInput as error:
        raise _naming_column(error) from None
    first = parse_dutch_date(row.get("eerste_ziektedag"), "eerste_ziektedag")
    if first > today:
        raise InvalidInput("eerste_ziektedag: de eerste ziektedag kan niet in de toekomst liggen.",
                           code="sick_day_future", field="eerste_ziektedag")
    recovered = parse_dutch_date(row.get("hersteldatum"), "hersteldatum", required=False)
    if recovered is not None and not first <= recovered <= today:
        raise InvalidInput("hersteldatum: de hersteldatum ligt tussen de eerste ziektedag en vandaag "
                           f"({first:%d-%m-%Y} tot en met {today:%d-%m-%Y}).", code="date_out_of_range",
                           field="hersteldatum")
    facts = {name: parse_yes_no(row.get(column), column) for name, column in (
        ("vangnet", "vangnet"), ("work_accident", "arbeidsongeval"), ("third_party_liable", "regres"))}
    return AbsenceFields(
        number, first, recovered, steps=_steps(row.get("herstel_stappen"), first, recovered, today),
        contact_address=_optional_text(row, "verblijfadres", 200),
        contact_phone=_optional_text(row, "telefoon_verblijf", 32),
        expected_duration=_optional_text(row, "verwachte_duur", 100), **facts)


def _steps(value: str, first: date, recovered: date | None, today: date) -> tuple[tuple[date, int], ...]:
    """Partial recovery: "dd-mm-jjjj 50%" items separated by |, each after the last, from the first sick day to
    before the full recovery, percentages 1 to 99."""
    column = "herstel_stappen"
    steps: list[tuple[date, int]] = []
    for item in (part.strip() for part in value.split("|")):
        if not item:
            continue
        match = _STEP.match(item)
        if not match:
            raise InvalidInput(f"{column}: '{item[:30]}' is geen stap in de vorm dd-mm-jjjj 50%.", code="step_format",
                               field=column)
        on = parse_dutch_date(match.group(1), column)
        percentage = int(match.group(2))
        if not 1 <= percentage <= 99:
            raise InvalidInput(f"{column}: een gedeeltelijk herstel is 1 tot en met 99%; volledig herstel hoort in "
                               "hersteldatum.", code="percentage_invalid", field=column)
        if on < first or on > today or (recovered is not None and on >= recovered):
            raise InvalidInput(f"{column}: de stap van {on:%d-%m-%Y} ligt niet tussen de eerste ziektedag en de "
                               "hersteldatum (of vandaag).", code="step_out_of_range", field=column)
        if steps and on <= steps[-1][0]:
            raise InvalidInput(f"{column}: zet de stappen op volgorde van datum, elke datum één keer.",
                               code="step_order", field=column)
        steps.append((on, percentage))
    return tuple(steps)


def _optional_text(row: Row, column: str, max_length: int) -> str | None:
    value = row.get(column)
    return clean_text(value, column, column, max_length) if value.strip() else None


def _naming_column(error: InvalidInput) -> InvalidInput:
    column = EMPLOYEE_FIELD_COLUMNS.get(error.field or "", error.field)
    message = error.message if not column or error.message.startswith(f"{column}:") else f"{column}: {error.message}"
    return InvalidInput(message, code=error.code, field=column)
