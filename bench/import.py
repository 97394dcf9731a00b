"""VerzuimDesk import on moto: rows per second and DynamoDB requests per row, for 1,000 and 10,000 rows.

Run from the repo root: `.venv/bin/python bench/import.py [ROWS ...]`. Prints figures; asserts no timing, but exits
1 if it sees a Scan. moto in-process, no AWS account. Each size is a fresh employer in fresh tables: a tenth of the
rows are employees, the rest their absence history (nine years each), one employee in twenty still sick. Three
runs per size: the first import, a dry run of the same export, and the second import (everything skipped).
moto spends about a millisecond on each item it stores or returns, DynamoDB does not: the requests per row are
what carries over to AWS, the rows per second only compare runs on this machine.
"""
from __future__ import annotations

import csv
import functools
import io
import sys

import support
from moto import mock_aws

from chalicelib import store
from chalicelib.services import admin, importing

SIZES = [int(arg) for arg in sys.argv[1:]] or [1_000, 10_000]
NOW = 1_790_000_000  # 2026-09-21 in Amsterdam
YEARS_OF_HISTORY = 9
SICK_NOW_EVERY = 20
AFDELINGEN, TEAMS = 10, 4  # every employee in an afdeling, every other one also in a team of it


def export(rows: int) -> dict[str, bytes]:
    """A tenth employees, the rest their history: one absence a year, the last one open for every twentieth. The
    employees name 10 afdelingen, half of them in teams (10 in all), which the first import creates: one
    TransactWriteItems each."""
    people = rows // (YEARS_OF_HISTORY + 1)
    employees, absences = [], []
    for n in range(people):
        number = f"{100000 + n}"
        employees.append([number, f"Voornaam{n}", "", f"Achternaam{n}", "12-04-1980", "01-03-2015", "", "32,5",
                          "013-1234567", "", f"Afdeling {n % AFDELINGEN}", f"Team {n % TEAMS}" if n % 2 else ""])
        day = f"{1 + n % 27:02d}"
        for year in range(2017, 2017 + YEARS_OF_HISTORY):
            still_sick = n % SICK_NOW_EVERY == 0 and year == 2017 + YEARS_OF_HISTORY - 1
            absences.append([number, "01-09-2026" if still_sick else f"{day}-03-{year}",
                             "" if still_sick else f"{day}-04-{year}", "nee", "nee", "nee", ""])
    absences += absences[:rows - people - len(absences)]  # sizes that are not a multiple of ten: a few duplicates
    return {"medewerkers.csv": _csv(["personeelsnummer", "voornaam", "tussenvoegsel", "achternaam", "geboortedatum",
                                     "datum_in_dienst", "datum_uit_dienst", "uren_per_week", "telefoon_werk",
                                     "email_werk", "afdeling", "team"], employees),
            "verzuim.csv": _csv(["personeelsnummer", "eerste_ziektedag", "hersteldatum", "vangnet", "arbeidsongeval",
                                 "regres", "herstel_stappen"], absences)}


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def main() -> None:
    instruments = support.Instruments().install()
    print(f"VerzuimDesk import benchmark · {support.where_and_when()}")
    print("services.importing.import_verzuimdesk on moto in-process; each size a fresh employer in fresh tables.")
    print()
    header = (f"{'rows':>6}  {'run':<15} {'seconds':>7} {'rows/s':>7} {'requests':>8} {'req/row':>7} {'items':>7} "
              f"{'items/row':>9}  {'outcome':<32} requests by operation")
    print(header)
    print("-" * len(header))
    for rows in SIZES:
        with mock_aws():
            support.create_tables(verified_sender=False)
            deps = support.portal_deps(support.Clock(NOW))
            employer_id = admin.create_employer(deps, f"Werkgever {rows} BV")["employer_id"]
            files = export(rows)
            runs = [("first import", False), ("dry run, again", True), ("second import", False)]
            for label, dry_run in runs:
                run = functools.partial(importing.import_verzuimdesk, deps, employer_id, files, dry_run=dry_run)
                seconds, meter, report = instruments.measure(run)
                read = report.rows_read()
                total = meter.requests("dynamodb")
                items = meter.items_read + meter.items_written
                counts = report.counts()
                outcome = f"{counts['imported']} new, {counts['skipped']} skipped, {counts['rejected']} refused"
                ops = ", ".join(f"{n} {op}" for op, n in meter.by_operation("dynamodb").most_common())
                print(f"{read:>6}  {label:<15} {seconds:>7.1f} {read / seconds:>7.0f} {total:>8} {total / read:>7.3f} "
                      f"{items:>7} {items / read:>9.2f}  {outcome:<32} {ops}")
            open_tasks = int(store.employers.get(employer_id).open_tasks)
            print(f"{'':>6}  open Poortwachter tasks after both imports: {open_tasks} "
                  f"({rows // (YEARS_OF_HISTORY + 1) // SICK_NOW_EVERY} employees still sick)")
    print()
    print("items = items written (BatchWriteItem, TransactWriteItems, UpdateItem) and read (BatchGetItem, the")
    print("ScannedCount of each Query). A first import writes per employee its record, its search keys and its")
    print("personnel-number claim (BatchWriteItem, 25 a request), per closed absence one item, per open absence its")
    print("tasks and one TransactWriteItems that counts them for the weekly email; a later run reads the claims")
    print("(BatchGetItem), the employees (BatchGetItem) and the employer's absences (one paged Query) and writes only")
    print("the audit entry. On DynamoDB a BatchWriteItem of 25 takes milliseconds: the request counts are the figure.")
    print(f"Scan requests seen: {instruments.scans}.")
    if instruments.scans:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
