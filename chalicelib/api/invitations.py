"""The invitation link: onboarding steps before the first login."""
from __future__ import annotations

from chalice import Blueprint, Response

from ..services import invitations
from ..services.invitations import (
    Activation,
    InvitationState,
    PasswordChoice,
    PhoneChoice,
    PhoneConfirmation,
    TermsAcceptance,
)
from .http import Edge, api_route, deps, json_response, session_cookies

bp = Blueprint(__name__)


@api_route(bp, "/api/invitations/{token}")
def view(token: str) -> InvitationState:
    """The invitation behind a link and how far onboarding has come."""
    return invitations.view(deps(), token)


@api_route(bp, "/api/invitations/{token}/password", methods=("POST",))
def password(token: str, request: PasswordChoice) -> InvitationState:
    """Onboarding: choose a password."""
    return invitations.choose_password(deps(), token, request)


@api_route(bp, "/api/invitations/{token}/phone", methods=("POST",), edge=(Edge.SMS,))
def phone(token: str, request: PhoneChoice) -> InvitationState:
    """Onboarding: choose the mobile number; it gets a code by SMS."""
    return invitations.choose_phone(deps(), token, request)


@api_route(bp, "/api/invitations/{token}/phone/confirm", methods=("POST",), edge=(Edge.SIGN_IN,))
def confirm_phone(token: str, request: PhoneConfirmation) -> InvitationState:
    """Onboarding: confirm the mobile number with the code sent to it."""
    return invitations.confirm_phone(deps(), token, request)


@api_route(bp, "/api/invitations/{token}/complete", methods=("POST",), response=Activation)
def complete(token: str, request: TermsAcceptance) -> Response:
    """Onboarding's last step: accept the terms, get the backup codes once, and be signed in."""
    done = invitations.complete(deps(), token, request, bp.current_request.headers.get("user-agent", ""))
    return json_response(done.answer(), cookies=session_cookies(done.session, done.device_token))
