"""Afdelingen en teams in Chromium: a werkgever of Demo BV (Kantoor, Magazijn › Nachtploeg) adds an afdeling and a
team, renames the team, is told in Dutch when a name is taken, and puts an employee in the team through
"Medewerker toevoegen"; Medewerkers and the dossier name the department, and a move keeps the earlier one."""
from __future__ import annotations

import itertools
import re
import time
from datetime import timedelta

from playwright.sync_api import Page, expect

from tests.support.dates import dutch_today
from tests.support.pages import add_employee, onboard

_runs = itertools.count(1)


def tree_row(page: Page, name: str):
    """The line (name and "Naam wijzigen") of the afdeling or team with exactly this name on Afdelingen en teams."""
    exactly = re.compile(rf"^(Afdeling|Team) {re.escape(name)}$")
    return page.locator(".department__line").filter(has=page.locator(".department__name", has_text=exactly))


def test_afdeling_and_team_are_added_renamed_and_given_to_an_employee(secretariat, new_page, stand_in):
    # Given a werkgever of Demo BV, on Afdelingen en teams through Medewerkers
    page, _ = onboard(secretariat, new_page, stand_in, "Afdeling")
    afdeling = f"Werkplaats {int(time.time()) % 10**6}{next(_runs)}"
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Medewerkers").click()
    page.get_by_role("link", name="Afdelingen en teams").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Afdelingen en teams")

    # Then the seeded tree shows, each team in its afdeling's list
    teams = page.get_by_role("list", name="Teams van Magazijn")
    expect(teams.locator(".department__name", has_text="Nachtploeg")).to_be_visible()
    expect(tree_row(page, "Kantoor")).to_be_visible()

    # When they add an afdeling, then a team under it
    page.get_by_label("Naam", exact=True).fill(afdeling)
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("status")).to_have_text(f"Afdeling {afdeling} is toegevoegd.")
    expect(page.get_by_label("Naam", exact=True)).to_be_focused()
    page.get_by_label("Naam", exact=True).fill("Lakstraat")
    page.get_by_label("Wat voegt u toe?").select_option(label=f"Een team van {afdeling}")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("status")).to_have_text(f"Team {afdeling} › Lakstraat is toegevoegd.")
    teams = page.get_by_role("list", name=f"Teams van {afdeling}")
    expect(teams.locator(".department__name", has_text="Lakstraat")).to_be_visible()

    # When they add the same team again, differing only in capitals
    page.get_by_label("Naam", exact=True).fill("LAKSTRAAT")
    page.get_by_label("Wat voegt u toe?").select_option(label=f"Een team van {afdeling}")
    page.get_by_role("button", name="Toevoegen").click()

    # Then the name is refused next to its field, saying where the name is in use, and nothing is added
    expect(page.locator("#add-name-field-error")).to_have_text(
        f"Deze naam is al in gebruik: afdeling {afdeling} heeft al een team met de naam LAKSTRAAT. Kies een "
        "andere naam.")
    expect(page.get_by_label("Naam", exact=True)).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("list", name=f"Teams van {afdeling}").get_by_role("listitem")).to_have_count(1)

    # When they rename the team; Annuleren first leaves it as it was
    team = tree_row(page, "Lakstraat")
    team.get_by_role("button", name="Naam wijzigen van Lakstraat").click()
    expect(page.get_by_label(f"Nieuwe naam voor {afdeling} › Lakstraat")).to_be_focused()
    page.get_by_role("button", name="Annuleren").click()
    expect(team.get_by_role("button", name="Naam wijzigen van Lakstraat")).to_be_focused()
    team.get_by_role("button", name="Naam wijzigen van Lakstraat").click()
    page.get_by_label(f"Nieuwe naam voor {afdeling} › Lakstraat").fill("Spuiterij")
    page.get_by_role("button", name="Opslaan").click()

    # Then the tree shows the new name and the page says so
    expect(page.get_by_role("status")).to_have_text(f"De naam is gewijzigd in {afdeling} › Spuiterij.")
    expect(tree_row(page, "Spuiterij")).to_be_visible()
    expect(tree_row(page, "Lakstraat")).to_have_count(0)

    # When they add an employee in that team
    name = add_employee(page, "Teun", "Teamlid", department=f"{afdeling} › Spuiterij")

    # Then Medewerkers and the dossier name the team, the dossier with the day the employee joined it
    page.goto("/medewerkers.html")
    row = page.locator("#employees li").filter(has_text=name)
    expect(row).to_contain_text(f"Afdeling: {afdeling} › Spuiterij")
    row.get_by_role("link", name=name).click()
    details = page.locator("#employee")
    expect(details).to_contain_text(f"Afdeling{afdeling} › Spuiterij, sinds {dutch_today():%d-%m-%Y}")

    # When "Gegevens wijzigen" moves them to Kantoor
    page.get_by_role("link", name="Gegevens wijzigen").click()
    expect(page.get_by_label("Afdeling of team")).to_have_value(re.compile(r".+"))
    expect(page.get_by_label("Afdeling of team").locator("option:checked")).to_have_text(f"{afdeling} › Spuiterij")
    page.get_by_label("Afdeling of team").select_option(label="Kantoor")
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    expect(page.get_by_role("status")).to_contain_text(f"De gegevens van {name} zijn opgeslagen.")

    # Then the dossier shows Kantoor; a move on the day they joined corrects it, so there is no earlier step
    page.get_by_role("link", name="Terug naar het dossier").click()
    expect(details).to_contain_text(f"AfdelingKantoor, sinds {dutch_today():%d-%m-%Y}")
    expect(details).not_to_contain_text("Eerdere afdelingen")


def test_moving_an_employee_keeps_the_earlier_afdeling_in_the_dossier(secretariat, new_page, stand_in):
    # Given Sanne van den Berg of Demo BV, in Kantoor since she started on 01-01-2008
    page, _ = onboard(secretariat, new_page, stand_in, "Verhuizer")
    page.goto("/dossier.html?id=demo-1003")
    details = page.locator("#employee")
    expect(details).to_contain_text("AfdelingKantoor, sinds 01-01-2008")

    # When "Gegevens wijzigen" moves her to the team Nachtploeg of Magazijn
    page.get_by_role("link", name="Gegevens wijzigen").click()
    expect(page.get_by_text("De vorige afdeling blijft in het dossier staan.")).to_be_visible()
    page.get_by_label("Afdeling of team").select_option(label="Magazijn › Nachtploeg")
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De gegevens van Sanne van den Berg zijn opgeslagen.")

    # Then her dossier shows the team from today, and Kantoor until yesterday
    page.get_by_role("link", name="Terug naar het dossier").click()
    expect(details).to_contain_text(f"AfdelingMagazijn › Nachtploeg, sinds {dutch_today():%d-%m-%Y}")
    yesterday = dutch_today() - timedelta(days=1)
    expect(details).to_contain_text(f"Eerdere afdelingenKantoor, van 01-01-2008 tot en met {yesterday:%d-%m-%Y}")
