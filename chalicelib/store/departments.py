"""Departments (afdelingen and teams), in their employer's partition, with names unique among siblings."""
from __future__ import annotations

from pynamodb.exceptions import DoesNotExist

from ..domain.departments import name_key
from ..domain.roles import Scope
from . import records
from .audit import Line, add
from .mapping import to_item, to_record
from .models import Department, DepartmentNameClaim
from .transactions import transaction


def claim_key(employer_id: str, parent_id: str | None, name: str) -> str:
    return f"{employer_id}#{parent_id or '-'}#{name_key(name)}"


def _department(item: Department) -> records.Department:
    return to_record(records.Department, item)


def list_for_employer(employer_id: str) -> list[records.Department]:
    """Every afdeling and team of the employer: one Query of its partition (at most
    domain.departments.MAX_PER_EMPLOYER items)."""
    return [_department(d) for d in Department.query(employer_id)]


def covered_by(scope: Scope) -> frozenset[str]:
    """Every department whose employees a leidinggevende's scope covers: theirs, and the teams of their afdelingen
    (one Query of the employer's tree). Only for a scope smaller than the employer."""
    chosen = scope.departments or frozenset()
    teams = {d.department_id for d in list_for_employer(scope.employer_id) if d.parent_id in chosen}
    return chosen | teams


def any_for_employer(employer_id: str) -> bool:
    """Whether the employer has any department: a Query of one item."""
    return next(iter(Department.query(employer_id, limit=1)), None) is not None


def get(employer_id: str, department_id: str) -> records.Department | None:
    """One GetItem; another employer's department is simply not found."""
    try:
        return _department(Department.get(employer_id, department_id))
    except DoesNotExist:
        return None


def create(department: records.Department, *, audit: Line | None = None) -> bool:
    """TransactWriteItems: the name claim (condition not exists), the department (condition not exists) and the
    audit line. False when a sibling already has this name; nothing is written then."""
    with transaction() as tx:
        tx.save(DepartmentNameClaim(claim_key(department.employer_id, department.parent_id, department.name),
                                    department_id=department.department_id),
                condition=DepartmentNameClaim.key.does_not_exist())
        tx.save(to_item(department), condition=Department.department_id.does_not_exist())
        add(tx, audit)
    return tx.committed


def rename(current: records.Department, name: str, *, audit: Line | None = None) -> bool:
    """TransactWriteItems: the name (condition: still the name read), the new claim (not exists) and the old claim
    removed (condition: it is this department's). False when a sibling has the new name, or the department was
    renamed meanwhile."""
    old_claim = claim_key(current.employer_id, current.parent_id, current.name)
    new_claim = claim_key(current.employer_id, current.parent_id, name)
    with transaction() as tx:
        tx.update(Department(current.employer_id, current.department_id), actions=[Department.name.set(name)],
                  condition=Department.name == current.name)
        if new_claim != old_claim:
            tx.save(DepartmentNameClaim(new_claim, department_id=current.department_id),
                    condition=DepartmentNameClaim.key.does_not_exist())
            tx.delete(DepartmentNameClaim(old_claim),
                      condition=DepartmentNameClaim.department_id == current.department_id)
        add(tx, audit)
    return tx.committed
