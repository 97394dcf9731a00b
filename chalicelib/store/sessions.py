"""Sessions, keyed by the hash of the cookie token."""
from __future__ import annotations

from typing import Any

from pynamodb.exceptions import DoesNotExist

from . import records
from .conditions import conditional_update
from .mapping import to_record
from .models import EmployerAccess, Session, User
from .transactions import transaction


def get(token_hash: str) -> records.Session | None:
    try:
        return to_record(records.Session, Session.get(token_hash))
    except DoesNotExist:
        return None


def touch(token_hash: str, now: int, previous: int) -> bool:
    """Move the idle clock forward, once, even when requests race."""
    return conditional_update(Session(token_hash), [Session.last_seen_at.set(now)],
                              Session.last_seen_at == previous)


def delete(token_hash: str) -> None:
    Session(token_hash).delete()


def delete_all_for_user(user_id: str, keep: str | None = None) -> int:
    """End every session of a user (blocked, deactivated, password reset), or every one but `keep` (the caller's,
    after a change of second factor or phone); returns how many ended. One Query, BatchWriteItem."""
    keys = [item.token_hash for item in Session.by_user.query(user_id) if item.token_hash != keep]
    with Session.batch_write() as batch:
        for key in keys:
            batch.delete(Session(key))
    return len(keys)


def set_employer(token_hash: str, user_id: str, employer_id: str, own: bool, employer_role: str | None = None,
                 department_ids: frozenset[str] | None = None) -> bool:
    """Switch the session's active employer ("omgeving") with the user's role there, in one transaction with the
    proof of access: the user's own employer, or an access item that must still exist, each still giving this
    role. A revoke or a change of role that comes first makes the switch fail; one that comes after finds the
    session in that employer and ends or updates it."""
    with transaction() as tx:
        if own:
            tx.condition_check(User, user_id, condition=(User.employer_id == employer_id)
                               & _same(User.employer_role, employer_role) & _same(User.department_ids, department_ids))
        else:
            tx.condition_check(EmployerAccess, user_id, employer_id, condition=EmployerAccess.user_id.exists()
                               & _same(EmployerAccess.employer_role, employer_role)
                               & _same(EmployerAccess.department_ids, department_ids))
        actions = [Session.employer_id.set(employer_id),
                   Session.employer_role.set(employer_role) if employer_role else Session.employer_role.remove(),
                   Session.department_ids.set(set(department_ids)) if department_ids
                   else Session.department_ids.remove()]
        tx.update(Session(token_hash), actions=actions, condition=Session.token_hash.exists())
    return tx.committed


def _same(attribute: Any, value: str | frozenset[str] | None) -> Any:
    """The stored value is `value` (absent when `value` is None or empty)."""
    if not value:
        return attribute.does_not_exist()
    return attribute == (set(value) if isinstance(value, frozenset) else value)


def set_reauth_code(token_hash: str, salt: str, digest: str, expires_at: int) -> None:
    Session(token_hash).update(actions=[Session.reauth_code_salt.set(salt), Session.reauth_code_hash.set(digest),
                                        Session.reauth_code_expires_at.set(expires_at)],
                               condition=Session.token_hash.exists())


def use_reauth_code(token_hash: str, digest: str) -> bool:
    """Use up the session's re-authentication code, once."""
    return conditional_update(Session(token_hash),
                              [Session.reauth_code_hash.remove(), Session.reauth_code_salt.remove(),
                               Session.reauth_code_expires_at.remove()],
                              Session.reauth_code_hash == digest)


def set_passkey_challenge(token_hash: str, challenge: str, expires_at: int) -> None:
    """"Passkey toevoegen": the registration's challenge, bound to this session (a newer one replaces it)."""
    Session(token_hash).update(actions=[Session.passkey_challenge.set(challenge),
                                        Session.passkey_challenge_expires_at.set(expires_at)],
                               condition=Session.token_hash.exists())


def use_passkey_challenge(token_hash: str, challenge: str) -> bool:
    """Use up the session's registration challenge, once, before its answer is checked."""
    return conditional_update(Session(token_hash), [Session.passkey_challenge.remove(),
                                                    Session.passkey_challenge_expires_at.remove()],
                              Session.passkey_challenge == challenge)


def mark_authenticated(token_hash: str, now: int) -> None:
    Session(token_hash).update(actions=[Session.authenticated_at.set(now)], condition=Session.token_hash.exists())


def for_user(user_id: str) -> list[records.Session]:
    """A user's sessions: one Query on the by_user index."""
    return [to_record(records.Session, item) for item in Session.by_user.query(user_id)]


def set_new_phone(token_hash: str, phone: str, salt: str, digest: str, expires_at: int) -> None:
    Session(token_hash).update(actions=[Session.new_phone.set(phone), Session.new_phone_code_salt.set(salt),
                                        Session.new_phone_code_hash.set(digest),
                                        Session.new_phone_code_expires_at.set(expires_at)],
                               condition=Session.token_hash.exists())


def use_new_phone_code(token_hash: str, digest: str) -> bool:
    """Use up the new number's confirmation code, once."""
    return conditional_update(Session(token_hash),
                              [Session.new_phone.remove(), Session.new_phone_code_salt.remove(),
                               Session.new_phone_code_hash.remove(), Session.new_phone_code_expires_at.remove()],
                              Session.new_phone_code_hash == digest)


def grant_employer(user_id: str, employer_id: str) -> int:
    """Add an omgeving to each of the user's sessions that lists them: one Query, an UpdateItem per session."""
    sessions = [s for s in Session.by_user.query(user_id) if s.employer_ids is not None]
    for session in sessions:
        conditional_update(Session(session.token_hash), [Session.employer_ids.add({employer_id})],
                           Session.token_hash.exists())
    return len(sessions)


def revoke_employer(user_id: str, employer_id: str) -> int:
    """End the user's sessions working in that omgeving and take it off the others' lists; returns how many
    ended. One Query, then a DeleteItem or UpdateItem per session."""
    ended = 0
    for session in Session.by_user.query(user_id):
        if session.employer_id == employer_id:
            Session(session.token_hash).delete()
            ended += 1
        elif session.employer_ids and employer_id in session.employer_ids:
            conditional_update(Session(session.token_hash), [Session.employer_ids.delete({employer_id})],
                               Session.token_hash.exists())
    return ended
