"""Demo data for the local stand-in. Every step is idempotent: seeding twice adds nothing."""
from __future__ import annotations

import os
from dataclasses import dataclass

from chalicelib import store
from chalicelib.domain.accounts import SECRETARIAT_SCOPE, Role
from chalicelib.domain.departments import afdeling_of
from chalicelib.domain.roles import EmployerRole
from chalicelib.services import admin, roles
from chalicelib.services.backup_codes import new_set
from chalicelib.services.deps import Deps
from chalicelib.services.sessions import Principal

DEFAULT_DEMO_PASSWORD = "demo-wachtwoord-2026"
DEMO_EMPLOYER_NAME = "Demo BV"


@dataclass(frozen=True)
class DemoUser:
    username: str
    name: str
    email: str
    phone: str
    role: Role
    description: str


WERKGEVER = DemoUser("werkgever", "Wim Werkgever", "werkgever@demo-bv.nl", "+31612345678", Role.WERKGEVER,
                     f"werkgever van {DEMO_EMPLOYER_NAME}")
SECRETARIAAT = DemoUser("secretariaat", "Sanne Secretariaat", "secretariaat@deverzuimmakelaar.nl", "+31687654321",
                        Role.SECRETARIAAT, "het secretariaat")
LEIDINGGEVENDE = DemoUser("leidinggevende", "Lotte Leidinggevende", "lotte@demo-bv.nl", "+31612340000",
                          Role.WERKGEVER, f"leidinggevende van Magazijn (met Nachtploeg) en beheerder bij "
                          f"{DEMO_EMPLOYER_NAME}")
"""The werkgever demo login is verzuimbeheerder (HR) of Demo BV; this one sees only Magazijn and its team, and as
beheerder sets the roles of colleagues within that (Collega's)."""
DEMO_USERS = (WERKGEVER, LEIDINGGEVENDE, SECRETARIAAT)
MANAGED = ("demo-magazijn",)


def demo_password() -> str:
    """`$DEMO_PASSWORD` when set, else the documented default."""
    return os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD


# department id, name, parent id: two afdelingen, one with a team
DEMO_DEPARTMENTS = (
    ("demo-kantoor", "Kantoor", None),
    ("demo-magazijn", "Magazijn", None),
    ("demo-nachtploeg", "Nachtploeg", "demo-magazijn"),
)

# personnel number, first name, infix, last name, date of birth, start date, contract hours, department id
DEMO_EMPLOYEES = (
    ("1001", "Jan", "de", "Vries", "1980-04-12", "2015-03-01", 40, "demo-magazijn"),
    ("1002", "Fatima", None, "El Amrani", "1991-09-30", "2019-08-15", 32, "demo-kantoor"),
    ("1003", "Sanne", "van den", "Berg", "1975-01-22", "2008-01-01", 24, "demo-kantoor"),
    ("1004", "Kees", None, "Jansen-Bakker", "1968-11-05", "1999-06-01", 36, "demo-magazijn"),
    ("1005", "Zoë", "van 't", "Hof", "1995-07-17", "2022-02-01", 40, "demo-nachtploeg"),
)


def seed_demo(deps: Deps, password: str) -> dict[str, list[str]]:
    """The demo employer with a few employees, and the demo logins, each with a set of back-up codes.

    Returns the back-up codes of each demo login created now, by username, to show this once (the `make run`
    banner); a login that existed already keeps its codes and is left out. Further demo data (absences) is
    seeded here too, after the employer exists, each step idempotent like these.
    """
    employer_id = demo_employer(deps)["employer_id"]
    seed_departments(deps, employer_id)
    seed_employees(deps, employer_id)
    backup_codes = {}
    for user, scope in ((WERKGEVER, employer_id), (LEIDINGGEVENDE, employer_id), (SECRETARIAAT, SECRETARIAT_SCOPE)):
        created = provision(deps, user, scope, password)
        if created is not None:
            backup_codes[user.username] = give_backup_codes(deps, created)
            if user is LEIDINGGEVENDE:
                roles.set_role(deps, created.user_id, employer_id, roles.RoleChange(
                    role=EmployerRole.LEIDINGGEVENDE, department_ids=frozenset(MANAGED), beheerder=True),
                    actor="demo-seed")
    seed_absence(deps, employer_id)
    seed_leave(deps, employer_id)
    seed_blocked_user(deps, employer_id, password)
    return backup_codes


def give_backup_codes(deps: Deps, user: store.records.User) -> list[str]:
    """A new set of back-up codes for a demo login, stored as hashes as any other set; the codes to show."""
    shown, items = new_set(deps)
    store.users.replace_backup_codes(user.user_id, items)
    return shown


BLOCKED = DemoUser("bblokker", "Bram Blokker", "bram.blokker@demo-bv.nl", "+31611111111", Role.WERKGEVER,
                   f"geblokkeerde werkgever van {DEMO_EMPLOYER_NAME}")
"""Not a demo login: blocked from the start, so the secretariat's home has something to do (Deblokkeren)."""


def seed_blocked_user(deps: Deps, employer_id: str, password: str) -> None:
    """Bram, blocked by too many failed logins as the portal counts them; only when he is made now, so an unlock
    in the stand-in stays unlocked."""
    created = provision(deps, BLOCKED, employer_id, password)
    if created is not None:
        threshold = deps.settings.lockout_threshold
        for _ in range(threshold):
            store.users.record_failure(created.user_id, threshold)


def _demo_werkgever(deps: Deps, employer_id: str) -> Principal:
    """The demo werkgever as the services see a signed-in user, for demo data made through the portal's use cases."""
    werkgever = store.users.find_by_username(WERKGEVER.username)
    assert werkgever is not None, "the demo werkgever is provisioned before the demo data"
    return Principal(werkgever.user_id, WERKGEVER.role.value, employer_id, "demo-seed", deps.now())


DEMO_SICK = "demo-1004"  # Kees Jansen-Bakker: sick since ten days before the first start, so home has tasks


def seed_absence(deps: Deps, employer_id: str) -> None:
    """One open ziekmelding, made through the portal's own use case, once (never when Kees has any absence)."""
    from datetime import timedelta

    from chalicelib.services import absences

    if store.absences.for_employee(employer_id, DEMO_SICK):
        return
    absences.report_sick(deps, _demo_werkgever(deps, employer_id), absences.SickReport(
        employee_id=DEMO_SICK, first_sick_day=(deps.today() - timedelta(days=10)).isoformat()), "demo-seed")


DEMO_LEAVE = "demo-1005"  # Zoë van 't Hof (Nachtploeg) expects in ten weeks: her leave and its UWV tasks are there


def seed_leave(deps: Deps, employer_id: str) -> None:
    """One zwangerschaps- en bevallingsverlof ahead, registered through the portal's own use case, once."""
    from datetime import timedelta

    from chalicelib.services import leaves

    if store.leaves.for_employee(employer_id, DEMO_LEAVE):
        return
    leaves.register(deps, _demo_werkgever(deps, employer_id), leaves.LeaveForm(
        employee_id=DEMO_LEAVE, expected_on=(deps.today() + timedelta(weeks=10)).isoformat()))


_AFDELING_OF = {d: afdeling_of(d, parent) for d, _, parent in DEMO_DEPARTMENTS}


def seed_departments(deps: Deps, employer_id: str) -> None:
    """Demo BV's afdelingen Kantoor and Magazijn, with the team Nachtploeg; a second run finds their names taken."""
    for department_id, name, parent_id in DEMO_DEPARTMENTS:
        store.departments.create(store.records.Department(
            employer_id=employer_id, department_id=department_id, name=name, parent_id=parent_id,
            created_at=deps.now()))


def seed_employees(deps: Deps, employer_id: str) -> None:
    """Demo BV's employees, each in their department since they started, keyed by personnel number so a second
    run writes nothing new."""
    for number, first, infix, last, born, started, hours, department_id in DEMO_EMPLOYEES:
        store.employees.create(store.records.Employee(
            employer_id=employer_id, employee_id=f"demo-{number}", personnel_number=number, first_name=first,
            infix=infix, last_name=last,
            date_of_birth=born, start_date=started, contract_hours=hours,
            work_email=f"{first.lower()}@demo-bv.nl", department_id=department_id,
            afdeling_id=_AFDELING_OF[department_id],
            department_since=started, created_at=deps.now()))


def demo_employer(deps: Deps) -> admin.AdminEmployer:
    """Demo BV as `{"employer_id", "name"}`, created on first use."""
    return (admin.find_employer_by_name(deps, DEMO_EMPLOYER_NAME)
            or admin.create_employer(deps, DEMO_EMPLOYER_NAME))


def provision(deps: Deps, user: DemoUser, employer_id: str, password: str) -> store.records.User | None:
    """An active account with a known password; left as it is (None) when the username exists."""
    return admin.provision_active_user(deps, username=user.username, name=user.name, email=user.email,
                                role=user.role.value, employer_id=employer_id, phone=user.phone,
                                password=password)
