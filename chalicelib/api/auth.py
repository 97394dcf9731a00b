"""Login, logout and who-am-I."""
from __future__ import annotations

from chalice import Blueprint, Response

from ..domain.accounts import Role
from ..services import auth, environments, sessions
from .http import (CSRF_COOKIE, CSRF_HEADER, DEVICE_COOKIE, LOGIN_COOKIE, SESSION_COOKIE, Edge, api_route, body,
                   clear_cookie, cookies, deps, json_response, require_session, session_cookies, set_cookie,
                   text_field)

bp = Blueprint(__name__)


@api_route(bp, "/api/contact")
def contact() -> Response:
    return json_response(auth.contact(deps()))


@api_route(bp, "/api/auth/login", methods=("POST",), edge=(Edge.SIGN_IN, Edge.SMS))
def login() -> Response:
    data = body(bp.current_request)
    username = text_field(data, "username", "uw gebruikersnaam", max_length=256)
    password = text_field(data, "password", "uw wachtwoord", max_length=1024)
    started = auth.start_login(deps(), username, password, cookies(bp.current_request).get(DEVICE_COOKIE))
    cookie = set_cookie(LOGIN_COOKIE, started.attempt_token, max_age=deps().settings.login_attempt_seconds,
                        path="/api/auth")
    answer = {"next": "code", "method": started.method, "phone_hint": started.phone_hint}
    if started.sms_refused:
        answer.update(sms_sent=False, message=started.sms_refused)
    return json_response(answer, cookies=[cookie])


@api_route(bp, "/api/auth/code", methods=("POST",), edge=(Edge.SIGN_IN,))
def code() -> Response:
    data = body(bp.current_request)
    entered = text_field(data, "code", "de beveiligingscode", max_length=64)
    request = bp.current_request
    done = auth.complete_login(deps(), cookies(request).get(LOGIN_COOKIE), entered,
                               request.headers.get("user-agent", ""))
    return _signed_in(done)


def _signed_in(done: auth.LoginCompleted) -> Response:
    user = {"user_id": done.user_id, "name": done.name, "role": done.role}
    return json_response({"user": user}, cookies=session_cookies(done.session, done.device_token))


@api_route(bp, "/api/auth/backup-code", methods=("POST",), edge=(Edge.SIGN_IN,))
def backup_code() -> Response:
    data = body(bp.current_request)
    entered = text_field(data, "code", "de back-up code", max_length=64)
    request = bp.current_request
    done = auth.complete_with_backup_code(deps(), cookies(request).get(LOGIN_COOKIE), entered,
                                          request.headers.get("user-agent", ""))
    return _signed_in(done)


@api_route(bp, "/api/auth/code/resend", methods=("POST",), edge=(Edge.SMS,))
def resend_code() -> Response:
    started = auth.resend_code(deps(), cookies(bp.current_request).get(LOGIN_COOKIE))
    return json_response({"next": "code", "method": "sms", "phone_hint": started.phone_hint})


@api_route(bp, "/api/auth/logout", methods=("POST",))
def logout() -> Response:
    request = bp.current_request
    sessions.end(cookies(request).get(SESSION_COOKIE), request.headers.get(CSRF_HEADER))
    return json_response({}, 200, cookies=[clear_cookie(SESSION_COOKIE),
                                           clear_cookie(CSRF_COOKIE, http_only=False)])


@api_route(bp, "/api/auth/me")
def me() -> Response:
    principal = require_session(bp.current_request)
    return json_response(auth.me(deps(), principal))


@api_route(bp, "/api/auth/environment", methods=("POST",))
def switch_environment() -> Response:
    """Work in another of the user's omgevingen (employers) from now on, in this session."""
    request = bp.current_request
    principal = require_session(request, role=Role.WERKGEVER.value)
    switched = environments.switch(deps(), principal, body(request).get("employer_id"))
    return json_response(auth.me(deps(), switched))
