"""Page cursors through the API: a cursor continues only the list, and only for the user, it was made for.

Anything else (changed, another user's, another list's, or signed with a key since rotated) is a 400
`invalid_cursor`, never a DynamoDB error or a 500.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from tests.support import ApiClient


@pytest.fixture(scope="module")
def tokens(runtime: Runtime) -> dict[str, str]:
    client = ApiClient(runtime.gateway)
    return {username: client.login(username) for username in ("admin", "selger")}


def first_cursor(api: ApiClient, path: str, token: str, **query: Any) -> str:
    page = api.get(path, token=token, query={"limit": 1, **query})
    assert page.status == 200, page.text
    cursor = page.body["next_cursor"]
    assert cursor, f"{path} has only one page"
    return str(cursor)


def assert_invalid_cursor(api: ApiClient, path: str, token: str, cursor: str, **query: Any) -> None:
    reply = api.get(path, token=token, query={"limit": 1, "cursor": cursor, **query})
    assert (reply.status, reply.error_code) == (400, "invalid_cursor"), reply.text
    assert set(reply.body["error"]) == {"code", "message", "details"}


def test_a_cursor_continues_its_list_for_the_user_it_was_made_for(api: ApiClient, tokens: dict[str, str]) -> None:
    cursor = first_cursor(api, "/customers", tokens["admin"])
    second = api.get("/customers", token=tokens["admin"], query={"limit": 1, "cursor": cursor})
    assert second.status == 200
    assert second.body["items"]


def test_another_users_cursor_is_refused(api: ApiClient, tokens: dict[str, str]) -> None:
    # Given a page cursor of the administrator; When another staff user (who sees the same list) uses it; Then 400
    cursor = first_cursor(api, "/customers", tokens["admin"])
    assert_invalid_cursor(api, "/customers", tokens["selger"], cursor)


@pytest.mark.parametrize(
    "other",
    [{"sort": "number"}, {"order": "desc"}, {"status": "inactive"}],
    ids=["another sort", "another order", "another status"],
)
def test_a_cursor_of_another_listing_is_refused(api: ApiClient, tokens: dict[str, str], other: dict[str, str]) -> None:
    cursor = first_cursor(api, "/customers", tokens["admin"])
    assert_invalid_cursor(api, "/customers", tokens["admin"], cursor, **other)


def test_a_search_cursor_is_bound_to_every_term(api: ApiClient, tokens: dict[str, str], demo: DemoData) -> None:
    # Given a search cursor for "nordlys" (several customers); When reused for "nordlys bergen"; Then 400
    cursor = first_cursor(api, "/customers", tokens["admin"], q="nordlys")
    assert_invalid_cursor(api, "/customers", tokens["admin"], cursor, q="nordlys bergen")


def test_a_history_cursor_continues_only_that_customers_history(
    api: ApiClient, tokens: dict[str, str], demo: DemoData
) -> None:
    group, bakery = demo.customer_ids["group"], demo.customer_ids["bakery"]
    cursor = first_cursor(api, f"/customers/{group}/history", tokens["admin"])
    assert_invalid_cursor(api, f"/customers/{bakery}/history", tokens["admin"], cursor)
    assert_invalid_cursor(api, "/customers", tokens["admin"], cursor)
    assert_invalid_cursor(api, f"/customers/{group}/history", tokens["selger"], cursor)


def test_a_cursor_whose_position_was_edited_is_refused(api: ApiClient, tokens: dict[str, str]) -> None:
    # Given a genuine cursor whose readable part is changed to start elsewhere in the same list
    cursor = first_cursor(api, "/customers", tokens["admin"])
    payload, _, signature = cursor.partition(".")
    plain = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    plain["k"]["GSI1SK"] = "a"
    edited = base64.urlsafe_b64encode(json.dumps(plain).encode()).decode().rstrip("=")
    # Then it is refused
    assert_invalid_cursor(api, "/customers", tokens["admin"], f"{edited}.{signature}")


def test_a_cursor_signed_with_a_rotated_key_is_refused(
    api: ApiClient, tokens: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from portal.settings import get_settings

    cursor = first_cursor(api, "/customers", tokens["admin"])
    monkeypatch.setenv("CURSOR_SIGNING_KEY", "a-new-key-after-rotation-" + "x" * 40)
    get_settings.cache_clear()
    try:
        assert_invalid_cursor(api, "/customers", tokens["admin"], cursor)
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
