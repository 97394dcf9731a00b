"""The store's contract, run twice: on moto (the store as it runs on DynamoDB) and on the fake store the service
tests use (tests/support/fake_store.py). A test that passes on one and fails on the other is a fake that lies."""
from __future__ import annotations

import pytest

import chalicelib.store
from tests.support.fake_store import FakeStore, refuse_aws_calls
from tests.support.moto_tables import dynamodb_tables


@pytest.fixture(params=["moto", "fake"])
def store(request, monkeypatch):
    """`store.users.get(...)` and the rest, on empty tables: the real store on moto, or the fake (which may not
    reach AWS at all)."""
    if request.param == "moto":
        with dynamodb_tables():
            yield chalicelib.store
        return
    calls = refuse_aws_calls(monkeypatch)
    yield FakeStore()
    assert not calls.tried, f"the fake store reached AWS: {calls.tried}"
