"""Wachtwoord vergeten and Inloggegevens vergeten: the same answer, in about the same time, known or not."""
from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, TypedDict

from .. import store
from ..domain import accounts, codes
from ..domain.errors import Expired, NotFound, RateLimited
from ..domain.fields import Field
from ..notify import templates
from ..observability import logger
from ..store import records
from . import guessing, passwords
from .account import notify_security_change
from .deps import Deps
from .notices import Person, notify

FORGOT_PASSWORD_ANSWER = ("Als er een account bij deze gegevens hoort, ontvangt u binnen enkele minuten een e-mail "
                          "met een link om een nieuw wachtwoord te kiezen. Kijk ook in uw map met ongewenste e-mail.")
FORGOT_USERNAME_ANSWER = ("Als er een account bij dit e-mailadres hoort, ontvangt u binnen enkele minuten een e-mail "
                          "met uw gebruikersnaam. Kijk ook in uw map met ongewenste e-mail.")
_MAX_IDENTIFIER = 254


@dataclass(frozen=True)
class ForgotPassword:
    """Wachtwoord vergeten: the username or the email address of the account."""
    identifier: Annotated[str, Field("uw gebruikersnaam of e-mailadres", max_length=_MAX_IDENTIFIER)]


@dataclass(frozen=True)
class ForgotUsername:
    """Inloggegevens vergeten: the email address of the account."""
    email: Annotated[str, Field("uw e-mailadres", max_length=_MAX_IDENTIFIER)]


@dataclass(frozen=True)
class NewPassword:
    """The new password, chosen at the reset link."""
    password: Annotated[str, Field("een nieuw wachtwoord", max_length=4096, format="password")]


class RecoveryAnswer(TypedDict):
    """The same answer whether or not an account was found."""
    message: str


class ResetLink(TypedDict):
    """The account the reset link is for."""
    username: str


def _answer_no_sooner(deps: Deps, work: Callable[[], None]) -> None:
    """Run `work`, then wait until the fixed answer time has passed, so found and not found look alike."""
    started = time.monotonic()
    work()
    remaining = deps.settings.recovery_answer_seconds - (time.monotonic() - started)
    if remaining > 0:
        time.sleep(remaining)


def forgot_password(deps: Deps, request: ForgotPassword) -> RecoveryAnswer:
    """Email a one-hour reset link to the account named by username or email address."""
    _answer_no_sooner(deps, lambda: _send_reset_links(deps, request.identifier.strip()[:_MAX_IDENTIFIER]))
    return {"message": FORGOT_PASSWORD_ANSWER}


def _send_reset_links(deps: Deps, identifier: str) -> None:
    if not identifier:
        return
    users = store.users.find_by_email(identifier) if "@" in identifier else [store.users.find_by_username(identifier)]
    for user in users:
        if user is None or user.status == accounts.Status.DEACTIVATED.value:
            continue
        limit, now, s = f"password-reset#{user.user_id}", deps.now(), deps.settings
        if not _within_limit(deps, limit):
            logger.info("password reset limited", extra={"user_id": user.user_id})
            continue
        if user.status == accounts.Status.INVITED.value:
            if not _send(deps, user.email, templates.recovery_needs_invitation(user.name, s.secretariat_phone,
                                                                               s.secretariat_email), user.user_id):
                store.rate_limits.release(limit, now)
            continue
        token = codes.new_token()
        expires_at = now + s.password_reset_seconds
        # The email first: a link that could not be sent neither replaces an older one nor uses up the limit
        if not _send(deps, user.email, templates.password_reset(
                user.name, user.username, f"{s.portal_url}/wachtwoord-herstellen.html#{token}",
                s.password_reset_seconds // 60, s.secretariat_phone, s.secretariat_email), user.user_id):
            store.rate_limits.release(limit, now)
            continue
        store.password_resets.create(records.PasswordReset(
            token_hash=codes.token_hash(token), user_id=user.user_id, expires_at=expires_at,
            purge_at=expires_at + 86400))
        logger.info("password reset link sent", extra={"user_id": user.user_id})


def forgot_username(deps: Deps, request: ForgotUsername) -> RecoveryAnswer:
    """Email the usernames that belong to an address. Limited per address, whether or not it is known."""
    email = request.email.strip()[:_MAX_IDENTIFIER]
    subject = hashlib.sha256(store.users.email_key(email).encode()).hexdigest()
    limit, now = f"forgot-username#{subject}", deps.now()
    if not _within_limit(deps, limit):
        raise RateLimited("U heeft dit net al gevraagd. Wacht een paar minuten en kijk eerst in uw e-mail.")

    def send() -> None:
        if not _send_usernames(deps, email):
            store.rate_limits.release(limit, now)  # the same answer, but a retry may send at once

    _answer_no_sooner(deps, send)
    return {"message": FORGOT_USERNAME_ANSWER}


def _send_usernames(deps: Deps, email: str) -> bool:
    """False when there was an email to send and SES did not take it."""
    users = [u for u in store.users.find_by_email(email) if u.status != accounts.Status.DEACTIVATED.value]
    active = [u.username for u in users if u.status == accounts.Status.ACTIVE.value]
    s = deps.settings
    if active:
        return _send(deps, users[0].email, templates.usernames(active, s.portal_url, s.secretariat_phone,
                                                                s.secretariat_email), users[0].user_id)
    if users:
        return _send(deps, users[0].email, templates.recovery_needs_invitation(
            users[0].name, s.secretariat_phone, s.secretariat_email), users[0].user_id)
    return True


def _within_limit(deps: Deps, key: str) -> bool:
    return store.rate_limits.claim(key, deps.now(), gap=60, per_window=5, window=3600)


def _send(deps: Deps, to: str, message: templates.Email, user_id: str) -> bool:
    return notify(deps, Person(user_id, "", to), message)


def _open_reset(deps: Deps, token: str) -> tuple[records.PasswordReset, records.User]:
    reset = store.password_resets.get(codes.token_hash(token)) if token else None
    message = ("Deze link om een nieuw wachtwoord te kiezen is verlopen of al gebruikt. Een link is een uur geldig. "
               "Vraag op de inlogpagina via \u201cWachtwoord vergeten\u201d een nieuwe link aan.")
    if reset is None:
        raise NotFound(message, code="reset_unknown")
    user = store.users.get(reset.user_id)
    if (reset.used_at is not None or user is None or user.status != accounts.Status.ACTIVE.value
            or user.reset_hash != reset.token_hash):  # a newer link was sent, or one was used
        raise Expired(message, code="reset_used")
    if deps.now() >= reset.expires_at:
        raise Expired(message, code="reset_expired")
    return reset, user


def view_reset(deps: Deps, token: str) -> ResetLink:
    """Whose password the link resets, if it may still be used."""
    _, user = _open_reset(deps, token)
    return {"username": user.username}


def reset_password(deps: Deps, token: str, request: NewPassword) -> ResetLink:
    """Set a new password under the policy; every session ends; a blocked account stays blocked."""
    reset, user = _open_reset(deps, token)
    passwords.check_for(user, request.password)
    if not store.password_resets.use(reset, deps.passwords.hash(request.password), deps.now()):
        raise Expired("Deze link is al gebruikt.", code="reset_used")
    ended = store.sessions.delete_all_for_user(user.user_id)
    guessing.forget(user.username)  # the owner proved the mailbox: unknown browsers may try again
    notify_security_change(deps, user.user_id, templates.PASSWORD_CHANGED)
    logger.info("password reset", extra={"user_id": user.user_id, "sessions_ended": ended})
    return {"username": user.username}
