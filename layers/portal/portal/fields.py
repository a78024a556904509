"""Field types every request model shares: bounded ids, versions and phone numbers, and no `null` where a record
needs a value. Country-dependent formats (postcodes, organisation numbers) are checked by `portal.formats`."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, Field, StringConstraints, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

# Ids are ULIDs (26 characters); an id in a body longer than this is not one.
MAX_ID_LENGTH = 26
MAX_VERSION = 2_147_483_647
# The largest whole number DynamoDB stores exactly (38 digits).
MAX_STORED_INTEGER = 10**38 - 1

EntityId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_ID_LENGTH)]
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=254, pattern=EMAIL_PATTERN)]
Version = Annotated[int, Field(ge=1, le=MAX_VERSION, description="The version you read")]
StoredInteger = Annotated[int, Field(ge=-MAX_STORED_INTEGER, le=MAX_STORED_INTEGER)]
# The token of a link e-mailed to someone without a login (Smartmail, self-declarations): 32 random bytes in base64url;
# only its hash is stored. It travels in the page address's fragment and the request body, never in an API path.
LinkToken = Annotated[str, StringConstraints(min_length=20, max_length=100, pattern=r"^[A-Za-z0-9_-]+$")]

PHONE_MIN_DIGITS = 5
PHONE_MAX_DIGITS = 15  # E.164
PHONE_FORMAT = "+47 22 33 44 55: digits, optionally + and the country code first; spaces, dashes, dots, brackets"
_PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ().\-/]+$")


def _phone(value: str) -> str:
    if not value:
        return value
    digits = sum(character.isdigit() for character in value)
    if not _PHONE_CHARACTERS.match(value) or not PHONE_MIN_DIGITS <= digits <= PHONE_MAX_DIGITS:
        raise PydanticCustomError(
            "invalid_phone",
            "A phone number has {min_digits} to {max_digits} digits, optionally starting with + and the country code",
            {"min_digits": PHONE_MIN_DIGITS, "max_digits": PHONE_MAX_DIGITS, "format": PHONE_FORMAT},
        )
    return " ".join(value.split())


Phone = Annotated[str, StringConstraints(strip_whitespace=True, max_length=40), AfterValidator(_phone)]


def refuse_null(*names: str) -> Any:
    """A validator for a patch model: these fields may be left out, but not set to null (the record needs them)."""

    def check(cls: type, value: Any, info: ValidationInfo) -> Any:
        if value is None:
            raise PydanticCustomError(
                "null_not_allowed",
                "{field} cannot be removed; leave it out to keep the current value",
                {"field": info.field_name or ""},
            )
        return value

    return field_validator(*names, mode="before")(check)
