"""Dossier zoeken and the dossier page in Chromium, and bad input in the browser: markup in a name stays text,
an overlong name and a future first sick day are refused in Dutch, an unknown dossier says so."""
from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import Page, expect

from tests.support.dates import dutch_today
from tests.support.pages import add_employee, onboard, open_reports, report_sick

MARKUP = "<img src=x onerror=alert(1)>"


def task(within, title: str):
    """The task card with this title (other cards' explanations may name it too)."""
    return within.locator(".task").filter(has=within.page.locator(".task__title", has_text=title))


def search(page: Page, query: str):
    page.goto("/dossier-zoeken.html")
    page.get_by_label("Naam of personeelsnummer").fill(query)
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("status")).to_contain_text("gevonden")
    return page.locator("#results > li")


def test_dossier_found_without_accents_shows_the_absence_its_tasks_and_the_recovery(
        secretariat, new_page, stand_in):
    # Given an employee with an accented name, reported sick ten days ago (and this month's verzuimpercentage)
    page, account = onboard(secretariat, new_page, stand_in, "Paula")
    month, figure_before = open_reports(page)
    name = add_employee(page, "Zoë", "van der Ploeg-Ĳssel")
    report_sick(page, days_ago=10)
    first_day = dutch_today() - timedelta(days=10)

    # When the user searches for part of the name without accents and opens the dossier from the result
    result = search(page, "zoe ploeg").filter(has_text=name)
    expect(result).to_have_count(1)
    expect(result).to_contain_text("Ziek gemeld")
    result.get_by_role("link", name=name).click()

    # Then the dossier shows the employee's details with Dutch labels and dates
    expect(page).to_have_url(re.compile(r"/dossier\.html\?id=.+"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Dossier van {name}")
    details = page.locator("#employee")
    expect(details).to_contain_text("Geboortedatum12-04-1985")
    expect(details).to_contain_text("In dienst sinds01-01-2020")
    expect(details).to_contain_text("Contracturen32 uur per week")
    expect(details).to_contain_text("Telefoon werkNiet ingevuld")
    expect(page.locator("#employee-actions").get_by_role("link", name="Ziek melden")).to_have_count(0)

    # And the open absence with its status, its tasks (the late one marked) and a link to the absence page
    absence = page.locator("#absences article").first
    expect(absence.get_by_role("heading", level=3)).to_have_text(f"Ziek sinds {first_day:%d-%m-%Y}")
    expect(absence.locator("dl.facts")).to_contain_text("StatusZiek")
    arbodienst = task(absence, "Ziekmelding aan de arbodienst")
    expect(arbodienst).to_contain_text(f"Uiterlijk {first_day + timedelta(days=6):%d-%m-%Y}")
    expect(arbodienst).to_contain_text("Te laat")
    expect(task(absence, "Probleemanalyse")).not_to_contain_text("Te laat")
    expect(page.locator("#timeline")).to_contain_text(f"{first_day:%d-%m-%Y}: Ziek gemeld")

    # When they finish the report to the arbodienst in the dossier, today, with a note
    arbodienst.get_by_role("button", name="Afronden").click()
    arbodienst.get_by_label(re.compile("^Notitie")).fill("Via het portaal van de arbodienst")
    arbodienst.get_by_role("button", name="Afronden bevestigen").click()

    # Then it is listed as done by them today with the note, and can still be reopened; the timeline says so
    expect(page.get_by_role("status")).to_contain_text(
        f'De taak "Ziekmelding aan de arbodienst" is afgerond op {dutch_today():%d-%m-%Y}.')
    done = task(page.locator("#absences"), "Ziekmelding aan de arbodienst")
    expect(done).to_contain_text(f"Afgerond door {account.name} op {dutch_today():%d-%m-%Y}")
    expect(done).to_contain_text("Notitie: Via het portaal van de arbodienst")
    expect(done).not_to_contain_text("Te laat")
    expect(done.get_by_role("button", name="Afronden")).to_have_count(0)
    expect(done.get_by_role("button", name="Heropenen")).to_be_visible()
    expect(page.locator("#timeline li").first).to_have_text(
        f"{dutch_today():%d-%m-%Y}: Taak afgerond: Ziekmelding aan de arbodienst")

    # When they report full recovery on the absence page
    dossier_url = page.url
    page.get_by_role("link", name="Verzuim bekijken").click()
    expect(page.get_by_role("heading", name=f"Verzuim van {name}")).to_be_visible()
    page.get_by_role("button", name="Herstel melden").click()
    expect(page.get_by_role("status")).to_contain_text("Herstel gemeld")

    # Then the dossier lists the absence as recovered today and offers "Ziek melden" instead of the absence link
    page.goto(dossier_url)
    absence = page.locator("#absences article").first
    expect(absence.locator("dl.facts")).to_contain_text(f"StatusHersteld op {dutch_today():%d-%m-%Y}")
    expect(absence.get_by_role("heading", level=3)).to_have_text(
        f"Verzuim van {first_day:%d-%m-%Y} tot {dutch_today():%d-%m-%Y}")
    expect(page.get_by_role("link", name="Verzuim bekijken")).to_have_count(0)
    expect(page.locator("#employee-actions").get_by_role("link", name="Ziek melden")).to_be_visible()
    expect(page.locator("#timeline")).to_contain_text(f"{dutch_today():%d-%m-%Y}: Hersteld gemeld")
    expect(task(absence, "Probleemanalyse")).to_contain_text("Vervallen na herstel")

    # And "Ziek melden" from the dossier opens the form for this employee
    page.locator("#employee-actions").get_by_role("link", name="Ziek melden").click()
    expect(page.get_by_label("Medewerker").locator("option:checked")).to_contain_text(name)

    # And Rapportages shows this month's verzuimpercentage changed by her ten days of absence
    again, figure_after = open_reports(page)
    assert again == month and figure_after != figure_before, (figure_before, figure_after)


def test_bad_input_in_the_browser_is_shown_as_text_or_refused_in_dutch(
        secretariat, new_page, stand_in):
    # Given a werkgever user whose page records every dialog a script might open
    page, _ = onboard(secretariat, new_page, stand_in, "Bram")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    # When they add an employee whose last name is HTML markup
    name = add_employee(page, "Ingmar", MARKUP)

    # Then search results show the name literally, as text
    result = search(page, "ingmar onerror").filter(has_text=name)
    expect(result).to_have_count(1)
    expect(result.get_by_role("link", name=name)).to_have_text(name)
    expect(page.locator("#results img")).to_have_count(0)

    # And so does the dossier, in its heading, its details and the page title
    result.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Dossier van {name}")
    expect(page.locator("#employee")).to_contain_text(f"Naam{name}")
    expect(page).to_have_title(f"Dossier van {name} – Verzuimportaal")
    expect(page.locator("main img")).to_have_count(0)
    page.wait_for_load_state("networkidle")
    assert dialogs == []

    # When they report the employee sick from tomorrow, through "Ziek melden" in the dossier
    page.locator("#employee-actions").get_by_role("link", name="Ziek melden").click()
    expect(page.get_by_label("Medewerker").locator("option:checked")).to_have_text(re.compile(re.escape(name)))
    page.get_by_label("Eerste ziektedag").fill((dutch_today() + timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Ziek melden").click()

    # Then a Dutch message next to the field says a first sick day cannot be after today, naming today
    expect(page.locator("#first-sick-day-field-error")).to_have_text(
        f"De eerste ziektedag kan niet na vandaag liggen ({dutch_today():%d-%m-%Y}). Vul vandaag of een eerdere "
        "dag in.")
    expect(page.get_by_role("alert").filter(has_text="Er is een probleem")).to_be_focused()
    expect(page.get_by_role("heading", name="Ziekmelding opgeslagen")).to_be_hidden()

    # When they try to add an employee with a 10,000-character last name
    page.goto("/medewerker-toevoegen.html")
    page.get_by_label("Voornaam (of voorletters)").fill("Lang")
    page.get_by_label("Achternaam").fill("x" * 10_000)
    page.get_by_label("Personeelsnummer").fill("LANG1")
    page.get_by_label("Geboortedatum").fill("1985-04-12")
    page.get_by_label("Datum in dienst").fill("2020-01-01")
    page.get_by_label("Contracturen per week").fill("32")
    page.get_by_label("Afdeling of team").select_option(label="Kantoor")
    page.get_by_role("button", name="Medewerker toevoegen").click()

    # Then it is refused with a Dutch message next to the field, whose link in the summary leads to it
    expect(page.locator("#last-name-field-error")).to_have_text(
        "Achternaam mag hoogstens 100 tekens lang zijn. Maak de tekst korter (nu 10000 tekens).")
    page.get_by_role("alert").get_by_role("link", name=re.compile("Achternaam mag hoogstens")).click()
    expect(page.get_by_label("Achternaam")).to_be_focused()
    expect(page.get_by_label("Achternaam")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("status")).to_have_text("")

    # When they open the dossier of an employee that does not exist
    page.goto("/dossier.html?id=does-not-exist")

    # Then a Dutch message says so, with the way back to Dossier zoeken
    alert = page.get_by_role("alert").filter(has_text="Deze medewerker bestaat niet")
    expect(alert).to_be_visible()
    expect(page.locator("#employee-section")).to_be_hidden()
    alert.get_by_role("link", name="Naar Dossier zoeken").click()
    expect(page).to_have_url(re.compile(r"/dossier-zoeken\.html$"))
    assert dialogs == []


def test_details_are_changed_and_the_employment_ended_from_the_dossier(secretariat, new_page, stand_in):
    # Given an employee's dossier
    page, _ = onboard(secretariat, new_page, stand_in, "Erik")
    name = add_employee(page, "Wijnand", "Wijziger")
    result = search(page, "wijziger").filter(has_text=name)
    result.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Dossier van {name}")

    # When they change the contract hours and end the employment via "Gegevens wijzigen"
    page.get_by_role("link", name="Gegevens wijzigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Gegevens wijzigen: {name}")
    expect(page.get_by_label("Contracturen per week")).to_have_value("32")
    page.get_by_label("Contracturen per week").fill("24")
    page.get_by_label("Datum uit dienst (optioneel)").fill("2019-12-31")
    page.get_by_role("button", name="Wijzigingen opslaan").click()

    # Then an end before the start is refused next to its field, in Dutch
    expect(page.locator("#end-date-field-error")).to_have_text(
        "De datum uit dienst kan niet voor de datum in dienst (01-01-2020) liggen. Vul 01-01-2020 of een latere "
        "dag in.")
    expect(page.get_by_label("Datum uit dienst (optioneel)")).to_have_attribute("aria-invalid", "true")

    # When they give a proper last day
    last_day = dutch_today() - timedelta(days=1)
    page.get_by_label("Datum uit dienst (optioneel)").fill(last_day.isoformat())
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    expect(page.get_by_role("status")).to_contain_text(f"De gegevens van {name} zijn opgeslagen.")

    # Then the dossier shows the new hours and the end of employment, and no longer offers "Ziek melden"
    page.get_by_role("link", name="Terug naar het dossier").click()
    details = page.locator("#employee")
    expect(details).to_contain_text("Contracturen24 uur per week")
    expect(details).to_contain_text(f"Uit dienst per{last_day:%d-%m-%Y}")
    expect(page.locator("#employee-actions").get_by_role("link", name="Ziek melden")).to_have_count(0)


def test_hr_sees_who_opened_a_dossier(secretariat, new_page, stand_in):
    # Given HR of Demo BV, and the leidinggevende of Magazijn who has opened Kees's dossier
    from tests.support.standin import DEMO_PASSWORD

    lotte = new_page()
    lotte.goto("/")
    lotte.get_by_label("Gebruikersnaam").fill("leidinggevende")
    lotte.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    lotte.get_by_role("button", name="Inloggen", exact=True).click()
    lotte.get_by_text("Inloggen mislukt").click()
    lotte.get_by_role("button", name="Gebruik back-up code").click()
    lotte.get_by_label("Back-up code").fill(stand_in.demo_backup_codes("leidinggevende")[2])
    lotte.get_by_role("button", name="Inloggen met back-up code").click()
    lotte.wait_for_url(re.compile(r"/home\.html"))
    lotte.goto("/dossier.html?id=demo-1004")
    expect(lotte.get_by_role("heading", level=1)).to_have_text("Dossier van Kees Jansen-Bakker")
    expect(lotte.get_by_role("heading", name="Wie heeft dit dossier ingezien of gewijzigd?")).to_be_hidden()
    page, account = onboard(secretariat, new_page, stand_in, "Inzage")

    # When HR opens the same dossier
    page.goto("/dossier.html?id=demo-1004")

    # Then the dossier lists who looked at it, Lotte and HR themselves, with a CSV to download
    section = page.locator("#access-section")
    expect(section.get_by_role("heading", name="Wie heeft dit dossier ingezien of gewijzigd?")).to_be_visible()
    rows = section.locator("#access-entries tr")
    expect(rows.first).to_contain_text(account.name)
    expect(rows.filter(has_text="Lotte Leidinggevende").filter(has_text="Dossier bekeken")).not_to_have_count(0)
    expect(section.get_by_role("link", name="Download CSV")).to_have_attribute("href", re.compile(r"access-log\.csv"))
