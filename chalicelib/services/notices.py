"""Security notices by email: sent after the change, a failed send is logged and the change stands."""
from __future__ import annotations

from dataclasses import dataclass

from .. import store
from ..domain import sms_budget
from ..domain.errors import DeliveryFailed, SmsLimited
from ..domain.phones import normalise_mobile, require_sms_country
from ..notify import templates
from ..notify.ports import SendFailed
from ..observability import Metric, count, logger
from ..store import records
from .deps import Deps


@dataclass(frozen=True)
class Person:
    """Who a notice goes to, and whose failures are counted."""
    user_id: str
    name: str
    email: str


def person(user: records.User) -> Person:
    return Person(user.user_id, user.name, user.email)


def security_notice(deps: Deps, to: Person, what: str) -> None:
    s = deps.settings
    notify(deps, to, templates.security_notice(to.name, what, s.portal_url, s.secretariat_phone, s.secretariat_email))


def notify(deps: Deps, to: Person, message: templates.Email) -> bool:
    """Send a notice after the fact: a failed send is logged and counted (EmailFailed), what happened stands.
    True when SES took it."""
    try:
        deps.email.send_email(to.email, message.subject, message.body)
    except SendFailed:
        count(Metric.EMAIL_FAILED)
        logger.exception("notice email failed", extra={"user_id": to.user_id, "subject": message.subject})
        return False
    count(Metric.EMAIL_SENT)
    return True


def sms_number(deps: Deps, raw: str, field: str = "phone") -> str:
    """A mobile number typed by someone, in E.164, that SMS codes may go to (an allowed country); else 422."""
    phone = normalise_mobile(raw, field)
    require_sms_country(phone, deps.settings.sms_countries, field)
    return phone


def send_login_code(deps: Deps, phone: str, code: str, user_id: str) -> None:
    """The SMS with a login (or re-authentication) code; DeliveryFailed says what to do next."""
    s = deps.settings
    _send_sms(deps, phone, templates.sms_login_code(code, s.sms_code_seconds // 60), user_id,
              DeliveryFailed("De SMS met uw beveiligingscode kon niet worden verstuurd. Probeer het over een paar "
                             "minuten opnieuw, of log in met een back-up code of uw authenticatie-app. Hulp nodig? "
                             f"Bel het secretariaat: {s.secretariat_phone}."))


def send_confirmation_code(deps: Deps, phone: str, code: str, user_id: str, invitation: str | None = None) -> None:
    """The SMS that confirms a new mobile number; during onboarding it also spends the invitation's budget."""
    _send_sms(deps, phone, templates.sms_phone_confirmation(code, deps.settings.sms_code_seconds // 60), user_id,
              DeliveryFailed("De SMS kon niet worden verstuurd. Controleer het nummer en probeer het opnieuw.",
                             field="phone"), invitation)


_LIMITED = {
    "invitation": "Via deze uitnodiging zijn al {per_invitation} SMS-codes verstuurd. Vraag het secretariaat ({phone}) "
                  "om een nieuwe uitnodiging.",
    "portal": "Het versturen van SMS-berichten is even beperkt. Gebruik een back-up code of de authenticatie-app, "
              "of probeer het later opnieuw. Hulp nodig? Bel het secretariaat: {phone}.",
}
_LIMITED_DEFAULT = ("Er zijn in korte tijd te veel SMS-berichten verstuurd. Probeer het over een uur opnieuw, of "
                    "gebruik een back-up code of de authenticatie-app. Hulp nodig? Bel het secretariaat: {phone}.")


def _send_sms(deps: Deps, phone: str, text: str, user_id: str, failure: DeliveryFailed,
              invitation: str | None = None) -> None:
    """Every SMS passes here: an allowed country, then the budget (all limits at once, atomically), then SNS."""
    s, now = deps.settings, deps.now()
    require_sms_country(phone, s.sms_countries)
    buckets = sms_budget.buckets(s.sms_limits, now, account=user_id, number=phone, invitation=invitation)
    full = store.rate_limits.spend(buckets, now)
    if full is not None:
        count(Metric.SMS_REFUSED)
        if full == "portal":
            count(Metric.SMS_CEILING_REACHED)
        logger.warning("sms refused by the budget", extra={"user_id": user_id, "limit": full})
        raise SmsLimited(_LIMITED.get(full, _LIMITED_DEFAULT).format(
            phone=s.secretariat_phone, per_invitation=s.sms_limits.per_invitation))
    try:
        deps.sms.send_sms(phone, text)
    except SendFailed:
        count(Metric.SMS_FAILED)
        logger.exception("sms send failed", extra={"user_id": user_id})
        store.rate_limits.refund(buckets, deps.now())  # an SMS that was not sent costs nobody their budget
        raise failure from None
    count(Metric.SMS_SENT)
