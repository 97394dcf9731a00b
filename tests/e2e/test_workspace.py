"""The employer workspace in Chromium: Medewerker toevoegen, Ziek melden, "Nu te doen" on home and
Herstel melden. Every test onboards its own werkgever user of Demo BV through the API."""
from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import Page, expect

from tests.support.dates import dutch_today
from tests.support.pages import add_employee, onboard, show_every_task


def case_of(page: Page, employee: str):
    """The group of one sick employee's tasks on home."""
    return page.locator("#cases .case").filter(has=page.get_by_role("heading", name=re.compile(re.escape(employee))))


def task_rows(page: Page, employee: str):
    return case_of(page, employee).locator(".task")


def test_add_employee_report_sick_tick_off_task_and_recover(secretariat, new_page, stand_in):
    # Given a werkgever user of Demo BV on home, who adds a new employee
    page, _ = onboard(secretariat, new_page, stand_in, "Wim")
    name = add_employee(page, "Wouter", "Zieksma")

    # When they report the employee sick from the success message, ten days ago
    page.get_by_role("link", name="Ziek melden").click()
    expect(page.get_by_label("Medewerker")).to_have_value(re.compile(r".+"))
    expect(page.get_by_label("Medewerker").locator("option:checked")).to_contain_text(name)
    page.get_by_label("Eerste ziektedag").fill((dutch_today() - timedelta(days=10)).isoformat())
    page.get_by_label("Gevolg van een arbeidsongeval").check()
    expect(page.get_by_text("noteer nooit de diagnose")).to_be_visible()
    page.get_by_role("button", name="Ziek melden").click()

    # Then the report is saved and its tasks are shown with their due dates
    expect(page.get_by_role("heading", name="Ziekmelding opgeslagen")).to_be_visible()
    expect(page.locator("#absence .tasks li").first).to_contain_text(re.compile(r"Uiterlijk \d{2}-\d{2}-\d{4}"))
    expect(page.locator("#absence").get_by_text("Ziekmelding aan de arbodienst")).to_be_visible()

    # And on home the report to the arbodienst is listed as overdue ("Te laat")
    page.goto("/home.html")
    arbodienst = task_rows(page, name).filter(has_text="Ziekmelding aan de arbodienst")
    expect(arbodienst).to_have_count(1)
    expect(arbodienst).to_contain_text("Te laat")
    expect(arbodienst).to_contain_text(re.compile(r"\d{2}-\d{2}-\d{4}"))

    # When they tick it off (today, the default), it disappears from the list
    arbodienst.get_by_role("button", name="Afronden").click()
    page.get_by_role("button", name="Afronden bevestigen").click()
    expect(page.get_by_role("status").filter(has_text="is afgerond")).to_be_visible()
    expect(arbodienst).to_have_count(0)

    # When they open the absence from its later tasks ("Alles") and report full recovery today
    show_every_task(page)
    case_of(page, name).get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", name=f"Verzuim van {name}")).to_be_visible()
    expect(page.get_by_label("Percentage hersteld")).to_have_value("100")
    page.get_by_role("button", name="Herstel melden").click()
    expect(page.get_by_role("status")).to_contain_text("Herstel gemeld")
    expect(page.get_by_role("button", name="Herstel melden")).to_have_count(0)

    # Then home shows no open tasks of that absence any more, in any view
    page.goto("/home.html")
    show_every_task(page)
    expect(task_rows(page, name)).to_have_count(0)


def test_double_click_on_ziek_melden_reports_once(secretariat, new_page, stand_in):
    # Given a werkgever user with a new employee on the "Ziek melden" form
    page, _ = onboard(secretariat, new_page, stand_in, "Dirk")

    # (A personnel number already in use is named next to its field, and in the summary, which gets the focus)
    page.goto("/medewerker-toevoegen.html")
    page.get_by_label("Voornaam (of voorletters)").fill("Dubbel")
    page.get_by_label("Achternaam").fill("Nummer")
    page.get_by_label("Personeelsnummer").fill("1001")
    page.get_by_label("Geboortedatum").fill("1985-04-12")
    page.get_by_label("Datum in dienst").fill("2020-01-01")
    page.get_by_label("Contracturen per week").fill("32")
    page.get_by_label("Afdeling of team").select_option(label="Magazijn")
    page.get_by_role("button", name="Medewerker toevoegen").click()
    expect(page.locator("#personnel-number-field-error")).not_to_be_empty()
    expect(page.get_by_role("alert").filter(has_text="Er is een probleem")).to_be_focused()
    expect(page.get_by_label("Personeelsnummer")).to_have_attribute("aria-invalid", "true")

    name = add_employee(page, "Dubbel", "Klikker")
    page.get_by_role("link", name="Ziek melden").click()
    page.get_by_label("Eerste ziektedag").fill((dutch_today() - timedelta(days=2)).isoformat())

    # When they double-click "Ziek melden"
    page.get_by_role("button", name="Ziek melden").dblclick()

    # Then one absence is saved: no "al ziek gemeld" error, and home lists its tasks once
    expect(page.get_by_role("heading", name="Ziekmelding opgeslagen")).to_be_visible()
    expect(page.locator("#page-error")).to_have_text("")
    tasks_of_one_absence = page.locator("#absence .tasks li").count()
    assert tasks_of_one_absence > 0
    page.goto("/home.html")
    show_every_task(page)
    expect(task_rows(page, name)).to_have_count(tasks_of_one_absence)
    titles = task_rows(page, name).locator(".task__title").all_text_contents()
    assert len(titles) == len(set(titles)), titles

    # And "Dossier zoeken" finds the employee as absent, with a link to the absence
    page.get_by_role("main").get_by_role("link", name="Dossier zoeken").click()
    page.get_by_label("Naam of personeelsnummer").fill("klikker dubbel")
    page.get_by_role("button", name="Zoeken").click()
    result = page.locator("#results > li").filter(has_text=name)
    expect(result).to_contain_text("Ziek gemeld")
    result.get_by_role("link", name="Verzuim bekijken").click()
    expect(page.get_by_role("heading", name=f"Verzuim van {name}")).to_be_visible()


def test_correcting_the_first_sick_day_moves_the_deadlines(secretariat, new_page, stand_in):
    # Given an employee reported sick yesterday: the report to the arbodienst is not late yet
    page, _ = onboard(secretariat, new_page, stand_in, "Carla")
    name = add_employee(page, "Corrie", "Gecorrigeerd")
    page.get_by_role("link", name="Ziek melden").click()
    page.get_by_label("Eerste ziektedag").fill((dutch_today() - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Ziek melden").click()
    arbodienst = page.locator("#absence .tasks li").filter(has_text="Ziekmelding aan de arbodienst")
    expect(arbodienst).not_to_contain_text("Te laat")

    # When they correct the first sick day to three weeks ago on the absence page
    page.goto("/home.html")
    case_of(page, name).get_by_role("link", name=name, exact=True).click()
    page.get_by_text("Eerste ziektedag corrigeren").click()
    earlier = dutch_today() - timedelta(days=21)
    page.get_by_label("Juiste eerste ziektedag").fill(earlier.isoformat())
    page.get_by_role("button", name="Eerste ziektedag opslaan").click()

    # Then the absence shows the new day and the report to the arbodienst is now late, due a week after it
    expect(page.get_by_role("status")).to_contain_text(f"De eerste ziektedag is nu {earlier:%d-%m-%Y}")
    expect(page.locator("#absence dl.facts")).to_contain_text(f"{earlier:%d-%m-%Y}")
    expect(arbodienst).to_contain_text("Te laat")
    expect(arbodienst).to_contain_text(f"{earlier + timedelta(days=6):%d-%m-%Y}")

    # And a first sick day in the future is refused in Dutch, naming the last day allowed
    page.get_by_text("Eerste ziektedag corrigeren").click()
    page.get_by_label("Juiste eerste ziektedag").fill((dutch_today() + timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Eerste ziektedag opslaan").click()
    expect(page.get_by_role("alert").filter(has_text=f"tot en met {dutch_today():%d-%m-%Y}").first).to_be_visible()
