"""Forms show every error at once (issue 15): an error summary at the top whose links lead to the fields, each
field saying what to do; a search that finds nothing says what to try; Ziek melden starts at today and asks
"Klopt deze datum?" about a first sick day more than 6 weeks back. On a phone (375 px) and a laptop (1280 px)."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.support.dates import dutch_today
from tests.support.pages import add_employee, api, onboard

WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]
REQUIRED = ["Voornaam (of voorletters)", "Achternaam", "Personeelsnummer", "Geboortedatum", "Datum in dienst",
            "Contracturen per week", "Afdeling of team"]


@pytest.mark.parametrize("width", [375, 1280])
def test_forms_name_every_error_and_ziek_melden_questions_an_old_date(secretariat, new_page, stand_in, width):
    # Given a werkgever user on a screen `width` pixels wide
    page, _ = onboard(secretariat, new_page, stand_in, f"Formulier{width}")
    page.set_viewport_size({"width": width, "height": 900})

    # When they send an empty "Medewerker toevoegen" form
    page.goto("/medewerker-toevoegen.html")
    page.get_by_role("button", name="Medewerker toevoegen").click()

    # Then a summary at the top, which gets the focus, lists every missing field, each saying what to fill in
    summary = page.get_by_role("alert").filter(has_text="Er is een probleem")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_count(len(REQUIRED))
    for label in REQUIRED:
        expect(page.get_by_label(label)).to_have_attribute("aria-invalid", "true")
    expect(summary.get_by_role("link", name="Vul het personeelsnummer in, bijvoorbeeld 1001.")).to_be_visible()
    # And each field says the same under its label
    expect(page.locator("#date-of-birth-field-error")).to_have_text(
        "Vul de geboortedatum in, bijvoorbeeld 12-04-1980.")

    # When they follow the summary's link for the personnel number
    summary.get_by_role("link", name=re.compile("personeelsnummer")).click()

    # Then that field has the focus, and nothing was added
    expect(page.get_by_label("Personeelsnummer")).to_be_focused()
    expect(page.get_by_role("status")).to_have_text("")

    # When a search finds nobody
    page.goto("/dossier-zoeken.html")
    page.get_by_label("Naam of personeelsnummer").fill("Qwertyuiop")
    page.get_by_role("button", name="Zoeken").click()

    # Then the page says so and what to try, without an empty result list
    expect(page.get_by_role("status")).to_have_text(
        "Geen medewerker gevonden voor 'Qwertyuiop'. Probeer een deel van de naam of het personeelsnummer, of "
        "controleer de spelling.")
    expect(page.get_by_role("heading", name="Zoekresultaten")).to_be_hidden()

    # When they open Ziek melden for a new employee
    add_employee(page, "Oud", f"Datum{width}")
    page.get_by_role("link", name="Ziek melden").click()
    employee_id = re.search(r"medewerker=([^&]+)", page.url).group(1)

    # Then the first sick day is today
    first_day = page.get_by_label("Eerste ziektedag")
    expect(first_day).to_have_value(dutch_today().isoformat())

    # When they enter a first sick day of 10 weeks ago and press "Ziek melden"
    long_ago = dutch_today() - timedelta(weeks=10)
    first_day.fill(long_ago.isoformat())
    page.get_by_role("button", name="Ziek melden").click()

    # Then the portal asks whether that date is right, with the date written out and how long ago it is
    question = page.get_by_role("heading", name="Klopt deze datum?")
    expect(question).to_be_focused()
    written = f"{WEEKDAYS[long_ago.weekday()]} {long_ago.day} {MONTHS[long_ago.month - 1]} {long_ago.year}"
    expect(page.locator("#date-check")).to_contain_text(f"{written} ingevuld. Dat is 10 weken geleden.")

    # When they choose "Datum aanpassen"
    page.get_by_role("button", name="Datum aanpassen").click()

    # Then they are back on the date, and nothing was saved
    expect(first_day).to_be_focused()
    expect(question).to_be_hidden()
    expect(page.get_by_role("heading", name="Ziekmelding opgeslagen")).to_be_hidden()
    assert api(page.request.get(f"/api/employees/{employee_id}/dossier"))["absences"] == []

    # When they send it again and confirm the date
    page.get_by_role("button", name="Ziek melden").click()
    page.get_by_role("button", name="Ja, deze datum klopt").click()

    # Then the ziekmelding is saved from that date
    expect(page.get_by_role("heading", name="Ziekmelding opgeslagen")).to_be_visible()
    absences = api(page.request.get(f"/api/employees/{employee_id}/dossier"))["absences"]
    assert [absence["first_sick_day"] for absence in absences] == [long_ago.isoformat()]


def test_ziek_door_zwangerschap_ticks_the_vangnet_and_the_report_keeps_only_that(secretariat, new_page, stand_in):
    # Given a werkgever reporting an employee sick
    page, _ = onboard(secretariat, new_page, stand_in, "Zwanger")
    add_employee(page, "Zoë", "Zwangerschap")
    page.get_by_role("link", name="Ziek melden").click()
    vangnet = page.get_by_label("Valt onder de vangnetregeling (Ziektewet)")
    expect(vangnet).not_to_be_checked()

    # When they tick that the sickness is through the pregnancy
    page.get_by_label("Ziek door de zwangerschap of de bevalling").check()

    # Then the vangnet is ticked too, and the saved ziekmelding has it (and its UWV report), nothing more
    expect(vangnet).to_be_checked()
    employee_id = re.search(r"medewerker=([^&]+)", page.url).group(1)
    page.get_by_role("button", name="Ziek melden").click()
    expect(page.get_by_role("heading", name="Ziekmelding opgeslagen")).to_be_visible()
    [absence] = api(page.request.get(f"/api/employees/{employee_id}/dossier"))["absences"]
    assert absence["vangnet"] is True and "zwanger" not in str(absence).lower()
    assert "vangnet_ziekmelding_uwv" in {task["code"] for task in absence["tasks"]}
