"""An id the caller may not see answers exactly as an id that does not exist, and as one that cannot exist.

For every route of template.yaml with an id in its path, and for principals of each kind, the reply to a random
well-formed unknown id, to malformed ids and to another tenant's id must have the same status, code and message.
Otherwise a caller could tell which ids belong to other tenants. New routes are walked automatically.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from infrastructure.local.template import Route
from portal.clock import new_id
from tests.security.test_route_authorization import (
    PRINCIPALS,
    ROUTES,
    Case,
    foreign_path,
    request_body,
    required_query,
)
from tests.support import ApiClient, Reply

ID_ROUTES = [route for route in ROUTES if "{" in route.path]
# Staff who see one customer, a contact of a group, an object login, and an administrator (who sees every id, so
# only unknown and malformed ids are compared for them).
WALKED = [
    case for case in PRINCIPALS if case.username in {"admin", "tekniker", "kari.nordmann@nordlys.no", "objekt-fb-1"}
]
MALFORMED = ["not-an-id", "0" * 27, "01j0000000000000000000000a", "Z" * 3000, "01JNOSUCHREQUEST0000000000"]
PARAMETER = re.compile(r"\{([a-z_]+)\}")


@pytest.fixture(scope="module")
def tokens(runtime: Runtime, demo: DemoData) -> dict[str, str]:
    client = ApiClient(runtime.gateway)
    return {case.username: client.login(case.username) for case in WALKED if case.username}


def with_ids(route: Route, ids: dict[str, str]) -> str:
    return PARAMETER.sub(lambda match: ids.get(match.group(1), match.group(0)), route.path)


def answer(reply: Reply) -> tuple[int, Any, Any]:
    error = reply.body.get("error", {}) if isinstance(reply.body, dict) else {}
    return reply.status, error.get("code"), error.get("message")


def call(client: ApiClient, route: Route, path: str, token: str) -> Reply:
    reply = client.call(route.method, path, token=token, body=request_body(route), query=required_query(route))
    assert reply.status < 500, (route.method, path, reply.text)
    return reply


@pytest.mark.parametrize("route", ID_ROUTES, ids=lambda route: f"{route.method} {route.path}")
@pytest.mark.parametrize("case", WALKED, ids=lambda case: case.username or "")
def test_unknown_malformed_and_foreign_ids_get_the_same_reply(
    runtime: Runtime, demo: DemoData, tokens: dict[str, str], route: Route, case: Case
) -> None:
    # Given a route with ids in its path, and a principal
    client = ApiClient(runtime.gateway)
    token = tokens[case.username or ""]
    names = PARAMETER.findall(route.path)
    # When it is called with ids that do not exist, with ids that cannot exist, and with another tenant's ids
    unknown = call(client, route, with_ids(route, {name: new_id() for name in names}), token)
    replies = {"unknown": answer(unknown)}
    for index, text in enumerate(MALFORMED):
        replies[f"malformed {index}"] = answer(call(client, route, with_ids(route, dict.fromkeys(names, text)), token))
    path, foreign = foreign_path(route, demo, case)
    if foreign:
        replies["foreign"] = answer(call(client, route, path, token))
    # Then every reply is the same refusal, and it is a refusal of the id, not of the request's shape
    assert len(set(replies.values())) == 1, replies
    assert unknown.status in {403, 404}, unknown.text


SECOND_ID = {"{object_id}": "object_ids", "{department_id}": "department_ids"}
OWN_CUSTOMER = {"tekniker": "bakery", "kari.nordmann@nordlys.no": "bergen", "admin": "bakery"}
FOREIGN_RECORDS = {  # another customer's object and department, for each customer in OWN_CUSTOMER
    "bakery": {"object_ids": "bergen-shop", "department_ids": "oslo-shop"},
    "bergen": {"object_ids": "bakery-centre", "department_ids": "bakery-production"},
}


@pytest.mark.parametrize(
    "route", [route for route in ID_ROUTES if any(part in route.path for part in SECOND_ID)], ids=lambda r: r.path
)
@pytest.mark.parametrize("username", sorted(OWN_CUSTOMER))
def test_a_record_of_another_customer_under_a_visible_customer_answers_as_an_unknown_one(
    runtime: Runtime, demo: DemoData, tokens: dict[str, str], route: Route, username: str
) -> None:
    # Given a customer the principal sees, and under it the id of another customer's object or department
    client = ApiClient(runtime.gateway)
    customer_id = demo.customer_ids[OWN_CUSTOMER[username]]
    kind = next(SECOND_ID[part] for part in SECOND_ID if part in route.path)
    name = kind.removesuffix("s")
    foreign_id = getattr(demo, kind)[FOREIGN_RECORDS[OWN_CUSTOMER[username]][kind]]

    def reply_for(record_id: str) -> tuple[int, Any, Any]:
        path = with_ids(route, {"customer_id": customer_id, name: record_id})
        return answer(call(client, route, path, tokens[username]))

    # When the record id is unknown, malformed, or the other customer's
    replies = {"unknown": reply_for(new_id()), "malformed": reply_for("nope"), "foreign": reply_for(foreign_id)}
    # Then the three replies are the same
    assert len(set(replies.values())) == 1, replies


def test_finding_a_contact_by_an_e_mail_the_caller_may_not_see_answers_as_an_unknown_e_mail(
    api: ApiClient, demo: DemoData, tokens: dict[str, str]
) -> None:
    # Given staff who see only Fjellbakeriet, and the e-mail of a contact of another customer
    from portal.wiring import contact_repository

    foreign = contact_repository().get(demo.contact_ids["kari"])
    assert foreign is not None
    assert foreign.email
    # When they look up that e-mail and one nobody has
    hidden = api.get("/contacts", token=tokens["tekniker"], query={"email": foreign.email})
    unknown = api.get("/contacts", token=tokens["tekniker"], query={"email": "nobody-here@example.no"})
    # Then both replies are the same 404
    assert answer(hidden) == answer(unknown)
    assert hidden.status == 404


def test_linking_a_contact_to_another_tenants_customer_or_object_answers_as_unknown_ids(
    api: ApiClient, demo: DemoData, tokens: dict[str, str]
) -> None:
    # Given staff who may change Fjellbakeriet and its contact Per, and ids of Nordlys Bergen and its object
    token = tokens["tekniker"]
    contact_id = demo.contact_ids["per"]
    contact = api.get(f"/contacts/{contact_id}", token=token)
    assert contact.status == 200, contact.text

    def links(customer_id: str, object_id: str) -> tuple[tuple[int, Any, Any], list[dict[str, Any]]]:
        body = {
            "version": contact.body["version"],
            "customer_ids": [customer_id],
            "objects": [*contact.body["objects"], {"customer_id": customer_id, "object_id": object_id}],
        }
        reply = api.call("PUT", f"/contacts/{contact_id}/links", token=token, body=body)
        details = [{k: v for k, v in detail.items() if k != "customer_id"} for detail in reply.body["error"]["details"]]
        return answer(reply), details

    # When the links name the other customer and its object, unknown ids, or malformed ids
    foreign = links(demo.customer_ids["bergen"], demo.object_ids["bergen-shop"])
    unknown = links(new_id(), new_id())
    malformed = links("not-an-id", "not-an-id")
    # Then the three refusals are the same, field by field
    assert foreign == unknown == malformed
    assert foreign[0][:2] == (422, "unknown_customer")
    assert {detail["field"] for detail in foreign[1]} == {
        "customer_ids.0",
        f"objects.{len(contact.body['objects'])}.customer_id",
    }
