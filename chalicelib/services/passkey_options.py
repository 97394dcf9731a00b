"""The shapes passkeys travel in between the browser and the portal: the options the server makes for
`navigator.credentials.create()` / `.get()` (as `PublicKeyCredential.parseCreationOptionsFromJSON()` and
`parseRequestOptionsFromJSON()` take them), and an assertion coming back (each binary field base64url, as
`PublicKeyCredential.toJSON()` gives it). Types only: the login (auth.py, passkey_login.py) and Instellingen
(passkeys.py) share them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal, TypedDict

from ..domain import passkeys
from ..domain.fields import Field


@dataclass(frozen=True)
class PasskeyAssertion:
    """A passkey's answer to a sign-in's options (`credential.id`, `response.clientDataJSON`,
    `response.authenticatorData`, `response.signature`, `response.userHandle`)."""
    credential_id: Annotated[str, Field("de passkey", max_length=passkeys.CREDENTIAL_ID_MAX)]
    client_data_json: Annotated[str, Field("de gegevens van de browser", max_length=passkeys.CLIENT_DATA_MAX)]
    authenticator_data: Annotated[str, Field("de gegevens van de passkey",
                                             max_length=passkeys.AUTHENTICATOR_DATA_MAX)]
    signature: Annotated[str, Field("de handtekening van de passkey", max_length=passkeys.SIGNATURE_MAX)]
    user_handle: Annotated[str | None, Field("de gebruiker van de passkey", max_length=passkeys.USER_HANDLE_MAX)] = None


@dataclass(frozen=True)
class PasskeySecondFactor(PasskeyAssertion):
    """The passkey as the second step of a login; `trust_browser`: "Deze browser 30 dagen vertrouwen"."""
    trust_browser: Annotated[bool, Field("deze browser vertrouwen")] = False


class _CredentialDescriptor(TypedDict):
    id: str
    type: Literal["public-key"]


class CredentialDescriptor(_CredentialDescriptor, total=False):
    """A credential by its id (base64url), with how the browser may reach it."""
    transports: list[str]


class RelyingParty(TypedDict):
    name: str
    id: str


class PasskeyUser(TypedDict):
    """The account a new passkey is for: `id` is the user id (base64url), no name or email in it."""
    id: str
    name: str
    displayName: str


class KeyParameter(TypedDict):
    type: Literal["public-key"]
    alg: int


class AuthenticatorSelection(TypedDict):
    residentKey: Literal["required"]
    requireResidentKey: bool
    userVerification: Literal["required"]


class PasskeyCreationOptions(TypedDict):
    """For `navigator.credentials.create({publicKey})`: a discoverable credential with user verification."""
    rp: RelyingParty
    user: PasskeyUser
    challenge: str
    pubKeyCredParams: list[KeyParameter]
    timeout: int
    excludeCredentials: list[CredentialDescriptor]
    authenticatorSelection: AuthenticatorSelection
    attestation: Literal["none"]


class PasskeyRequestOptions(TypedDict):
    """For `navigator.credentials.get({publicKey})`: `allowCredentials` empty lets the browser offer the
    discoverable passkeys of this site ("Inloggen met passkey")."""
    challenge: str
    timeout: int
    rpId: str
    allowCredentials: list[CredentialDescriptor]
    userVerification: Literal["required", "preferred"]
