"""Passwords and security codes: how they are made and how they are kept (only as argon2id hashes).

Session and link tokens are in `portal.auth.tokens`, which the authorizer loads without argon2."""

from __future__ import annotations

import secrets
import string
import unicodedata
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from portal.errors import ValidationFailed, field_problem

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 256
SECURITY_CODE_DIGITS = 6
# Generated passwords avoid characters people misread in an e-mail (0/O, 1/l/I).
_PASSWORD_ALPHABET = "".join(char for char in string.ascii_letters + string.digits if char not in "0O1lI")


@cache
def _password_hasher() -> PasswordHasher:
    return PasswordHasher()  # argon2id with the library's RFC 9106 low-memory profile


@cache
def _code_hasher() -> PasswordHasher:
    # A code is only a second factor behind the password and the lockout, and a list has many codes: a lighter
    # argon2id profile keeps issuing a list fast while still making an offline guess cost real work.
    return PasswordHasher(time_cost=2, memory_cost=8192, parallelism=1)


def normalise_password(password: str) -> str:
    """Any Unicode is allowed; NFC makes the same password typed on different keyboards hash the same."""
    return unicodedata.normalize("NFC", password)


def check_password_policy(password: str) -> None:
    length = len(normalise_password(password))
    if length < MIN_PASSWORD_LENGTH:
        message = f"The password must have at least {MIN_PASSWORD_LENGTH} characters"
        problem = field_problem("password", "too_short", message, min_length=MIN_PASSWORD_LENGTH)
        raise ValidationFailed(message, code="password_too_short", details=[problem])
    if length > MAX_PASSWORD_LENGTH:
        message = f"The password may have at most {MAX_PASSWORD_LENGTH} characters"
        problem = field_problem("password", "string_too_long", message, max_length=MAX_PASSWORD_LENGTH)
        raise ValidationFailed(message, code="password_too_long", details=[problem])


def hash_password(password: str) -> str:
    return _password_hasher().hash(normalise_password(password))


def verify_password(password_hash: str | None, password: str) -> bool:
    """Constant work whether or not the user exists: an unknown user is checked against a dummy hash."""
    candidate = normalise_password(password)[:MAX_PASSWORD_LENGTH]
    try:
        return _password_hasher().verify(password_hash or _dummy_hash(), candidate) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


@cache
def _dummy_hash() -> str:
    return _password_hasher().hash(secrets.token_urlsafe(16))


def generate_password(length: int = 16) -> str:
    return "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(length))


def generate_codes(count: int) -> list[str]:
    """A code list: `count` distinct random codes, position 1 first."""
    codes: list[str] = []
    while len(codes) < count:
        code = "".join(secrets.choice(string.digits) for _ in range(SECURITY_CODE_DIGITS))
        if code not in codes:
            codes.append(code)
    return codes


def hash_code(code: str) -> str:
    return _code_hasher().hash(code)


def verify_code(code_hash: str, code: str) -> bool:
    try:
        return _code_hasher().verify(code_hash, code.strip())
    except (VerificationError, InvalidHashError):
        return False
