"""Documents in Chromium: the home page names a case that misses its probleemanalyse, a renamed executable is
refused by its bytes, a PDF goes from the browser to the local S3 and into the dossier, and Downloaden gives it back
under its own name; the RIV-check and home follow."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.support.documents import EXECUTABLE, PDF
from tests.support.pages import add_employee, onboard, report_sick


def test_a_pdf_is_added_checked_and_downloaded_and_a_renamed_executable_is_refused(secretariat, new_page, stand_in):
    # Given an employee reported sick 50 days ago: the probleemanalyse (week 6) is missing
    page, _ = onboard(secretariat, new_page, stand_in, "Doris")
    name = add_employee(page, "Dirk", "Dossiermans")
    report_sick(page, days_ago=50, confirm_date=True)

    # Then home names the case under Re-integratieverslag, and leads to its check
    page.goto("/home.html")
    riv = page.locator("#riv")
    expect(riv).to_contain_text("ontbreekt een document dat UWV bij de WIA-aanvraag zoekt")
    riv.get_by_role("link", name=name).click()
    expect(page).to_have_url(re.compile(r"/verzuim\.html\?id=.+#riv-section$"))
    check = page.locator("#riv-items .riv-item").filter(has=page.get_by_text("Probleemanalyse ontvangen en besproken"))
    expect(check).to_contain_text("Ontbreekt")

    # When she adds an executable renamed to a PDF as the probleemanalyse
    documents = page.locator("#documents-section")
    documents.get_by_label("Soort document").select_option(label="Probleemanalyse")
    documents.get_by_label("Bestand").set_input_files(
        {"name": "probleemanalyse.pdf", "mimeType": "application/pdf", "buffer": EXECUTABLE})
    documents.get_by_role("button", name="Document toevoegen").click()

    # Then the check refuses it by its bytes and says so in Dutch; nothing can be downloaded
    expect(page.get_by_role("status")).to_contain_text("Het bestand is geweigerd", timeout=15_000)
    expect(page.get_by_role("status")).to_contain_text("niet wat het zegt te zijn")
    expect(documents.locator("#documents-rows")).to_contain_text("Geweigerd")
    expect(documents.get_by_role("button", name=re.compile("^Downloaden"))).to_have_count(0)

    # When she adds the real PDF
    documents.get_by_label("Soort document").select_option(label="Probleemanalyse")
    documents.get_by_label("Bestand").set_input_files(
        {"name": "PA Dirk.pdf", "mimeType": "application/pdf", "buffer": PDF})
    documents.get_by_role("button", name="Document toevoegen").click()

    # Then it is in the list, and the check finds it (dated today: late, but there)
    expect(page.get_by_role("status")).to_contain_text('Probleemanalyse "PA Dirk.pdf" is toegevoegd (versie 1)',
                                                        timeout=15_000)
    expect(documents.locator("#documents-rows tr").filter(has_text="PA Dirk.pdf")).to_contain_text("Beschikbaar")
    expect(check).to_contain_text("Te laat")

    # And Downloaden gives back the same bytes under the name it was added with
    with page.expect_download() as downloading:
        documents.get_by_role("button", name="Downloaden: PA Dirk.pdf, versie 1").click()
    download = downloading.value
    assert download.suggested_filename == "PA Dirk.pdf"
    with open(download.path(), "rb") as saved:
        assert saved.read() == PDF

    # And home no longer names the case: the plan van aanpak is not due until week 8
    page.goto("/home.html")
    expect(page.locator("#riv")).to_be_visible()
    expect(page.locator("#riv-cases")).not_to_contain_text(name)
