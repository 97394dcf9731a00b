"""Roles within an employer (omgeving), and the scope they give: what one user may see of that employer.

- verzuimbeheerder (HR): every employee, absence, task and figure of the employer;
- leidinggevende: only the employees of the departments assigned to them (an afdeling with all its teams, or one
  team), and their absences, tasks and figures.

Out of scope is not found, exactly like another employer's objects: the scope is applied where the store reads
(store/employees.py, store/absences.py), never by the caller. A user's role is set per employer: on the user for
their own employer, on the access item for one granted (store/employer_access.py).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class EmployerRole(StrEnum):
    VERZUIMBEHEERDER = "verzuimbeheerder"
    LEIDINGGEVENDE = "leidinggevende"


MAX_DEPARTMENTS = 50
"""Departments one leidinggevende may be given: a session copies them, and a scope reads one partition each."""

DEFAULT_ROLE = EmployerRole.VERZUIMBEHEERDER
"""The role of a user from before roles existed, and of a new one unless said otherwise: what they had."""


def employer_role(stored: str | None) -> EmployerRole:
    return EmployerRole(stored) if stored else DEFAULT_ROLE


@dataclass(frozen=True)
class Scope:
    """What a user may see of one employer: everything (`departments` None), or only the employees of these
    departments. An employee is covered by their own department (afdeling or team) and by their team's afdeling."""
    employer_id: str
    departments: frozenset[str] | None = None

    @property
    def whole_employer(self) -> bool:
        return self.departments is None

    def covers(self, department_id: str | None, afdeling_id: str | None) -> bool:
        """Whether an employee in `department_id` (whose afdeling is `afdeling_id`) is in this scope; an employee
        without a department is in no leidinggevende's scope."""
        if self.departments is None:
            return True
        return any(d is not None and d in self.departments for d in (department_id, afdeling_id))


def scope_of(employer_id: str, role: str | None, departments: Iterable[str] | None) -> Scope:
    """A verzuimbeheerder's scope is the employer; a leidinggevende's their departments (none: nothing)."""
    if employer_role(role) is EmployerRole.VERZUIMBEHEERDER:
        return Scope(employer_id)
    return Scope(employer_id, frozenset(departments or ()))


def whole(employer_id: str) -> Scope:
    """The scope of jobs and of the secretariat's tools (import, retention): the whole employer."""
    return Scope(employer_id)
