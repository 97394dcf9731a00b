"""Password policy (NIST SP 800-63B-4 §3.1.1.2): length, not common, no context-specific words (the user's
username, name, email address and employer, and the portal's own words). No composition rules."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .errors import InvalidInput

MIN_LENGTH = 12
MAX_LENGTH = 128
_SEQUENCES = ("01234567890123456789", "98765432109876543210", "abcdefghijklmnopqrstuvwxyz",
              "qwertyuiopasdfghjklzxcvbnm", "azertyuiopqsdfghjklmwxcvbn")
_EDGE_CHARS = "0123456789!@#$%^&*()-_=+.,;:?/\\|'\"`~[]{}<> "
PORTAL_WORDS = ("verzuimportaal", "verzuim", "portaal", "portal", "wachtwoord", "password", "xpertsuite",
                "portalxpert", "verzuimmakelaar", "verzuimdesk", "secretariaat", "inloggen", "poortwachter")
"""What an attacker tries first against this portal (NIST: "the name of the service")."""
MIN_CONTEXT_WORD = 4
"""Shorter name parts ("Jan", "de") are too common inside ordinary words to refuse."""
_LEGAL_FORMS = frozenset({"bv", "nv", "vof", "cv", "holding", "groep", "stichting", "vereniging", "the", "van",
                          "der", "den"})
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"})


@dataclass(frozen=True)
class PasswordContext:
    """What the password must not contain: who the user is, and for whom they work."""
    username: str
    name: str = ""
    email: str = ""
    employer_name: str = ""

    def words(self) -> list[str]:
        """Every context word, folded, longest first: the username, the full name and its parts, the email's
        local part and its parts, the employer's name words (without BV, NV…), and the portal's words."""
        local = self.email.split("@", 1)[0]
        found = {_fold(self.username), _fold(self.name).replace(" ", ""), _fold(local).replace(" ", "")}
        for text in (self.name, local, self.employer_name):
            found.update(part for part in re.split(r"[^a-z]+", _fold(text)) if part not in _LEGAL_FORMS)
        found.update(PORTAL_WORDS)
        return sorted((w for w in found if len(w) >= MIN_CONTEXT_WORD), key=len, reverse=True)


def _fold(text: str) -> str:
    """Lowercase ASCII letters: accents dropped (Zoë → zoe)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def context_word_in(password: str, context: PasswordContext) -> str | None:
    """The context word the password contains, also spelt with digits for letters (w4chtw00rd), or None."""
    folded = _fold(password)
    letters = re.sub(r"[^a-z]", "", folded)
    leet = re.sub(r"[^a-z]", "", folded.translate(_LEET))
    return next((word for word in context.words() if word in letters or word in leet), None)


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


def check_password(password: str, context: PasswordContext) -> None:
    """Raise InvalidInput (field `password`) when the password breaks the policy."""
    length = len(password)
    if length < MIN_LENGTH:
        raise InvalidInput(f"Kies een wachtwoord van minstens {MIN_LENGTH} tekens. Een zin van een paar woorden "
                           "mag ook.", code="password_too_short", field="password")
    if length > MAX_LENGTH:
        raise InvalidInput(f"Een wachtwoord mag hoogstens {MAX_LENGTH} tekens lang zijn.",
                           code="password_too_long", field="password")
    if context.username and context.username.lower() in password.lower():
        raise InvalidInput("Het wachtwoord mag uw gebruikersnaam niet bevatten.",
                           code="password_contains_username", field="password")
    if is_common(password):
        raise InvalidInput("Dit wachtwoord wordt veel gebruikt en is makkelijk te raden. Kies een ander wachtwoord.",
                           code="password_too_common", field="password")
    if word := context_word_in(password, context):
        raise InvalidInput(f"Het wachtwoord mag niet uw naam, e-mailadres of werkgever bevatten, en ook geen woorden "
                           f"van dit portaal: ‘{word}’ is makkelijk te raden. Kies iets wat alleen u weet, "
                           f"bijvoorbeeld een zin van een paar woorden.", code="password_contains_context",
                           field="password")
