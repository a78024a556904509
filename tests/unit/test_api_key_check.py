"""The authorizer's reading of an API key (DOC-3): a key in force becomes a principal for its one customer and
role; a key of the wrong shape, unknown, revoked or past its last day is refused."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from portal.access import ApiKeyRole, Principal, PrincipalKind
from portal.auth.keys import ApiKeyCheck, KeyGrant, key_hint, new_api_key, valid_through
from portal.auth.tokens import token_digest
from portal.errors import Unauthenticated

KEY_ID = "01JZDEMQAPK3YBERGEN0000000"


class Grants:
    def __init__(self, grants: dict[str, KeyGrant]) -> None:
        self.grants = grants

    def grant(self, digest: str) -> KeyGrant | None:
        return self.grants.get(digest)


def check_at(moment: datetime, api_key: str, *, expires_on: date = date(2027, 6, 30)) -> ApiKeyCheck:
    grant = KeyGrant(KEY_ID, "ERP", "01CUSTOMER", ApiKeyRole.READ_DOCUMENTS.value, expires_on)
    return ApiKeyCheck(grants=Grants({token_digest(api_key): grant}), clock=lambda: moment)


def test_a_key_in_force_acts_for_its_customer_within_its_role() -> None:
    api_key = new_api_key(KEY_ID)
    authenticated = check_at(datetime(2027, 6, 30, 23, 59, tzinfo=UTC), api_key).authenticate(api_key)
    principal = Principal.from_context(authenticated.context)
    assert (principal.kind, principal.key_customer_id, principal.key_role) == (
        PrincipalKind.API_KEY,
        "01CUSTOMER",
        ApiKeyRole.READ_DOCUMENTS,
    )
    assert principal.visible_customer_ids == frozenset()
    assert principal.customer_roles == {}
    assert authenticated.expires == valid_through(date(2027, 6, 30)) == datetime(2027, 7, 1, tzinfo=UTC)


def test_a_key_stops_at_the_midnight_after_its_last_day() -> None:
    api_key = new_api_key(KEY_ID)
    with pytest.raises(Unauthenticated) as refused:
        check_at(datetime(2027, 7, 1, tzinfo=UTC), api_key).authenticate(api_key)
    assert refused.value.code == "api_key_expired"


@pytest.mark.parametrize(
    "presented",
    [
        new_api_key(KEY_ID)[:-1] + "x",  # one character off: another digest, no grant
        new_api_key("01JZDEMQAPK3YBERGEN0000001"),  # well formed, never handed out
        "kpk_short",
        "",
        "kpk_" + KEY_ID + "_" + "a" * 42 + "é",
    ],
    ids=["one-character-off", "never-handed-out", "too-short", "empty", "not-base64url"],
)
def test_keys_never_handed_out_are_refused(presented: str) -> None:
    handed_out = new_api_key(KEY_ID)
    with pytest.raises(Unauthenticated) as refused:
        check_at(datetime(2027, 1, 1, tzinfo=UTC), handed_out).authenticate(presented)
    assert refused.value.code == "api_key_refused"


def test_a_key_is_recognised_by_its_hint_without_its_secret() -> None:
    api_key = new_api_key(KEY_ID)
    hint = key_hint(api_key)
    assert hint.startswith(f"kpk_{KEY_ID}_")
    assert hint.endswith(api_key[-4:])
    assert api_key[len(f"kpk_{KEY_ID}_") : -4] not in hint
