"""The invitation link: onboarding steps before the first login."""
from __future__ import annotations

from chalice import Blueprint, Response

from ..services import invitations
from .http import Edge, api_route, body, bool_field, deps, json_response, session_cookies, text_field

bp = Blueprint(__name__)


@api_route(bp, "/api/invitations/{token}")
def view(token: str) -> Response:
    return json_response(invitations.view(deps(), token))


@api_route(bp, "/api/invitations/{token}/password", methods=("POST",))
def password(token: str) -> Response:
    data = body(bp.current_request)
    chosen = text_field(data, "password", "een wachtwoord", max_length=4096)
    return json_response(invitations.choose_password(deps(), token, chosen))


@api_route(bp, "/api/invitations/{token}/phone", methods=("POST",), edge=(Edge.SMS,))
def phone(token: str) -> Response:
    data = body(bp.current_request)
    number = text_field(data, "phone", "uw mobiele nummer", max_length=64)
    return json_response(invitations.choose_phone(deps(), token, number))


@api_route(bp, "/api/invitations/{token}/phone/confirm", methods=("POST",),
           edge=(Edge.SIGN_IN,))
def confirm_phone(token: str) -> Response:
    data = body(bp.current_request)
    entered = text_field(data, "code", "de code", max_length=64)
    return json_response(invitations.confirm_phone(deps(), token, entered))


@api_route(bp, "/api/invitations/{token}/complete", methods=("POST",))
def complete(token: str) -> Response:
    data = body(bp.current_request)
    accepted = bool_field(data, "accept_terms", "akkoord met de gebruiksvoorwaarden")
    version = text_field(data, "terms_version", "de versie van de gebruiksvoorwaarden", max_length=32)
    done = invitations.complete(deps(), token, accepted, version)
    user = {"user_id": done.user_id, "name": done.name, "role": done.role}
    return json_response({"user": user, "backup_codes": done.backup_codes},
                         cookies=session_cookies(done.session, done.device_token))
