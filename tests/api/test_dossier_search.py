"""Dossier zoeken: any part of the name regardless of case, accents or tussenvoegsel order; absent first."""
from __future__ import annotations

import pytest

from tests.support.absences import sick

PEOPLE = [
    {"first_name": "Jan", "infix": "de", "last_name": "Vries", "personnel_number": "1001"},
    {"first_name": "Anna", "infix": None, "last_name": "Vries-Jansen", "personnel_number": "1002"},
    {"first_name": "Zoë", "infix": "van 't", "last_name": "Hof", "personnel_number": "1003"},
    {"first_name": "Piet", "infix": None, "last_name": "Bakker", "personnel_number": "A-77"},
]


@pytest.fixture
def staff(werkgever_browser):
    ids = {}
    for person in PEOPLE:
        answer = werkgever_browser.post("/api/employees", {**person, "date_of_birth": "1980-01-01",
                                                           "start_date": "2015-01-01", "contract_hours": "40"})
        assert answer.status == 201, answer.body
        ids[person["first_name"]] = answer.body["employee_id"]
    return ids


def names_found(browser, query):
    answer = browser.get(f"/api/search?q={query}")
    assert answer.status == 200
    return [r["display_name"] for r in answer.body["results"]]


@pytest.mark.parametrize("query, expected", [
    ("de%20Vries", ["Jan de Vries"]),
    ("Vries,%20de", ["Jan de Vries"]),
    ("VRIES", ["Jan de Vries", "Anna Vries-Jansen"]),
    ("Vries-Jansen", ["Anna Vries-Jansen"]),
    ("jansen", ["Anna Vries-Jansen"]),
    ("zoe", ["Zoë van 't Hof"]),
    ("hof", ["Zoë van 't Hof"]),
    ("vri", ["Jan de Vries", "Anna Vries-Jansen"]),
    ("1003", ["Zoë van 't Hof"]),
    ("a-77", ["Piet Bakker"]),
    ("niemand", []),
])
def test_search_finds_by_any_part_of_the_name_or_the_number(werkgever_browser, staff, query, expected):
    assert sorted(names_found(werkgever_browser, query)) == sorted(expected)


def test_absent_employees_come_first(werkgever_browser, staff):
    sick(werkgever_browser, staff["Anna"])

    results = werkgever_browser.get("/api/search?q=vries").body["results"]

    assert [r["display_name"] for r in results] == ["Anna Vries-Jansen", "Jan de Vries"]
    assert results[0]["absent"] is True and results[1]["absent"] is False


def test_renamed_employee_is_found_by_the_new_name_only(werkgever_browser, staff):
    werkgever_browser.request("PUT", f"/api/employees/{staff['Piet']}", {"last_name": "Smit"})

    assert names_found(werkgever_browser, "bakker") == []
    assert names_found(werkgever_browser, "smit") == ["Piet Smit"]


def test_other_employers_employees_are_never_found(werkgever_browser, staff, new_browser, deps, outbox):
    from chalicelib.services import admin
    from tests.support.accounts import PASSWORD, log_in

    other = admin.create_employer(deps, "Concurrent BV")
    admin.provision_active_user(deps, username="concurrent", name="Cor", email="cor@c.nl", role="werkgever",
                                employer_id=other["employer_id"], phone="0633333333", password=PASSWORD)
    intruder = new_browser()
    log_in(intruder, outbox, "concurrent", PASSWORD, "+31633333333")

    assert names_found(intruder, "vries") == []
    assert intruder.get(f"/api/employees/{staff['Jan']}/dossier").status == 404


def test_dossier_shows_details_every_absence_its_tasks_and_a_timeline(werkgever_browser, staff):
    first = sick(werkgever_browser, staff["Jan"], "2026-08-01", key="eerste").body
    werkgever_browser.post(f"/api/absences/{first['absence_id']}/recovery", {"date": "2026-08-05"})
    sick(werkgever_browser, staff["Jan"], "2026-09-14", key="tweede")

    dossier = werkgever_browser.get(f"/api/employees/{staff['Jan']}/dossier").body

    assert dossier["employee"]["display_name"] == "Jan de Vries"
    assert [a["status"] for a in dossier["absences"]] == ["open", "closed"]
    assert all(a["tasks"] for a in dossier["absences"])
    assert [e["event"] for e in dossier["timeline"]][:3] == ["Ziek gemeld", "Hersteld gemeld", "Ziek gemeld"]


def test_search_query_is_bounded(werkgever_browser, staff):
    assert werkgever_browser.get("/api/search?q=" + "x" * 10_000).status == 200
    assert werkgever_browser.get("/api/search?q=").body["results"] == []


def test_dossier_tasks_say_who_ticked_them_off_on_which_dutch_day(werkgever_browser, staff, clock, new_browser,
                                                                   outbox):
    from tests.support.accounts import PASSWORD, log_in

    # Given Jan, sick since a week ago: the report to the arbodienst was due yesterday
    absence = sick(werkgever_browser, staff["Jan"], "2026-09-14").body
    dossier = werkgever_browser.get(f"/api/employees/{staff['Jan']}/dossier").body
    overdue = {t["code"]: t["overdue"] for t in dossier["absences"][0]["tasks"]}
    assert overdue["ziekmelding_arbodienst"] is True and overdue["probleemanalyse"] is False

    # When Wim ticks it off at 01:43 Dutch time the next night (still the 21st in UTC)
    clock.advance(9 * 3600 + 30 * 60)
    wim = new_browser()
    log_in(wim, outbox, "wjansen", PASSWORD, "+31612345678")
    task = next(t for t in absence["tasks"] if t["code"] == "ziekmelding_arbodienst")
    assert wim.post(f"/api/tasks/{task['task_id']}/done").status == 200

    # Then the dossier names him and the Dutch day, and the timeline lists it on that day
    dossier = wim.get(f"/api/employees/{staff['Jan']}/dossier").body
    done = next(t for t in dossier["absences"][0]["tasks"] if t["task_id"] == task["task_id"])
    assert (done["status"], done["done_by_name"], done["done_on"], done["overdue"]) == (
        "done", "Wim Jansen", "2026-09-22", False)
    assert dossier["timeline"][0] == {"date": "2026-09-22", "event": "Taak afgerond: Ziekmelding aan de arbodienst"}
    assert all(t["done_by_name"] is None for t in dossier["absences"][0]["tasks"] if t["status"] == "open")


@pytest.fixture
def many_jannen(werkgever_browser):
    """Seven employees called Jan, by the order of their search keys (`jan#<employee id>`)."""
    ids = [werkgever_browser.post("/api/employees", {"first_name": "Jan", "last_name": f"Achternaam{n}",
                                                     "personnel_number": f"J{n}", "date_of_birth": "1980-01-01",
                                                     "start_date": "2015-01-01", "contract_hours": "40"}
                                  ).body["employee_id"] for n in range(7)]
    return sorted(ids)


def test_more_matches_than_one_page_are_read_page_by_page(werkgever_browser, many_jannen, monkeypatch):
    from chalicelib.services import employees

    monkeypatch.setattr(employees, "_KEYS_PER_PAGE", 2)

    results = werkgever_browser.get("/api/search?q=jan").body["results"]

    assert sorted(r["employee_id"] for r in results) == many_jannen


def test_an_absent_employee_comes_first_even_beyond_the_keys_read(werkgever_browser, many_jannen, monkeypatch):
    from chalicelib.services import employees

    last = many_jannen[-1]
    sick(werkgever_browser, last)
    monkeypatch.setattr(employees, "_KEYS_PER_PAGE", 2)
    monkeypatch.setattr(employees, "_MAX_KEY_PAGES", 1)

    results = werkgever_browser.get("/api/search?q=jan").body["results"]

    assert results[0]["employee_id"] == last and results[0]["absent"] is True
    assert len(results) == 3, "the first page of two, and the absent one"
