"""axe-core over every page of the portal and its main states, at a phone's width and a laptop's: no WCAG 2.0/2.1
A or AA violation anywhere. axe comes from node_modules (package-lock.json, installed by `make test`'s `npm ci`);
nothing is downloaded while the tests run. One werkgever sign-in for the whole file; het secretariaat's session is
the run's (tests/e2e/conftest.py)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.support.browser_passkeys import add_passkey, authenticator, enter_password, log_out
from tests.support.chromium import new_context
from tests.support.pages import activate, api, new_phone
from tests.support.standin import DEMO_PASSWORD, ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (375, 1280)
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class Sweep:
    """Runs axe on each state it is shown, at every width, and keeps what it found."""

    def __init__(self) -> None:
        self.checked: list[str] = []
        self.found: list[str] = []

    def check(self, page: Page, state: str, ready: Locator) -> None:
        """axe on `state` once `ready` shows; a state that never shows is a finding too, and the sweep goes on."""
        try:
            expect(ready).to_be_visible()
        except AssertionError as missing:
            self.found.append(f"{state}: never shown ({page.url}): {str(missing).splitlines()[0]}")
            return
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            if not page.evaluate("() => typeof window.axe === 'object'"):
                page.add_script_tag(path=str(AXE))
            result = page.evaluate("(tags) => axe.run(document, {runOnly: tags})", WCAG_AA)
            self.checked.append(f"{state} @ {width}px ({page.url})")
            if not result["passes"]:
                self.found.append(f"{state} @ {width}px: axe found nothing to check ({page.url})")
            self.found += [f"{state} @ {width}px: {v['id']} ({v['impact']}) at {node['target']}: {v['help']}"
                           for v in result["violations"] for node in v["nodes"]]

    def assert_clean(self) -> None:
        assert not self.found, (f"{len(self.found)} findings (WCAG 2.1 AA violations, or states never shown):\n"
                                + "\n".join(self.found))


@pytest.fixture(scope="module")
def axe_file() -> Path:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make test` installs it (npm ci, from package-lock.json).", pytrace=False)
    return AXE


@pytest.fixture
def fresh(chromium, stand_in) -> Iterator[BrowserContext]:
    """A signed-out Dutch browser that may take axe in despite the portal's Content-Security-Policy."""
    context = new_context(chromium, base_url=stand_in.url, locale="nl-NL", timezone_id="Europe/Amsterdam",
                          bypass_csp=True)
    yield context
    context.close()


def test_signed_out_pages_have_no_wcag_aa_violations(axe_file, fresh, secretariat, stand_in):
    sweep = Sweep()
    page = fresh.new_page()
    # Given someone without a session, on each page they can reach
    page.goto("/")
    sweep.check(page, "inloggen", page.get_by_role("button", name="Inloggen", exact=True))
    page.get_by_role("button", name="Inloggen", exact=True).click()
    sweep.check(page, "inloggen, leeg verstuurd", page.get_by_role("alert").first)
    for path, state, heading in (("/wachtwoord-vergeten.html", "wachtwoord vergeten", "Wachtwoord vergeten"),
                                 ("/inloggegevens-vergeten.html", "inloggegevens vergeten", "Inloggegevens vergeten"),
                                 ("/wachtwoord-herstellen.html", "wachtwoord herstellen zonder geldige link",
                                  "Link werkt niet meer"),
                                 ("/activeren.html", "activeren zonder geldige link",
                                  "Uitnodigingslink werkt niet meer"),
                                 ("/bestaat-niet.html", "404", "Pagina niet gevonden")):
        page.goto(path)
        sweep.check(page, state, page.get_by_role("heading", name=heading))
    # And someone with a fresh invitation, at the first step of activating their account
    admin, headers = secretariat
    employer_id = next(e["employer_id"] for e in api(admin.get("/api/admin/employers"))["employers"]
                       if e["name"] == "Demo BV")
    api(admin.post("/api/admin/users", headers=headers,
                   data={"name": "Anna Toegankelijk", "email": "anna.axe@demo-bv.nl", "employer_id": employer_id}))
    page.goto(stand_in.last_invitation_link("anna.axe@demo-bv.nl"))
    sweep.check(page, "activeren, wachtwoord kiezen", page.get_by_role("heading", name="Account activeren"))

    # Then axe finds nothing at either width
    sweep.assert_clean()


def test_werkgever_pages_have_no_wcag_aa_violations(axe_file, fresh, stand_in):
    sweep = Sweep()
    page = fresh.new_page()
    # Given the demo werkgever signs in with a back-up code from the `make run` banner
    page.goto("/")
    page.get_by_label("Gebruikersnaam").fill("werkgever")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    sweep.check(page, "beveiligingscode", page.get_by_label("Beveiligingscode"))
    page.get_by_text("Inloggen mislukt").click()
    page.get_by_role("button", name="Gebruik back-up code").click()
    sweep.check(page, "beveiligingscode, back-up code", page.get_by_label("Back-up code"))
    page.get_by_label("Back-up code").fill(stand_in.demo_backup_codes("werkgever")[0])
    page.get_by_role("button", name="Inloggen met back-up code").click()

    # When they visit each page, in the states they will see
    sweep.check(page, "home met taken", page.locator('main a[href^="/verzuim.html?id="]').first)
    sweep.check(page, "home met re-integratieverslag", page.locator("#riv-text").filter(has_text=re.compile(r"\S")))
    for path, state, ready in (
            ("/ziek-melden.html", "ziek melden", page.locator("#sick-form")),
            ("/medewerker-toevoegen.html", "medewerker toevoegen", page.locator("#department-field")),
            ("/afdelingen.html", "afdelingen en teams", page.get_by_role("list", name="Teams van Magazijn")),
            ("/dossier-zoeken.html?q=Jansen", "dossier zoeken met resultaten", page.locator("#results-section")),
            ("/dossier-zoeken.html?q=Xyzzynaam", "dossier zoeken zonder resultaten",
             page.get_by_role("status").filter(has_text=re.compile(r"\S"))),
            ("/dossier.html?id=demo-1004", "dossier", page.locator("#absences-section")),
            ("/dossier.html?id=demo-1005", "dossier met verlof", page.locator("#leave-section article")),
            ("/rapportages.html", "rapportages met cijfers",
             page.get_by_role("heading", name=re.compile(r"^Verzuimcijfers "))),
            ("/instellingen.html", "instellingen", page.locator("#settings")),
            ("/beveiliging.html", "beveiliging", page.locator("#overview")),
            ("/hulp.html", "hulp", page.get_by_role("heading", name="Instructiekaart")),
    ):
        page.goto(path)
        sweep.check(page, state, ready)
    page.goto("/afdelingen.html")
    page.get_by_role("button", name="Naam wijzigen van Kantoor").click()
    sweep.check(page, "afdelingen en teams, naam wijzigen", page.get_by_label("Nieuwe naam voor Kantoor"))
    page.goto("/dossier.html?id=demo-1004")
    page.get_by_role("link", name="Verzuim bekijken").first.click()
    sweep.check(page, "verzuim met documenten en check", page.locator("#riv-items .riv-item").first)

    # Then axe finds nothing at either width
    sweep.assert_clean()


def test_leidinggevende_and_beheerder_pages_have_no_wcag_aa_violations(axe_file, fresh, secretariat, stand_in):
    sweep = Sweep()
    # (a colleague of Nachtploeg, invited: someone whose role she may set)
    admin, headers = secretariat
    employer_id = next(e["employer_id"] for e in api(admin.get("/api/admin/employers"))["employers"]
                       if e["name"] == "Demo BV")
    invited = api(admin.post("/api/admin/users", headers=headers, data={
        "name": "Nina Nachtploeg", "email": "nina.axe@demo-bv.nl", "employer_id": employer_id}))
    api(admin.put(f"/api/admin/users/{invited['user_id']}/role", headers=headers, data={
        "employer_id": employer_id, "role": "leidinggevende", "department_ids": ["demo-nachtploeg"]}))
    page = fresh.new_page()
    # Given the demo leidinggevende of Magazijn, also beheerder, signed in with a back-up code
    page.goto("/")
    page.get_by_label("Gebruikersnaam").fill("leidinggevende")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    page.get_by_text("Inloggen mislukt").click()
    page.get_by_role("button", name="Gebruik back-up code").click()
    page.get_by_label("Back-up code").fill(stand_in.demo_backup_codes("leidinggevende")[3])
    page.get_by_role("button", name="Inloggen met back-up code").click()

    # When she visits her part of Afdelingen and Collega's, and opens Rol instellen
    sweep.check(page, "home leidinggevende", page.get_by_role("heading", name=re.compile(r"^Welkom")))
    page.goto("/afdelingen.html")
    sweep.check(page, "afdelingen, leidinggevende", page.get_by_text("U bent leidinggevende"))
    page.goto("/collegas.html")
    sweep.check(page, "collega's", page.locator("#colleagues tr").first)
    page.get_by_role("button", name="Rol instellen van Nina Nachtploeg").click()
    sweep.check(page, "collega's, rol instellen", page.get_by_role("dialog", name="Rol instellen"))

    # Then axe finds nothing at either width
    sweep.assert_clean()


def test_secretariat_pages_have_no_wcag_aa_violations(axe_file, chromium, stand_in, secretariat_context):
    sweep = Sweep()
    # Given het secretariaat, signed in: the run's session, in a browser that may take axe in
    context = new_context(chromium, base_url=stand_in.url, locale="nl-NL", timezone_id="Europe/Amsterdam",
                          bypass_csp=True, storage_state=secretariat_context.storage_state())
    page = context.new_page()
    try:
        # When they open Beheer and home
        page.goto("/admin.html")
        sweep.check(page, "beheer", page.locator("#admin"))
        page.get_by_label("Werkgever", exact=True).select_option(label="Demo BV")
        page.get_by_role("row").filter(has_text="lotte@demo-bv.nl").get_by_role("button", name="Rol instellen").click()
        sweep.check(page, "beheer, rol instellen", page.get_by_role("dialog", name="Rol instellen"))
        page.keyboard.press("Escape")
        page.goto("/home.html")
        sweep.check(page, "home secretariaat", page.get_by_role("heading", level=1, name=re.compile(r"^Welkom, ")))
    finally:
        context.close()

    # Then axe finds nothing at either width
    sweep.assert_clean()


def test_passkey_and_trusted_browser_states_have_no_wcag_aa_violations(axe_file, fresh, secretariat, stand_in):
    sweep = Sweep()
    # Given a new user of Demo BV, signed in, on a laptop that keeps passkeys
    admin, headers = secretariat
    employer_id = next(e["employer_id"] for e in api(admin.get("/api/admin/employers"))["employers"]
                       if e["name"] == "Demo BV")
    email, phone = "petra.passkey@demo-bv.nl", new_phone()
    api(admin.post("/api/admin/users", headers=headers,
                   data={"name": "Petra Passkey", "email": email, "employer_id": employer_id}))
    page, account = activate(fresh.new_page(), stand_in, "Petra Passkey", email, phone)
    authenticator(page)

    # When they add a passkey, sign in with it trusting the browser, and look at Beveiliging
    add_passkey(page, "Laptop werk")
    sweep.check(page, "instellingen met passkey", page.get_by_role("list", name="Passkeys"))
    log_out(page)
    sweep.check(page, "inloggen met passkey", page.get_by_role("button", name="Inloggen met passkey"))
    enter_password(page, account.username)
    sweep.check(page, "tweede stap met passkey", page.get_by_role("button", name="Passkey gebruiken"))
    page.get_by_label("Deze browser 30 dagen vertrouwen").check()
    page.get_by_role("button", name="Passkey gebruiken").click()
    page.get_by_text("Welkom, Petra Passkey").wait_for()
    page.goto("/beveiliging.html")
    sweep.check(page, "beveiliging met vertrouwde browser", page.get_by_role("list", name="Vertrouwde browsers"))

    # Then axe finds nothing at either width
    sweep.assert_clean()
