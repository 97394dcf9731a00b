"""The portal's pages, written from one layout: `python -m infra.pages` (`make pages`) writes static_site/<page>.html
for every infra/pages/source/<page>.html; `python -m infra.pages --check` writes nothing and exits 1 naming each page
that differs from what it would write.

A source starts with its variables in a comment, then holds the content of the page's <main>, indented from column 0:

    <!--
    title: Inloggen                  the <title>, before " – Verzuimportaal"
    script: login                    the page's module, /js/login.js (the only script: the CSP allows no inline one)
    header: signed-out               header-signed-out.html (the site name) or header-signed-in.html (filled in by
                                     js/site-nav.js with the menu of the user's role and "Uitloggen")
    width: wide                      optional: the wide page and header (tables of the secretariat)
    -->
    <div class="panel">
    ...

layout.html holds what every page shares (head, skip link, the header's place, <main> and its page box); its
${names} are filled in here. A content line that is only `<!-- insert: poortwachter-steps -->` is replaced by the
Poortwachter steps explained (chalicelib/domain/task_guide.py), so the instructiekaart and the task cards say the
same. Standard library and our domain only: the site has no build step, the committed pages are the site.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chalicelib.domain.poortwachter import TaskDefinition

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "source"
SITE = HERE.parents[1] / "static_site"
CONTENT_INDENT = " " * 6  # <main> → <div class="page"> → the content
WIDTHS = {
    "normal": {"page_class": "page"},
    "wide": {"page_class": "page page--wide"},
}
REQUIRED = ("title", "script", "header")
OPTIONAL = {"width": "normal"}


class PageSourceError(ValueError):
    """A source the generator cannot turn into a page; the message names the file and what to change."""


@dataclass(frozen=True)
class Page:
    name: str  # the file name in static_site/
    variables: dict[str, str]
    content: str  # the <main> content, as in the source (not yet indented)


def read_source(path: Path) -> Page:
    """A page source: its variables comment, then its <main> content."""
    text = path.read_text(encoding="utf-8")
    head, separator, content = text.partition("-->\n")
    if not head.startswith("<!--\n") or not separator:
        raise PageSourceError(f"{path}: a page source starts with its variables in <!-- ... --> (see {__name__})")
    variables = dict(OPTIONAL)
    for line in head.removeprefix("<!--\n").splitlines():
        name, colon, value = line.partition(":")
        if not colon or name.strip() not in (*REQUIRED, *OPTIONAL):
            raise PageSourceError(f"{path}: {line!r} is not one of {', '.join((*REQUIRED, *OPTIONAL))}: <value>")
        variables[name.strip()] = value.strip()
    missing = [name for name in REQUIRED if not variables.get(name)]
    if missing:
        raise PageSourceError(f"{path}: no {', '.join(missing)} in its variables")
    if variables["width"] not in WIDTHS:
        raise PageSourceError(f"{path}: width is one of {', '.join(WIDTHS)}, not {variables['width']!r}")
    if not (HERE / f"header-{variables['header']}.html").is_file():
        raise PageSourceError(f"{path}: no header-{variables['header']}.html beside the layout")
    return Page(path.name, variables, content.rstrip("\n"))


def _template(name: str) -> Template:
    return Template((HERE / name).read_text(encoding="utf-8").rstrip("\n"))


def poortwachter_steps() -> str:
    """Each step of the timeline as a heading (its anchor is where a task card's link points) and what it means."""
    from chalicelib.domain import poortwachter

    return _steps(poortwachter.DEFINITIONS.values())


def wazo_steps() -> str:
    """The tasks of a zwangerschaps- en bevallingsverlof, as the timeline's steps."""
    from chalicelib.domain import wazo

    return _steps(wazo.DEFINITIONS.values())


def _steps(definitions: Iterable[TaskDefinition]) -> str:
    from chalicelib.domain import task_guide

    parts = []
    for definition in definitions:
        step = task_guide.guidance(definition.code)
        parts += [f'<h3 id="{task_guide.help_anchor(definition.code)}">{escape(definition.title)}</h3>',
                  f"<p>{escape(step.what)}</p>",
                  '<dl class="task__guide">',
                  *(f"  <dt>{term}</dt><dd>{escape(text)}</dd>" for term, text in (
                      ("Wie", step.who), ("Uiterste datum", step.deadline), ("In dit portaal", step.in_portal))),
                  "</dl>"]
    return "\n".join(parts)


INSERTS = {"<!-- insert: poortwachter-steps -->": poortwachter_steps, "<!-- insert: wazo-steps -->": wazo_steps}


def render(page: Page) -> str:
    """The page as static_site/ holds it."""
    values = {**page.variables, **WIDTHS[page.variables["width"]]}
    values["header"] = _template(f"header-{page.variables['header']}.html").substitute(values)
    lines = [inserted for line in page.content.split("\n")
             for inserted in (INSERTS[line.strip()]().split("\n") if line.strip() in INSERTS else [line])]
    values["content"] = "\n".join(CONTENT_INDENT + line if line else line for line in lines)
    return _template("layout.html").substitute(values) + "\n"


def rendered() -> dict[str, str]:
    """Every page's file name → its text, from infra/pages/source/."""
    return {page.name: render(page) for page in map(read_source, sorted(SOURCES.glob("*.html")))}


def differences(site: Path = SITE) -> list[str]:
    """What is not as the generator writes it: each page that differs or is missing, and each page of the site
    without a source."""
    pages = rendered()
    found = []
    for name, text in pages.items():
        path = site / name
        if not path.is_file():
            found.append(f"{name}: missing")
        elif path.read_text(encoding="utf-8") != text:
            found.append(f"{name}: differs from what infra/pages/source/{name} and the layout make")
    found += [f"{path.name}: no source in infra/pages/source/" for path in sorted(site.glob("*.html"))
              if path.name not in pages]
    return found


def write(site: Path = SITE) -> list[str]:
    """Writes each page whose text changed; returns their names."""
    written = []
    for name, text in rendered().items():
        path = site / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(name)
    return written
