"""The low-level pynamodb connection, for what the models cannot send: transactions and a BatchGetItem over two
tables. Made on first use."""
from __future__ import annotations

from functools import lru_cache

from pynamodb.connection import Connection

from ..settings import get_settings


@lru_cache(maxsize=1)
def connection() -> Connection:
    return Connection(region=get_settings().region)
