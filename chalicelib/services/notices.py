"""Security notices by email: sent after the change, a failed send is logged and the change stands."""
from __future__ import annotations

from dataclasses import dataclass

from ..domain.errors import DeliveryFailed
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


def send_login_code(deps: Deps, phone: str, code: str, user_id: str) -> None:
    """The SMS with a login (or re-authentication) code; DeliveryFailed says what to do next."""
    s = deps.settings
    _send_sms(deps, phone, templates.sms_login_code(code, s.sms_code_seconds // 60), user_id,
              DeliveryFailed("De SMS met uw beveiligingscode kon niet worden verstuurd. Probeer het over een paar "
                             f"minuten opnieuw, of neem contact op met het secretariaat ({s.secretariat_phone})."))


def send_confirmation_code(deps: Deps, phone: str, code: str, user_id: str) -> None:
    """The SMS that confirms a new mobile number."""
    _send_sms(deps, phone, templates.sms_phone_confirmation(code, deps.settings.sms_code_seconds // 60), user_id,
              DeliveryFailed("De SMS kon niet worden verstuurd. Controleer het nummer en probeer het opnieuw.",
                             field="phone"))


def _send_sms(deps: Deps, phone: str, text: str, user_id: str, failure: DeliveryFailed) -> None:
    try:
        deps.sms.send_sms(phone, text)
    except SendFailed:
        logger.exception("sms send failed", extra={"user_id": user_id})
        raise failure from None
    count(Metric.SMS_SENT)
