"""Fault injection on the API tests' setup: moto in-process, the Chalice test client, the controlled clock."""
from __future__ import annotations

import pytest

from tests.support.api_fixtures import *  # noqa: F403 (pytest finds the API tests' fixtures by their names here)
from tests.support.faults import Faults


@pytest.fixture
def faults(monkeypatch, client) -> Faults:
    injector = Faults()
    injector.install(monkeypatch)
    return injector
