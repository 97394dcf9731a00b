"""Login attempts between password and second factor, and their single-use completion."""
from __future__ import annotations

from typing import Any

from pynamodb.exceptions import DoesNotExist

from ..domain import lockout
from . import passkeys, records, signins, trusted_browsers
from .conditions import conditional_update
from .mapping import to_item, to_record
from .models import EmployerAccess, LoginAttempt, Session, TrustedBrowser, User
from .transactions import transaction
from .users import not_blocked


def create(attempt: records.LoginAttempt) -> None:
    to_item(attempt).save(condition=LoginAttempt.attempt_hash.does_not_exist())


def get(attempt_hash: str) -> records.LoginAttempt | None:
    try:
        return to_record(records.LoginAttempt, LoginAttempt.get(attempt_hash))
    except DoesNotExist:
        return None


def replace_code(attempt_hash: str, salt: str, digest: str, expires_at: int) -> bool:
    """A new code for an open attempt; the old one stops working."""
    return conditional_update(LoginAttempt(attempt_hash),
                              [LoginAttempt.code_salt.set(salt), LoginAttempt.code_hash.set(digest),
                               LoginAttempt.code_expires_at.set(expires_at)],
                              LoginAttempt.consumed == False)  # noqa: E712 (a DynamoDB condition)


def set_passkey_challenge(attempt_hash: str, challenge: str, expires_at: int) -> bool:
    """A new challenge for the attempt's passkey (the old one stops working); False once the attempt is used."""
    return conditional_update(LoginAttempt(attempt_hash),
                              [LoginAttempt.passkey_challenge.set(challenge),
                               LoginAttempt.passkey_challenge_expires_at.set(expires_at)],
                              LoginAttempt.consumed == False)  # noqa: E712 (a DynamoDB condition)


def use_passkey_challenge(attempt_hash: str, challenge: str) -> bool:
    """Use up the attempt's passkey challenge before its answer is checked: each challenge is answered once, right
    or wrong, and of two answers racing exactly one is checked."""
    return conditional_update(LoginAttempt(attempt_hash),
                              [LoginAttempt.passkey_challenge.remove(),
                               LoginAttempt.passkey_challenge_expires_at.remove()],
                              (LoginAttempt.passkey_challenge == challenge)
                              & (LoginAttempt.consumed == False))  # noqa: E712 (a DynamoDB condition)


def _device_actions(attempt: records.LoginAttempt, new_device_hash: str | None, now: int) -> list[Any]:
    """A known browser's failures start again; a new one is remembered (the oldest beyond ten forgotten)."""
    if attempt.device_hash:
        return [User.devices[attempt.device_hash]["failures"].set(0)]
    if new_device_hash is None:
        return []
    return [User.devices.set(lockout.remembered(attempt.known_devices or {}, new_device_hash, now))]


def complete(attempt: records.LoginAttempt, session: records.Session, event: records.SignIn, threshold: int,
             new_device_hash: str | None = None, trust: records.TrustedBrowser | None = None) -> bool:
    """Consume the attempt, reset the failure count, remember the browser and open the session, in one transaction;
    with `trust`, the browser is trusted from now on ("Deze browser 30 dagen vertrouwen").

    Fails (False) when the attempt was consumed already, or the account got blocked or deactivated, or its
    password was reset meanwhile: of two identical requests exactly one wins.
    """
    user_actions = [User.failed_count.set(0), *_device_actions(attempt, new_device_hash, session.created_at)]
    if attempt.phone_is_new:
        user_actions += [User.phone.set(attempt.phone), User.phone_pending.remove()]
    return _complete(attempt, session, event, user_actions, _usable(threshold, attempt), trust=trust)


def complete_with_backup_code(attempt: records.LoginAttempt, session: records.Session, event: records.SignIn,
                              threshold: int, index: int, code_hash: str, new_device_hash: str | None = None,
                              trust: records.TrustedBrowser | None = None) -> bool:
    """As `complete`, and use up backup code `index`: of two logins with one code, exactly one wins."""
    code = User.backup_codes[index]
    return _complete(attempt, session, event, [User.failed_count.set(0), code.remove(),
                                               *_device_actions(attempt, new_device_hash, session.created_at)],
                     _usable(threshold, attempt) & (code["hash"] == code_hash), trust=trust)


def complete_with_totp(attempt: records.LoginAttempt, session: records.Session, event: records.SignIn,
                       threshold: int, step: int, new_device_hash: str | None = None,
                       trust: records.TrustedBrowser | None = None) -> bool:
    """As `complete`, and record the app's time step: a step once used cannot log in again."""
    unused_step = User.totp_last_step.does_not_exist() | (User.totp_last_step < step)
    return _complete(attempt, session, event,
                     [User.failed_count.set(0), User.totp_last_step.set(step),
                      *_device_actions(attempt, new_device_hash, session.created_at)],
                     _usable(threshold, attempt) & User.totp_secret.exists() & unused_step, trust=trust)


def complete_with_passkey(attempt: records.LoginAttempt, session: records.Session, event: records.SignIn,
                          threshold: int, passkey: records.Passkey, sign_count: int, backed_up: bool,
                          new_device_hash: str | None = None, trust: records.TrustedBrowser | None = None,
                          *, consume: bool = True) -> bool:
    """As `complete`, and record the passkey's use: its new sign count on condition of the old (a clone racing its
    original loses), and the passkey still the user's. `consume=False` for "Inloggen met passkey", which has no
    attempt item (its single-use challenge was used up before the check: passkey_challenges.consume)."""
    return _complete(attempt, session, event,
                     [User.failed_count.set(0), *_device_actions(attempt, new_device_hash, session.created_at)],
                     _usable(threshold, attempt) & User.passkey_credential_ids.contains(passkey.credential_id),
                     trust=trust, passkey_use=(passkey, sign_count, backed_up), consume=consume)


def complete_trusted(attempt: records.LoginAttempt, session: records.Session, event: records.SignIn, threshold: int,
                     trusted: records.TrustedBrowser, new_device_hash: str | None = None) -> bool:
    """The password from a trusted browser opens the session at once (the attempt is never stored): on condition
    that the trust still exists and its epoch is still the user's, so a factor changed meanwhile wins."""
    epoch = (User.trust_epoch == trusted.epoch if trusted.epoch
             else User.trust_epoch.does_not_exist() | (User.trust_epoch == 0))
    return _complete(attempt, session, event,
                     [User.failed_count.set(0), *_device_actions(attempt, new_device_hash, session.created_at)],
                     _usable(threshold, attempt) & epoch, trusted=trusted, consume=False)


def _usable(threshold: int, attempt: records.LoginAttempt) -> Any:
    """Active, not blocked, and the password and the role (with a leidinggevende's departments) the attempt began
    with are still the user's: a session never gets more than the user may now."""
    same_password = (User.password_changed_at.does_not_exist() if attempt.password_changed_at is None
                     else User.password_changed_at == attempt.password_changed_at)
    same_role = (User.employer_role.does_not_exist() if attempt.employer_role is None
                 else User.employer_role == attempt.employer_role)
    same_departments = (User.department_ids.does_not_exist() if not attempt.department_ids
                        else User.department_ids == set(attempt.department_ids))
    return (User.status == "active") & not_blocked(threshold) & same_password & same_role & same_departments


def _complete(attempt: records.LoginAttempt, session: records.Session, event: records.SignIn, user_actions: list[Any],
              user_condition: Any, *, trust: records.TrustedBrowser | None = None,
              passkey_use: tuple[records.Passkey, int, bool] | None = None,
              trusted: records.TrustedBrowser | None = None, consume: bool = True) -> bool:
    with transaction() as tx:
        if consume:
            tx.update(LoginAttempt(attempt.attempt_hash), actions=[LoginAttempt.consumed.set(True)],
                      condition=LoginAttempt.consumed == False)  # noqa: E712 (a DynamoDB condition)
        tx.update(User(attempt.user_id), actions=user_actions, condition=user_condition)
        tx.save(to_item(session), condition=Session.token_hash.does_not_exist())
        tx.save(signins.item(event))
        if trust is not None:
            tx.save(trusted_browsers.item(trust), condition=TrustedBrowser.token_hash.does_not_exist())
        if passkey_use is not None:
            passkeys.record_use(tx, *passkey_use, session.created_at)
        if trusted is not None:
            tx.condition_check(TrustedBrowser, trusted.token_hash, condition=(
                TrustedBrowser.user_id == trusted.user_id) & (TrustedBrowser.epoch == trusted.epoch))
        for granted in sorted((session.employer_ids or frozenset()) - {attempt.employer_id}):
            # the omgevingen the session lists are still the user's: a revoke meanwhile fails the sign-in
            tx.condition_check(EmployerAccess, attempt.user_id, granted, condition=EmployerAccess.user_id.exists())
    return tx.committed
