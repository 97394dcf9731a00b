"""The only package that knows DynamoDB: models, reads, and the conditional writes.

Submodules load on first use (`store.users.get(...)`), so importing the app stays cheap.
"""
from __future__ import annotations

import importlib
from types import ModuleType

_SUBMODULES = {"users", "employers", "employees", "sessions", "logins", "invitations", "rate_limits",
               "password_resets", "signins", "absences", "audit", "employer_access", "digests", "imports",
               "models", "records", "schema"}


def __getattr__(name: str) -> ModuleType:
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(name)
