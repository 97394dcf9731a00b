"""Passkeys (WebAuthn): the ceremonies' options and checks, through the ecosystem's library (py_webauthn), and the
portal's own rules on top of it — how many, what a name may be, a sign count that must go up, backup flags that
must not change. Pure: the library is imported on first use (it brings cryptography, cbor2 and pyOpenSSL, which
no other request needs at a cold start)."""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from typing import Any

from .errors import InvalidInput

MAX_PASSKEYS = 10
"""Passkeys per account: a laptop, a phone, a security key or two, and room to replace them."""
NAME_MAX = 64

# Bounds on what a browser sends back, as base64url text (the longest real answers are well inside them): the
# library decodes CBOR and JSON of whatever it is given, so nothing larger reaches it.
CREDENTIAL_ID_MAX = 1366
"""WebAuthn caps a credential id at 1023 bytes: 1364 characters of base64url."""
CLIENT_DATA_MAX = 4096
ATTESTATION_MAX = 32 * 1024
"""An attestation with a certificate chain (packed, TPM) stays below 16 KB; "none" is a few hundred bytes."""
AUTHENTICATOR_DATA_MAX = 2048
SIGNATURE_MAX = 1024
USER_HANDLE_MAX = 128
TRANSPORTS_MAX = 8

_ALGORITHMS = (-7, -8, -257)
"""ES256, EdDSA, RS256: what authenticators in use today sign with."""


class PasskeyRefused(Exception):
    """A registration or an assertion that does not verify; the reason is for the log, never for the user."""


@dataclass(frozen=True)
class NewCredential:
    """A verified registration: what the portal keeps of the credential."""
    credential_id: str
    public_key: str
    sign_count: int
    backup_eligible: bool
    backed_up: bool
    transports: tuple[str, ...]
    aaguid: str


@dataclass(frozen=True)
class Assertion:
    """A verified assertion (its signature checked against the stored key); the portal's own checks follow."""
    credential_id: str
    sign_count: int
    backup_eligible: bool
    backed_up: bool
    user_verified: bool


def passkey_id(credential_id: str) -> str:
    """The short, fixed-length id a credential is stored and named by (a hash of its id: ids are up to 1364
    characters, and appear in no URL)."""
    return hashlib.sha256(credential_id.encode("ascii", "replace")).hexdigest()


NAME_REQUIRED = "Geef de passkey een naam, zodat u hem later herkent, bijvoorbeeld \u201cLaptop werk\u201d."


def check_name(raw: str) -> str:
    """The name a user gives a passkey ("Laptop werk"): one line of ordinary text, 1 to 64 characters."""
    text = " ".join(unicodedata.normalize("NFC", raw).split())
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in text):
        raise InvalidInput("De naam van de passkey bevat tekens die niet zijn toegestaan. Typ de naam opnieuw, "
                           "zonder te plakken.", code="invalid_characters", field="name")
    if not text:
        raise InvalidInput(NAME_REQUIRED, code="required", field="name")
    if len(text) > NAME_MAX:
        raise InvalidInput(f"De naam van de passkey mag hoogstens {NAME_MAX} tekens lang zijn (nu {len(text)}).",
                           code="too_long", field="name")
    return text


def counter_advanced(stored: int, new: int) -> bool:
    """WebAuthn §6.1.1: a sign count that does not go up means a cloned authenticator — unless both are zero (an
    authenticator that keeps no count, as synced passkeys do)."""
    return (stored == 0 and new == 0) or new > stored


def same_backup_eligibility(stored: bool, new: bool) -> bool:
    """Backup eligibility is fixed when a credential is made (WebAuthn §6.1.3): a change is another authenticator."""
    return stored == new


def registration_options(*, rp_id: str, rp_name: str, user_id: str, username: str, display_name: str,
                         exclude: list[str], timeout_seconds: int) -> tuple[str, dict[str, Any]]:
    """The challenge (base64url) and the options for `navigator.credentials.create()`: a discoverable credential
    (resident key) with user verification, so every passkey also signs in without a password; no attestation
    (we trust no vendor list, only the key); the account's own passkeys excluded."""
    from webauthn import generate_registration_options
    from webauthn.helpers import bytes_to_base64url, options_to_json_dict
    from webauthn.helpers.structs import (
        AuthenticatorSelectionCriteria,
        PublicKeyCredentialDescriptor,
        ResidentKeyRequirement,
        UserVerificationRequirement,
    )

    options = generate_registration_options(
        rp_id=rp_id, rp_name=rp_name, user_id=user_id.encode(), user_name=username, user_display_name=display_name,
        timeout=timeout_seconds * 1000,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED, user_verification=UserVerificationRequirement.REQUIRED),
        exclude_credentials=[PublicKeyCredentialDescriptor(id=_bytes(c)) for c in exclude],
        supported_pub_key_algs=list(_ALGORITHMS),  # type: ignore[arg-type]  # COSE ids are plain ints
    )
    return bytes_to_base64url(options.challenge), options_to_json_dict(options)


def authentication_options(*, rp_id: str, allow: list[tuple[str, tuple[str, ...]]], user_verification: bool,
                           timeout_seconds: int) -> tuple[str, dict[str, Any]]:
    """The challenge and the options for `navigator.credentials.get()`: `allow` lists the account's credentials
    (id, transports) as a second factor; empty, the browser offers the discoverable ones ("Inloggen met
    passkey")."""
    from webauthn import generate_authentication_options
    from webauthn.helpers import bytes_to_base64url, options_to_json_dict
    from webauthn.helpers.structs import (
        AuthenticatorTransport,
        PublicKeyCredentialDescriptor,
        UserVerificationRequirement,
    )

    known = {t.value for t in AuthenticatorTransport}
    options = generate_authentication_options(
        rp_id=rp_id, timeout=timeout_seconds * 1000,
        allow_credentials=[PublicKeyCredentialDescriptor(
            id=_bytes(c), transports=[AuthenticatorTransport(t) for t in transports if t in known] or None)
            for c, transports in allow],
        user_verification=(UserVerificationRequirement.REQUIRED if user_verification
                           else UserVerificationRequirement.PREFERRED))
    return bytes_to_base64url(options.challenge), options_to_json_dict(options)


def verify_registration(*, credential_id: str, client_data_json: str, attestation_object: str,
                        transports: list[str], challenge: str, rp_id: str, origin: str) -> NewCredential:
    """The browser's answer to the registration options; PasskeyRefused unless it verifies (challenge, origin,
    RP ID, user presence and verification, a supported key)."""
    from webauthn import verify_registration_response

    credential = {"id": credential_id, "rawId": credential_id, "type": "public-key",
                  "response": {"clientDataJSON": client_data_json, "attestationObject": attestation_object,
                               "transports": transports[:TRANSPORTS_MAX]}}
    try:
        verified = verify_registration_response(
            credential=credential, expected_challenge=_bytes(challenge), expected_rp_id=rp_id,
            expected_origin=origin, require_user_verification=True,
            supported_pub_key_algs=list(_ALGORITHMS))  # type: ignore[arg-type]  # COSE ids are plain ints
    except Exception as refused:  # anything a crafted answer makes the library raise: not verified
        raise PasskeyRefused(f"{type(refused).__name__}: {refused}"[:300]) from None
    from webauthn.helpers import bytes_to_base64url
    from webauthn.helpers.structs import CredentialDeviceType

    if bytes_to_base64url(verified.credential_id) != credential_id:
        raise PasskeyRefused("the attested credential is not the one sent")
    return NewCredential(
        credential_id=credential_id, public_key=bytes_to_base64url(verified.credential_public_key),
        sign_count=verified.sign_count,
        backup_eligible=verified.credential_device_type == CredentialDeviceType.MULTI_DEVICE,
        backed_up=verified.credential_backed_up, transports=tuple(t for t in transports[:TRANSPORTS_MAX]),
        aaguid=verified.aaguid)


def verify_assertion(*, credential_id: str, client_data_json: str, authenticator_data: str, signature: str,
                     user_handle: str | None, challenge: str, rp_id: str, origin: str, public_key: str,
                     require_user_verification: bool) -> Assertion:
    """The browser's answer to the authentication options, its signature checked with the stored key;
    PasskeyRefused unless it verifies. The sign count and backup flags are the caller's to judge
    (`counter_advanced`, `same_backup_eligibility`): a clone is told apart from a forgery."""
    from webauthn import verify_authentication_response

    response: dict[str, Any] = {"clientDataJSON": client_data_json, "authenticatorData": authenticator_data,
                                "signature": signature}
    if user_handle:
        response["userHandle"] = user_handle
    credential = {"id": credential_id, "rawId": credential_id, "type": "public-key", "response": response}
    try:
        verified = verify_authentication_response(
            credential=credential, expected_challenge=_bytes(challenge), expected_rp_id=rp_id,
            expected_origin=origin, credential_public_key=_bytes(public_key),
            credential_current_sign_count=0,  # the count is judged by counter_advanced, after the signature
            require_user_verification=require_user_verification)
    except Exception as refused:  # anything a crafted answer makes the library raise: not verified
        raise PasskeyRefused(f"{type(refused).__name__}: {refused}"[:300]) from None
    from webauthn.helpers.structs import CredentialDeviceType

    return Assertion(credential_id=credential_id, sign_count=verified.new_sign_count,
                     backup_eligible=verified.credential_device_type == CredentialDeviceType.MULTI_DEVICE,
                     backed_up=verified.credential_backed_up, user_verified=verified.user_verified)


def user_handle_of(user_handle: str | None) -> str | None:
    """The user id an authenticator returned with a discoverable credential (we made it from the user id)."""
    if not user_handle:
        return None
    try:
        return _bytes(user_handle).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return ""


def _bytes(text: str) -> bytes:
    from webauthn.helpers import base64url_to_bytes

    return base64url_to_bytes(text)
