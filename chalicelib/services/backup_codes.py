"""Sets of one-time backup codes: shown once, stored only as salted hashes."""
from __future__ import annotations

from .. import store
from ..domain import codes
from ..store import records
from .deps import Deps


def new_set(deps: Deps) -> tuple[list[str], list[records.BackupCode]]:
    """The codes to show the user, and what to store in their place (salted hashes)."""
    shown = [codes.new_backup_code() for _ in range(deps.settings.backup_code_count)]
    salts = [codes.new_salt() for _ in shown]
    items = store.users.backup_code_items([(salt, codes.code_hash(code, salt))
                                           for code, salt in zip(shown, salts, strict=True)])
    return shown, items
