"""The month-by-month SVG bar chart: well-formed, readable without seeing it, Dutch, escaped and deterministic."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from chalicelib.domain.chart import MonthValue, bar_chart, dutch_number, month_name, narrow_bar_chart

SVG = "{http://www.w3.org/2000/svg}"
TITLE = "Verzuimpercentage per maand"


def months(*values: float | None, start: date = date(2025, 11, 1)) -> list[MonthValue]:
    out, year, month = [], start.year, start.month
    for value in values:
        out.append(MonthValue(date(year, month, 1), value))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def bars(root: ET.Element) -> list[ET.Element]:
    return root.findall(f".//{SVG}rect[@class='staaf']")


def test_one_group_per_month_and_a_bar_for_each_month_with_a_figure():
    root = parse(bar_chart(months(2.0, None, 4.0, 0.0), title=TITLE))

    groups = root.findall(f".//{SVG}g[@class='maand']")
    assert [g.get("data-maand") for g in groups] == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert len(bars(root)) == 3


def test_a_month_without_a_figure_shows_a_dash_and_says_geen_cijfer_not_zero():
    root = parse(bar_chart(months(None, 0.0), title=TITLE))

    empty, zero = root.findall(f".//{SVG}g[@class='maand']")
    assert empty.find(f"{SVG}rect") is None
    assert empty.find(f"{SVG}text[@class='geen-cijfer']").text == "–"
    assert empty.find(f"{SVG}title").text == "november 2025: geen cijfer"
    assert zero.find(f"{SVG}title").text == "december 2025: 0,0%"
    assert zero.find(f"{SVG}rect").get("height") == "0"


def test_bars_are_as_tall_as_their_figure():
    root = parse(bar_chart(months(2.0, 4.0, 1.0), title=TITLE))

    heights = [float(bar.get("height")) for bar in bars(root)]
    assert heights[0] * 2 == heights[1] and heights[2] * 4 == heights[1]


def test_the_axis_runs_from_zero_to_a_round_maximum_in_percent():
    root = parse(bar_chart(months(3.2, 1.5), title=TITLE))

    ticks = [t.text for t in root.findall(f"{SVG}g[@class='as']/{SVG}text")]
    assert ticks == ["0%", "1%", "2%", "3%", "4%"]


def test_axis_ticks_keep_the_decimals_they_need():
    root = parse(bar_chart(months(0.9), title=TITLE))

    ticks = [t.text for t in root.findall(f"{SVG}g[@class='as']/{SVG}text")]
    assert ticks == ["0%", "0,25%", "0,5%", "0,75%", "1%"]


def test_title_and_description_name_every_month_in_dutch():
    root = parse(bar_chart(months(3.25, None, 1.0), title=TITLE))

    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == TITLE
    description = root.find(f"{SVG}desc").text
    assert description == ("Staafdiagram per maand, van november 2025 tot en met januari 2026. "
                           "november 2025: 3,3%; december 2025: geen cijfer; januari 2026: 1,0%.")
    axis_labels = [t.text for g in root.findall(f".//{SVG}g[@class='maand']") for t in g.findall(f"{SVG}text")]
    assert "nov" in axis_labels and "dec" in axis_labels and "jan" in axis_labels
    assert "2025" in axis_labels and "2026" in axis_labels


def test_text_is_escaped():
    root = parse(bar_chart(months(1.0), title='Verzuim <script>alert("x")</script> & meer'))

    assert root.find(f"{SVG}title").text == 'Verzuim <script>alert("x")</script> & meer'
    assert not root.findall(f".//{SVG}script") and not root.findall(".//script")


def test_no_external_resources_and_the_same_bytes_every_time():
    values = months(*[float(n) for n in range(36)])

    svg = bar_chart(values, title=TITLE)

    assert svg == bar_chart(values, title=TITLE)
    assert "href" not in svg and "url(" not in svg and "<style" not in svg
    assert svg.count("http") == 1  # the SVG namespace only
    assert len(bars(parse(svg))) == 36


def test_no_months_is_still_a_valid_chart():
    root = parse(bar_chart([], title=TITLE))

    assert root.findall(f".//{SVG}g[@class='maand']") == []
    assert root.find(f"{SVG}desc").text == "Staafdiagram zonder maanden."


def test_dutch_numbers_round_half_up_with_a_decimal_comma():
    assert [dutch_number(2.25), dutch_number(0.125, 2), dutch_number(12), dutch_number(11.111, 2)] == [
        "2,3", "0,13", "12,0", "11,11"]
    assert month_name(date(2026, 3, 1)) == "maart 2026"


def test_the_narrow_chart_keeps_its_text_large_and_grows_with_the_months():
    # Given a year of figures, one month without a figure
    twelve = months(*([1.5] * 11), None)

    # When the chart is drawn for a phone
    root = parse(narrow_bar_chart(twelve, title=TITLE))

    # Then it is 340 wide with 14 px text, a labelled bar per month with a figure, and taller than three months
    assert root.get("width") == "340" and root.get("font-size") == "14"
    groups = root.findall(f".//{SVG}g[@class='maand']")
    assert len(groups) == 12 and len(bars(root)) == 11
    assert groups[0].find(f"{SVG}text").text == "nov 2025"
    assert groups[-1].find(f"{SVG}title").text == "oktober 2026: geen cijfer"
    assert int(root.get("height")) > int(parse(narrow_bar_chart(twelve[:3], title=TITLE)).get("height"))
