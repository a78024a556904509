"""Login with security codes, lockout, logout and forgotten passwords (AUTH-1, AUTH-5), handlers against moto."""

from __future__ import annotations

import threading
import uuid

import pytest

from infrastructure.local.demo import DEMO_PASSWORD
from portal.access import PrincipalKind
from portal.store import Table
from portal.wiring import auth_service
from tests.support import ApiClient, code_from_mailbox, newest_code_list, newest_password, session_token


def new_user(prefix: str = "user") -> tuple[str, str]:
    """A fresh portal login of its own, so a test can lock or exhaust it without touching others."""
    username = f"{prefix}-{uuid.uuid4().hex[:8]}@example.no"
    auth_service().create_user(
        actor="test",
        username=username,
        display_name="Test User",
        user_email=username,
        kind=PrincipalKind.CONTACT,
        password=DEMO_PASSWORD,
    )
    return username, username


def test_login_with_the_requested_code_starts_a_session(api: ApiClient) -> None:
    # Given the demo administrator and the code list e-mailed to them
    started = api.post("/auth/login", body={"username": "admin", "password": DEMO_PASSWORD})
    assert started.status == 200
    position = started.body["code_position"]
    assert 1 <= position <= 25
    # When they enter the code at the position the server asked for
    code = code_from_mailbox("anne.admin@kundeportal.example", position)
    finished = api.post("/auth/login/code", body={"challenge": started.body["challenge"], "code": code})
    # Then a session starts, in a cookie scripts cannot read
    assert finished.status == 200
    cookie = finished.headers["Set-Cookie"]
    for attribute in ("HttpOnly", "Secure", "SameSite=Strict", "Path=/"):
        assert attribute in cookie
    me = api.get("/me", token=session_token(finished.headers))
    assert me.status == 200
    assert me.body["username"] == "admin"
    assert me.body["role"] == "administrator"


def test_wrong_password_and_unknown_user_look_the_same(api: ApiClient) -> None:
    wrong = api.post("/auth/login", body={"username": "admin", "password": "not the password"})
    unknown = api.post("/auth/login", body={"username": "nobody-here", "password": "whatever-it-is"})
    assert (wrong.status, wrong.error_code) == (401, "invalid_credentials")
    assert (unknown.status, unknown.error_code) == (401, "invalid_credentials")
    assert wrong.body["error"]["message"] == unknown.body["error"]["message"]


def test_a_code_works_only_once(api: ApiClient) -> None:
    username, email = new_user()
    first = api.post("/auth/login", body={"username": username, "password": DEMO_PASSWORD})
    code = code_from_mailbox(email, first.body["code_position"])
    assert api.post("/auth/login/code", body={"challenge": first.body["challenge"], "code": code}).status == 200
    # A second login is never asked for the used position, and the used code is refused for the position asked.
    for _ in range(5):
        again = api.post("/auth/login", body={"username": username, "password": DEMO_PASSWORD})
        assert again.body["code_position"] != first.body["code_position"]
    reused = api.post("/auth/login/code", body={"challenge": again.body["challenge"], "code": code})
    assert (reused.status, reused.error_code) == (401, "wrong_code")


def test_two_concurrent_logins_cannot_both_use_one_code(api: ApiClient) -> None:
    username, email = new_user()
    auth = auth_service()
    challenge = auth.start_login(username, DEMO_PASSWORD)
    code = code_from_mailbox(email, challenge.code_position)
    codes = auth.users.get_codes(username)
    assert codes is not None
    outcomes: list[str] = []
    start_together = threading.Barrier(8)

    def consume() -> None:
        start_together.wait()
        try:
            auth.users.consume_code(username, codes.list_id, challenge.code_position)
            outcomes.append("used")
        except Exception as refused:  # noqa: BLE001 - the outcome is what the test looks at
            outcomes.append(type(refused).__name__)

    threads = [threading.Thread(target=consume) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["Conflict"] * 7 + ["used"]
    refused = api.post("/auth/login/code", body={"challenge": challenge.challenge, "code": code})
    assert (refused.status, refused.error_code) == (409, "code_already_used")


def test_five_failures_lock_the_account(api: ApiClient) -> None:
    username, _email = new_user()
    for attempt in range(4):
        failed = api.post("/auth/login", body={"username": username, "password": f"wrong password {attempt}"})
        assert failed.error_code == "invalid_credentials"
    fifth = api.post("/auth/login", body={"username": username, "password": "wrong password 5"})
    assert (fifth.status, fifth.error_code) == (423, "account_locked")
    assert "locked" in fifth.body["error"]["message"]
    # Even the right password is refused while the lock lasts.
    right = api.post("/auth/login", body={"username": username, "password": DEMO_PASSWORD})
    assert (right.status, right.error_code) == (423, "account_locked")
    actions = [item["action"] for item in Table().query_all(pk=f"USER#{username}", sk_prefix="AUDIT#")]
    assert actions.count("login_failed") == 5
    assert "account_locked" in actions
    assert "login_refused_locked" in actions


def test_wrong_codes_count_towards_the_lock(api: ApiClient) -> None:
    username, _ = new_user()
    started = api.post("/auth/login", body={"username": username, "password": DEMO_PASSWORD})
    replies = [
        api.post("/auth/login/code", body={"challenge": started.body["challenge"], "code": "000000x"}) for _ in range(5)
    ]
    assert [reply.error_code for reply in replies] == ["wrong_code"] * 4 + ["account_locked"]


def test_logout_ends_the_session_at_once(api: ApiClient) -> None:
    token = api.login("selger")
    assert api.get("/me", token=token).status == 200
    logged_out = api.post("/auth/logout", token=token)
    assert logged_out.status == 200
    assert "Max-Age=0" in logged_out.headers["Set-Cookie"]
    after = api.get("/me", token=token)
    assert (after.status, after.error_code) == (401, "unauthenticated")


def test_expired_sessions_are_refused(api: ApiClient) -> None:
    token = api.login("selger")
    table = Table()
    from portal.auth.secrets import token_digest

    table.update(
        f"SESSION#{token_digest(token)}", "SESSION", expression="SET expires_at = :past", values={":past": 1_000}
    )
    assert api.get("/me", token=token).status == 401


def test_the_last_code_brings_a_new_list_by_email(api: ApiClient) -> None:
    username, email = new_user()
    first_list = newest_code_list(email)
    results = []
    for _ in range(len(first_list)):
        started = api.post("/auth/login", body={"username": username, "password": DEMO_PASSWORD})
        code = first_list[started.body["code_position"]]
        finished = api.post("/auth/login/code", body={"challenge": started.body["challenge"], "code": code})
        assert finished.status == 200
        results.append(finished.body)
    assert [result["new_code_list_sent"] for result in results] == [False] * (len(first_list) - 1) + [True]
    second_list = newest_code_list(email)
    assert second_list != first_list
    assert api.login(username, email=email)


def test_forgot_password_replaces_password_and_codes_and_ends_sessions(api: ApiClient) -> None:
    username, email = new_user()
    token = api.login(username, email=email)
    old_codes = newest_code_list(email)
    reply = api.post("/auth/forgot-password", body={"username": username})
    assert reply.status == 200
    assert api.get("/me", token=token).status == 401
    assert api.post("/auth/login", body={"username": username, "password": DEMO_PASSWORD}).status == 401
    new_password = newest_password(email)
    assert new_password != DEMO_PASSWORD
    assert newest_code_list(email) != old_codes
    assert api.login(username, new_password, email=email)


def test_forgot_password_reveals_nothing_about_unknown_users(api: ApiClient) -> None:
    known = api.post("/auth/forgot-password", body={"username": "nobody-at-all"})
    assert known.status == 200


@pytest.mark.parametrize("body", [{}, {"username": "admin"}, {"username": "", "password": "x"}])
def test_malformed_login_requests_get_a_clear_error(api: ApiClient, body: dict[str, str]) -> None:
    reply = api.post("/auth/login", body=body)
    assert (reply.status, reply.error_code) == (422, "invalid_request")
    assert reply.body["error"]["details"]


def test_a_challenge_cannot_be_forged(api: ApiClient) -> None:
    reply = api.post("/auth/login/code", body={"challenge": "x" * 43, "code": "123456"})
    assert (reply.status, reply.error_code) == (401, "login_expired")
