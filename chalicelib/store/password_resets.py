"""Password-reset links and their single use."""
from __future__ import annotations

from pynamodb.exceptions import DoesNotExist

from . import records
from .mapping import to_item, to_record
from .models import PasswordReset, User
from .transactions import transaction


def create(reset: records.PasswordReset) -> bool:
    """Store the link and make it the user's only working one: an older link stops working. False when the user
    was removed meanwhile."""
    with transaction() as tx:
        tx.save(to_item(reset), condition=PasswordReset.token_hash.does_not_exist())
        tx.update(User(reset.user_id), actions=[User.reset_hash.set(reset.token_hash)],
                  condition=User.user_id.exists())
    return tx.committed


def get(token_hash: str) -> records.PasswordReset | None:
    try:
        return to_record(records.PasswordReset, PasswordReset.get(token_hash))
    except DoesNotExist:
        return None


def use(reset: records.PasswordReset, password_hash: str, now: int) -> bool:
    """Set the new password and use up the link, together, if it is the user's newest; the failure count is left
    alone. `password_changed_at` ends every login attempt begun with the old password, `trust_epoch` every trusted
    browser."""
    with transaction() as tx:
        tx.update(PasswordReset(reset.token_hash), actions=[PasswordReset.used_at.set(now)],
                  condition=PasswordReset.used_at.does_not_exist())
        tx.update(User(reset.user_id), actions=[User.password_hash.set(password_hash),
                                                User.password_changed_at.set(now), User.reset_hash.remove(),
                                                User.trust_epoch.add(1)],
                  condition=(User.status == "active") & (User.reset_hash == reset.token_hash))
    return tx.committed
