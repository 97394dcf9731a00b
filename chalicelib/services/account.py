"""The signed-in user's own security: re-authentication, backup codes, app, mobile number, overview."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal, TypedDict

from .. import store
from ..domain import codes, totp
from ..domain.errors import Forbidden, InvalidCode, InvalidInput, NotFound
from ..domain.fields import Field
from ..domain.phones import phone_hint
from ..notify import templates
from ..observability import logger
from ..store import records
from .auth import record_failure_or_block
from .backup_codes import new_set
from .deps import Deps
from .notices import person, security_notice, send_confirmation_code, send_login_code, sms_number
from .sessions import Principal, current_session, current_user

_PASSWORD = 1024
_CODE = 64  # longer is no code of ours; the checks below compare at most this much


# --- Requests ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReauthPassword:
    """Step one of re-authentication: the password of the signed-in user."""
    password: Annotated[str, Field("uw wachtwoord", max_length=_PASSWORD, format="password")]


@dataclass(frozen=True)
class ReauthCode:
    """Step two of re-authentication: the code from the app, or the SMS code just sent."""
    code: Annotated[str, Field("de beveiligingscode", max_length=_CODE)]


@dataclass(frozen=True)
class AppCode:
    """The first code of a new authenticator app, which confirms it."""
    code: Annotated[str, Field("de code uit de app", max_length=_CODE)]


@dataclass(frozen=True)
class NewPhone:
    """The new mobile number, as typed (06 12345678 or +31612345678)."""
    phone: Annotated[str, Field("het nieuwe mobiele nummer", max_length=64, example="06 12345678")]


@dataclass(frozen=True)
class PhoneCode:
    """The code sent to the new mobile number."""
    code: Annotated[str, Field("de code", max_length=_CODE)]


# --- Answers -----------------------------------------------------------------------------------------------


class Done(TypedDict):
    """Done; nothing more to say."""


class ReauthChallenge(TypedDict):
    """The password was right: now the code from the app ("totp") or the SMS just sent ("sms")."""
    method: Literal["totp", "sms"]
    phone_hint: str | None


class Reauthenticated(TypedDict):
    """Sensitive changes are allowed until this moment (seconds since 1970)."""
    reauthenticated_until: int


class BackupCodes(TypedDict):
    """The new backup codes, shown this once."""
    backup_codes: list[str]


class AppSetup(TypedDict):
    """A new key for the authenticator app: as text, as otpauth URI and as QR code (SVG)."""
    secret: str
    otpauth_uri: str
    qr_svg: str


class SecondFactor(TypedDict):
    """The second factor the account now uses."""
    second_factor: Literal["totp", "sms"]


class PhoneCodeSent(TypedDict):
    """A code went to the new number, shown by its last two digits."""
    phone_hint: str


class PhoneChanged(TypedDict):
    """The new number is in use; this many other sessions ended."""
    phone_hint: str
    sessions_ended: int


class SignInView(TypedDict):
    """One attempt: when, how, whether it worked, and from which browser (in words; null: not known)."""
    at: int
    method: str
    success: bool
    browser: str | None


class SessionView(TypedDict):
    """A signed-in browser (in words; null: not known)."""
    session_id: str
    method: str
    created_at: int
    last_seen_at: int
    current: bool
    browser: str | None


class TrustedBrowserView(TypedDict):
    """A browser that skips the second factor until `expires_at` ("Deze browser 30 dagen vertrouwen"); its browser
    in words (null: not known)."""
    trusted_browser_id: str
    browser: str | None
    created_at: int
    expires_at: int


class SecurityOverview(TypedDict):
    """Recent sign-ins (`sign_ins`: the password step and the login's second step, newest first), the security
    actions within a session (`security_actions`: re-authentication, a number change), the active sessions, the
    caller's own marked `current`, and the browsers trusted to skip the second factor, newest first."""
    sign_ins: list[SignInView]
    security_actions: list[SignInView]
    sessions: list[SessionView]
    trusted_browsers: list[TrustedBrowserView]


# --- Use cases ---------------------------------------------------------------------------------------------


def start_reauthentication(deps: Deps, principal: Principal, request: ReauthPassword) -> ReauthChallenge:
    """Step one of proving it is still you: the password; then the app's code or an SMS code."""
    user = current_user(principal.user_id)
    if not deps.passwords.verify(user.password_hash, request.password[:_PASSWORD]):
        record_failure_or_block(deps, person(user), "reauth", principal.browser)
        raise InvalidInput("Het wachtwoord is onjuist.", code="invalid_password", field="password")
    if user.totp_secret:
        return {"method": "totp", "phone_hint": phone_hint(user.phone)}
    assert user.phone is not None, "a signed-in user has a mobile number: activation sets it"
    code, salt = codes.new_sms_code(), codes.new_salt()
    store.sessions.set_reauth_code(principal.session_hash, salt, codes.code_hash(code, salt),
                                   deps.now() + deps.settings.sms_code_seconds)
    send_login_code(deps, user.phone, code, user.user_id)
    return {"method": "sms", "phone_hint": phone_hint(user.phone)}


def confirm_reauthentication(deps: Deps, principal: Principal, request: ReauthCode) -> Reauthenticated:
    """Step two: the app's code or the SMS code; the session counts as freshly signed in."""
    code = request.code
    user = current_user(principal.user_id)
    now = deps.now()
    if user.totp_secret:
        _confirm_with_app(deps, principal, user, user.totp_secret, code, now)
    else:
        _confirm_with_sms(deps, principal, code, now)
    store.sessions.mark_authenticated(principal.session_hash, now)
    _record_success(deps, principal, "reauth")
    return {"reauthenticated_until": now + deps.settings.reauth_valid_seconds}


def _record_success(deps: Deps, principal: Principal, method: str) -> None:
    """Successful proofs outside the login are kept with the sign-ins too (the overview lists them apart)."""
    store.signins.record(store.signins.new(principal.user_id, deps.now(), method, True,
                                           deps.settings.signin_history_seconds, principal.browser))


def _confirm_with_app(deps: Deps, principal: Principal, user: records.User, sealed_secret: str, code: str,
                      now: int) -> None:
    step = totp.matching_step(deps.secrets.open(sealed_secret, {"user_id": user.user_id}), code[:_CODE], now)
    if step is None:
        record_failure_or_block(deps, person(user), "reauth", principal.browser)
        raise InvalidCode(field="code")
    if not store.users.use_totp_step(user.user_id, step):
        raise InvalidInput("Deze code is al gebruikt. Wacht op de volgende code in uw app.", code="code_used",
                           field="code")


def _confirm_with_sms(deps: Deps, principal: Principal, code: str, now: int) -> None:
    session = current_session(principal)
    if (session.reauth_code_hash is None or session.reauth_code_salt is None
            or now >= (session.reauth_code_expires_at or 0)):
        raise InvalidInput("De code is verlopen. Vul uw wachtwoord opnieuw in voor een nieuwe code.",
                           code="code_expired", field="code")
    digest = codes.code_hash(code[:_CODE], session.reauth_code_salt)
    if not codes.same(digest, session.reauth_code_hash):
        record_failure_or_block(deps, person(current_user(principal.user_id)), "reauth", principal.browser)
        raise InvalidCode(field="code")
    if not store.sessions.use_reauth_code(principal.session_hash, digest):
        raise InvalidInput("Deze code is al gebruikt.", code="code_used", field="code")


def require_recent_authentication(deps: Deps, principal: Principal) -> None:
    """Sensitive changes need a login or re-authentication of the last few minutes."""
    if deps.now() - principal.authenticated_at > deps.settings.reauth_valid_seconds:
        raise Forbidden("Bevestig eerst dat u het bent: vul uw wachtwoord en beveiligingscode opnieuw in.",
                        code="reauthentication_required")


def regenerate_backup_codes(deps: Deps, principal: Principal) -> BackupCodes:
    """"Nieuwe back-up codes genereren": a new set replaces the old one."""
    require_recent_authentication(deps, principal)
    shown, items = new_set(deps)
    store.users.replace_backup_codes(principal.user_id, items)
    notify_security_change(deps, principal.user_id, templates.BACKUP_CODES_RENEWED)
    logger.info("backup codes renewed", extra={"user_id": principal.user_id})
    return {"backup_codes": shown}


def notify_security_change(deps: Deps, user_id: str, what: str) -> None:
    user = store.users.get(user_id)
    if user is not None:  # gone meanwhile: there is no one to tell
        security_notice(deps, person(user), what)


def start_app_setup(deps: Deps, principal: Principal) -> AppSetup:
    """"Authenticatie-app instellen": a new key, shown as QR code and text; active only once confirmed."""
    require_recent_authentication(deps, principal)
    user = current_user(principal.user_id)
    secret = totp.new_secret()
    store.users.set_totp_pending(user.user_id, deps.secrets.seal(secret, {"user_id": user.user_id}))
    uri = totp.provisioning_uri(secret, user.username)
    return {"secret": secret, "otpauth_uri": uri, "qr_svg": totp.qr_svg(uri)}


def confirm_app_setup(deps: Deps, principal: Principal, request: AppCode) -> SecondFactor:
    """The app's first code makes it the second factor; every other session of the user ends."""
    code = request.code
    user = current_user(principal.user_id)
    if not user.totp_pending:
        raise InvalidInput("Start eerst het instellen van de authenticatie-app.", code="no_app_setup", field="code")
    secret = deps.secrets.open(user.totp_pending, {"user_id": user.user_id})
    step = totp.matching_step(secret, code[:_CODE], deps.now())
    if step is None:
        raise InvalidInput("De code klopt niet. Controleer de tijd op uw telefoon en vul de nieuwste code in.",
                           code="invalid_code", field="code")
    if not store.users.activate_totp(user.user_id, user.totp_pending, step):
        raise InvalidInput("Start het instellen opnieuw.", code="no_app_setup", field="code")
    ended = store.sessions.delete_all_for_user(user.user_id, keep=principal.session_hash)
    notify_security_change(deps, user.user_id, templates.APP_ADDED)
    logger.info("authenticator app added", extra={"user_id": user.user_id, "sessions_ended": ended})
    return {"second_factor": "totp"}


def remove_app(deps: Deps, principal: Principal) -> SecondFactor:
    """Back to SMS codes; every other session of the user ends."""
    require_recent_authentication(deps, principal)
    if not store.users.remove_totp(principal.user_id):
        raise InvalidInput("Er is geen authenticatie-app ingesteld.", code="no_app", field="app")
    ended = store.sessions.delete_all_for_user(principal.user_id, keep=principal.session_hash)
    notify_security_change(deps, principal.user_id, templates.APP_REMOVED)
    logger.info("authenticator app removed", extra={"user_id": principal.user_id, "sessions_ended": ended})
    return {"second_factor": "sms"}


def start_phone_change(deps: Deps, principal: Principal, request: NewPhone) -> PhoneCodeSent:
    """"Mobiel nummer wijzigen": the new number gets a code and replaces the old one only when confirmed."""
    require_recent_authentication(deps, principal)
    phone = sms_number(deps, request.phone)
    code, salt = codes.new_sms_code(), codes.new_salt()
    store.sessions.set_new_phone(principal.session_hash, phone, salt, codes.code_hash(code, salt),
                                 deps.now() + deps.settings.sms_code_seconds)
    send_confirmation_code(deps, phone, code, principal.user_id)
    return {"phone_hint": _hint(phone)}


def confirm_phone_change(deps: Deps, principal: Principal, request: PhoneCode) -> PhoneChanged:
    """The new number replaces the old; every other session of the user ends (a second factor changed)."""
    code = request.code
    session = current_session(principal)
    if (session.new_phone is None or session.new_phone_code_hash is None or session.new_phone_code_salt is None
            or deps.now() >= (session.new_phone_code_expires_at or 0)):
        raise InvalidInput("De code is verlopen. Vraag een nieuwe code aan.", code="code_expired", field="code")
    user = current_user(principal.user_id)
    digest = codes.code_hash(code[:_CODE], session.new_phone_code_salt)
    if not codes.same(digest, session.new_phone_code_hash):
        record_failure_or_block(deps, person(user), "phone_change", principal.browser)
        raise InvalidCode(field="code")
    if not store.sessions.use_new_phone_code(principal.session_hash, digest):
        raise InvalidInput("Deze code is al gebruikt.", code="code_used", field="code")
    store.users.set_phone(user.user_id, session.new_phone)
    _record_success(deps, principal, "phone_change")
    ended = store.sessions.delete_all_for_user(user.user_id, keep=principal.session_hash)
    notify_security_change(deps, user.user_id, templates.PHONE_CHANGED.format(last_two=session.new_phone[-2:]))
    logger.info("phone changed by the user", extra={"user_id": user.user_id, "sessions_ended": ended})
    return {"phone_hint": _hint(session.new_phone), "sessions_ended": ended}


def _hint(phone: str) -> str:
    """The hint of a number just checked by `sms_number`, which is never empty."""
    return phone_hint(phone) or ""


_SIGN_IN_METHODS = frozenset({"password", "sms", "totp", "backup_code", "passkey", "trusted_browser"})
"""The steps of a login; anything else in the history (re-authentication, a number change) happened within a
session that was already signed in."""


def security_overview(deps: Deps, principal: Principal) -> SecurityOverview:
    """Recent sign-ins, the recent security actions, the active sessions (the caller's own marked) and the trusted
    browsers. Three Queries (the newest history items, the user's sessions, their trusts) and the user's GetItem
    (whose trust epoch says which trusts still count)."""
    now, idle = deps.now(), deps.settings.session_idle_seconds
    sessions = [s for s in store.sessions.for_user(principal.user_id)
                if now < s.expires_at and now - s.last_seen_at < idle]
    history: list[SignInView] = [{"at": e.at, "method": e.method, "success": e.success, "browser": e.browser}
                                 for e in store.signins.recent(principal.user_id)]
    return {
        "sign_ins": [e for e in history if e["method"] in _SIGN_IN_METHODS],
        "security_actions": [e for e in history if e["method"] not in _SIGN_IN_METHODS],
        "sessions": [{"session_id": s.session_id, "method": s.method, "created_at": s.created_at,
                      "last_seen_at": s.last_seen_at, "current": s.token_hash == principal.session_hash,
                      "browser": s.browser}
                     for s in sorted(sessions, key=lambda s: s.created_at, reverse=True)],
        "trusted_browsers": [{"trusted_browser_id": t.trusted_browser_id, "browser": t.browser,
                              "created_at": t.created_at, "expires_at": t.expires_at}
                             for t in _trusted(deps, principal)],
    }


def _trusted(deps: Deps, principal: Principal) -> list[records.TrustedBrowser]:
    """The user's browsers that are trusted now: of their epoch, not expired; newest first."""
    epoch, now = current_user(principal.user_id).trust_epoch, deps.now()
    return [t for t in store.trusted_browsers.for_user(principal.user_id) if t.epoch == epoch and now < t.expires_at]


def revoke_trusted_browser(deps: Deps, principal: Principal, trusted_browser_id: str) -> Done:
    """"Vertrouwen intrekken": that browser asks for the second factor again; another user's id is not found."""
    match = next((t for t in _trusted(deps, principal) if t.trusted_browser_id == trusted_browser_id), None)
    if match is None or not store.trusted_browsers.delete(match):
        raise NotFound("Deze browser wordt niet (meer) vertrouwd.", code="trusted_browser_unknown")
    logger.info("trusted browser revoked", extra={"user_id": principal.user_id})
    return {}


def end_session(deps: Deps, principal: Principal, session_id: str) -> Done:
    """"Afmelden" for one of the caller's own sessions; another user's id is simply not found."""
    match = next((s for s in store.sessions.for_user(principal.user_id) if s.session_id == session_id), None)
    if match is None:
        raise NotFound("Deze sessie bestaat niet (meer).", code="session_unknown")
    store.sessions.delete(match.token_hash)
    logger.info("session ended from the security overview", extra={"user_id": principal.user_id})
    return {}
