"""Collega's: the employer's own beheerder lists the users of their employer and sets their roles.

A beheerder never gives more than they have (domain/roles.within): a verzuimbeheerder-beheerder may give any role;
a leidinggevende-beheerder only the role of leidinggevende, of departments they see themselves, and only to
colleagues who have no more than that now. Unlocking accounts and resetting phone numbers stays with het
secretariaat (the FAQ), and nobody changes their own role here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Literal, TypedDict

from .. import store
from ..domain import accounts, roles
from ..domain.errors import Forbidden, NotFound
from ..domain.fields import Field
from . import admin, audit
from .deps import Deps
from .roles import RoleChange, RoleView, checked_departments, role_view, write
from .sessions import Principal, employer_ids_of


class Colleague(TypedDict):
    """A user of the beheerder's employer (or one given access to it), with their role there."""
    user_id: str
    name: str
    email: str
    status: Literal["invited", "active", "blocked", "deactivated"]
    role: RoleView
    manageable: bool
    """Whether this beheerder may set this colleague's role: not their own, and no more rights than theirs."""


class Colleagues(TypedDict):
    colleagues: list[Colleague]


@dataclass(frozen=True, kw_only=True)
class ColleagueRole:
    """Rol instellen for a colleague of the same employer."""
    role: Annotated[Literal["verzuimbeheerder", "leidinggevende"], Field(
        "de rol", example="leidinggevende",
        description="verzuimbeheerder of leidinggevende; nooit ruimer dan de eigen rol.")]
    department_ids: Annotated[list[str], Field(
        "de afdelingen", max_items=roles.MAX_DEPARTMENTS, max_length=64,
        description="De afdelingen en teams van een leidinggevende; alleen die u zelf ziet.")] = \
        field(default_factory=list)
    beheerder: Annotated[bool, Field("beheerder", description="Ook beheerder: stelt zelf rollen van collega's "
                                                              "in.")] = False


def _beheerder(principal: Principal) -> None:
    if not principal.beheerder:
        raise Forbidden("Alleen een beheerder van uw organisatie beheert de collega's. Neem contact op met het "
                        "secretariaat of een beheerder.", code="not_beheerder")


def _covered(principal: Principal) -> frozenset[str]:
    scope = principal.scope
    return frozenset() if scope.whole_employer else store.departments.covered_by(scope)


def list_colleagues(deps: Deps, principal: Principal) -> Colleagues:
    """Every user of the employer, by the secretariat's list (their own users, then those given access)."""
    _beheerder(principal)
    covered = _covered(principal)
    found: list[Colleague] = []
    for user in admin.list_users(deps, principal.employer_id):
        if "employer_role" not in user:
            continue
        view = role_view(principal.employer_id, _stored(user["employer_role"], user["beheerder"]),
                         frozenset(user["department_ids"]))
        scope = roles.scope_of(principal.employer_id, view["role"], view["department_ids"])
        found.append({"user_id": user["user_id"], "name": user["name"], "email": user["email"],
                      "status": user["status"], "role": view,
                      "manageable": user["user_id"] != principal.user_id
                      and roles.within(principal.scope, scope, covered)})
    return {"colleagues": found}


def _stored(role: str, beheerder: bool) -> str:
    return roles.stored_role(roles.EmployerRole(role), beheerder)


def set_role(deps: Deps, principal: Principal, user_id: str, request: ColleagueRole) -> Colleague:
    """A colleague's role at this employer, within the beheerder's own; their sessions end so it takes effect."""
    _beheerder(principal)
    if user_id == principal.user_id:
        raise Forbidden("Uw eigen rol wijzigt u niet zelf: vraag een andere beheerder of het secretariaat.",
                        code="own_role")
    user = store.users.get(user_id[:64])
    employer_id = principal.employer_id
    if user is None or user.role != accounts.Role.WERKGEVER.value or employer_id not in employer_ids_of(
            user.user_id, user.role, user.employer_id):
        raise NotFound("Deze collega bestaat niet.", code="user_unknown")
    current = (user.employer_role, user.department_ids) if employer_id == user.employer_id else \
        store.employer_access.role_at(user.user_id, employer_id)
    if current is None:
        raise NotFound("Deze collega bestaat niet.", code="user_unknown")
    covered = _covered(principal)
    if not roles.within(principal.scope, roles.scope_of(employer_id, *current), covered):
        raise Forbidden("Deze collega heeft meer rechten dan u. Vraag een verzuimbeheerder of het secretariaat.",
                        code="more_than_yours")
    change = RoleChange(role=roles.EmployerRole(request.role), department_ids=frozenset(request.department_ids),
                        beheerder=request.beheerder)
    departments = checked_departments(employer_id, change)
    if not roles.within(principal.scope, roles.scope_of(employer_id, change.role.value, departments), covered):
        raise Forbidden("U kunt niemand meer rechten geven dan u zelf heeft: kies afdelingen die u zelf ziet.",
                        code="more_than_yours")
    stored = roles.stored_role(change.role, change.beheerder)
    write(user, employer_id, stored, departments,
          audit.line(deps, principal, "role_set", "user", f"{user.user_id}#{stored}"))
    view = role_view(employer_id, stored, departments)
    return {"user_id": user.user_id, "name": user.name, "email": user.email,
            "status": admin.user_view(deps, user)["status"], "role": view, "manageable": True}
