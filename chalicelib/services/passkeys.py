"""Passkeys under Instellingen: "Passkey toevoegen" (after re-authentication), the list, and "Verwijderen".

Each passkey is a WebAuthn credential the browser makes (`navigator.credentials.create()`); the server keeps its
public key, sign count and backup flags (store/passkeys.py). Adding or removing one is a change of second factor:
every other session ends, every trusted browser stops being trusted, and the user is told by email."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, TypedDict

from .. import store
from ..domain import passkeys
from ..domain.errors import Conflict, Expired, InvalidInput, NotFound
from ..domain.fields import Field
from ..notify import templates
from ..observability import logger
from ..store import records
from .account import notify_security_change, require_recent_authentication
from .deps import Deps
from .passkey_options import PasskeyCreationOptions
from .sessions import Principal, current_session, current_user

RP_NAME = "Verzuimportaal"


# --- What the browser sends back (each binary field base64url, as PublicKeyCredential.toJSON() gives it) --------


@dataclass(frozen=True)
class PasskeyRegistration:
    """"Passkey toevoegen", step two: the name the user gives the passkey and the browser's answer to the options
    (`credential.id`, `response.clientDataJSON`, `response.attestationObject`, `response.getTransports()`)."""
    name: Annotated[str, Field("de naam van de passkey", max_length=passkeys.NAME_MAX, example="Laptop werk",
                               required=passkeys.NAME_REQUIRED)]
    credential_id: Annotated[str, Field("de passkey", max_length=passkeys.CREDENTIAL_ID_MAX)]
    client_data_json: Annotated[str, Field("de gegevens van de browser", max_length=passkeys.CLIENT_DATA_MAX)]
    attestation_object: Annotated[str, Field("de gegevens van de passkey", max_length=passkeys.ATTESTATION_MAX)]
    transports: Annotated[list[str] | None, Field("de verbindingen van de passkey", max_items=passkeys.TRANSPORTS_MAX,
                                                  max_length=32)] = None


class PasskeySetup(TypedDict):
    """The options for the browser; answer them within the challenge's time (PASSKEY_CHALLENGE_SECONDS)."""
    options: PasskeyCreationOptions


class PasskeyView(TypedDict):
    """A passkey of the user: its name, when it was added and last used (null: never), and whether the
    authenticator keeps it in a synced backup (a phone's or a password manager's passkey)."""
    passkey_id: str
    name: str
    created_at: int
    last_used_at: int | None
    synced: bool


class PasskeyList(TypedDict):
    """The user's passkeys, oldest first."""
    passkeys: list[PasskeyView]


class PasskeyAdded(TypedDict):
    """The new passkey; this many other sessions ended."""
    passkey: PasskeyView
    sessions_ended: int


# --- Use cases ---------------------------------------------------------------------------------------------


def start_registration(deps: Deps, principal: Principal) -> PasskeySetup:
    """"Passkey toevoegen": options for the browser, their challenge bound to this session (needs a recent
    re-authentication)."""
    require_recent_authentication(deps, principal)
    user = current_user(principal.user_id)
    own = sorted(user.passkey_credential_ids or ())
    if len(own) >= passkeys.MAX_PASSKEYS:
        raise _too_many()
    s = deps.settings
    challenge, options = passkeys.registration_options(
        rp_id=s.webauthn_rp_id, rp_name=RP_NAME, user_id=user.user_id, username=user.username,
        display_name=user.name, exclude=own, timeout_seconds=s.passkey_challenge_seconds)
    store.sessions.set_passkey_challenge(principal.session_hash, challenge, deps.now() + s.passkey_challenge_seconds)
    return {"options": options}  # type: ignore[typeddict-item]  # the library's JSON, shaped as declared


def finish_registration(deps: Deps, principal: Principal, request: PasskeyRegistration) -> PasskeyAdded:
    """The browser's answer: once verified, the passkey is a second factor (and signs in without a password); the
    challenge is used up first, right or wrong. Every other session ends."""
    name = passkeys.check_name(request.name)
    s, now = deps.settings, deps.now()
    challenge = _registration_challenge(deps, principal)
    try:
        made = passkeys.verify_registration(
            credential_id=request.credential_id, client_data_json=request.client_data_json,
            attestation_object=request.attestation_object, transports=list(request.transports or ()),
            challenge=challenge, rp_id=s.webauthn_rp_id, origin=s.webauthn_origin)
    except passkeys.PasskeyRefused as refused:
        logger.info("passkey registration refused", extra={"user_id": principal.user_id, "reason": str(refused)})
        raise InvalidInput("De passkey kon niet worden gecontroleerd. Klik opnieuw op \u201cPasskey toevoegen\u201d en "
                           "volg de stappen van uw browser.", code="passkey_refused",
                           field="credential_id") from None
    passkey = records.Passkey(
        passkey_id=passkeys.passkey_id(made.credential_id), credential_id=made.credential_id,
        user_id=principal.user_id, name=name, public_key=made.public_key, sign_count=made.sign_count,
        backup_eligible=made.backup_eligible, backed_up=made.backed_up, created_at=now, transports=made.transports,
        aaguid=made.aaguid)
    if not store.passkeys.add(passkey, passkeys.MAX_PASSKEYS):
        if len(current_user(principal.user_id).passkey_credential_ids or ()) >= passkeys.MAX_PASSKEYS:
            raise _too_many()
        raise Conflict("Deze passkey is al toegevoegd.", code="passkey_known")
    ended = store.sessions.delete_all_for_user(principal.user_id, keep=principal.session_hash)
    notify_security_change(deps, principal.user_id, templates.passkey_added(name))
    logger.info("passkey added", extra={"user_id": principal.user_id, "sessions_ended": ended})
    return {"passkey": view(passkey), "sessions_ended": ended}


def _registration_challenge(deps: Deps, principal: Principal) -> str:
    """The session's registration challenge, used up; Expired when there is none (any more)."""
    session = current_session(principal)
    challenge = session.passkey_challenge
    if (challenge is None or deps.now() >= (session.passkey_challenge_expires_at or 0)
            or not store.sessions.use_passkey_challenge(principal.session_hash, challenge)):
        raise Expired("Het toevoegen van de passkey is verlopen of al afgerond. Klik opnieuw op \u201cPasskey "
                      "toevoegen\u201d.", code="passkey_challenge_expired")
    return challenge


def list_passkeys(deps: Deps, principal: Principal) -> PasskeyList:
    """The user's passkeys: GetItem of the user, BatchGetItem of the passkeys."""
    return {"passkeys": [view(p) for p in store.passkeys.of_user(current_user(principal.user_id))]}


def remove_passkey(deps: Deps, principal: Principal, passkey_id: str) -> PasskeyList:
    """"Verwijderen" (needs a recent re-authentication): another user's passkey is simply not found. Every other
    session ends."""
    require_recent_authentication(deps, principal)
    passkey = store.passkeys.get(passkey_id[:64])
    if passkey is None or passkey.user_id != principal.user_id or not store.passkeys.remove(passkey):
        raise NotFound("Deze passkey bestaat niet (meer).", code="passkey_unknown")
    ended = store.sessions.delete_all_for_user(principal.user_id, keep=principal.session_hash)
    notify_security_change(deps, principal.user_id, templates.passkey_removed(passkey.name))
    logger.info("passkey removed", extra={"user_id": principal.user_id, "sessions_ended": ended})
    return list_passkeys(deps, principal)


def view(passkey: records.Passkey) -> PasskeyView:
    return {"passkey_id": passkey.passkey_id, "name": passkey.name, "created_at": passkey.created_at,
            "last_used_at": passkey.last_used_at, "synced": passkey.backed_up}


def _too_many() -> InvalidInput:
    return InvalidInput(f"U heeft al {passkeys.MAX_PASSKEYS} passkeys. Verwijder eerst een passkey die u niet meer "
                        "gebruikt.", code="too_many_passkeys", field="passkey")
