"""Opening and checking sessions: idle and absolute timeouts, CSRF, logout."""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from .. import store
from ..domain import accounts, codes, roles
from ..domain.errors import Forbidden, NotAuthenticated
from ..observability import count_outage, logger
from ..outages import outage_of
from ..store import records
from .deps import Deps

# The idle clock is written at most once a minute, not on every request.
_TOUCH_INTERVAL = 60


@dataclass(frozen=True)
class NewSession:
    """The secrets the browser gets; only their hashes are stored."""
    token: str
    csrf_token: str
    record: records.Session
    """Saved by the caller's transaction (the login's, or the activation's)."""


@dataclass(frozen=True)
class Principal:
    """Who is calling: the checked session's facts."""
    user_id: str
    role: str
    employer_id: str
    session_hash: str
    authenticated_at: int
    employer_ids: frozenset[str] | None = None
    """A werkgever's omgevingen as the session lists them (None: not listed, look them up)."""
    browser: str | None = None
    """The session's browser in words, as at sign-in (None: not known)."""
    employer_role: str | None = None
    """The user's role at the active employer (domain/roles.py; None: verzuimbeheerder)."""
    department_ids: frozenset[str] | None = None
    """A leidinggevende's departments at the active employer."""

    @property
    def beheerder(self) -> bool:
        """The employer's own administrator at the active employer (domain/roles.py)."""
        return roles.is_beheerder(self.employer_role)

    @property
    def scope(self) -> roles.Scope:
        """What this caller may see of the active employer: every read of employees, absences and tasks takes it."""
        return roles.scope_of(self.employer_id, self.employer_role, self.department_ids)


def new_session(deps: Deps, *, user_id: str, role: str, employer_id: str, method: str,
                employer_ids: frozenset[str] | None = None, browser: str | None = None,
                grant: Grant | None = None) -> NewSession:
    """A session to save; `employer_ids` lists a werkgever's omgevingen (their own employer and those granted),
    `browser` names the browser in words (domain/browsers.recognised), `grant` is the user's role (and
    departments) at `employer_id`."""
    token, csrf = codes.new_token(), codes.new_token()
    now = deps.now()
    record = records.Session(
        token_hash=codes.token_hash(token), session_id=str(uuid.uuid4()), user_id=user_id, role=role,
        employer_id=employer_id, csrf_hash=codes.token_hash(csrf), method=method, created_at=now,
        authenticated_at=now, last_seen_at=now, expires_at=now + deps.settings.session_absolute_seconds,
        employer_ids=employer_ids, browser=browser, employer_role=grant.employer_role if grant else None,
        department_ids=grant.department_ids if grant else None)
    return NewSession(token, csrf, record)


@dataclass(frozen=True)
class Grant:
    """A user's role at one employer, and a leidinggevende's departments there, as stored (None: the default)."""
    employer_role: str | None = None
    department_ids: frozenset[str] | None = None


def own_grant(user: records.User) -> Grant:
    """The user's role at their own employer."""
    return Grant(user.employer_role, user.department_ids)


def employer_ids_of(user_id: str, role: str, own_employer_id: str) -> list[str]:
    """A werkgever's omgevingen, their own employer first, then those granted: one Query of the access items."""
    if role != accounts.Role.WERKGEVER.value:
        return []
    return list(dict.fromkeys([own_employer_id, *store.employer_access.employers_of(user_id)]))


def session_employer_ids(user_id: str, role: str, own_employer_id: str) -> frozenset[str] | None:
    """The omgevingen a new session lists (None for the secretariat, which has none)."""
    ids = employer_ids_of(user_id, role, own_employer_id)
    return frozenset(ids) if ids else None


def authenticate(deps: Deps, token: str | None, csrf_token: str | None, *, state_changing: bool) -> Principal:
    """Check the session cookie (and the CSRF header on writes); one read, a write at most once a minute."""
    if not token:
        raise NotAuthenticated()
    token_hash = codes.token_hash(token)
    session = store.sessions.get(token_hash)
    now = deps.now()
    if session is None:
        raise NotAuthenticated()
    if now >= session.expires_at or now - session.last_seen_at >= deps.settings.session_idle_seconds:
        store.sessions.delete(token_hash)
        raise NotAuthenticated("Uw sessie is verlopen. Log opnieuw in.", code="session_expired")
    if state_changing and not _csrf_matches(session, csrf_token):
        raise csrf_failed()
    if now - session.last_seen_at >= _TOUCH_INTERVAL:
        _touch(token_hash, now, session.last_seen_at)
    return Principal(session.user_id, session.role, session.employer_id, token_hash, session.authenticated_at,
                     session.employer_ids, session.browser, session.employer_role, session.department_ids)


def current_user(user_id: str) -> records.User:
    """The signed-in user as stored now; one that is gone has no session left either (401)."""
    user = store.users.get(user_id)
    if user is None:
        raise NotAuthenticated()
    return user


def current_session(principal: Principal) -> records.Session:
    """The caller's session as stored now; one that ended meanwhile (logged out elsewhere, blocked): 401."""
    session = store.sessions.get(principal.session_hash)
    if session is None:
        raise NotAuthenticated()
    return session


def _touch(token_hash: str, now: int, previous: int) -> None:
    """Move the idle clock on; if DynamoDB refuses just now (throttled), the request still goes on: the next
    request within the idle time moves it instead."""
    try:
        store.sessions.touch(token_hash, now, previous)
    except Exception as error:
        outage = outage_of(error)
        if outage is None:
            raise
        count_outage(outage)
        logger.warning("session idle clock not moved", extra={"aws_error": outage.code})


def end(token: str | None, csrf_token: str | None) -> None:
    """Log out: revoke the session, if the request carries that session's CSRF token."""
    if not token:
        return
    token_hash = codes.token_hash(token)
    session = store.sessions.get(token_hash)
    if session is None:
        return
    if not _csrf_matches(session, csrf_token):
        raise csrf_failed()
    store.sessions.delete(token_hash)


def _csrf_matches(session: records.Session, csrf_token: str | None) -> bool:
    if not csrf_token:
        return False
    return codes.same(codes.token_hash(csrf_token), session.csrf_hash)


def csrf_failed() -> Forbidden:
    return Forbidden("Het verzoek kon niet worden gecontroleerd. Vernieuw de pagina en probeer het opnieuw.",
                     code="csrf_failed")
