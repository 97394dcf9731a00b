"""Login, logout and who-am-I."""
from __future__ import annotations

from chalice import Blueprint, Response

from ..domain.accounts import Role
from ..services import auth, passkey_login, sessions
from ..services import me as whoami
from ..services.auth import (
    BackupCodeEntry,
    CodeEntry,
    CodeStep,
    LoggedOut,
    LoginRequest,
    SignedIn,
    SignedInAtOnce,
)
from ..services.me import Contact, EnvironmentChoice, Me
from ..services.passkey_login import PasskeyChallenge
from ..services.passkey_options import PasskeyAssertion, PasskeySecondFactor
from ..services.sessions import Principal
from .http import (
    CSRF_COOKIE,
    CSRF_HEADER,
    DEVICE_COOKIE,
    LOGIN_COOKIE,
    PASSKEY_COOKIE,
    SESSION_COOKIE,
    SIGNED_IN,
    TRUST_COOKIE,
    Edge,
    api_route,
    clear_cookie,
    cookies,
    deps,
    json_response,
    session_cookies,
    set_cookie,
)

bp = Blueprint(__name__)


@api_route(bp, "/api/contact")
def contact() -> Contact:
    """The secretariat's phone number and email address."""
    return whoami.contact(deps())


@api_route(bp, "/api/auth/login", methods=("POST",), edge=(Edge.SIGN_IN, Edge.SMS),
           response=CodeStep | SignedInAtOnce)
def login(request: LoginRequest) -> Response:
    """Inloggen: the password step; then the second factor (the vp_login cookie) — or, in a browser trusted for 30
    days (the vp_trust cookie), the session at once."""
    http_request = bp.current_request
    jar = cookies(http_request)
    started = auth.start_login(deps(), request.username, request.password, jar.get(DEVICE_COOKIE),
                               http_request.headers.get("user-agent", ""), jar.get(TRUST_COOKIE))
    if isinstance(started, auth.LoginCompleted):
        return json_response(started.answer_at_once(), cookies=_session_cookies(started))
    cookie = set_cookie(LOGIN_COOKIE, started.attempt_token, max_age=deps().settings.login_attempt_seconds,
                        path="/api/auth")
    return json_response(started.answer(), cookies=[cookie])


@api_route(bp, "/api/auth/code", methods=("POST",), edge=(Edge.SIGN_IN,), login_attempt=True, response=SignedIn)
def code(request: CodeEntry) -> Response:
    """The SMS code or the app's code: the right one, once, opens the session (and may trust this browser)."""
    http_request = bp.current_request
    done = auth.complete_login(deps(), cookies(http_request).get(LOGIN_COOKIE), request.code,
                               http_request.headers.get("user-agent", ""), request.trust_browser)
    return _signed_in(done)


@api_route(bp, "/api/auth/backup-code", methods=("POST",), edge=(Edge.SIGN_IN,), login_attempt=True, response=SignedIn)
def backup_code(request: BackupCodeEntry) -> Response:
    """Gebruik back-up code: each code opens one session, once."""
    http_request = bp.current_request
    done = auth.complete_with_backup_code(deps(), cookies(http_request).get(LOGIN_COOKIE), request.code,
                                          http_request.headers.get("user-agent", ""), request.trust_browser)
    return _signed_in(done)


@api_route(bp, "/api/auth/passkey/options", methods=("POST",), edge=(Edge.SIGN_IN,), login_attempt=True)
def passkey_challenge() -> PasskeyChallenge:
    """A new challenge for the login's passkey (after a failed try, or when the first one expired)."""
    return passkey_login.second_factor_options(deps(), cookies(bp.current_request).get(LOGIN_COOKIE))


@api_route(bp, "/api/auth/passkey", methods=("POST",), edge=(Edge.SIGN_IN,), login_attempt=True, response=SignedIn)
def passkey(request: PasskeySecondFactor) -> Response:
    """The passkey as the login's second step: its assertion, once, opens the session."""
    http_request = bp.current_request
    done = passkey_login.complete_second_factor(deps(), cookies(http_request).get(LOGIN_COOKIE), request,
                                                http_request.headers.get("user-agent", ""))
    return _signed_in(done)


@api_route(bp, "/api/auth/passkey-login/options", methods=("POST",), edge=(Edge.SIGN_IN,),
           response=PasskeyChallenge)
def passwordless_options() -> Response:
    """Inloggen met passkey: the options for the browser, the challenge's token in the vp_passkey cookie."""
    started = passkey_login.passwordless_options(deps())
    cookie = set_cookie(PASSKEY_COOKIE, started.token, max_age=deps().settings.passkey_challenge_seconds,
                        path="/api/auth")
    return json_response(started.answer(), cookies=[cookie])


@api_route(bp, "/api/auth/passkey-login", methods=("POST",), edge=(Edge.SIGN_IN,), response=SignedIn)
def passwordless(request: PasskeyAssertion) -> Response:
    """Inloggen met passkey: the passkey alone opens the session of its account, as a completed login does."""
    http_request = bp.current_request
    jar = cookies(http_request)
    done = passkey_login.complete_passwordless(deps(), jar.get(PASSKEY_COOKIE), request, jar.get(DEVICE_COOKIE),
                                               http_request.headers.get("user-agent", ""))
    return json_response(done.answer(), cookies=[*_session_cookies(done), clear_cookie(PASSKEY_COOKIE,
                                                                                       path="/api/auth")])


def _signed_in(done: auth.LoginCompleted) -> Response:
    return json_response(done.answer(), cookies=_session_cookies(done))


def _session_cookies(done: auth.LoginCompleted) -> list[str]:
    return session_cookies(done.session, done.device_token, done.trust_token)


@api_route(bp, "/api/auth/code/resend", methods=("POST",), edge=(Edge.SMS,), login_attempt=True)
def resend_code() -> CodeStep:
    """SMS opnieuw versturen: a new code replaces the old one."""
    return auth.resend_code(deps(), cookies(bp.current_request).get(LOGIN_COOKIE)).answer()


@api_route(bp, "/api/auth/logout", methods=("POST",), response=LoggedOut)
def logout() -> Response:
    """Uitloggen: the session ends and its cookies are cleared."""
    request = bp.current_request
    sessions.end(cookies(request).get(SESSION_COOKIE), request.headers.get(CSRF_HEADER))
    answer: LoggedOut = {}
    return json_response(answer, 200, cookies=[clear_cookie(SESSION_COOKIE),
                                               clear_cookie(CSRF_COOKIE, http_only=False)])


@api_route(bp, "/api/auth/me", role=SIGNED_IN)
def me(principal: Principal) -> Me:
    """The signed-in user, their omgevingen and the secretariat's contact details."""
    return whoami.me(deps(), principal)


@api_route(bp, "/api/auth/environment", methods=("POST",), role=Role.WERKGEVER)
def switch_environment(request: EnvironmentChoice, principal: Principal) -> Me:
    """Work in another of the user's omgevingen (employers) from now on, in this session."""
    return whoami.switch_environment(deps(), principal, request)
