"""Password policy (NIST 800-63B style): length, not common, not the username. No composition rules."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

from .errors import InvalidInput

MIN_LENGTH = 12
MAX_LENGTH = 128
_SEQUENCES = ("01234567890123456789", "98765432109876543210", "abcdefghijklmnopqrstuvwxyz",
              "qwertyuiopasdfghjklzxcvbnm", "azertyuiopqsdfghjklmwxcvbn")
_EDGE_CHARS = "0123456789!@#$%^&*()-_=+.,;:?/\\|'\"`~[]{}<> "


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    text = resources.files(__package__).joinpath("common_passwords.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def is_common(password: str) -> bool:
    """Common as typed, or a common word dressed up with digits and symbols ("Wachtwoord2026!")."""
    lowered = password.lower()
    core = lowered.strip(_EDGE_CHARS)
    if len(set(lowered)) <= 2 or any(lowered in sequence for sequence in _SEQUENCES):
        return True
    common = _common_passwords()
    return lowered in common or (len(core) >= 4 and core in common)


def check_password(password: str, username: str) -> None:
    """Raise InvalidInput (field `password`) when the password breaks the policy."""
    length = len(password)
    if length < MIN_LENGTH:
        raise InvalidInput(f"Kies een wachtwoord van minstens {MIN_LENGTH} tekens. Een zin van een paar woorden mag ook.",
                           code="password_too_short", field="password")
    if length > MAX_LENGTH:
        raise InvalidInput(f"Een wachtwoord mag hoogstens {MAX_LENGTH} tekens lang zijn.",
                           code="password_too_long", field="password")
    if username and username.lower() in password.lower():
        raise InvalidInput("Het wachtwoord mag uw gebruikersnaam niet bevatten.",
                           code="password_contains_username", field="password")
    if is_common(password):
        raise InvalidInput("Dit wachtwoord wordt veel gebruikt en is makkelijk te raden. Kies een ander wachtwoord.",
                           code="password_too_common", field="password")
