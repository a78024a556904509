"""Time and identifiers, in one place so domain code and tests agree on both."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]

# A ULID as `new_id` writes it: 26 characters of Crockford's base32 (no I, L, O, U), the first at most 7.
_ID = re.compile(r"^[0-7][0-9A-HJKMNP-TV-Z]{25}$")


def now() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    """A ULID: unique, and sortable by creation time, so time-ordered keys need no extra attribute."""
    # Imported here: python-ulid reads its own version through importlib.metadata on import, which the
    # authorizer (it makes no ids) should not pay for on its cold start (decision 0007).
    from ulid import ULID

    return str(ULID())


def is_id(text: str) -> bool:
    """Whether `text` can be an id at all. One that cannot is never looked up: it is reported as not found, exactly
    as an id that is well-formed but unknown (or another tenant's), so neither costs a database call."""
    return bool(_ID.match(text))


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
