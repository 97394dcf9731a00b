"""The low-level pynamodb connection used for transactions, made on first use."""
from __future__ import annotations

from functools import lru_cache

from pynamodb.connection import Connection

from ..settings import get_settings


@lru_cache(maxsize=1)
def transaction_connection() -> Connection:
    return Connection(region=get_settings().region)
