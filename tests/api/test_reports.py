"""Rapportages: the four absence figures per period and per month, as JSON, an SVG chart and a CSV export.

The test clock stands at 2026-09-21 (Amsterdam). Dates are calendar days; an absence runs from its first sick day up
to, not including, its recovery date, so sick on 11 June and recovered on 21 June is 10 sick days (11–20 June).
"""
from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from itertools import count

import pytest

from chalicelib.services.reports import CSV_HEADER, csv_text

SVG = "{http://www.w3.org/2000/svg}"
_numbers = count(1)


def employee(browser, hours: int, start: str = "2020-01-01", last_name: str = "Vries") -> str:
    answer = browser.post("/api/employees", {
        "first_name": "Jan", "last_name": last_name, "personnel_number": f"R{next(_numbers)}",
        "date_of_birth": "1980-04-12", "start_date": start, "contract_hours": str(hours)})
    assert answer.status == 201, answer.body
    return answer.body["employee_id"]


def sick(browser, employee_id: str, first_day: str) -> str:
    answer = browser.post("/api/absences", {"employee_id": employee_id, "first_sick_day": first_day},
                          headers={"Idempotency-Key": f"rapport-{next(_numbers)}"})
    assert answer.status == 201, answer.body
    return answer.body["absence_id"]


def recover(browser, absence_id: str, on: str, percentage: int = 100) -> None:
    answer = browser.post(f"/api/absences/{absence_id}/recovery", {"date": on, "percentage": percentage})
    assert answer.status == 200, answer.body


def report(browser, query: str = "") -> dict:
    answer = browser.get(f"/api/reports{query}")
    assert answer.status == 200, answer.body
    return answer.body


@pytest.fixture
def june_case(werkgever_browser):
    """A full-timer (40 h) and a part-timer (20 h), both employed all June; the part-timer is sick 11–20 June."""
    employee(werkgever_browser, 40)
    part_timer = employee(werkgever_browser, 20)
    recover(werkgever_browser, sick(werkgever_browser, part_timer, "2026-06-11"), "2026-06-21")
    return werkgever_browser


def test_june_figures_match_the_hand_computation(june_case):
    # When the werkgever asks for June 2026 (30 days)
    body = report(june_case, "?van=2026-06&tot=2026-06")

    june = body["period"]
    assert (body["van"], body["tot"], june["first_day"], june["last_day"]) == ("2026-06", "2026-06", "2026-06-01",
                                                                                "2026-06-30")
    # verzuimpercentage: sick days × part-time factor = 10 × 20/40 = 5; employed days × factor = 30 × 1 + 30 × 0.5
    # = 45; 5 / 45 × 100 = 11.111… → 11.11 %
    assert june["verzuimpercentage"] == 11.11
    # meldingsfrequentie: 1 new report; average headcount = (30 + 30) / 30 = 2; per year × 365 / 30:
    # 1 / 2 × 365 / 30 = 6.083… → 6.08
    assert june["meldingsfrequentie"] == 6.08
    # gemiddelde verzuimduur: one case ended in June (last sick day 20 June), 10 days
    assert june["gemiddelde_verzuimduur"] == 10.0
    # nulverzuim: 2 employees employed all June, 1 of them without sick leave: 50 %
    assert june["nulverzuim"] == 50.0
    assert june["duration_classes"]["kort"] == 1
    # And the single month of the series says the same
    assert [(m["month"], m["label"], m["verzuimpercentage"]) for m in body["months"]] == [
        ("2026-06", "juni 2026", 11.11)]


def test_partial_recovery_counts_only_the_part_still_unfit(werkgever_browser):
    # Given a full-timer sick from 1 August, working again for 60 % from 11 August, still not fully recovered
    worker = employee(werkgever_browser, 40)
    recover(werkgever_browser, sick(werkgever_browser, worker, "2026-08-01"), "2026-08-11", percentage=60)

    # When the werkgever asks for August up to this month (today is 21 September)
    body = report(werkgever_browser, "?van=2026-08&tot=2026-09")

    august, september = body["months"]
    # August: 10 days fully unfit + 21 days 40 % unfit = 10 + 8.4 = 18.4 of 31 employed days = 59.35 %
    assert august["verzuimpercentage"] == 59.35
    # September counts up to today: 21 days 40 % unfit of 21 days = 40 %
    assert (september["last_day"], september["verzuimpercentage"]) == ("2026-09-21", 40.0)
    # The open case has not ended: no average duration yet ("geen cijfer", not 0)
    assert august["gemiddelde_verzuimduur"] is None and september["gemiddelde_verzuimduur"] is None
    # The whole period: (18.4 + 8.4) / (31 + 21) = 26.8 / 52 = 51.538… %
    assert body["period"]["verzuimpercentage"] == 51.54 and body["last_day"] == "2026-09-21"


def test_without_employees_there_is_no_figure_rather_than_zero(werkgever_browser):
    body = report(werkgever_browser, "?van=2026-07&tot=2026-09")

    for figures in [body["period"], *body["months"]]:
        assert [figures[name] for name in ("verzuimpercentage", "meldingsfrequentie", "gemiddelde_verzuimduur",
                                           "nulverzuim")] == [None, None, None, None]
    rows = csv_rows(werkgever_browser.get("/api/reports/export.csv?van=2026-07&tot=2026-09"))
    assert [row[1:] for row in rows[1:]] == [["", "", "", ""]] * 4
    svg = ET.fromstring(werkgever_browser.get("/api/reports/chart.svg?van=2026-07&tot=2026-09").body)
    assert svg.findall(f".//{SVG}rect[@class='staaf']") == []
    assert "juli 2026: geen cijfer" in svg.find(f"{SVG}desc").text


def test_another_employers_employees_and_absences_never_count(werkgever_browser, other_employer_browser):
    # Given our employer with one healthy full-timer, and another employer whose employee is sick all summer
    employee(werkgever_browser, 40)
    theirs = employee(other_employer_browser, 40)
    sick(other_employer_browser, theirs, "2026-06-01")

    ours = report(werkgever_browser, "?van=2026-06&tot=2026-08")["period"]
    other = report(other_employer_browser, "?van=2026-06&tot=2026-08")["period"]

    # Then our figures know nothing of their absence, and theirs know nothing of our employee
    assert (ours["verzuimpercentage"], ours["meldingsfrequentie"], ours["nulverzuim"]) == (0.0, 0.0, 100.0)
    assert (other["verzuimpercentage"], other["nulverzuim"]) == (100.0, 0.0)


def test_default_period_is_the_last_twelve_months_up_to_today(werkgever_browser):
    body = report(werkgever_browser)

    assert (body["van"], body["tot"], body["first_day"], body["last_day"]) == ("2025-10", "2026-09", "2025-10-01",
                                                                               "2026-09-21")
    assert [m["month"] for m in body["months"]][:3] == ["2025-10", "2025-11", "2025-12"]
    assert len(body["months"]) == 12


def test_months_after_the_current_month_are_left_out(werkgever_browser):
    body = report(werkgever_browser, "?van=2026-08&tot=2027-03")

    assert body["tot"] == "2026-09" and [m["month"] for m in body["months"]] == ["2026-08", "2026-09"]


def csv_rows(answer) -> list[list[str]]:
    assert answer.status == 200
    assert answer.body.startswith(b"\xef\xbb\xbf"), "Dutch Excel needs the UTF-8 BOM"
    return list(csv.reader(io.StringIO(answer.body.decode("utf-8-sig")), delimiter=";"))


def dutch(cell: str) -> float | None:
    return None if cell == "" else float(cell.replace(",", "."))


def test_csv_has_a_row_per_month_and_a_total_matching_the_json(june_case):
    body = report(june_case, "?van=2026-05&tot=2026-07")
    answer = june_case.get("/api/reports/export.csv?van=2026-05&tot=2026-07")

    assert answer.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert answer.headers["Content-Disposition"] == 'attachment; filename="verzuimcijfers-2026-05-tm-2026-07.csv"'
    rows = csv_rows(answer)
    assert tuple(rows[0]) == CSV_HEADER == ("Maand", "Verzuimpercentage", "Meldingsfrequentie",
                                            "Gemiddelde verzuimduur (dagen)", "Nulverzuim (%)")
    assert [row[0] for row in rows[1:]] == ["mei 2026", "juni 2026", "juli 2026", "Totaal mei 2026 t/m juli 2026"]
    assert rows[2][1:] == ["11,11", "6,08", "10,0", "50,0"]
    names = ("verzuimpercentage", "meldingsfrequentie", "gemiddelde_verzuimduur", "nulverzuim")
    for row, figures in zip(rows[1:], [*body["months"], body["period"]], strict=True):
        assert [dutch(cell) for cell in row[1:]] == [figures[name] for name in names]


def test_a_text_cell_that_looks_like_a_formula_is_defused():
    assert [csv_text(text) for text in ("=1+1", "+31", "-2", "@SUM(A1)", "juni 2026")] == [
        "'=1+1", "'+31", "'-2", "'@SUM(A1)", "juni 2026"]


def test_chart_is_well_formed_svg_with_one_bar_per_month(june_case):
    answer = june_case.get("/api/reports/chart.svg?van=2026-04&tot=2026-09")

    assert answer.status == 200 and answer.headers["Content-Type"].startswith("image/svg+xml")
    svg = ET.fromstring(answer.body)
    months = svg.findall(f".//{SVG}g[@class='maand']")
    assert [g.get("data-maand") for g in months] == ["2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09"]
    assert len(svg.findall(f".//{SVG}rect[@class='staaf']")) == 6
    assert svg.find(f"{SVG}title").text == "Verzuimpercentage per maand"
    june = next(g for g in months if g.get("data-maand") == "2026-06")
    assert june.find(f"{SVG}title").text == "juni 2026: 11,11%"
    assert "juni 2026: 11,11%" in svg.find(f"{SVG}desc").text
    # The same request gives the same bytes
    assert june_case.get("/api/reports/chart.svg?van=2026-04&tot=2026-09").body == answer.body


@pytest.mark.parametrize("path", ["/api/reports", "/api/reports/chart.svg", "/api/reports/export.csv"])
def test_secretariat_is_refused(secretariat_browser, path):
    answer = secretariat_browser.get(path)

    assert answer.status == 403 and answer.error == "forbidden"


@pytest.mark.parametrize("path", ["/api/reports", "/api/reports/chart.svg", "/api/reports/export.csv"])
def test_without_a_session_the_answer_is_401(browser, path):
    answer = browser.get(path)

    assert answer.status == 401 and answer.error == "not_authenticated"


@pytest.mark.parametrize("query, field, code, words", [
    ("?van=2026-13&tot=2026-09", "van", "month_impossible", "bestaat niet"),
    ("?van=januari&tot=2026-09", "van", "month_invalid", "jjjj-mm"),
    ("?van=2026-01&tot=2026-1", "tot", "month_invalid", "jjjj-mm"),
    ("?van=2026-09&tot=2026-06", "van", "period_reversed", "na de maand bij Tot"),
    ("?van=2023-01&tot=2026-09", "tot", "period_too_long", "hoogstens 36 maanden"),
    ("?van=2026-12", "van", "period_in_future", "in de toekomst"),
])
@pytest.mark.parametrize("path", ["/api/reports", "/api/reports/export.csv"])
def test_bad_periods_are_refused_in_dutch(werkgever_browser, path, query, field, code, words):
    answer = werkgever_browser.get(f"{path}{query}")

    assert answer.status == 422
    assert (answer.body["field"], answer.error) == (field, code)
    assert words in answer.body["message"]


def test_thirty_six_months_is_allowed(werkgever_browser):
    body = report(werkgever_browser, "?van=2023-10&tot=2026-09")

    assert len(body["months"]) == 36
