"""Make moto's DynamoDB requests atomic, as DynamoDB's are.

moto checks a write's condition and applies it in separate Python steps, so two threads can both
pass the check; and it turns an item into its answer while another thread may be changing that item
in place ("dictionary changed size during iteration"). DynamoDB allows neither. Serialising each write
call, and each request as a whole, restores DynamoDB's guarantees without hiding our own mistakes: a
read-then-write in our code is still two requests.
"""
from __future__ import annotations

import functools
import threading

from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.responses import DynamoHandler

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
    if not getattr(DynamoHandler.call_action, "__atomic__", False):
        DynamoHandler.call_action = _serialised(DynamoHandler.call_action)
