"""Users and their unique usernames."""
from __future__ import annotations

import uuid

from typing import Any, Iterator

from pynamodb.exceptions import DoesNotExist, UpdateError

from .audit import Line, add, audited_update
from .conditions import condition_failed, conditional_update
from .models import BackupCode, Invitation, User, UsernameClaim
from .transactions import transaction


def username_key(username: str) -> str:
    return username.strip().lower()


def email_key(email: str) -> str:
    return email.strip().lower()


def get(user_id: str) -> User | None:
    try:
        return User.get(user_id)
    except DoesNotExist:
        return None


def find_by_username(username: str) -> User | None:
    """One Query on the by_username index (projection ALL, so no second read)."""
    key = username_key(username)
    if not key:
        return None
    return next(iter(User.by_username.query(key, limit=1)), None)


def find_by_email(email: str) -> list[User]:
    return list(User.by_email.query(email_key(email)))


def list_for_employer(employer_id: str) -> Iterator[User]:
    return User.by_employer.query(employer_id)


def get_many(user_ids: list[str]) -> list[User]:
    """Several users by id: one BatchGetItem (in pages of 100)."""
    return list(User.batch_get(list(dict.fromkeys(user_ids)))) if user_ids else []


def create(user: User, invitation: Invitation | None = None, *, audit: Line | None = None) -> bool:
    """Write the user, its username claim, (optionally) its invitation and the audit line at once.

    Returns False when the username is taken; nothing is written then.
    """
    claim = UsernameClaim(user.username_key, user_id=user.user_id)
    with transaction() as tx:
        tx.save(claim, condition=UsernameClaim.username_key.does_not_exist())
        tx.save(user, condition=User.user_id.does_not_exist())
        if invitation is not None:
            tx.save(invitation, condition=Invitation.token_hash.does_not_exist())
        add(tx, audit)
    return tx.committed


def delete(user: User, invitation: Invitation | None = None, *, audit: Line | None = None) -> None:
    """Undo `create` (used when the invitation email could not be sent): user, username and link together."""
    with transaction() as tx:
        tx.delete(UsernameClaim(user.username_key))
        tx.delete(user)
        if invitation is not None:
            tx.delete(Invitation(invitation.token_hash))
        add(tx, audit)


def record_failure(user_id: str, threshold: int) -> int | None:
    """Count one failed login; the count never passes `threshold`, and a repeat of this very write (botocore
    resends it when its answer was lost) does not count again.

    Returns the new count, or None when the account was already blocked or is not active.
    """
    failure = uuid.uuid4().hex
    try:
        result = User(user_id).update(
            actions=[User.failed_count.add(1), User.last_failure.set(failure)],
            condition=(User.failed_count < threshold) & (User.status == "active")
            & (User.last_failure.does_not_exist() | (User.last_failure != failure)),
        )
    except UpdateError as error:
        if condition_failed(error):
            counted = get(user_id)  # refused: blocked already, or this very write landed before its answer was lost
            return int(counted.failed_count) if counted and counted.last_failure == failure else None
        raise
    return int(result["Attributes"]["failed_count"]["N"])


def count_device_failure(user_id: str, device_hash: str, limit: int) -> None:
    """A wrong password from a known browser; at `limit` that browser counts as unknown again."""
    conditional_update(User(user_id), [User.devices[device_hash]["failures"].add(1)],
                       User.devices[device_hash].exists() & (User.devices[device_hash]["failures"] < limit))


def unlock(user_id: str, *, audit: Line | None = None) -> bool:
    return _update(user_id, [User.failed_count.set(0)], User.status == "active", audit)


def set_status(user_id: str, status: str, expected: str | None = None, *, audit: Line | None = None) -> bool:
    condition = User.user_id.exists() if expected is None else (User.status == expected)
    return _update(user_id, [User.status.set(status)], condition, audit)


def set_phone(user_id: str, phone: str) -> bool:
    return _update(user_id, [User.phone.set(phone), User.phone_pending.remove()], User.status == "active")


def set_phone_pending(user_id: str, phone: str, *, audit: Line | None = None) -> bool:
    return _update(user_id, [User.phone_pending.set(phone)], User.user_id.exists(), audit)


def set_invitation(user_id: str, invitation: Invitation, *, audit: Line | None = None) -> bool:
    """Point the user at a new invitation (older links stop working) and store it."""
    with transaction() as tx:
        tx.update(User(user_id), actions=[User.invitation_hash.set(invitation.token_hash),
                                          User.invitation_expires_at.set(invitation.expires_at)],
                  condition=User.status == "invited")
        tx.save(invitation, condition=Invitation.token_hash.does_not_exist())
        add(tx, audit)
    return tx.committed


def set_password_hash(user_id: str, password_hash: str) -> None:
    User(user_id).update(actions=[User.password_hash.set(password_hash)], condition=User.user_id.exists())


def set_totp_pending(user_id: str, sealed: str) -> None:
    User(user_id).update(actions=[User.totp_pending.set(sealed)], condition=User.status == "active")


def activate_totp(user_id: str, sealed: str, step: int) -> bool:
    """Make the pending app key the active one, if it is still the one the user scanned."""
    return _update(user_id, [User.totp_secret.set(sealed), User.totp_last_step.set(step), User.totp_pending.remove()],
                   User.totp_pending == sealed)


def use_totp_step(user_id: str, step: int) -> bool:
    """Record an app code's time step; False when that step (or a later one) was used already."""
    return _update(user_id, [User.totp_last_step.set(step)],
                   User.totp_secret.exists() & (User.totp_last_step.does_not_exist() | (User.totp_last_step < step)))


def remove_totp(user_id: str) -> bool:
    return _update(user_id, [User.totp_secret.remove(), User.totp_last_step.remove(), User.totp_pending.remove()],
                   User.totp_secret.exists())


def replace_backup_codes(user_id: str, items: list[BackupCode]) -> None:
    User(user_id).update(actions=[User.backup_codes.set(items)], condition=User.status == "active")


def backup_code_items(pairs: list[tuple[str, str]]) -> list[BackupCode]:
    return [BackupCode(salt=salt, hash=digest) for salt, digest in pairs]


def mark_email_bounced(user_id: str, now: int) -> bool:
    """A hard bounce: the address takes no more weekly emails."""
    return _update(user_id, [User.email_bounced_at.set(now)], User.user_id.exists())


def _update(user_id: str, actions: list[Any], condition: Any, audit: Line | None = None) -> bool:
    return audited_update(User(user_id), actions, condition, audit)
