"""Wachtwoord vergeten, Inloggegevens vergeten, and the reset link."""
from __future__ import annotations

from chalice import Blueprint, Response

from ..services import recovery
from .http import Edge, api_route, body, deps, json_response, text_field

bp = Blueprint(__name__)


@api_route(bp, "/api/auth/forgot-password", methods=("POST",), edge=(Edge.RECOVERY,))
def forgot_password() -> Response:
    identifier = text_field(body(bp.current_request), "identifier", "uw gebruikersnaam of e-mailadres",
                            max_length=254)
    return json_response({"message": recovery.forgot_password(deps(), identifier)})


@api_route(bp, "/api/auth/forgot-username", methods=("POST",), edge=(Edge.RECOVERY,))
def forgot_username() -> Response:
    email = text_field(body(bp.current_request), "email", "uw e-mailadres", max_length=254)
    return json_response({"message": recovery.forgot_username(deps(), email)})


@api_route(bp, "/api/password-resets/{token}")
def view_reset(token: str) -> Response:
    return json_response(recovery.view_reset(deps(), token))


@api_route(bp, "/api/password-resets/{token}", methods=("POST",))
def reset_password(token: str) -> Response:
    password = text_field(body(bp.current_request), "password", "een nieuw wachtwoord", max_length=4096)
    return json_response(recovery.reset_password(deps(), token, password))
