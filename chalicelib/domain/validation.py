"""Rules for free-text fields: names and email addresses."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import TypeVar

from .errors import InvalidInput

_T = TypeVar("_T")

NAME_MAX = 100
EMAIL_MAX = 254
_DOMAIN_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(rf"^[^@\s<>()\[\],;:\"]+@{_DOMAIN_LABEL}(?:\.{_DOMAIN_LABEL})+$")


def clean_text(value: str, field: str, label: str, max_length: int = NAME_MAX) -> str:
    """Trimmed, NFC-normalised text without control characters; required."""
    text = unicodedata.normalize("NFC", value).strip()
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in text):
        raise InvalidInput(f"{label} bevat tekens die niet zijn toegestaan. Typ de tekst opnieuw, zonder te "
                           "plakken.", code="invalid_characters", field=field)
    if not text:
        raise InvalidInput(f"Vul {label.lower()} in.", code="required", field=field)
    if len(text) > max_length:
        raise InvalidInput(f"{label} mag hoogstens {max_length} tekens lang zijn. Maak de tekst korter (nu "
                           f"{len(text)} tekens).", code="too_long", field=field)
    return text


def clean_email(value: str, field: str = "email") -> str:
    email = value.strip()
    if len(email) > EMAIL_MAX or not _EMAIL.match(email):
        raise InvalidInput("Vul een geldig e-mailadres in, bijvoorbeeld naam@bedrijf.nl.", code="email_invalid",
                           field=field)
    return email


class Problems:
    """Collects the error of every field of a form, so the user hears them all at once (GOV.UK's error summary)."""

    def __init__(self) -> None:
        self.found: list[InvalidInput] = []

    def check(self, clean: Callable[[], _T]) -> _T | None:
        """`clean()`, or None when it raises InvalidInput, which is kept."""
        try:
            return clean()
        except InvalidInput as problem:
            self.found.append(problem)
            return None

    def fields(self) -> set[str]:
        return {error.field for problem in self.found for error in problem.errors if error.field}

    def raise_any(self) -> None:
        """Raises one InvalidInput holding every problem found, the first one's code, message and field on top."""
        if self.found:
            raise InvalidInput.every(self.found)
