"""The fake store is the store's shape: each function it has takes what the store's takes, and what it lacks fails
loudly instead of falling through to DynamoDB. (What each function promises: the contract tests beside this.)"""
from __future__ import annotations

import importlib
import inspect

import pytest

import chalicelib.store
from tests.support.fake_store import FakeStore, NotInFakeStore

FAKED = sorted(name for name, part in vars(FakeStore()).items() if name != "tables")


def _public(part: object) -> dict[str, object]:
    return {name: getattr(part, name) for name in dir(type(part))
            if not name.startswith("_") and name != "module"}


@pytest.mark.parametrize("module", FAKED)
def test_each_faked_function_has_the_stores_signature(module):
    real = importlib.import_module(f"chalicelib.store.{module}")
    fake = FakeStore().part(module)

    for name, faked in _public(fake).items():
        assert hasattr(real, name), f"store.{module} has no {name}: the fake invents it"
        if inspect.isclass(faked):
            assert faked is getattr(real, name), f"store.{module}.{name} must be the store's own class"
        elif callable(faked):
            assert inspect.signature(faked) == inspect.signature(getattr(real, name)), f"store.{module}.{name}"
        else:
            assert faked == getattr(real, name), f"store.{module}.{name}"


def test_a_function_the_fake_lacks_fails_naming_it():
    fake = FakeStore()

    with pytest.raises(NotInFakeStore, match=r"store\.users\.set_totp_pending"):
        fake.users.set_totp_pending("user-1", "sealed")
    with pytest.raises(NotInFakeStore, match=r"store\.invitations\.get"):
        fake.part("invitations").get("token")


def test_installed_it_stands_in_for_every_store_module_but_the_records_and_goes_again_after():
    fake = FakeStore()
    with pytest.MonkeyPatch.context() as patch:
        fake.install(patch)

        assert chalicelib.store.users is fake.users
        with pytest.raises(NotInFakeStore, match=r"store\.imports\.claims"):
            chalicelib.store.imports.claims("emp-a", ["1001"])
        with pytest.raises(NotInFakeStore, match=r"store\.models\.User"):
            _ = chalicelib.store.models.User
        assert chalicelib.store.records is importlib.import_module("chalicelib.store.records")

    assert chalicelib.store.users is importlib.import_module("chalicelib.store.users")
