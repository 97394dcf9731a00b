"""Rules for an employee's details ("Medewerker toevoegen") and for the first sick day of a ziekmelding.

No BSN and nothing medical: the record holds only what is named here.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import partial
from typing import Any

from .errors import InvalidInput
from .validation import Problems, clean_email, clean_text

# Plausibility of the date of birth (age on the start date), to catch typing errors; not a labour-law rule.
MIN_AGE_AT_START = 14
MAX_AGE_AT_START = 100
MAX_YEARS_AHEAD = 1  # a start date more than a year ahead is almost always a typing error
MAX_CONTRACT_HOURS = Decimal(60)  # Arbeidstijdenwet art. 5:7: at most 60 hours in one week
PERSONNEL_NUMBER_MAX = 20
PHONE_MAX = 32

_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_PERSONNEL_NUMBER = re.compile(rf"^[A-Za-z0-9-]{{1,{PERSONNEL_NUMBER_MAX}}}$")
_PHONE = re.compile(rf"^[0-9 +\-()]{{1,{PHONE_MAX}}}$")
_HOURS = re.compile(r"^[0-9]{1,3}([.,][0-9]{1,2})?$")

LABELS = {
    "first_name": "Voornaam of voorletters",
    "infix": "Tussenvoegsel",
    "last_name": "Achternaam",
    "personnel_number": "Personeelsnummer",
    "date_of_birth": "Geboortedatum",
    "start_date": "Datum in dienst",
    "contract_hours": "Contracturen per week",
    "work_phone": "Telefoonnummer werk",
    "work_email": "E-mailadres werk",
    "end_date": "Datum uit dienst",
    "first_sick_day": "Eerste ziektedag",
}
# A plausible date to show in a date field's message ("bijvoorbeeld 12-04-1980"); others get one from the caller.
_EXAMPLES = {"date_of_birth": date(1980, 4, 12), "start_date": date(2015, 3, 1), "end_date": date(2026, 12, 31)}


@dataclass(frozen=True)
class EmployeeFields:
    first_name: str
    infix: str | None
    last_name: str
    personnel_number: str
    date_of_birth: date
    start_date: date
    contract_hours: Decimal
    work_phone: str | None
    work_email: str | None
    end_date: date | None


def clean_employee(data: dict[str, Any], *, today: date) -> EmployeeFields:
    """The checked record; raises one InvalidInput holding the error of every bad field, in form order (the first
    one's code, message and field on top). Unknown keys are ignored. `today` is the date in the Netherlands
    (`Deps.today`)."""
    problems = Problems()
    first_name = problems.check(lambda: clean_text(_text(data, "first_name"), "first_name", LABELS["first_name"]))
    infix = problems.check(lambda: _optional_text(data, "infix",
                                                  lambda value: clean_text(value, "infix", LABELS["infix"])))
    last_name = problems.check(lambda: clean_text(_text(data, "last_name"), "last_name", LABELS["last_name"]))
    personnel_number = problems.check(lambda: clean_personnel_number(data.get("personnel_number")))
    date_of_birth = problems.check(lambda: parse_date(data.get("date_of_birth"), "date_of_birth"))
    start_date = problems.check(lambda: parse_date(data.get("start_date"), "start_date"))
    if date_of_birth is not None and start_date is not None:
        problems.check(partial(_check_age, date_of_birth, start_date))
    if start_date is not None:
        problems.check(partial(_check_start_date, start_date, today))
    contract_hours = problems.check(lambda: clean_contract_hours(data.get("contract_hours")))
    work_phone = problems.check(lambda: _optional_text(data, "work_phone", clean_work_phone))
    work_email = problems.check(lambda: _optional_text(
        data, "work_email", lambda value: clean_email(value, field="work_email")))
    end_date = None if _blank(data.get("end_date")) else problems.check(
        lambda: parse_date(data["end_date"], "end_date"))
    if end_date is not None and start_date is not None and end_date < start_date:
        problems.check(partial(_refuse_end_before_start, start_date))
    problems.raise_any()
    if first_name is None or last_name is None or personnel_number is None or date_of_birth is None \
            or start_date is None or contract_hours is None:
        raise AssertionError("a required field without a problem")  # unreachable: raise_any raised
    return EmployeeFields(first_name, infix, last_name, personnel_number, date_of_birth, start_date, contract_hours,
                          work_phone, work_email, end_date)


def parse_date(value: Any, field: str, example: date | None = None) -> date:
    """A date written as yyyy-mm-dd (or already a date); anything else, or a day that does not exist, is refused.
    The messages show `example` (else the field's own, else 01-03-2026) as the date to write."""
    label = LABELS.get(field, "Datum").lower()
    shown = example or _EXAMPLES.get(field, date(2026, 3, 1))
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if _blank(value):
        raise InvalidInput(f"Vul de {label} in, bijvoorbeeld {_nl(shown)}.", code="required", field=field)
    if not isinstance(value, str) or not _ISO_DATE.match(value.strip()):
        raise InvalidInput(f"Vul de {label} in als jjjj-mm-dd, bijvoorbeeld {shown.isoformat()}.",
                           code="date_format", field=field)
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput(f"De {label} {value.strip()} bestaat niet. Controleer de dag en de maand.",
                           code="date_impossible", field=field) from None


def clean_personnel_number(value: Any) -> str:
    field = "personnel_number"
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if _blank(value):
        raise InvalidInput("Vul het personeelsnummer in.", code="required", field=field)
    if not isinstance(value, str) or not _PERSONNEL_NUMBER.match(value.strip()):
        raise InvalidInput(f"Vul een personeelsnummer in van 1 tot {PERSONNEL_NUMBER_MAX} letters, cijfers of "
                           "streepjes, zonder spaties, bijvoorbeeld 1001 of A-1001.", code="personnel_number_invalid",
                           field=field)
    return value.strip()


def clean_contract_hours(value: Any) -> Decimal:
    """Hours per week, more than 0 and at most 60; a decimal comma or point, at most two decimals (32,5)."""
    field = "contract_hours"
    if _blank(value):
        raise InvalidInput("Vul het aantal contracturen per week in.", code="required", field=field)
    number = isinstance(value, (str, int, float, Decimal)) and not isinstance(value, bool)
    text = str(value).strip() if number else ""
    if not _HOURS.match(text):
        raise InvalidInput("Vul de contracturen per week in als getal, bijvoorbeeld 32 of 32,5.",
                           code="contract_hours_invalid", field=field)
    hours = Decimal(text.replace(",", "."))
    if not 0 < hours <= MAX_CONTRACT_HOURS:
        raise InvalidInput(f"Vul voor contracturen per week meer dan 0 en hoogstens {MAX_CONTRACT_HOURS} uur in, "
                           "bijvoorbeeld 32 of 32,5.", code="contract_hours_range", field=field)
    return hours


def clean_work_phone(value: str) -> str:
    """Free notation (an extension is fine) of digits, spaces, +, - and brackets; at least one digit."""
    phone = value.strip()
    if not _PHONE.match(phone) or not any(ch.isdigit() for ch in phone):
        raise InvalidInput(f"Vul een telefoonnummer in van hoogstens {PHONE_MAX} tekens: cijfers, spaties, +, - en "
                           "haakjes, bijvoorbeeld 013-1234567.", code="phone_invalid", field="work_phone")
    return phone


def check_first_sick_day(first_sick_day: date | str, today: date, employment_start: date,
                         employment_end: date | None) -> date:
    """The first sick day of a ziekmelding: not in the future and within the employment."""
    field = "first_sick_day"
    day = parse_date(first_sick_day, field, example=today - timedelta(days=1))
    if day > today:
        raise InvalidInput(f"De eerste ziektedag kan niet na vandaag liggen ({_nl(today)}). Vul vandaag of een "
                           "eerdere dag in.", code="sick_day_future", field=field)
    if day < employment_start:
        raise InvalidInput(f"De eerste ziektedag kan niet voor de datum in dienst liggen ({_nl(employment_start)}). "
                           f"Vul {_nl(employment_start)} of een latere dag in.", code="sick_day_before_start",
                           field=field)
    if employment_end is not None and day > employment_end:
        raise InvalidInput(f"De eerste ziektedag kan niet na de datum uit dienst liggen ({_nl(employment_end)}). "
                           f"Vul {_nl(employment_end)} of een eerdere dag in.", code="sick_day_after_end",
                           field=field)
    return day


def age_on(date_of_birth: date, day: date) -> int:
    """Whole years of age on `day`."""
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))


def _check_age(date_of_birth: date, start_date: date) -> None:
    age = age_on(date_of_birth, start_date)
    if not MIN_AGE_AT_START <= age <= MAX_AGE_AT_START:
        bound = (f"jonger dan {MIN_AGE_AT_START}" if age < MIN_AGE_AT_START else f"ouder dan {MAX_AGE_AT_START}")
        raise InvalidInput(f"Controleer de geboortedatum: met {_nl(date_of_birth)} is de medewerker op de datum in "
                           f"dienst ({_nl(start_date)}) {bound} jaar.", code="date_of_birth_implausible",
                           field="date_of_birth")


def _check_start_date(start_date: date, today: date) -> None:
    latest = _years_later(today, MAX_YEARS_AHEAD)
    if start_date > latest:
        raise InvalidInput(f"De datum in dienst mag hoogstens een jaar in de toekomst liggen, tot en met "
                           f"{_nl(latest)}. Controleer het jaar.", code="start_date_too_far", field="start_date")


def _refuse_end_before_start(start_date: date) -> None:
    raise InvalidInput(f"De datum uit dienst kan niet voor de datum in dienst ({_nl(start_date)}) liggen. Vul "
                       f"{_nl(start_date)} of een latere dag in.", code="end_before_start", field="end_date")


def _text(data: dict[str, Any], field: str) -> str:
    value = data.get(field)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput(f"Vul {LABELS[field].lower()} in als tekst.", code="not_text", field=field)
    return value


def _optional_text(data: dict[str, Any], field: str, clean: Callable[[str], str]) -> str | None:
    """None when the field is missing or blank, else the cleaned text."""
    text = _text(data, field)
    return clean(text) if text.strip() else None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _nl(day: date) -> str:
    return day.strftime("%d-%m-%Y")
