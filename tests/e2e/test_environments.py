"""Omgevingen in Chromium: het secretariaat gives a werkgever user access to a second employer on the admin page;
the user switches omgeving in the header and sees that employer's (empty) workspace explained, then switches back."""
from __future__ import annotations

import itertools
import re
import time

from playwright.sync_api import expect

from tests.support.pages import SECRETARIAT_PHONE, api, log_in, onboard
from tests.support.standin import DEMO_PASSWORD

_numbers = itertools.count(1)


def test_secretariat_grants_a_second_omgeving_and_the_user_switches(secretariat, new_page, stand_in):
    # Given a werkgever user of Demo BV and a new employer without any data
    page, account = onboard(secretariat, new_page, stand_in, "Olga")
    admin, headers = secretariat
    new_employer = f"Omgeving {int(time.time()) % 10**6}-{next(_numbers)} BV"
    api(admin.post("/api/admin/employers", data={"name": new_employer}, headers=headers))
    expect(page.get_by_label("Omgeving")).to_have_count(0)

    # When het secretariaat gives the user access to it on the admin page
    desk = new_page()
    log_in(desk, stand_in, "secretariaat", DEMO_PASSWORD, SECRETARIAT_PHONE)
    expect(desk).to_have_url(re.compile(r"/admin\.html"))
    desk.get_by_label("Werkgever", exact=True).select_option(label="Demo BV")
    row = desk.locator("#users tr").filter(has_text=account.email)
    row.get_by_role("button", name="Toegang tot andere werkgever").click()
    dialog = desk.get_by_role("dialog", name="Toegang tot andere werkgever")
    dialog.get_by_label("Andere werkgever").select_option(label=new_employer)
    dialog.get_by_role("button", name="Toegang geven").click()
    expect(desk.get_by_role("status")).to_contain_text(f"heeft nu ook toegang tot {new_employer}")
    desk.get_by_label("Werkgever", exact=True).select_option(label=new_employer)
    expect(desk.locator("#users tr").filter(has_text=account.email)).to_contain_text("toegang tot deze werkgever")

    # Then the user sees an "Omgeving" choice in the header, still in Demo BV
    page.reload()
    expect(page.get_by_label("Omgeving")).to_have_value(re.compile(r".+"))
    expect(page.get_by_label("Omgeving").locator("option:checked")).to_have_text("Demo BV")
    expect(page.get_by_role("heading", name="Nog geen gegevens")).to_be_hidden()

    # When they switch to the new employer
    page.get_by_label("Omgeving").select_option(label=new_employer)
    page.get_by_role("button", name="Wisselen").click()

    # Then home explains that there is no data yet, instead of an empty screen, with the secretariat's contact
    notice = page.get_by_role("region", name="Nog geen gegevens")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(new_employer)
    expect(notice).to_contain_text("Medewerker toevoegen")
    expect(page.locator("#contact")).to_contain_text("0413-244211")
    expect(page.get_by_text("Er zijn geen openstaande taken.")).to_be_visible()
    page.get_by_role("main").get_by_role("link", name="Dossier zoeken").click()
    page.get_by_label("Naam of personeelsnummer").fill("de")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("status")).to_contain_text("Geen medewerker gevonden voor 'de'")

    # When they switch back from another page, Demo BV's employees are there again
    page.get_by_label("Omgeving").select_option(label="Demo BV")
    page.get_by_role("button", name="Wisselen").click()
    expect(page.get_by_label("Omgeving").locator("option:checked")).to_have_text("Demo BV")
    page.goto("/home.html")
    expect(page.get_by_role("region", name="Nog geen gegevens")).to_be_hidden()
    expect(page.locator("#employer-name")).to_have_text("Demo BV")
