"""Passkeys: one item per credential, by a hash of its credential id, and the user's list of credential ids.

Adding and removing a passkey changes the item and the user's list in one transaction, and ends every trusted
browser (the user's `trust_epoch`): a second factor changed."""
from __future__ import annotations

from typing import Any

from pynamodb.exceptions import DoesNotExist
from pynamodb.expressions.condition import size

from ..domain.passkeys import passkey_id
from . import records
from .mapping import to_item, to_record
from .models import Passkey, User
from .transactions import Transaction, transaction


def get(passkey_id: str) -> records.Passkey | None:
    """One GetItem, consistent: its sign count is what the next use is judged by."""
    try:
        return to_record(records.Passkey, Passkey.get(passkey_id, consistent_read=True))
    except DoesNotExist:
        return None


def of_user(user: records.User) -> list[records.Passkey]:
    """The user's passkeys, oldest first: one BatchGetItem of the ids the user item lists."""
    ids = sorted(passkey_id(c) for c in user.passkey_credential_ids or ())
    if not ids:
        return []
    found = [to_record(records.Passkey, item) for item in Passkey.batch_get(ids)]
    return sorted((p for p in found if p.user_id == user.user_id), key=lambda p: (p.created_at, p.passkey_id))


def add(passkey: records.Passkey, most: int) -> bool:
    """Store a new passkey and list it with its active user, who has fewer than `most`; False when the credential
    is known already (to anyone) or the user is not active or has `most`. Ends all trusted browsers."""
    has_room = User.passkey_credential_ids.does_not_exist() | (size(User.passkey_credential_ids) < most)
    with transaction() as tx:
        tx.save(to_item(passkey), condition=Passkey.passkey_id.does_not_exist())
        tx.update(User(passkey.user_id), actions=[User.passkey_credential_ids.add({passkey.credential_id}),
                                                  User.trust_epoch.add(1)],
                  condition=(User.status == "active") & has_room)
    return tx.committed


def remove(passkey: records.Passkey) -> bool:
    """Remove one of the user's passkeys (the item, and its id from the user's list); ends all trusted browsers.
    False when it is not (or no longer) theirs."""
    with transaction() as tx:
        tx.delete(Passkey(passkey.passkey_id), condition=Passkey.user_id == passkey.user_id)
        tx.update(User(passkey.user_id), actions=[User.passkey_credential_ids.delete({passkey.credential_id}),
                                                  User.trust_epoch.add(1)],
                  condition=User.user_id.exists())
    return tx.committed


def record_use(tx: Transaction, passkey: records.Passkey, sign_count: int, backed_up: bool, now: int) -> None:
    """In a sign-in's transaction: the new sign count, backup state and time of use, on condition that the count is
    still the one the assertion was judged against (of two uses racing with one count, one wins)."""
    actions: list[Any] = [Passkey.sign_count.set(sign_count), Passkey.backed_up.set(backed_up),
                          Passkey.last_used_at.set(now)]
    tx.update(Passkey(passkey.passkey_id), actions=actions,
              condition=(Passkey.user_id == passkey.user_id) & (Passkey.sign_count == passkey.sign_count))
