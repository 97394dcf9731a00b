"""Signing in with a passkey: as the second step of a login (its challenge bound to the attempt), and "Inloggen met
passkey" without username or password (a discoverable credential with user verification: two factors in itself).

Each challenge is used up by a conditional write before its answer is checked, so it is answered once, right or
wrong. A failed assertion counts toward the block like a wrong code; a sign count that does not go up is refused as
a cloned authenticator, audited and counted too. Both end like any completed login (auth.signed_in)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import NoReturn, TypedDict

from .. import store
from ..domain import accounts, browsers, codes, passkeys
from ..domain.errors import AccountBlocked, Expired, InvalidCode
from ..observability import Metric, count, logger
from ..store import records
from . import audit, guessing
from .auth import (
    LoginCompleted,
    attempt_of,
    attempt_person,
    blocked,
    is_blocked,
    login_expired,
    new_login_session,
    new_trust,
    open_attempt,
    passkey_options,
    record_failure_or_block,
    signed_in,
    success_event,
)
from .deps import Deps
from .notices import Person, person
from .passkey_options import PasskeyAssertion, PasskeyRequestOptions, PasskeySecondFactor


class PasskeyChallenge(TypedDict):
    """The options for `navigator.credentials.get()`; answer them within PASSKEY_CHALLENGE_SECONDS."""
    options: PasskeyRequestOptions


@dataclass(frozen=True)
class PasswordlessStarted:
    token: str
    """The vp_passkey cookie: the challenge is stored by its hash."""
    options: PasskeyRequestOptions

    def answer(self) -> PasskeyChallenge:
        return {"options": self.options}


_REFUSED = ("De passkey kon niet worden gecontroleerd. Probeer het opnieuw, of klik op \u201cInloggen mislukt\u201d "
            "voor een SMS-code, de code van uw app of een back-up code.")
_REFUSED_ALONE = ("Met deze passkey kunt u niet inloggen. Log in met uw gebruikersnaam en wachtwoord; onder "
                  "Instellingen ziet u welke passkeys bij uw account horen.")
""""Inloggen met passkey" is on the login page, where there is no "Inloggen mislukt" to point to."""
_CLONED = ("Deze passkey is geweigerd: hij meldt zich met een teller die lager is dan de vorige keer, zoals een "
           "gekopieerde passkey doet. Log in met een andere passkey of een SMS-code en neem contact op met het "
           "secretariaat.")


def second_factor_options(deps: Deps, attempt_token: str | None) -> PasskeyChallenge:
    """A new challenge for this attempt's passkey (after a failed try, or when the first one expired)."""
    attempt = open_attempt(deps, attempt_token)
    user = store.users.get(attempt.user_id)
    if user is None or not user.passkey_credential_ids or attempt.phone_is_new:
        raise Expired("Voor deze inlogpoging kan geen passkey worden gebruikt. Log opnieuw in.", code="no_passkey")
    challenge, options = passkey_options(deps, user)
    expires_at = deps.now() + deps.settings.passkey_challenge_seconds
    if not store.logins.set_passkey_challenge(attempt.attempt_hash, challenge, expires_at):
        raise login_expired()
    return {"options": options}


def complete_second_factor(deps: Deps, attempt_token: str | None, answer: PasskeySecondFactor,
                           user_agent: str = "") -> LoginCompleted:
    """The passkey as the second step: its assertion, once, opens the session; a failed one counts as a wrong
    code."""
    attempt = open_attempt(deps, attempt_token)
    challenge = attempt.passkey_challenge
    if (challenge is None or deps.now() >= (attempt.passkey_challenge_expires_at or 0)
            or not store.logins.use_passkey_challenge(attempt.attempt_hash, challenge)):
        raise Expired("De vraag om uw passkey is verlopen of al beantwoord. Probeer de passkey opnieuw.",
                      code="passkey_challenge_expired")
    browser = browsers.recognised(user_agent)
    passkey = store.passkeys.get(passkeys.passkey_id(answer.credential_id))
    if passkey is None or passkey.user_id != attempt.user_id:  # unknown, or another user's credential
        _fail(deps, attempt_person(attempt), browser, "passkey not the account's")
    assertion = _verified(deps, attempt_person(attempt), browser, passkey, answer, challenge, require_uv=False)
    device_token = None if attempt.device_hash else codes.new_token()
    trust_token, trust = new_trust(deps, attempt, user_agent, answer.trust_browser)
    session = new_login_session(deps, attempt, "passkey", browser)
    if not store.logins.complete_with_passkey(
            attempt, session.record, success_event(deps, attempt, session), deps.settings.lockout_threshold, passkey,
            assertion.sign_count, assertion.backed_up, codes.token_hash(device_token) if device_token else None,
            trust):
        if is_blocked(deps, attempt.user_id):
            raise blocked(deps)
        raise login_expired()
    return signed_in(deps, attempt, session, device_token, user_agent, trust_token)


def passwordless_options(deps: Deps) -> PasswordlessStarted:
    """"Inloggen met passkey": a challenge for any discoverable passkey of this site, with user verification,
    kept by the hash of a token the browser holds (no user is known yet, and the answer names none)."""
    s = deps.settings
    challenge, options = passkeys.authentication_options(rp_id=s.webauthn_rp_id, allow=[], user_verification=True,
                                                         timeout_seconds=s.passkey_challenge_seconds)
    token = codes.new_token()
    store.passkey_challenges.create(records.PasskeyChallenge(
        token_hash=codes.token_hash(token), challenge=challenge, expires_at=deps.now() + s.passkey_challenge_seconds))
    return PasswordlessStarted(token, options)  # type: ignore[arg-type]  # the library's JSON, shaped as declared


def complete_passwordless(deps: Deps, token: str | None, answer: PasskeyAssertion, device_token: str | None = None,
                          user_agent: str = "") -> LoginCompleted:
    """The passkey alone opens the session of the user it belongs to, exactly as a completed login does; its
    account must be active and not blocked (then the same answers as the login's from a known browser)."""
    challenge = store.passkey_challenges.consume(codes.token_hash(token[:128]), deps.now()) if token else None
    if challenge is None:
        raise Expired("Het inloggen met uw passkey is verlopen. Klik opnieuw op \u201cInloggen met passkey\u201d.",
                      code="passkey_login_expired")
    browser, s = browsers.recognised(user_agent), deps.settings
    passkey = store.passkeys.get(passkeys.passkey_id(answer.credential_id))
    user = store.users.get(passkey.user_id) if passkey is not None else None
    handle = passkeys.user_handle_of(answer.user_handle)
    if passkey is None or user is None or handle not in (None, user.user_id):
        logger.info("passkey login refused: unknown credential")
        count(Metric.LOGIN_FAILED)
        raise _refused(alone=True)
    countable = (user.status == accounts.Status.ACTIVE.value
                 and not accounts.is_blocked(user.failed_count, s.lockout_threshold))
    owner = person(user) if countable else None
    assertion = _verified(deps, owner, browser, passkey, answer, challenge, require_uv=True,
                          refusal=_refused(alone=True))
    if user.status == accounts.Status.DEACTIVATED.value:
        raise AccountBlocked(accounts.deactivated_message(s.secretariat_phone, s.secretariat_email),
                             code="account_deactivated")
    if user.status != accounts.Status.ACTIVE.value:
        raise _refused(alone=True)
    if accounts.is_blocked(user.failed_count, s.lockout_threshold):
        raise blocked(deps)
    device = guessing.known_device(user, device_token)
    attempt = replace(attempt_of(deps, user, codes.token_hash(codes.new_token()), device), phone_is_new=False,
                      phone=user.phone or "")
    new_device = None if device else codes.new_token()
    session = new_login_session(deps, attempt, "passkey", browser)
    if not store.logins.complete_with_passkey(
            attempt, session.record, success_event(deps, attempt, session), s.lockout_threshold, passkey,
            assertion.sign_count, assertion.backed_up, codes.token_hash(new_device) if new_device else None,
            consume=False):
        if is_blocked(deps, user.user_id):
            raise blocked(deps)
        raise Expired("Het inloggen met uw passkey is verlopen. Klik opnieuw op \u201cInloggen met passkey\u201d.",
                      code="passkey_login_expired")
    return signed_in(deps, attempt, session, new_device, user_agent)


def _verified(deps: Deps, owner: Person | None, browser: str | None, passkey: records.Passkey,
              answer: PasskeyAssertion, challenge: str, *, require_uv: bool,
              refusal: InvalidCode | None = None) -> passkeys.Assertion:
    """The assertion checked with the passkey's key, then the portal's own rules: a sign count that goes up and the
    same backup eligibility. A refusal counts toward the block of `owner` (None: not counted)."""
    s = deps.settings
    try:
        assertion = passkeys.verify_assertion(
            credential_id=answer.credential_id, client_data_json=answer.client_data_json,
            authenticator_data=answer.authenticator_data, signature=answer.signature,
            user_handle=answer.user_handle, challenge=challenge, rp_id=s.webauthn_rp_id, origin=s.webauthn_origin,
            public_key=passkey.public_key, require_user_verification=require_uv)
    except passkeys.PasskeyRefused as refused:
        _fail(deps, owner, browser, str(refused), passkey.user_id, refusal)
    if not (passkeys.counter_advanced(passkey.sign_count, assertion.sign_count)
            and passkeys.same_backup_eligibility(passkey.backup_eligible, assertion.backup_eligible)):
        logger.warning("passkey refused: cloned authenticator", extra={
            "user_id": passkey.user_id, "passkey_id": passkey.passkey_id, "stored_count": passkey.sign_count,
            "sign_count": assertion.sign_count})
        audit.record_secretariat(deps, passkey.user_id, "passkey_clone_refused", "passkey", passkey.passkey_id)
        _fail(deps, owner, browser, "cloned authenticator", passkey.user_id,
              InvalidCode(_CLONED, code="passkey_cloned"))
    return assertion


def _fail(deps: Deps, owner: Person | None, browser: str | None, reason: str, user_id: str | None = None,
          refusal: InvalidCode | None = None) -> NoReturn:
    """A refused assertion: counted toward `owner`'s block like a wrong code (AccountBlocked at the threshold)."""
    count(Metric.LOGIN_FAILED)
    logger.info("passkey assertion refused", extra={"user_id": user_id or (owner.user_id if owner else None),
                                                    "reason": reason})
    if owner is not None:
        record_failure_or_block(deps, owner, "passkey", browser)
    raise refusal or _refused()


def _refused(*, alone: bool = False) -> InvalidCode:
    """One answer for every passkey that does not sign in (unknown, forged, of an inactive account); `alone`: on the
    login page ("Inloggen met passkey"), not as a second step."""
    return InvalidCode(_REFUSED_ALONE if alone else _REFUSED, code="passkey_refused")
