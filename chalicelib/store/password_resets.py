"""Password-reset links and their single use."""
from __future__ import annotations

from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from .conditions import condition_failed
from .connection import transaction_connection
from .models import PasswordReset, User


def create(reset: PasswordReset) -> None:
    reset.save(condition=PasswordReset.token_hash.does_not_exist())


def get(token_hash: str) -> PasswordReset | None:
    try:
        return PasswordReset.get(token_hash)
    except DoesNotExist:
        return None


def use(reset: PasswordReset, password_hash: str, now: int) -> bool:
    """Set the new password and use up the link, together; the failure count is left alone."""
    try:
        with TransactWrite(connection=transaction_connection()) as tx:
            tx.update(PasswordReset(reset.token_hash), actions=[PasswordReset.used_at.set(now)],
                      condition=PasswordReset.used_at.does_not_exist())
            tx.update(User(reset.user_id), actions=[User.password_hash.set(password_hash)],
                      condition=User.status == "active")
    except TransactWriteError as error:
        if condition_failed(error):
            return False
        raise
    return True
