"""Wie heeft dit dossier ingezien of gewijzigd: the verzuimbeheerder reads, per employee and period, every view and
change of that employee's dossier, with who did it, and exports it as CSV."""
from __future__ import annotations

import csv
import io

from tests.support.accounts import PASSWORD, log_in


def _log(browser, employee_id: str, query: str = "") -> list[tuple[str, str]]:
    answer = browser.get(f"/api/employees/{employee_id}/access-log{query}")
    assert answer.status == 200, answer.body
    return [(entry["who"], entry["what"]) for entry in answer.body["entries"]]


def test_views_and_changes_of_one_dossier_are_listed_newest_first_with_who(organisation, manager_of, clock,
                                                                           werkgever_browser):
    # Given the leidinggevende of Magazijn opens Anna's dossier and her ziekmelding, and ticks off a task
    anna = organisation.anna["employee_id"]
    manager = manager_of(organisation.magazijn)
    clock.advance(60)
    assert manager.get(f"/api/employees/{anna}/dossier").status == 200
    clock.advance(60)
    assert manager.get(f"/api/absences/{organisation.absences['anna']['absence_id']}").status == 200
    clock.advance(60)
    task = organisation.absences["anna"]["tasks"][0]["task_id"]
    assert manager.post(f"/api/tasks/{task}/done").status == 200
    clock.advance(60)

    # When HR reads Anna's access log
    entries = _log(werkgever_browser, anna)

    # Then every step is there, newest first, with the name of who took it; Bob's dossier is not in it
    assert entries[:3] == [("Lea Leider 1", "Taak afgerond"), ("Lea Leider 1", "Ziekmelding bekeken"),
                           ("Lea Leider 1", "Dossier bekeken")]
    # (added and reported sick in one second: lines of one second have no order)
    assert sorted(entries[3:]) == [("Wim Jansen", "Medewerker toegevoegd"), ("Wim Jansen", "Ziek gemeld")]
    assert ("Wim Jansen", "Ziek gemeld") in _log(werkgever_browser, organisation.bob["employee_id"])
    assert ("Lea Leider 1", "Dossier bekeken") not in _log(werkgever_browser, organisation.bob["employee_id"])


def test_a_period_shows_only_what_happened_in_it(organisation, clock, new_browser, outbox):
    # Given HR looks at Anna's dossier three days after she was reported sick (signed in again: the clock ran on)
    anna = organisation.anna["employee_id"]
    clock.advance(3 * 86400)
    hr = new_browser()
    log_in(hr, outbox, "wjansen", PASSWORD, "+31612345678")
    assert hr.get(f"/api/employees/{anna}/dossier").status == 200

    # When the log is asked for those three days on, and for the days before
    later = hr.get(f"/api/employees/{anna}/access-log?van=2026-09-24").body  # the clock starts on 21-09-2026
    before = hr.get(f"/api/employees/{anna}/access-log?tot=2026-09-21").body

    # Then each holds only its own days
    assert [e["what"] for e in later["entries"]] == ["Dossier bekeken"]
    assert sorted(e["what"] for e in before["entries"]) == ["Medewerker toegevoegd", "Ziek gemeld"]
    assert hr.get(f"/api/employees/{anna}/access-log?van=2026-09-30&tot=2026-09-01").error == "period_reversed"


def test_only_a_verzuimbeheerder_reads_it_and_only_of_their_employer(organisation, manager_of, werkgever_browser,
                                                                      other_employer_browser):
    anna = organisation.anna["employee_id"]

    refused = manager_of(organisation.magazijn).get(f"/api/employees/{anna}/access-log")
    elsewhere = other_employer_browser.get(f"/api/employees/{anna}/access-log")

    assert (refused.status, refused.error) == (403, "not_verzuimbeheerder")
    assert (elsewhere.status, elsewhere.error) == (404, "employee_unknown")
    assert other_employer_browser.get(f"/api/employees/{anna}/access-log.csv").status == 404


def test_the_csv_has_a_row_per_entry_for_dutch_excel(organisation, werkgever_browser):
    anna = organisation.anna["employee_id"]
    werkgever_browser.get(f"/api/employees/{anna}/dossier")

    answer = werkgever_browser.get(f"/api/employees/{anna}/access-log.csv")

    assert answer.status == 200 and answer.body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(answer.body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Datum en tijd", "Wie", "Wat"]
    assert sorted(row[1:] for row in rows[1:]) == [["Wim Jansen", "Dossier bekeken"],
                                                   ["Wim Jansen", "Medewerker toegevoegd"],
                                                   ["Wim Jansen", "Ziek gemeld"]]
    assert answer.headers["Content-Disposition"].startswith('attachment; filename="inzage-')
