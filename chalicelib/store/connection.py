"""The low-level pynamodb connection, for what the models cannot send: transactions and a BatchGetItem over two
tables. Made on first use."""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, cast

from pynamodb.connection import Connection

from ..settings import get_settings

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient


@lru_cache(maxsize=1)
def connection() -> Connection:
    return Connection(region=get_settings().region)


def client() -> DynamoDBClient:
    """The connection's botocore client, typed as the DynamoDB client it is (pynamodb types it as botocore's base)."""
    return cast("DynamoDBClient", connection().client)
