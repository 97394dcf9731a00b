"""A month-by-month bar chart as standalone SVG: Dutch labels, an accessible title and description, no external
resources, and the same bytes for the same input (no ids, clocks or randomness of its own)."""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from html import escape as _html_escape


def escape(text: str) -> str:
    """XML text: & < > escaped (html.escape; xml.sax.saxutils would cost 30 ms of cold start via urllib)."""
    return _html_escape(text, quote=False)


def quoteattr(text: str) -> str:
    """A quoted XML attribute value."""
    return f'"{_html_escape(text, quote=True)}"'


MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
MONTHS_SHORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
NO_FIGURE = "geen cijfer"

_WIDTH, _HEIGHT = 720, 320
_LEFT, _RIGHT, _TOP, _BOTTOM = 56, 16, 44, 52
_INK, _MUTED, _LINE, _BAR = "#1b1b1b", "#555555", "#d0d0d0", "#1f5c99"
_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
_VALUE_LABELS_UP_TO = 13  # more bars than this leave no room for a figure above each bar
_ALL_MONTH_LABELS_UP_TO = 24  # beyond this only the first month and each quarter's first month are named


def month_name(month: date) -> str:
    """"januari 2026"."""
    return f"{MONTHS[month.month - 1]} {month.year}"


def dutch_number(value: float | Decimal, decimals: int = 1) -> str:
    """A number with a decimal comma, rounded half up: 3.25 → "3,3" (1 decimal), 12 → "12,0"."""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    return f"{rounded:.{decimals}f}".replace(".", ",")


@dataclass(frozen=True)
class MonthValue:
    """One bar: the first day of its month and its figure (None: no figure that month)."""
    month: date
    value: float | None


def bar_chart(values: list[MonthValue], *, title: str, unit: str = "%", decimals: int = 1) -> str:
    """The SVG document of one bar per month, from 0 up to a round maximum; a month without a figure shows "–".

    The description (`<desc>`) reads out every month's figure, so the chart is complete without seeing it.
    """
    plot_width = _WIDTH - _LEFT - _RIGHT
    plot_height = _HEIGHT - _TOP - _BOTTOM
    top = _axis_top([v.value for v in values if v.value is not None])
    step = top / 4
    slot = plot_width / max(len(values), 1)
    bar_width = slot * 0.62
    baseline = _TOP + plot_height

    def figure(value: float | None) -> str:
        return NO_FIGURE if value is None else f"{dutch_number(value, decimals)}{unit}"

    description = _description(values, figure)
    parts = [
                (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {_HEIGHT}" width="{_WIDTH}" '
         f'height="{_HEIGHT}" role="img" aria-labelledby="titel beschrijving" font-family={quoteattr(_FONT)} '
         f'font-size="12" fill="{_INK}">'),
        f'<title id="titel">{escape(title)}</title>',
        f'<desc id="beschrijving">{escape(description)}</desc>',
        f'<rect x="0" y="0" width="{_WIDTH}" height="{_HEIGHT}" fill="#ffffff"/>',
        f'<text x="{_LEFT}" y="24" font-size="16" font-weight="bold">{escape(title)}</text>',
        '<g class="as">',
    ]
    for tick in range(5):
        y = baseline - plot_height * tick / 4
        parts.append(f'<line x1="{_LEFT}" y1="{_n(y)}" x2="{_WIDTH - _RIGHT}" y2="{_n(y)}" '
                     f'stroke="{_INK if tick == 0 else _LINE}" stroke-width="1"/>')
        parts.append(f'<text x="{_LEFT - 8}" y="{_n(y + 4)}" text-anchor="end" fill="{_MUTED}">'
                     f'{escape(_tick_label(step * tick, unit))}</text>')
    parts.append("</g>")
    for index, item in enumerate(values):
        centre = _LEFT + slot * index + slot / 2
        label = f"{month_name(item.month)}: {figure(item.value)}"
        parts.append(f'<g class="maand" data-maand="{item.month:%Y-%m}">')
        parts.append(f"<title>{escape(label)}</title>")
        if item.value is None:
            parts.append(f'<text class="geen-cijfer" x="{_n(centre)}" y="{_n(baseline - 6)}" text-anchor="middle" '
                         f'fill="{_MUTED}">–</text>')
        else:
            height = plot_height * item.value / top if top else 0
            parts.append(f'<rect class="staaf" x="{_n(centre - bar_width / 2)}" y="{_n(baseline - height)}" '
                         f'width="{_n(bar_width)}" height="{_n(height)}" fill="{_BAR}"/>')
            if len(values) <= _VALUE_LABELS_UP_TO:
                parts.append(f'<text x="{_n(centre)}" y="{_n(baseline - height - 5)}" text-anchor="middle">'
                             f'{escape(dutch_number(item.value, decimals))}</text>')
        if len(values) <= _ALL_MONTH_LABELS_UP_TO or index == 0 or item.month.month in (1, 4, 7, 10):
            parts.append(f'<text x="{_n(centre)}" y="{_n(baseline + 16)}" text-anchor="middle">'
                         f'{escape(MONTHS_SHORT[item.month.month - 1])}</text>')
        if index == 0 or item.month.month == 1:
            parts.append(f'<text x="{_n(centre)}" y="{_n(baseline + 32)}" text-anchor="middle" fill="{_MUTED}">'
                         f'{item.month.year}</text>')
        parts.append("</g>")
    if not values:
        parts.append(f'<text x="{_n(_LEFT + plot_width / 2)}" y="{_n(_TOP + plot_height / 2)}" '
                     f'text-anchor="middle" fill="{_MUTED}">Geen maanden gekozen</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


_NARROW_WIDTH, _NARROW_ROW, _NARROW_LABEL = 340, 26, 92
_NARROW_FONT = 14  # drawn at about 310 px wide on a phone, so rendered text stays above 12 CSS px


def narrow_bar_chart(values: list[MonthValue], *, title: str, unit: str = "%", decimals: int = 1) -> str:
    """The same figures for a phone: one horizontal bar per month ("jan 2026" on its left, the figure on its
    right), 340 wide and as tall as the months need, so text is not scaled down below ~12 CSS px."""
    top = _axis_top([v.value for v in values if v.value is not None])
    value_room = 64
    plot_left = _NARROW_LABEL
    plot_width = _NARROW_WIDTH - plot_left - value_room
    first_row = 44
    height = first_row + _NARROW_ROW * max(len(values), 1) + 12

    def figure(value: float | None) -> str:
        return NO_FIGURE if value is None else f"{dutch_number(value, decimals)}{unit}"

    parts = [
        (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_NARROW_WIDTH} {height}" width="{_NARROW_WIDTH}" '
         f'height="{height}" role="img" aria-labelledby="titel beschrijving" font-family={quoteattr(_FONT)} '
         f'font-size="{_NARROW_FONT}" fill="{_INK}">'),
        f'<title id="titel">{escape(title)}</title>',
        f'<desc id="beschrijving">{escape(_description(values, figure))}</desc>',
        f'<rect x="0" y="0" width="{_NARROW_WIDTH}" height="{height}" fill="#ffffff"/>',
        f'<text x="0" y="22" font-size="16" font-weight="bold">{escape(title)}</text>',
        (f'<line x1="{plot_left}" y1="{first_row - 6}" x2="{plot_left}" y2="{_n(height - 10)}" '
         f'stroke="{_INK}" stroke-width="1"/>'),
    ]
    for index, item in enumerate(values):
        y = first_row + _NARROW_ROW * index
        label = f"{month_name(item.month)}: {figure(item.value)}"
        parts.append(f'<g class="maand" data-maand="{item.month:%Y-%m}">')
        parts.append(f"<title>{escape(label)}</title>")
        parts.append(f'<text x="{plot_left - 8}" y="{y + 14}" text-anchor="end">'
                     f'{escape(MONTHS_SHORT[item.month.month - 1])} {item.month.year}</text>')
        if item.value is None:
            parts.append(f'<text class="geen-cijfer" x="{plot_left + 6}" y="{y + 14}" fill="{_MUTED}">–</text>')
        else:
            length = plot_width * item.value / top if top else 0
            parts.append(f'<rect class="staaf" x="{plot_left}" y="{y + 2}" width="{_n(length)}" height="16" '
                         f'fill="{_BAR}"/>')
            parts.append(f'<text x="{_n(plot_left + length + 6)}" y="{y + 14}">'
                         f'{escape(dutch_number(item.value, decimals))}{escape(unit)}</text>')
        parts.append("</g>")
    if not values:
        parts.append(f'<text x="{plot_left + 6}" y="{first_row + 14}" fill="{_MUTED}">Geen maanden gekozen</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _description(values: list[MonthValue], figure: Callable[[float | None], str]) -> str:
    if not values:
        return "Staafdiagram zonder maanden."
    first, last = values[0].month, values[-1].month
    months = "; ".join(f"{month_name(v.month)}: {figure(v.value)}" for v in values)
    return f"Staafdiagram per maand, van {month_name(first)} tot en met {month_name(last)}. {months}."


def _axis_top(figures: list[float]) -> float:
    """A round upper end for the axis (1, 2, 2.5 or 5 × a power of ten) at or above the largest figure."""
    largest = max(figures, default=0.0)
    if largest <= 0:
        return 4.0
    power = 10 ** math.floor(math.log10(largest / 4))
    return next(multiple * power * 4 for multiple in (1, 2, 2.5, 5, 10) if multiple * power * 4 >= largest)


def _tick_label(value: float, unit: str) -> str:
    """As few decimals as the value needs (ticks are multiples of 1, 2 or 2.5 × a power of ten)."""
    decimals = next((d for d in range(4) if abs(value * 10 ** d - round(value * 10 ** d)) < 1e-6), 4)
    return f"{dutch_number(value, decimals)}{unit}"


def _n(value: float) -> str:
    """A coordinate with one decimal and no "-0.0" or trailing ".0", the same on every run."""
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text
