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


COUNTRY_NAMES = {"NL": "Nederland", "BE": "België", "DE": "Duitsland", "LU": "Luxemburg", "FR": "Frankrijk"}


def require_sms_country(e164: str, countries: tuple[str, ...], field: str = "phone") -> None:
    """InvalidInput (422) unless the number is a mobile number of one of `countries` (SMS goes nowhere else)."""
    import phonenumbers

    region = phonenumbers.region_code_for_number(phonenumbers.parse(e164))
    if region not in countries:
        names = [COUNTRY_NAMES.get(code, code) for code in countries]
        listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} of {names[-1]}"
        raise InvalidInput(f"SMS-codes sturen we alleen naar mobiele nummers uit {listed}. Gebruik voor het "
                           "inloggen een authenticatie-app (onder Instellingen), of neem contact op met het "
                           "secretariaat.", code="phone_country_not_allowed", field=field)


def phone_hint(e164: str | None) -> str | None:
    """Only the last two digits, for screens and the secretariat's list."""
    if not e164:
        return None
    return "*" * (len(e164) - 2) + e164[-2:]
