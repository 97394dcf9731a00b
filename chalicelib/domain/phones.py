"""Mobile numbers: Dutch and international notations in, E.164 out."""
from __future__ import annotations

from .errors import InvalidInput

_MAX_INPUT = 32


def normalise_mobile(raw: str, field: str = "phone") -> str:
    """Return the number in E.164, or raise InvalidInput naming `field`."""
    import phonenumbers  # imported on use: its metadata is large and most requests never need it

    invalid = InvalidInput("Vul een geldig mobiel nummer in, bijvoorbeeld 06 12345678 of +31 6 12345678.",
                           code="phone_invalid", field=field)
    if not raw or len(raw) > _MAX_INPUT:
        raise invalid
    try:
        number = phonenumbers.parse(raw, "NL")
    except phonenumbers.NumberParseException:
        raise invalid from None
    if not phonenumbers.is_valid_number(number):
        raise invalid
    kind = phonenumbers.number_type(number)
    if kind not in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE):
        raise InvalidInput("Dit is geen mobiel nummer. Een SMS kan alleen naar een mobiel nummer.",
                           code="phone_not_mobile", field=field)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_hint(e164: str | None) -> str | None:
    """Only the last two digits, for screens and the secretariat's list."""
    if not e164:
        return None
    return "*" * (len(e164) - 2) + e164[-2:]
