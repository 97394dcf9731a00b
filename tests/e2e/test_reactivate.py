"""Beheer: a deactivation can be undone ("Heractiveren"), and the deactivated user is told why she cannot get in."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.support.pages import PASSWORD, log_in, onboard


def test_a_deactivated_user_is_told_whom_to_call_and_heractiveren_lets_her_in(secretariat, secretariat_desk, new_page,
                                                                             stand_in):
    # Given Dewi signed in once in her own browser, and the secretariat on Beheer
    dewi_page, dewi = onboard(secretariat, new_page, stand_in, "Dewi")
    log_in(dewi_page, stand_in, dewi.username, PASSWORD, dewi.phone)
    expect(dewi_page).to_have_url(re.compile(r"/home\.html"))
    desk = secretariat_desk
    desk.get_by_label("Werkgever", exact=True).select_option(label="Demo BV")
    row = desk.get_by_role("row").filter(has_text=dewi.email)

    # When the secretariat deactivates her
    row.get_by_role("button", name="Deactiveren").click()
    desk.get_by_role("button", name="Ja, deactiveren").click()
    expect(row).to_contain_text("Gedeactiveerd")
    expect(row.get_by_role("button", name="Heractiveren")).to_be_visible()

    # Then in her own browser the right password tells her the account is not active and whom to call
    dewi_page.goto("/")
    dewi_page.get_by_label("Gebruikersnaam").fill(dewi.username)
    dewi_page.get_by_label("Wachtwoord").fill(PASSWORD)
    dewi_page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(dewi_page.get_by_role("alert")).to_contain_text("niet meer actief")
    expect(dewi_page.get_by_role("alert")).to_contain_text("0413-244211")

    # When the secretariat reactivates her, she is emailed and signs in again
    row.get_by_role("button", name="Heractiveren").click()
    expect(row).to_contain_text("Actief")
    expect(desk.get_by_role("status")).to_contain_text("weer actief")
    assert any(m["to"] == dewi.email and m["subject"] == "Uw account is weer actief" for m in stand_in.outbox())
    log_in(dewi_page, stand_in, dewi.username, PASSWORD, dewi.phone)
    expect(dewi_page.get_by_text(f"Welkom, {dewi.name}")).to_be_visible()
