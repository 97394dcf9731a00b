"""An in-memory stand-in for `chalicelib.store`, for service tests without moto (tests/service).

It has the store functions that login, recovery, the ziekmelding (and hersteldmelding, open tasks, task done)
and the weekly email call, with their signatures, the records they return and their promises: a conditional
write refused in DynamoDB is refused here (a second claim, a used code, a link used twice), a transaction
writes all or nothing, and no expiry is checked here that the store does not check itself. tests/store runs
the same contract tests against this and against the moto store, so the two cannot drift apart silently.

`FakeStore().install(monkeypatch)` puts its parts where the services look them up (`store.users`, …); every
other store module and function then fails loudly with `NotInFakeStore`, never reaching DynamoDB.
"""
from __future__ import annotations

import copy
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields, replace
from typing import Any, NoReturn

import pytest
from pynamodb.exceptions import PutError, UpdateError

import chalicelib.store as store_package
from chalicelib.domain import lockout
from chalicelib.domain.roles import Scope
from chalicelib.domain.sms_budget import Bucket
from chalicelib.store import records
from chalicelib.store import signins as real_signins
from chalicelib.store.absences import TTL_GRACE_SECONDS, AlreadyAbsent
from chalicelib.store.audit import Line
from chalicelib.store.departments import claim_key as department_claim_key
from chalicelib.store.digests import Claim
from chalicelib.store.employees import number_key as employee_number_key
from chalicelib.store.employers import KIND as EMPLOYER_KIND
from chalicelib.store.employers import name_key as employer_name_key
from chalicelib.store.users import email_key as user_email_key
from chalicelib.store.users import username_key as user_username_key

__all__ = ["FakeStore", "NotInFakeStore", "DigestSend"]


class NotInFakeStore(AttributeError):
    """A store function the fake does not have: add it here, with its contract test in tests/store."""


def _covered(scope: Scope, employee: records.Employee) -> bool:
    return scope.covers(employee.department_id, employee.afdeling_id)


def _covered_departments(t: _Tables, scope: Scope) -> frozenset[str]:
    chosen = scope.departments or frozenset()
    return chosen | {d.department_id for (employer, _), d in t.departments.items()
                     if employer == scope.employer_id and d.parent_id in chosen}


def _missing(module: str, name: str) -> NoReturn:
    raise NotInFakeStore(f"the fake store has no store.{module}.{name}: add it to tests/support/fake_store.py "
                         f"with a contract test in tests/store, or test this on moto")


class _Part:
    """One store module's stand-in; a function it does not have fails, naming it."""
    module = ""

    def __init__(self, tables: _Tables):
        self._t = tables

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        _missing(self.module, name)


class _NotFaked:
    """A store module the fake has nothing of."""

    def __init__(self, module: str):
        self._module = module

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        _missing(self._module, name)


@dataclass(frozen=True, kw_only=True)
class DigestSend:
    """What `digests.get` answers (the store gives its pynamodb item; the same attributes here)."""
    user_week: str
    status: str | None = None
    claimed_at: int | None = None
    claim_id: str | None = None
    sent_at: int | None = None
    expires_at: int | None = None


@dataclass
class _Tables:
    """The items, by their DynamoDB keys. Records are kept as DynamoDB would hand them back (`_stored`)."""
    users: dict[str, records.User] = field(default_factory=dict)
    usernames: dict[str, str] = field(default_factory=dict)
    invitations: dict[str, records.Invitation] = field(default_factory=dict)
    employers: dict[str, records.Employer] = field(default_factory=dict)
    open_task_flags: set[str] = field(default_factory=set)
    employer_access: dict[tuple[str, str], dict] = field(default_factory=dict)
    employees: dict[tuple[str, str], records.Employee] = field(default_factory=dict)
    personnel_numbers: dict[str, str] = field(default_factory=dict)
    sessions: dict[str, records.Session] = field(default_factory=dict)
    logins: dict[str, records.LoginAttempt] = field(default_factory=dict)
    rate_limits: dict[str, dict] = field(default_factory=dict)
    password_resets: dict[str, records.PasswordReset] = field(default_factory=dict)
    signins: dict[str, dict[str, records.SignIn]] = field(default_factory=dict)
    absences: dict[tuple[str, str], records.Absence] = field(default_factory=dict)
    tasks: dict[tuple[str, str], records.Task] = field(default_factory=dict)
    request_keys: dict[str, dict] = field(default_factory=dict)
    audit: dict[str, dict[str, records.AuditEntry]] = field(default_factory=dict)
    digest_sends: dict[str, dict] = field(default_factory=dict)
    departments: dict[tuple[str, str], records.Department] = field(default_factory=dict)
    department_names: dict[str, str] = field(default_factory=dict)
    documents: dict[tuple[str, str], records.Document] = field(default_factory=dict)
    trusted_browsers: dict[str, records.TrustedBrowser] = field(default_factory=dict)


def _stored(record: Any) -> Any:
    """The record as a read gives it back: lists as tuples, an empty set as none (DynamoDB stores no empty set),
    and a copy, so that no caller shares a dict with the table."""
    changes = {}
    for f in fields(record):
        value = getattr(record, f.name)
        if isinstance(value, frozenset) and not value:
            changes[f.name] = None
        elif isinstance(value, list):
            changes[f.name] = tuple(value)
    return copy.deepcopy(replace(record, **changes) if changes else record)


def _out(record: Any) -> Any:
    return copy.deepcopy(record)


class _Tx:
    """A TransactWriteItems: every condition holds against the items as they were, then every write lands."""

    def __init__(self) -> None:
        self._checks: list[bool] = []
        self._writes: list[Callable[[], None]] = []
        self.committed = False

    def add(self, holds: bool, write: Callable[[], None] | None = None) -> None:
        self._checks.append(holds)
        if write is not None:
            self._writes.append(write)

    def refused_at(self, index: int) -> bool:
        return not self.committed and index < len(self._checks) and not self._checks[index]

    def commit(self) -> bool:
        if all(self._checks):
            for write in self._writes:
                write()
            self.committed = True
        return self.committed


def _add_audit(t: _Tables, tx: _Tx, line: Line | None) -> None:
    if line is None:
        return
    at_id = f"{line.entry.at:012d}#{line.entry_id}"
    tx.add(at_id not in t.audit.get(line.entry.scope, {}),
           lambda: t.audit.setdefault(line.entry.scope, {}).__setitem__(at_id, _stored(line.entry)))


def _adjust_open_tasks(t: _Tables, tx: _Tx, employer_id: str, change: int) -> None:
    if not change:
        return

    def write() -> None:
        employer = t.employers[employer_id]
        t.employers[employer_id] = replace(employer, open_tasks=(employer.open_tasks or 0) + change)
        if change > 0:
            t.open_task_flags.add(employer_id)

    tx.add(employer_id in t.employers, write)


def _audited(t: _Tables, holds: bool, write: Callable[[], None], line: Line | None) -> bool:
    tx = _Tx()
    tx.add(holds, write)
    _add_audit(t, tx, line)
    return tx.commit()


class _Users(_Part):
    module = "users"
    username_key = staticmethod(user_username_key)
    email_key = staticmethod(user_email_key)

    def get(self, user_id: str) -> records.User | None:
        user = self._t.users.get(user_id)
        return _out(user) if user else None

    def find_by_username(self, username: str) -> records.User | None:
        key = user_username_key(username)
        if not key:
            return None
        return next((_out(u) for u in self._t.users.values() if user_username_key(u.username) == key), None)

    def find_by_email(self, email: str) -> list[records.User]:
        key = user_email_key(email)
        return [_out(u) for u in self._t.users.values() if user_email_key(u.email) == key]

    def list_for_employer(self, employer_id: str) -> Iterator[records.User]:
        found = sorted((u for u in self._t.users.values() if u.employer_id == employer_id),
                       key=lambda u: user_username_key(u.username))
        return (_out(u) for u in found)

    def get_many(self, user_ids: list[str]) -> list[records.User]:
        return [_out(self._t.users[i]) for i in dict.fromkeys(user_ids) if i in self._t.users]

    def create(self, user: records.User, invitation: records.Invitation | None = None, *,
               audit: Line | None = None) -> bool:
        t, key = self._t, user_username_key(user.username)
        tx = _Tx()
        tx.add(key not in t.usernames, lambda: t.usernames.__setitem__(key, user.user_id))
        tx.add(user.user_id not in t.users, lambda: t.users.__setitem__(user.user_id, _stored(user)))
        if invitation is not None:
            tx.add(invitation.token_hash not in t.invitations,
                   lambda: t.invitations.__setitem__(invitation.token_hash, _stored(invitation)))
        _add_audit(t, tx, audit)
        return tx.commit()

    def record_failure(self, user_id: str, threshold: int) -> int | None:
        user = self._t.users.get(user_id)
        if user is None or user.status != "active" or not user.failed_count < threshold:
            return None
        self._t.users[user_id] = replace(user, failed_count=user.failed_count + 1, last_failure=uuid.uuid4().hex)
        return user.failed_count + 1

    def count_device_failure(self, user_id: str, device_hash: str, limit: int) -> None:
        user = self._t.users.get(user_id)
        entry = (user.devices or {}).get(device_hash) if user else None
        if entry is None or "failures" not in entry or not entry["failures"] < limit:
            return
        devices = copy.deepcopy(user.devices)
        devices[device_hash]["failures"] += 1
        self._t.users[user_id] = replace(user, devices=devices)

    def unlock(self, user_id: str, *, audit: Line | None = None) -> bool:
        user = self._t.users.get(user_id)
        return _audited(self._t, user is not None and user.status == "active",
                        lambda: self._t.users.__setitem__(user_id, replace(user, failed_count=0)), audit)

    def set_status(self, user_id: str, status: str, expected: str | None = None, *,
                   audit: Line | None = None) -> bool:
        user = self._t.users.get(user_id)
        holds = user is not None and (expected is None or user.status == expected)
        return _audited(self._t, holds, lambda: self._t.users.__setitem__(user_id, replace(
            user, status=status, trust_epoch=user.trust_epoch + 1)), audit)

    def end_trust(self, user_id: str) -> None:
        user = self._t.users.get(user_id)
        if user is not None:
            self._t.users[user_id] = replace(user, trust_epoch=user.trust_epoch + 1)

    def set_password_hash(self, user_id: str, password_hash: str) -> None:
        user = self._t.users.get(user_id)
        if user is None:
            raise UpdateError(f"no user {user_id} (the condition `user_id exists` failed)")
        self._t.users[user_id] = replace(user, password_hash=password_hash)

    def mark_email_bounced(self, user_id: str, now: int) -> bool:
        user = self._t.users.get(user_id)
        if user is None:
            return False
        self._t.users[user_id] = replace(user, email_bounced_at=now)
        return True


class _Employers(_Part):
    module = "employers"
    KIND = EMPLOYER_KIND
    name_key = staticmethod(employer_name_key)

    def get(self, employer_id: str) -> records.Employer | None:
        employer = self._t.employers.get(employer_id)
        return _out(employer) if employer else None

    def create(self, employer: records.Employer, *, audit: Line) -> None:
        t = self._t
        _audited(t, employer.employer_id not in t.employers,
                 lambda: t.employers.__setitem__(employer.employer_id, _stored(employer)), audit)

    def list_all(self) -> list[records.Employer]:
        return [_out(e) for e in sorted(self._t.employers.values(), key=lambda e: employer_name_key(e.name))]

    def get_many(self, employer_ids: list[str]) -> list[records.Employer]:
        return [_out(self._t.employers[i]) for i in dict.fromkeys(employer_ids) if i in self._t.employers]


class _EmployerAccess(_Part):
    module = "employer_access"

    def employers_of(self, user_id: str) -> list[str]:
        return sorted(employer for user, employer in self._t.employer_access if user == user_id)

    def users_of(self, employer_id: str) -> list[str]:
        return sorted(user for user, employer in self._t.employer_access if employer == employer_id)

    def roles_at(self, employer_id: str) -> dict[str, tuple[str | None, frozenset[str] | None]]:
        return {user: (access.get("employer_role"), access.get("department_ids") or None)
                for (user, employer), access in sorted(self._t.employer_access.items()) if employer == employer_id}

    def roles_of(self, user_id: str) -> dict[str, tuple[str | None, frozenset[str] | None]]:
        return {employer: (access.get("employer_role"), access.get("department_ids") or None)
                for (user, employer), access in sorted(self._t.employer_access.items()) if user == user_id}

    def set_role(self, user_id: str, employer_id: str, employer_role: str, department_ids: frozenset[str], *,
                 audit: Line) -> bool:
        t, key = self._t, (user_id, employer_id)
        return _audited(t, key in t.employer_access, lambda: t.employer_access[key].update(
            employer_role=employer_role, department_ids=frozenset(department_ids) or None), audit)

    def grant(self, user_id: str, employer_id: str, *, granted_at: int, granted_by: str, audit: Line) -> bool:
        t, key = self._t, (user_id, employer_id)
        return _audited(t, key not in t.employer_access, lambda: t.employer_access.__setitem__(
            key, {"granted_at": granted_at, "granted_by": granted_by}), audit)

    def revoke(self, user_id: str, employer_id: str, *, audit: Line) -> bool:
        t, key = self._t, (user_id, employer_id)
        return _audited(t, key in t.employer_access, lambda: t.employer_access.pop(key), audit)


class _Employees(_Part):
    module = "employees"
    number_key = staticmethod(employee_number_key)

    def get(self, scope: Scope, employee_id: str) -> records.Employee | None:
        employee = self._t.employees.get((scope.employer_id, employee_id))
        return _out(employee) if employee and _covered(scope, employee) else None

    def create(self, employee: records.Employee, *, audit: Line | None = None) -> bool:
        t = self._t
        number = employee_number_key(employee.employer_id, employee.personnel_number)
        key = (employee.employer_id, employee.employee_id)
        tx = _Tx()
        tx.add(number not in t.personnel_numbers, lambda: t.personnel_numbers.__setitem__(number,
                                                                                          employee.employee_id))
        tx.add(key not in t.employees, lambda: t.employees.__setitem__(key, _stored(employee)))
        _add_audit(t, tx, audit)
        if tx.commit():
            employer = t.employers.get(employee.employer_id)
            if employer is not None and not employer.has_employees:
                t.employers[employee.employer_id] = replace(employer, has_employees=True)
        return tx.committed

    def get_many(self, scope: Scope, employee_ids: list[str]) -> list[records.Employee]:
        return [_out(e) for e in (self._t.employees.get((scope.employer_id, i)) for i in employee_ids)
                if e is not None and _covered(scope, e)]

    def list_for_employer(self, employer_id: str) -> list[records.Employee]:
        return [_out(e) for (employer, _), e in sorted(self._t.employees.items()) if employer == employer_id]


class _Departments(_Part):
    module = "departments"

    def covered_by(self, scope: Scope) -> frozenset[str]:
        return _covered_departments(self._t, scope)

    def list_for_employer(self, employer_id: str) -> list[records.Department]:
        return [_out(d) for (employer, _), d in sorted(self._t.departments.items()) if employer == employer_id]

    def any_for_employer(self, employer_id: str) -> bool:
        return any(employer == employer_id for employer, _ in self._t.departments)

    def get(self, employer_id: str, department_id: str) -> records.Department | None:
        department = self._t.departments.get((employer_id, department_id))
        return _out(department) if department else None

    def create(self, department: records.Department, *, audit: Line | None = None) -> bool:
        t = self._t
        claim = department_claim_key(department.employer_id, department.parent_id, department.name)
        key = (department.employer_id, department.department_id)
        tx = _Tx()
        tx.add(claim not in t.department_names,
               lambda: t.department_names.__setitem__(claim, department.department_id))
        tx.add(key not in t.departments, lambda: t.departments.__setitem__(key, _stored(department)))
        _add_audit(t, tx, audit)
        return tx.commit()


class _Sessions(_Part):
    module = "sessions"

    def get(self, token_hash: str) -> records.Session | None:
        session = self._t.sessions.get(token_hash)
        return _out(session) if session else None

    def touch(self, token_hash: str, now: int, previous: int) -> bool:
        session = self._t.sessions.get(token_hash)
        if session is None or session.last_seen_at != previous:
            return False
        self._t.sessions[token_hash] = replace(session, last_seen_at=now)
        return True

    def delete(self, token_hash: str) -> None:
        self._t.sessions.pop(token_hash, None)

    def delete_all_for_user(self, user_id: str, keep: str | None = None) -> int:
        ended = [h for h, s in self._t.sessions.items() if s.user_id == user_id and h != keep]
        for token_hash in ended:
            del self._t.sessions[token_hash]
        return len(ended)

    def for_user(self, user_id: str) -> list[records.Session]:
        return [_out(s) for s in self._t.sessions.values() if s.user_id == user_id]


class _Logins(_Part):
    module = "logins"

    def create(self, attempt: records.LoginAttempt) -> None:
        if attempt.attempt_hash in self._t.logins:
            raise PutError("the login attempt exists (the condition `attempt_hash does not exist` failed)")
        self._t.logins[attempt.attempt_hash] = _stored(attempt)

    def get(self, attempt_hash: str) -> records.LoginAttempt | None:
        attempt = self._t.logins.get(attempt_hash)
        return _out(attempt) if attempt else None

    def replace_code(self, attempt_hash: str, salt: str, digest: str, expires_at: int) -> bool:
        attempt = self._t.logins.get(attempt_hash)
        if attempt is None or attempt.consumed:
            return False
        self._t.logins[attempt_hash] = replace(attempt, code_salt=salt, code_hash=digest,
                                               code_expires_at=expires_at)
        return True

    def complete(self, attempt: records.LoginAttempt, session: records.Session, event: records.SignIn,
                 threshold: int, new_device_hash: str | None = None,
                 trust: records.TrustedBrowser | None = None) -> bool:
        def change(user: records.User) -> records.User:
            user = replace(user, failed_count=0, devices=_devices(user, attempt, new_device_hash, session.created_at))
            return replace(user, phone=attempt.phone, phone_pending=None) if attempt.phone_is_new else user

        return self._complete(attempt, session, event, threshold, lambda user: True, change, trust)

    def complete_with_backup_code(self, attempt: records.LoginAttempt, session: records.Session,
                                  event: records.SignIn, threshold: int, index: int, code_hash: str,
                                  new_device_hash: str | None = None,
                                  trust: records.TrustedBrowser | None = None) -> bool:
        def unused(user: records.User) -> bool:
            return index < len(user.backup_codes) and user.backup_codes[index].hash == code_hash

        def change(user: records.User) -> records.User:
            return replace(user, failed_count=0, backup_codes=user.backup_codes[:index] + user.backup_codes[index + 1:],
                           devices=_devices(user, attempt, new_device_hash, session.created_at))

        return self._complete(attempt, session, event, threshold, unused, change, trust)

    def complete_with_totp(self, attempt: records.LoginAttempt, session: records.Session, event: records.SignIn,
                           threshold: int, step: int, new_device_hash: str | None = None,
                           trust: records.TrustedBrowser | None = None) -> bool:
        def unused(user: records.User) -> bool:
            return user.totp_secret is not None and (user.totp_last_step is None or user.totp_last_step < step)

        def change(user: records.User) -> records.User:
            return replace(user, failed_count=0, totp_last_step=step,
                           devices=_devices(user, attempt, new_device_hash, session.created_at))

        return self._complete(attempt, session, event, threshold, unused, change, trust)

    def _complete(self, attempt: records.LoginAttempt, session: records.Session, event: records.SignIn,
                  threshold: int, also: Callable[[records.User], bool],
                  change: Callable[[records.User], records.User], trust: records.TrustedBrowser | None) -> bool:
        t = self._t
        current, user = t.logins.get(attempt.attempt_hash), t.users.get(attempt.user_id)
        usable = (user is not None and user.status == "active" and user.failed_count < threshold
                  and user.password_changed_at == attempt.password_changed_at and also(user))
        changed = change(user) if usable else None  # before any write: a change DynamoDB refuses fails them all
        tx = _Tx()
        tx.add(current is not None and not current.consumed,
               lambda: t.logins.__setitem__(attempt.attempt_hash, replace(current, consumed=True)))
        tx.add(usable, lambda: t.users.__setitem__(attempt.user_id, changed))
        tx.add(session.token_hash not in t.sessions,
               lambda: t.sessions.__setitem__(session.token_hash, _stored(session)))
        tx.add(True, lambda: _record_signin(t, event))
        if trust is not None:
            tx.add(trust.token_hash not in t.trusted_browsers,
                   lambda: t.trusted_browsers.__setitem__(trust.token_hash, _stored(trust)))
        for granted in sorted((session.employer_ids or frozenset()) - {attempt.employer_id}):
            tx.add((attempt.user_id, granted) in t.employer_access)
        return tx.commit()


class _TrustedBrowsers(_Part):
    module = "trusted_browsers"

    def get(self, token_hash: str) -> records.TrustedBrowser | None:
        trust = self._t.trusted_browsers.get(token_hash)
        return _out(trust) if trust else None

    def for_user(self, user_id: str, limit: int = 20) -> list[records.TrustedBrowser]:
        found = sorted((t for t in self._t.trusted_browsers.values() if t.user_id == user_id),
                       key=lambda t: t.created_at, reverse=True)
        return [_out(t) for t in found[:limit]]

    def delete(self, trust: records.TrustedBrowser) -> bool:
        found = self._t.trusted_browsers.get(trust.token_hash)
        if found is None or found.user_id != trust.user_id:
            return False
        del self._t.trusted_browsers[trust.token_hash]
        return True


def _devices(user: records.User, attempt: records.LoginAttempt, new_device_hash: str | None,
             now: int) -> dict | None:
    """A known browser's failures start again; a new one is remembered (logins._device_actions)."""
    if attempt.device_hash:
        devices = copy.deepcopy(user.devices or {})
        if attempt.device_hash not in devices:  # DynamoDB: "the document path provided in the update is invalid"
            raise ValueError("ValidationException: the document path provided in the update expression is invalid")
        devices[attempt.device_hash]["failures"] = 0
        return devices
    if new_device_hash is None:
        return user.devices
    return lockout.remembered(copy.deepcopy(attempt.known_devices or {}), new_device_hash, now)


def _record_signin(t: _Tables, event: records.SignIn) -> None:
    t.signins.setdefault(event.user_id, {})[f"{event.at:012d}#{uuid.uuid4().hex[:8]}"] = _stored(event)


class _Signins(_Part):
    module = "signins"
    new = staticmethod(real_signins.new)

    def record(self, event: records.SignIn) -> None:
        _record_signin(self._t, event)

    def record_nothing(self, at: int, browser: str | None = None) -> None:
        """A refused write: nothing is stored."""

    def recent(self, user_id: str, limit: int = 20) -> list[records.SignIn]:
        found = self._t.signins.get(user_id, {})
        return [_out(found[at_id]) for at_id in sorted(found, reverse=True)[:limit]]


class _RateLimits(_Part):
    """Each item: window_start, count, last_at, expires_at, claim_id (a missing attribute: absent from the dict)."""
    module = "rate_limits"

    def claim(self, key: str, now: int, *, gap: int, per_window: int, window: int) -> bool:
        item = self._t.rate_limits.get(key, {})
        gap_passed = "last_at" not in item or item["last_at"] <= now - gap
        if not gap_passed:
            return False
        claim_id = uuid.uuid4().hex
        if item.get("window_start", now - window) > now - window and item.get("count", per_window) < per_window:
            self._t.rate_limits[key] = {**item, "last_at": now, "count": item["count"] + 1, "claim_id": claim_id}
            return True
        if "window_start" not in item or item["window_start"] <= now - window:
            self._t.rate_limits[key] = {**item, "last_at": now, "window_start": now, "count": 1,
                                        "expires_at": now + window, "claim_id": claim_id}
            return True
        return False

    def release(self, key: str, now: int) -> None:
        item = self._t.rate_limits.get(key)
        if item is not None and item.get("last_at") == now and item.get("count", 0) > 0:
            item = {**item, "count": item["count"] - 1}
            del item["last_at"]
            self._t.rate_limits[key] = item

    def spend(self, buckets: list[Bucket], now: int) -> str | None:
        claim_id = uuid.uuid4().hex
        full = [b.name for b in buckets if "count" in self._t.rate_limits.get(b.key, {})
                and not self._t.rate_limits[b.key]["count"] < b.limit]
        if full:
            return full[0]
        for bucket in buckets:
            item = self._t.rate_limits.get(bucket.key, {})
            self._t.rate_limits[bucket.key] = {
                **item, "count": item.get("count", 0) + 1, "last_at": now, "expires_at": bucket.expires_at,
                "window_start": item.get("window_start", now), "claim_id": claim_id}
        return None

    def guesses(self, key: str) -> tuple[int, int] | None:
        item = self._t.rate_limits.get(key)
        return None if item is None else (int(item.get("count") or 0), int(item.get("last_at") or 0))

    def count_guess(self, key: str, seen: int | None, now: int, keep_until: int) -> bool:
        item = self._t.rate_limits.get(key, {})
        if ("count" in item) if seen is None else (item.get("count") != seen):
            return False
        self._t.rate_limits[key] = {**item, "count": item.get("count", 0) + 1, "last_at": now,
                                    "expires_at": keep_until, "window_start": item.get("window_start", now),
                                    "claim_id": uuid.uuid4().hex}
        return True

    def forget_guesses(self, key: str) -> None:
        self._t.rate_limits.pop(key, None)

    def refund(self, buckets: list[Bucket], now: int) -> None:
        for bucket in buckets:
            item = self._t.rate_limits.get(bucket.key)
            if item is not None and item.get("count", 0) > 0:
                self._t.rate_limits[bucket.key] = {**item, "count": item["count"] - 1}


class _PasswordResets(_Part):
    module = "password_resets"

    def create(self, reset: records.PasswordReset) -> bool:
        t = self._t
        tx = _Tx()
        tx.add(reset.token_hash not in t.password_resets,
               lambda: t.password_resets.__setitem__(reset.token_hash, _stored(reset)))
        tx.add(reset.user_id in t.users, lambda: t.users.__setitem__(
            reset.user_id, replace(t.users[reset.user_id], reset_hash=reset.token_hash)))
        return tx.commit()

    def get(self, token_hash: str) -> records.PasswordReset | None:
        reset = self._t.password_resets.get(token_hash)
        return _out(reset) if reset else None

    def use(self, reset: records.PasswordReset, password_hash: str, now: int) -> bool:
        t = self._t
        current, user = t.password_resets.get(reset.token_hash), t.users.get(reset.user_id)
        tx = _Tx()
        tx.add(current is None or current.used_at is None, lambda: current and t.password_resets.__setitem__(
            reset.token_hash, replace(current, used_at=now)))
        tx.add(user is not None and user.status == "active" and user.reset_hash == reset.token_hash,
               lambda: t.users.__setitem__(reset.user_id, replace(
                   user, password_hash=password_hash, password_changed_at=now, reset_hash=None,
                   trust_epoch=user.trust_epoch + 1)))
        return tx.commit()


class _Absences(_Part):
    module = "absences"
    AlreadyAbsent = AlreadyAbsent
    TTL_GRACE_SECONDS = TTL_GRACE_SECONDS

    def get(self, scope: Scope, absence_id: str) -> records.Absence | None:
        absence = self._t.absences.get((scope.employer_id, absence_id))
        return _out(absence) if absence and self._in_scope(scope, absence.employee_id) else None

    def _in_scope(self, scope: Scope, employee_id: str) -> bool:
        employee = self._t.employees.get((scope.employer_id, employee_id))
        return scope.whole_employer or (employee is not None and _covered(scope, employee))

    def for_employee(self, employer_id: str, employee_id: str) -> list[records.Absence]:
        return [_out(a) for a in sorted(self._t.absences.values(), key=lambda a: a.first_sick_day)
                if a.employee_id == employee_id and a.employer_id == employer_id]

    def reported_with(self, employer_id: str, key: str) -> str | None:
        found = self._t.request_keys.get(f"{employer_id}#{key}")
        return found["record_id"] if found else None

    def report_sick(self, absence: records.Absence, tasks: list[records.Task], request_key: str,
                    key_expires_at: int, *, audit: Line | None = None) -> bool:
        t = self._t
        key, employee_key = f"{absence.employer_id}#{request_key}", (absence.employer_id, absence.employee_id)
        employee = t.employees.get(employee_key)
        tx = _Tx()
        tx.add(key not in t.request_keys, lambda: t.request_keys.__setitem__(
            key, {"record_id": absence.absence_id, "expires_at": key_expires_at}))
        tx.add(employee is not None and employee.open_absence_id is None, lambda: t.employees.__setitem__(
            employee_key, replace(employee, open_absence_id=absence.absence_id)))
        tx.add((absence.employer_id, absence.absence_id) not in t.absences,
               lambda: t.absences.__setitem__((absence.employer_id, absence.absence_id), _stored(absence)))
        for task in tasks:
            tx.add(True, lambda task=task: t.tasks.__setitem__((task.employer_id, task.task_id), _stored(task)))
        _adjust_open_tasks(t, tx, absence.employer_id, len(tasks))
        _add_audit(t, tx, audit)
        if tx.commit() or tx.refused_at(0):
            return tx.committed
        if tx.refused_at(1):
            raise AlreadyAbsent()
        raise RuntimeError("ziekmelding refused by an unexpected condition")

    def report_recovery(self, absence: records.Absence, recovered_on: str, closed_task_ids: list[str],
                        new_tasks: list[records.Task], *, done_task_ids: tuple[str, ...] = (),
                        absence_purge_at: int | None = None, tasks_purge_at: int | None = None,
                        audit: Line | None = None) -> bool:
        t = self._t
        absence_key, employee_key = (absence.employer_id, absence.absence_id), (absence.employer_id,
                                                                                absence.employee_id)
        current, employee = t.absences.get(absence_key), t.employees.get(employee_key)
        purge = {"purge_at": absence_purge_at} if absence_purge_at else {}
        task_purge = {"purge_at": tasks_purge_at} if tasks_purge_at else {}
        tx = _Tx()
        tx.add(current is not None and current.status == "open", lambda: t.absences.__setitem__(
            absence_key, replace(current, status="closed", recovered_on=recovered_on, riv_gap=None, **purge)))
        tx.add(employee is not None and employee.open_absence_id == absence.absence_id,
               lambda: t.employees.__setitem__(employee_key, replace(employee, open_absence_id=None)))
        for task_id in closed_task_ids:
            self._task_update(tx, absence.employer_id, task_id, "open", status="closed", **task_purge)
        for task_id in done_task_ids if task_purge else ():
            self._task_update(tx, absence.employer_id, task_id, "done", **task_purge)
        for task in new_tasks:
            tx.add(True, lambda task=task: t.tasks.__setitem__((task.employer_id, task.task_id), _stored(task)))
        _adjust_open_tasks(t, tx, absence.employer_id, len(new_tasks) - len(closed_task_ids))
        _add_audit(t, tx, audit)
        return tx.commit()

    def _task_update(self, tx: _Tx, employer_id: str, task_id: str, only_if: str, **changes: Any) -> None:
        """Change the task if its status is `only_if`."""
        t, key = self._t, (employer_id, task_id)
        task = t.tasks.get(key)
        tx.add(task is not None and task.status == only_if,
               lambda: t.tasks.__setitem__(key, replace(task, **changes)))

    def add_recovery_step(self, absence: records.Absence, step: records.RecoveryStep, *,
                          audit: Line | None = None) -> bool:
        t, key = self._t, (absence.employer_id, absence.absence_id)
        current = t.absences.get(key)
        grown = current is not None and current.status == "open" and len(current.steps) == len(absence.steps)
        if _audited(t, grown, lambda: t.absences.__setitem__(key, replace(current, steps=(*current.steps, step))),
                    audit):
            return True
        now = t.absences.get(key)
        return now is not None and len(now.steps) == len(absence.steps) + 1 and now.steps[-1].from_date == \
            step.from_date

    def tasks_of(self, absence_id: str) -> list[records.Task]:
        return [_out(task) for task in sorted(self._t.tasks.values(), key=_due_key) if task.absence_id == absence_id]

    def open_tasks(self, employer_id: str, limit: int = 200) -> list[records.Task]:
        return [_out(task) for task in sorted(self._t.tasks.values(), key=_due_key)
                if task.employer_id == employer_id and task.status == "open"][:limit]

    def get_task(self, scope: Scope, task_id: str) -> records.Task | None:
        task = self._t.tasks.get((scope.employer_id, task_id))
        return _out(task) if task and self._in_scope(scope, task.employee_id) else None

    def _open_in(self, scope: Scope) -> list[records.Task]:
        """The open tasks the scope's lists hold: by the task's own department for a leidinggevende."""
        tasks = self.open_tasks(scope.employer_id, limit=10**9)
        if scope.whole_employer:
            return tasks
        covered = _covered_departments(self._t, scope)
        return [task for task in tasks if task.department_id in covered]

    def open_tasks_page(self, scope: Scope, *, first: str | None = None, last: str | None = None,
                        after: str | None = None, limit: int = 50) -> tuple[list[records.Task], str | None]:
        found = [task for task in self._open_in(scope)
                 if (first is None or task.due >= first) and (last is None or task.due <= last)
                 and (after is None or _due_key(task) > after)]
        page = found[:limit]
        return page, (_due_key(page[-1]) if len(found) > limit else None)

    def open_due_dates(self, scope: Scope, last: str, limit: int) -> list[str]:
        return [task.due for task in self._open_in(scope) if task.due <= last][:limit]

    def count_open(self, scope: Scope) -> int:
        return len(self._open_in(scope))

    def set_riv_gap(self, absence: records.Absence, gap: str | None) -> bool:
        t, key = self._t, (absence.employer_id, absence.absence_id)
        current = t.absences.get(key)
        if gap == absence.riv_gap:
            return True
        if current is None or current.status != "open" or current.riv_gap != absence.riv_gap:
            return False
        t.absences[key] = replace(current, riv_gap=gap)
        return True

    def with_riv_gap(self, scope: Scope, before: str, limit: int) -> list[records.Absence]:
        covered = None if scope.whole_employer else _covered_departments(self._t, scope)
        found = sorted((a for a in self._t.absences.values()
                        if a.employer_id == scope.employer_id and a.status == "open" and a.riv_gap is not None
                        and a.riv_gap < before and (covered is None or a.department_id in covered)),
                       key=lambda a: (a.riv_gap or "", a.absence_id))
        return [_out(a) for a in found[:limit]]

    def move(self, employee: records.Employee) -> int:
        t, changed = self._t, 0
        for key, absence in list(t.absences.items()):
            if absence.employee_id == employee.employee_id and absence.employer_id == employee.employer_id:
                if absence.department_id != employee.department_id:
                    t.absences[key] = replace(absence, department_id=employee.department_id)
                    changed += 1
                for task_key, task in list(t.tasks.items()):
                    if task.absence_id == absence.absence_id and task.department_id != employee.department_id:
                        t.tasks[task_key] = replace(task, department_id=employee.department_id)
                        changed += 1
        return changed

    def mark_done(self, employer_id: str, task_id: str, user_id: str, now: int, purge_at: int | None = None, *,
                  done_on: str | None = None, note: str | None = None, audit: Line | None = None) -> bool:
        tx = _Tx()
        self._task_update(tx, employer_id, task_id, "open", status="done", done_by=user_id, done_at=now,
                          done_on=done_on, done_note=note, **({"purge_at": purge_at} if purge_at else {}))
        _adjust_open_tasks(self._t, tx, employer_id, -1)
        _add_audit(self._t, tx, audit)
        return tx.commit()

    def reopen(self, task: records.Task, *, audit: Line | None = None) -> bool:
        t, key = self._t, (task.employer_id, task.task_id)
        absence, current = t.absences.get((task.employer_id, task.absence_id)), t.tasks.get(key)
        tx = _Tx()
        tx.add(absence is not None and absence.status == "open")
        tx.add(current is not None and current.status == "done" and current.done_at == task.done_at,
               lambda: t.tasks.__setitem__(key, replace(current, status="open", done_by=None, done_at=None,
                                                        done_on=None, done_note=None, purge_at=None)))
        _adjust_open_tasks(t, tx, task.employer_id, 1)
        _add_audit(t, tx, audit)
        return tx.commit()


def _due_key(task: records.Task) -> str:
    return f"{task.due}#{task.task_id}"


class _Audit(_Part):
    module = "audit"
    Line = Line

    def record(self, line: Line) -> None:
        if not _audited(self._t, True, lambda: None, line):
            raise PutError("the audit entry exists (the condition `at_id does not exist` failed)")

    def recent(self, scope: str, limit: int = 100) -> list[records.AuditEntry]:
        found = self._t.audit.get(scope, {})
        return [_out(found[at_id]) for at_id in sorted(found, reverse=True)[:limit]]


class _Digests(_Part):
    """Each send item: status, claimed_at, claim_id, sent_at, expires_at (a missing attribute: absent)."""
    module = "digests"
    Claim = Claim

    def employers_with_open_tasks(self, page_size: int = 100,
                                  start_after: str | None = None) -> Iterator[records.Employer]:
        flagged = sorted(e for e in self._t.open_task_flags if start_after is None or e > start_after)
        return (_out(self._t.employers[e]) for e in flagged if e in self._t.employers)

    def clear_flag(self, employer_id: str) -> bool:
        employer = self._t.employers.get(employer_id)
        if employer is None or employer.open_tasks > 0:
            return False
        self._t.open_task_flags.discard(employer_id)
        return True

    def claim(self, user_id: str, week: str, now: int, lease: int, keep: int, claim_id: str) -> Claim:
        key = f"{user_id}#{week}"
        current = self._t.digest_sends.get(key)
        stale = current is not None and current.get("status") == "sending" and "claimed_at" in current \
            and current["claimed_at"] < now - lease
        if current is None or stale:
            self._t.digest_sends[key] = {"status": "sending", "claimed_at": now, "claim_id": claim_id,
                                         "expires_at": now + keep}
            return Claim.CLAIMED
        if current.get("claim_id") == claim_id:
            return Claim.CLAIMED
        return Claim.HELD if current.get("status") == "sending" else Claim.DONE

    def finish(self, user_id: str, week: str, status: str, now: int) -> None:
        key = f"{user_id}#{week}"
        self._t.digest_sends[key] = {**self._t.digest_sends.get(key, {}), "status": status, "sent_at": now}

    def finish_if_possible(self, user_id: str, week: str, status: str, now: int) -> bool:
        self.finish(user_id, week, status, now)
        return True

    def release_if_possible(self, user_id: str, week: str, claim_id: str) -> bool:
        self.release(user_id, week, claim_id)
        return True

    def confirm_sent(self, user_id: str, week: str, now: int, keep: int) -> bool:
        key = f"{user_id}#{week}"
        current = self._t.digest_sends.get(key, {})
        if current.get("status", "sending") != "sending":
            return False
        self._t.digest_sends[key] = {**current, "status": "sent", "sent_at": current.get("sent_at", now),
                                     "claimed_at": current.get("claimed_at", now),
                                     "expires_at": current.get("expires_at", now + keep)}
        return True

    def release(self, user_id: str, week: str, claim_id: str) -> None:
        key = f"{user_id}#{week}"
        current = self._t.digest_sends.get(key)
        if current is not None and current.get("status") == "sending" and current.get("claim_id") == claim_id:
            del self._t.digest_sends[key]

    def get(self, user_id: str, week: str) -> DigestSend | None:
        key = f"{user_id}#{week}"
        current = self._t.digest_sends.get(key)
        return None if current is None else DigestSend(user_week=key, **current)


class _Documents(_Part):
    module = "documents"

    @staticmethod
    def _key(document: records.Document) -> tuple[str, str]:
        return document.employer_id, f"{document.absence_id}#{document.document_id}#{document.version:04d}"

    def of_case(self, employer_id: str, absence_id: str) -> list[records.Document]:
        return [_out(d) for (employer, key), d in sorted(self._t.documents.items())
                if employer == employer_id and key.startswith(f"{absence_id}#")]

    def latest_version(self, employer_id: str, absence_id: str, document_id: str) -> records.Document | None:
        versions = [d for d in self.of_case(employer_id, absence_id) if d.document_id == document_id]
        return versions[-1] if versions else None

    def get(self, employer_id: str, absence_id: str, document_id: str, version: int) -> records.Document | None:
        found = self._t.documents.get((employer_id, f"{absence_id}#{document_id}#{version:04d}"))
        return _out(found) if found else None

    def create(self, document: records.Document, expires_at: int) -> bool:
        key = self._key(document)
        if key in self._t.documents:
            return False
        self._t.documents[key] = _stored(document)
        return True


class FakeStore:
    """The store's modules, in memory: `fake.users.get(...)` as `store.users.get(...)`."""

    def __init__(self) -> None:
        self.tables = _Tables()
        self.users = _Users(self.tables)
        self.employers = _Employers(self.tables)
        self.employer_access = _EmployerAccess(self.tables)
        self.employees = _Employees(self.tables)
        self.departments = _Departments(self.tables)
        self.sessions = _Sessions(self.tables)
        self.logins = _Logins(self.tables)
        self.signins = _Signins(self.tables)
        self.rate_limits = _RateLimits(self.tables)
        self.password_resets = _PasswordResets(self.tables)
        self.absences = _Absences(self.tables)
        self.audit = _Audit(self.tables)
        self.digests = _Digests(self.tables)
        self.documents = _Documents(self.tables)
        self.trusted_browsers = _TrustedBrowsers(self.tables)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        raise NotInFakeStore(f"the fake store has no store.{name}")

    def part(self, module: str) -> Any:
        """The stand-in installed for `store.<module>`: a part of this fake, or one that has nothing."""
        return self.__dict__.get(module) or _NotFaked(module)

    def install(self, monkeypatch: pytest.MonkeyPatch) -> FakeStore:
        """Put this fake where the services find the store's modules (`store.users`, …) for one test; every
        module but `records` (plain dataclasses) is replaced, so nothing reaches the real store."""
        for module in sorted(store_package._SUBMODULES - {"records"}):
            monkeypatch.setattr(store_package, module, self.part(module))
        return self


@dataclass
class AwsCalls:
    """The AWS requests a test tried to make (each one also failed at once)."""
    tried: list[str] = field(default_factory=list)


class AwsCallRefused(AssertionError):
    """A botocore request in a test that runs without AWS (and without moto)."""


def refuse_aws_calls(monkeypatch: pytest.MonkeyPatch) -> AwsCalls:
    """Make every botocore request fail for one test — boto3's and pynamodb's clients alike, made before or after:
    they all send through `BaseClient._make_api_call`. The attempts are kept, so a caller that swallows the error
    still fails the test (`assert not calls.tried`)."""
    import botocore.client

    calls = AwsCalls()

    def refused(client: Any, operation_name: str, api_params: dict) -> NoReturn:
        what = f"{client.meta.service_model.service_name}.{operation_name}"
        calls.tried.append(what)
        raise AwsCallRefused(f"{what}: this test runs without AWS; the fake store or a fake port should answer")

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", refused)
    return calls
