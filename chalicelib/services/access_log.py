"""Wie heeft dit dossier ingezien of gewijzigd: per employee and period, from the audit trail (AVG accountability).

Every view of a dossier or an absence and every change to an employee, their absences or tasks writes its audit
line with the employee's id (services/audit.py); this reads those lines back for one employee, for the employer's
verzuimbeheerder only, and names who did it. A leidinggevende sees the dossiers, not who else looked at them.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Annotated, TypedDict
from zoneinfo import ZoneInfo

from .. import store
from ..domain.employees import parse_date
from ..domain.errors import Forbidden, InvalidInput, NotFound
from ..domain.fields import Field
from .audit import CLI_ACTOR
from .deps import Deps
from .importing import CREATED_BY
from .reports import csv_text
from .sessions import Principal

DEFAULT_DAYS = 90
MAX_ENTRIES = 500
_AMSTERDAM = ZoneInfo("Europe/Amsterdam")

ACTIONS = {
    "dossier_viewed": "Dossier bekeken",
    "absence_viewed": "Ziekmelding bekeken",
    "employee_added": "Medewerker toegevoegd",
    "employee_changed": "Gegevens gewijzigd",
    "employee_moved": "Naar een andere afdeling",
    "absence_reported": "Ziek gemeld",
    "partial_recovery_reported": "Gedeeltelijk herstel gemeld",
    "recovery_reported": "Herstel gemeld",
    "first_sick_day_corrected": "Eerste ziektedag gecorrigeerd",
    "ziek_uit_dienst_planned": "Ziek uit dienst gepland",
    "task_done": "Taak afgerond",
    "task_reopened": "Taak heropend",
    "document_added": "Document toegevoegd",
    "document_downloaded": "Document gedownload",
    "leave_registered": "Zwangerschapsverlof geregistreerd",
    "leave_viewed": "Verlof bekeken",
    "birth_date_set": "Bevallingsdatum ingevuld",
    "leave_removed": "Verlof verwijderd",
}
"""What each action is called in the log; an action not listed shows as itself."""
CSV_HEADER = ("Datum en tijd", "Wie", "Wat")
_TOOLS = (CLI_ACTOR, CREATED_BY, "demo-seed")
"""Actors that are no user: the secretariat's command line, the VerzuimDesk import, the stand-in's demo data."""


@dataclass(frozen=True)
class AccessLogQuery:
    """The period as days (jjjj-mm-dd), both included; by default the last 90 days up to today."""
    van: Annotated[str | None, Field("Van", format="date", example="2026-09-01",
                                     description="De eerste dag (jjjj-mm-dd); standaard 90 dagen voor Tot.")] = None
    tot: Annotated[str | None, Field("Tot", format="date", example="2026-11-30",
                                     description="De laatste dag (jjjj-mm-dd); standaard vandaag.")] = None


class AccessLogEntry(TypedDict):
    """One view or change: when (ISO 8601 with the Dutch offset), who (a user's name, or the secretariat's tools),
    and what, in Dutch."""
    at: str
    who: str
    action: str
    what: str


class AccessLog(TypedDict):
    """Newest first, at most 500 (`complete` false: choose a shorter period)."""
    van: str
    tot: str
    entries: list[AccessLogEntry]
    complete: bool


def access_log(deps: Deps, principal: Principal, employee_id: str, query: AccessLogQuery) -> AccessLog:
    if not principal.scope.whole_employer:
        raise Forbidden("Alleen een verzuimbeheerder ziet wie een dossier heeft ingezien.",
                        code="not_verzuimbeheerder")
    employee = store.employees.get(principal.scope, employee_id[:64])
    if employee is None:
        raise NotFound("Deze medewerker bestaat niet.", code="employee_unknown")
    first, last = _period(deps.today(), query)
    start = int(datetime.combine(first, datetime.min.time(), _AMSTERDAM).timestamp())
    end = int(datetime.combine(last + timedelta(days=1), datetime.min.time(), _AMSTERDAM).timestamp()) - 1
    lines = store.audit.of_employee(principal.employer_id, employee.employee_id, start, end, MAX_ENTRIES + 1)
    names = {u.user_id: u.name for u in store.users.get_many(sorted({e.actor_user_id for e in lines}))}
    names.update(dict.fromkeys(_TOOLS, "Secretariaat"))
    entries: list[AccessLogEntry] = [{
        "at": datetime.fromtimestamp(e.at, _AMSTERDAM).isoformat(),
        "who": names.get(e.actor_user_id, "Onbekende gebruiker"),
        "action": e.action, "what": ACTIONS.get(e.action, e.action)} for e in lines[:MAX_ENTRIES]]
    return {"van": first.isoformat(), "tot": last.isoformat(), "entries": entries,
            "complete": len(lines) <= MAX_ENTRIES}


def access_log_csv(deps: Deps, principal: Principal, employee_id: str, query: AccessLogQuery) -> tuple[str, str]:
    """(file name, text) for Dutch Excel: `;`, a BOM, one row per entry."""
    log = access_log(deps, principal, employee_id, query)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for entry in log["entries"]:
        at = datetime.fromisoformat(entry["at"])
        writer.writerow((f"{at:%d-%m-%Y %H:%M}", csv_text(entry["who"]), entry["what"]))
    return f"inzage-{log['van']}-tm-{log['tot']}.csv", "\ufeff" + out.getvalue()


def _period(today: date, query: AccessLogQuery) -> tuple[date, date]:
    last = parse_date(query.tot, "tot") if query.tot else today
    first = parse_date(query.van, "van") if query.van else last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise InvalidInput("De dag bij Van ligt na de dag bij Tot. Kies bij Van dezelfde of een eerdere dag.",
                           code="period_reversed", field="van")
    return first, min(last, today)
