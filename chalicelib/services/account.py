"""The signed-in user's own security: re-authentication, backup codes, authenticator app."""
from __future__ import annotations

from .. import store
from ..domain import codes, totp
from ..domain.errors import DeliveryFailed, Forbidden, InvalidCode, InvalidInput
from ..domain.phones import phone_hint
from ..notify import templates
from ..notify.ports import SendFailed
from ..observability import Metric, count, logger
from .auth import record_failure_or_block
from .backup_codes import new_set
from .deps import Deps
from .sessions import Principal


def start_reauthentication(deps: Deps, principal: Principal, password: str) -> dict:
    """Step one of proving it is still you: the password; then the app's code or an SMS code."""
    user = store.users.get(principal.user_id)
    if not deps.passwords.verify(user.password_hash, password[:1024]):
        record_failure_or_block(deps, user.user_id)
        raise InvalidInput("Het wachtwoord is onjuist.", code="invalid_password", field="password")
    if user.totp_secret:
        return {"method": "totp", "phone_hint": phone_hint(user.phone)}
    code, salt = codes.new_sms_code(), codes.new_salt()
    store.sessions.set_reauth_code(principal.session_hash, salt, codes.code_hash(code, salt),
                                   deps.now() + deps.settings.sms_code_seconds)
    try:
        deps.sms.send_sms(user.phone, templates.sms_login_code(code, deps.settings.sms_code_seconds // 60))
    except SendFailed:
        logger.exception("sms send failed", extra={"user_id": user.user_id})
        raise DeliveryFailed("De SMS met uw beveiligingscode kon niet worden verstuurd. Probeer het over een paar "
                             "minuten opnieuw.")
    count(Metric.SMS_SENT)
    return {"method": "sms", "phone_hint": phone_hint(user.phone)}


def confirm_reauthentication(deps: Deps, principal: Principal, code: str) -> dict:
    user = store.users.get(principal.user_id)
    now = deps.now()
    if user.totp_secret:
        _confirm_with_app(deps, user, code, now)
    else:
        _confirm_with_sms(deps, principal, code, now)
    store.sessions.mark_authenticated(principal.session_hash, now)
    return {"reauthenticated_until": now + deps.settings.reauth_valid_seconds}


def _confirm_with_app(deps: Deps, user: object, code: str, now: int) -> None:
    step = totp.matching_step(deps.secrets.open(user.totp_secret, {"user_id": user.user_id}), code[:64], now)
    if step is None:
        record_failure_or_block(deps, user.user_id)
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
        record_failure_or_block(deps, principal.user_id)
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
    """Tell the user by email; a failed send is logged, the change stands."""
    user = store.users.get(user_id)
    s = deps.settings
    message = templates.security_notice(user.name, what, s.portal_url, s.secretariat_phone, s.secretariat_email)
    try:
        deps.email.send_email(user.email, message.subject, message.body)
        count(Metric.EMAIL_SENT)
    except SendFailed:
        logger.exception("security notice failed", extra={"user_id": user_id})


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
    notify_security_change(deps, user.user_id, templates.APP_ADDED)
    logger.info("authenticator app added", extra={"user_id": user.user_id})
    return {"second_factor": "totp"}


def remove_app(deps: Deps, principal: Principal) -> dict:
    require_recent_authentication(deps, principal)
    if not store.users.remove_totp(principal.user_id):
        raise InvalidInput("Er is geen authenticatie-app ingesteld.", code="no_app", field="app")
    notify_security_change(deps, principal.user_id, templates.APP_REMOVED)
    logger.info("authenticator app removed", extra={"user_id": principal.user_id})
    return {"second_factor": "sms"}
