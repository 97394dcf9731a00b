"""The audit trail: append-only entries per employer (or the secretariat's own scope)."""
from __future__ import annotations

import uuid

from .models import AuditEntry


def record(scope: str, at: int, actor_user_id: str, action: str, object_type: str, object_id: str,
           keep_seconds: int) -> None:
    """Append one entry; the condition makes an accidental overwrite of an existing entry impossible."""
    AuditEntry(scope, f"{at:012d}#{uuid.uuid4().hex}", at=at, actor_user_id=actor_user_id, action=action,
               object_type=object_type, object_id=object_id,
               expires_at=at + keep_seconds).save(condition=AuditEntry.at_id.does_not_exist())


def recent(scope: str, limit: int = 100) -> list[AuditEntry]:
    """Newest first: one Query on the scope's partition."""
    return list(AuditEntry.query(scope, scan_index_forward=False, limit=limit))
