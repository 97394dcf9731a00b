"""argon2id password hashing, with a decoy for unknown users so both cost the same."""
from __future__ import annotations

import secrets
from functools import cached_property
from typing import Any

from ..settings import Settings


class PasswordHashing:
    def __init__(self, settings: Settings):
        self._settings = settings

    @cached_property
    def _hasher(self) -> Any:
        from argon2 import PasswordHasher, Type

        return PasswordHasher(time_cost=self._settings.argon2_time_cost,
                              memory_cost=self._settings.argon2_memory_kib,
                              parallelism=self._settings.argon2_parallelism,
                              type=Type.ID)

    @cached_property
    def _decoy_hash(self) -> str:
        return self._hasher.hash(secrets.token_urlsafe(16))

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def warm(self) -> None:
        """Build the decoy before the first comparison, so no answer depends on who asked first."""
        _ = self._decoy_hash

    def verify(self, stored_hash: str | None, password: str) -> bool:
        """Compare in constant work: with no stored hash, verify against the decoy and fail."""
        from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

        self.warm()
        try:
            self._hasher.verify(stored_hash or self._decoy_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
        return stored_hash is not None

    def needs_rehash(self, stored_hash: str) -> bool:
        return self._hasher.check_needs_rehash(stored_hash)
