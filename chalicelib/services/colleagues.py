"""Collega's: the employer's own beheerder lists the users of their employer, invites colleagues, sets their roles,
deactivates and reactivates them.

A beheerder never gives more than they have (domain/roles.within): a verzuimbeheerder-beheerder may give any role;
a leidinggevende-beheerder only the role of leidinggevende, of departments they see themselves, and only to
colleagues who have no more than that now. Unlocking accounts and resetting phone numbers stays with het
secretariaat (the FAQ), and nobody changes their own role here.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Annotated, Literal, TypedDict

from .. import store
from ..domain import accounts, roles
from ..domain.errors import Conflict, Forbidden, NotFound, RateLimited
from ..domain.fields import Field
from ..domain.validation import clean_email, clean_text
from ..store import records
from . import admin, audit, invitations
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


_NAME = Field("de naam", max_length=1024)
_EMAIL = Field("het e-mailadres", max_length=1024, format="email")
INVITES_PER_DAY = 20
"""Invitations one beheerder may send a day: each is an email, and each a new account at the employer."""


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


@dataclass(frozen=True, kw_only=True)
class ColleagueInvitation(ColleagueRole):
    """Collega uitnodigen: the invitation link goes to the email address, valid 24 hours; the role is set at once."""
    name: Annotated[str, _NAME]
    email: Annotated[str, _EMAIL]


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
    user = _manageable(principal, user_id)
    stored, departments = _wanted(principal, request)
    write(user, principal.employer_id, stored, departments,
          audit.line(deps, principal, "role_set", "user", f"{user.user_id}#{stored}"))
    return _colleague(deps, user, principal.employer_id, stored, departments)


def invite(deps: Deps, principal: Principal, request: ColleagueInvitation) -> Colleague:
    """Collega uitnodigen: a new user of this employer with the chosen role (within the beheerder's own) from the
    start, and the invitation email; at most `INVITES_PER_DAY` a day per beheerder (an atomic counter)."""
    _beheerder(principal)
    stored, departments = _wanted(principal, request)
    name, email = clean_text(request.name, "name", "Naam"), clean_email(request.email)  # a typo costs no invitation
    if not store.rate_limits.claim(f"colleague-invite#{principal.user_id}", deps.now(), gap=0,
                                   per_window=INVITES_PER_DAY, window=86400):
        raise RateLimited(f"U heeft vandaag al {INVITES_PER_DAY} collega's uitgenodigd. Probeer het morgen "
                              "opnieuw, of vraag het secretariaat.", code="invites_exhausted")
    user = invitations.invite(deps, name=name, email=email, employer_id=principal.employer_id,
                              phone=None, employer_role=stored, department_ids=departments, by=principal)
    return _colleague(deps, user, principal.employer_id, stored, departments)


def deactivate(deps: Deps, principal: Principal, user_id: str) -> Colleague:
    """Deactiveren: the colleague can no longer sign in and is signed out everywhere; only one of this employer's
    own users (not one given access from another employer: that is the secretariat's)."""
    user = _manageable(principal, user_id, own_only=True)
    if user.status == accounts.Status.DEACTIVATED.value:
        raise Conflict("Dit account is al gedeactiveerd.", code="deactivated")
    store.users.set_status(user.user_id, accounts.Status.DEACTIVATED.value,
                           audit=audit.line(deps, principal, "account_deactivated", "user", user.user_id))
    store.sessions.delete_all_for_user(user.user_id)
    return _colleague(deps, dataclasses.replace(user, status=accounts.Status.DEACTIVATED.value),
                      principal.employer_id, user.employer_role, user.department_ids)


def reactivate(deps: Deps, principal: Principal, user_id: str) -> Colleague:
    """Heractiveren: the account as it was before (active, or invited if never activated)."""
    user = _manageable(principal, user_id, own_only=True)
    restored = accounts.Status.ACTIVE if user.password_hash else accounts.Status.INVITED
    if user.status != accounts.Status.DEACTIVATED.value or not store.users.set_status(
            user.user_id, restored.value, expected=accounts.Status.DEACTIVATED.value,
            audit=audit.line(deps, principal, "account_reactivated", "user", user.user_id)):
        raise Conflict("Alleen een gedeactiveerd account kan weer worden geactiveerd.", code="not_deactivated")
    return _colleague(deps, dataclasses.replace(user, status=restored.value), principal.employer_id,
                      user.employer_role, user.department_ids)


def _manageable(principal: Principal, user_id: str, *, own_only: bool = False) -> records.User:
    """The colleague, if this beheerder may manage them: of this employer, not themselves, no more rights."""
    _beheerder(principal)
    if user_id == principal.user_id:
        raise Forbidden("Uw eigen account en rol wijzigt u niet zelf: vraag een andere beheerder of het "
                        "secretariaat.", code="own_role")
    user = store.users.get(user_id[:64])
    employer_id = principal.employer_id
    if user is None or user.role != accounts.Role.WERKGEVER.value or employer_id not in employer_ids_of(
            user.user_id, user.role, user.employer_id):
        raise NotFound("Deze collega bestaat niet.", code="user_unknown")
    if own_only and user.employer_id != employer_id:
        raise Forbidden("Deze collega werkt voor een andere werkgever; het secretariaat beheert dit account.",
                        code="not_own_employer")
    current = (user.employer_role, user.department_ids) if employer_id == user.employer_id else \
        store.employer_access.role_at(user.user_id, employer_id)
    if current is None:
        raise NotFound("Deze collega bestaat niet.", code="user_unknown")
    if not roles.within(principal.scope, roles.scope_of(employer_id, *current), _covered(principal)):
        raise Forbidden("Deze collega heeft meer rechten dan u. Vraag een verzuimbeheerder of het secretariaat.",
                        code="more_than_yours")
    return user


def _wanted(principal: Principal, request: ColleagueRole) -> tuple[str, frozenset[str]]:
    """The role asked for as stored, checked: existing departments, and no more than the beheerder's own."""
    change = RoleChange(role=roles.EmployerRole(request.role), department_ids=frozenset(request.department_ids),
                        beheerder=request.beheerder)
    departments = checked_departments(principal.employer_id, change)
    if not roles.within(principal.scope, roles.scope_of(principal.employer_id, change.role.value, departments),
                        _covered(principal)):
        raise Forbidden("U kunt niemand meer rechten geven dan u zelf heeft: kies afdelingen die u zelf ziet.",
                        code="more_than_yours")
    return roles.stored_role(change.role, change.beheerder), departments


def _colleague(deps: Deps, user: records.User, employer_id: str, stored: str | None,
               departments: frozenset[str] | None) -> Colleague:
    return {"user_id": user.user_id, "name": user.name, "email": user.email,
            "status": admin.user_view(deps, user)["status"], "role": role_view(employer_id, stored, departments),
            "manageable": True}
