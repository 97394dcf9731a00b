"""A leidinggevende in Chromium: the demo login `leidinggevende` of Demo BV sees only Magazijn (and its team
Nachtploeg): its employees, its sick employees' tasks and its figures, and none of Kantoor's."""
from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import expect

from tests.support.dates import dutch_today
from tests.support.employees_api import add_employee_api, report_sick_api
from tests.support.pages import PASSWORD, activate, log_in, new_phone, onboard, show_every_task
from tests.support.standin import DEMO_PASSWORD


def test_a_leidinggevende_sees_only_their_departments(secretariat, new_page, stand_in):
    # Given a sick employee in Kantoor, reported by HR of Demo BV
    hr, _ = onboard(secretariat, new_page, stand_in, "Hrkantoor")
    kantoor = add_employee_api(hr, "Karin", "Kantoorziek")
    report_sick_api(hr, kantoor, (dutch_today() - timedelta(days=3)).isoformat())
    hr.close()

    # When Lotte, leidinggevende of Magazijn, signs in with a back-up code
    page = new_page()
    page.goto("/")
    page.get_by_label("Gebruikersnaam").fill("leidinggevende")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    page.get_by_text("Inloggen mislukt").click()
    page.get_by_role("button", name="Gebruik back-up code").click()
    page.get_by_label("Back-up code").fill(stand_in.demo_backup_codes("leidinggevende")[0])
    page.get_by_role("button", name="Inloggen met back-up code").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Welkom"))).to_be_visible()

    # Then home lists the tasks of Kees (Magazijn, sick since the demo began) and none of Karin's
    show_every_task(page)
    expect(page.locator("#cases").get_by_text("Kees Jansen-Bakker").first).to_be_visible()
    expect(page.locator("#cases").get_by_text("Karin Kantoorziek")).to_have_count(0)

    # And Medewerkers lists Magazijn's employees, not Kantoor's
    page.goto("/medewerkers.html")
    rows = page.locator("#employees li")
    expect(rows.filter(has_text="Jan de Vries")).to_have_count(1)
    expect(rows.filter(has_text="Afdeling: Magazijn")).not_to_have_count(0)
    expect(rows.filter(has_text="Fatima El Amrani")).to_have_count(0)
    expect(rows.filter(has_text="Karin Kantoorziek")).to_have_count(0)

    # And Kantoor's dossier does not exist for her
    page.goto("/dossier.html?id=demo-1002")
    expect(page.get_by_role("alert")).to_contain_text("Deze medewerker bestaat niet, of u heeft geen toegang")

    # And Afdelingen en teams shows her part of the tree, without the means to arrange it
    page.goto("/afdelingen.html")
    expect(page.get_by_text("U bent leidinggevende")).to_be_visible()
    expect(page.locator(".department__name", has_text="Magazijn")).to_be_visible()
    expect(page.locator(".department__name", has_text="Kantoor")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("^Naam wijzigen"))).to_have_count(0)
    expect(page.get_by_role("heading", name="Afdeling of team toevoegen")).to_be_hidden()

    # And Medewerker toevoegen offers only her departments
    page.goto("/medewerker-toevoegen.html")
    options = page.get_by_label("Afdeling of team").locator("option")
    expect(options).to_have_text(["Kies een afdeling of team", "Magazijn", "Magazijn › Nachtploeg"])


def test_the_secretariat_makes_a_user_leidinggevende_of_one_afdeling(secretariat, secretariat_desk, new_page,
                                                                     stand_in):
    # Given Lars of Demo BV, signed in and seeing Kantoor and Magazijn alike, and the secretariat on Beheer
    page, lars = onboard(secretariat, new_page, stand_in, "Lars")
    page.goto("/dossier.html?id=demo-1002")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dossier van Fatima El Amrani")
    desk = secretariat_desk
    desk.get_by_label("Werkgever", exact=True).select_option(label="Demo BV")
    row = desk.get_by_role("row").filter(has_text=lars.email)
    expect(row).to_contain_text("Verzuimbeheerder")

    # When the secretariat makes him leidinggevende, first without choosing an afdeling, then of Magazijn
    row.get_by_role("button", name="Rol instellen").click()
    dialog = desk.get_by_role("dialog", name="Rol instellen")
    dialog.get_by_label("Leidinggevende: ziet alleen de gekozen afdelingen en teams").check()
    dialog.get_by_role("button", name="Rol opslaan").click()
    expect(dialog.get_by_role("alert")).to_have_text("Kies minstens één afdeling of team voor een leidinggevende.")
    dialog.get_by_label("Magazijn", exact=True).check()
    dialog.get_by_role("button", name="Rol opslaan").click()

    # Then his row says so, and his session has ended
    expect(desk.get_by_role("status")).to_contain_text(f"{lars.name} is nu leidinggevende bij Demo BV")
    expect(row).to_contain_text("Leidinggevende van Magazijn")
    page.goto("/home.html")
    expect(page).to_have_url(re.compile(r"/(index\.html)?(\?.*)?$"))

    # And signed in again he finds Magazijn's dossiers and not Kantoor's
    log_in(page, stand_in, lars.username, PASSWORD, lars.phone)
    expect(page.get_by_text(f"Welkom, {lars.name}")).to_be_visible()
    page.goto("/dossier.html?id=demo-1002")
    expect(page.get_by_role("alert")).to_contain_text("Deze medewerker bestaat niet, of u heeft geen toegang")
    page.goto("/dossier.html?id=demo-1004")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dossier van Kees Jansen-Bakker")


def test_rapportages_per_afdeling(secretariat, new_page, stand_in):
    # Given HR of Demo BV on Rapportages
    page, _ = onboard(secretariat, new_page, stand_in, "Cijfers")
    page.goto("/rapportages.html")
    expect(page.get_by_role("heading", name=re.compile(r"^Verzuimcijfers "))).to_be_visible()

    # Then a table gives the figures per afdeling and team
    table = page.get_by_role("table", name="Verzuimcijfers per afdeling en team")
    for name in ("Kantoor", "Magazijn", "Magazijn › Nachtploeg"):
        expect(table.get_by_role("rowheader", name=name, exact=True)).to_be_visible()

    # When they choose the afdeling Magazijn
    page.get_by_label("Afdeling", exact=True).select_option(label="Magazijn")

    # Then the whole page is Magazijn's: its title, its table rows, its CSV
    expect(page.get_by_role("heading", name=re.compile(r"^Verzuimcijfers van Magazijn "))).to_be_visible()
    expect(table.get_by_role("rowheader")).to_have_text(["Magazijn", "Magazijn › Nachtploeg"])
    expect(page.get_by_role("link", name="Download CSV")).to_have_attribute("href", re.compile(r"afdeling="))
    expect(page).to_have_url(re.compile(r"afdeling="))


def test_a_beheerder_makes_a_colleague_leidinggevende_of_one_afdeling(secretariat, new_page, stand_in):
    # Given Bea, named beheerder of Demo BV by het secretariaat, and her colleague Kim, both signed in
    admin, headers = secretariat
    kim_page, kim = onboard(secretariat, new_page, stand_in, "Kim")
    bea_page, bea = onboard(secretariat, new_page, stand_in, "Bea")
    employer_id = next(e["employer_id"] for e in admin.get("/api/admin/employers").json()["employers"]
                       if e["name"] == "Demo BV")
    bea_id = next(u["user_id"] for u in admin.get(f"/api/admin/employers/{employer_id}/users").json()["users"]
                  if u["email"] == bea.email)
    assert admin.put(f"/api/admin/users/{bea_id}/role", headers=headers, data={
        "employer_id": employer_id, "role": "verzuimbeheerder", "beheerder": True}).ok
    log_in(bea_page, stand_in, bea.username, PASSWORD, bea.phone)

    # When Bea opens Collega's from the menu and makes Kim leidinggevende of Kantoor
    bea_page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Collega's").click()
    row = bea_page.get_by_role("row").filter(has_text=kim.email)
    expect(row).to_contain_text("Verzuimbeheerder")
    row.get_by_role("button", name=f"Rol instellen van {kim.name}").click()
    dialog = bea_page.get_by_role("dialog", name="Rol instellen")
    dialog.get_by_label("Leidinggevende: ziet alleen de gekozen afdelingen en teams").check()
    dialog.get_by_label("Kantoor", exact=True).check()
    dialog.get_by_role("button", name="Rol opslaan").click()

    # Then the list says so, and Kim, signed in again, sees Kantoor's employees and not Magazijn's
    expect(bea_page.get_by_role("status")).to_contain_text(f"{kim.name} is nu leidinggevende van kantoor")
    expect(row).to_contain_text("Leidinggevende van Kantoor")
    expect(bea_page.get_by_role("row").filter(has_text=bea.email)).to_contain_text("Niet door u te wijzigen")
    log_in(kim_page, stand_in, kim.username, PASSWORD, kim.phone)
    expect(kim_page.get_by_text(f"Welkom, {kim.name}")).to_be_visible()
    kim_page.goto("/medewerkers.html")
    rows = kim_page.locator("#employees li")
    expect(rows.filter(has_text="Fatima El Amrani")).to_have_count(1)
    expect(rows.filter(has_text="Jan de Vries")).to_have_count(0)
    kim_page.goto("/rapportages.html")
    table = kim_page.get_by_role("table", name="Verzuimcijfers per afdeling en team")
    expect(table.get_by_role("rowheader")).to_have_text(["Kantoor"])


def test_the_beheerder_invites_a_leidinggevende_who_sees_only_that_afdeling(secretariat, new_page, stand_in):
    # Given Bart, named verzuimbeheerder and beheerder of Demo BV, on Collega's
    admin, headers = secretariat
    page, bart = onboard(secretariat, new_page, stand_in, "Bart")
    employer_id = next(e["employer_id"] for e in admin.get("/api/admin/employers").json()["employers"]
                       if e["name"] == "Demo BV")
    bart_id = next(u["user_id"] for u in admin.get(f"/api/admin/employers/{employer_id}/users").json()["users"]
                   if u["email"] == bart.email)
    assert admin.put(f"/api/admin/users/{bart_id}/role", headers=headers, data={
        "employer_id": employer_id, "role": "verzuimbeheerder", "beheerder": True}).ok
    log_in(page, stand_in, bart.username, PASSWORD, bart.phone)
    expect(page.get_by_text(f"Welkom, {bart.name}")).to_be_visible()
    page.goto("/collegas.html")

    # When he invites Ivo as leidinggevende of Magazijn
    page.get_by_label("Naam").fill("Ivo Invité")
    page.get_by_label("E-mailadres").fill("ivo.e2e@demo-bv.nl")
    page.get_by_role("button", name="Rol kiezen en uitnodigen").click()
    dialog = page.get_by_role("dialog", name="Rol instellen")
    expect(dialog).to_contain_text("De rol van Ivo Invité (ivo.e2e@demo-bv.nl), die u nu uitnodigt.")
    dialog.get_by_label("Leidinggevende: ziet alleen de gekozen afdelingen en teams").check()
    dialog.get_by_label("Magazijn", exact=True).check()
    dialog.get_by_role("button", name="Rol opslaan").click()

    # Then Ivo is listed as invited leidinggevende of Magazijn
    expect(page.get_by_role("status")).to_contain_text("Ivo Invité is uitgenodigd als leidinggevende van magazijn")
    row = page.get_by_role("row").filter(has_text="ivo.e2e@demo-bv.nl")
    expect(row).to_contain_text("Uitgenodigd")
    expect(row).to_contain_text("Leidinggevende van Magazijn")

    # When Ivo accepts the invitation
    ivo_page, _ = activate(new_page(), stand_in, "Ivo Invité", "ivo.e2e@demo-bv.nl", new_phone())

    # Then he sees Magazijn's sick employees, tasks and figures, and none of Kantoor's
    show_every_task(ivo_page)
    expect(ivo_page.locator("#cases").get_by_text("Kees Jansen-Bakker").first).to_be_visible()
    ivo_page.goto("/medewerkers.html?filter=ziek")
    expect(ivo_page.locator("#employees li").filter(has_text="Kees Jansen-Bakker")).to_have_count(1)
    expect(ivo_page.locator("#employees li").filter(has_text="Afdeling: Kantoor")).to_have_count(0)
    ivo_page.goto("/rapportages.html")
    table = ivo_page.get_by_role("table", name="Verzuimcijfers per afdeling en team")
    expect(table.get_by_role("rowheader")).to_have_text(["Magazijn", "Magazijn › Nachtploeg"])

    # And when Bart deactivates him, he is signed out and the list says so
    page.reload()
    page.get_by_role("row").filter(has_text="ivo.e2e@demo-bv.nl").get_by_role(
        "button", name="Deactiveren van Ivo Invité").click()
    expect(page.get_by_role("status")).to_contain_text("Ivo Invité kan niet meer inloggen")
    expect(page.get_by_role("row").filter(has_text="ivo.e2e@demo-bv.nl")).to_contain_text("Gedeactiveerd")
