"""Invitation links and onboarding progress; activation is one transaction."""
from __future__ import annotations

from typing import Any

from pynamodb.exceptions import DoesNotExist, UpdateError

from ..domain import lockout
from . import records
from .conditions import condition_failed
from .mapping import to_item, to_record
from .models import Invitation, Session, User
from .transactions import transaction
from .users import stored_backup_codes


def get(token_hash: str) -> records.Invitation | None:
    try:
        return to_record(records.Invitation, Invitation.get(token_hash))
    except DoesNotExist:
        return None


def set_password(token_hash: str, password_hash: str) -> records.Invitation | None:
    """Onboarding: the chosen password (its hash). The invitation as now stored; None when it was used meanwhile."""
    return _progress(token_hash, [Invitation.password_hash.set(password_hash)])


def set_phone(token_hash: str, phone: str, salt: str, code_hash: str,
              code_expires_at: int) -> records.Invitation | None:
    """Onboarding: the chosen number, not yet confirmed, and the code sent to it (its tries start again). The
    invitation as now stored; None when it was used meanwhile."""
    return _progress(token_hash, [
        Invitation.phone.set(phone), Invitation.phone_verified.set(False),
        Invitation.phone_code_salt.set(salt), Invitation.phone_code_hash.set(code_hash),
        Invitation.phone_code_expires_at.set(code_expires_at), Invitation.phone_code_failures.set(0)])


def confirm_phone(token_hash: str) -> records.Invitation | None:
    """Onboarding: the number is confirmed and its code used up. The invitation as now stored; None when it was used
    meanwhile."""
    return _progress(token_hash, [Invitation.phone_verified.set(True), Invitation.phone_code_hash.remove()])


def _progress(token_hash: str, actions: list[Any]) -> records.Invitation | None:
    """One UpdateItem while the invitation is unused (its answer is the whole item); None when it was used."""
    invitation = Invitation(token_hash)
    try:
        invitation.update(actions=actions, condition=Invitation.used_at.does_not_exist())
    except UpdateError as error:
        if condition_failed(error):
            return None
        raise
    return to_record(records.Invitation, invitation)


def activate(invitation: records.Invitation, *, now: int, terms_version: str,
             backup_codes: list[records.BackupCode], session: records.Session, device_hash: str) -> bool:
    """Use the invitation, activate the user, remember the browser and open the first session; all or nothing."""
    password_hash, phone = invitation.password_hash, invitation.phone
    if password_hash is None or phone is None:
        raise ValueError("an invitation is activated once its password and phone are chosen")
    with transaction() as tx:
        tx.update(Invitation(invitation.token_hash), actions=[Invitation.used_at.set(now)],
                  condition=Invitation.used_at.does_not_exist())
        tx.update(User(invitation.user_id), actions=[
            User.status.set("active"),
            User.failed_count.set(0),
            User.password_hash.set(password_hash),
            User.phone.set(phone),
            User.phone_pending.remove(),
            User.terms_version.set(terms_version),
            User.terms_accepted_at.set(now),
            User.backup_codes.set(stored_backup_codes(backup_codes)),
            User.invitation_hash.remove(),
            User.invitation_expires_at.remove(),
            User.devices.set(lockout.remembered({}, device_hash, now)),
        ], condition=(User.status == "invited") & (User.invitation_hash == invitation.token_hash))
        tx.save(to_item(session), condition=Session.token_hash.does_not_exist())
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
