"""Employers (werkgevers)."""
from __future__ import annotations

from pynamodb.exceptions import DoesNotExist

from .audit import Line, audited, audited_update
from .models import Employer


def name_key(name: str) -> str:
    return name.strip().lower()


def get(employer_id: str) -> Employer | None:
    try:
        return Employer.get(employer_id)
    except DoesNotExist:
        return None


def create(employer: Employer, *, audit: Line) -> None:
    audited(lambda tx: tx.save(employer, condition=Employer.employer_id.does_not_exist()), audit)


def list_all() -> list[Employer]:
    """Every employer by name: one Query on the by_name index (a constant partition; hundreds of rows)."""
    return list(Employer.by_name.query("employer"))


def get_many(employer_ids: list[str]) -> list[Employer]:
    """Several employers by id: one BatchGetItem (in pages of 100)."""
    return list(Employer.batch_get(list(dict.fromkeys(employer_ids)))) if employer_ids else []


def set_retention(employer_id: str, *, zw: bool | None, wga: bool | None, audit: Line) -> None:
    """Eigenrisicodrager Ziektewet / WGA (None leaves a setting as it is)."""
    actions = [attribute.set(value) for attribute, value in ((Employer.eigenrisicodrager_zw, zw),
                                                             (Employer.eigenrisicodrager_wga, wga)) if value is not None]
    if actions:
        audited_update(Employer(employer_id), actions, Employer.employer_id.exists(), audit)
