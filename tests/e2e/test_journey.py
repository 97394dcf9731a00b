"""The first slice end to end, in Chromium: invite, onboard, log in, get blocked, get unlocked."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.support.pages import SECRETARIAT_PHONE, log_in
from tests.support.standin import DEMO_PASSWORD

NEW_USER_EMAIL = "e2e.petra@demo-bv.nl"
NEW_USER_PASSWORD = "zeven zwanen zwemmen zuidwaarts"
NEW_USER_PHONE = "+31655501234"


def invite_from_admin(page, name, email):
    page.goto("/admin.html")
    page.get_by_label("Werkgever", exact=True).select_option(label="Demo BV")
    page.get_by_label("Naam", exact=True).fill(name)
    page.get_by_label("E-mailadres", exact=True).fill(email)
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_role("status")).to_contain_text(email)


def user_row(page, email):
    return page.get_by_role("row").filter(has_text=email)


def test_invite_onboard_login_block_unlock(new_page, stand_in):
    # Given the secretariat is logged in and invites a new employer user
    secretariat = new_page()
    log_in(secretariat, stand_in, "secretariaat", DEMO_PASSWORD, SECRETARIAT_PHONE)
    expect(secretariat).to_have_url(re.compile(r"/admin\.html"))
    invite_from_admin(secretariat, "Petra de Bakker", NEW_USER_EMAIL)
    first_link = stand_in.last_invitation_link(NEW_USER_EMAIL)
    expect(user_row(secretariat, NEW_USER_EMAIL)).to_contain_text("Uitgenodigd")
    # A fresh invitation shows until when its link works, and is not marked expired
    expect(user_row(secretariat, NEW_USER_EMAIL)).to_contain_text("geldig tot")
    expect(user_row(secretariat, NEW_USER_EMAIL)).not_to_contain_text("verlopen")

    # When the secretariat sends a fresh invitation, the first link no longer works
    user_row(secretariat, NEW_USER_EMAIL).get_by_role("button", name="Uitnodiging opnieuw versturen").click()
    expect(secretariat.get_by_role("status")).to_contain_text(NEW_USER_EMAIL)
    fresh_link = stand_in.last_invitation_link(NEW_USER_EMAIL)
    assert fresh_link != first_link
    user = new_page()
    user.goto(first_link)
    expect(user.get_by_text("verlopen of al gebruikt")).to_be_visible()
    expect(user.get_by_text("24 uur geldig")).to_be_visible()
    expect(user.get_by_role("link", name=re.compile("0413-244211"))).to_be_visible()

    # Then the fresh link onboards: password, mobile number confirmed by SMS, terms, backup codes
    user.goto(fresh_link)
    expect(user.get_by_text("pdebakker")).to_be_visible()
    user.get_by_label("Wachtwoord", exact=True).fill(NEW_USER_PASSWORD)
    user.get_by_label("Herhaal wachtwoord").fill(NEW_USER_PASSWORD)
    user.get_by_role("button", name="Volgende").click()
    user.get_by_label("Mobiel nummer").fill("06 555 01 234")
    user.get_by_role("button", name="SMS-code versturen").click()
    expect(user.get_by_label("Beveiligingscode")).to_be_visible()
    user.get_by_label("Beveiligingscode").fill(stand_in.last_sms_code(NEW_USER_PHONE))
    user.get_by_role("button", name="Bevestigen").click()
    user.get_by_label("Ik ga akkoord met de gebruiksvoorwaarden").check()
    user.get_by_role("button", name="Akkoord en doorgaan").click()
    codes = user.locator("text=/^[a-z0-9]{4}-[a-z0-9]{4}$/")
    expect(codes).to_have_count(10)
    user.get_by_label("Ik heb de back-up codes bewaard").check()
    user.get_by_role("button", name="Naar de portal").click()
    expect(user.get_by_text("Welkom, Petra de Bakker")).to_be_visible()
    expect(user.get_by_text("Demo BV")).to_be_visible()

    # When the user logs out and in again with the code from the outbox
    user.get_by_role("button", name="Uitloggen").click()
    expect(user.get_by_text("U bent uitgelogd.")).to_be_visible()
    log_in(user, stand_in, "pdebakker", NEW_USER_PASSWORD, NEW_USER_PHONE)
    expect(user.get_by_text("Welkom, Petra de Bakker")).to_be_visible()
    user.get_by_role("button", name="Uitloggen").click()

    # And then types five wrong codes, the account is blocked
    user.get_by_label("Gebruikersnaam").fill("pdebakker")
    user.get_by_label("Wachtwoord").fill(NEW_USER_PASSWORD)
    user.get_by_role("button", name="Inloggen", exact=True).click()
    expect(user).to_have_url(re.compile(r"/code\.html"))
    for _ in range(5):
        user.get_by_label("Beveiligingscode").fill("000000")
        user.get_by_role("button", name="Bevestigen").click()
        expect(user.get_by_role("alert")).not_to_be_empty()
    expect(user.get_by_role("alert")).to_contain_text("Uw account is geblokkeerd")
    expect(user.get_by_text("0413-244211").first).to_be_visible()
    user.goto("/")
    user.get_by_label("Gebruikersnaam").fill("pdebakker")
    user.get_by_label("Wachtwoord").fill(NEW_USER_PASSWORD)
    user.get_by_role("button", name="Inloggen", exact=True).click()
    expect(user.get_by_role("alert")).to_contain_text("Uw account is geblokkeerd")

    # When the secretariat unlocks the account, the user gets an email and logs in again
    secretariat.reload()
    secretariat.get_by_label("Werkgever", exact=True).select_option(label="Demo BV")
    expect(user_row(secretariat, NEW_USER_EMAIL)).to_contain_text("Geblokkeerd")
    user_row(secretariat, NEW_USER_EMAIL).get_by_role("button", name="Deblokkeren").click()
    expect(user_row(secretariat, NEW_USER_EMAIL)).to_contain_text("Actief")
    assert any(m["to"] == NEW_USER_EMAIL and m["subject"] == "Uw account is gedeblokkeerd" for m in stand_in.outbox())
    log_in(user, stand_in, "pdebakker", NEW_USER_PASSWORD, NEW_USER_PHONE)
    expect(user.get_by_text("Welkom, Petra de Bakker")).to_be_visible()
