"""Passkeys in the e2e tests' Chromium: its virtual authenticator (CDP), and the steps the passkey tests share."""
from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.support.pages import PASSWORD


def authenticator(page: Page) -> tuple[object, str]:
    """A platform authenticator with fingerprint (user verification) that keeps discoverable passkeys, as a laptop's."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True, "hasUserVerification": True,
        "isUserVerified": True, "automaticPresenceSimulation": True}})
    return cdp, added["authenticatorId"]


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_text("U bent uitgelogd.")).to_be_visible()


def enter_password(page: Page, username: str) -> None:
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()


def add_passkey(page: Page, name: str) -> None:
    page.goto("/instellingen.html")
    page.get_by_label("Naam van de nieuwe passkey").fill(name)
    page.get_by_role("button", name="Passkey toevoegen").click()
    expect(page.get_by_role("status").filter(has_text=f'De passkey "{name}" is toegevoegd.')).to_be_visible()
