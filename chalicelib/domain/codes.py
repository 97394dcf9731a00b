"""Formats of the secrets we issue: SMS codes, backup codes, opaque tokens. Random from `secrets`."""
from __future__ import annotations

import hashlib
import hmac
import secrets
import string

# The FAQ promises lowercase letters and digits only.
CODE_ALPHABET = string.ascii_lowercase + string.digits
SMS_CODE_LENGTH = 6
BACKUP_CODE_LENGTH = 8


def new_sms_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(SMS_CODE_LENGTH))


def new_backup_code() -> str:
    """Eight characters shown as xxxx-xxxx."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(BACKUP_CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


def normalise_code(code: str) -> str:
    """What the user typed, tolerant of spaces, dashes and capitals from auto-correct."""
    return "".join(ch for ch in code.lower() if ch in CODE_ALPHABET)


def new_token() -> str:
    """An opaque 256-bit token for sessions, invitations and login attempts."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """Tokens are stored only as this hash; 256 bits of entropy make a plain SHA-256 enough."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def code_hash(code: str, salt: str) -> str:
    """Short codes are hashed with a per-use salt so equal codes never share a hash."""
    return hashlib.sha256(f"{salt}:{normalise_code(code)}".encode()).hexdigest()


def new_salt() -> str:
    return secrets.token_hex(16)


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
