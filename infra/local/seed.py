"""Demo data for the local stand-in. Every step is idempotent: seeding twice adds nothing."""
from __future__ import annotations

import os
from dataclasses import dataclass

from chalicelib import store
from chalicelib.domain.accounts import SECRETARIAT_SCOPE, Role
from chalicelib.services import admin
from chalicelib.services.deps import Deps

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
DEMO_USERS = (WERKGEVER, SECRETARIAAT)


def demo_password() -> str:
    """`$DEMO_PASSWORD` when set, else the documented default."""
    return os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD


# personnel number, first name, infix, last name, date of birth, start date, contract hours
DEMO_EMPLOYEES = (
    ("1001", "Jan", "de", "Vries", "1980-04-12", "2015-03-01", 40),
    ("1002", "Fatima", None, "El Amrani", "1991-09-30", "2019-08-15", 32),
    ("1003", "Sanne", "van den", "Berg", "1975-01-22", "2008-01-01", 24),
    ("1004", "Kees", None, "Jansen-Bakker", "1968-11-05", "1999-06-01", 36),
    ("1005", "Zoë", "van 't", "Hof", "1995-07-17", "2022-02-01", 40),
)


def seed_demo(deps: Deps, password: str) -> None:
    """The demo employer with a few employees, and the demo logins.

    Further demo data (absences) is seeded here too, after the employer exists, each step
    idempotent like these.
    """
    employer_id = demo_employer(deps)["employer_id"]
    seed_employees(deps, employer_id)
    provision(deps, WERKGEVER, employer_id, password)
    provision(deps, SECRETARIAAT, SECRETARIAT_SCOPE, password)
    seed_absence(deps, employer_id)


DEMO_SICK = "demo-1004"  # Kees Jansen-Bakker: sick since ten days before the first start, so home has tasks


def seed_absence(deps: Deps, employer_id: str) -> None:
    """One open ziekmelding, made through the portal's own use case, once (never when Kees has any absence)."""
    from datetime import timedelta

    from chalicelib.services import absences
    from chalicelib.services.sessions import Principal

    if store.absences.for_employee(employer_id, DEMO_SICK):
        return
    werkgever = store.users.find_by_username(WERKGEVER.username)
    assert werkgever is not None, "the demo werkgever is provisioned before the absence"
    principal = Principal(werkgever.user_id, WERKGEVER.role.value, employer_id, "demo-seed", deps.now())
    absences.report_sick(deps, principal, absences.SickReport(
        employee_id=DEMO_SICK, first_sick_day=(deps.today() - timedelta(days=10)).isoformat()), "demo-seed")


def seed_employees(deps: Deps, employer_id: str) -> None:
    """Demo BV's employees, keyed by personnel number so a second run writes nothing new."""
    for number, first, infix, last, born, started, hours in DEMO_EMPLOYEES:
        store.employees.create(store.records.Employee(
            employer_id=employer_id, employee_id=f"demo-{number}", personnel_number=number, first_name=first,
            infix=infix, last_name=last,
            date_of_birth=born, start_date=started, contract_hours=hours,
            work_email=f"{first.lower()}@demo-bv.nl", created_at=deps.now()))


def demo_employer(deps: Deps) -> admin.AdminEmployer:
    """Demo BV as `{"employer_id", "name"}`, created on first use."""
    return (admin.find_employer_by_name(deps, DEMO_EMPLOYER_NAME)
            or admin.create_employer(deps, DEMO_EMPLOYER_NAME))


def provision(deps: Deps, user: DemoUser, employer_id: str, password: str) -> None:
    """An active account with a known password; left as it is when the username exists."""
    admin.provision_active_user(deps, username=user.username, name=user.name, email=user.email,
                                role=user.role.value, employer_id=employer_id, phone=user.phone,
                                password=password)
