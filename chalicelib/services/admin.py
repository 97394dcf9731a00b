"""The secretariat's tools: employers, users and their status, unlock, phone reset, deactivation."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated, Literal, TypedDict

from .. import store
from ..domain import accounts
from ..domain.errors import Conflict, NotFound
from ..domain.fields import Field
from ..domain.phones import normalise_mobile, phone_hint
from ..domain.times import iso_utc
from ..domain.validation import clean_text
from ..notify import templates
from ..observability import logger
from ..store import records
from . import audit, guessing, invitations
from .deps import Deps
from .notices import notify, person, sms_number


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


class AdminUserList(TypedDict):
    users: list[AdminListedUser]


class AdminUserDetail(AdminUser):
    """One user, with the employers they were given access to besides their own."""
    access: list[AdminEmployer]


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
    own: list[AdminListedUser] = [{**user_view(deps, u)} for u in store.users.list_for_employer(employer_id)]
    others = store.users.get_many(store.employer_access.users_of(employer_id))
    return own + [{**user_view(deps, u), "via_access": True} for u in others]


def get_user(deps: Deps, user_id: str) -> AdminUserDetail:
    """One user, with the employers they were given access to besides their own."""
    user = _user(user_id)
    access = store.employers.get_many(store.employer_access.employers_of(user_id))
    return {**user_view(deps, user),
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
