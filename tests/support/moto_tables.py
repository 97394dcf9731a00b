"""The store's DynamoDB tables on moto's in-process AWS, made from the store's own models, as the API tests make
them; for tests of the store itself (tests/store)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from moto import mock_aws

from . import shared_botocore_loader

shared_botocore_loader.install()


@contextmanager
def dynamodb_tables() -> Iterator[None]:
    """Every table of `chalicelib.store.models` (with its TTL attribute), empty, for the block's duration."""
    with mock_aws():
        from chalicelib.store import schema

        schema.create_tables()
        yield
