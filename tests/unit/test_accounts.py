"""Account states, usernames and field rules."""
import pytest

from chalicelib.domain.accounts import Status, effective_status, suggest_username
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.validation import clean_email, clean_text


def test_active_account_at_the_threshold_is_blocked():
    assert effective_status("active", 5, 5) is Status.BLOCKED
    assert effective_status("active", 4, 5) is Status.ACTIVE
    assert effective_status("deactivated", 5, 5) is Status.DEACTIVATED


@pytest.mark.parametrize("name, username", [("Jan de Vries", "jdevries"), ("Zoë Ünal", "zunal"), ("Cher", "cher"),
                                            ("!!!", "gebruiker"), ("Anne-Marie van 't Hof", "avanthof")])
def test_username_from_name(name, username):
    assert suggest_username(name) == username


def test_text_is_trimmed_and_normalised():
    assert clean_text("  Zoe\u0308 ", "name", "Naam") == "Zoë"


@pytest.mark.parametrize("value", ["", "  ", "a\u0000b", "\u202eabc", "x" * 101])
def test_bad_text_is_refused(value):
    with pytest.raises(InvalidInput) as refused:
        clean_text(value, "name", "Naam")
    assert refused.value.field == "name"


def test_email_must_look_like_an_address():
    assert clean_email(" jan@bakkerij.nl ") == "jan@bakkerij.nl"
    with pytest.raises(InvalidInput):
        clean_email("jan@bakkerij")
