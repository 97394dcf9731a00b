"""Wachtwoord vergeten, Inloggegevens vergeten, and the reset link."""
from __future__ import annotations

from chalice import Blueprint

from ..services import recovery
from ..services.recovery import ForgotPassword, ForgotUsername, NewPassword, RecoveryAnswer, ResetLink
from .http import Edge, api_route, deps

bp = Blueprint(__name__)


@api_route(bp, "/api/auth/forgot-password", methods=("POST",), edge=(Edge.RECOVERY,))
def forgot_password(request: ForgotPassword) -> RecoveryAnswer:
    """Wachtwoord vergeten: a reset link by email, the same answer whether or not the account exists."""
    return recovery.forgot_password(deps(), request)


@api_route(bp, "/api/auth/forgot-username", methods=("POST",), edge=(Edge.RECOVERY,))
def forgot_username(request: ForgotUsername) -> RecoveryAnswer:
    """Inloggegevens vergeten: the usernames of an email address, by email."""
    return recovery.forgot_username(deps(), request)


@api_route(bp, "/api/password-resets/{token}")
def view_reset(token: str) -> ResetLink:
    """Whose password a reset link resets, if the link may still be used."""
    return recovery.view_reset(deps(), token)


@api_route(bp, "/api/password-resets/{token}", methods=("POST",))
def reset_password(token: str, request: NewPassword) -> ResetLink:
    """A new password at the reset link; every session of the account ends."""
    return recovery.reset_password(deps(), token, request)
