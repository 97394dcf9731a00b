"""Users and their unique usernames."""
from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError
from pynamodb.exceptions import DoesNotExist, GetError, UpdateError

from . import records, user_search
from .audit import Line, add, audited_update
from .conditions import condition_failed, conditional_update
from .connection import client
from .mapping import to_item, to_record
from .models import BackupCode, Employer, Invitation, User, UsernameClaim
from .transactions import transaction


def username_key(username: str) -> str:
    return username.strip().lower()


def email_key(email: str) -> str:
    return email.strip().lower()


def not_blocked(threshold: int) -> Any:
    """The DynamoDB condition "this user is not blocked": the store's side of domain/accounts.is_blocked."""
    return User.failed_count < threshold


def get(user_id: str) -> records.User | None:
    try:
        return to_record(records.User, User.get(user_id))
    except DoesNotExist:
        return None


def find_by_username(username: str) -> records.User | None:
    """One Query on the by_username index (projection ALL, so no second read)."""
    key = username_key(username)
    if not key:
        return None
    item = next(iter(User.by_username.query(key, limit=1)), None)
    return to_record(records.User, item) if item is not None else None


def find_by_email(email: str) -> list[records.User]:
    return [to_record(records.User, item) for item in User.by_email.query(email_key(email))]


def list_for_employer(employer_id: str) -> Iterator[records.User]:
    """One Query on the by_employer index (paged as it is read)."""
    return (to_record(records.User, item) for item in User.by_employer.query(employer_id))


def get_many(user_ids: list[str]) -> list[records.User]:
    """Several users by id: one BatchGetItem (in pages of 100)."""
    if not user_ids:
        return []
    return [to_record(records.User, item) for item in User.batch_get(list(dict.fromkeys(user_ids)))]


_BATCH_KEYS = 100  # DynamoDB's limit per BatchGetItem
_BATCH_TRIES = 5


def with_employers(user_id: str, employer_ids: list[str]) -> tuple[records.User | None, list[records.Employer]]:
    """A user and the employers named, in one BatchGetItem over both tables (another per 100 more employers):
    every page's "who am I". DynamoDB failing, or leaving keys unread try after try, is a GetError like any
    model read's (outages.outage_of: a Dutch 503)."""
    keys = [(User, {"user_id": {"S": user_id}}), *((Employer, {"employer_id": {"S": e}}) for e in employer_ids)]
    users, employers = [], []
    for start in range(0, len(keys), _BATCH_KEYS):
        request: dict = {}
        for model, key in keys[start:start + _BATCH_KEYS]:
            request.setdefault(model.Meta.table_name, {"Keys": []})["Keys"].append(key)
        for _ in range(_BATCH_TRIES):
            try:
                answer = client().batch_get_item(RequestItems=request)
            except (BotoCoreError, ClientError) as error:
                raise GetError("BatchGetItem failed", cause=error) from error
            users += [to_record(records.User, User.from_raw_data(row))
                      for row in answer["Responses"].get(User.Meta.table_name, [])]
            employers += [to_record(records.Employer, Employer.from_raw_data(row))
                          for row in answer["Responses"].get(Employer.Meta.table_name, [])]
            request = answer.get("UnprocessedKeys") or {}
            if not request:
                break
        else:
            raise GetError("BatchGetItem left keys unread", cause=ClientError(
                {"Error": {"Code": "ProvisionedThroughputExceededException"}}, "BatchGetItem"))
    return (users[0] if users else None), employers


def create(user: records.User, invitation: records.Invitation | None = None, *, audit: Line | None = None) -> bool:
    """Write the user (with its username and email keys), its username claim, its "Gebruiker zoeken" keys,
    (optionally) its invitation and the audit line at once.

    Returns False when the username is taken; nothing is written then.
    """
    key = username_key(user.username)
    with transaction() as tx:
        tx.save(UsernameClaim(key, user_id=user.user_id), condition=UsernameClaim.username_key.does_not_exist())
        tx.save(to_item(user, username_key=key, email_key=email_key(user.email)),
                condition=User.user_id.does_not_exist())
        if invitation is not None:
            tx.save(to_item(invitation), condition=Invitation.token_hash.does_not_exist())
        for search_key in user_search.key_items(user):
            tx.save(search_key)
        add(tx, audit)
    return tx.committed


def delete(user: records.User, invitation: records.Invitation | None = None, *, audit: Line | None = None) -> None:
    """Undo `create` (used when the invitation email could not be sent): user, username, search keys and link
    together."""
    with transaction() as tx:
        tx.delete(UsernameClaim(username_key(user.username)))
        tx.delete(User(user.user_id))
        if invitation is not None:
            tx.delete(Invitation(invitation.token_hash))
        for search_key in user_search.key_items(user):
            tx.delete(search_key)
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
            condition=not_blocked(threshold) & (User.status == "active")
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


def _end_trust() -> Any:
    """In every write that changes a second factor, the password or the status: no browser is trusted any more
    (trusted_browsers.py)."""
    return User.trust_epoch.add(1)


def end_trust(user_id: str) -> None:
    """End every trusted browser of the user (a block, which `record_failure` counts without knowing it)."""
    conditional_update(User(user_id), [_end_trust()], User.user_id.exists())


def set_status(user_id: str, status: str, expected: str | None = None, *, audit: Line | None = None) -> bool:
    """Deactivate or reactivate; either way no browser stays trusted."""
    condition = User.user_id.exists() if expected is None else (User.status == expected)
    return _update(user_id, [User.status.set(status), _end_trust()], condition, audit)


def set_role(user_id: str, employer_id: str, employer_role: str, department_ids: frozenset[str], *,
             audit: Line | None = None) -> bool:
    """The user's role at their own employer (and a leidinggevende's departments, empty for none); False when the
    user is gone or no longer of that employer."""
    actions = [User.employer_role.set(employer_role),
               User.department_ids.set(set(department_ids)) if department_ids else User.department_ids.remove()]
    return _update(user_id, actions, User.employer_id == employer_id, audit)


def set_phone(user_id: str, phone: str) -> bool:
    return _update(user_id, [User.phone.set(phone), User.phone_pending.remove(), _end_trust()],
                   User.status == "active")


def set_phone_pending(user_id: str, phone: str, *, audit: Line | None = None) -> bool:
    """The secretariat's new number, confirmed by the next login's SMS code (which no trusted browser skips)."""
    return _update(user_id, [User.phone_pending.set(phone), _end_trust()], User.user_id.exists(), audit)


def set_invitation(user_id: str, invitation: records.Invitation, *, audit: Line | None = None) -> bool:
    """Point the user at a new invitation (older links stop working) and store it."""
    with transaction() as tx:
        tx.update(User(user_id), actions=[User.invitation_hash.set(invitation.token_hash),
                                          User.invitation_expires_at.set(invitation.expires_at)],
                  condition=User.status == "invited")
        tx.save(to_item(invitation), condition=Invitation.token_hash.does_not_exist())
        add(tx, audit)
    return tx.committed


def set_password_hash(user_id: str, password_hash: str) -> None:
    User(user_id).update(actions=[User.password_hash.set(password_hash)], condition=User.user_id.exists())


def set_totp_pending(user_id: str, sealed: str) -> None:
    User(user_id).update(actions=[User.totp_pending.set(sealed)], condition=User.status == "active")


def activate_totp(user_id: str, sealed: str, step: int) -> bool:
    """Make the pending app key the active one, if it is still the one the user scanned."""
    return _update(user_id, [User.totp_secret.set(sealed), User.totp_last_step.set(step), User.totp_pending.remove(),
                             _end_trust()], User.totp_pending == sealed)


def use_totp_step(user_id: str, step: int) -> bool:
    """Record an app code's time step; False when that step (or a later one) was used already."""
    return _update(user_id, [User.totp_last_step.set(step)],
                   User.totp_secret.exists() & (User.totp_last_step.does_not_exist() | (User.totp_last_step < step)))


def remove_totp(user_id: str) -> bool:
    return _update(user_id, [User.totp_secret.remove(), User.totp_last_step.remove(), User.totp_pending.remove(),
                             _end_trust()], User.totp_secret.exists())


def replace_backup_codes(user_id: str, backup_codes: list[records.BackupCode]) -> None:
    User(user_id).update(actions=[User.backup_codes.set(stored_backup_codes(backup_codes)), _end_trust()],
                         condition=User.status == "active")


def backup_code_items(pairs: list[tuple[str, str]]) -> list[records.BackupCode]:
    """The backup codes to store for (salt, hash) pairs."""
    return [records.BackupCode(salt=salt, hash=digest) for salt, digest in pairs]


def stored_backup_codes(backup_codes: list[records.BackupCode]) -> list[BackupCode]:
    """The list attribute `User.backup_codes` is set to (here and in invitations.activate)."""
    return [BackupCode(salt=code.salt, hash=code.hash) for code in backup_codes]


def mark_email_bounced(user_id: str, now: int) -> bool:
    """A hard bounce: the address takes no more weekly emails."""
    return _update(user_id, [User.email_bounced_at.set(now)], User.user_id.exists())


def _update(user_id: str, actions: list[Any], condition: Any, audit: Line | None = None) -> bool:
    return audited_update(User(user_id), actions, condition, audit)
