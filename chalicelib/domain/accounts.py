"""Account states and lockout policy."""
from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    WERKGEVER = "werkgever"
    SECRETARIAAT = "secretariaat"


class Status(StrEnum):
    """What the secretariat sees. `blocked` is derived from the failure count, never stored."""
    INVITED = "invited"
    ACTIVE = "active"
    BLOCKED = "blocked"
    DEACTIVATED = "deactivated"


def is_blocked(failed_count: int, threshold: int) -> bool:
    """The one lockout rule: an account whose failure count has reached the threshold is blocked (the store's
    DynamoDB condition for the same rule is store/users.not_blocked)."""
    return failed_count >= threshold


def effective_status(stored: str, failed_count: int, threshold: int) -> Status:
    if stored == Status.ACTIVE.value and is_blocked(failed_count, threshold):
        return Status.BLOCKED
    return Status(stored)


def blocked_message(phone: str, email: str) -> str:
    return f"Uw account is geblokkeerd. Neem contact op met het secretariaat: {phone} of {email}."


def deactivated_message(phone: str, email: str) -> str:
    return (f"Uw account is niet meer actief. Een nieuw wachtwoord helpt dan niet: het secretariaat kan uw account "
            f"weer activeren. Neem contact op met het secretariaat: {phone} of {email}.")


def suggest_username(name: str) -> str:
    """Lowercase letters of the name: "Jan de Vries" → "jdevries"."""
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    parts = ["".join(ch for ch in part if ch.isalnum()) for part in ascii_name.split()]
    parts = [p for p in parts if p]
    if not parts:
        return "gebruiker"
    if len(parts) == 1:
        return parts[0][:24]
    return (parts[0][0] + "".join(parts[1:]))[:24]


# Secretariat accounts belong to no employer; they are grouped under this scope instead.
SECRETARIAT_SCOPE = "secretariaat"
