"""Login: password, then a second factor bound to this attempt (a passkey, the app's code, an SMS code or a backup
code) — or none from a browser trusted for 30 days; lockout after repeated failures."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Annotated, Literal, TypedDict
from zoneinfo import ZoneInfo

from .. import store
from ..domain import accounts, browsers, codes, passkeys, totp
from ..domain.errors import (
    AccountBlocked,
    DeliveryFailed,
    DomainError,
    Expired,
    InvalidCode,
    InvalidCredentials,
    InvalidInput,
    RateLimited,
    SmsLimited,
    Unavailable,
)
from ..domain.fields import Field
from ..domain.phones import phone_hint
from ..keys import SecretsUnavailable
from ..notify import templates
from ..observability import Metric, count, logger
from ..store import records
from . import guessing
from .deps import Deps
from .invitations import SignedInUser
from .notices import Person, notify, security_notice, send_login_code
from .passkey_options import PasskeyRequestOptions
from .sessions import Grant, NewSession, new_session, session_employer_ids

_MAX_FIELD = 256


@dataclass(frozen=True)
class LoginRequest:
    """Inloggen, the password step."""
    username: Annotated[str, Field("uw gebruikersnaam", max_length=256)]
    password: Annotated[str, Field("uw wachtwoord", max_length=1024, format="password")]


@dataclass(frozen=True)
class CodeEntry:
    """The SMS code or the authenticator app's code of this login attempt; `trust_browser`: "Deze browser 30 dagen
    vertrouwen"."""
    code: Annotated[str, Field("de beveiligingscode", max_length=64)]
    trust_browser: Annotated[bool, Field("deze browser vertrouwen")] = False


@dataclass(frozen=True)
class BackupCodeEntry:
    """"Gebruik back-up code": one of the account's backup codes instead of the SMS or app code."""
    code: Annotated[str, Field("de back-up code", max_length=64)]
    trust_browser: Annotated[bool, Field("deze browser vertrouwen")] = False


# A key only sometimes present is declared in a `total=False` subclass: under `from __future__ import annotations`
# Python 3.11 does not see a `NotRequired[...]` written as a string, and would count the key as required.
class _CodeStep(TypedDict):
    next: Literal["code"]
    method: Literal["sms", "totp", "passkey"]
    phone_hint: str | None


class CodeStep(_CodeStep, total=False):
    """The password was right: now the second factor — the passkey (`passkey`: the options for the browser), the
    code from the authenticator app, or the SMS code. When no SMS could be sent, `sms_sent` is false and `message`
    says why (a backup code still works)."""
    sms_sent: bool
    message: str
    passkey: PasskeyRequestOptions


class SignedIn(TypedDict):
    """The session is open (its cookies are set)."""
    user: SignedInUser


class SignedInAtOnce(TypedDict):
    """The password was right in a browser trusted for 30 days: the session is open, no second factor asked."""
    next: Literal["signed_in"]
    user: SignedInUser


class LoggedOut(TypedDict):
    """An empty object: the session (if any) has ended."""


@dataclass(frozen=True)
class LoginStarted:
    attempt_token: str
    phone_hint: str | None
    method: Literal["sms", "totp", "passkey"]
    sms_refused: str | None = None
    """Why no SMS was sent (the SMS budget, a number outside the allowed countries): a backup code still works."""
    passkey_options: PasskeyRequestOptions | None = None

    def answer(self) -> CodeStep:
        found: CodeStep = {"next": "code", "method": self.method, "phone_hint": self.phone_hint}
        if self.sms_refused:
            found["sms_sent"], found["message"] = False, self.sms_refused
        if self.passkey_options is not None:
            found["passkey"] = self.passkey_options
        return found


@dataclass(frozen=True)
class LoginCompleted:
    session: NewSession
    user_id: str
    name: str
    role: str
    device_token: str | None = None
    """A new vp_device cookie: the account now knows this browser (and was told of the sign-in by email)."""
    trust_token: str | None = None
    """A new vp_trust cookie: this browser may skip the second factor for `trusted_browser_days`."""

    def answer(self) -> SignedIn:
        return {"user": {"user_id": self.user_id, "name": self.name, "role": self.role}}

    def answer_at_once(self) -> SignedInAtOnce:
        return {"next": "signed_in", "user": self.answer()["user"]}


def blocked(deps: Deps) -> AccountBlocked:
    s = deps.settings
    return AccountBlocked(accounts.blocked_message(s.secretariat_phone, s.secretariat_email))


def start_login(deps: Deps, username: str, password: str, device_token: str | None = None,
                user_agent: str = "", trust_token: str | None = None) -> LoginStarted | LoginCompleted:
    """The password step. From a browser the account does not know, each guess is counted for the username
    before the password is checked (domain/lockout.py); argon2 always runs; every refusal looks the same for a
    known, an unknown and a blocked username. Then the passkey, the app's code or an SMS code — or, in a browser
    the account trusts (`trust_token`), the session at once."""
    username, password = username[:_MAX_FIELD], password[:1024]
    s, now = deps.settings, deps.now()
    user = store.users.find_by_username(username)
    device = guessing.known_device(user, device_token)
    guesses = None if device else guessing.key(username)
    if guesses and not guessing.claim(guesses, now):
        deps.passwords.verify(None, password)  # the same work as any other answer
        count(Metric.LOGIN_FAILED)
        logger.info("login refused unchecked: too many guesses from unknown browsers",
                    extra={"user_id": user.user_id if user else None})
        raise _too_many_guesses(deps)
    # A blocked or deactivated account's password is only checked from a browser it knows: elsewhere the right
    # password gets the answer a wrong one gets, so guessing on after a block learns nothing, and nobody learns
    # from the answer that an account was deactivated.
    active = user is not None and user.status == accounts.Status.ACTIVE.value
    deactivated = user is not None and user.status == accounts.Status.DEACTIVATED.value
    checkable = user is not None and (
        (active and (device is not None or not accounts.is_blocked(user.failed_count, s.lockout_threshold)))
        or (deactivated and device is not None and bool(user.password_hash)))
    stored_hash = user.password_hash if user is not None and checkable else None
    verified = deps.passwords.verify(stored_hash, password)  # true only against a stored hash, so a user's
    if not verified or user is None or stored_hash is None:
        count(Metric.LOGIN_FAILED)
        if user is not None:
            if device:
                guessing.count_device_failure(user.user_id, device)
            store.signins.record(store.signins.new(user.user_id, now, "password", False, s.signin_history_seconds,
                                                   browsers.recognised(user_agent)))
        else:  # a refused write of the same kind: the same cost as a known name
            store.signins.record_nothing(now, browsers.recognised(user_agent))
        logger.info("login password rejected", extra={"user_id": user.user_id if user else None})
        raise invalid_credentials(deps)
    if guesses:
        store.rate_limits.forget_guesses(guesses)
    if deactivated:  # only from a known browser: a reset would not help, the secretariat can
        logger.info("login refused: account deactivated", extra={"user_id": user.user_id})
        raise AccountBlocked(accounts.deactivated_message(s.secretariat_phone, s.secretariat_email),
                             code="account_deactivated")
    if accounts.is_blocked(user.failed_count, s.lockout_threshold):  # only from a known browser: tell whom to call
        logger.info("login refused: account blocked", extra={"user_id": user.user_id})
        raise blocked(deps)
    if deps.passwords.needs_rehash(stored_hash):
        store.users.set_password_hash(user.user_id, deps.passwords.hash(password))

    token = codes.new_token()
    attempt = attempt_of(deps, user, codes.token_hash(token), device)
    if trust_token and not user.phone_pending:  # a number the secretariat set is confirmed by SMS, trusted or not
        trusted = _trusted_sign_in(deps, user, attempt, trust_token, user_agent)
        if trusted is not None:
            return trusted
    if user.passkey_credential_ids and not user.phone_pending:
        challenge, options = passkey_options(deps, user)
        store.logins.create(replace(attempt, method="passkey", totp_secret=user.totp_secret,
                                    passkey_challenge=challenge,
                                    passkey_challenge_expires_at=now + s.passkey_challenge_seconds))
        logger.info("login password accepted, passkey expected", extra={"user_id": user.user_id})
        return LoginStarted(token, phone_hint(attempt.phone), "passkey", passkey_options=options)
    if user.totp_secret and not user.phone_pending:
        store.logins.create(replace(attempt, method="totp", totp_secret=user.totp_secret))
        logger.info("login password accepted, app code expected", extra={"user_id": user.user_id})
        return LoginStarted(token, phone_hint(attempt.phone), "totp")
    code, salt = codes.new_sms_code(), codes.new_salt()
    store.logins.create(replace(attempt, code_salt=salt, code_hash=codes.code_hash(code, salt),
                                code_expires_at=now + s.sms_code_seconds))
    try:
        send_login_code(deps, attempt.phone, code, attempt.user_id)
    except (SmsLimited, InvalidInput, DeliveryFailed) as refused:
        logger.info("login password accepted, no sms allowed", extra={"user_id": user.user_id})
        return LoginStarted(token, phone_hint(attempt.phone), "sms", refused.message)
    logger.info("login password accepted, code sent", extra={"user_id": user.user_id})
    return LoginStarted(token, phone_hint(attempt.phone), "sms")


def attempt_of(deps: Deps, user: records.User, attempt_hash: str, device: str | None) -> records.LoginAttempt:
    """A login attempt of `user` whose password (or passkey) was right, from a browser the account knows
    (`device`, its hash) or not."""
    phone = user.phone_pending or user.phone
    assert phone is not None, "an active account has a mobile number: activation sets it"
    return records.LoginAttempt(
        attempt_hash=attempt_hash, user_id=user.user_id, name=user.name, email=user.email, role=user.role,
        employer_id=user.employer_id, phone=phone, phone_is_new=bool(user.phone_pending),
        password_changed_at=user.password_changed_at, device_hash=device, known_devices=user.devices,
        expires_at=deps.now() + deps.settings.login_attempt_seconds, employer_role=user.employer_role,
        department_ids=user.department_ids, trust_epoch=user.trust_epoch)


def passkey_options(deps: Deps, user: records.User) -> tuple[str, PasskeyRequestOptions]:
    """A challenge for one of the user's passkeys (their credentials allowed, no user verification needed: the
    password came first)."""
    s = deps.settings
    allow: list[tuple[str, tuple[str, ...]]] = [(c, ()) for c in sorted(user.passkey_credential_ids or ())]
    challenge, options = passkeys.authentication_options(rp_id=s.webauthn_rp_id, allow=allow, user_verification=False,
                                                         timeout_seconds=s.passkey_challenge_seconds)
    return challenge, options  # type: ignore[return-value]  # the library's JSON, shaped as declared


def _trusted_sign_in(deps: Deps, user: records.User, attempt: records.LoginAttempt, trust_token: str,
                     user_agent: str) -> LoginCompleted | None:
    """The session, at once, for the password in a browser the account trusts; None when it is not (or no longer)
    trusted, and the second factor is asked as ever."""
    trusted = store.trusted_browsers.get(codes.token_hash(trust_token[:128]))
    if (trusted is None or trusted.user_id != user.user_id or trusted.epoch != user.trust_epoch
            or deps.now() >= trusted.expires_at):
        return None
    browser = browsers.recognised(user_agent)
    device_token = None if attempt.device_hash else codes.new_token()
    session = new_login_session(deps, attempt, "trusted_browser", browser)
    if not store.logins.complete_trusted(attempt, session.record, success_event(deps, attempt, session),
                                         deps.settings.lockout_threshold, trusted,
                                         codes.token_hash(device_token) if device_token else None):
        return None
    return signed_in(deps, attempt, session, device_token, user_agent)


def new_trust(deps: Deps, attempt: records.LoginAttempt, user_agent: str,
              wanted: bool) -> tuple[str | None, records.TrustedBrowser | None]:
    """"Deze browser 30 dagen vertrouwen": the cookie's token and the trust to store with the sign-in, if asked."""
    if not wanted:
        return None, None
    token, now = codes.new_token(), deps.now()
    return token, records.TrustedBrowser(
        token_hash=codes.token_hash(token), trusted_browser_id=str(uuid.uuid4()), user_id=attempt.user_id,
        epoch=attempt.trust_epoch, created_at=now, expires_at=now + deps.settings.trusted_browser_days * 86400,
        browser=browsers.recognised(user_agent))


def invalid_credentials(deps: Deps) -> InvalidCredentials:
    s = deps.settings
    return InvalidCredentials(f"Gebruikersnaam of wachtwoord onjuist. Is uw account geblokkeerd? Dan heeft u daarover "
                              f"een e-mail gekregen; neem contact op met het secretariaat: {s.secretariat_phone} of "
                              f"{s.secretariat_email}.")


def _too_many_guesses(deps: Deps) -> RateLimited:
    s = deps.settings
    return RateLimited(
        "Voor deze gebruikersnaam is te vaak een verkeerd wachtwoord ingevuld vanaf een browser waarop nog niet is "
        "ingelogd. Log in op een computer of telefoon waarop u eerder inlogde, probeer het later opnieuw, of kies "
        "via \u201cWachtwoord vergeten\u201d een nieuw wachtwoord. Hulp nodig? Bel het secretariaat: "
        f"{s.secretariat_phone}.", code="too_many_attempts")


def resend_code(deps: Deps, attempt_token: str | None) -> LoginStarted:
    """"SMS opnieuw versturen": a new code replaces the old one, within the account's send limits."""
    if not attempt_token:
        raise login_expired()
    attempt = open_attempt(deps, attempt_token)
    s, now = deps.settings, deps.now()
    if not store.rate_limits.claim(f"sms-resend#{attempt.user_id}", now, gap=s.sms_resend_gap_seconds,
                                   per_window=s.sms_resends_per_hour, window=3600):
        raise RateLimited(f"Er is net al een SMS verstuurd. U kunt hoogstens één SMS per {s.sms_resend_gap_seconds} "
                          f"seconden en {s.sms_resends_per_hour} per uur laten versturen. Wacht even en probeer "
                          f"het opnieuw, of gebruik een back-up code.")
    code, salt = codes.new_sms_code(), codes.new_salt()
    try:
        send_login_code(deps, attempt.phone, code, attempt.user_id)  # first: if it fails, the old code still works
    except DomainError:
        store.rate_limits.release(f"sms-resend#{attempt.user_id}", now)  # and the user may try again at once
        raise
    if not store.logins.replace_code(attempt.attempt_hash, salt, codes.code_hash(code, salt), now + s.sms_code_seconds):
        raise login_expired()
    logger.info("login code resent", extra={"user_id": attempt.user_id})
    return LoginStarted(attempt_token, phone_hint(attempt.phone), "sms")


def open_attempt(deps: Deps, attempt_token: str | None) -> records.LoginAttempt:
    attempt = store.logins.get(codes.token_hash(attempt_token[:128])) if attempt_token else None
    if attempt is None or attempt.consumed or deps.now() >= attempt.expires_at:
        raise login_expired()
    return attempt


def login_expired() -> Expired:
    return Expired("Uw inlogpoging is verlopen. Log opnieuw in.", code="login_expired")


def record_failure_or_block(deps: Deps, who: Person, method: str, browser: str | None = None) -> None:
    """Count a failed proof of identity; AccountBlocked when the account is (now) blocked."""
    if _record_failure(deps, who, method, browser):
        raise blocked(deps)


def _record_failure(deps: Deps, who: Person, method: str, browser: str | None) -> bool:
    """Count a failure and show it in the sign-in history; True when the account is blocked. The count stops at
    the threshold and comes back None when the account was blocked already: a blocked count is this failure's."""
    s, now = deps.settings, deps.now()
    new_count = store.users.record_failure(who.user_id, s.lockout_threshold)
    store.signins.record(store.signins.new(who.user_id, now, method, False, s.signin_history_seconds, browser))
    if new_count is not None and accounts.is_blocked(new_count, s.lockout_threshold):
        count(Metric.ACCOUNT_LOCKED)
        ended = store.sessions.delete_all_for_user(who.user_id)  # a session open elsewhere stops working too
        store.users.end_trust(who.user_id)  # and no browser skips the second factor after an unlock
        logger.warning("account blocked after repeated failures", extra={"user_id": who.user_id,
                                                                          "sessions_ended": ended})
        security_notice(deps, who, templates.ACCOUNT_BLOCKED.format(phone=s.secretariat_phone,
                                                                    email=s.secretariat_email))
        return True
    return new_count is None


def attempt_person(attempt: records.LoginAttempt) -> Person:
    return Person(attempt.user_id, attempt.name, attempt.email)


def new_login_session(deps: Deps, attempt: records.LoginAttempt, method: str, browser: str | None) -> NewSession:
    """The session a completed login opens, listing the user's omgevingen (the login's transaction checks that
    each granted one is still theirs)."""
    return new_session(deps, user_id=attempt.user_id, role=attempt.role, employer_id=attempt.employer_id,
                       method=method, employer_ids=session_employer_ids(
                           attempt.user_id, attempt.role, attempt.employer_id), browser=browser,
                       grant=Grant(attempt.employer_role, attempt.department_ids))


def success_event(deps: Deps, attempt: records.LoginAttempt, session: NewSession) -> records.SignIn:
    return store.signins.new(attempt.user_id, deps.now(), session.record.method, True,
                             deps.settings.signin_history_seconds, session.record.browser)


def complete_login(deps: Deps, attempt_token: str | None, code: str, user_agent: str = "",
                   trust_browser: bool = False) -> LoginCompleted:
    """Check the SMS code or the authenticator app's code; the right code, once, opens the session."""
    attempt = open_attempt(deps, attempt_token)
    now, threshold, browser = deps.now(), deps.settings.lockout_threshold, browsers.recognised(user_agent)
    device_token = None if attempt.device_hash else codes.new_token()
    new_device = codes.token_hash(device_token) if device_token else None
    trust_token, trust = new_trust(deps, attempt, user_agent, trust_browser)
    if (attempt.code_hash and attempt.code_salt is not None
            and codes.same(codes.code_hash(code[:64], attempt.code_salt), attempt.code_hash)):
        if now >= (attempt.code_expires_at or 0):
            raise Expired("De beveiligingscode is verlopen. Klik op “Inloggen mislukt” en dan op “SMS opnieuw "
                          "versturen” voor een nieuwe code.", code="code_expired")
        session = new_login_session(deps, attempt, "sms", browser)
        opened = store.logins.complete(attempt, session.record, success_event(deps, attempt, session), threshold,
                                       new_device, trust)
    elif attempt.totp_secret is not None and (step := _app_step(deps, attempt, code, now)) is not None:
        session = new_login_session(deps, attempt, "totp", browser)
        opened = store.logins.complete_with_totp(attempt, session.record, success_event(deps, attempt, session),
                                                 threshold, step, new_device, trust)
        if not opened and not is_blocked(deps, attempt.user_id):
            raise InvalidCode("Deze code is al gebruikt. Wacht op de volgende code in uw app.", code="code_used")
    else:
        count(Metric.LOGIN_FAILED)
        record_failure_or_block(deps, attempt_person(attempt), _code_method(attempt), browser)
        raise InvalidCode()
    if not opened:
        if is_blocked(deps, attempt.user_id):
            raise blocked(deps)
        raise login_expired()
    return signed_in(deps, attempt, session, device_token, user_agent, trust_token)


def _code_method(attempt: records.LoginAttempt) -> str:
    """The kind of code a wrong one was meant to be: in a passkey's attempt, the app's unless an SMS was sent."""
    if attempt.method != "passkey":
        return attempt.method
    return "totp" if attempt.totp_secret and not attempt.code_hash else "sms"


def signed_in(deps: Deps, attempt: records.LoginAttempt, session: NewSession, device_token: str | None,
              user_agent: str, trust_token: str | None = None) -> LoginCompleted:
    """A completed login; from a browser the account did not know, the user is told by email."""
    count(Metric.LOGIN_SUCCEEDED)
    logger.info("login completed", extra={"user_id": attempt.user_id, "method": session.record.method,
                                          "new_browser": bool(device_token)})
    if device_token:
        _tell_of_new_browser(deps, attempt, user_agent)
    return LoginCompleted(session, attempt.user_id, attempt.name, attempt.role, device_token, trust_token)


def _tell_of_new_browser(deps: Deps, attempt: records.LoginAttempt, user_agent: str) -> None:
    s = deps.settings
    when = datetime.fromtimestamp(deps.now(), _AMSTERDAM)
    moment = f"{when.day} {_MONTHS[when.month - 1]} {when.year} om {when:%H:%M} (Nederlandse tijd)"
    notify(deps, attempt_person(attempt), templates.new_sign_in(
        attempt.name, moment, browsers.describe(user_agent), s.portal_url, s.secretariat_phone, s.secretariat_email))


_AMSTERDAM = ZoneInfo("Europe/Amsterdam")
_MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december")


def _app_step(deps: Deps, attempt: records.LoginAttempt, code: str, now: int) -> int | None:
    """The app's time step for `code`; the sealed key was copied into the attempt at the password step."""
    if attempt.totp_secret is None:
        return None
    try:
        secret = deps.secrets.open(attempt.totp_secret, {"user_id": attempt.user_id})
    except SecretsUnavailable as outage:
        logger.warning("app code not checkable: kms failed", extra={"user_id": attempt.user_id,
                                                                    "aws_error": outage.code})
        count(Metric.KMS_FAILED)
        raise Unavailable("De code van uw authenticatie-app kan nu even niet worden gecontroleerd. Klik op "
                          "\u201cInloggen mislukt\u201d en laat een SMS-code versturen, of gebruik een back-up code. "
                          "Lukt dat niet, probeer het dan over een paar minuten opnieuw.",
                          code="app_code_unavailable", retry_after=60) from None
    return totp.matching_step(secret, code[:64], now)


def is_blocked(deps: Deps, user_id: str) -> bool:
    user = store.users.get(user_id)
    return user is not None and accounts.is_blocked(user.failed_count, deps.settings.lockout_threshold)


def complete_with_backup_code(deps: Deps, attempt_token: str | None, code: str,
                              user_agent: str = "", trust_browser: bool = False) -> LoginCompleted:
    """"Gebruik back-up code": each code opens one session, once."""
    attempt = open_attempt(deps, attempt_token)
    device_token = None if attempt.device_hash else codes.new_token()
    trust_token, trust = new_trust(deps, attempt, user_agent, trust_browser)
    user = store.users.get(attempt.user_id)
    matched, browser = _matching_backup_code(user, code), browsers.recognised(user_agent)
    if matched is None:
        count(Metric.LOGIN_FAILED)
        record_failure_or_block(deps, attempt_person(attempt), "backup_code", browser)
        raise InvalidCode("Deze back-up code is onjuist of al gebruikt.", field="code")
    index, digest = matched
    session = new_login_session(deps, attempt, "backup_code", browser)
    if not store.logins.complete_with_backup_code(
            attempt, session.record, success_event(deps, attempt, session), deps.settings.lockout_threshold, index,
            digest, codes.token_hash(device_token) if device_token else None, trust):
        if is_blocked(deps, attempt.user_id):
            raise blocked(deps)
        raise login_expired()
    return signed_in(deps, attempt, session, device_token, user_agent, trust_token)


def _matching_backup_code(user: records.User | None, entered: str) -> tuple[int, str] | None:
    """The index and hash of the user's unused backup code `entered`, if it is one."""
    normalised = codes.normalise_code(entered[:64])
    if len(normalised) != codes.BACKUP_CODE_LENGTH or user is None:
        return None
    for index, stored in enumerate(user.backup_codes):
        digest = codes.code_hash(normalised, stored.salt)
        if codes.same(digest, stored.hash):
            return index, digest
    return None
