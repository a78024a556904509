import pytest

from portal.auth import secrets, tokens
from portal.errors import ValidationFailed


def test_any_unicode_password_works_in_either_normal_form() -> None:
    password = "Blåbærsyltetøy på skiva ☃"
    stored = secrets.hash_password(password)
    assert stored.startswith("$argon2id$")
    decomposed = "Bla\u030abærsyltetøy på skiva ☃"
    assert secrets.verify_password(stored, decomposed)
    assert not secrets.verify_password(stored, "blåbærsyltetøy på skiva ☃")


def test_unknown_users_are_checked_against_a_dummy_and_always_fail() -> None:
    assert not secrets.verify_password(None, "anything at all")


@pytest.mark.parametrize("password", ["short", "x" * 11])
def test_short_passwords_are_refused(password: str) -> None:
    with pytest.raises(ValidationFailed):
        secrets.check_password_policy(password)


def test_code_lists_are_distinct_six_digit_codes() -> None:
    codes = secrets.generate_codes(25)
    assert len(set(codes)) == 25
    assert all(len(code) == 6 and code.isdigit() for code in codes)


def test_codes_are_stored_only_as_hashes() -> None:
    stored = secrets.hash_code("123456")
    assert "123456" not in stored
    assert secrets.verify_code(stored, " 123456 ")
    assert not secrets.verify_code(stored, "123457")


def test_generated_passwords_meet_the_policy() -> None:
    secrets.check_password_policy(secrets.generate_password())


def test_tokens_are_stored_by_digest() -> None:
    token = tokens.new_token()
    assert len(token) >= 43
    assert tokens.token_digest(token) != token
    assert tokens.token_digest(token) == tokens.token_digest(token)
