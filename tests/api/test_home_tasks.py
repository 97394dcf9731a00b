"""The home page's "Nu te doen" (GET /api/tasks): what is late or due soon, grouped per sick employee, with counts
per view and pages that stay the same size however many cases there are; and Afronden with proof, Heropenen."""
from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlencode

import pytest

from tests.support.absences import open_tasks, sick
from tests.support.accounts import PASSWORD, log_in
from tests.support.people import JAN

# The test clock starts at 1_790_000_000: Monday 2026-09-21 in Amsterdam.
TODAY = date(2026, 9, 21)
WEEK_END = date(2026, 9, 27)
HORIZON_END = TODAY + timedelta(weeks=4)
DAY = 24 * 3600


def _employee(browser, first_name: str, number: str) -> str:
    answer = browser.post("/api/employees", {**JAN, "first_name": first_name, "personnel_number": number})
    assert answer.status == 201, answer.body
    return answer.body["employee_id"]


@pytest.fixture
def jan(werkgever_browser):
    return _employee(werkgever_browser, "Jan", "1001")


@pytest.fixture
def two_cases(werkgever_browser):
    """Piet sick for five weeks (his first tasks are late), Jan since last Monday."""
    piet = _employee(werkgever_browser, "Piet", "1002")
    jan = _employee(werkgever_browser, "Jan", "1001")
    sick(werkgever_browser, piet, (TODAY - timedelta(weeks=5)).isoformat(), key="piet")
    sick(werkgever_browser, jan, (TODAY - timedelta(weeks=1)).isoformat(), key="jan")
    return {"piet": piet, "jan": jan}


def _home(browser, **params):
    answer = browser.get(f"/api/tasks?{urlencode(params)}" if params else "/api/tasks")
    assert answer.status == 200, answer.body
    return answer.body


def _listed(home) -> list[dict]:
    return [task for case in home["cases"] for task in case["tasks"]]


def test_nu_te_doen_lists_what_is_late_or_due_within_four_weeks_and_nothing_later(werkgever_browser, two_cases):
    every_task = open_tasks(werkgever_browser)

    home = _home(werkgever_browser)

    listed = _listed(home)
    assert home["view"] == "nu" and home["horizon_weeks"] == 4 and home["horizon_end"] == HORIZON_END.isoformat()
    assert listed and all(task["due"] <= HORIZON_END.isoformat() for task in listed)
    assert {t["task_id"] for t in listed} == {t["task_id"] for t in every_task if t["due"] <= HORIZON_END.isoformat()}
    assert len(listed) < len(every_task)  # the rest of each timeline stays on the case's own page


def test_the_tasks_are_grouped_per_sick_employee_the_most_urgent_case_first(werkgever_browser, two_cases):
    home = _home(werkgever_browser)

    assert [case["employee_name"] for case in home["cases"]] == ["Piet de Vries", "Jan de Vries"]
    piet = home["cases"][0]
    assert piet["employee_id"] == two_cases["piet"] and piet["tasks"][0]["overdue"]
    for case in home["cases"]:
        dues = [task["due"] for task in case["tasks"]]
        assert dues == sorted(dues) and {task["absence_id"] for task in case["tasks"]} == {case["absence_id"]}


def test_the_counts_say_how_many_tasks_each_view_holds(werkgever_browser, two_cases):
    every_task = open_tasks(werkgever_browser)

    counts = _home(werkgever_browser)["counts"]

    assert counts["alles"] == len(every_task)
    assert counts["te_laat"] == sum(t["due"] < TODAY.isoformat() for t in every_task) > 0
    assert counts["deze_week"] == sum(TODAY.isoformat() <= t["due"] <= WEEK_END.isoformat() for t in every_task)
    assert counts["nu"] == sum(t["due"] <= HORIZON_END.isoformat() for t in every_task)
    assert counts["complete"] is True


@pytest.mark.parametrize(("view", "first", "last"), [
    ("te-laat", None, TODAY - timedelta(days=1)),
    ("deze-week", TODAY, WEEK_END),
    ("alles", None, None),
])
def test_each_filter_lists_exactly_its_tasks(werkgever_browser, two_cases, view, first, last):
    every_task = open_tasks(werkgever_browser)
    expected = {t["task_id"] for t in every_task
                if (first is None or t["due"] >= first.isoformat()) and (last is None or t["due"] <= last.isoformat())}

    listed = open_tasks(werkgever_browser, view)

    assert {t["task_id"] for t in listed} == expected
    assert (view != "te-laat") or all(t["overdue"] for t in listed)


def test_an_unknown_view_is_a_dutch_422(werkgever_browser):
    answer = werkgever_browser.get("/api/tasks?view=morgen")

    assert answer.status == 422 and answer.error == "not_a_choice" and "weergave" in answer.body["message"]


def test_the_answer_stays_one_page_however_many_cases_and_the_pages_hold_every_task_once(werkgever_browser):
    # Given three sick employees: 69 open tasks, more than one page of "alles"
    for n, name in enumerate(["Anna", "Bram", "Cor"]):
        employee = _employee(werkgever_browser, name, f"20{n}")
        sick(werkgever_browser, employee, (TODAY - timedelta(days=n)).isoformat(), key=name)

    first = _home(werkgever_browser, view="alles")

    assert len(_listed(first)) == 50 and first["next_cursor"]
    second = _home(werkgever_browser, view="alles", cursor=first["next_cursor"])
    ids = [t["task_id"] for t in _listed(first) + _listed(second)]
    assert len(ids) == len(set(ids)) == first["counts"]["alles"] == 69
    assert second["next_cursor"] is None


def test_a_forged_cursor_is_refused_and_never_reaches_another_employer(werkgever_browser, other_employer_browser,
                                                                        two_cases):
    # Given the other employer has a sick employee of its own
    theirs = _employee(other_employer_browser, "Kees", "9001")
    sick(other_employer_browser, theirs, (TODAY - timedelta(weeks=2)).isoformat(), key="kees")
    their_first_task = open_tasks(other_employer_browser)[0]

    # A cursor pointing into the other employer's tasks reads this employer's own index only
    mine = _home(werkgever_browser, view="alles",
                 cursor=f"{their_first_task['due']}#{their_first_task['task_id']}")
    assert {t["employee_id"] for t in _listed(mine)} <= set(two_cases.values())
    # A cursor that is no position at all is a Dutch 422
    bad = werkgever_browser.get("/api/tasks?cursor=zomaar")
    assert bad.status == 422 and bad.error == "cursor_invalid" and "Vernieuw de pagina" in bad.body["message"]


# --- Afronden with proof ------------------------------------------------------------------------------------------


def test_afronden_keeps_the_day_it_was_done_and_the_note_and_the_task_leaves_the_list(werkgever_browser, jan):
    absence = sick(werkgever_browser, jan, (TODAY - timedelta(weeks=1)).isoformat()).body
    task = absence["tasks"][0]
    before = _home(werkgever_browser)["counts"]

    done = werkgever_browser.post(f"/api/tasks/{task['task_id']}/done", {
        "done_on": (TODAY - timedelta(days=2)).isoformat(), "note": "Gebeld met de arbodienst"})

    assert done.status == 200
    assert done.body["status"] == "done" and done.body["done_on"] == (TODAY - timedelta(days=2)).isoformat()
    assert done.body["done_note"] == "Gebeld met de arbodienst" and done.body["reopen_until"]
    after = _home(werkgever_browser)["counts"]
    assert after["alles"] == before["alles"] - 1 and after["nu"] == before["nu"] - 1
    shown = werkgever_browser.get(f"/api/absences/{absence['absence_id']}").body["tasks"]
    assert next(t for t in shown if t["task_id"] == task["task_id"])["done_note"] == "Gebeld met de arbodienst"


def test_afronden_without_a_date_means_today(werkgever_browser, jan):
    task = sick(werkgever_browser, jan, (TODAY - timedelta(weeks=1)).isoformat()).body["tasks"][0]

    done = werkgever_browser.post(f"/api/tasks/{task['task_id']}/done", {})

    assert done.status == 200 and done.body["done_on"] == TODAY.isoformat() and done.body["done_note"] is None


@pytest.mark.parametrize(("done_on", "code", "says"), [
    (TODAY + timedelta(days=1), "date_in_future", "na vandaag (21-09-2026)"),
    (TODAY - timedelta(weeks=2), "date_before_case", "voor het begin van het verzuim (14-09-2026)"),
])
def test_afronden_on_an_impossible_day_is_refused_with_the_date_that_bounds_it(werkgever_browser, jan, done_on,
                                                                                code, says):
    task = sick(werkgever_browser, jan, (TODAY - timedelta(weeks=1)).isoformat()).body["tasks"][0]

    answer = werkgever_browser.post(f"/api/tasks/{task['task_id']}/done", {"done_on": done_on.isoformat()})

    assert answer.status == 422 and answer.error == code and says in answer.body["message"]
    assert task["task_id"] in {t["task_id"] for t in open_tasks(werkgever_browser)}


def test_a_note_longer_than_500_characters_is_refused(werkgever_browser, jan):
    task = sick(werkgever_browser, jan, (TODAY - timedelta(weeks=1)).isoformat()).body["tasks"][0]

    answer = werkgever_browser.post(f"/api/tasks/{task['task_id']}/done", {"note": "x" * 501})

    assert answer.status == 422 and answer.error == "too_long"


# --- Heropenen ----------------------------------------------------------------------------------------------------


def test_heropenen_puts_the_task_back_with_the_counts_and_is_audited(werkgever_browser, secretariat_browser,
                                                                     employer, jan, clock):
    task = sick(werkgever_browser, jan, (TODAY - timedelta(weeks=1)).isoformat()).body["tasks"][0]
    clock.advance(60)
    werkgever_browser.post(f"/api/tasks/{task['task_id']}/done", {"note": "Per ongeluk"})
    counted = _home(werkgever_browser)["counts"]["alles"]
    clock.advance(60)

    reopened = werkgever_browser.post(f"/api/tasks/{task['task_id']}/reopen")

    assert reopened.status == 200 and reopened.body["status"] == "open"
    assert reopened.body["done_on"] is None and reopened.body["done_note"] is None
    assert _home(werkgever_browser)["counts"]["alles"] == counted + 1
    assert task["task_id"] in {t["task_id"] for t in open_tasks(werkgever_browser)}
    trail = secretariat_browser.get(f"/api/admin/audit/{employer['employer_id']}").body["entries"]
    assert [e["action"] for e in trail[:2]] == ["task_reopened", "task_done"]
    assert trail[0]["object_id"] == task["task_id"]


def test_heropenen_after_the_period_is_refused(werkgever_browser, jan, clock, outbox):
    task = sick(werkgever_browser, jan, (TODAY - timedelta(weeks=1)).isoformat()).body["tasks"][0]
    werkgever_browser.post(f"/api/tasks/{task['task_id']}/done")
    clock.advance(31 * DAY)
    log_in(werkgever_browser, outbox, "wjansen", PASSWORD, "+31612345678")  # the session ended long ago

    answer = werkgever_browser.post(f"/api/tasks/{task['task_id']}/reopen")

    assert answer.status == 409 and answer.error == "reopen_period_passed" and "30 dagen" in answer.body["message"]


def test_an_open_task_cannot_be_reopened_and_a_task_twice_done_is_refused(werkgever_browser, jan):
    task = sick(werkgever_browser, jan, (TODAY - timedelta(weeks=1)).isoformat()).body["tasks"][0]

    assert werkgever_browser.post(f"/api/tasks/{task['task_id']}/reopen").error == "task_not_done"
    werkgever_browser.post(f"/api/tasks/{task['task_id']}/done")
    assert werkgever_browser.post(f"/api/tasks/{task['task_id']}/done").error == "task_not_open"


def test_a_task_of_a_recovered_case_cannot_be_reopened(werkgever_browser, jan):
    absence = sick(werkgever_browser, jan, (TODAY - timedelta(weeks=1)).isoformat()).body
    task = absence["tasks"][0]
    werkgever_browser.post(f"/api/tasks/{task['task_id']}/done")
    werkgever_browser.post(f"/api/absences/{absence['absence_id']}/recovery", {"date": TODAY.isoformat()})

    shown = werkgever_browser.get(f"/api/absences/{absence['absence_id']}").body["tasks"]
    answer = werkgever_browser.post(f"/api/tasks/{task['task_id']}/reopen")

    assert next(t for t in shown if t["task_id"] == task["task_id"])["reopen_until"] is None
    assert answer.status == 409 and answer.error == "absence_closed"


def test_another_employers_task_cannot_be_done_or_reopened(werkgever_browser, other_employer_browser, jan):
    task = sick(werkgever_browser, jan, (TODAY - timedelta(weeks=1)).isoformat()).body["tasks"][0]

    assert other_employer_browser.post(f"/api/tasks/{task['task_id']}/done").status == 404
    werkgever_browser.post(f"/api/tasks/{task['task_id']}/done")
    assert other_employer_browser.post(f"/api/tasks/{task['task_id']}/reopen").status == 404
