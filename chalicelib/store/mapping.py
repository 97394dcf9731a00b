"""Between the records the store speaks in (records.py) and the pynamodb items behind them (models.py).

`to_record` reads an item's fields into its record; `to_item` makes the item to write from a record, plus the keys
and index attributes the calling store module derives from it.
"""
from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar

from pynamodb.attributes import MapAttribute
from pynamodb.models import Model

from . import models, records

R = TypeVar("R")

_ITEMS: dict[type, type] = {
    records.User: models.User, records.Employer: models.Employer, records.Employee: models.Employee,
    records.Absence: models.Absence, records.Task: models.Task, records.AuditEntry: models.AuditEntry,
    records.SignIn: models.SignIn, records.PasswordReset: models.PasswordReset, records.Session: models.Session,
    records.LoginAttempt: models.LoginAttempt, records.Invitation: models.Invitation,
    records.Department: models.Department, records.Document: models.Document, records.Leave: models.Leave,
    records.Passkey: models.Passkey, records.PasskeyChallenge: models.PasskeyChallenge,
    records.TrustedBrowser: models.TrustedBrowser,
}
_MAPS: dict[type, type] = {records.BackupCode: models.BackupCode, records.RecoveryStep: models.RecoveryStep,
                           records.DepartmentStep: models.DepartmentStep}
"""Records that are stored as a map inside another item (a list of them, as `User.backup_codes`)."""
_NESTED_RECORDS: dict[type, type] = {item: record for record, item in _MAPS.items()}
_NAMES: dict[type, tuple[str, ...]] = {}


def _names(cls: type) -> tuple[str, ...]:
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


def to_record(cls: type[R], item: Model | MapAttribute) -> R:
    """The record of an item as read (attributes it does not have take the record's defaults)."""
    values = item.attribute_values
    return cls(**{name: _plain(values[name]) for name in _names(cls) if name in values})


def to_item(record: Any, **derived: Any) -> Any:
    """The item to write for `record` (or the map, for a nested record), with the keys and index attributes the
    caller derived from it."""
    values = {name: stored(getattr(record, name)) for name in _names(type(record))}
    return (_ITEMS.get(type(record)) or _MAPS[type(record)])(**values, **derived)


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(to_record(_NESTED_RECORDS[type(v)], v) if type(v) in _NESTED_RECORDS else _plain(v)
                     for v in value)
    if isinstance(value, MapAttribute):
        return value.as_dict()
    if isinstance(value, set):
        return frozenset(value)
    return value


def stored(value: Any) -> Any:
    """A record field's value as an item holds it (nested records as maps, sets as DynamoDB sets)."""
    if isinstance(value, tuple):
        return [to_item(v) if type(v) in _MAPS else v for v in value]
    if isinstance(value, frozenset):
        return set(value) or None  # DynamoDB stores no empty set
    return value
