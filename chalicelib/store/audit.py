"""The audit trail: append-only entries per employer (or the secretariat's own scope).

A change writes its line in its own transaction (`add`), so a committed change always has its line and a change
that did not happen has none; `record` writes a line on its own, for what changes nothing (a dossier viewed).
"""
from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pynamodb.models import Model

from . import records
from .conditions import conditional_update
from .mapping import to_item, to_record
from .models import AuditEntry
from .transactions import Transaction, transaction


@dataclass(frozen=True)
class Line:
    """One entry of the trail, to be written with the change it records, and how long it is kept."""
    entry: records.AuditEntry
    keep_seconds: int
    entry_id: str = field(default_factory=lambda: uuid.uuid4().hex)

    def item(self) -> AuditEntry:
        """The item to write (store-internal): the record, its sort key and its expiry."""
        employee = self.entry.employee_id
        return to_item(self.entry, at_id=f"{self.entry.at:012d}#{self.entry_id}",
                       expires_at=self.entry.at + self.keep_seconds,
                       employee_key=f"{self.entry.scope}#{employee}" if employee else None)


_NEW = AuditEntry.at_id.does_not_exist()
"""An entry is written once: no write can overwrite one."""


def add(tx: Transaction, line: Line | None) -> None:
    """Write `line` in the transaction of the change it records."""
    if line is not None:
        tx.save(line.item(), condition=_NEW)


def record(line: Line) -> None:
    """Write a line on its own: for what changes nothing else (a dossier viewed)."""
    line.item().save(condition=_NEW)


def audited(write: Callable[[Transaction], None], line: Line) -> bool:
    """The change `write` puts in the transaction, and its line: True when written, False when a condition of the
    change did not hold (and no line is written)."""
    with transaction() as tx:
        write(tx)
        add(tx, line)
    return tx.committed


def audited_update(item: Model, actions: list[Any], condition: Any, line: Line | None) -> bool:
    """A conditional UpdateItem and its line, in one transaction (`audited`). Without a line, a plain conditional
    UpdateItem."""
    if line is None:
        return conditional_update(item, actions, condition)
    return audited(lambda tx: tx.update(item, actions=actions, condition=condition), line)


def of_employee(employer_id: str, employee_id: str, first_at: int, last_at: int,
                limit: int) -> list[records.AuditEntry]:
    """The lines about one employee's dossier from `first_at` to `last_at` (epoch seconds, both included), newest
    first, at most `limit`: one Query on the sparse by_employee index."""
    condition = AuditEntry.at_id.between(f"{first_at:012d}", f"{last_at:012d}~")
    return [to_record(records.AuditEntry, item) for item in AuditEntry.by_employee.query(
        f"{employer_id}#{employee_id}", condition, scan_index_forward=False, limit=limit)]


def recent(scope: str, limit: int = 100) -> list[records.AuditEntry]:
    """Newest first: one Query on the scope's partition."""
    return [to_record(records.AuditEntry, item)
            for item in AuditEntry.query(scope, scan_index_forward=False, limit=limit)]
