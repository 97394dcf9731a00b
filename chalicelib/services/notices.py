"""Security notices by email: sent after the change, a failed send is logged and the change stands."""
from __future__ import annotations

from dataclasses import dataclass

from ..notify import templates
from ..notify.ports import SendFailed
from ..observability import Metric, count, logger
from .deps import Deps


@dataclass(frozen=True)
class Person:
    """Who a notice goes to, and whose failures are counted."""
    user_id: str
    name: str
    email: str


def person(user: object) -> Person:
    return Person(user.user_id, user.name, user.email)


def security_notice(deps: Deps, to: Person, what: str) -> None:
    s = deps.settings
    message = templates.security_notice(to.name, what, s.portal_url, s.secretariat_phone, s.secretariat_email)
    try:
        deps.email.send_email(to.email, message.subject, message.body)
        count(Metric.EMAIL_SENT)
    except SendFailed:
        logger.exception("security notice failed", extra={"user_id": to.user_id})
