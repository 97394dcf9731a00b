"""Rapportages in Chromium: the figures of the period, the chart, the CSV download, and a ziekmelding showing up in
the current month's verzuimpercentage. The test onboards its own werkgever user of Demo BV."""
from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import expect

from tests.support.dates import dutch_today
from tests.support.pages import add_employee, onboard, open_reports

FIGURE = re.compile(r"^\d+,\d{2}%$")


def test_a_ziekmelding_raises_the_current_months_verzuimpercentage(secretariat, new_page, stand_in):
    # Given a werkgever user of Demo BV with a new employee, on Rapportages
    page, _ = onboard(secretariat, new_page, stand_in, "Rita")
    add_employee(page, "Rapport", "Ziekmans")
    sick_form = page.get_by_role("link", name="Ziek melden").get_attribute("href")
    month, before = open_reports(page)

    # Then the four figures are explained, the chart is shown and this month's figure is a percentage
    figures = page.locator("#figures tr")
    expect(figures).to_have_count(4)
    for name in ("Verzuimpercentage", "Meldingsfrequentie", "Gemiddelde verzuimduur", "Nulverzuim"):
        expect(figures.filter(has=page.get_by_role("rowheader", name=name))).to_have_count(1)
    assert FIGURE.match(before), before
    expect(page.get_by_role("img", name=re.compile("Staafdiagram van het verzuimpercentage"))).to_be_visible()
    page.wait_for_function("() => { const chart = document.getElementById('chart');"
                           " return chart.complete && chart.naturalWidth > 0; }")

    # When they report the employee sick two days ago and open Rapportages again
    page.goto(sick_form)
    page.get_by_label("Eerste ziektedag").fill((dutch_today() - timedelta(days=2)).isoformat())
    page.get_by_role("button", name="Ziek melden").click()
    expect(page.get_by_role("heading", name="Ziekmelding opgeslagen")).to_be_visible()
    again, after = open_reports(page)

    # Then this month's verzuimpercentage has gone up
    assert again == month and FIGURE.match(after), after
    assert float(after[:-1].replace(",", ".")) > float(before[:-1].replace(",", ".")), (before, after)

    # And "Download CSV" gives a file with this month's row holding the same figure
    label = page.locator(f'#months tr[data-month="{month}"] th').inner_text()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    download = download_info.value
    assert download.suggested_filename.startswith("verzuimcijfers-") and download.suggested_filename.endswith(".csv")
    raw = download.path().read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Dutch Excel needs the UTF-8 BOM"
    content = raw.decode("utf-8-sig")
    assert content.startswith("Maand;Verzuimpercentage;Meldingsfrequentie;")
    assert f"\r\n{label};{after[:-1]};" in content, content


def test_choosing_a_period_and_a_reversed_period(secretariat, new_page, stand_in):
    # Given a werkgever user on Rapportages (the last 12 months)
    page, _ = onboard(secretariat, new_page, stand_in, "Pieter")
    month, _ = open_reports(page)
    expect(page.locator("#months tr")).to_have_count(12)

    # When they choose only the current month and press "Toon"
    page.get_by_label("Van", exact=True).fill(month)
    page.get_by_label("Tot", exact=True).fill(month)
    page.get_by_role("button", name="Toon").click()

    # Then the table has one month and the address holds the period (a reload shows the same)
    expect(page.locator("#months tr")).to_have_count(1)
    expect(page).to_have_url(re.compile(rf"\?van={month}&tot={month}$"))

    # When "Van" lies after "Tot", the error is named in Dutch next to "Van"
    year, number = map(int, month.split("-"))
    earlier = f"{year - 1}-{number:02d}"
    page.get_by_label("Tot", exact=True).fill(earlier)
    page.get_by_role("button", name="Toon").click()
    expect(page.get_by_role("alert").filter(has_text="ligt na de maand bij Tot").first).to_be_visible()
    expect(page.get_by_label("Van", exact=True)).to_have_attribute("aria-invalid", "true")
    page.get_by_role("alert").get_by_role("link", name=re.compile("ligt na de maand bij Tot")).click()
    expect(page.get_by_label("Van", exact=True)).to_be_focused()


def test_rapportages_fits_a_wide_screen_and_a_phone_and_a_preset_fills_the_period(secretariat, new_page, stand_in):
    # Given a werkgever user on Rapportages on a 1280 px wide screen
    page, _ = onboard(secretariat, new_page, stand_in, "Passend")
    page.set_viewport_size({"width": 1280, "height": 900})
    open_reports(page)

    # Then every column header of the monthly table is within the screen
    headers = page.locator("#months-table thead th")
    expect(headers).to_have_count(5)
    for box in (headers.nth(n).bounding_box() for n in range(5)):
        assert box["x"] >= 0 and box["x"] + box["width"] <= 1280, box

    # When they choose "Vorig jaar"
    year = dutch_today().year - 1
    page.get_by_role("button", name="Vorig jaar").click()

    # Then the period fields hold last year and its twelve months are shown, the preset marked as chosen
    expect(page.get_by_label("Van", exact=True)).to_have_value(f"{year}-01")
    expect(page.get_by_label("Tot", exact=True)).to_have_value(f"{year}-12")
    expect(page.locator("#months tr")).to_have_count(12)
    expect(page.get_by_role("button", name="Vorig jaar")).to_have_attribute("aria-pressed", "true")

    # When the same page is seen on a phone
    page.set_viewport_size({"width": 375, "height": 800})

    # Then each month's values are stacked with their labels, all within the screen
    first = page.locator("#months tr").first
    for label in ("Verzuimpercentage", "Meldingsfrequentie (per jaar)", "Gemiddelde verzuimduur (dagen)",
                  "Nulverzuim"):
        cell = first.locator("td", has=page.get_by_text(label, exact=True))
        expect(cell).to_be_visible()
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, (label, box)

    # And the chart is drawn for a narrow screen, its 14 px text shown at 12 px or more
    page.wait_for_function("() => { const chart = document.getElementById('chart');"
                           " return chart.complete && chart.currentSrc.includes('weergave=smal'); }")
    scale = page.evaluate("() => { const chart = document.getElementById('chart');"
                          " return chart.getBoundingClientRect().width / chart.naturalWidth; }")
    assert 14 * scale >= 12, scale
