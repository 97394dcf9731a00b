"""The store's DynamoDB tables on moto's in-process AWS, made from the store's own models, for the API tests
(tests/support/api_fixtures.py) and the tests of the store itself (tests/store).

Making the 19 tables costs about 40 moto requests (0.4–0.9 s on a busy 2-core machine), which every API test paid
in its set-up. They are made once per run instead, the way `schema.create_tables` makes them, and each later test
starts from a copy of those empty tables (about 2 ms): the same tables, indexes and TTL settings, none of the items
an earlier test wrote.
"""
from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager

from moto import mock_aws
from moto.core import DEFAULT_ACCOUNT_ID
from moto.dynamodb.models import dynamodb_backends

from chalicelib.settings import get_settings

from . import shared_botocore_loader

shared_botocore_loader.install()

_EMPTY: dict[tuple[str, str], dict] = {}
"""(region, table prefix) → moto's tables as `schema.create_tables` left them, before any item was written."""


def make_empty_tables() -> None:
    """Inside a started moto mock: every table of `chalicelib.store.models`, empty, with its indexes and TTL."""
    from chalicelib.store import schema

    settings = get_settings()
    backend = dynamodb_backends[DEFAULT_ACCOUNT_ID][settings.region]
    made = _EMPTY.get((settings.region, settings.table_prefix))
    if made is None or backend.tables:
        schema.create_tables()
        if made is None:
            _EMPTY[(settings.region, settings.table_prefix)] = copy.deepcopy(backend.tables)
        return
    backend.tables = copy.deepcopy(made)


@contextmanager
def dynamodb_tables() -> Iterator[None]:
    """Every table of `chalicelib.store.models` (with its TTL attribute), empty, for the block's duration."""
    with mock_aws():
        make_empty_tables()
        yield
