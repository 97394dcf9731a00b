"""Passkeys in Chromium with its virtual authenticator (CDP: WebAuthn.enable, WebAuthn.addVirtualAuthenticator):
"Passkey toevoegen" under Instellingen, the passkey as the second step, "Inloggen met passkey" without password,
"Verwijderen"; and "Deze browser 30 dagen vertrouwen" with "Vertrouwen intrekken" under Beveiliging."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.support.browser_passkeys import add_passkey, authenticator, enter_password, log_out
from tests.support.pages import onboard


def test_a_passkey_is_added_signs_in_as_second_step_and_alone_and_is_removed(secretariat, new_page, stand_in):
    # Given a signed-in user with a laptop that can keep passkeys
    page, account = onboard(secretariat, new_page, stand_in, "Pieter")
    cdp, laptop = authenticator(page)

    # When they add a passkey under Instellingen
    add_passkey(page, "Laptop werk")

    # Then it is listed, never used yet, and the user is told by email
    passkeys = page.get_by_role("list", name="Passkeys")
    expect(passkeys).to_contain_text("Laptop werk")
    expect(passkeys).to_contain_text("Nog niet gebruikt")
    assert cdp.send("WebAuthn.getCredentials", {"authenticatorId": laptop})["credentials"], "kept on the laptop"
    assert any(m["to"] == account.email and "Er is een passkey (“Laptop werk”) aan uw account toegevoegd" in m["body"]
               for m in stand_in.outbox() if m["channel"] == "email")

    # When they sign in again: after the password the passkey is offered first, and no SMS is sent
    log_out(page)
    sms_before = sum(1 for m in stand_in.outbox() if m["channel"] == "sms" and m["to"] == account.phone)
    enter_password(page, account.username)
    expect(page.get_by_text("Bevestig met uw passkey")).to_be_visible()
    expect(page.get_by_role("button", name="Passkey gebruiken")).to_be_focused()
    page.get_by_role("button", name="Passkey gebruiken").click()
    expect(page.get_by_text(f"Welkom, {account.name}")).to_be_visible()
    assert sum(1 for m in stand_in.outbox() if m["channel"] == "sms" and m["to"] == account.phone) == sms_before

    # And with "Inloggen met passkey" neither the password nor a code is asked
    log_out(page)
    page.get_by_role("button", name="Inloggen met passkey").click()
    expect(page.get_by_text(f"Welkom, {account.name}")).to_be_visible()
    page.goto("/instellingen.html")
    expect(page.get_by_role("list", name="Passkeys")).not_to_contain_text("Nog niet gebruikt")

    # When they remove it
    page.get_by_role("button", name="Verwijderen: passkey Laptop werk").click()
    expect(page.get_by_role("status").filter(has_text='De passkey "Laptop werk" is verwijderd.')).to_be_visible()
    expect(page.get_by_text("U heeft nog geen passkey.")).to_be_visible()

    # Then the laptop's passkey no longer signs in, in Dutch
    log_out(page)
    page.get_by_role("button", name="Inloggen met passkey").click()
    expect(page.get_by_role("alert")).to_contain_text("Met deze passkey kunt u niet inloggen.")
    expect(page).to_have_url(re.compile(r"/(index\.html)?(\?.*)?$"))


def test_a_trusted_browser_asks_only_the_password_until_its_trust_is_revoked(secretariat, new_page, stand_in):
    # Given a user who signs in with the SMS code and ticks "Deze browser 30 dagen vertrouwen"
    page, account = onboard(secretariat, new_page, stand_in, "Trudy")
    log_out(page)
    enter_password(page, account.username)
    page.get_by_label("Deze browser 30 dagen vertrouwen").check()
    page.get_by_label("Beveiligingscode").fill(stand_in.last_sms_code(account.phone))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_text(f"Welkom, {account.name}")).to_be_visible()

    # When they sign in again in this browser, only the password is asked
    log_out(page)
    enter_password(page, account.username)
    expect(page.get_by_text(f"Welkom, {account.name}")).to_be_visible()

    # And Beveiliging lists the browser; "Vertrouwen intrekken" ends that
    page.goto("/beveiliging.html")
    trusted = page.get_by_role("list", name="Vertrouwde browsers")
    expect(trusted).to_contain_text("Vertrouwd tot")
    trusted.get_by_role("button", name=re.compile(r"^Vertrouwen intrekken")).click()
    expect(page.get_by_role("status")).to_contain_text("Deze browser wordt niet meer vertrouwd")
    expect(page.get_by_text("U vertrouwt geen enkele browser")).to_be_visible()

    # Then the next sign-in asks the second step again
    log_out(page)
    enter_password(page, account.username)
    expect(page).to_have_url(re.compile(r"/code\.html"))
    expect(page.get_by_label("Beveiligingscode")).to_be_visible()
