"""Domain errors. The API layer maps each to one HTTP status; domain code never mentions HTTP.

A refusal about fields carries one detail per field problem, each with `field`, a machine-readable `code`, a
`message` and, where there is one, what is `allowed` (a range, a length or a format). `FieldProblems` collects
them, so a request learns about every problem at once instead of one per attempt.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar


class DomainError(Exception):
    code = "domain_error"

    def __init__(self, message: str, *, code: str | None = None, details: list[dict[str, Any]] | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        self.details = details or []


class RuleRefused(ValueError):
    """A pure rule (a number's check digits, what an invoice still owes) refused a value: its code and its words. The
    service that applied the rule turns it into the refusal it means to its caller (a field's problem, usually)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class BadRequest(DomainError):
    """The request cannot be read at all: not JSON, not UTF-8, nested too deeply, or a cursor not made for it."""

    code = "bad_request"


class UnsupportedMediaType(DomainError):
    code = "unsupported_media_type"


class ValidationFailed(DomainError):
    code = "validation_failed"


class NotFound(DomainError):
    code = "not_found"


class Conflict(DomainError):
    code = "conflict"


class Unauthenticated(DomainError):
    code = "unauthenticated"


class Forbidden(DomainError):
    code = "forbidden"


class TooManyRequests(DomainError):
    code = "throttled"


class Unavailable(DomainError):
    """A service the change depends on did not answer (the key service that seals personal data): nothing was
    saved, and the same request may be sent again."""

    code = "service_unavailable"


def field_problem(field: str, code: str, message: str, **allowed: Any) -> dict[str, Any]:
    """One detail of a refusal about a field. `reason` repeats `code`: the web front end reads that key."""
    detail: dict[str, Any] = {"field": field, "code": code, "reason": code, "message": message}
    if allowed:
        detail["allowed"] = allowed
    return detail


def field_refusal(field: str, code: str, message: str, **allowed: Any) -> ValidationFailed:
    """A refusal about one field, named in its details (the web shows it at that field)."""
    return ValidationFailed(message, code=code, details=[field_problem(field, code, message, **allowed)])


P = ParamSpec("P")
T = TypeVar("T")


class FieldProblems:
    """Collects the field problems of one request, then refuses it once with all of them.

    The refusal keeps the code of its problems when they share one (so `invalid_organisation_number` stays that
    when it is the only problem), and is `invalid_fields` when they differ.
    """

    def __init__(self) -> None:
        self.details: list[dict[str, Any]] = []
        self._codes: list[str] = []
        self._messages: list[str] = []

    def attempt(self, check: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | None:
        """The check's result, or None when it refused (its problems are kept for `raise_if_any`)."""
        try:
            return check(*args, **kwargs)
        except ValidationFailed as refused:
            self.add(refused)
            return None

    def add(self, refused: ValidationFailed) -> None:
        self._codes.append(refused.code)
        self._messages.append(refused.message)
        self.details.extend(refused.details)

    def raise_if_any(self) -> None:
        if not self._codes:
            return
        if len(set(self._codes)) == 1:
            message = self._messages[0] if len(self._messages) == 1 else "Some fields are not valid; see details"
            raise ValidationFailed(message, code=self._codes[0], details=self.details)
        raise ValidationFailed("Some fields are not valid; see details", code="invalid_fields", details=self.details)
