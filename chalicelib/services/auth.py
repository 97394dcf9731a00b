"""Login: password, then an SMS code bound to this attempt; lockout after repeated failures."""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from .. import store
from ..domain import accounts, codes, totp
from ..domain.errors import (AccountBlocked, Expired, InvalidCode, InvalidCredentials, InvalidInput, NotFound,
                             RateLimited, SmsLimited)
from ..domain.phones import phone_hint
from ..notify import templates
from ..observability import Metric, count, logger
from . import environments
from .deps import Deps
from .notices import Person, person, security_notice, send_login_code
from .sessions import NewSession, Principal, new_session

_MAX_FIELD = 256


@dataclass(frozen=True)
class LoginStarted:
    attempt_token: str
    phone_hint: str
    method: str
    sms_refused: str | None = None
    """Why no SMS was sent (the SMS budget, a number outside the allowed countries): a backup code still works."""


@dataclass(frozen=True)
class LoginCompleted:
    session: NewSession
    user_id: str
    name: str
    role: str


def _blocked(deps: Deps) -> AccountBlocked:
    s = deps.settings
    return AccountBlocked(accounts.blocked_message(s.secretariat_phone, s.secretariat_email))


def start_login(deps: Deps, username: str, password: str) -> LoginStarted:
    """Check the password (argon2 always runs, known user or not); then an SMS code, or the app's code."""
    user = store.users.find_by_username(username[:_MAX_FIELD])
    can_log_in = user is not None and user.status == accounts.Status.ACTIVE.value
    password_ok = deps.passwords.verify(user.password_hash if can_log_in else None, password[:1024])
    if not password_ok:
        count(Metric.LOGIN_FAILED)
        if user is not None:
            _record_failure(deps, person(user), "password")
        else:
            # Refused writes of the same kind, so an unknown username costs what a known one does.
            store.users.record_failure(str(uuid.uuid4()), deps.settings.lockout_threshold)
            store.signins.record_nothing(deps.now())
        logger.info("login password rejected", extra={"user_id": user.user_id if user else None})
        raise InvalidCredentials()
    if user.failed_count >= deps.settings.lockout_threshold:
        logger.info("login refused: account blocked", extra={"user_id": user.user_id})
        raise _blocked(deps)
    if deps.passwords.needs_rehash(user.password_hash):
        store.users.set_password_hash(user.user_id, deps.passwords.hash(password))

    token, now = codes.new_token(), deps.now()
    attempt = store.models.LoginAttempt(
        codes.token_hash(token), user_id=user.user_id, name=user.name, email=user.email, role=user.role,
        employer_id=user.employer_id, phone=user.phone_pending or user.phone, phone_is_new=bool(user.phone_pending),
        password_changed_at=user.password_changed_at, expires_at=now + deps.settings.login_attempt_seconds)
    if user.totp_secret and not user.phone_pending:
        attempt.method, attempt.totp_secret = "totp", user.totp_secret
        store.logins.create(attempt)
        logger.info("login password accepted, app code expected", extra={"user_id": user.user_id})
        return LoginStarted(token, phone_hint(attempt.phone), "totp")
    code, salt = codes.new_sms_code(), codes.new_salt()
    attempt.code_salt, attempt.code_hash = salt, codes.code_hash(code, salt)
    attempt.code_expires_at = now + deps.settings.sms_code_seconds
    store.logins.create(attempt)
    try:
        send_login_code(deps, attempt.phone, code, attempt.user_id)
    except (SmsLimited, InvalidInput) as refused:
        logger.info("login password accepted, no sms allowed", extra={"user_id": user.user_id})
        return LoginStarted(token, phone_hint(attempt.phone), "sms", refused.message)
    logger.info("login password accepted, code sent", extra={"user_id": user.user_id})
    return LoginStarted(token, phone_hint(attempt.phone), "sms")


def resend_code(deps: Deps, attempt_token: str | None) -> LoginStarted:
    """"SMS opnieuw versturen": a new code replaces the old one, within the account's send limits."""
    attempt = _open_attempt(deps, attempt_token)
    s, now = deps.settings, deps.now()
    if not store.rate_limits.claim(f"sms-resend#{attempt.user_id}", now, gap=s.sms_resend_gap_seconds,
                                   per_window=s.sms_resends_per_hour, window=3600):
        raise RateLimited(f"Er is net al een SMS verstuurd. U kunt hoogstens één SMS per {s.sms_resend_gap_seconds} "
                          f"seconden en {s.sms_resends_per_hour} per uur laten versturen. Wacht even en probeer "
                          f"het opnieuw, of gebruik een back-up code.")
    code, salt = codes.new_sms_code(), codes.new_salt()
    if not store.logins.replace_code(attempt.attempt_hash, salt, codes.code_hash(code, salt), now + s.sms_code_seconds):
        raise _login_expired()
    send_login_code(deps, attempt.phone, code, attempt.user_id)
    logger.info("login code resent", extra={"user_id": attempt.user_id})
    return LoginStarted(attempt_token, phone_hint(attempt.phone), "sms")


def _open_attempt(deps: Deps, attempt_token: str | None) -> object:
    attempt = store.logins.get(codes.token_hash(attempt_token)) if attempt_token else None
    if attempt is None or attempt.consumed or deps.now() >= attempt.expires_at:
        raise _login_expired()
    return attempt


def _login_expired() -> Expired:
    return Expired("Uw inlogpoging is verlopen. Log opnieuw in.", code="login_expired")


def record_failure_or_block(deps: Deps, who: Person, method: str) -> None:
    """Count a failed proof of identity; AccountBlocked when the account is (now) blocked."""
    if _record_failure(deps, who, method):
        raise _blocked(deps)


def _record_failure(deps: Deps, who: Person, method: str) -> bool:
    """Count a failure and show it in the sign-in history; True when the account is blocked."""
    s, now = deps.settings, deps.now()
    new_count = store.users.record_failure(who.user_id, s.lockout_threshold)
    store.signins.record(store.signins.new(who.user_id, now, method, False, s.signin_history_seconds))
    if new_count == s.lockout_threshold:
        count(Metric.ACCOUNT_LOCKED)
        ended = store.sessions.delete_all_for_user(who.user_id)  # a session open elsewhere stops working too
        logger.warning("account blocked after repeated failures", extra={"user_id": who.user_id,
                                                                          "sessions_ended": ended})
        security_notice(deps, who, templates.ACCOUNT_BLOCKED.format(phone=s.secretariat_phone,
                                                                    email=s.secretariat_email))
        return True
    return new_count is None


def _attempt_person(attempt: object) -> Person:
    return Person(attempt.user_id, attempt.name, attempt.email)


def _success(deps: Deps, attempt: object, method: str) -> object:
    return store.signins.new(attempt.user_id, deps.now(), method, True, deps.settings.signin_history_seconds)


def complete_login(deps: Deps, attempt_token: str | None, code: str) -> LoginCompleted:
    """Check the SMS code or the authenticator app's code; the right code, once, opens the session."""
    attempt = _open_attempt(deps, attempt_token)
    now, threshold = deps.now(), deps.settings.lockout_threshold
    if attempt.code_hash and codes.same(codes.code_hash(code[:64], attempt.code_salt), attempt.code_hash):
        if now >= attempt.code_expires_at:
            raise Expired("De beveiligingscode is verlopen. Klik op “Inloggen mislukt” en dan op “SMS opnieuw "
                          "versturen” voor een nieuwe code.", code="code_expired")
        session = new_session(deps, user_id=attempt.user_id, role=attempt.role,
                              employer_id=attempt.employer_id, method="sms")
        opened = store.logins.complete(attempt, session.record, _success(deps, attempt, "sms"), threshold)
    elif attempt.method == "totp" and (step := _app_step(deps, attempt, code, now)) is not None:
        session = new_session(deps, user_id=attempt.user_id, role=attempt.role,
                              employer_id=attempt.employer_id, method="totp")
        opened = store.logins.complete_with_totp(attempt, session.record, _success(deps, attempt, "totp"),
                                                 threshold, step)
        if not opened and not _is_blocked(deps, attempt.user_id):
            raise InvalidCode("Deze code is al gebruikt. Wacht op de volgende code in uw app.", code="code_used")
    else:
        count(Metric.LOGIN_FAILED)
        record_failure_or_block(deps, _attempt_person(attempt), attempt.method)
        raise InvalidCode()
    if not opened:
        if _is_blocked(deps, attempt.user_id):
            raise _blocked(deps)
        raise _login_expired()
    count(Metric.LOGIN_SUCCEEDED)
    logger.info("login completed", extra={"user_id": attempt.user_id, "method": session.record.method})
    return LoginCompleted(session, attempt.user_id, attempt.name, attempt.role)


def _app_step(deps: Deps, attempt: object, code: str, now: int) -> int | None:
    """The app's time step for `code`; the sealed key was copied into the attempt at the password step."""
    secret = deps.secrets.open(attempt.totp_secret, {"user_id": attempt.user_id})
    return totp.matching_step(secret, code[:64], now)


def _is_blocked(deps: Deps, user_id: str) -> bool:
    user = store.users.get(user_id)
    return user is not None and user.failed_count >= deps.settings.lockout_threshold


def complete_with_backup_code(deps: Deps, attempt_token: str | None, code: str) -> LoginCompleted:
    """"Gebruik back-up code": each code opens one session, once."""
    attempt = _open_attempt(deps, attempt_token)
    user = store.users.get(attempt.user_id)
    index, digest = _matching_backup_code(user, code)
    if index is None:
        count(Metric.LOGIN_FAILED)
        record_failure_or_block(deps, _attempt_person(attempt), "backup_code")
        raise InvalidCode("Deze back-up code is onjuist of al gebruikt.", field="code")
    session = new_session(deps, user_id=attempt.user_id, role=attempt.role, employer_id=attempt.employer_id,
                          method="backup_code")
    if not store.logins.complete_with_backup_code(attempt, session.record, _success(deps, attempt, "backup_code"),
                                                  deps.settings.lockout_threshold, index, digest):
        if _is_blocked(deps, attempt.user_id):
            raise _blocked(deps)
        raise _login_expired()
    count(Metric.LOGIN_SUCCEEDED)
    logger.info("login completed with a backup code", extra={"user_id": attempt.user_id})
    return LoginCompleted(session, attempt.user_id, attempt.name, attempt.role)


def _matching_backup_code(user: object, entered: str) -> tuple[int | None, str | None]:
    normalised = codes.normalise_code(entered[:64])
    if len(normalised) != codes.BACKUP_CODE_LENGTH or user is None:
        return None, None
    for index, stored in enumerate(user.backup_codes):
        digest = codes.code_hash(normalised, stored.salt)
        if codes.same(digest, stored.hash):
            return index, digest
    return None, None


def me(deps: Deps, principal: Principal) -> dict:
    """The signed-in user, their employer and the secretariat's contact details."""
    user = store.users.get(principal.user_id)
    if user is None:
        raise NotFound()
    werkgever = user.role == accounts.Role.WERKGEVER.value
    omgevingen = environments.environments(user, principal.employer_id) if werkgever else []
    active = next((e for e in omgevingen if e["active"]), None)
    return {
        "user_id": user.user_id,
        "name": user.name,
        "username": user.username,
        "role": user.role,
        "employer": {"employer_id": active["employer_id"], "name": active["name"]} if active else None,
        "environments": [{"employer_id": e["employer_id"], "name": e["name"]} for e in omgevingen],
        "has_employees": bool(active) and store.employees.any_for_employer(active["employer_id"]),
        "open_tasks": sum(e["open_tasks"] for e in omgevingen),
        "backup_codes_left": len(user.backup_codes),
        "second_factor": "totp" if user.totp_secret else "sms",
        "contact": contact(deps),
    }


def contact(deps: Deps) -> dict:
    return {"phone": deps.settings.secretariat_phone, "email": deps.settings.secretariat_email}
