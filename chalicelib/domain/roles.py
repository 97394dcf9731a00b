"""Roles within an employer (omgeving), and the scope they give: what one user may see of that employer.

- verzuimbeheerder (HR): every employee, absence, task and figure of the employer;
- leidinggevende: only the employees of the departments assigned to them (an afdeling with all its teams, or one
  team), and their absences, tasks and figures;
- beheerder: a right on top of either role: the employer's own administrator, who sets the roles of colleagues
  (services/colleagues.py), never giving more than they have themselves.

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


BEHEERDER_SUFFIX = "+beheerder"
"""How the beheerder right is kept: with the role, in one value (`leidinggevende+beheerder`), so every copy of a
user's role (a login attempt, a session, a switch of omgeving) and every check that it is unchanged covers it too."""


def employer_role(stored: str | None) -> EmployerRole:
    return EmployerRole(stored.removesuffix(BEHEERDER_SUFFIX)) if stored else DEFAULT_ROLE


def is_beheerder(stored: str | None) -> bool:
    return stored is not None and stored.endswith(BEHEERDER_SUFFIX)


def stored_role(role: EmployerRole, beheerder: bool) -> str:
    return role.value + (BEHEERDER_SUFFIX if beheerder else "")


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

    def covers_department(self, department_id: str, parent_id: str | None) -> bool:
        """Whether the employees of this department (an afdeling, or a team of `parent_id`) are in scope."""
        return self.covers(department_id, parent_id or department_id)


def scope_of(employer_id: str, role: str | None, departments: Iterable[str] | None) -> Scope:
    """A verzuimbeheerder's scope is the employer; a leidinggevende's their departments (none: nothing)."""
    if employer_role(role) is EmployerRole.VERZUIMBEHEERDER:
        return Scope(employer_id)
    return Scope(employer_id, frozenset(departments or ()))


def within(granter: Scope, granted: Scope, covered: frozenset[str]) -> bool:
    """Whether `granted` gives no more than `granter` has: anything for a granter who sees the whole employer;
    else only a leidinggevende's departments among those the granter sees (`covered`: theirs and their afdelingen's
    teams). A beheerder never gives more than they have."""
    if granter.whole_employer:
        return True
    return granted.departments is not None and granted.departments <= covered


def whole(employer_id: str) -> Scope:
    """The scope of jobs and of the secretariat's tools (import, retention): the whole employer."""
    return Scope(employer_id)
