"""Who am I: the signed-in user as every page shows them, their omgevingen, and switching between them.

Every page asks this, so it reads twice at most: the session (to authenticate), then the user and the
omgevingen the session lists in one BatchGetItem (store.users.with_employers).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal, TypedDict

from .. import store
from ..domain import accounts, roles
from ..domain.errors import NotFound
from ..domain.fields import Field
from ..store import records
from . import environments
from .deps import Deps
from .sessions import Principal


@dataclass(frozen=True)
class EnvironmentChoice:
    """The omgeving (employer) to work in from now on."""
    employer_id: Annotated[str, Field("de omgeving", required="Kies een omgeving.")]


class Contact(TypedDict):
    """How to reach the secretariat."""
    phone: str
    email: str


class EmployerRef(TypedDict):
    employer_id: str
    name: str


class Me(TypedDict):
    """The signed-in user, their active omgeving, the others they may switch to, and the secretariat's contact."""
    user_id: str
    name: str
    username: str
    role: str
    employer_role: Literal["verzuimbeheerder", "leidinggevende"] | None
    """The werkgever's role in the active omgeving (domain/roles.py): a leidinggevende sees only their
    departments and does not arrange them; null for het secretariaat."""
    beheerder: bool
    """The employer's own administrator in the active omgeving: sets colleagues' roles (Collega's)."""
    employer: EmployerRef | None
    environments: list[EmployerRef]
    has_employees: bool
    open_tasks: int
    backup_codes_left: int
    second_factor: Literal["sms", "totp"]
    passkeys: int
    """How many passkeys the user has (each also a second factor, offered first at login)."""
    contact: Contact


def me(deps: Deps, principal: Principal) -> Me:
    """The signed-in user, their employer and the secretariat's contact details."""
    user, employers = _user_and_employers(principal)
    if user is None:
        raise NotFound()
    # The open-task counts the user may see: the session's scope for the active omgeving; the others' roles are read
    # only for a user who has others (one Query) or who is leidinggevende anywhere.
    scoped = len(employers) > 1 or not principal.scope.whole_employer
    scopes = {**(environments.scopes_of(user) if scoped else {}), principal.employer_id: principal.scope}
    omgevingen = environments.listed(employers, principal.employer_id, scopes)
    active = next((e for e in omgevingen if e["active"]), None)
    active_employer = next((e for e in employers if e.employer_id == principal.employer_id), None)
    return {
        "user_id": user.user_id,
        "name": user.name,
        "username": user.username,
        "role": user.role,
        "employer_role": roles.employer_role(principal.employer_role).value
        if user.role == accounts.Role.WERKGEVER.value else None,
        "beheerder": principal.beheerder,
        "employer": {"employer_id": active["employer_id"], "name": active["name"]} if active else None,
        "environments": [{"employer_id": e["employer_id"], "name": e["name"]} for e in omgevingen],
        "has_employees": active_employer is not None and _has_employees(active_employer),
        "open_tasks": sum(e["open_tasks"] for e in omgevingen),
        "backup_codes_left": len(user.backup_codes),
        "second_factor": "totp" if user.totp_secret else "sms",
        "passkeys": len(user.passkey_credential_ids or ()),
        "contact": contact(deps),
    }


def _user_and_employers(principal: Principal) -> tuple[records.User | None, list[records.Employer]]:
    """One BatchGetItem when the session lists the omgevingen. A session from before sessions listed them looks
    them up; that path ends with the last such session (settings.session_absolute_seconds after the release)."""
    if principal.role != accounts.Role.WERKGEVER.value:
        return store.users.get(principal.user_id), []
    if principal.employer_ids is not None:
        return store.users.with_employers(principal.user_id, sorted(principal.employer_ids))
    user = store.users.get(principal.user_id)
    return user, store.employers.get_many(environments.employer_ids(user)) if user else []


def _has_employees(employer: records.Employer) -> bool:
    if employer.has_employees is None:  # an employer from before the flag was kept: asked once
        return store.employees.learn_has_employees(employer.employer_id)
    return employer.has_employees


def switch_environment(deps: Deps, principal: Principal, choice: EnvironmentChoice) -> Me:
    """Work in another of the user's omgevingen from now on, in this session; the user as now scoped."""
    return me(deps, environments.switch(deps, principal, choice.employer_id))


def contact(deps: Deps) -> Contact:
    return {"phone": deps.settings.secretariat_phone, "email": deps.settings.secretariat_email}
