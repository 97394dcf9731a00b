"""Account security in Chromium: password reset, authenticator app, back-up codes, the security overview
and "SMS opnieuw versturen". Every test onboards its own user, so the tests do not depend on each other."""
from __future__ import annotations

import re
import time

import pyotp
from playwright.sync_api import Page, expect

from tests.support.chromium import new_context
from tests.support.pages import PASSWORD, log_in, onboard
from tests.support.standin import DEMO_PASSWORD

BACKUP_CODE = re.compile(r"^[a-z0-9]{4}-[a-z0-9]{4}$")
FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_text("U bent uitgelogd.")).to_be_visible()


def enter_password(page: Page, username: str, password: str) -> None:
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen", exact=True).click()


def sms_count(stand_in, phone: str) -> int:
    return sum(1 for m in stand_in.outbox() if m["channel"] == "sms" and m["to"] == phone)


def reset_link(stand_in, email: str) -> str:
    message = next(m for m in stand_in.outbox() if m["channel"] == "email" and m["to"] == email
                   and "wachtwoord-herstellen.html#" in m["body"])
    return re.search(r"https?://\S+/wachtwoord-herstellen\.html#[A-Za-z0-9_\-]+", message["body"]).group(0)


def test_forgotten_password_is_reset_through_the_emailed_link(secretariat, new_page, stand_in):
    # Given an active user who has logged out and forgot the password
    user, account = onboard(secretariat, new_page, stand_in, "Femke")
    log_out(user)

    # When they ask for a link from the login page with their username
    user.get_by_role("link", name="Wachtwoord vergeten").click()
    user.get_by_label("Gebruikersnaam of e-mailadres").fill(account.username)
    user.get_by_role("button", name="Verstuur link").click()

    # Then the page says an email is on its way, and the email holds the link
    expect(user.get_by_role("status")).to_contain_text("ontvangt u binnen enkele minuten een e-mail")
    link = reset_link(stand_in, account.email)

    # When they open the link and choose a new password
    user.goto(link)
    expect(user.get_by_role("heading", name=f"Nieuw wachtwoord voor {account.username}")).to_be_visible()
    expect(user).to_have_url(re.compile(r"/wachtwoord-herstellen\.html$"))
    new_password = "nieuwe zomer vol zonnebloemen"
    user.get_by_label("Nieuw wachtwoord").fill(new_password)
    user.get_by_label("Herhaal wachtwoord").fill(new_password)
    user.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(user.get_by_role("status")).to_contain_text(
        "Uw wachtwoord is gewijzigd. Log in met uw nieuwe wachtwoord en uw beveiligingscode.")

    # Then the old password is refused and the new one logs in with the SMS code
    user.get_by_role("link", name="Inloggen").click()
    enter_password(user, account.username, PASSWORD)
    expect(user.get_by_role("alert")).to_contain_text("Gebruikersnaam of wachtwoord onjuist")
    log_in(user, stand_in, account.username, new_password, account.phone)
    expect(user.get_by_text(f"Welkom, {account.name}")).to_be_visible()

    # And the link does not work a second time
    user.goto(link)
    expect(user.get_by_text("verlopen of al gebruikt")).to_be_visible()
    expect(user.get_by_role("link", name="Wachtwoord vergeten")).to_be_visible()


def test_authenticator_app_replaces_the_sms_code(secretariat, new_page, stand_in):
    # Given a signed-in user on Instellingen
    user, account = onboard(secretariat, new_page, stand_in, "Aziz")
    user.get_by_role("link", name="Instellingen").click()

    # When they set up the app: the QR code shows and the key can be typed over
    user.get_by_role("button", name="Authenticatie-app instellen").click()
    qr = user.get_by_role("img", name="QR-code voor uw authenticatie-app")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0"), "the QR image did not load"
    key = user.get_by_text(re.compile(r"^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$")).inner_text().replace(" ", "")
    app = pyotp.TOTP(key)
    user.get_by_label("Code uit de app").fill(app.now())
    user.get_by_role("button", name="Activeren").click()

    # Then the app is active
    expect(user.get_by_role("status").filter(has_text="De authenticatie-app is ingesteld")).to_be_visible()
    expect(user.get_by_role("button", name="Authenticatie-app verwijderen")).to_be_visible()

    # When they log in again, the code page asks for the app's code
    log_out(user)
    enter_password(user, account.username, PASSWORD)
    expect(user.get_by_text("code van 6 cijfers in die de app")).to_be_visible()
    # The code of the step just used is refused as a replay; the app's next code is within the allowed drift.
    user.get_by_label("Beveiligingscode").fill(app.at(time.time() + 30))
    user.get_by_role("button", name="Bevestigen").click()

    # Then they are signed in without any SMS
    expect(user.get_by_text(f"Welkom, {account.name}")).to_be_visible()


def test_backup_code_login_offers_new_codes(secretariat, new_page, stand_in):
    # Given a user who kept the back-up codes from activation, and has no phone at hand
    user, account = onboard(secretariat, new_page, stand_in, "Bram")
    log_out(user)
    enter_password(user, account.username, PASSWORD)

    # When they choose "Inloggen mislukt", then "Gebruik back-up code", with one of the codes
    user.get_by_text("Inloggen mislukt").click()
    user.get_by_role("button", name="Gebruik back-up code").click()
    user.get_by_label("Back-up code").fill(account.backup_codes[0])
    user.get_by_role("button", name="Inloggen met back-up code").click()

    # Then home says so, with the codes left
    expect(user.get_by_text("U bent ingelogd met een back-up code. U heeft nog 9 back-up codes.")).to_be_visible()

    # When they generate new codes, ten new ones are shown, to print or download
    user.get_by_role("button", name="Nieuwe back-up codes genereren").click()
    codes = user.get_by_text(BACKUP_CODE)
    expect(codes).to_have_count(10)
    new_codes = codes.all_inner_texts()
    assert not set(new_codes) & set(account.backup_codes)
    expect(user.get_by_role("button", name="Afdrukken")).to_be_visible()
    with user.expect_download() as download:
        user.get_by_role("button", name="Downloaden").click()
    saved = download.value.path().read_text(encoding="utf-8")
    assert all(code in saved for code in new_codes)


def test_security_overview_shows_failures_and_ends_another_session(secretariat, new_page, stand_in, chromium):
    # Given a signed-in user, and a second browser (Firefox on Windows) where someone first types a wrong
    # password, then logs in
    user, account = onboard(secretariat, new_page, stand_in, "Carla")
    firefox = new_context(chromium, base_url=stand_in.url, locale="nl-NL", timezone_id="Europe/Amsterdam",
                          user_agent=FIREFOX_ON_WINDOWS)
    other = firefox.new_page()
    other.goto("/")
    enter_password(other, account.username, "dit is niet het wachtwoord")
    expect(other.get_by_role("alert")).to_contain_text("Gebruikersnaam of wachtwoord onjuist")
    log_in(other, stand_in, account.username, PASSWORD, account.phone)
    expect(other.get_by_text(f"Welkom, {account.name}")).to_be_visible()

    # When the user opens Beveiliging in the first browser
    user.get_by_role("link", name="Beveiliging").click()

    # Then the failed attempt is listed with its browser, and both sessions, this one marked, the other named
    sign_ins = user.get_by_role("region", name="Recente inlogpogingen")
    failed = sign_ins.get_by_role("row").filter(has_text="Mislukt")
    expect(failed).to_contain_text("Wachtwoord")
    expect(failed).to_contain_text("Firefox 133 op Windows 10")
    sessions = user.get_by_role("list", name="Actieve sessies").get_by_role("listitem")
    expect(sessions).to_have_count(2)
    expect(sessions.filter(has_text="Deze sessie")).to_have_count(1)
    expect(sessions.filter(has_not_text="Deze sessie")).to_contain_text("Firefox 133 op Windows 10")

    # When they end the other session
    sessions.get_by_role("button", name="Afmelden").click()

    # Then only this session is left, and the other browser is sent to the login page
    expect(user.get_by_role("status")).to_contain_text("De sessie is afgemeld")
    expect(sessions).to_have_count(1)
    expect(sessions).to_contain_text("Deze sessie")
    other.reload()
    expect(other.get_by_text("Uw sessie is verlopen. Log opnieuw in.")).to_be_visible()
    expect(other.get_by_role("button", name="Inloggen", exact=True)).to_be_visible()
    firefox.close()


def test_sms_resend_sends_a_new_code_that_logs_in(secretariat, new_page, stand_in):
    # Given a user at the code page after the password
    user, account = onboard(secretariat, new_page, stand_in, "Daan")
    log_out(user)
    enter_password(user, account.username, PASSWORD)
    expect(user).to_have_url(re.compile(r"/code\.html"))
    first_code, sent_before = stand_in.last_sms_code(account.phone), sms_count(stand_in, account.phone)

    # When they choose "Inloggen mislukt", then "SMS opnieuw versturen"
    user.get_by_text("Inloggen mislukt").click()
    user.get_by_role("button", name="SMS opnieuw versturen").click()

    # Then the page confirms it and a new SMS is in the outbox
    expect(user.get_by_role("status")).to_contain_text("Er is een nieuwe SMS met een beveiligingscode verstuurd.")
    assert sms_count(stand_in, account.phone) == sent_before + 1
    new_code = stand_in.last_sms_code(account.phone)
    assert new_code != first_code

    # And the old code no longer works, the new one logs in
    user.get_by_label("Beveiligingscode").fill(first_code)
    user.get_by_role("button", name="Bevestigen").click()
    expect(user.get_by_role("alert")).not_to_be_empty()
    user.get_by_label("Beveiligingscode").fill(new_code)
    user.get_by_role("button", name="Bevestigen").click()
    expect(user.get_by_text(f"Welkom, {account.name}")).to_be_visible()


def test_forgotten_username_arrives_by_email(secretariat, new_page, stand_in):
    # Given an active user who logged out and forgot the username
    user, account = onboard(secretariat, new_page, stand_in, "Daan")
    log_out(user)

    # When they ask for it from the login page with their email address
    user.get_by_role("link", name="Inloggegevens vergeten").click()
    user.get_by_label("E-mailadres").fill(account.email)
    user.get_by_role("button", name="Verstuur gebruikersnaam").click()

    # Then the page answers and the email names the username
    expect(user.get_by_role("status")).to_contain_text("ontvangt u binnen enkele minuten een e-mail")
    email = next(m for m in stand_in.outbox() if m["channel"] == "email" and m["to"] == account.email
                 and m["subject"] == "Uw gebruikersnaam voor Verzuimportaal")
    assert f"- {account.username}" in email["body"]


def test_mobile_number_is_changed_in_settings(secretariat, new_page, stand_in):
    # Given a user just signed in (so no re-authentication is asked yet) on Instellingen
    user, account = onboard(secretariat, new_page, stand_in, "Esra")
    user.get_by_role("link", name="Instellingen").click()
    new_phone = account.phone[:-4] + "9999"

    # When they enter a new number and the code sent to it
    user.get_by_label("Nieuw mobiel nummer").fill(new_phone)
    user.get_by_role("button", name="Code versturen").click()
    expect(user.locator("#phone-code")).to_be_visible()
    user.locator("#phone-code").fill(stand_in.last_sms_code(new_phone))
    user.get_by_role("button", name="Bevestigen").click()

    # Then the change is confirmed, and the next login sends the code to the new number
    expect(user.get_by_role("status").filter(has_text="nummer")).to_be_visible()
    log_out(user)
    log_in(user, stand_in, account.username, PASSWORD, new_phone)
    expect(user.get_by_text(f"Welkom, {account.name}")).to_be_visible()


def test_before_its_script_runs_no_form_can_send_a_password_in_the_address_bar(chromium, stand_in):
    # Given the login page whose script has not run (here: never runs)
    context = new_context(chromium, base_url=stand_in.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/")
    page.get_by_label("Gebruikersnaam").fill("werkgever")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    # Then "Inloggen" cannot be pressed, and the form would never GET its fields into the URL
    expect(page.get_by_role("button", name="Inloggen", exact=True)).to_be_disabled()
    expect(page.locator("#login-form")).to_have_attribute("method", "post")
    page.get_by_label("Wachtwoord").press("Enter")
    assert DEMO_PASSWORD not in page.url and "password" not in page.url
    context.close()
