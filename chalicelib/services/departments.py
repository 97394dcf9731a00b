"""Afdelingen and teams of the signed-in user's employer: list, add, rename."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated, TypedDict

from .. import store
from ..domain import departments
from ..domain.errors import Forbidden, InvalidInput, NotFound
from ..domain.fields import Field
from ..observability import logger
from ..store import records
from . import audit
from .deps import Deps
from .sessions import Principal

_NAME = Field("de naam", max_length=200, example="Magazijn", required="Vul de naam van de afdeling in.",
              description=f"Naam van de afdeling of het team: hoogstens {departments.NAME_MAX} tekens, uniek binnen "
                          "de afdeling erboven (hoofdletters en accenten tellen niet).")
_PARENT = Field("de afdeling", max_length=64, example="9b2f3c1e-…",
                description="De afdeling waaronder dit een team is; leeg voor een afdeling. Een team heeft geen "
                            "teams.")


@dataclass(frozen=True, kw_only=True)
class DepartmentForm:
    """Afdeling toevoegen (no `parent_id`) or Team toevoegen (`parent_id`: its afdeling)."""
    name: Annotated[str, _NAME]
    parent_id: Annotated[str | None, _PARENT] = None


@dataclass(frozen=True, kw_only=True)
class DepartmentRename:
    name: Annotated[str, _NAME]


class DepartmentView(TypedDict):
    """An afdeling (`parent_id` null) or a team; `full_name` is "Afdeling › Team" for a team."""
    department_id: str
    name: str
    parent_id: str | None
    full_name: str


class DepartmentList(TypedDict):
    """Afdelingen by name, each followed by its teams by name."""
    departments: list[DepartmentView]


def _nodes(employer_id: str) -> dict[str, departments.Node]:
    """Every department of the employer as the rules see it: one Query."""
    return {d.department_id: _node(d) for d in store.departments.list_for_employer(employer_id)}


def _node(department: records.Department) -> departments.Node:
    return departments.Node(department_id=department.department_id, name=department.name,
                            parent_id=department.parent_id)


def _view(node: departments.Node, nodes: dict[str, departments.Node]) -> DepartmentView:
    return {"department_id": node.department_id, "name": node.name, "parent_id": node.parent_id,
            "full_name": departments.full_name(node, nodes)}


def list_all(deps: Deps, principal: Principal) -> DepartmentList:
    """The tree; a leidinggevende's only what they see: their departments and the teams of their afdelingen (an
    afdeling above their team is named in the team's `full_name`)."""
    nodes = _nodes(principal.employer_id)
    scope = principal.scope
    shown = [n for n in departments.ordered(list(nodes.values()))
             if scope.covers_department(n.department_id, n.parent_id)]
    return {"departments": [_view(n, nodes) for n in shown]}


def of_employer(deps: Deps, employer_id: str) -> DepartmentList:
    """The whole tree of one employer, for het secretariaat (choosing a leidinggevende's departments)."""
    if store.employers.get(employer_id) is None:
        raise NotFound("Deze werkgever bestaat niet.", code="employer_unknown")
    nodes = _nodes(employer_id)
    return {"departments": [_view(n, nodes) for n in departments.ordered(list(nodes.values()))]}


def _managing(principal: Principal) -> None:
    """Only who sees the whole employer arranges its departments."""
    if not principal.scope.whole_employer:
        raise Forbidden("Alleen een verzuimbeheerder kan afdelingen en teams toevoegen of een naam wijzigen.",
                        code="not_verzuimbeheerder")


def add(deps: Deps, principal: Principal, form: DepartmentForm) -> DepartmentView:
    """A new afdeling, or a team under an afdeling of the same employer; 422 for a name its siblings have."""
    _managing(principal)
    name = departments.clean_name(form.name)
    nodes = _nodes(principal.employer_id)
    parent = None
    if form.parent_id:
        parent = nodes.get(form.parent_id[:64])
        if parent is None:
            raise InvalidInput("Deze afdeling bestaat niet (meer). Kies een afdeling uit de lijst.",
                               code="department_unknown", field="parent_id")
    departments.check_parent(parent)
    departments.check_room(len(nodes))
    department = records.Department(employer_id=principal.employer_id, department_id=str(uuid.uuid4()), name=name,
                                    parent_id=parent.department_id if parent else None, created_at=deps.now())
    if not store.departments.create(department, audit=audit.line(deps, principal, "department_added", "department",
                                                                 department.department_id)):
        raise _name_taken(name, parent)
    logger.info("department added", extra={"user_id": principal.user_id,
                                           "department_id": department.department_id})
    node = _node(department)
    return _view(node, {**nodes, node.department_id: node})


def rename(deps: Deps, principal: Principal, department_id: str, change: DepartmentRename) -> DepartmentView:
    _managing(principal)
    name = departments.clean_name(change.name)
    stored = {d.department_id: d for d in store.departments.list_for_employer(principal.employer_id)}
    current = stored.get(department_id[:64])
    if current is None:
        raise NotFound("Deze afdeling bestaat niet.", code="department_unknown")
    nodes = {i: _node(d) for i, d in stored.items()}
    if name != current.name and not store.departments.rename(
            current, name, audit=audit.line(deps, principal, "department_renamed", "department", department_id)):
        raise _name_taken(name, nodes.get(current.parent_id) if current.parent_id else None)
    node = departments.Node(department_id=current.department_id, name=name, parent_id=current.parent_id)
    return _view(node, {**nodes, node.department_id: node})


def _name_taken(name: str, parent: departments.Node | None) -> InvalidInput:
    where = f"afdeling {parent.name} heeft al een team" if parent else "er is al een afdeling"
    return InvalidInput(f"Deze naam is al in gebruik: {where} met de naam {name}. Kies een andere naam.",
                        code="department_name_taken", field="name")
