"""Login with security codes, lockout, logout and forgotten passwords (AUTH-1, AUTH-5), handlers against moto."""

from __future__ import annotations

import threading
import uuid

import pytest

from infrastructure.local import mailbox
from infrastructure.local.demo import DEMO_PASSWORD
from portal.access import PrincipalKind
from portal.auth.tokens import token_digest
from portal.errors import Unauthenticated
from portal.store import Table
from portal.wiring import auth_service
from tests.support import (
    ApiClient,
    accept_invitation,
    code_from_mailbox,
    link_token,
    newest_code_list,
    seeded_login,
    session_token,
)


def new_user(prefix: str = "user") -> tuple[str, str]:
    """A fresh portal login of its own, so a test can lock or exhaust it without touching others."""
    username = seeded_login(f"{prefix}-{uuid.uuid4().hex[:8]}@example.no")
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


def test_five_failures_lock_the_account_silently_and_tell_its_owner(api: ApiClient) -> None:
    username, email = new_user()
    # When five wrong passwords are tried
    replies = [
        api.post("/auth/login", body={"username": username, "password": f"wrong password {attempt}"})
        for attempt in range(5)
    ]
    # Then each looks like any failed login, also once locked, even with the right password
    right = api.post("/auth/login", body={"username": username, "password": DEMO_PASSWORD})
    unknown = api.post("/auth/login", body={"username": "nobody-here", "password": DEMO_PASSWORD})
    for reply in [*replies, right]:
        assert (reply.status, reply.body) == (unknown.status, unknown.body)
    # And the owner learns of the lock by e-mail, once
    locked = [m for m in mailbox.messages_to(email) if m["subject"] == "Kundeportal: kontoen er låst"]
    assert len(locked) == 1
    actions = [item["action"] for item in Table().query_all(pk=f"USER#{username}", sk_prefix="AUDIT#")]
    assert actions.count("login_failed") == 5
    assert actions.count("account_locked") == 1
    assert "login_refused_locked" in actions


def test_parallel_wrong_guesses_cannot_exceed_the_limit() -> None:
    # Given 20 guesses arriving at once, the right password among them
    username, _ = new_user()
    auth = auth_service()
    guesses = [f"wrong guess number {n}" for n in range(19)] + [DEMO_PASSWORD]
    outcomes: list[str] = []
    start_together = threading.Barrier(len(guesses))

    def guess(password: str) -> None:
        start_together.wait()
        try:
            auth.start_login(username, password)
            outcomes.append("challenge")
        except Unauthenticated as refused:
            outcomes.append(refused.code)

    threads = [threading.Thread(target=guess, args=(password,)) for password in guesses]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # Then at most five were checked at all, however they interleaved
    actions = [item["action"] for item in Table().query_all(pk=f"USER#{username}", sk_prefix="AUDIT#")]
    checked = actions.count("login_failed") + outcomes.count("challenge")
    assert checked <= 5
    assert actions.count("login_refused_locked") == len(guesses) - checked
    assert set(outcomes) <= {"challenge", "invalid_credentials"}


def test_wrong_codes_count_towards_the_lock(api: ApiClient) -> None:
    username, _ = new_user()
    started = api.post("/auth/login", body={"username": username, "password": DEMO_PASSWORD})
    replies = [
        api.post("/auth/login/code", body={"challenge": started.body["challenge"], "code": "000000x"}) for _ in range(6)
    ]
    assert [reply.error_code for reply in replies] == ["wrong_code"] * 5 + ["invalid_credentials"]
    again = api.post("/auth/login", body={"username": username, "password": DEMO_PASSWORD})
    assert (again.status, again.error_code) == (401, "invalid_credentials")


def test_a_right_password_does_not_wipe_earlier_failures(api: ApiClient) -> None:
    """Else someone who knows the password could guess codes forever, starting over between guesses."""
    username, _ = new_user()
    codes_tried = []
    for _ in range(5):
        started = api.post("/auth/login", body={"username": username, "password": DEMO_PASSWORD})
        assert started.status == 200
        wrong = api.post("/auth/login/code", body={"challenge": started.body["challenge"], "code": "999999x"})
        codes_tried.append(wrong.error_code)
    assert codes_tried == ["wrong_code"] * 5
    locked = api.post("/auth/login", body={"username": username, "password": DEMO_PASSWORD})
    assert (locked.status, locked.error_code) == (401, "invalid_credentials")


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
    from portal.auth.tokens import token_digest

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


def test_forgot_password_sends_a_single_use_link_and_changes_nothing_until_it_is_followed(api: ApiClient) -> None:
    username, email = new_user()
    session = api.login(username, email=email)
    old_codes = newest_code_list(email)
    # When the user asks for a new password
    reply = api.post("/auth/forgot-password", body={"username": username}, source_ip="10.0.0.1")
    assert reply.status == 202
    # Then nothing changes yet: someone else may have asked
    assert api.get("/me", token=session).status == 200
    assert api.login(username, email=email)
    token = link_token(email, "PasswordReset")
    # When the link is followed with a new password
    new_password = "Mitt nye passord er langt"
    chosen = api.post("/auth/password", body={"token": token, "password": new_password})
    assert chosen.status == 200, chosen.body
    # Then old sessions and the old password stop working, a new code list arrives, and the new password works
    assert api.get("/me", token=session).status == 401
    assert api.post("/auth/login", body={"username": username, "password": DEMO_PASSWORD}).status == 401
    assert newest_code_list(email) != old_codes
    assert api.login(username, new_password, email=email)
    # And the link works once
    again = api.post("/auth/password", body={"token": token, "password": "Enda et nytt passord"})
    assert (again.status, again.error_code) == (422, "link_not_valid")


def test_a_reset_link_expires(api: ApiClient) -> None:
    username, email = new_user()
    api.post("/auth/forgot-password", body={"username": username}, source_ip="10.0.0.2")
    token = link_token(email, "PasswordReset")
    Table().update(f"LINK#{token_digest(token)}", "LINK", expression="SET expires_at = :past", values={":past": 1_000})
    late = api.post("/auth/password", body={"token": token, "password": "Mitt nye passord er langt"})
    assert (late.status, late.error_code) == (422, "link_not_valid")
    assert api.login(username, email=email)


def test_a_too_short_password_keeps_the_link(api: ApiClient) -> None:
    username, email = new_user()
    api.post("/auth/forgot-password", body={"username": username}, source_ip="10.0.0.3")
    token = link_token(email, "PasswordReset")
    short = api.post("/auth/password", body={"token": token, "password": "kort"})
    assert (short.status, short.error_code) == (422, "password_too_short")
    (problem,) = short.body["error"]["details"]  # named at its field, with the length allowed
    assert (problem["field"], problem["reason"], problem["allowed"]) == ("password", "too_short", {"min_length": 12})
    assert api.post("/auth/password", body={"token": token, "password": "Langt nok passord her"}).status == 200


def test_forgot_password_answers_the_same_for_unknown_users(api: ApiClient) -> None:
    username, _ = new_user()
    known = api.post("/auth/forgot-password", body={"username": username}, source_ip="10.0.0.4")
    unknown = api.post("/auth/forgot-password", body={"username": "nobody-at-all"}, source_ip="10.0.0.4")
    assert (known.status, known.body, known.headers.get("Content-Length")) == (
        unknown.status,
        unknown.body,
        unknown.headers.get("Content-Length"),
    )
    assert mailbox.messages_to("nobody-at-all") == []


def test_forgot_password_is_rate_limited_per_username_and_per_address(api: ApiClient) -> None:
    # Per username, whether or not it exists, from changing addresses
    for username in (new_user()[0], f"nobody-{uuid.uuid4().hex[:6]}"):
        replies = [
            api.post("/auth/forgot-password", body={"username": username}, source_ip=f"10.1.0.{n}") for n in range(4)
        ]
        assert [reply.status for reply in replies] == [202, 202, 202, 429]
        assert replies[-1].error_code == "throttled"
    # Per address, for changing usernames
    address = f"10.2.{uuid.uuid4().int % 250}.9"
    replies = [
        api.post("/auth/forgot-password", body={"username": f"someone-{n}"}, source_ip=address) for n in range(21)
    ]
    assert [reply.status for reply in replies] == [202] * 20 + [429]


def test_a_new_user_is_invited_without_a_password_in_any_email(api: ApiClient) -> None:
    username = f"invited-{uuid.uuid4().hex[:8]}@example.no"
    auth_service().create_user(
        actor="test", username=username, display_name="Invited", user_email=username, kind=PrincipalKind.CONTACT
    )
    invitation = mailbox.messages_to(username)
    assert [message["subject"] for message in invitation] == ["Kundeportal: UserReport"]
    assert "/#/password/" in invitation[0]["body"]
    assert "Passord" not in invitation[0]["body"]
    # No password works before the invitation is followed
    assert api.post("/auth/login", body={"username": username, "password": DEMO_PASSWORD}).status == 401
    password = accept_invitation(api, username)
    assert len(newest_code_list(username)) == 25
    assert api.login(username, password, email=username)


@pytest.mark.parametrize("body", [{}, {"username": "admin"}, {"username": "", "password": "x"}])
def test_malformed_login_requests_get_a_clear_error(api: ApiClient, body: dict[str, str]) -> None:
    reply = api.post("/auth/login", body=body)
    assert (reply.status, reply.error_code) == (422, "invalid_request")
    assert reply.body["error"]["details"]


def test_a_challenge_cannot_be_forged(api: ApiClient) -> None:
    reply = api.post("/auth/login/code", body={"challenge": "x" * 43, "code": "123456"})
    assert (reply.status, reply.error_code) == (401, "login_expired")
