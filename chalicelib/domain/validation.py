"""Rules for free-text fields: names and email addresses."""
from __future__ import annotations

import re
import unicodedata

from .errors import InvalidInput

NAME_MAX = 100
EMAIL_MAX = 254
_DOMAIN_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(rf"^[^@\s<>()\[\],;:\"]+@{_DOMAIN_LABEL}(?:\.{_DOMAIN_LABEL})+$")


def clean_text(value: str, field: str, label: str, max_length: int = NAME_MAX) -> str:
    """Trimmed, NFC-normalised text without control characters; required."""
    text = unicodedata.normalize("NFC", value).strip()
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in text):
        raise InvalidInput(f"{label} bevat tekens die niet zijn toegestaan.", code="invalid_characters", field=field)
    if not text:
        raise InvalidInput(f"Vul {label.lower()} in.", code="required", field=field)
    if len(text) > max_length:
        raise InvalidInput(f"{label} mag hoogstens {max_length} tekens lang zijn.", code="too_long", field=field)
    return text


def clean_email(value: str, field: str = "email") -> str:
    email = value.strip()
    if len(email) > EMAIL_MAX or not _EMAIL.match(email):
        raise InvalidInput("Vul een geldig e-mailadres in, bijvoorbeeld naam@bedrijf.nl.", code="email_invalid",
                           field=field)
    return email
