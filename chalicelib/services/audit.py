"""Recording and reading the audit trail (retention: at least as long as the data, minimum two years)."""
from __future__ import annotations

from .. import store
from ..domain.accounts import SECRETARIAT_SCOPE
from .deps import Deps
from .sessions import Principal


CLI_ACTOR = "manage.py"
"""The actor of secretariat actions taken on the command line."""


def _keep_seconds(deps: Deps) -> int:
    """DOMAIN.md, retention: the audit trail of access is kept as long as the data it covers, at least 2 years."""
    return deps.settings.retention.audit_days * 24 * 3600


def record(deps: Deps, principal: Principal, action: str, object_type: str, object_id: str,
           scope: str | None = None) -> None:
    store.audit.record(scope or principal.employer_id, deps.now(), principal.user_id, action, object_type,
                       object_id, _keep_seconds(deps))


def record_secretariat(deps: Deps, actor: str, action: str, object_type: str, object_id: str) -> None:
    """A secretariat action, by a signed-in secretariat user or `manage.py` on the command line."""
    store.audit.record(SECRETARIAT_SCOPE, deps.now(), actor, action, object_type, object_id,
                       _keep_seconds(deps))


def trail(deps: Deps, scope: str) -> list[dict]:
    return [{"at": e.at, "actor_user_id": e.actor_user_id, "action": e.action, "object_type": e.object_type,
             "object_id": e.object_id} for e in store.audit.recent(scope)]
