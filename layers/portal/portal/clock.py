"""Time and identifiers, in one place so domain code and tests agree on both."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from ulid import ULID

Clock = Callable[[], datetime]


def now() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    """A ULID: unique, and sortable by creation time, so time-ordered keys need no extra attribute."""
    return str(ULID())


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
