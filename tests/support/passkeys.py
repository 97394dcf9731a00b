"""A software authenticator: what a browser and its passkey answer to the portal's WebAuthn options, built on
`cryptography` (an EC P-256 key per credential, ES256 signatures) and `cbor2` (the COSE key and a "none"
attestation object), independent of the server's library. It can also misbehave as attackers and broken
authenticators do: another origin or RP ID, a sign count that goes back (a clone), no user verification.

`Passkeys(browser, authenticator)` drives the portal's routes with it, as the Instellingen and login pages will.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
from dataclasses import dataclass, field
from typing import Any

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from .portal import Answer, Browser

UP, UV, BE, BS, AT = 0x01, 0x04, 0x08, 0x10, 0x40
AAGUID = bytes.fromhex("00112233445566778899aabbccddeeff")


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Credential:
    """One passkey inside the authenticator: its id, key, the user handle it was made for and its counter."""
    credential_id: bytes
    key: ec.EllipticCurvePrivateKey
    rp_id: str
    user_handle: bytes
    sign_count: int = 0

    @property
    def id(self) -> str:
        return b64url(self.credential_id)

    def cose_public_key(self) -> bytes:
        numbers = self.key.public_key().public_numbers()
        return cbor2.dumps({1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32, "big"), -3: numbers.y.to_bytes(32, "big")})


@dataclass
class SoftwareAuthenticator:
    """A platform authenticator with discoverable credentials. `counting=False` keeps every sign count at 0 (as
    synced passkeys do); `backup_eligible`/`backed_up` set those flags."""
    origin: str
    rp_id: str
    counting: bool = True
    backup_eligible: bool = False
    backed_up: bool = False
    credentials: list[Credential] = field(default_factory=list)

    def _flags(self, user_verified: bool, attested: bool = False) -> int:
        flags = UP | (UV if user_verified else 0) | (AT if attested else 0)
        return flags | (BE if self.backup_eligible else 0) | (BS if self.backed_up else 0)

    @staticmethod
    def client_data(kind: str, challenge: str, origin: str) -> bytes:
        return json.dumps({"type": kind, "challenge": challenge, "origin": origin, "crossOrigin": False}).encode()

    def create(self, options: dict[str, Any], *, origin: str | None = None, rp_id: str | None = None,
               user_verified: bool = True) -> dict[str, Any]:
        """`navigator.credentials.create()`: a new credential for the options' user; the fields the portal takes."""
        rp = rp_id or options["rp"]["id"]
        credential = Credential(os.urandom(32), ec.generate_private_key(ec.SECP256R1()), rp,
                                unb64url(options["user"]["id"]))
        self.credentials.append(credential)
        auth_data = (hashlib.sha256(rp.encode()).digest() + bytes([self._flags(user_verified, attested=True)])
                     + struct.pack(">I", credential.sign_count) + AAGUID
                     + struct.pack(">H", len(credential.credential_id)) + credential.credential_id
                     + credential.cose_public_key())
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        client_data = self.client_data("webauthn.create", options["challenge"], origin or self.origin)
        return {"credential_id": credential.id, "client_data_json": b64url(client_data),
                "attestation_object": b64url(attestation), "transports": ["internal"]}

    def get(self, options: dict[str, Any], *, credential: Credential | None = None, origin: str | None = None,
            rp_id: str | None = None, sign_count: int | None = None, user_verified: bool = True,
            challenge: str | None = None) -> dict[str, Any]:
        """`navigator.credentials.get()`: an assertion by `credential` (default: the first one the options allow,
        or any of this site for a discoverable sign-in), signed over authenticatorData and the client data."""
        allowed = {c["id"] for c in options.get("allowCredentials") or []}
        chosen = credential or next(c for c in self.credentials if not allowed or c.id in allowed)
        if sign_count is not None:
            chosen.sign_count = sign_count
        elif self.counting:
            chosen.sign_count += 1
        auth_data = (hashlib.sha256((rp_id or options["rpId"]).encode()).digest()
                     + bytes([self._flags(user_verified)]) + struct.pack(">I", chosen.sign_count))
        client_data = self.client_data("webauthn.get", challenge or options["challenge"], origin or self.origin)
        signature = chosen.key.sign(auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256()))
        return {"credential_id": chosen.id, "client_data_json": b64url(client_data),
                "authenticator_data": b64url(auth_data), "signature": b64url(signature),
                "user_handle": b64url(chosen.user_handle)}


@dataclass
class Passkeys:
    """One browser with its authenticator, on the portal's passkey routes."""
    browser: Browser
    authenticator: SoftwareAuthenticator

    def add(self, name: str = "Laptop werk", **misbehaviour: Any) -> Answer:
        """"Passkey toevoegen" (the session must be freshly authenticated): options, then the answer."""
        started = self.browser.post("/api/account/passkeys/options")
        assert started.status == 200, started.body
        return self.browser.post("/api/account/passkeys", {
            "name": name, **self.authenticator.create(started.body["options"], **misbehaviour)})

    def second_factor(self, options: dict[str, Any], trust_browser: bool = False, **misbehaviour: Any) -> Answer:
        """The login's second step with the passkey, answering `options` (from the password step's answer)."""
        return self.browser.post("/api/auth/passkey", {**self.authenticator.get(options, **misbehaviour),
                                                       "trust_browser": trust_browser})

    def sign_in_without_password(self, **misbehaviour: Any) -> Answer:
        """"Inloggen met passkey": options, then the discoverable passkey's answer."""
        started = self.browser.post("/api/auth/passkey-login/options")
        assert started.status == 200, started.body
        return self.browser.post("/api/auth/passkey-login", self.authenticator.get(started.body["options"],
                                                                                    **misbehaviour))
