"""Fault injection on the API tests' setup: moto in-process, the Chalice test client, the controlled clock."""
from __future__ import annotations

import pytest

from tests.api.conftest import *  # noqa: F403 (the API tests' fixtures and checks, unchanged)
from tests.support.faults import Faults


@pytest.fixture
def faults(monkeypatch, client) -> Faults:
    injector = Faults()
    injector.install(monkeypatch)
    return injector
