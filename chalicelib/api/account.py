"""The signed-in user's security settings: re-authentication, backup codes, app, mobile number, overview."""
from __future__ import annotations

from chalice import Blueprint, Response

from ..services import account
from .http import Edge, api_route, body, deps, json_response, require_session, text_field

bp = Blueprint(__name__)


@api_route(bp, "/api/account/reauth", methods=("POST",), edge=(Edge.SIGN_IN, Edge.SMS))
def start_reauth() -> Response:
    principal = require_session(bp.current_request)
    data = body(bp.current_request)
    password = text_field(data, "password", "uw wachtwoord", max_length=1024)
    return json_response(account.start_reauthentication(deps(), principal, password))


@api_route(bp, "/api/account/reauth/confirm", methods=("POST",), edge=(Edge.SIGN_IN,))
def confirm_reauth() -> Response:
    principal = require_session(bp.current_request)
    data = body(bp.current_request)
    code = text_field(data, "code", "de beveiligingscode", max_length=64)
    return json_response(account.confirm_reauthentication(deps(), principal, code))


@api_route(bp, "/api/account/backup-codes", methods=("POST",))
def regenerate_backup_codes() -> Response:
    principal = require_session(bp.current_request)
    return json_response({"backup_codes": account.regenerate_backup_codes(deps(), principal)})


@api_route(bp, "/api/account/app", methods=("POST",))
def start_app_setup() -> Response:
    principal = require_session(bp.current_request)
    return json_response(account.start_app_setup(deps(), principal))


@api_route(bp, "/api/account/app/confirm", methods=("POST",), edge=(Edge.SIGN_IN,))
def confirm_app_setup() -> Response:
    principal = require_session(bp.current_request)
    code = text_field(body(bp.current_request), "code", "de code uit de app", max_length=64)
    return json_response(account.confirm_app_setup(deps(), principal, code))


@api_route(bp, "/api/account/app", methods=("DELETE",))
def remove_app() -> Response:
    principal = require_session(bp.current_request)
    return json_response(account.remove_app(deps(), principal))


@api_route(bp, "/api/account/phone", methods=("POST",), edge=(Edge.SMS,))
def start_phone_change() -> Response:
    principal = require_session(bp.current_request)
    phone = text_field(body(bp.current_request), "phone", "het nieuwe mobiele nummer", max_length=64)
    return json_response(account.start_phone_change(deps(), principal, phone))


@api_route(bp, "/api/account/phone/confirm", methods=("POST",), edge=(Edge.SIGN_IN,))
def confirm_phone_change() -> Response:
    principal = require_session(bp.current_request)
    code = text_field(body(bp.current_request), "code", "de code", max_length=64)
    return json_response(account.confirm_phone_change(deps(), principal, code))


@api_route(bp, "/api/account/security")
def security_overview() -> Response:
    principal = require_session(bp.current_request)
    return json_response(account.security_overview(deps(), principal))


@api_route(bp, "/api/account/sessions/{session_id}", methods=("DELETE",))
def end_session(session_id: str) -> Response:
    principal = require_session(bp.current_request)
    account.end_session(deps(), principal, session_id)
    return json_response({})
