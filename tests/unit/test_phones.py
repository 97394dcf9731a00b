"""Mobile numbers in, E.164 out."""
import pytest

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.phones import normalise_mobile, phone_hint


@pytest.mark.parametrize("raw", ["0612345678", "06-12345678", "06 12 34 56 78", "+31612345678", "+31 (0)6 12345678",
                                 "0031 6 12345678"])
def test_dutch_notations(raw):
    assert normalise_mobile(raw) == "+31612345678"


def test_international_mobile_numbers_are_kept():
    assert normalise_mobile("+32 470 12 34 56") == "+32470123456"


@pytest.mark.parametrize("raw, code", [("", "phone_invalid"), ("06123", "phone_invalid"),
                                       ("+31 20 123 4567", "phone_not_mobile"), ("telefoon", "phone_invalid"),
                                       ("0" * 40, "phone_invalid")])
def test_refusals_name_the_field(raw, code):
    with pytest.raises(InvalidInput) as refused:
        normalise_mobile(raw, field="phone")
    assert refused.value.code == code and refused.value.field == "phone"


def test_hint_shows_only_the_last_two_digits():
    assert phone_hint("+31612345678") == "**********78"
    assert phone_hint(None) is None
