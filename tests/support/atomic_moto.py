"""Make moto's DynamoDB writes atomic, as DynamoDB's are.

moto checks a write's condition and applies it in separate Python steps, so two threads can both
pass the check. DynamoDB never allows that. Serialising each write call restores DynamoDB's
guarantee without hiding our own mistakes: a read-then-write in our code is still two calls.
"""
from __future__ import annotations

import functools
import threading

from moto.dynamodb.models import DynamoDBBackend

_LOCK = threading.RLock()
_WRITES = ("put_item", "update_item", "delete_item", "transact_write_items")


def _serialised(method):
    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        with _LOCK:
            return method(*args, **kwargs)

    wrapper.__atomic__ = True
    return wrapper


def install() -> None:
    for name in _WRITES:
        method = getattr(DynamoDBBackend, name)
        if not getattr(method, "__atomic__", False):
            setattr(DynamoDBBackend, name, _serialised(method))
