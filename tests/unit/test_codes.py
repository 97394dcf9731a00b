"""Formats of issued secrets."""
import re

from chalicelib.domain import codes


def test_sms_codes_are_six_lowercase_letters_or_digits():
    samples = {codes.new_sms_code() for _ in range(500)}

    assert all(re.fullmatch(r"[a-z0-9]{6}", code) for code in samples)
    assert len(samples) > 490


def test_backup_codes_are_shown_as_xxxx_dash_xxxx():
    assert all(re.fullmatch(r"[a-z0-9]{4}-[a-z0-9]{4}", codes.new_backup_code()) for _ in range(200))


def test_typed_codes_forgive_spaces_dashes_and_capitals():
    salt = codes.new_salt()
    assert codes.code_hash("ab12-cd34", salt) == codes.code_hash(" AB12 CD34 ", salt)


def test_equal_codes_with_different_salts_hash_differently():
    assert codes.code_hash("abc123", codes.new_salt()) != codes.code_hash("abc123", codes.new_salt())


def test_tokens_are_long_and_stored_hash_differs():
    token = codes.new_token()
    assert len(token) >= 43 and codes.token_hash(token) != token and len(codes.token_hash(token)) == 64
