"""Recording and reading the audit trail (retention: at least as long as the data, minimum two years)."""
from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from .. import store
from ..domain.accounts import SECRETARIAT_SCOPE
from ..store import records
from .deps import Deps
from .sessions import Principal

if TYPE_CHECKING:
    from ..store.audit import Line  # store's submodules load on first use

CLI_ACTOR = "manage.py"
"""The actor of secretariat actions taken on the command line."""


def _keep_seconds(deps: Deps) -> int:
    """DOMAIN.md, retention: the audit trail of access is kept as long as the data it covers, at least 2 years."""
    return deps.settings.retention.audit_days * 24 * 3600


def line(deps: Deps, principal: Principal, action: str, object_type: str, object_id: str,
         scope: str | None = None, *, employee_id: str | None = None) -> Line:
    """A user's line, to be written in the transaction of the change it records; `employee_id` puts it in that
    employee's access log (services/access_log.py)."""
    return _line(deps, scope or principal.employer_id, principal.user_id, action, object_type, object_id,
                 employee_id)


def line_of(deps: Deps, employer_id: str, actor: str, action: str, object_type: str, object_id: str,
            employee_id: str | None = None) -> Line:
    """A user's line written by a background function on their behalf (the check releasing their upload)."""
    return _line(deps, employer_id, actor, action, object_type, object_id, employee_id)


def secretariat_line(deps: Deps, actor: str, action: str, object_type: str, object_id: str) -> Line:
    """A secretariat action's line, by a signed-in secretariat user or `manage.py` on the command line."""
    return _line(deps, SECRETARIAT_SCOPE, actor, action, object_type, object_id)


def _line(deps: Deps, scope: str, actor: str, action: str, object_type: str, object_id: str,
          employee_id: str | None = None) -> Line:
    return store.audit.Line(records.AuditEntry(scope=scope, at=deps.now(), actor_user_id=actor, action=action,
                                               object_type=object_type, object_id=object_id,
                                               employee_id=employee_id), _keep_seconds(deps))


def record(deps: Deps, principal: Principal, action: str, object_type: str, object_id: str, *,
           employee_id: str | None = None) -> None:
    """A line on its own, for what changes nothing (a dossier viewed)."""
    store.audit.record(line(deps, principal, action, object_type, object_id, employee_id=employee_id))


def record_secretariat(deps: Deps, actor: str, action: str, object_type: str, object_id: str) -> None:
    """A secretariat line on its own, for an action whose many writes no one transaction holds (an import)."""
    store.audit.record(secretariat_line(deps, actor, action, object_type, object_id))


class AuditEntryView(TypedDict):
    """One line of the trail: who (a user id, or `manage.py`) did what to which object, when (epoch seconds)."""
    at: int
    actor_user_id: str
    action: str
    object_type: str
    object_id: str


class AuditTrail(TypedDict):
    entries: list[AuditEntryView]


def trail(deps: Deps, scope: str) -> list[AuditEntryView]:
    """The newest lines of one scope (an employer, or the secretariat's own), newest first."""
    return [{"at": e.at, "actor_user_id": e.actor_user_id, "action": e.action, "object_type": e.object_type,
             "object_id": e.object_id} for e in store.audit.recent(scope)]
