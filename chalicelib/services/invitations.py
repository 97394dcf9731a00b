"""Invitations and first-login onboarding: password, mobile number, terms, backup codes."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from typing import Annotated, TypedDict

from .. import store
from ..domain import accounts, browsers, codes
from ..domain.errors import Conflict, DeliveryFailed, Expired, InvalidInput, NotFound
from ..domain.fields import Field
from ..domain.phones import phone_hint
from ..domain.times import iso_utc
from ..domain.validation import clean_email, clean_text
from ..notify import templates
from ..notify.ports import SendFailed
from ..observability import Metric, count, logger
from ..store import records
from . import audit, passwords
from .backup_codes import new_set
from .deps import Deps
from .notices import send_confirmation_code, sms_number
from .sessions import NewSession, Principal, new_session, own_grant, session_employer_ids

_MAX_PHONE_CODE_TRIES = 5  # per code sent; a new code (a new SMS, within its budget) starts again
# An invitation record is kept a while after it ends, so an old link says "expired", not "unknown".
_PURGE_AFTER_SECONDS = 30 * 24 * 3600


@dataclass(frozen=True)
class PasswordChoice:
    """Onboarding: the password the new user chooses."""
    password: Annotated[str, Field("een wachtwoord", max_length=4096, format="password")]


@dataclass(frozen=True)
class PhoneChoice:
    """Onboarding: the mobile number for the SMS codes; it gets a code to confirm it."""
    phone: Annotated[str, Field("uw mobiele nummer", max_length=64)]


@dataclass(frozen=True)
class PhoneConfirmation:
    """Onboarding: the code sent to the chosen mobile number."""
    code: Annotated[str, Field("de code", max_length=64)]


@dataclass(frozen=True, kw_only=True)
class TermsAcceptance:
    """Onboarding's last step: the terms accepted, in the version shown."""
    accept_terms: Annotated[bool, Field("akkoord met de gebruiksvoorwaarden")] = False
    terms_version: Annotated[str, Field("de versie van de gebruiksvoorwaarden", max_length=32)]


class InvitationState(TypedDict):
    """Who is invited and how far onboarding has come."""
    name: str
    username: str
    email: str
    employer_name: str | None
    password_set: bool
    phone_hint: str | None
    phone_prefill: str | None
    phone_verified: bool
    terms_version: str
    expires_at: str


class SignedInUser(TypedDict):
    """Who has just signed in (by login or by activating the account)."""
    user_id: str
    name: str
    role: str


class Activation(TypedDict):
    """The account is active and signed in; its backup codes are shown this once."""
    user: SignedInUser
    backup_codes: list[str]


@dataclass(frozen=True)
class Activated:
    session: NewSession
    user_id: str
    name: str
    role: str
    backup_codes: list[str]
    device_token: str
    """The activating browser is the first the account knows (its vp_device cookie)."""

    def answer(self) -> Activation:
        return {"user": {"user_id": self.user_id, "name": self.name, "role": self.role},
                "backup_codes": self.backup_codes}


def invite(deps: Deps, *, name: str, email: str, employer_id: str, phone: str | None,
           role: str = accounts.Role.WERKGEVER.value, actor: str = audit.CLI_ACTOR,
           employer_role: str | None = None, department_ids: frozenset[str] | None = None,
           by: Principal | None = None) -> records.User:
    """Create an invited user with a unique username and email the link. Nothing stays if the email fails.

    `employer_role` and `department_ids` are the new user's role at the employer, written with the user (a
    colleague invited as leidinggevende never exists with more); `by` is the employer's beheerder who invites,
    whose trail gets the line (else het secretariaat's, with `actor`)."""
    name = clean_text(name, "name", "Naam")
    email = clean_email(email)
    mobile = sms_number(deps, phone) if phone else None
    if role == accounts.Role.WERKGEVER.value and store.employers.get(employer_id) is None:
        raise InvalidInput("Deze werkgever bestaat niet.", code="employer_unknown", field="employer_id")
    if any(u.status == accounts.Status.INVITED.value and u.employer_id == employer_id
           for u in store.users.find_by_email(email)):  # also one whose failed invitation could not be undone
        raise Conflict("Voor dit e-mailadres staat al een uitnodiging klaar bij deze werkgever. Gebruik "
                       "\u201cUitnodiging opnieuw versturen\u201d bij die gebruiker.", code="already_invited")
    token = codes.new_token()
    base = accounts.suggest_username(name)
    for attempt in range(50):
        username = base if attempt == 0 else f"{base}{attempt + 1}"
        user = replace(_new_user(deps, name=name, email=email, username=username, role=role,
                                 employer_id=employer_id, phone_pending=mobile),
                       employer_role=employer_role, department_ids=department_ids or None)
        invitation = _new_invitation(deps, token, user.user_id, prefill=mobile)
        user = replace(user, invitation_hash=invitation.token_hash, invitation_expires_at=invitation.expires_at)
        line = (audit.line(deps, by, "user_invited", "user", user.user_id) if by is not None else
                audit.secretariat_line(deps, actor, "user_invited", "user", user.user_id))
        if store.users.create(user, invitation, audit=line):
            break
    else:
        raise Conflict("Er kon geen unieke gebruikersnaam worden gekozen.", code="username_unavailable")
    try:
        _send_invitation(deps, user, token)
    except DeliveryFailed:
        # nothing stays: the user, the username and the link go together; the trail says why
        store.users.delete(user, invitation, audit=audit.line(deps, by, "invitation_not_sent", "user", user.user_id)
                           if by is not None else
                           audit.secretariat_line(deps, actor, "invitation_not_sent", "user", user.user_id))
        raise
    logger.info("user invited", extra={"user_id": user.user_id})
    return user


def resend(deps: Deps, user_id: str, actor: str = audit.CLI_ACTOR) -> records.User:
    """A fresh link; every older link of this user stops working."""
    user = store.users.get(user_id)
    if user is None:
        raise NotFound()
    if user.status != accounts.Status.INVITED.value:
        raise Conflict("Deze gebruiker heeft het account al geactiveerd.", code="not_invited")
    token = codes.new_token()
    invitation = _new_invitation(deps, token, user.user_id, prefill=user.phone_pending)
    _send_invitation(deps, user, token)  # first: if it fails, the older link still works
    if not store.users.set_invitation(user.user_id, invitation, audit=audit.secretariat_line(
            deps, actor, "invitation_resent", "user", user.user_id)):
        raise Conflict("Deze gebruiker heeft het account al geactiveerd.", code="not_invited")
    user = replace(user, invitation_hash=invitation.token_hash, invitation_expires_at=invitation.expires_at)
    logger.info("invitation resent", extra={"user_id": user.user_id})
    return user


def _new_user(deps: Deps, *, name: str, email: str, username: str, role: str, employer_id: str,
              phone_pending: str | None) -> records.User:
    return records.User(
        user_id=str(uuid.uuid4()), username=username, email=email, name=name, role=role, employer_id=employer_id,
        status=accounts.Status.INVITED.value, failed_count=0, phone_pending=phone_pending, created_at=deps.now())


def _new_invitation(deps: Deps, token: str, user_id: str, prefill: str | None) -> records.Invitation:
    expires_at = deps.now() + deps.settings.invitation_seconds
    return records.Invitation(token_hash=codes.token_hash(token), user_id=user_id, expires_at=expires_at,
                              phone=prefill, purge_at=expires_at + _PURGE_AFTER_SECONDS)


def _send_invitation(deps: Deps, user: records.User, token: str) -> None:
    s = deps.settings
    message = templates.invitation(user.name, user.username, f"{s.portal_url}/activeren.html#{token}",
                                   s.invitation_seconds // 3600, s.secretariat_phone, s.secretariat_email)
    try:
        deps.email.send_email(user.email, message.subject, message.body)
    except SendFailed:
        count(Metric.EMAIL_FAILED)
        logger.exception("invitation email failed", extra={"user_id": user.user_id})
        raise DeliveryFailed("De uitnodiging kon niet worden verstuurd. Controleer het e-mailadres en probeer "
                             "het opnieuw.") from None
    count(Metric.INVITATION_SENT)
    count(Metric.EMAIL_SENT)


# --- onboarding at the link ---------------------------------------------------------------

def _open(deps: Deps, token: str) -> tuple[records.Invitation, records.User]:
    """The invitation and its user, if the link may still be used; else a Dutch explanation."""
    invitation = store.invitations.get(codes.token_hash(token)) if token else None
    if invitation is None:
        raise NotFound(_link_message(deps), code="invitation_unknown")
    user = store.users.get(invitation.user_id)
    if (invitation.used_at is not None or user is None or user.status != accounts.Status.INVITED.value
            or user.invitation_hash != invitation.token_hash):
        raise Expired(_link_message(deps), code="invitation_used")
    if deps.now() >= invitation.expires_at:
        raise Expired(_link_message(deps), code="invitation_expired")
    return invitation, user


def _link_message(deps: Deps) -> str:
    s = deps.settings
    hours = s.invitation_seconds // 3600
    return (f"Deze uitnodigingslink is verlopen of al gebruikt. Een uitnodigingslink is {hours} uur geldig. "
            f"Neem contact op met het secretariaat voor een nieuwe uitnodiging: {s.secretariat_phone} of "
            f"{s.secretariat_email}.")


def view(deps: Deps, token: str) -> InvitationState:
    """The invitation behind a link, if it may still be used."""
    invitation, user = _open(deps, token)
    return _state(deps, invitation, user)


def _state(deps: Deps, invitation: records.Invitation, user: records.User) -> InvitationState:
    employer = store.employers.get(user.employer_id) if user.role == accounts.Role.WERKGEVER.value else None
    return {
        "name": user.name,
        "username": user.username,
        "email": user.email,
        "employer_name": employer.name if employer else None,
        "password_set": invitation.password_hash is not None,
        "phone_hint": phone_hint(invitation.phone),
        "phone_prefill": invitation.phone if not invitation.phone_verified else None,
        "phone_verified": bool(invitation.phone_verified),
        "terms_version": deps.settings.terms_version,
        "expires_at": iso_utc(invitation.expires_at),
    }


def _progress(deps: Deps, updated: records.Invitation | None) -> records.Invitation:
    """The invitation as a step of onboarding left it; None (it was used meanwhile) is an expired link."""
    if updated is None:
        raise Expired(_link_message(deps), code="invitation_used")
    return updated


def choose_password(deps: Deps, token: str, choice: PasswordChoice) -> InvitationState:
    """Set the password under the policy (it is the user's own from activation on)."""
    invitation, user = _open(deps, token)
    passwords.check_for(user, choice.password)
    invitation = _progress(deps, store.invitations.set_password(invitation.token_hash,
                                                                 deps.passwords.hash(choice.password)))
    return _state(deps, invitation, user)


def choose_phone(deps: Deps, token: str, choice: PhoneChoice) -> InvitationState:
    """Store the number as unconfirmed and send it a code."""
    invitation, user = _open(deps, token)
    phone = sms_number(deps, choice.phone)
    code, salt = codes.new_sms_code(), codes.new_salt()
    # First the SMS: if it cannot be sent, the number confirmed before (if any) stays as it is
    send_confirmation_code(deps, phone, code, user.user_id, invitation=invitation.token_hash)
    invitation = _progress(deps, store.invitations.set_phone(invitation.token_hash, phone, salt,
                                                              codes.code_hash(code, salt),
                                                              deps.now() + deps.settings.sms_code_seconds))
    return _state(deps, invitation, user)


def confirm_phone(deps: Deps, token: str, confirmation: PhoneConfirmation) -> InvitationState:
    """The code sent to the chosen number, checked: at most five tries per code."""
    code = confirmation.code
    invitation, user = _open(deps, token)
    if (invitation.phone_code_hash is None or invitation.phone_code_salt is None
            or deps.now() >= (invitation.phone_code_expires_at or 0)):
        raise InvalidInput("De code is verlopen. Vraag een nieuwe code aan.", code="code_expired", field="code")
    if not store.invitations.claim_phone_code_attempt(invitation.token_hash, _MAX_PHONE_CODE_TRIES):
        raise InvalidInput("U heeft de code te vaak verkeerd ingevuld. Vraag een nieuwe code aan.",
                           code="code_attempts_exceeded", field="code")
    if not codes.same(codes.code_hash(code[:64], invitation.phone_code_salt), invitation.phone_code_hash):
        raise InvalidInput("De code is onjuist. Controleer de code en probeer het opnieuw.", code="invalid_code",
                           field="code")
    invitation = _progress(deps, store.invitations.confirm_phone(invitation.token_hash))
    return _state(deps, invitation, user)


def complete(deps: Deps, token: str, acceptance: TermsAcceptance, user_agent: str = "") -> Activated:
    """Accept the terms, receive backup codes once, and be logged in (the session names the browser)."""
    accept_terms, terms_version = acceptance.accept_terms, acceptance.terms_version
    invitation, user = _open(deps, token)
    if invitation.password_hash is None:
        raise InvalidInput("Kies eerst een wachtwoord.", code="step_missing", field="password")
    if not invitation.phone_verified:
        raise InvalidInput("Bevestig eerst uw mobiele nummer.", code="step_missing", field="phone")
    if not accept_terms or terms_version != deps.settings.terms_version:
        raise InvalidInput("U kunt de portal alleen gebruiken als u akkoord gaat met de gebruiksvoorwaarden.",
                           code="terms_not_accepted", field="accept_terms")
    backup_codes, stored_codes = new_set(deps)
    session = new_session(deps, user_id=user.user_id, role=user.role, employer_id=user.employer_id,
                          employer_ids=session_employer_ids(user.user_id, user.role, user.employer_id),
                          method="invitation", browser=browsers.recognised(user_agent), grant=own_grant(user))
    device_token = codes.new_token()
    if not store.invitations.activate(invitation, now=deps.now(), terms_version=terms_version,
                                      backup_codes=stored_codes, session=session.record,
                                      device_hash=codes.token_hash(device_token)):
        raise Expired(_link_message(deps), code="invitation_used")
    count(Metric.LOGIN_SUCCEEDED)
    logger.info("account activated", extra={"user_id": user.user_id})
    return Activated(session, user.user_id, user.name, user.role, backup_codes, device_token)
