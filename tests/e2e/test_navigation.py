"""The signed-in navigation on every page a signed-in user reaches (Hulp and a missing page too), the folded
"Menu" on a phone, and the Medewerkers list with its pages and filters."""
from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import expect

from tests.support.dates import dutch_today
from tests.support.employees_api import add_employee_api, report_sick_api
from tests.support.pages import onboard

EMPLOYER_LINKS = ("Home", "Dossier zoeken", "Medewerkers", "Rapportages", "Hulp")


def test_help_and_a_missing_page_keep_the_signed_in_navigation(secretariat, new_page, stand_in):
    # Given a signed-in werkgever
    page, _ = onboard(secretariat, new_page, stand_in, "Nadia")

    for address, heading in (("/hulp.html", "Instructiekaart"), ("/bestaat-niet.html", "Pagina niet gevonden")):
        # When they open the help page, or an address that does not exist
        page.goto(address)
        expect(page.get_by_role("heading", name=heading)).to_be_visible()

        # Then the main menu of a werkgever is there with "Uitloggen", and nothing offers "Naar Inloggen"
        menu = page.get_by_role("navigation", name="Hoofdmenu")
        for name in EMPLOYER_LINKS:
            expect(menu.get_by_role("link", name=name, exact=True)).to_be_visible()
        expect(menu.get_by_role("button", name="Uitloggen")).to_be_visible()
        expect(page.get_by_role("link", name=re.compile("Inloggen"))).to_have_count(0)

    # And the missing page's way back leads home
    expect(page.get_by_role("main").get_by_role("link", name="Home")).to_have_attribute("href", "/home.html")


def test_help_for_someone_signed_out_keeps_the_way_to_the_login_page(new_page):
    # Given someone who is not signed in
    page = new_page()

    # When they open the help page
    page.goto("/hulp.html")
    expect(page.get_by_role("heading", name="Instructiekaart")).to_be_visible()

    # Then there is no main menu, and "Naar Inloggen" is offered
    expect(page.get_by_role("link", name="Naar Inloggen")).to_be_visible()
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_have_count(0)


def test_on_a_phone_the_header_is_small_and_the_menu_opens(secretariat, new_page, stand_in):
    # Given a signed-in werkgever on a phone-sized screen
    page, _ = onboard(secretariat, new_page, stand_in, "Mobiel")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/home.html")
    menu_button = page.get_by_role("button", name="Menu")
    expect(menu_button).to_have_attribute("aria-expanded", "false")

    # Then the header takes at most 120 of the 800 pixels, the links folded away
    assert page.locator(".site-header").bounding_box()["height"] <= 120
    expect(page.get_by_role("banner").get_by_role("link", name="Dossier zoeken")).to_be_hidden()

    # When they press "Menu"
    menu_button.click()

    # Then the menu's links are there, and the button says it is open
    expect(menu_button).to_have_attribute("aria-expanded", "true")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    for name in EMPLOYER_LINKS:
        expect(menu.get_by_role("link", name=name, exact=True)).to_be_visible()
    menu.get_by_role("link", name="Medewerkers").click()
    expect(page.get_by_role("heading", name="Medewerkers", exact=True)).to_be_visible()


def test_medewerkers_pages_through_everyone_and_filters(secretariat, new_page, stand_in):
    # Given a werkgever of Demo BV whose employees include 51 new ones, one of them sick and one gone last year
    page, _ = onboard(secretariat, new_page, stand_in, "Lijst")
    ids = [add_employee_api(page, "Test", f"Aafjes {n:02d}") for n in range(50)]
    sick = ids[7]
    report_sick_api(page, sick, (dutch_today() - timedelta(days=1)).isoformat())
    gone = add_employee_api(page, "Oud", "Aafjes Vertrokken", end_date="2025-01-31")

    # When they open Medewerkers from the menu and press "Meer tonen" until every page is shown
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Medewerkers").click()
    expect(page.get_by_role("heading", name="Alle medewerkers")).to_be_visible()
    rows = page.locator("#employees li")
    expect(rows.first).to_be_visible()
    assert rows.count() <= 50
    more = page.get_by_role("button", name="Meer tonen")
    while more.is_visible():
        shown = rows.count()
        more.click()
        expect(rows).not_to_have_count(shown)

    # Then every new employee is listed once, by last name, each linking to their dossier
    listed = page.locator("#employees li").evaluate_all("rows => rows.map(row => row.dataset.employee)")
    ours = [i for i in listed if i in {*ids, gone}]
    assert ours == [*ids, gone]
    assert len(listed) == len(set(listed)) > 50
    first = page.locator(f'#employees li[data-employee="{ids[0]}"]')
    expect(first.get_by_role("link", name="Test Aafjes 00")).to_have_attribute("href", f"/dossier.html?id={ids[0]}")
    expect(first).to_contain_text("Personeelsnummer A")

    # When they choose "Ziek", then "Uit dienst", then "Niet ziek"
    page.get_by_role("button", name="Ziek", exact=True).click()
    expect(page.get_by_role("heading", name="Medewerkers die ziek zijn")).to_be_visible()
    expect(page.get_by_role("button", name="Ziek", exact=True)).to_have_attribute("aria-pressed", "true")
    sick_row = page.locator(f'#employees li[data-employee="{sick}"]')
    expect(sick_row).to_contain_text("Ziek gemeld")
    expect(page.locator(f'#employees li[data-employee="{ids[0]}"]')).to_have_count(0)
    page.get_by_role("button", name="Uit dienst").click()
    expect(page.get_by_role("heading", name="Medewerkers uit dienst")).to_be_visible()
    expect(page.locator(f'#employees li[data-employee="{gone}"]')).to_contain_text("uit dienst sinds 31-01-2025")
    expect(page.locator(f'#employees li[data-employee="{ids[0]}"]')).to_have_count(0)
    expect(page).to_have_url(re.compile(r"\?filter=uit_dienst$"))
    page.get_by_role("button", name="Niet ziek").click()
    expect(page.get_by_role("heading", name="Medewerkers die niet ziek zijn")).to_be_visible()

    # Then each filter shows only the employees it names
    expect(page.locator(f'#employees li[data-employee="{ids[0]}"]')).to_be_visible()
    expect(page.locator(f'#employees li[data-employee="{sick}"]')).to_have_count(0)
