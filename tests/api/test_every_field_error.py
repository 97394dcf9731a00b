"""A form hears every error of its request at once: a 422 lists each bad field with what to do (issue 15)."""
from __future__ import annotations

from tests.support.absences import sick
from tests.support.people import JAN

REQUIRED = ["first_name", "last_name", "personnel_number", "date_of_birth", "start_date", "contract_hours"]


def test_an_empty_medewerker_toevoegen_names_every_missing_field(werkgever_browser):
    # When a werkgever sends Medewerker toevoegen without filling anything in
    answer = werkgever_browser.post("/api/employees", {})

    # Then one 422 names every required field, in form order, each with a Dutch sentence saying what to fill in
    assert answer.status == 422
    assert [error["field"] for error in answer.body["errors"]] == REQUIRED
    assert all(error["message"].startswith("Vul ") for error in answer.body["errors"])
    # And the first error keeps the answer's usual shape
    assert answer.error == "required" and answer.body["field"] == "first_name"
    assert answer.body["message"] == answer.body["errors"][0]["message"]
    assert werkgever_browser.get("/api/employees").body["employees"] == []


def test_bad_values_in_several_fields_are_all_named_with_concrete_dates(werkgever_browser):
    # When the record has three mistakes: an impossible date of birth, 80 hours and an end before the start
    answer = werkgever_browser.post("/api/employees", {**JAN, "date_of_birth": "1980-02-30", "contract_hours": "80",
                                                       "end_date": "2014-12-31"})

    # Then all three are named at once, and the end date's message gives the start date to use
    assert answer.status == 422
    assert {error["field"]: error["message"] for error in answer.body["errors"]} == {
        "date_of_birth": "De geboortedatum 1980-02-30 bestaat niet. Controleer de dag en de maand.",
        "contract_hours": "Vul voor contracturen per week meer dan 0 en hoogstens 60 uur in, bijvoorbeeld 32 of 32,5.",
        "end_date": "De datum uit dienst kan niet voor de datum in dienst (01-03-2015) liggen. Vul 01-03-2015 of een "
                    "latere dag in.",
    }


def test_a_first_sick_day_in_the_future_names_today(werkgever_browser, deps):
    # Given an employee
    employee_id = werkgever_browser.post("/api/employees", JAN).body["employee_id"]
    today = deps.today()
    tomorrow = today.fromordinal(today.toordinal() + 1)

    # When they report the employee sick from tomorrow
    answer = sick(werkgever_browser, employee_id, tomorrow.isoformat())

    # Then the message says the first sick day cannot be after today, with today's date
    assert answer.status == 422 and answer.error == "sick_day_future"
    assert answer.body["errors"] == [{"field": "first_sick_day", "message": (
        f"De eerste ziektedag kan niet na vandaag liggen ({today:%d-%m-%Y}). Vul vandaag of een eerdere dag in.")}]


def test_a_malformed_field_still_answers_400_with_that_field_only(werkgever_browser):
    # When one field has the wrong JSON type and another is missing
    answer = werkgever_browser.post("/api/employees", {**JAN, "first_name": None, "last_name": 42})

    # Then the request cannot be read: 400 naming the malformed field, without a list of form errors
    assert answer.status == 400 and answer.body["field"] == "last_name"
    assert "errors" not in answer.body
