"""Steps on the portal's pages that several e2e tests take in Chromium: signing in, onboarding a new user of Demo
BV through the API, adding an employee, opening Rapportages."""
from __future__ import annotations

import itertools
import re
import time
from dataclasses import dataclass
from datetime import timedelta

from playwright.sync_api import Page, expect

from tests.support.dates import dutch_today

SECRETARIAT_PHONE = "+31687654321"
PASSWORD = "paarse olifanten dansen op zolder"
"""The password every onboarded user chooses."""
_onboarded = itertools.count(1)
_added = itertools.count(1)


@dataclass
class Account:
    name: str
    username: str
    email: str
    phone: str
    backup_codes: list[str]


def api(response) -> dict:
    """The JSON of a successful API answer; fails the test with the answer otherwise."""
    assert response.ok, f"{response.url} → {response.status} {response.text()}"
    return response.json()


def log_in(page, stand_in, username, password, phone):
    page.goto("/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page).to_have_url(re.compile(r"/code\.html"))
    page.get_by_label("Beveiligingscode").fill(stand_in.last_sms_code(phone))
    page.get_by_role("button", name="Bevestigen").click()


def onboard(secretariat, new_page, stand_in, first_name: str) -> tuple[Page, Account]:
    """Given: a new user of Demo BV, invited and activated through the API (the screens for both are
    test_journey's subject), and signed in on home in a fresh browser."""
    admin, admin_headers = secretariat
    number = next(_onboarded)
    # A number range per ten users: the portal allows 30 SMS an hour to one range (domain/sms_budget.py)
    name, phone = f"{first_name} Veilig", f"+3165{number // 10 % 100:02d}0{number:04d}"
    email = f"e2e.{first_name.lower()}.{number}@demo-bv.nl"
    employer_id = next(e["employer_id"] for e in api(admin.get("/api/admin/employers"))["employers"]
                       if e["name"] == "Demo BV")
    api(admin.post("/api/admin/users", data={"name": name, "email": email, "employer_id": employer_id},
                   headers=admin_headers))
    return activate(new_page(), stand_in, name, email, phone)


def new_phone() -> str:
    """A mobile number of its own for a user an e2e test makes (a range per ten: the SMS budget per range)."""
    number = next(_onboarded)
    return f"+3165{number // 10 % 100:02d}0{number:04d}"


def activate(page: Page, stand_in, name: str, email: str, phone: str) -> tuple[Page, Account]:
    """The invitation emailed to `email` accepted through the API (password, phone, terms), and signed in on home."""
    invitation = "/api/invitations/" + stand_in.last_invitation_link(email).split("#", 1)[1]
    headers = {"X-CSRF-Token": "1"}
    details = api(page.request.get(invitation))
    api(page.request.post(f"{invitation}/password", data={"password": PASSWORD}, headers=headers))
    api(page.request.post(f"{invitation}/phone", data={"phone": phone}, headers=headers))
    api(page.request.post(f"{invitation}/phone/confirm", data={"code": stand_in.last_sms_code(phone)},
                          headers=headers))
    done = api(page.request.post(f"{invitation}/complete", headers=headers,
                                 data={"accept_terms": True, "terms_version": details["terms_version"]}))
    page.goto("/home.html")
    page.get_by_text(f"Welkom, {name}").wait_for()
    return page, Account(name, details["username"], email, phone, done["backup_codes"])


def add_employee(page: Page, first_name: str, last_name: str, department: str = "Kantoor") -> str:
    """Adds an employee of Demo BV's `department` ("Afdeling › Team" for a team) through "Medewerker toevoegen" on
    home; returns the full name."""
    page.goto("/home.html")
    page.get_by_role("link", name="Medewerker toevoegen").click()
    expect(page).to_have_url(re.compile(r"/medewerker-toevoegen\.html$"))
    page.get_by_label("Voornaam (of voorletters)").fill(first_name)
    page.get_by_label("Achternaam").fill(last_name)
    page.get_by_label("Personeelsnummer").fill(f"E2E{int(time.time() * 1000) % 10**9}{next(_added)}")
    page.get_by_label("Geboortedatum").fill("1985-04-12")
    page.get_by_label("Datum in dienst").fill("2020-01-01")
    page.get_by_label("Contracturen per week").fill("32")
    page.get_by_label("Afdeling of team").select_option(label=department)
    page.get_by_role("button", name="Medewerker toevoegen").click()
    name = f"{first_name} {last_name}"
    expect(page.get_by_role("status")).to_contain_text(f"Medewerker {name} is toegevoegd.")
    return name


def open_reports(page: Page) -> tuple[str, str]:
    """Opens Rapportages with its default period; returns the current month (yyyy-mm) and its verzuimpercentage."""
    page.goto("/rapportages.html")
    expect(page.get_by_role("heading", name=re.compile(r"^Verzuimcijfers "))).to_be_visible()
    month = page.get_by_label("Tot", exact=True).input_value()
    row = page.locator(f'#months tr[data-month="{month}"]')
    expect(row).to_have_count(1)
    return month, row.locator("td").first.inner_text()


def show_every_task(page: Page) -> None:
    """On home: "Alles", then "Meer taken tonen" until every open task of the employer is listed."""
    page.get_by_role("button", name=re.compile(r"^Alles")).click()
    expect(page.get_by_role("button", name=re.compile(r"^Alles"))).to_have_attribute("aria-pressed", "true")
    show_every_page(page)


def show_every_page(page: Page, pages: int = 40) -> None:
    """On home: "Meer taken tonen" until it is gone, each time after the page before it has loaded (the button is
    disabled while a page loads); fails after `pages` pages."""
    more = page.locator("#tasks-more")  # by id: a hidden button has no role to find it by
    for _ in range(pages):
        expect(more).to_be_enabled()
        if not more.is_visible():
            return
        more.click()
    raise AssertionError(f"Meer taken tonen is still there after {pages} pages")


def report_sick(page: Page, days_ago: int, *, confirm_date: bool = False) -> None:
    """From the "Medewerker toevoegen" success message: Ziek melden for the employee just added. A first day more
    than a few weeks back is asked about once ("Klopt deze datum?"): `confirm_date` answers it."""
    page.get_by_role("link", name="Ziek melden").click()
    page.get_by_label("Eerste ziektedag").fill((dutch_today() - timedelta(days=days_ago)).isoformat())
    page.get_by_role("button", name="Ziek melden").click()
    if confirm_date:
        page.get_by_role("button", name="Ja, deze datum klopt").click()
    expect(page.get_by_role("heading", name="Ziekmelding opgeslagen")).to_be_visible()


def open_dossier(page: Page, name: str) -> None:
    """Finds `name` with Dossier zoeken and opens the dossier from the one result."""
    page.goto("/dossier-zoeken.html")
    page.get_by_label("Naam of personeelsnummer").fill(name)
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("status")).to_contain_text("gevonden")
    page.locator("#results > li").filter(has_text=name).get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Dossier van {name}")
