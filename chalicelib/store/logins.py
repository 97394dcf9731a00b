"""Login attempts between password and second factor, and their single-use completion."""
from __future__ import annotations

from typing import Any

from pynamodb.exceptions import DoesNotExist

from ..domain import lockout
from . import records, signins
from .conditions import conditional_update
from .mapping import to_item, to_record
from .models import EmployerAccess, LoginAttempt, Session, User
from .transactions import transaction
from .users import not_blocked


def create(attempt: records.LoginAttempt) -> None:
    to_item(attempt).save(condition=LoginAttempt.attempt_hash.does_not_exist())


def get(attempt_hash: str) -> records.LoginAttempt | None:
    try:
        return to_record(records.LoginAttempt, LoginAttempt.get(attempt_hash))
    except DoesNotExist:
        return None


def replace_code(attempt_hash: str, salt: str, digest: str, expires_at: int) -> bool:
    """A new code for an open attempt; the old one stops working."""
    return conditional_update(LoginAttempt(attempt_hash),
                              [LoginAttempt.code_salt.set(salt), LoginAttempt.code_hash.set(digest),
                               LoginAttempt.code_expires_at.set(expires_at)],
                              LoginAttempt.consumed == False)  # noqa: E712 (a DynamoDB condition)


def _device_actions(attempt: records.LoginAttempt, new_device_hash: str | None, now: int) -> list[Any]:
    """A known browser's failures start again; a new one is remembered (the oldest beyond ten forgotten)."""
    if attempt.device_hash:
        return [User.devices[attempt.device_hash]["failures"].set(0)]
    if new_device_hash is None:
        return []
    return [User.devices.set(lockout.remembered(attempt.known_devices or {}, new_device_hash, now))]


def complete(attempt: records.LoginAttempt, session: records.Session, event: records.SignIn, threshold: int,
             new_device_hash: str | None = None) -> bool:
    """Consume the attempt, reset the failure count, remember the browser and open the session, in one transaction.

    Fails (False) when the attempt was consumed already, or the account got blocked or deactivated, or its
    password was reset meanwhile: of two identical requests exactly one wins.
    """
    user_actions = [User.failed_count.set(0), *_device_actions(attempt, new_device_hash, session.created_at)]
    if attempt.phone_is_new:
        user_actions += [User.phone.set(attempt.phone), User.phone_pending.remove()]
    return _complete(attempt, session, event, user_actions, _usable(threshold, attempt))


def complete_with_backup_code(attempt: records.LoginAttempt, session: records.Session, event: records.SignIn,
                              threshold: int, index: int, code_hash: str, new_device_hash: str | None = None) -> bool:
    """As `complete`, and use up backup code `index`: of two logins with one code, exactly one wins."""
    code = User.backup_codes[index]
    return _complete(attempt, session, event, [User.failed_count.set(0), code.remove(),
                                               *_device_actions(attempt, new_device_hash, session.created_at)],
                     _usable(threshold, attempt) & (code["hash"] == code_hash))


def complete_with_totp(attempt: records.LoginAttempt, session: records.Session, event: records.SignIn,
                       threshold: int, step: int, new_device_hash: str | None = None) -> bool:
    """As `complete`, and record the app's time step: a step once used cannot log in again."""
    unused_step = User.totp_last_step.does_not_exist() | (User.totp_last_step < step)
    return _complete(attempt, session, event,
                     [User.failed_count.set(0), User.totp_last_step.set(step),
                      *_device_actions(attempt, new_device_hash, session.created_at)],
                     _usable(threshold, attempt) & User.totp_secret.exists() & unused_step)


def _usable(threshold: int, attempt: records.LoginAttempt) -> Any:
    """Active, not blocked, and the password and the role (with a leidinggevende's departments) the attempt began
    with are still the user's: a session never gets more than the user may now."""
    same_password = (User.password_changed_at.does_not_exist() if attempt.password_changed_at is None
                     else User.password_changed_at == attempt.password_changed_at)
    same_role = (User.employer_role.does_not_exist() if attempt.employer_role is None
                 else User.employer_role == attempt.employer_role)
    same_departments = (User.department_ids.does_not_exist() if not attempt.department_ids
                        else User.department_ids == set(attempt.department_ids))
    return (User.status == "active") & not_blocked(threshold) & same_password & same_role & same_departments


def _complete(attempt: records.LoginAttempt, session: records.Session, event: records.SignIn, user_actions: list[Any],
              user_condition: Any) -> bool:
    with transaction() as tx:
        tx.update(LoginAttempt(attempt.attempt_hash), actions=[LoginAttempt.consumed.set(True)],
                  condition=LoginAttempt.consumed == False)  # noqa: E712 (a DynamoDB condition)
        tx.update(User(attempt.user_id), actions=user_actions, condition=user_condition)
        tx.save(to_item(session), condition=Session.token_hash.does_not_exist())
        tx.save(signins.item(event))
        for granted in sorted((session.employer_ids or frozenset()) - {attempt.employer_id}):
            # the omgevingen the session lists are still the user's: a revoke meanwhile fails the sign-in
            tx.condition_check(EmployerAccess, attempt.user_id, granted, condition=EmployerAccess.user_id.exists())
    return tx.committed
