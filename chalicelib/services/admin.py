"""The secretariat's tools: employers, users and their status, finding a user and what needs attention, unlock,
phone reset, deactivation."""
from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass
from typing import Annotated, Literal, TypedDict

from .. import store
from ..domain import accounts, names, user_search
from ..domain.departments import afdeling_of
from ..domain.errors import Conflict, InvalidInput, NotFound
from ..domain.fields import Field
from ..domain.phones import normalise_mobile, phone_hint
from ..domain.times import iso_utc
from ..domain.validation import clean_text
from ..notify import templates
from ..observability import logger
from ..store import records
from . import audit, documents, guessing, invitations
from .deps import Deps
from .notices import notify, person, sms_number
from .roles import RoleView, role_view, roles_of


@dataclass(frozen=True)
class NewEmployerRequest:
    """A new employer, by name."""
    name: Annotated[str, Field("de naam van de werkgever", max_length=1024)]


@dataclass(frozen=True)
class InviteUserRequest:
    """A new werkgever user of an employer; the invitation link goes to the email address."""
    name: Annotated[str, Field("de naam", max_length=1024)]
    email: Annotated[str, Field("het e-mailadres", max_length=1024, format="email")]
    employer_id: Annotated[str, Field("de werkgever", max_length=64)]
    phone: Annotated[str | None, Field("het mobiele nummer", max_length=64, example="0612345678")] = None


@dataclass(frozen=True)
class PhoneResetRequest:
    """The new mobile number, confirmed by SMS code at the next login."""
    phone: Annotated[str, Field("het mobiele nummer", max_length=64, example="0612345678")]


class AdminEmployer(TypedDict):
    employer_id: str
    name: str


class AdminEmployerList(TypedDict):
    employers: list[AdminEmployer]


class AdminUser(TypedDict):
    """A user as the secretariat sees them: no password hash, no codes, only the last two digits of the phone."""
    user_id: str
    name: str
    username: str
    email: str
    role: Literal["werkgever", "secretariaat"]
    employer_id: str
    status: Literal["invited", "active", "blocked", "deactivated"]
    phone_hint: str | None
    phone_change_pending: bool
    invitation_expires_at: str | None
    """ISO 8601 UTC while invited, else null."""


class AdminListedUser(AdminUser, total=False):
    # total=False, not NotRequired[...]: under `from __future__ import annotations` Python 3.11 does not see a
    # NotRequired written as text, so the key would count as required (__required_keys__) in the schema.
    via_access: bool
    """Present (true) for a user of another employer who was given access to this one."""
    employer_role: Literal["verzuimbeheerder", "leidinggevende"]
    """A werkgever user's role at this employer."""
    department_ids: list[str]
    """A leidinggevende's departments at this employer (empty for a verzuimbeheerder)."""
    beheerder: bool
    """The employer's own administrator there (sets colleagues' roles)."""


class AdminUserList(TypedDict):
    users: list[AdminListedUser]


class AdminUserDetail(AdminUser):
    """One user, with the employers they were given access to besides their own, and their role at each."""
    access: list[AdminEmployer]
    roles: list[RoleView]


@dataclass(frozen=True)
class UserSearchQuery:
    q: Annotated[str | None, Field("de zoekterm", description="Een deel van de naam, de gebruikersnaam of het "
                                                              "e-mailadres (minstens 2 letters of cijfers).",
                                   example="jansen")] = None


State = Literal["active", "blocked", "invited", "invitation_expired", "phone_unconfirmed", "deactivated"]
STATE_TEXT: dict[str, str] = {
    "active": "Actief", "blocked": "Geblokkeerd", "invited": "Uitgenodigd",
    "invitation_expired": "Uitnodiging verlopen", "phone_unconfirmed": "Telefoonnummer niet bevestigd",
    "deactivated": "Gedeactiveerd",
}


class FoundUser(AdminUser):
    """A user found across every employer: `status` as elsewhere, `state` what needs doing, in Dutch in
    `state_text`, and the name of the user's own employer."""
    state: State
    state_text: str
    employer_name: str


class FoundUsers(TypedDict):
    users: list[FoundUser]
    more: bool
    """True when more users may match than the 50 shown: the query can be made more precise."""


class AttentionList(TypedDict):
    count: int
    """How many are shown (at most 50); `more` says there are others."""
    more: bool
    users: list[FoundUser]


class Attention(TypedDict):
    """The secretariat's home: blocked accounts, invitations expired (in the last 30 days) or expiring within
    4 hours and never used, and new mobile numbers not yet confirmed."""
    blocked: AttentionList
    invitations: AttentionList
    phones: AttentionList


def create_employer(deps: Deps, name: str, actor: str = audit.CLI_ACTOR) -> AdminEmployer:
    name = clean_text(name, "name", "Naam werkgever")
    employer = records.Employer(employer_id=str(uuid.uuid4()), name=name, created_at=deps.now(), has_employees=False)
    store.employers.create(employer, audit=audit.secretariat_line(deps, actor, "employer_created", "employer",
                                                                  employer.employer_id))
    logger.info("employer created", extra={"employer_id": employer.employer_id})
    return employer_view(employer)


def list_employers(deps: Deps) -> list[AdminEmployer]:
    return [employer_view(e) for e in store.employers.list_all()]


def employer_view(employer: records.Employer) -> AdminEmployer:
    return {"employer_id": employer.employer_id, "name": employer.name}


def list_users(deps: Deps, employer_id: str) -> list[AdminListedUser]:
    if employer_id != accounts.SECRETARIAT_SCOPE and store.employers.get(employer_id) is None:
        raise NotFound("Deze werkgever bestaat niet.", code="employer_unknown")
    own = [_listed(deps, u, u.employer_role, u.department_ids) for u in store.users.list_for_employer(employer_id)]
    granted = store.employer_access.roles_at(employer_id)
    others = [_listed(deps, u, *granted[u.user_id]) for u in store.users.get_many(list(granted))]
    for listed in others:
        listed["via_access"] = True
    return own + others


def _listed(deps: Deps, user: records.User, role: str | None, departments: frozenset[str] | None) -> AdminListedUser:
    """The user in an employer's list; a werkgever user with their role at that employer."""
    listed: AdminListedUser = {**user_view(deps, user)}
    if user.role == accounts.Role.WERKGEVER.value:
        view = role_view("", role, departments)
        listed["employer_role"] = view["role"]
        listed["department_ids"] = view["department_ids"]
        listed["beheerder"] = view["beheerder"]
    return listed


def get_user(deps: Deps, user_id: str) -> AdminUserDetail:
    """One user, with the employers they were given access to besides their own."""
    user = _user(user_id)
    user_roles = roles_of(user)
    granted = [r["employer_id"] for r in user_roles[1:]]
    access = store.employers.get_many(granted) if granted else []
    return {**user_view(deps, user), "roles": user_roles,
            "access": [employer_view(e) for e in sorted(access, key=lambda e: store.employers.name_key(e.name))]}


def user_view(deps: Deps, user: records.User) -> AdminUser:
    status = accounts.effective_status(user.status, user.failed_count, deps.settings.lockout_threshold)
    invited = status is accounts.Status.INVITED
    expires = user.invitation_expires_at if invited else None
    return {
        "user_id": user.user_id,
        "name": user.name,
        "username": user.username,
        "email": user.email,
        "role": accounts.Role(user.role).value,
        "employer_id": user.employer_id,
        "status": status.value,
        "phone_hint": phone_hint(user.phone_pending if invited else user.phone),
        "phone_change_pending": bool(user.phone_pending) and not invited,
        "invitation_expires_at": iso_utc(expires) if expires else None,
    }


_MAX_FOUND = 50
_MAX_KEY_PAGES = 5
_KEYS_PER_PAGE = 200
_EXPIRING_SOON = 4 * 3600
_EXPIRED_SHOWN = 30 * 24 * 3600


def search_users(deps: Deps, query: str) -> FoundUsers:
    """"Gebruiker zoeken" across every employer by name, username or email, in any case, with or without accents.

    Reads the search keys of the longest word, a page (`_KEYS_PER_PAGE` keys) at a time, until 50 users match or
    `_MAX_KEY_PAGES` pages are read, and the matching users with one BatchGetItem a page; the other words filter in
    code. Fewer than two letters or digits: a Dutch 422.
    """
    words = user_search.query_words(query or "")
    if not user_search.long_enough(words):
        raise InvalidInput("Typ minstens 2 letters of cijfers van de naam, de gebruikersnaam of het e-mailadres.",
                           code="query_too_short", field="q")
    found: dict[str, records.User] = {}
    start, prefix = None, max(words, key=len)
    for _ in range(_MAX_KEY_PAGES):
        candidates, start = store.user_search.candidates(prefix, limit=_KEYS_PER_PAGE, start=start)
        for user in store.users.get_many([c for c in candidates if c not in found]):
            if user_search.matches(user_search.search_keys(user.name, user.username, user.email), words):
                found[user.user_id] = user
        if start is None or len(found) >= _MAX_FOUND:
            break
    ranked = sorted(found.values(), key=lambda u: (names.fold(u.name), u.username))
    return {"users": _found(deps, ranked[:_MAX_FOUND]), "more": start is not None or len(ranked) > _MAX_FOUND}


def attention(deps: Deps) -> Attention:
    """What needs the secretariat: three Queries on the users table's sparse status indexes (at most 51 items
    each) and one BatchGetItem of the employers named."""
    now, limit = deps.now(), _MAX_FOUND + 1
    lists = {
        "blocked": store.user_search.blocked(deps.settings.lockout_threshold, limit),
        "invitations": store.user_search.invitations_expiring(now - _EXPIRED_SHOWN, now + _EXPIRING_SOON, limit),
        "phones": store.user_search.pending_phones(limit),
    }
    employers = _employer_names([u for users in lists.values() for u in users[:_MAX_FOUND]])
    answer = {kind: AttentionList(count=min(len(users), _MAX_FOUND), more=len(users) > _MAX_FOUND,
                                  users=[_found_user(deps, u, employers) for u in users[:_MAX_FOUND]])
              for kind, users in lists.items()}
    return Attention(blocked=answer["blocked"], invitations=answer["invitations"], phones=answer["phones"])


def rebuild_user_search(deps: Deps) -> int:
    """Write the "Gebruiker zoeken" keys of every user (users made before they were kept). The one Scan of the
    users table, for `manage.py rebuild-user-search` only; returns how many users it read."""
    count = store.user_search.rebuild_keys()
    logger.info("user search keys rebuilt", extra={"users": count})
    return count


def rebuild_employee_search(deps: Deps) -> int:
    """Write the search and name-order keys of every employee of every employer, in each of their partitions
    (employees made before the Medewerkers list kept its name order, or before leidinggevenden had their own), and
    give every employee in a department its afdeling and their absences and tasks that department (made before
    a scope could read them), and give an open case its RIV gap (made before the RIV-check). Queries per employer
    and writes per item that lacks something, for `manage.py rebuild-employee-search` only; returns how many
    employees it read."""
    count = 0
    for employer in store.employers.list_all():
        tree = {d.department_id: d for d in store.departments.list_for_employer(employer.employer_id)}
        for employee in store.employees.list_for_employer(employer.employer_id):
            department = tree.get(employee.department_id or "")
            afdeling = afdeling_of(department.department_id, department.parent_id) if department else None
            if afdeling != employee.afdeling_id:
                store.employees.update(employee, {"afdeling_id": afdeling}, deps.now())
                employee = dataclasses.replace(employee, afdeling_id=afdeling)
            store.absences.move(employee)
            store.leaves.move(employee)
            if employee.open_absence_id:  # a case opened before the RIV-check counts on the home page too
                documents.refresh_riv_gap(employer.employer_id, employee.employee_id)
        count += store.employees.rebuild_search_keys(employer.employer_id)
    logger.info("employee search keys rebuilt", extra={"employees": count})
    return count


def state_of(deps: Deps, user: records.User) -> State:
    status = accounts.effective_status(user.status, user.failed_count, deps.settings.lockout_threshold)
    if status is accounts.Status.INVITED:
        expires = user.invitation_expires_at
        return "invitation_expired" if expires is not None and expires <= deps.now() else "invited"
    if status is accounts.Status.ACTIVE and user.phone_pending:
        return "phone_unconfirmed"
    return status.value  # type: ignore[return-value]  # active, blocked or deactivated: each a State


def _found(deps: Deps, users: list[records.User]) -> list[FoundUser]:
    employers = _employer_names(users)
    return [_found_user(deps, u, employers) for u in users]


def _employer_names(users: list[records.User]) -> dict[str, str]:
    """The names of the users' own employers: one BatchGetItem."""
    ids = sorted({u.employer_id for u in users if u.employer_id != accounts.SECRETARIAT_SCOPE})
    return {e.employer_id: e.name for e in store.employers.get_many(ids)}


def _found_user(deps: Deps, user: records.User, employers: dict[str, str]) -> FoundUser:
    state = state_of(deps, user)
    employer = ("Secretariaat" if user.employer_id == accounts.SECRETARIAT_SCOPE
                else employers.get(user.employer_id, "(werkgever bestaat niet meer)"))
    return {**user_view(deps, user), "state": state, "state_text": STATE_TEXT[state], "employer_name": employer}


def invite(deps: Deps, request: InviteUserRequest, actor: str = audit.CLI_ACTOR) -> AdminUser:
    """Invite a werkgever user of an employer (invitations.invite); the new user as the secretariat sees them."""
    user = invitations.invite(deps, name=request.name, email=request.email, employer_id=request.employer_id,
                              phone=request.phone, actor=actor)
    return user_view(deps, user)


def resend_invitation(deps: Deps, user_id: str, actor: str = audit.CLI_ACTOR) -> AdminUser:
    """A fresh invitation link (invitations.resend); every older link stops working."""
    return user_view(deps, invitations.resend(deps, user_id, actor))


def unlock(deps: Deps, user_id: str, actor: str = audit.CLI_ACTOR) -> AdminUserDetail:
    user = _user(user_id)
    if user.status != accounts.Status.ACTIVE.value or not store.users.unlock(
            user_id, audit=audit.secretariat_line(deps, actor, "account_unlocked", "user", user_id)):
        raise Conflict("Alleen een actief account kan worden gedeblokkeerd.", code="not_active")
    guessing.forget(user.username)  # unknown browsers may try the password again too
    s = deps.settings
    _tell(deps, user, templates.account_unlocked(user.name, s.portal_url, s.secretariat_phone, s.secretariat_email))
    logger.info("account unlocked by secretariat", extra={"user_id": user_id})
    return get_user(deps, user_id)


def reset_phone(deps: Deps, user_id: str, raw_phone: str, actor: str = audit.CLI_ACTOR) -> AdminUserDetail:
    """Set a new number that the user confirms by SMS code at the next login."""
    phone = sms_number(deps, raw_phone)
    user = _user(user_id)
    if user.status == accounts.Status.DEACTIVATED.value or not store.users.set_phone_pending(
            user_id, phone, audit=audit.secretariat_line(deps, actor, "phone_reset", "user", user_id)):
        raise Conflict("Dit account is gedeactiveerd.", code="deactivated")
    if user.status == accounts.Status.ACTIVE.value:
        s = deps.settings
        _tell(deps, user, templates.phone_reset(user.name, phone, s.secretariat_phone, s.secretariat_email))
    logger.info("phone reset by secretariat", extra={"user_id": user_id})
    return get_user(deps, user_id)


def deactivate(deps: Deps, user_id: str, actor: str = audit.CLI_ACTOR) -> AdminUserDetail:
    user = _user(user_id)
    if user.status == accounts.Status.DEACTIVATED.value:
        raise Conflict("Dit account is al gedeactiveerd.", code="deactivated")
    store.users.set_status(user_id, accounts.Status.DEACTIVATED.value,
                           audit=audit.secretariat_line(deps, actor, "account_deactivated", "user", user_id))
    ended = store.sessions.delete_all_for_user(user_id)
    logger.info("account deactivated", extra={"user_id": user_id, "sessions_ended": ended})
    return get_user(deps, user_id)


def reactivate(deps: Deps, user_id: str, actor: str = audit.CLI_ACTOR) -> AdminUserDetail:
    """Undo a deactivation: the account is as it was (active, or invited if it never was activated; a block
    stays until unlocked), and the user is told by email. Sessions ended at deactivation stay ended."""
    user = _user(user_id)
    restored = accounts.Status.ACTIVE if user.password_hash else accounts.Status.INVITED
    if user.status != accounts.Status.DEACTIVATED.value or not store.users.set_status(
            user_id, restored.value, expected=accounts.Status.DEACTIVATED.value,
            audit=audit.secretariat_line(deps, actor, "account_reactivated", "user", user_id)):
        raise Conflict("Alleen een gedeactiveerd account kan weer worden geactiveerd.", code="not_deactivated")
    if restored is accounts.Status.ACTIVE:
        s = deps.settings
        _tell(deps, user, templates.account_reactivated(user.name, s.portal_url, s.secretariat_phone,
                                                        s.secretariat_email))
    logger.info("account reactivated by secretariat", extra={"user_id": user_id, "status": restored.value})
    return get_user(deps, user_id)


def _user(user_id: str) -> records.User:
    user = store.users.get(user_id)
    if user is None:
        raise NotFound("Deze gebruiker bestaat niet.", code="user_unknown")
    return user


def _tell(deps: Deps, user: records.User, message: templates.Email) -> None:
    """A notice after the change is made: a failed send is logged, the change stands."""
    notify(deps, person(user), message)


def provision_active_user(deps: Deps, *, username: str, name: str, email: str, role: str, employer_id: str,
                          phone: str, password: str) -> records.User | None:
    """An account that is active at once, with a known password: for demo data only.

    Returns None when the username exists already (so seeding is idempotent).
    """
    from ..domain.validation import clean_email

    user = records.User(
        user_id=str(uuid.uuid4()), username=username, email=clean_email(email),
        name=clean_text(name, "name", "Naam"), role=role, employer_id=employer_id,
        status=accounts.Status.ACTIVE.value, failed_count=0, password_hash=deps.passwords.hash(password),
        phone=normalise_mobile(phone), terms_version=deps.settings.terms_version, terms_accepted_at=deps.now(),
        created_at=deps.now())
    return user if store.users.create(user) else None


def find_employer_by_name(deps: Deps, name: str) -> AdminEmployer | None:
    key = store.employers.name_key(name)
    return next((employer_view(e) for e in store.employers.list_all() if store.employers.name_key(e.name) == key),
                None)
