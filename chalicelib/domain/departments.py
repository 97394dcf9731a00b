"""Departments (afdelingen) of an employer: a tree of at most two levels, afdeling and team.

An afdeling has no parent; a team has an afdeling as its parent and no teams of its own. Names are unique among
their siblings, regardless of case, accents and spacing ("Magazijn" and "magazijn " are one name).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import InvalidInput
from .names import fold

NAME_MAX = 60
MAX_PER_EMPLOYER = 500
"""Enough for 10,000 employees in teams of 20; keeps the one Query that lists them all small."""
_SPACES = re.compile(r"\s+")
_PRINTABLE = re.compile(r"[^\x00-\x1f\x7f]+")


@dataclass(frozen=True, kw_only=True)
class Node:
    """What the rules need to know of an existing department."""
    department_id: str
    name: str
    parent_id: str | None = None


def clean_name(raw: str | None) -> str:
    """The name as it is kept: trimmed, inner runs of spaces made one; refused when empty, too long or holding
    control characters."""
    name = _SPACES.sub(" ", raw or "").strip()
    if not name:
        raise InvalidInput("Vul de naam van de afdeling in, bijvoorbeeld Magazijn.", code="department_name_missing",
                           field="name")
    if len(name) > NAME_MAX:
        raise InvalidInput(f"Een afdelingsnaam is hoogstens {NAME_MAX} tekens. Kort de naam in.",
                           code="department_name_too_long", field="name")
    if not _PRINTABLE.fullmatch(name):
        raise InvalidInput("Gebruik in de naam alleen letters, cijfers, spaties en leestekens.",
                           code="department_name_invalid", field="name")
    return name


def name_key(name: str) -> str:
    """The key that makes a name unique among its siblings."""
    return " ".join(fold(name).split())


def afdeling_of(department_id: str, parent_id: str | None) -> str:
    """The afdeling a department is in: its parent for a team, itself for an afdeling (the scope's second key)."""
    return parent_id or department_id


def check_parent(parent: Node | None) -> None:
    """A new department goes at the top (afdeling) or under an afdeling (team); never under a team."""
    if parent is not None and parent.parent_id is not None:
        raise InvalidInput(f"Een team kan geen teams hebben. Kies een afdeling in plaats van team {parent.name}.",
                           code="department_too_deep", field="parent_id")


def check_room(existing: int) -> None:
    if existing >= MAX_PER_EMPLOYER:
        raise InvalidInput(f"Een werkgever heeft hoogstens {MAX_PER_EMPLOYER} afdelingen en teams. Voeg teams samen "
                           "of neem contact op met het secretariaat.", code="department_limit", field="name")


def ordered(nodes: list[Node]) -> list[Node]:
    """Afdelingen by name, each followed by its teams by name: the order of the list and of a picker."""
    by_parent: dict[str | None, list[Node]] = {}
    for node in nodes:
        by_parent.setdefault(node.parent_id, []).append(node)
    for children in by_parent.values():
        children.sort(key=lambda n: name_key(n.name))
    return [n for top in by_parent.get(None, []) for n in (top, *by_parent.get(top.department_id, []))]


def full_name(node: Node, nodes: dict[str, Node]) -> str:
    """"Productie › Team Ochtend" for a team, the name alone for an afdeling."""
    parent = nodes.get(node.parent_id) if node.parent_id else None
    return f"{parent.name} › {node.name}" if parent else node.name
