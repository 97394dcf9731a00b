"""Authenticator-app codes (RFC 6238): 6 digits, 30-second steps, one step of clock drift either way."""
from __future__ import annotations

import hmac

STEP_SECONDS = 30
DIGITS = 6
DRIFT_STEPS = 1


def new_secret() -> str:
    import pyotp

    return pyotp.random_base32()


def matching_step(secret: str, code: str, now: int) -> int | None:
    """The time step whose code equals `code` (current, previous or next), or None."""
    import pyotp

    entered = "".join(ch for ch in code if ch.isdigit())
    if len(entered) != DIGITS:
        return None
    totp = pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS)
    current = now // STEP_SECONDS
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.generate_otp(step), entered):
            return step
    return None


def provisioning_uri(secret: str, account: str, issuer: str = "Verzuimportaal") -> str:
    import pyotp

    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS).provisioning_uri(name=account,
                                                                                   issuer_name=issuer)


def qr_svg(uri: str) -> str:
    """The QR code of `uri` as an SVG document, made here rather than by a third party."""
    import io

    import segno

    buffer = io.BytesIO()
    segno.make(uri, error="m").save(buffer, kind="svg", scale=5, xmldecl=False,
                                    title="QR-code voor uw authenticatie-app")
    return buffer.getvalue().decode("utf-8")
