"""A customer's portal users, administered by the customer's user administrator or by the vendor's staff (AUTH-3):
invitations without passwords, roles per customer, deactivation and deletion that end sessions at once."""

from __future__ import annotations

import uuid
from typing import Any

from infrastructure.local import mailbox
from infrastructure.local.demo import DemoData
from portal.store import Table
from tests.support import ApiClient, accept_invitation, link_token


def invite(api: ApiClient, token: str, customer_id: str, roles: list[str]) -> tuple[dict[str, Any], str]:
    email = f"bruker-{uuid.uuid4().hex[:6]}@nordlys.no"
    reply = api.post(
        f"/customers/{customer_id}/users", token=token, body={"name": "Nina Ny", "email": email, "roles": roles}
    )
    assert reply.status == 201, reply.body
    return reply.body, email


def test_a_group_user_administrator_invites_a_user_to_a_subsidiary(api: ApiClient, demo: DemoData) -> None:
    # Given Kari, user administrator at the group, whose roles reach its subsidiaries
    kari = api.login("kari.nordmann@nordlys.no")
    oslo = demo.customer_ids["oslo"]
    me = api.get("/me", token=kari).body
    assert "user_administrator" in me["roles"][oslo]
    # When she invites Nina to Nordlys Oslo as an orderer
    invited, email = invite(api, kari, oslo, ["orderer"])
    assert (invited["roles"], invited["active"], invited["kind"]) == (["orderer"], True, "contact")
    # Then Nina gets an invitation without a password, chooses one, and acts as an orderer at Oslo only
    (invitation,) = mailbox.messages_to(email)
    assert "Passord" not in invitation["body"]
    nina = api.login(email, accept_invitation(api, email), email=email)
    nina_me = api.get("/me", token=nina).body
    assert nina_me["roles"] == {oslo: ["orderer"]}
    assert [customer["customer_id"] for customer in api.get("/me/customers", token=nina).body] == [oslo]
    # And she is a contact of Oslo, listed among its users, and the invitation is in Oslo's history
    contacts = api.get(f"/customers/{oslo}/contacts", token=api.login("admin")).body
    assert email in {contact["email"] for contact in contacts}
    assert email in {user["email"] for user in api.get(f"/customers/{oslo}/users", token=kari).body["items"]}
    history = api.get(f"/customers/{oslo}/history", token=api.login("admin")).body["items"]
    assert "user_invited" in {entry["action"] for entry in history}


def test_a_user_without_the_role_administers_no_one(api: ApiClient, demo: DemoData) -> None:
    ola = api.login("ola.hansen@nordlys-bergen.no")
    bergen, group = demo.customer_ids["bergen"], demo.customer_ids["group"]
    refused = api.get(f"/customers/{bergen}/users", token=ola)
    assert (refused.status, refused.error_code) == (403, "missing_role")
    hidden = api.get(f"/customers/{group}/users", token=ola)
    unknown = api.get("/customers/01JNOSUCHCUSTOMER000000000/users", token=ola)
    assert (hidden.status, hidden.body) == (unknown.status, unknown.body) == (404, unknown.body)
    invited = api.post(
        f"/customers/{bergen}/users", token=ola, body={"name": "X", "email": "x@nordlys.no", "roles": []}
    )
    assert invited.status == 403


def test_changing_roles_ends_the_users_sessions_at_once(api: ApiClient, demo: DemoData) -> None:
    kari = api.login("kari.nordmann@nordlys.no")
    bergen = demo.customer_ids["bergen"]
    invited, email = invite(api, kari, bergen, ["orderer"])
    user = api.login(email, accept_invitation(api, email), email=email)
    assert api.get("/me", token=user).status == 200
    # When the administrator gives the user other roles
    changed = api.call(
        "PUT",
        f"/customers/{bergen}/users/{invited['user_id']}/roles",
        token=kari,
        body={"version": invited["version"] + 1, "roles": ["invoice_reader", "order_approver"]},
    )
    # (the version moved on once when the invitation was accepted)
    assert changed.status == 200, changed.body
    assert changed.body["roles"] == ["invoice_reader", "order_approver"]
    # Then the old session is refused at its next request, and a new login carries the new roles
    assert api.get("/me", token=user).status == 401
    again = api.login(email, "Et helt nytt passord 2026", email=email)
    assert api.get("/me", token=again).body["roles"] == {bergen: ["invoice_reader", "order_approver"]}
    # And a stale version is refused
    stale = api.call(
        "PUT",
        f"/customers/{bergen}/users/{invited['user_id']}/roles",
        token=kari,
        body={"version": invited["version"], "roles": []},
    )
    assert stale.status == 409


def test_deactivating_a_user_ends_its_sessions_and_keeps_its_history(api: ApiClient, demo: DemoData) -> None:
    kari = api.login("kari.nordmann@nordlys.no")
    oslo = demo.customer_ids["oslo"]
    invited, email = invite(api, kari, oslo, ["orderer"])
    password = accept_invitation(api, email)
    user = api.login(email, password, email=email)
    current = next(u for u in api.get(f"/customers/{oslo}/users", token=kari).body["items"] if u["email"] == email)
    deactivated = api.post(
        f"/customers/{oslo}/users/{invited['user_id']}/deactivate", token=kari, body={"version": current["version"]}
    )
    assert deactivated.status == 200, deactivated.body
    assert deactivated.body["active"] is False
    assert api.get("/me", token=user).status == 401
    login = api.post("/auth/login", body={"username": email, "password": password})
    assert (login.status, login.error_code) == (401, "invalid_credentials")
    listed = next(u for u in api.get(f"/customers/{oslo}/users", token=kari).body["items"] if u["email"] == email)
    assert listed["active"] is False
    actions = {item["action"] for item in Table().query_all(pk=f"USER#{email}", sk_prefix="AUDIT#")}
    assert {"user_created", "password_set", "login_succeeded", "user_deactivated"} <= actions


def test_deleting_a_user_removes_its_personal_data_and_keeps_a_pseudonym(api: ApiClient, demo: DemoData) -> None:
    admin = api.login("admin")
    oslo = demo.customer_ids["oslo"]
    # Given a user who was invited by an administrator and has done things
    invited, email = invite(api, admin, oslo, ["user_administrator"])
    user = api.login(email, accept_invitation(api, email), email=email)
    colleague, _ = invite(api, user, oslo, ["orderer"])  # the user's own act, in Oslo's history
    current = next(u for u in api.get(f"/customers/{oslo}/users", token=admin).body["items"] if u["email"] == email)
    # When the administrator deletes the user
    deleted = api.call(
        "DELETE", f"/customers/{oslo}/users/{invited['user_id']}", token=admin, query={"version": current["version"]}
    )
    assert deleted.status == 204, deleted.body
    # Then the login is gone, its sessions end, and its e-mail no longer appears in Oslo's history or its own log
    assert api.get("/me", token=user).status == 401
    assert email not in {u["email"] for u in api.get(f"/customers/{oslo}/users", token=admin).body["items"]}
    assert Table().get(f"USER#{email}", "USER") is None
    assert Table().query_all(pk=f"USER#{email}", sk_prefix="AUDIT#") == []
    history = api.get(f"/customers/{oslo}/history", token=admin, query={"limit": 100}).body["items"]
    pseudonym = f"deleted-user-{invited['user_id']}"
    assert email not in str(history)
    assert pseudonym in {entry["actor"] for entry in history}
    moved = Table().query_all(pk=f"USERID#{invited['user_id']}", sk_prefix="AUDIT#")
    assert moved
    assert {entry["actor"] for entry in moved} == {pseudonym}
    assert colleague["active"] is True


def test_staff_permissions_decide_what_staff_may_do(api: ApiClient, demo: DemoData) -> None:
    oslo, bakery = demo.customer_ids["oslo"], demo.customer_ids["bakery"]
    selger = api.login("selger")  # account manager: Create customer user, not Change rights or Delete
    invited, _ = invite(api, selger, oslo, ["orderer"])
    assert api.get(f"/customers/{oslo}/users", token=selger).status == 200
    changed = api.call(
        "PUT",
        f"/customers/{oslo}/users/{invited['user_id']}/roles",
        token=selger,
        body={"version": invited["version"], "roles": []},
    )
    assert (changed.status, changed.error_code) == (403, "missing_permission")
    tekniker = api.login("tekniker")  # sees only its assigned customer, and has none of the user permissions
    assert api.get(f"/customers/{oslo}/users", token=tekniker).status == 404
    assert api.get(f"/customers/{bakery}/users", token=tekniker).status == 403


def test_no_one_changes_their_own_login_here(api: ApiClient, demo: DemoData) -> None:
    kari = api.login("kari.nordmann@nordlys.no")
    group = demo.customer_ids["group"]
    me = next(
        u for u in api.get(f"/customers/{group}/users", token=kari).body["items"] if u["username"].startswith("kari")
    )
    own = api.call(
        "PUT",
        f"/customers/{group}/users/{me['user_id']}/roles",
        token=kari,
        body={"version": me["version"], "roles": []},
    )
    assert (own.status, own.error_code) == (409, "own_login")


def test_a_link_token_is_not_the_invitation_of_another(api: ApiClient, demo: DemoData) -> None:
    kari = api.login("kari.nordmann@nordlys.no")
    _, first = invite(api, kari, demo.customer_ids["oslo"], [])
    _, second = invite(api, kari, demo.customer_ids["oslo"], [])
    assert link_token(first, "UserReport") != link_token(second, "UserReport")
