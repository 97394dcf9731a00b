"""Invitation links and onboarding progress; activation is one transaction."""
from __future__ import annotations

from typing import Any

from pynamodb.exceptions import DoesNotExist, UpdateError

from ..domain import lockout
from .conditions import condition_failed
from .models import BackupCode, Invitation, Session, User
from .transactions import transaction


def get(token_hash: str) -> Invitation | None:
    try:
        return Invitation.get(token_hash)
    except DoesNotExist:
        return None


def update_progress(token_hash: str, actions: list[Any]) -> Invitation | None:
    """Apply onboarding progress while the invitation is unused; None when it was used meanwhile."""
    invitation = Invitation(token_hash)
    try:
        invitation.update(actions=actions, condition=Invitation.used_at.does_not_exist())
    except UpdateError as error:
        if condition_failed(error):
            return None
        raise
    return invitation


def activate(invitation: Invitation, *, now: int, terms_version: str,
             backup_codes: list[BackupCode], session: Session, device_hash: str) -> bool:
    """Use the invitation, activate the user, remember the browser and open the first session; all or nothing."""
    with transaction() as tx:
        tx.update(Invitation(invitation.token_hash), actions=[Invitation.used_at.set(now)],
                  condition=Invitation.used_at.does_not_exist())
        tx.update(User(invitation.user_id), actions=[
            User.status.set("active"),
            User.failed_count.set(0),
            User.password_hash.set(invitation.password_hash),
            User.phone.set(invitation.phone),
            User.phone_pending.remove(),
            User.terms_version.set(terms_version),
            User.terms_accepted_at.set(now),
            User.backup_codes.set(backup_codes),
            User.invitation_hash.remove(),
            User.invitation_expires_at.remove(),
            User.devices.set(lockout.remembered({}, device_hash, now)),
        ], condition=(User.status == "invited") & (User.invitation_hash == invitation.token_hash))
        tx.save(session, condition=Session.token_hash.does_not_exist())
    return tx.committed


def claim_phone_code_attempt(token_hash: str, limit: int) -> bool:
    """Count one try of the phone code before it is checked; False once `limit` tries were counted (then even
    the right code is refused), so parallel guesses can never get more tries than `limit`."""
    try:
        Invitation(token_hash).update(actions=[Invitation.phone_code_failures.add(1)], condition=(
            Invitation.used_at.does_not_exist() & Invitation.phone_code_hash.exists()
            & (Invitation.phone_code_failures.does_not_exist() | (Invitation.phone_code_failures < limit))))
    except UpdateError as error:
        if condition_failed(error):
            return False
        raise
    return True
