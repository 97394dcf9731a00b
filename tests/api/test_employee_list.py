"""The Medewerkers list: GET /api/employees with a filter, one page of at most 50 by name and the next page's
cursor; the cursor never reaches another employer's employees and a tampered one is a Dutch 422."""
from __future__ import annotations

import base64
import json

import manage
from chalicelib import store
from chalicelib.store.models import EmployeeSearchKey
from tests.support import builders
from tests.support.absences import sick
from tests.support.people import JAN


def _add(employer_id: str, count: int, **changes) -> list[str]:
    """Employees Medewerker 000 … in the store, their last names in order of the number."""
    people = [builders.employee(employer_id, first_name="Piet", infix=None, last_name=f"Medewerker {n:03d}",
                                **changes) for n in range(count)]
    for person in people:
        assert store.employees.create(person)
    return [person.employee_id for person in people]


def _all_pages(browser, filter_: str) -> list[list[dict]]:
    pages, cursor = [], None
    while True:
        query = f"?filter={filter_}" + (f"&cursor={cursor}" if cursor else "")
        answer = browser.get(f"/api/employees{query}")
        assert answer.status == 200, answer.body
        pages.append(answer.body["employees"])
        cursor = answer.body["next_cursor"]
        if cursor is None:
            return pages


def test_every_employee_is_listed_once_by_name_over_the_pages(werkgever_browser, employer):
    # Given an employer with 57 employees, added in a shuffled order
    ids = _add(employer["employer_id"], 57)

    # When the werkgever pages through "Alle"
    pages = _all_pages(werkgever_browser, "alle")

    # Then the first page holds 50, the second the other 7, each employee once and by last name
    assert [len(page) for page in pages] == [50, 7]
    names = [row["last_name"] for page in pages for row in page]
    assert names == sorted(names) and len(names) == 57
    assert sorted(row["employee_id"] for page in pages for row in page) == sorted(ids)


def test_the_filters_ziek_niet_ziek_and_uit_dienst(werkgever_browser, employer):
    # Given Jan (sick), two employees at work and one whose employment ended last year
    jan = werkgever_browser.post("/api/employees", JAN).body["employee_id"]
    assert sick(werkgever_browser, jan).status == 201
    at_work = _add(employer["employer_id"], 2)
    gone = _add(employer["employer_id"], 1, end_date="2025-06-30")

    # When the werkgever picks each filter
    listed = {f: [row["employee_id"] for page in _all_pages(werkgever_browser, f) for row in page]
              for f in ("alle", "ziek", "niet_ziek", "uit_dienst")}

    # Then each shows the employees it names, with their status
    assert sorted(listed["alle"]) == sorted([jan, *at_work, *gone])
    assert listed["ziek"] == [jan]
    assert sorted(listed["niet_ziek"]) == sorted([*at_work, *gone])
    assert listed["uit_dienst"] == gone
    row = werkgever_browser.get("/api/employees?filter=ziek").body["employees"][0]
    assert row["absent"] is True and row["uit_dienst"] is False and row["display_name"] == "Jan de Vries"


def test_the_sick_list_pages_too(werkgever_browser, employer):
    # Given 52 employees who are all sick (their open absences stand in the store; reporting 52 through the API
    # would add nothing to what this test is about)
    people = [builders.employee(employer["employer_id"], first_name="Piet", infix=None,
                                last_name=f"Medewerker {n:03d}", open_absence_id=f"absence-{n}") for n in range(52)]
    for person in people:
        assert store.employees.create(person)
    ids = [person.employee_id for person in people]

    # When the werkgever pages through "Ziek"
    pages = _all_pages(werkgever_browser, "ziek")

    # Then every sick employee is listed once
    assert [len(page) for page in pages] == [50, 2]
    assert sorted(row["employee_id"] for page in pages for row in page) == sorted(ids)


def test_another_employers_cursor_shows_only_my_own_employees(werkgever_browser, other_employer_browser,
                                                             employer):
    # Given both employers have more than a page of employees
    mine = _add(employer["employer_id"], 55)
    for n in range(55):
        other_employer_browser.post("/api/employees", {**JAN, "personnel_number": f"9{n:03d}"})
    theirs = other_employer_browser.get("/api/employees?filter=alle").body["next_cursor"]

    # When the werkgever sends the other employer's cursor
    answer = werkgever_browser.get(f"/api/employees?filter=alle&cursor={theirs}")

    # Then the answer holds only the werkgever's own employees
    assert answer.status == 200
    assert {row["employee_id"] for row in answer.body["employees"]} <= set(mine)


def test_a_cursor_that_was_tampered_with_is_a_dutch_422(werkgever_browser, employer):
    # Given an employer with more than one page
    _add(employer["employer_id"], 51)
    cursor = werkgever_browser.get("/api/employees?filter=alle").body["next_cursor"]
    forged = base64.urlsafe_b64encode(json.dumps({"f": "alle", "k": "vries#mw-1"}).encode()).decode()

    # When the cursor is garbled, used with another filter, or points outside the name order
    answers = [werkgever_browser.get(f"/api/employees?filter=alle&cursor={c}") for c in ("niet-base64!", forged)]
    answers.append(werkgever_browser.get(f"/api/employees?filter=ziek&cursor={cursor}"))

    # Then each is refused in Dutch, naming the cursor
    for answer in answers:
        assert answer.status == 422 and answer.body["field"] == "cursor"
        assert "Open Medewerkers opnieuw" in answer.body["message"]


def test_an_unknown_filter_is_a_dutch_422(werkgever_browser):
    answer = werkgever_browser.get("/api/employees?filter=zwanger")

    assert answer.status == 422 and answer.body["field"] == "filter"
    assert answer.body["message"].startswith("Kies voor het filter een van")


def test_without_a_filter_the_whole_list_is_as_before(werkgever_browser, employer):
    # Given 55 employees
    _add(employer["employer_id"], 55)

    # When a page asks without parameters (the pickers of Ziek melden and home)
    answer = werkgever_browser.get("/api/employees")

    # Then it gets all of them at once, by name, and no cursor
    assert len(answer.body["employees"]) == 55 and answer.body["next_cursor"] is None
    names = [row["last_name"] for row in answer.body["employees"]]
    assert names == sorted(names)


def test_rebuild_employee_search_lists_employees_made_before_the_name_order_was_kept(werkgever_browser, employer,
                                                                                    capsys):
    # Given three employees whose name-order keys are missing (added before the Medewerkers list existed)
    ids = _add(employer["employer_id"], 3)
    for key in EmployeeSearchKey.query(employer["employer_id"]):
        if key.key_employee.startswith(store.employees.NAME_ORDER_PREFIX):
            key.delete()
    assert werkgever_browser.get("/api/employees?filter=alle").body["employees"] == []

    # When ops runs the one-off command
    assert manage.main(["rebuild-employee-search"]) == 0

    # Then all three are listed again, and "Dossier zoeken" still finds them
    assert "Zoeksleutels geschreven voor 3 medewerker(s)." in capsys.readouterr().out
    listed = werkgever_browser.get("/api/employees?filter=alle").body["employees"]
    assert sorted(row["employee_id"] for row in listed) == sorted(ids)
    assert len(werkgever_browser.get("/api/search?q=medewerker").body["results"]) == 3
