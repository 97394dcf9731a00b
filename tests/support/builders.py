"""Records to hand the store in its tests: complete, valid, unique where the store needs them unique."""
from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

from chalicelib.domain import codes
from chalicelib.store import records
from chalicelib.store.audit import Line

NOW = 1_790_000_000
THRESHOLD = 5
KEEP = 730 * 24 * 3600


def _short() -> str:
    return uuid.uuid4().hex[:10]


def employer(**changes: Any) -> records.Employer:
    return replace(records.Employer(employer_id=f"emp-{_short()}", name="Bakkerij Jansen BV", created_at=NOW,
                                    has_employees=False), **changes)


def user(employer_id: str = "emp-a", **changes: Any) -> records.User:
    short = _short()
    return replace(records.User(user_id=f"user-{short}", username=f"wim{short}", email=f"wim{short}@jansen.nl",
                                name="Wim Jansen", role="werkgever", employer_id=employer_id, status="active",
                                created_at=NOW, password_hash="$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA",
                                phone="+31612345678"), **changes)


def employee(employer_id: str, **changes: Any) -> records.Employee:
    return replace(records.Employee(employer_id=employer_id, employee_id=f"mw-{_short()}",
                                    personnel_number=_short(), first_name="Jan", infix="de", last_name="Vries",
                                    date_of_birth="1980-04-12", start_date="2015-03-01", contract_hours=32.5,
                                    created_at=NOW), **changes)


def absence(of: records.Employee, first_sick_day: str = "2026-09-14", **changes: Any) -> records.Absence:
    """An open absence of the employee, in their department (as a ziekmelding makes it)."""
    return replace(records.Absence(employer_id=of.employer_id, absence_id=f"abs-{_short()}",
                                   employee_id=of.employee_id, first_sick_day=first_sick_day,
                                   case_start=first_sick_day, status="open", created_by="user-wim",
                                   created_at=NOW, department_id=of.department_id), **changes)


def task(of: records.Absence, due: str, code: str = "probleemanalyse", **changes: Any) -> records.Task:
    return replace(records.Task(employer_id=of.employer_id, task_id=f"task-{_short()}", absence_id=of.absence_id,
                                employee_id=of.employee_id, code=code, title=code.replace("_", " ").title(),
                                due=due, status="open", department_id=of.department_id), **changes)


def department(employer_id: str, department_id: str, name: str, parent_id: str | None = None) -> records.Department:
    return records.Department(employer_id=employer_id, department_id=department_id, name=name, parent_id=parent_id,
                              created_at=NOW)


def tasks(of: records.Absence, *dues: str) -> list[records.Task]:
    return [task(of, due, code=f"taak_{i}") for i, due in enumerate(dues)]


def line(scope: str, action: str = "absence_reported", at: int = NOW, object_id: str = "x") -> Line:
    return Line(records.AuditEntry(scope=scope, at=at, actor_user_id="user-wim", action=action,
                                   object_type="absence", object_id=object_id), KEEP)


def attempt(of: records.User, **changes: Any) -> records.LoginAttempt:
    salt = codes.new_salt()
    return replace(records.LoginAttempt(
        attempt_hash=codes.token_hash(codes.new_token()), user_id=of.user_id, name=of.name, email=of.email,
        role=of.role, employer_id=of.employer_id, phone=of.phone or "+31612345678",
        password_changed_at=of.password_changed_at, known_devices=of.devices, expires_at=NOW + 900,
        code_salt=salt, code_hash=codes.code_hash("abc123", salt), code_expires_at=NOW + 300), **changes)


def session(of: records.User | records.LoginAttempt, **changes: Any) -> records.Session:
    return replace(records.Session(
        token_hash=codes.token_hash(codes.new_token()), session_id=str(uuid.uuid4()), user_id=of.user_id,
        role=of.role, employer_id=of.employer_id, csrf_hash=codes.token_hash(codes.new_token()), method="sms",
        created_at=NOW, authenticated_at=NOW, last_seen_at=NOW, expires_at=NOW + 12 * 3600), **changes)


def signin(of: records.User | records.LoginAttempt, at: int = NOW, success: bool = True) -> records.SignIn:
    return records.SignIn(user_id=of.user_id, at=at, method="sms", success=success, expires_at=at + 90 * 86400)


def reset(of: records.User, **changes: Any) -> records.PasswordReset:
    return replace(records.PasswordReset(token_hash=codes.token_hash(codes.new_token()), user_id=of.user_id,
                                         expires_at=NOW + 3600, purge_at=NOW + 3600 + 86400), **changes)


def passkey(of: records.User, **changes: Any) -> records.Passkey:
    credential_id = f"cred-{_short()}"
    return replace(records.Passkey(
        passkey_id=codes.token_hash(credential_id), credential_id=credential_id, user_id=of.user_id,
        name="Laptop werk", public_key="pQECAyYgASFYIA", sign_count=0, backup_eligible=False, backed_up=False,
        created_at=NOW, transports=("internal",), aaguid="00000000-0000-0000-0000-000000000000"), **changes)


def trust(of: records.User | records.LoginAttempt, epoch: int = 0, **changes: Any) -> records.TrustedBrowser:
    return replace(records.TrustedBrowser(
        token_hash=codes.token_hash(codes.new_token()), trusted_browser_id=str(uuid.uuid4()), user_id=of.user_id,
        epoch=epoch, created_at=NOW, expires_at=NOW + 30 * 86400, browser="Firefox 133 op Windows 10"), **changes)
