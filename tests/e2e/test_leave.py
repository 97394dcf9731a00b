"""Zwangerschaps- en bevallingsverlof in Chromium: registered from the dossier, its tasks on home, the birth date
filled in afterwards; refused in Dutch when the first leave day is outside the Wazo's window."""
from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import expect

from tests.support.dates import dutch_today
from tests.support.pages import add_employee, onboard, open_dossier, show_every_task


def test_a_leave_is_registered_from_the_dossier_and_its_tasks_are_on_home(secretariat, new_page, stand_in):
    page, _ = onboard(secretariat, new_page, stand_in, "Wendy")
    name = add_employee(page, "Fatima", "Verlof")
    expected = dutch_today() + timedelta(weeks=10)
    first_day = expected + timedelta(days=1) - timedelta(weeks=4)  # four weeks before the day after
    open_dossier(page, name)
    section = page.locator("#leave-section")
    expect(section).to_contain_text("Voor deze medewerker is geen zwangerschaps- of bevallingsverlof geregistreerd.")

    # A first day seven weeks before is outside the window: refused beside the field, in Dutch
    section.get_by_role("button", name="Zwangerschapsverlof registreren").click()
    section.get_by_label("Uitgerekende datum").fill(expected.isoformat())
    section.get_by_label("Eerste verlofdag (niet verplicht)").fill((expected - timedelta(weeks=7)).isoformat())
    section.get_by_role("button", name="Verlof registreren").click()
    expect(section.get_by_role("alert").first).to_contain_text("tussen zes en vier weken voor de uitgerekende datum")

    # Left empty, the leave begins four weeks before
    section.get_by_label("Eerste verlofdag (niet verplicht)").fill("")
    section.get_by_role("button", name="Verlof registreren").click()
    expect(page.get_by_role("status")).to_contain_text(f"Het verlof is geregistreerd: van {first_day:%d-%m-%Y}")
    leave = section.locator("article")
    expect(leave.locator("dl.facts")).to_contain_text(f"Uitgerekende datum{expected:%d-%m-%Y}")
    expect(leave.locator("dl.facts")).to_contain_text("Totaal16 weken")
    expect(leave).to_contain_text("WAZO-uitkering aanvragen bij UWV")
    expect(leave).to_contain_text(f"Uiterlijk {first_day - timedelta(weeks=2):%d-%m-%Y}")
    expect(section.get_by_role("button", name="Zwangerschapsverlof registreren")).to_be_hidden()
    expect(page.locator("#absences-section")).to_contain_text("Voor deze medewerker is nog geen verzuim gemeld.")

    # The birth came early, today: the untaken days go after it, the total stays 16 weeks
    leave.get_by_label("Bevallingsdatum", exact=True).fill(dutch_today().isoformat())
    leave.get_by_role("button", name="Bevallingsdatum opslaan").click()
    until = dutch_today() + timedelta(weeks=16)
    expect(page.get_by_role("status")).to_contain_text(
        f"De bevallingsdatum is opgeslagen. Het bevallingsverlof loopt tot en met {until:%d-%m-%Y}.")
    expect(leave.locator("dl.facts")).to_contain_text(f"Bevallingsdatum{dutch_today():%d-%m-%Y}")

    # On home, the leave's tasks are a case of their own that leads to the dossier
    page.goto("/home.html")
    show_every_task(page)
    case = page.locator(".case").filter(has=page.get_by_role("heading", name=re.compile(name)))
    expect(case).to_contain_text("Bevallingsdatum doorgeven aan UWV")
    case.get_by_role("link", name=f"Het zwangerschaps- en bevallingsverlof van {name}").click()
    expect(page).to_have_url(re.compile(r"/dossier\.html\?id=.+#verlof-"))
    expect(page.locator("#leave-section article")).to_be_visible()

    # A leave registered in error is removed, after one more question, with its tasks
    section = page.locator("#leave-section")
    section.get_by_role("button", name="Verlof verwijderen").click()
    expect(section).to_contain_text("Weet u het zeker?")
    section.get_by_role("button", name="Ja, verlof verwijderen").click()
    expect(page.get_by_role("status")).to_contain_text("Het verlof is verwijderd, met de taken die erbij hoorden.")
    expect(section.locator("article")).to_have_count(0)
    expect(section.get_by_role("button", name="Zwangerschapsverlof registreren")).to_be_visible()
