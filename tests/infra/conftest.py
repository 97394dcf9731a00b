"""The synthesized stage templates, once per module that asks for them (tests/conftest.py `assembly`)."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def dev(assembly):
    return assembly["templates"]["verzuimportaal-dev-app"]


@pytest.fixture(scope="module")
def prod(assembly):
    return assembly["templates"]["verzuimportaal-prod-app"]
