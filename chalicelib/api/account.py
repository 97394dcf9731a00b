"""The signed-in user's security settings: re-authentication, backup codes, app, mobile number, overview."""
from __future__ import annotations

from chalice import Blueprint

from ..services import account, passkeys
from ..services.account import (
    AppCode,
    AppSetup,
    BackupCodes,
    Done,
    NewPhone,
    PhoneChanged,
    PhoneCode,
    PhoneCodeSent,
    ReauthChallenge,
    ReauthCode,
    Reauthenticated,
    ReauthPassword,
    SecondFactor,
    SecurityOverview,
)
from ..services.passkeys import PasskeyAdded, PasskeyList, PasskeyRegistration, PasskeySetup
from ..services.sessions import Principal
from .http import SIGNED_IN, Edge, api_route, deps

bp = Blueprint(__name__)


@api_route(bp, "/api/account/reauth", methods=("POST",), edge=(Edge.SIGN_IN, Edge.SMS), role=SIGNED_IN)
def start_reauth(request: ReauthPassword, principal: Principal) -> ReauthChallenge:
    """Re-authentication, step one: the password; then a code from the app or by SMS."""
    return account.start_reauthentication(deps(), principal, request)


@api_route(bp, "/api/account/reauth/confirm", methods=("POST",), edge=(Edge.SIGN_IN,), role=SIGNED_IN)
def confirm_reauth(request: ReauthCode, principal: Principal) -> Reauthenticated:
    """Re-authentication, step two: the code; sensitive changes are allowed for a few minutes."""
    return account.confirm_reauthentication(deps(), principal, request)


@api_route(bp, "/api/account/backup-codes", methods=("POST",), role=SIGNED_IN)
def regenerate_backup_codes(principal: Principal) -> BackupCodes:
    """A new set of backup codes replaces the old one (needs a recent re-authentication)."""
    return account.regenerate_backup_codes(deps(), principal)


@api_route(bp, "/api/account/app", methods=("POST",), role=SIGNED_IN)
def start_app_setup(principal: Principal) -> AppSetup:
    """A new key for an authenticator app, active once confirmed (needs a recent re-authentication)."""
    return account.start_app_setup(deps(), principal)


@api_route(bp, "/api/account/app/confirm", methods=("POST",), edge=(Edge.SIGN_IN,), role=SIGNED_IN)
def confirm_app_setup(request: AppCode, principal: Principal) -> SecondFactor:
    """The app's first code makes it the second factor; other sessions end."""
    return account.confirm_app_setup(deps(), principal, request)


@api_route(bp, "/api/account/app", methods=("DELETE",), role=SIGNED_IN)
def remove_app(principal: Principal) -> SecondFactor:
    """Remove the authenticator app: back to SMS codes (needs a recent re-authentication)."""
    return account.remove_app(deps(), principal)


@api_route(bp, "/api/account/phone", methods=("POST",), edge=(Edge.SMS,), role=SIGNED_IN)
def start_phone_change(request: NewPhone, principal: Principal) -> PhoneCodeSent:
    """Mobiel nummer wijzigen: a code goes to the new number (needs a recent re-authentication)."""
    return account.start_phone_change(deps(), principal, request)


@api_route(bp, "/api/account/phone/confirm", methods=("POST",), edge=(Edge.SIGN_IN,), role=SIGNED_IN)
def confirm_phone_change(request: PhoneCode, principal: Principal) -> PhoneChanged:
    """The code from the new number makes it the account's number; other sessions end."""
    return account.confirm_phone_change(deps(), principal, request)


@api_route(bp, "/api/account/security", role=SIGNED_IN)
def security_overview(principal: Principal) -> SecurityOverview:
    """Recent sign-ins and the active sessions."""
    return account.security_overview(deps(), principal)


@api_route(bp, "/api/account/sessions/{session_id}", methods=("DELETE",), role=SIGNED_IN)
def end_session(session_id: str, principal: Principal) -> Done:
    """Afmelden: end one of your own sessions."""
    return account.end_session(deps(), principal, session_id)


@api_route(bp, "/api/account/trusted-browsers/{trusted_browser_id}", methods=("DELETE",), role=SIGNED_IN)
def revoke_trusted_browser(trusted_browser_id: str, principal: Principal) -> Done:
    """Vertrouwen intrekken: that browser asks for the second factor again at its next login."""
    return account.revoke_trusted_browser(deps(), principal, trusted_browser_id)


@api_route(bp, "/api/account/passkeys", role=SIGNED_IN)
def list_passkeys(principal: Principal) -> PasskeyList:
    """The user's passkeys: name, added, last used."""
    return passkeys.list_passkeys(deps(), principal)


@api_route(bp, "/api/account/passkeys/options", methods=("POST",), role=SIGNED_IN)
def start_passkey_setup(principal: Principal) -> PasskeySetup:
    """Passkey toevoegen, step one: the options for the browser (needs a recent re-authentication)."""
    return passkeys.start_registration(deps(), principal)


@api_route(bp, "/api/account/passkeys", methods=("POST",), role=SIGNED_IN, status=201)
def add_passkey(request: PasskeyRegistration, principal: Principal) -> PasskeyAdded:
    """Passkey toevoegen, step two: the browser's answer and the passkey's name; other sessions end."""
    return passkeys.finish_registration(deps(), principal, request)


@api_route(bp, "/api/account/passkeys/{passkey_id}", methods=("DELETE",), role=SIGNED_IN)
def remove_passkey(passkey_id: str, principal: Principal) -> PasskeyList:
    """Verwijderen: the passkey no longer signs in (needs a recent re-authentication); other sessions end."""
    return passkeys.remove_passkey(deps(), principal, passkey_id)
