"""The only package that knows DynamoDB: models, reads, and the conditional writes.

Submodules load on first use (`store.users.get(...)`), so importing the app stays cheap.
"""
from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING

__all__ = ["absences", "audit", "departments", "digests", "documents", "employees", "employer_access", "employers",
           "imports", "invitations", "leaves", "logins", "models", "passkey_challenges", "passkeys",
           "password_resets", "rate_limits", "records", "schema", "sessions", "signins", "trusted_browsers",
           "user_search", "users"]
_SUBMODULES = set(__all__)

if TYPE_CHECKING:  # the type checker sees each submodule as it is; at run time each loads on first use
    from . import (
        absences,
        audit,
        departments,
        digests,
        documents,
        employees,
        employer_access,
        employers,
        imports,
        invitations,
        leaves,
        logins,
        models,
        passkey_challenges,
        passkeys,
        password_resets,
        rate_limits,
        records,
        schema,
        sessions,
        signins,
        trusted_browsers,
        user_search,
        users,
    )


def __getattr__(name: str) -> ModuleType:
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(name)
