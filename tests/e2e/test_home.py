"""Home's "Nu te doen" at a phone's and a desktop's width: what is late or due soon, grouped per sick employee,
the filters, Afronden with a date and a note, "Ongedaan maken", and Heropenen on the absence's own page."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.support.dates import dutch_today
from tests.support.employees_api import add_employee_api, report_sick_api
from tests.support.pages import onboard, show_every_page

_FIRST_NAMES = {375: "Smal", 1280: "Breed"}


def _case(page: Page, employee: str):
    return page.locator("#cases .case").filter(has=page.get_by_role("heading", name=re.compile(re.escape(employee))))


def _fits_the_screen(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def _filter(page: Page, name: str):
    return page.get_by_role("group", name="Welke taken wilt u zien?").get_by_role("button", name=re.compile(
        rf"^{name}"))


@pytest.mark.parametrize("width", [375, 1280])
def test_home_shows_what_is_due_now_per_employee_and_filters(secretariat, new_page, stand_in, width):
    # Given a werkgever whose employee fell ill 20 days ago: the report to the arbodienst is late, the
    # probleemanalyse is due in about three weeks, the rest of the timeline months away
    page, _ = onboard(secretariat, new_page, stand_in, _FIRST_NAMES[width])
    page.set_viewport_size({"width": width, "height": 800})
    last_name = f"Nutedoen {width}"
    employee = add_employee_api(page, "Nora", last_name)
    report_sick_api(page, employee, (dutch_today() - timedelta(days=20)).isoformat())

    # When they open home
    page.goto("/home.html")

    # Then "Nu te doen" lists only those two, in one group with a count, the late one first as the next step
    case = _case(page, f"Nora {last_name}")
    expect(_filter(page, "Nu te doen")).to_have_attribute("aria-pressed", "true")
    expect(case.locator(".case__count")).to_have_text("2 taken, waarvan 1 te laat")
    tasks = case.locator(".task")
    expect(tasks).to_have_count(2)
    expect(tasks.first).to_contain_text("Volgende stap")
    expect(tasks.first).to_contain_text("Ziekmelding aan de arbodienst")
    expect(tasks.first).to_contain_text("Te laat")
    expect(tasks.nth(1)).to_contain_text("Probleemanalyse")
    expect(case.get_by_role("link", name=re.compile("Alle taken en het verloop"))).to_have_attribute(
        "href", re.compile(r"/verzuim\.html\?id="))
    _fits_the_screen(page, width)

    # When they choose "Te laat", only the late task of the group is left
    _filter(page, "Te laat").click()
    expect(_filter(page, "Te laat")).to_have_attribute("aria-pressed", "true")
    expect(case.locator(".task")).to_have_count(1)
    expect(case.locator(".task")).to_contain_text("Ziekmelding aan de arbodienst")

    # When they choose "Alles", the case's whole timeline is there (Meer taken tonen where the page ends)
    _filter(page, "Alles").click()
    expect(_filter(page, "Alles")).to_have_attribute("aria-pressed", "true")
    show_every_page(page)
    expect(case.locator(".task").filter(has_text="42e-weeksmelding aan UWV")).to_have_count(1)
    assert case.locator(".task").count() > 10
    _fits_the_screen(page, width)


@pytest.mark.parametrize("width", [375, 1280])
def test_afronden_with_a_date_and_a_note_can_be_undone_and_reopened(secretariat, new_page, stand_in, width):
    # Given a werkgever on home with a late report to the arbodienst
    page, _ = onboard(secretariat, new_page, stand_in, f"Afrond{width}")
    page.set_viewport_size({"width": width, "height": 800})
    last_name = f"Afronden {width}"
    employee = add_employee_api(page, "Olaf", last_name)
    report_sick_api(page, employee, (dutch_today() - timedelta(days=20)).isoformat())
    page.goto("/home.html")
    case = _case(page, f"Olaf {last_name}")
    arbodienst = case.locator(".task").filter(has_text="Ziekmelding aan de arbodienst")

    # When they press "Afronden", the form asks for the day (today unless changed) and a note, with the warning
    arbodienst.get_by_role("button", name="Afronden").click()
    form = page.get_by_role("form", name="Ziekmelding aan de arbodienst afronden")
    expect(form.get_by_label("Datum waarop de taak is gedaan")).to_have_value(dutch_today().isoformat())
    expect(form).to_contain_text("noteer nooit de diagnose")
    _fits_the_screen(page, width)

    # When "Annuleren" is pressed, nothing is saved
    form.get_by_role("button", name="Annuleren").click()
    expect(form).to_be_hidden()
    expect(arbodienst).to_have_count(1)

    # When they confirm with yesterday and a note
    yesterday = dutch_today() - timedelta(days=1)
    arbodienst.get_by_role("button", name="Afronden").click()
    form.get_by_label("Datum waarop de taak is gedaan").fill(yesterday.isoformat())
    form.get_by_label(re.compile("^Notitie")).fill("Gemeld bij de arbodienst via hun portaal")
    form.get_by_role("button", name="Afronden bevestigen").click()

    # Then the task leaves the list, and the status names the day with "Ongedaan maken"
    status = page.get_by_role("status").filter(has_text="is afgerond op")
    expect(status).to_contain_text(f"{yesterday:%d-%m-%Y}")
    expect(arbodienst).to_have_count(0)
    expect(case.locator(".case__count")).to_have_text("1 taak")

    # When they press "Ongedaan maken", the task is open again, still late
    status.get_by_role("button", name="Ongedaan maken").click()
    expect(page.get_by_role("status").filter(has_text="staat weer open")).to_be_visible()
    expect(arbodienst).to_contain_text("Te laat")

    # When they finish it again and open the absence's page
    arbodienst.get_by_role("button", name="Afronden").click()
    form.get_by_label(re.compile("^Notitie")).fill("Toch gemeld")
    form.get_by_role("button", name="Afronden bevestigen").click()
    expect(arbodienst).to_have_count(0)
    case.get_by_role("link", name=f"Olaf {last_name}", exact=True).click()
    expect(page.get_by_role("heading", name=f"Verzuim van Olaf {last_name}")).to_be_visible()

    # Then the main actions come before the tasks, and the finished task is listed with its day and note
    herstel = page.get_by_role("button", name="Herstel melden").bounding_box()
    first_task = page.locator("#absence .tasks li").first.bounding_box()
    assert herstel["y"] < first_task["y"]
    expect(page.get_by_text("Eerste ziektedag corrigeren")).to_be_visible()
    finished = page.locator("#absence .tasks li").filter(has_text="Ziekmelding aan de arbodienst")
    expect(finished).to_contain_text(f"op {dutch_today():%d-%m-%Y}")
    expect(finished).to_contain_text("Notitie: Toch gemeld")
    _fits_the_screen(page, width)

    # When they press "Heropenen" there
    finished.get_by_role("button", name="Heropenen").click()

    # Then it is an open task again, with "Afronden", and home counts it again
    expect(page.get_by_role("status")).to_contain_text("staat weer open")
    reopened = page.locator("#absence .tasks li").filter(has_text="Ziekmelding aan de arbodienst")
    expect(reopened.get_by_role("button", name="Afronden")).to_be_visible()
    expect(reopened.locator(".task__note")).to_have_count(0)
    page.goto("/home.html")
    expect(case.locator(".case__count")).to_have_text("2 taken, waarvan 1 te laat")
