"""A werkgever user's role at one of their employers: verzuimbeheerder, or leidinggevende of some departments.

The role is kept where the access is: on the user for their own employer, on the access item for one granted
(domain/roles.py). A session copies the role at sign-in and at a switch of omgeving, so a change ends the user's
sessions: they sign in again, with what they may now see and no more.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Literal, TypedDict

from .. import store
from ..domain import accounts, roles
from ..domain.errors import InvalidInput, NotFound
from ..domain.fields import Field
from ..observability import logger
from ..store import records
from . import audit
from .deps import Deps
from .sessions import employer_ids_of

if TYPE_CHECKING:
    from ..store.audit import Line  # store's submodules load on first use


@dataclass(frozen=True, kw_only=True)
class RoleChange:
    """The role at one employer; a leidinggevende sees only the employees of `department_ids`."""
    role: roles.EmployerRole
    department_ids: frozenset[str] = frozenset()
    beheerder: bool = False


class RoleView(TypedDict):
    """A user's role at one of their employers; `department_ids` a leidinggevende's (empty for a verzuimbeheerder)."""
    employer_id: str
    role: Literal["verzuimbeheerder", "leidinggevende"]
    department_ids: list[str]
    beheerder: bool
    """The employer's own administrator: sets colleagues' roles (services/colleagues.py)."""


_BEHEERDER = Field("beheerder", description="Beheerder van de werkgever: stelt de rol van collega's in, nooit "
                                            "ruimer dan de eigen rol. Standaard niet.")


@dataclass(frozen=True, kw_only=True)
class RoleRequest:
    """Rol instellen: a werkgever user's role at one of their employers (their own, or one granted to them)."""
    employer_id: Annotated[str, Field("de werkgever", max_length=64)]
    role: Annotated[Literal["verzuimbeheerder", "leidinggevende"], Field(
        "de rol", example="leidinggevende",
        description="verzuimbeheerder: alle medewerkers, verzuim, taken en cijfers van de werkgever; "
                    "leidinggevende: alleen die van de gekozen afdelingen en teams.")]
    department_ids: Annotated[list[str], Field(
        "de afdelingen", max_items=roles.MAX_DEPARTMENTS, max_length=64,
        description="De afdelingen en teams van een leidinggevende (department_id uit de afdelingen van de "
                    "werkgever); een afdeling omvat haar teams. Leeg voor een verzuimbeheerder.")] = \
        field(default_factory=list)
    beheerder: Annotated[bool, _BEHEERDER] = False

    def change(self) -> RoleChange:
        return RoleChange(role=roles.EmployerRole(self.role), department_ids=frozenset(self.department_ids),
                          beheerder=self.beheerder)


def roles_of(user: records.User) -> list[RoleView]:
    """The user's role at each of their employers, their own first (one Query of the access items)."""
    if user.role != accounts.Role.WERKGEVER.value:
        return []
    granted = store.employer_access.roles_of(user.user_id)
    return [role_view(user.employer_id, user.employer_role, user.department_ids),
            *(role_view(employer_id, *role) for employer_id, role in sorted(granted.items()))]


def role_view(employer_id: str, role: str | None, departments: frozenset[str] | None) -> RoleView:
    shown = roles.employer_role(role)
    return {"employer_id": employer_id, "role": shown.value,
            "department_ids": sorted(departments or ()) if shown is roles.EmployerRole.LEIDINGGEVENDE else [],
            "beheerder": roles.is_beheerder(role)}


def set_role(deps: Deps, user_id: str, employer_id: str, change: RoleChange, actor: str = audit.CLI_ACTOR) -> None:
    """Give a werkgever user a role at one of their employers, and end their sessions so it takes effect."""
    user = store.users.get(user_id)
    if user is None or user.role != accounts.Role.WERKGEVER.value:
        raise NotFound("Deze gebruiker bestaat niet.", code="user_unknown")
    if employer_id not in employer_ids_of(user.user_id, user.role, user.employer_id):
        raise InvalidInput("Deze gebruiker werkt niet voor deze werkgever.", code="employer_unknown",
                           field="employer_id")
    departments = checked_departments(employer_id, change)
    stored = roles.stored_role(change.role, change.beheerder)
    write(user, employer_id, stored, departments,
          audit.secretariat_line(deps, actor, "role_set", "user", f"{user_id}#{employer_id}#{stored}"))


def write(user: records.User, employer_id: str, stored: str, departments: frozenset[str], line: Line) -> None:
    """The role where the user's access to the employer is kept, with its line; then their sessions end."""
    written = (store.users.set_role(user.user_id, employer_id, stored, departments, audit=line)
               if employer_id == user.employer_id else
               store.employer_access.set_role(user.user_id, employer_id, stored, departments, audit=line))
    if not written:
        raise NotFound("Deze gebruiker bestaat niet.", code="user_unknown")
    ended = store.sessions.delete_all_for_user(user.user_id)
    logger.info("role set", extra={"user_id": user.user_id, "employer_id": employer_id, "role": stored,
                                   "departments": len(departments), "sessions_ended": ended})


def checked_departments(employer_id: str, change: RoleChange) -> frozenset[str]:
    """A leidinggevende's departments, each one of the employer's (one Query); a verzuimbeheerder has none."""
    if change.role is roles.EmployerRole.VERZUIMBEHEERDER:
        return frozenset()
    wanted = frozenset(change.department_ids)
    if not wanted:
        raise InvalidInput("Kies minstens één afdeling of team voor een leidinggevende.", code="departments_missing",
                           field="department_ids")
    known = {d.department_id for d in store.departments.list_for_employer(employer_id)}
    if not wanted <= known:
        raise InvalidInput("Deze afdeling bestaat niet (meer). Kies een afdeling uit de lijst.",
                           code="department_unknown", field="department_ids")
    return wanted
