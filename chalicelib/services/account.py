"""The signed-in user's own security: re-authentication, backup codes, app, mobile number, overview."""
from __future__ import annotations

from .. import store
from ..domain import codes, totp
from ..domain.errors import Forbidden, InvalidCode, InvalidInput, NotFound
from ..domain.phones import phone_hint
from ..notify import templates
from ..observability import logger
from .auth import record_failure_or_block
from .backup_codes import new_set
from .deps import Deps
from .notices import person, security_notice, send_confirmation_code, send_login_code, sms_number
from .sessions import Principal


def start_reauthentication(deps: Deps, principal: Principal, password: str) -> dict:
    """Step one of proving it is still you: the password; then the app's code or an SMS code."""
    user = store.users.get(principal.user_id)
    if not deps.passwords.verify(user.password_hash, password[:1024]):
        record_failure_or_block(deps, person(user), "reauth")
        raise InvalidInput("Het wachtwoord is onjuist.", code="invalid_password", field="password")
    if user.totp_secret:
        return {"method": "totp", "phone_hint": phone_hint(user.phone)}
    code, salt = codes.new_sms_code(), codes.new_salt()
    store.sessions.set_reauth_code(principal.session_hash, salt, codes.code_hash(code, salt),
                                   deps.now() + deps.settings.sms_code_seconds)
    send_login_code(deps, user.phone, code, user.user_id)
    return {"method": "sms", "phone_hint": phone_hint(user.phone)}


def confirm_reauthentication(deps: Deps, principal: Principal, code: str) -> dict:
    user = store.users.get(principal.user_id)
    now = deps.now()
    if user.totp_secret:
        _confirm_with_app(deps, user, code, now)
    else:
        _confirm_with_sms(deps, principal, code, now)
    store.sessions.mark_authenticated(principal.session_hash, now)
    _record_success(deps, principal.user_id, "reauth")
    return {"reauthenticated_until": now + deps.settings.reauth_valid_seconds}


def _record_success(deps: Deps, user_id: str, method: str) -> None:
    """Successful proofs outside the login show in the sign-in history too."""
    store.signins.record(store.signins.new(user_id, deps.now(), method, True, deps.settings.signin_history_seconds))


def _confirm_with_app(deps: Deps, user: object, code: str, now: int) -> None:
    step = totp.matching_step(deps.secrets.open(user.totp_secret, {"user_id": user.user_id}), code[:64], now)
    if step is None:
        record_failure_or_block(deps, person(user), "reauth")
        raise InvalidCode(field="code")
    if not store.users.use_totp_step(user.user_id, step):
        raise InvalidInput("Deze code is al gebruikt. Wacht op de volgende code in uw app.", code="code_used",
                           field="code")


def _confirm_with_sms(deps: Deps, principal: Principal, code: str, now: int) -> None:
    session = store.sessions.get(principal.session_hash)
    if session.reauth_code_hash is None or now >= (session.reauth_code_expires_at or 0):
        raise InvalidInput("De code is verlopen. Vul uw wachtwoord opnieuw in voor een nieuwe code.",
                           code="code_expired", field="code")
    digest = codes.code_hash(code[:64], session.reauth_code_salt)
    if not codes.same(digest, session.reauth_code_hash):
        record_failure_or_block(deps, person(store.users.get(principal.user_id)), "reauth")
        raise InvalidCode(field="code")
    if not store.sessions.use_reauth_code(principal.session_hash, digest):
        raise InvalidInput("Deze code is al gebruikt.", code="code_used", field="code")


def require_recent_authentication(deps: Deps, principal: Principal) -> None:
    """Sensitive changes need a login or re-authentication of the last few minutes."""
    if deps.now() - principal.authenticated_at > deps.settings.reauth_valid_seconds:
        raise Forbidden("Bevestig eerst dat u het bent: vul uw wachtwoord en beveiligingscode opnieuw in.",
                        code="reauthentication_required")


def regenerate_backup_codes(deps: Deps, principal: Principal) -> list[str]:
    """"Nieuwe back-up codes genereren": a new set replaces the old one."""
    require_recent_authentication(deps, principal)
    shown, items = new_set(deps)
    store.users.replace_backup_codes(principal.user_id, items)
    notify_security_change(deps, principal.user_id, templates.BACKUP_CODES_RENEWED)
    logger.info("backup codes renewed", extra={"user_id": principal.user_id})
    return shown


def notify_security_change(deps: Deps, user_id: str, what: str) -> None:
    security_notice(deps, person(store.users.get(user_id)), what)


def start_app_setup(deps: Deps, principal: Principal) -> dict:
    """"Authenticatie-app instellen": a new key, shown as QR code and text; active only once confirmed."""
    require_recent_authentication(deps, principal)
    user = store.users.get(principal.user_id)
    secret = totp.new_secret()
    store.users.set_totp_pending(user.user_id, deps.secrets.seal(secret, {"user_id": user.user_id}))
    uri = totp.provisioning_uri(secret, user.username)
    return {"secret": secret, "otpauth_uri": uri, "qr_svg": totp.qr_svg(uri)}


def confirm_app_setup(deps: Deps, principal: Principal, code: str) -> dict:
    user = store.users.get(principal.user_id)
    if not user.totp_pending:
        raise InvalidInput("Start eerst het instellen van de authenticatie-app.", code="no_app_setup", field="code")
    secret = deps.secrets.open(user.totp_pending, {"user_id": user.user_id})
    step = totp.matching_step(secret, code[:64], deps.now())
    if step is None:
        raise InvalidInput("De code klopt niet. Controleer de tijd op uw telefoon en vul de nieuwste code in.",
                           code="invalid_code", field="code")
    if not store.users.activate_totp(user.user_id, user.totp_pending, step):
        raise InvalidInput("Start het instellen opnieuw.", code="no_app_setup", field="code")
    ended = store.sessions.delete_all_for_user(user.user_id, keep=principal.session_hash)
    notify_security_change(deps, user.user_id, templates.APP_ADDED)
    logger.info("authenticator app added", extra={"user_id": user.user_id, "sessions_ended": ended})
    return {"second_factor": "totp"}


def remove_app(deps: Deps, principal: Principal) -> dict:
    require_recent_authentication(deps, principal)
    if not store.users.remove_totp(principal.user_id):
        raise InvalidInput("Er is geen authenticatie-app ingesteld.", code="no_app", field="app")
    ended = store.sessions.delete_all_for_user(principal.user_id, keep=principal.session_hash)
    notify_security_change(deps, principal.user_id, templates.APP_REMOVED)
    logger.info("authenticator app removed", extra={"user_id": principal.user_id, "sessions_ended": ended})
    return {"second_factor": "sms"}


def start_phone_change(deps: Deps, principal: Principal, raw_phone: str) -> dict:
    """"Mobiel nummer wijzigen": the new number gets a code and replaces the old one only when confirmed."""
    require_recent_authentication(deps, principal)
    phone = sms_number(deps, raw_phone)
    code, salt = codes.new_sms_code(), codes.new_salt()
    store.sessions.set_new_phone(principal.session_hash, phone, salt, codes.code_hash(code, salt),
                                 deps.now() + deps.settings.sms_code_seconds)
    send_confirmation_code(deps, phone, code, principal.user_id)
    return {"phone_hint": phone_hint(phone)}


def confirm_phone_change(deps: Deps, principal: Principal, code: str) -> dict:
    """The new number replaces the old; every other session of the user ends (a second factor changed)."""
    session = store.sessions.get(principal.session_hash)
    if session.new_phone_code_hash is None or deps.now() >= (session.new_phone_code_expires_at or 0):
        raise InvalidInput("De code is verlopen. Vraag een nieuwe code aan.", code="code_expired", field="code")
    user = store.users.get(principal.user_id)
    digest = codes.code_hash(code[:64], session.new_phone_code_salt)
    if not codes.same(digest, session.new_phone_code_hash):
        record_failure_or_block(deps, person(user), "phone_change")
        raise InvalidCode(field="code")
    if not store.sessions.use_new_phone_code(principal.session_hash, digest):
        raise InvalidInput("Deze code is al gebruikt.", code="code_used", field="code")
    store.users.set_phone(user.user_id, session.new_phone)
    _record_success(deps, user.user_id, "phone_change")
    ended = store.sessions.delete_all_for_user(user.user_id, keep=principal.session_hash)
    notify_security_change(deps, user.user_id, templates.PHONE_CHANGED.format(last_two=session.new_phone[-2:]))
    logger.info("phone changed by the user", extra={"user_id": user.user_id, "sessions_ended": ended})
    return {"phone_hint": phone_hint(session.new_phone), "sessions_ended": ended}


def security_overview(deps: Deps, principal: Principal) -> dict:
    """Recent sign-ins and the active sessions, the caller's own marked."""
    now, idle = deps.now(), deps.settings.session_idle_seconds
    sessions = [s for s in store.sessions.for_user(principal.user_id)
                if now < s.expires_at and now - s.last_seen_at < idle]
    return {
        "sign_ins": [{"at": e.at, "method": e.method, "success": e.success}
                     for e in store.signins.recent(principal.user_id)],
        "sessions": [{"session_id": s.session_id, "method": s.method, "created_at": s.created_at,
                      "last_seen_at": s.last_seen_at, "current": s.token_hash == principal.session_hash}
                     for s in sorted(sessions, key=lambda s: s.created_at, reverse=True)],
    }


def end_session(deps: Deps, principal: Principal, session_id: str) -> None:
    """"Afmelden" for one of the caller's own sessions; another user's id is simply not found."""
    match = next((s for s in store.sessions.for_user(principal.user_id) if s.session_id == session_id), None)
    if match is None:
        raise NotFound("Deze sessie bestaat niet (meer).", code="session_unknown")
    store.sessions.delete(match.token_hash)
    logger.info("session ended from the security overview", extra={"user_id": principal.user_id})
