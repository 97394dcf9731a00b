"""Employers (werkgevers)."""
from __future__ import annotations

from pynamodb.exceptions import DoesNotExist

from . import records
from .audit import Line, audited, audited_update
from .mapping import to_item, to_record
from .models import Employer

KIND = "employer"
"""The by_name index's one partition: every employer is in it."""


def name_key(name: str) -> str:
    return name.strip().lower()


def get(employer_id: str) -> records.Employer | None:
    try:
        return to_record(records.Employer, Employer.get(employer_id))
    except DoesNotExist:
        return None


def create(employer: records.Employer, *, audit: Line) -> None:
    """PutItem `employers` (condition not exists) and its line, in one transaction; the store derives the by_name
    index's `kind` and `name_key`."""
    item = to_item(employer, name_key=name_key(employer.name), kind=KIND)
    audited(lambda tx: tx.save(item, condition=Employer.employer_id.does_not_exist()), audit)


def list_all() -> list[records.Employer]:
    """Every employer by name: one Query on the by_name index (a constant partition; hundreds of rows)."""
    return [to_record(records.Employer, item) for item in Employer.by_name.query(KIND)]


def get_many(employer_ids: list[str]) -> list[records.Employer]:
    """Several employers by id: one BatchGetItem (in pages of 100)."""
    if not employer_ids:
        return []
    return [to_record(records.Employer, item) for item in Employer.batch_get(list(dict.fromkeys(employer_ids)))]


def set_retention(employer_id: str, *, zw: bool | None, wga: bool | None, audit: Line) -> None:
    """Eigenrisicodrager Ziektewet / WGA (None leaves a setting as it is)."""
    settings = ((Employer.eigenrisicodrager_zw, zw), (Employer.eigenrisicodrager_wga, wga))
    actions = [attribute.set(value) for attribute, value in settings if value is not None]
    if actions:
        audited_update(Employer(employer_id), actions, Employer.employer_id.exists(), audit)
