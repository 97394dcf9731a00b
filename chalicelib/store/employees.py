"""Employees, in their employer's partition, with personnel numbers unique per employer."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from pynamodb.exceptions import DoesNotExist

from ..domain.names import name_keys, sort_key
from . import records
from .audit import Line, add
from .conditions import conditional_update
from .mapping import stored, to_item, to_record
from .models import Employee, EmployeeSearchKey, Employer, PersonnelNumberClaim
from .transactions import transaction


def number_key(employer_id: str, personnel_number: str) -> str:
    return f"{employer_id}#{personnel_number.strip().lower()}"


def _employee(item: Employee) -> records.Employee:
    return to_record(records.Employee, item)


def employee_item(employee: records.Employee) -> Employee:
    """The item of an employee, with its sparse index keys: absent_by_employer while an absence is open, by_purge
    once a removal day is known."""
    return to_item(employee, absent_employer_id=employee.employer_id if employee.open_absence_id else None,
                   purge_key="due" if employee.purge_on else None)


def get(employer_id: str, employee_id: str) -> records.Employee | None:
    """One GetItem; an id of another employer is simply not found."""
    try:
        return _employee(Employee.get(employer_id, employee_id))
    except DoesNotExist:
        return None


def create(employee: records.Employee, *, audit: Line | None = None) -> bool:
    """Write a new employee, claim its personnel number, with the audit line; False when the number is taken."""
    claim = PersonnelNumberClaim(number_key(employee.employer_id, employee.personnel_number),
                                 employee_id=employee.employee_id)
    with transaction() as tx:
        tx.save(claim, condition=PersonnelNumberClaim.key.does_not_exist())
        tx.save(employee_item(employee), condition=Employee.employee_id.does_not_exist())
        for key in search_keys(employee):
            tx.save(key)
        add(tx, audit)
    if tx.committed:
        mark_has_employees(employee.employer_id)
    return tx.committed


def mark_has_employees(employer_id: str) -> None:
    """The employer has had an employee (`Employer.has_employees`): an UpdateItem that changes nothing once set."""
    conditional_update(Employer(employer_id), [Employer.has_employees.set(True)],
                       Employer.employer_id.exists() & (Employer.has_employees.does_not_exist()
                                                        | (Employer.has_employees == False)))  # noqa: E712 (a DynamoDB condition)


def learn_has_employees(employer_id: str) -> bool:
    """For an employer from before `has_employees` was kept: whether it has an employee (a Query of one item),
    stored so that this is asked once. Only where nothing is stored yet, so an employee added meanwhile wins."""
    found = any_for_employer(employer_id)
    conditional_update(Employer(employer_id), [Employer.has_employees.set(found)],
                       Employer.employer_id.exists() & Employer.has_employees.does_not_exist())
    return found


def update(current: records.Employee, changes: dict[str, Any], now: int, *, audit: Line | None = None) -> bool:
    """Apply `changes` (field of the record → value, None removes); a new personnel number moves the claim, a
    removal day puts the employee on (or takes them off) the by_purge index.

    False when the new personnel number belongs to someone else; nothing is written then.
    """
    if "purge_on" in changes:
        changes = {**changes, "purge_key": "due" if changes["purge_on"] else None}
    actions = [getattr(Employee, name).set(stored(value)) if value is not None else getattr(Employee, name).remove()
               for name, value in changes.items()] + [Employee.updated_at.set(now)]
    new_number = changes.get("personnel_number")
    moved_to = new_number if new_number is not None and number_key(current.employer_id, new_number) != number_key(
        current.employer_id, current.personnel_number) else None
    changed = dataclasses.replace(current, **{name: changes[name] for name in (
        "first_name", "infix", "last_name", "personnel_number") if name in changes})
    old_keys = {k.key_employee: k for k in search_keys(current)}
    new_keys = {k.key_employee: k for k in search_keys(changed)}
    with transaction() as tx:
        tx.update(Employee(current.employer_id, current.employee_id), actions=actions,
                  condition=Employee.employee_id.exists())
        for gone in old_keys.keys() - new_keys.keys():
            tx.delete(old_keys[gone])
        for added in new_keys.keys() - old_keys.keys():
            tx.save(new_keys[added])
        if moved_to is not None:
            tx.save(PersonnelNumberClaim(number_key(current.employer_id, moved_to),
                                         employee_id=current.employee_id),
                    condition=PersonnelNumberClaim.key.does_not_exist())
            tx.delete(PersonnelNumberClaim(number_key(current.employer_id, current.personnel_number)),
                      condition=PersonnelNumberClaim.employee_id == current.employee_id)
        add(tx, audit)
    return tx.committed


def any_for_employer(employer_id: str) -> bool:
    """Whether the employer has any employee yet: a Query of one item."""
    return next(iter(Employee.query(employer_id, limit=1)), None) is not None


def list_for_employer(employer_id: str) -> list[records.Employee]:
    """One Query on the employer's partition (paged by pynamodb)."""
    return [_employee(e) for e in Employee.query(employer_id)]


# The one key per employee that orders the Medewerkers list by name: "!" never starts a folded search word, so
# "Dossier zoeken" never finds it.
NAME_ORDER_PREFIX = "!naam#"


def name_order_key(employee: records.Employee) -> str:
    """"!naam#vries jan de#<employee_id>": last name, first name, tussenvoegsel (names.sort_key), then the id."""
    return NAME_ORDER_PREFIX + " ".join(sort_key(employee.first_name, employee.infix, employee.last_name)) + \
        f"#{employee.employee_id}"


def search_keys(employee: records.Employee) -> list[EmployeeSearchKey]:
    """The employee's `employee-search` items: one per search key, and the name-order key of the Medewerkers list."""
    keys = name_keys(employee.first_name, employee.infix, employee.last_name, employee.personnel_number)
    return [EmployeeSearchKey(employee.employer_id, f"{key}#{employee.employee_id}", employee_id=employee.employee_id)
            for key in sorted(keys)] + [EmployeeSearchKey(employee.employer_id, name_order_key(employee),
                                                          employee_id=employee.employee_id)]


def by_name(employer_id: str, after: str | None, limit: int) -> list[tuple[str, str]]:
    """(name-order key, employee id) of up to `limit` employees by name, after the key `after`: one Query on the
    employer's `employee-search` partition with begins_with("!naam#"), reading `limit` items."""
    start = {"employer_id": {"S": employer_id}, "key_employee": {"S": after}} if after else None
    return [(item.key_employee, item.employee_id) for item in EmployeeSearchKey.query(
        employer_id, EmployeeSearchKey.key_employee.startswith(NAME_ORDER_PREFIX), limit=limit,
        last_evaluated_key=start)]


def rebuild_search_keys(employer_id: str) -> int:
    """Write the `employee-search` items (search and name-order keys) of every employee of one employer, for
    employees made before a key existed: one Query of the employer's partition and batched writes. Only for
    `manage.py rebuild-employee-search`, never on a request path. Returns the number of employees."""
    count = 0
    with EmployeeSearchKey.batch_write() as batch:
        for item in Employee.query(employer_id):
            for key in search_keys(_employee(item)):
                batch.save(key)
            count += 1
    return count


def search_candidates(employer_id: str, prefix: str, limit: int = 200,
                      start: dict | None = None) -> tuple[list[str], dict | None]:
    """Ids of employees with a search key starting with `prefix`: one Query on the employer's partition, `limit`
    keys a page. Returns the ids and where the next page starts (None: no more keys)."""
    ids: dict[str, None] = {}
    page = EmployeeSearchKey.query(employer_id, EmployeeSearchKey.key_employee.startswith(prefix), limit=limit,
                                   last_evaluated_key=start)
    for item in page:
        ids[item.employee_id] = None
    return list(ids), page.last_evaluated_key


def absent(employer_id: str) -> list[records.Employee]:
    """The employer's employees who are sick now: a Query on the sparse absent_by_employer index."""
    return [_employee(e) for e in Employee.absent_by_employer.query(employer_id)]


def absent_page(employer_id: str, after: str | None, limit: int) -> list[records.Employee]:
    """Up to `limit` of the employer's sick employees, by employee id after `after`: one Query on the sparse
    absent_by_employer index reading `limit` items. The start key is rebuilt here from the employer given."""
    start = {"absent_employer_id": {"S": employer_id}, "employee_id": {"S": after},
             "employer_id": {"S": employer_id}} if after else None
    return [_employee(e) for e in Employee.absent_by_employer.query(employer_id, limit=limit,
                                                                     last_evaluated_key=start)]


def get_many(employer_id: str, employee_ids: list[str]) -> list[records.Employee]:
    """BatchGetItem of the employer's own employees."""
    return [_employee(e) for e in Employee.batch_get([(employer_id, employee_id) for employee_id in employee_ids])]


def due_for_purge(today: str, page_size: int = 100) -> Iterator[records.Employee]:
    """Employees whose last day kept has passed: a Query on the sparse by_purge index, page by page."""
    return (_employee(e) for e in Employee.by_purge.query("due", Employee.purge_on < today, page_size=page_size))


def delete(employee: records.Employee) -> bool:
    """Remove an employee with their personnel-number claim and search keys, in one transaction; False when they
    were reported sick meanwhile (nothing is removed then)."""
    with transaction() as tx:
        tx.delete(Employee(employee.employer_id, employee.employee_id),
                  condition=Employee.open_absence_id.does_not_exist())
        tx.delete(PersonnelNumberClaim(number_key(employee.employer_id, employee.personnel_number)),
                  condition=PersonnelNumberClaim.employee_id == employee.employee_id)
        for key in search_keys(employee):
            tx.delete(key)
    return tx.committed


def set_purge_on(employee: records.Employee, day: str) -> None:
    Employee(employee.employer_id, employee.employee_id).update(actions=[Employee.purge_on.set(day)],
                                                                condition=Employee.purge_key.exists())
