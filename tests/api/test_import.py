"""The VerzuimDesk import: generated exports in, the portal's own records out, visible through its API."""
from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

import manage
from chalicelib import store
from chalicelib.domain import poortwachter
from chalicelib.services import importing
from tests.support.absences import open_tasks
from tests.support.people import JAN

# The test clock starts at 1_790_000_000: 2026-09-21 in Amsterdam.
TODAY = date(2026, 9, 21)
EMPLOYEE_COLUMNS = ["personeelsnummer", "voornaam", "tussenvoegsel", "achternaam", "geboortedatum", "datum_in_dienst",
                    "datum_uit_dienst", "uren_per_week", "telefoon_werk", "email_werk"]
ABSENCE_COLUMNS = ["personeelsnummer", "eerste_ziektedag", "hersteldatum", "vangnet", "arbeidsongeval", "regres",
                   "herstel_stappen"]


def person(number: str, first: str = "Jan", infix: str = "de", last: str = "Vries", *, born: str = "12-04-1980",
           start: str = "01-03-2015", end: str = "", hours: str = "32,5") -> list[str]:
    return [number, first, infix, last, born, start, end, hours, "013-1234567", ""]


def sick(number: str, first_day: str, recovered: str = "", vangnet: str = "nee", steps: str = "") -> list[str]:
    return [number, first_day, recovered, vangnet, "nee", "nee", steps]


def csv_bytes(header: list[str], rows: list[list[str]], *, sep: str = ";", encoding: str = "utf-8",
              bom: bool = False) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode(encoding)


def export(employees: list[list[str]] | None = None, absences: list[list[str]] | None = None, **options) -> dict:
    files = {}
    if employees is not None:
        files["medewerkers.csv"] = csv_bytes(EMPLOYEE_COLUMNS, employees, **options)
    if absences is not None:
        files["verzuim.csv"] = csv_bytes(ABSENCE_COLUMNS, absences, **options)
    return files


def run(deps, employer, files, **options) -> importing.ImportReport:
    return importing.import_verzuimdesk(deps, employer["employer_id"], files, **options)


def outcomes(report: importing.ImportReport) -> dict[tuple[str, int], tuple[str, str]]:
    return {(line.file, line.line): (line.outcome, line.reason) for line in report.lines}


def open_task_count(employer) -> int:
    return int(store.employers.get(employer["employer_id"]).open_tasks)


HISTORY = export(
    [person("1001"), person("1002", "Zoë", "", "Çelik", start="01-01-2020"), person("1003", "Piet", "", "Bakker")],
    [sick("1001", "02-01-2024", "16-01-2024"),                     # closed
     sick("1001", "01-09-2026", vangnet="ja", steps="10-09-2026 50%"),  # open, with a partial recovery
     sick("1002", "05-05-2025", "01-07-2025")])


def test_imported_employees_are_searchable_and_an_open_absence_has_its_tasks(deps, employer, werkgever_browser):
    report = run(deps, employer, HISTORY)

    assert report.counts() == {"imported": 6, "skipped": 0, "rejected": 0}
    found = werkgever_browser.get("/api/search?q=celik").body["results"]
    assert [r["display_name"] for r in found] == ["Zoë Çelik"]
    jan = werkgever_browser.get("/api/search?q=vries").body["results"][0]
    assert jan["absent"] is True and jan["personnel_number"] == "1001"
    expected = poortwachter.tasks_for_case(date(2026, 9, 1), vangnet=True)
    tasks = open_tasks(werkgever_browser)
    assert sorted((t["code"], t["due"]) for t in tasks) == sorted((p.code, p.due.isoformat()) for p in expected)
    assert open_task_count(employer) == len(expected)


def test_history_shows_in_the_dossier_closed_without_tasks(deps, employer, werkgever_browser):
    run(deps, employer, HISTORY)
    jan = werkgever_browser.get("/api/search?q=1001").body["results"][0]

    dossier = werkgever_browser.get(f"/api/employees/{jan['employee_id']}/dossier").body

    open_one, closed = dossier["absences"]
    assert (open_one["status"], open_one["first_sick_day"], open_one["vangnet"]) == ("open", "2026-09-01", True)
    assert open_one["recovery_steps"] == [{"from_date": "2026-09-10", "percentage": 50}]
    assert (closed["status"], closed["recovered_on"], closed["tasks"]) == ("closed", "2024-01-16", [])
    assert dossier["employee"]["contract_hours"] == 32.5


def test_second_run_changes_nothing(deps, employer, werkgever_browser):
    run(deps, employer, HISTORY)
    tasks_before = open_tasks(werkgever_browser)

    again = run(deps, employer, HISTORY)

    assert again.counts() == {"imported": 0, "skipped": 6, "rejected": 0}
    assert open_tasks(werkgever_browser) == tasks_before
    assert open_task_count(employer) == len(tasks_before)
    assert len(werkgever_browser.get("/api/employees").body["employees"]) == 3


def test_dry_run_writes_nothing_but_reports_what_would_happen(deps, employer, werkgever_browser):
    report = run(deps, employer, HISTORY, dry_run=True)

    assert report.counts()["imported"] == 6
    assert "wordt geïmporteerd" in report.to_csv().decode("utf-8-sig")
    assert werkgever_browser.get("/api/employees").body["employees"] == []
    assert open_tasks(werkgever_browser) == []
    assert open_task_count(employer) == 0
    assert [e for e in store.audit.recent("secretariaat") if e.action == "verzuimdesk_imported"] == []


def test_bad_rows_are_rejected_with_line_and_reason_and_the_counts_add_up(deps, employer, werkgever_browser):
    files = export(
        [person("2001", "Anna", "", "Smit"),                                 # line 2
         person("2002", "Bram", "", "Kok", born="31-02-1990"),               # 3: impossible date
         person("2001", "Anna", "", "Smit"),                                 # 4: the same row again
         person("2001", "Anne", "", "Smit"),                                 # 5: same number, other data
         person("2003", "", "", "Leeg"),                                     # 6: no first name
         person("2004", "Cas", "", "Oud", start="01-01-2000", end="31-12-2020")],  # 7: kept until 31-12-2022
        [sick("2001", "01-02-2024", "15-02-2024"),   # 2: imported
         sick("2001", "10-02-2024", "20-02-2024"),   # 3: overlaps line 2
         sick("2001", "01-09-2026"),                 # 4: open, imported
         sick("2001", "15-09-2026"),                 # 5: a second open absence
         sick("9999", "01-09-2026"),                 # 6: unknown personnel number
         sick("2002", "01-09-2026"),                 # 7: that employee was refused
         sick("2001", "01-01-2010", "05-01-2010"),   # 8: before the start of employment
         sick("2001", "01-02-2024", "15-02-2024"),   # 9: the same row as line 2
         sick("2001", "31-11-2025", "05-12-2025"),   # 10: impossible date
         sick("2001", "01-10-2026")])                # 11: in the future

    report = run(deps, employer, files)

    got = outcomes(report)
    employees, absences = "medewerkers.csv", "verzuim.csv"
    assert got[employees, 2] == ("imported", "")
    assert got[employees, 3][0] == "rejected" and "31-02-1990 bestaat niet" in got[employees, 3][1]
    assert got[employees, 4] == ("skipped", "Dubbele regel: staat al op regel 2.")
    assert got[employees, 5][0] == "rejected" and "regel 2 met andere gegevens" in got[employees, 5][1]
    assert got[employees, 6][0] == "rejected" and got[employees, 6][1].startswith("voornaam: ")
    assert got[employees, 7][0] == "rejected" and "bewaartermijn is verstreken" in got[employees, 7][1]
    assert got[absences, 2][0] == "imported"
    assert got[absences, 3][0] == "rejected" and "overlapt met de ziekmelding van 01-02-2024" in got[absences, 3][1]
    assert got[absences, 4][0] == "imported"
    assert got[absences, 5][0] == "rejected"
    assert "al een open verzuim (eerste ziektedag 01-09-2026)" in got[absences, 5][1]
    assert got[absences, 6][0] == "rejected" and "Onbekend personeelsnummer" in got[absences, 6][1]
    assert got[absences, 7][0] == "rejected" and "medewerkers.csv regel 3" in got[absences, 7][1]
    assert got[absences, 8][0] == "rejected" and "voor de datum in dienst" in got[absences, 8][1]
    assert got[absences, 9] == ("skipped", "Dubbele regel: staat al op regel 2.")
    assert got[absences, 10][0] == "rejected" and "31-11-2025 bestaat niet" in got[absences, 10][1]
    assert got[absences, 11][0] == "rejected" and "toekomst" in got[absences, 11][1]
    assert report.rows_read() == 16 == sum(report.counts().values())
    assert [e["personnel_number"] for e in werkgever_browser.get("/api/employees").body["employees"]] == ["2001"]


def test_rows_with_a_diagnosis_are_not_imported_and_the_value_is_nowhere(deps, employer, werkgever_browser):
    files = {"verzuim.csv": csv_bytes(ABSENCE_COLUMNS + ["Diagnose"], [
        sick("3001", "01-03-2025", "10-03-2025") + ["burn-out"],
        sick("3001", "01-06-2025", "10-06-2025") + [""]]),
        "medewerkers.csv": csv_bytes(EMPLOYEE_COLUMNS + ["bsn"], [person("3001") + [""],
                                                                 person("3002") + ["123456782"]])}

    report = run(deps, employer, files)

    got = outcomes(report)
    assert got["verzuim.csv", 2][0] == "rejected" and "'diagnose'" in got["verzuim.csv", 2][1]
    assert got["verzuim.csv", 3][0] == "imported"
    assert got["medewerkers.csv", 2][0] == "imported"
    assert got["medewerkers.csv", 3][0] == "rejected" and "'bsn'" in got["medewerkers.csv", 3][1]
    written = report.to_csv().decode("utf-8-sig")
    assert "burn-out" not in written and "123456782" not in written
    assert [f.forbidden_columns for f in report.files] == [("bsn",), ("diagnose",)]
    jan = werkgever_browser.get("/api/search?q=3001").body["results"][0]
    dossier = werkgever_browser.get(f"/api/employees/{jan['employee_id']}/dossier").body
    assert [a["first_sick_day"] for a in dossier["absences"]] == ["2025-06-01"]


@pytest.mark.parametrize("options", [{"encoding": "cp1252", "sep": ","}, {"encoding": "utf-8", "sep": ",", "bom": True},
                                     {"encoding": "cp1252", "sep": ";"}])
def test_windows_1252_and_comma_exports_import_the_same_names(deps, employer, werkgever_browser, options):
    files = export([person("4001", "Noëlle", "van 't", "Hof", hours="24,5")],
                   [sick("4001", "03-03-2025", "17-03-2025")], **options)

    report = run(deps, employer, files)

    assert report.counts()["imported"] == 2
    assert report.files[0].encoding == ("Windows-1252" if options["encoding"] == "cp1252" else "UTF-8 (BOM)")
    found = werkgever_browser.get("/api/search?q=noelle hof").body["results"]
    assert [r["display_name"] for r in found] == ["Noëlle van 't Hof"]
    assert werkgever_browser.get(f"/api/employees/{found[0]['employee_id']}").body["contract_hours"] == 24.5


def test_portal_records_are_skipped_and_still_count_for_overlap(deps, employer, werkgever_browser):
    jan = werkgever_browser.post("/api/employees", JAN).body["employee_id"]
    werkgever_browser.post("/api/absences", {"employee_id": jan, "first_sick_day": "2026-09-14"},
                           headers={"Idempotency-Key": "k-1"})
    tasks_before = len(open_tasks(werkgever_browser))

    report = run(deps, employer, export([person("1001")], [sick("1001", "14-09-2026"), sick("1001", "01-09-2026"),
                                                           sick("1001", "01-03-2025", "01-04-2025")]))

    got = outcomes(report)
    assert got["medewerkers.csv", 2][0] == "skipped"
    assert got["verzuim.csv", 2][0] == "skipped"
    assert got["verzuim.csv", 3][0] == "rejected"
    assert "open verzuim (eerste ziektedag 14-09-2026)" in got["verzuim.csv", 3][1]
    assert got["verzuim.csv", 4][0] == "imported"
    assert len(open_tasks(werkgever_browser)) == tasks_before == open_task_count(employer)


def test_interrupted_import_completes_on_the_next_run_without_counting_twice(deps, employer, werkgever_browser,
                                                                            monkeypatch):
    def crash(*args):
        raise RuntimeError("stroomstoring")

    with monkeypatch.context() as patched:
        patched.setattr(store.imports, "write_absences", crash)
        with pytest.raises(RuntimeError):
            run(deps, employer, HISTORY)

    report = run(deps, employer, HISTORY)

    assert report.counts() == {"imported": 3, "skipped": 3, "rejected": 0}
    tasks = open_tasks(werkgever_browser)
    assert len(tasks) == len(poortwachter.tasks_for_case(date(2026, 9, 1), vangnet=True)) == open_task_count(employer)


def test_command_line_writes_the_report_prints_counts_and_records_an_audit_entry(deps, employer, tmp_path, capsys,
                                                                                 secretariat_browser):
    directory = tmp_path / "export"
    directory.mkdir()
    files = export([person("5001"), person("5002", born="xx")], [sick("5001", "01-03-2025", "10-03-2025")])
    for name, content in files.items():
        (directory / name.upper()).write_bytes(content)
    report_path = tmp_path / "rapport.csv"

    code = manage.main(["import-verzuimdesk", str(directory), "--employer", employer["employer_id"],
                        "--report", str(report_path)])
    again = manage.main(["import-verzuimdesk", str(directory), "--employer", employer["employer_id"],
                         "--report", str(report_path)])

    assert (code, again) == (0, 0)
    out = capsys.readouterr().out
    assert ("medewerkers.csv (UTF-8, scheidingsteken ';'): 2 regels gelezen: 1 geïmporteerd, 0 overgeslagen, "
            "1 geweigerd") in out
    assert "Totaal: 3 regels gelezen: 0 geïmporteerd, 2 overgeslagen, 1 geweigerd." in out
    assert "Er is niets gewijzigd" in out
    rows = list(csv.DictReader(io.StringIO(report_path.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert [(r["bestand"], r["regel"], r["resultaat"]) for r in rows] == [
        ("medewerkers.csv", "2", "overgeslagen"), ("medewerkers.csv", "3", "geweigerd"),
        ("verzuim.csv", "2", "overgeslagen")]
    assert rows[1]["reden"].startswith("geboortedatum: ")
    entries = secretariat_browser.get("/api/admin/audit/secretariaat").body["entries"]
    assert sorted(e["object_id"] for e in entries if e["action"] == "verzuimdesk_imported") == [
        f"{employer['employer_id']}#imported=0,skipped=2,rejected=1",
        f"{employer['employer_id']}#imported=2,skipped=0,rejected=1"]


def test_unknown_employer_or_missing_files_stop_before_anything_is_written(deps, employer, tmp_path, capsys):
    (tmp_path / "leeg").mkdir()
    (tmp_path / "verzuim.csv").write_bytes(b"personeelsnummer;hersteldatum\r\n1001;01-01-2025\r\n")

    assert manage.main(["import-verzuimdesk", str(tmp_path), "--employer", "bestaat-niet"]) == 1
    assert manage.main(["import-verzuimdesk", str(tmp_path / "leeg"), "--employer", employer["employer_id"]]) == 1
    assert manage.main(["import-verzuimdesk", str(tmp_path), "--employer", employer["employer_id"]]) == 1

    err = capsys.readouterr().err
    assert "Deze werkgever bestaat niet." in err
    assert "geen medewerkers.csv of verzuim.csv" in err
    assert "verzuim.csv: De kolom 'eerste_ziektedag' ontbreekt" in err
    assert not list(Path(tmp_path).glob("importrapport-*.csv"))


def test_ten_thousand_rows(deps, employer, werkgever_browser):
    employees = [person(f"{100000 + n}", f"Voornaam{n}", "", f"Achternaam{n}") for n in range(1_000)]
    absences = []
    for n in range(1_000):
        years = [2017 + year for year in range(9)]
        absences += [sick(f"{100000 + n}", f"{1 + n % 27:02d}-03-{year}", f"{1 + n % 27:02d}-04-{year}")
                     for year in years]
    opened = [f"{100000 + n}" for n in range(0, 1_000, 20)]
    absences = [row if row[0] not in opened or not row[1].endswith("2025") else sick(row[0], "01-09-2026")
                for row in absences]

    report = run(deps, employer, export(employees, absences))

    assert report.rows_read() == 10_000
    assert report.counts() == {"imported": 10_000, "skipped": 0, "rejected": 0}
    per_case = len(poortwachter.tasks_for_case(date(2026, 9, 1), vangnet=False))
    assert open_task_count(employer) == len(opened) * per_case
    found = werkgever_browser.get("/api/search?q=Achternaam980").body["results"]
    assert [(r["personnel_number"], r["absent"]) for r in found] == [("100980", True)]
    dossier = werkgever_browser.get(f"/api/employees/{found[0]['employee_id']}/dossier").body
    assert len(dossier["absences"]) == 9 and len(dossier["absences"][0]["tasks"]) == per_case


def with_department(row: list[str], afdeling: str, team: str = "") -> list[str]:
    return [*row, afdeling, team]


def department_export(rows: list[list[str]]) -> dict:
    return {"medewerkers.csv": csv_bytes([*EMPLOYEE_COLUMNS, "afdeling", "team"], rows)}


def tree(browser) -> dict[str, str]:
    """The employer's departments as full name → id."""
    return {d["full_name"]: d["department_id"] for d in browser.get("/api/departments").body["departments"]}


def department_of(browser, number: str) -> tuple[str | None, str | None]:
    """The employee's department (full name) and since when, as the dossier shows them."""
    found = browser.get(f"/api/search?q={number}").body["results"][0]
    employee = browser.get(f"/api/employees/{found['employee_id']}").body
    names = {i: n for n, i in tree(browser).items()}
    return names.get(employee["department_id"]), employee["department_since"]


def test_unknown_afdelingen_and_teams_are_created_known_ones_matched_by_name(deps, employer, werkgever_browser):
    # Given an employer with the afdeling Magazijn, and an export naming it, a team under it and a new afdeling
    assert werkgever_browser.post("/api/departments", {"name": "Magazijn"}).status == 201
    files = department_export([
        with_department(person("3001", "Anna", "", "Smit"), "magazijn"),                    # line 2: matched
        with_department(person("3002", "Bram", "", "Kok"), "Magazijn", "Nachtploeg"),      # 3: team created
        with_department(person("3003", "Cor", "", "Mol", start="01-06-2021"), "Kantoor"),  # 4: afdeling created
        with_department(person("3004", "Dirk", "", "Vos"), "MAGAZIJN", "nachtploeg"),      # 5: this run's team
    ])

    # When it is imported
    report = run(deps, employer, files)

    # Then what was missing is created once, each named in the report on the row that needed it
    assert report.counts() == {"imported": 4, "skipped": 0, "rejected": 0}
    assert report.departments_added == ["Magazijn › Nachtploeg", "Kantoor"]
    lines = outcomes(report)
    assert lines[("medewerkers.csv", 2)] == ("imported", "")
    assert lines[("medewerkers.csv", 3)] == ("imported", "Team Magazijn › Nachtploeg aangemaakt.")
    assert lines[("medewerkers.csv", 4)] == ("imported", "Afdeling Kantoor aangemaakt.")
    assert lines[("medewerkers.csv", 5)] == ("imported", "")
    assert list(tree(werkgever_browser)) == ["Kantoor", "Magazijn", "Magazijn › Nachtploeg"]
    # And each employee is in their department from their first day of employment
    assert department_of(werkgever_browser, "3001") == ("Magazijn", "2015-03-01")
    assert department_of(werkgever_browser, "3002") == ("Magazijn › Nachtploeg", "2015-03-01")
    assert department_of(werkgever_browser, "3003") == ("Kantoor", "2021-06-01")
    assert department_of(werkgever_browser, "3004") == ("Magazijn › Nachtploeg", "2015-03-01")


def test_rows_without_a_department_or_with_a_bad_one_are_rejected_once_there_are_departments(
        deps, employer, werkgever_browser):
    files = department_export([
        with_department(person("3101", "Anna", "", "Smit"), "Kantoor"),           # line 2
        with_department(person("3102", "Bram", "", "Kok"), ""),                    # 3: no afdeling
        with_department(person("3103", "Cor", "", "Mol"), "", "Nacht"),            # 4: a team without its afdeling
        with_department(person("3104", "Dirk", "", "Vos"), "x" * 61),              # 5: too long
        with_department(person("3105", "Eva", "", "Bos"), "Kantoor", "Ploeg\x07"),  # 6: a control character
    ])

    report = run(deps, employer, files)

    lines = outcomes(report)
    assert report.counts() == {"imported": 1, "skipped": 0, "rejected": 4}
    missing = ("afdeling: vul de afdeling (en zo nodig het team) in. Deze werkgever heeft afdelingen: elke "
               "medewerker hoort bij een afdeling of team.")
    assert lines[("medewerkers.csv", 3)] == ("rejected", missing)
    assert lines[("medewerkers.csv", 4)] == ("rejected", "afdeling: vul de afdeling in waar team Nacht bij hoort.")
    assert lines[("medewerkers.csv", 5)] == (
        "rejected", "afdeling: Een afdelingsnaam is hoogstens 60 tekens. Kort de naam in.")
    assert lines[("medewerkers.csv", 6)][1].startswith("team: Gebruik in de naam alleen letters")
    assert list(tree(werkgever_browser)) == ["Kantoor"]
    assert [e["personnel_number"] for e in werkgever_browser.get("/api/employees").body["employees"]] == ["3101"]


def test_an_export_without_departments_into_an_employer_that_has_them_is_rejected_row_by_row(
        deps, employer, werkgever_browser):
    werkgever_browser.post("/api/departments", {"name": "Kantoor"})

    report = run(deps, employer, export([person("3201")]))

    assert outcomes(report)[("medewerkers.csv", 2)][0] == "rejected"
    assert "afdeling: vul de afdeling" in outcomes(report)[("medewerkers.csv", 2)][1]


def test_dry_run_says_which_departments_would_be_created_and_creates_none(deps, employer, werkgever_browser):
    files = department_export([with_department(person("3301"), "Winkel", "Kassa")])

    report = run(deps, employer, files, dry_run=True)

    assert outcomes(report)[("medewerkers.csv", 2)] == (
        "imported", "Afdeling Winkel wordt aangemaakt. Team Winkel › Kassa wordt aangemaakt.")
    assert tree(werkgever_browser) == {}


def test_second_run_creates_no_department_twice(deps, employer, werkgever_browser):
    files = department_export([with_department(person("3401"), "Winkel", "Kassa"),
                               with_department(person("3402", "Els"), "Winkel")])
    run(deps, employer, files)

    again = run(deps, employer, files)

    assert again.counts() == {"imported": 0, "skipped": 2, "rejected": 0}
    assert again.departments_added == []
    assert list(tree(werkgever_browser)) == ["Winkel", "Winkel › Kassa"]


def test_a_department_added_in_the_portal_during_the_import_is_the_one_employees_get(
        deps, employer, werkgever_browser, monkeypatch):
    # Given the import reads the tree before a user adds the afdeling Winkel in the portal
    read_tree = store.departments.list_for_employer
    calls = []

    def tree_then_user_adds(employer_id):
        calls.append(employer_id)
        if len(calls) == 1:
            found = read_tree(employer_id)
            assert werkgever_browser.post("/api/departments", {"name": "winkel"}).status == 201
            return found
        return read_tree(employer_id)

    monkeypatch.setattr(store.departments, "list_for_employer", tree_then_user_adds)

    # When the export naming Winkel and a team of it is imported
    report = run(deps, employer, department_export([with_department(person("3501"), "Winkel", "Kassa")]))

    # Then the user's afdeling is used, not a second one; the team lands under it
    assert report.counts()["imported"] == 1
    assert list(tree(werkgever_browser)) == ["winkel", "winkel › Kassa"]
    assert department_of(werkgever_browser, "3501") == ("winkel › Kassa", "2015-03-01")


def test_command_line_names_the_departments_it_creates(deps, employer, tmp_path, capsys):
    directory = tmp_path / "export"
    directory.mkdir()
    (directory / "medewerkers.csv").write_bytes(department_export(
        [with_department(person("3601"), "Winkel", "Kassa"), with_department(person("3602", "Els"), "Kantoor")],
    )["medewerkers.csv"])
    arguments = ["import-verzuimdesk", str(directory), "--employer", employer["employer_id"],
                 "--report", str(tmp_path / "rapport.csv")]

    assert manage.main([*arguments, "--dry-run"]) == 0
    assert "Afdelingen en teams worden aangemaakt: Winkel, Winkel › Kassa, Kantoor" in capsys.readouterr().out
    assert manage.main(arguments) == 0
    assert "Afdelingen en teams aangemaakt: Winkel, Winkel › Kassa, Kantoor" in capsys.readouterr().out
