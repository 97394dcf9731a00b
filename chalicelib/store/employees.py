"""Employees, in their employer's partition, with personnel numbers unique per employer.

Every read takes the caller's Scope (domain/roles.py): one employee is not found when out of scope, and the lists
(search, Medewerkers) read the scope's own partitions of `employee-search`: each employee's search and name-order
keys are written under the employer, under their afdeling (`<employer>#<afdeling>`) and, in a team, under the team
(`<employer>#<team>`), so a leidinggevende reads only what they may see."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from pynamodb.exceptions import DoesNotExist

from ..domain.names import name_keys, sort_key
from ..domain.roles import Scope
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


def get(scope: Scope, employee_id: str) -> records.Employee | None:
    """One GetItem; an id of another employer, or out of the caller's scope, is simply not found."""
    try:
        employee = _employee(Employee.get(scope.employer_id, employee_id))
    except DoesNotExist:
        return None
    return employee if _covered(scope, employee) else None


def _covered(scope: Scope, employee: records.Employee) -> bool:
    return scope.covers(employee.department_id, employee.afdeling_id)


def partition(employer_id: str, department_id: str) -> str:
    """The `employee-search` partition of one department's employees."""
    return f"{employer_id}#{department_id}"


def partitions(scope: Scope) -> list[str]:
    """The `employee-search` partitions that hold the scope's employees: the employer's, or one per department."""
    if scope.departments is None:
        return [scope.employer_id]
    return [partition(scope.employer_id, d) for d in sorted(scope.departments)]


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
        "first_name", "infix", "last_name", "personnel_number", "department_id", "afdeling_id") if name in changes})
    old_keys = {_search_key_id(k): k for k in search_keys(current)}
    new_keys = {_search_key_id(k): k for k in search_keys(changed)}
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
    """Every employee of the employer: one Query on its partition (paged by pynamodb). For jobs and the
    secretariat's tools, which see the whole employer."""
    return [_employee(e) for e in Employee.query(employer_id)]


# The one key per employee that orders the Medewerkers list by name: "!" never starts a folded search word, so
# "Dossier zoeken" never finds it.
NAME_ORDER_PREFIX = "!naam#"


def name_order_key(employee: records.Employee) -> str:
    """"!naam#vries jan de#<employee_id>": last name, first name, tussenvoegsel (names.sort_key), then the id."""
    return NAME_ORDER_PREFIX + " ".join(sort_key(employee.first_name, employee.infix, employee.last_name)) + \
        f"#{employee.employee_id}"


def every(scope: Scope) -> list[records.Employee]:
    """Every employee in scope: for the whole employer one Query of its partition; for a leidinggevende their
    departments' name-order keys a page at a time and those employees (BatchGetItem), growing with them."""
    if scope.whole_employer:
        return list_for_employer(scope.employer_id)
    found: list[records.Employee] = []
    after = None
    while True:
        keys = by_name(scope, after, _EVERY_PAGE)
        found += get_many(scope, [i for _, i in keys])
        if len(keys) < _EVERY_PAGE:
            return found
        after = keys[-1][0]


_EVERY_PAGE = 100  # a BatchGetItem's most


def search_partitions(employee: records.Employee) -> list[str]:
    """Where the employee's keys are: the employer's partition, their afdeling's and, in a team, the team's."""
    departments = dict.fromkeys(d for d in (employee.afdeling_id, employee.department_id) if d)
    return [employee.employer_id, *(partition(employee.employer_id, d) for d in departments)]


def search_keys(employee: records.Employee) -> list[EmployeeSearchKey]:
    """The employee's `employee-search` items: one per search key, and the name-order key of the Medewerkers list,
    in each of the employee's partitions."""
    keys = [f"{key}#{employee.employee_id}" for key in sorted(
        name_keys(employee.first_name, employee.infix, employee.last_name, employee.personnel_number))]
    keys.append(name_order_key(employee))
    return [EmployeeSearchKey(where, key, employee_id=employee.employee_id)
            for where in search_partitions(employee) for key in keys]


def _search_key_id(key: EmployeeSearchKey) -> tuple[str, str]:
    return key.employer_id, key.key_employee


_NAME_ORDER_END = NAME_ORDER_PREFIX[:-1] + chr(ord(NAME_ORDER_PREFIX[-1]) + 1)  # just after every "!naam#" key


def by_name(scope: Scope, after: str | None, limit: int) -> list[tuple[str, str]]:
    """(name-order key, employee id) of up to `limit` employees in scope by name, after the key `after`: one Query
    per partition of the scope (one for the whole employer) reading at most `limit` items each, merged."""
    low = after + "\x00" if after else NAME_ORDER_PREFIX
    found: dict[str, tuple[str, str]] = {}
    for where in partitions(scope):
        for item in EmployeeSearchKey.query(where, EmployeeSearchKey.key_employee.between(low, _NAME_ORDER_END),
                                            limit=limit):
            found.setdefault(item.employee_id, (item.key_employee, item.employee_id))
    return sorted(found.values())[:limit]


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


def search_candidates(scope: Scope, prefix: str, limit: int = 200,
                      start: tuple[int, dict | None] | None = None) -> tuple[list[str], tuple[int, dict | None] | None]:
    """Ids of employees in scope with a search key starting with `prefix`: one Query of `limit` keys on one of the
    scope's partitions (the employer's, or a department's). Returns the ids and where the next page starts, in
    this partition or the next (None: no more keys)."""
    where = partitions(scope)
    index, key = start or (0, None)
    if index >= len(where):
        return [], None
    ids: dict[str, None] = {}
    page = EmployeeSearchKey.query(where[index], EmployeeSearchKey.key_employee.startswith(prefix), limit=limit,
                                   last_evaluated_key=key)
    for item in page:
        ids[item.employee_id] = None
    if page.last_evaluated_key is not None:
        return list(ids), (index, page.last_evaluated_key)
    return list(ids), (index + 1, None) if index + 1 < len(where) else None


def absent(employer_id: str) -> list[records.Employee]:
    """The employer's employees who are sick now: a Query on the sparse absent_by_employer index. The whole
    employer's: only for a caller whose scope is the employer."""
    return [_employee(e) for e in Employee.absent_by_employer.query(employer_id)]


def absent_page(employer_id: str, after: str | None, limit: int) -> list[records.Employee]:
    """Up to `limit` of the employer's sick employees, by employee id after `after`: one Query on the sparse
    absent_by_employer index reading `limit` items. The start key is rebuilt here from the employer given."""
    start = {"absent_employer_id": {"S": employer_id}, "employee_id": {"S": after},
             "employer_id": {"S": employer_id}} if after else None
    return [_employee(e) for e in Employee.absent_by_employer.query(employer_id, limit=limit,
                                                                     last_evaluated_key=start)]


def get_many(scope: Scope, employee_ids: list[str]) -> list[records.Employee]:
    """BatchGetItem of the employer's own employees; those out of scope are left out, as those not found."""
    found = (_employee(e) for e in Employee.batch_get([(scope.employer_id, i) for i in employee_ids]))
    return [e for e in found if _covered(scope, e)]


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
