"""Session, challenge and link tokens: random, handed out once, kept only as a digest."""

from __future__ import annotations

import hashlib
import secrets


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """Sessions and challenges are stored under a digest, so a copy of the table holds no usable token."""
    return hashlib.sha256(token.encode()).hexdigest()
