"""Walks every route of template.yaml with every kind of principal and another tenant's ids.

Fails when a route answers a principal with data of a customer it may not see, or lets it change such a
customer. New routes are picked up automatically; a new path parameter must be given a foreign id below.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from infrastructure.local.demo import DEMO_API_KEYS, DemoData
from infrastructure.local.runtime import Runtime
from infrastructure.local.template import Route, load_template
from infrastructure.openapi import load_committed_document
from tests.support import ApiClient

# Public routes are only the login steps (tests/unit/test_template.py pins that); they carry no customer data.
ROUTES = [route for route in load_template().routes if not route.public]


@dataclass(frozen=True)
class Case:
    username: str | None
    visible: frozenset[str]  # demo customer keys whose data this principal may see
    objects: frozenset[str] = frozenset()  # demo object keys
    contacts: frozenset[str] = frozenset()  # demo contact keys
    api_key: str | None = None  # a demo API key calls instead of a login (DOC-3)


ALL = frozenset({"group", "bergen", "oslo", "bakery", "sweden"})
ALL_OBJECTS = frozenset({"bakery-centre", "bakery-factory", "bergen-shop"})
ALL_CONTACTS = frozenset({"kari", "ola", "per"})
BAKERY_OBJECTS = frozenset({"bakery-centre", "bakery-factory"})
PRINCIPALS = [
    Case(None, frozenset()),
    Case("admin", ALL, ALL_OBJECTS, ALL_CONTACTS),
    Case("selger", ALL, ALL_OBJECTS, ALL_CONTACTS),
    Case("tekniker", frozenset({"bakery"}), BAKERY_OBJECTS, frozenset({"per"})),
    Case("helse", ALL, ALL_OBJECTS, ALL_CONTACTS),  # health personnel see every customer, change none
    Case(
        "kari.nordmann@nordlys.no",
        frozenset({"group", "bergen", "oslo"}),
        frozenset({"bergen-shop"}),
        frozenset({"kari"}),
    ),
    Case("ola.hansen@nordlys-bergen.no", frozenset({"bergen"}), frozenset({"bergen-shop"}), frozenset({"ola"})),
    # Object-linked logins choose among their objects' customers, so those customers' names are theirs to see.
    Case("per.bakke@fjellbakeriet.no", frozenset({"bakery"}), frozenset({"bakery-factory"}), frozenset({"per"})),
    Case("faktura-20000", frozenset({"bakery"}), BAKERY_OBJECTS),
    Case("objekt-fb-1", frozenset({"bakery"}), frozenset({"bakery-centre"})),
    # An API key acts for its one customer, and only on the document routes.
    *(Case(f"api-key:{key.customer}", frozenset({key.customer}), api_key=key.api_key) for key in DEMO_API_KEYS),
]
DEPARTMENT_OF = {"bergen": "bergen-shop", "oslo": "oslo-shop", "bakery": "bakery-production"}
OBJECT_OWNERS = {"bakery-centre": "bakery", "bakery-factory": "bakery", "bergen-shop": "bergen"}


@pytest.fixture(scope="module")
def tokens(runtime: Runtime, demo: DemoData) -> dict[str, str]:
    client = ApiClient(runtime.gateway)
    return {case.username: client.login(case.username) for case in PRINCIPALS if case.username and case.api_key is None}


def sample(schema: dict[str, Any], components: dict[str, Any]) -> Any:
    """A minimal valid value for a JSON schema, so requests get past validation to the access checks."""
    if "$ref" in schema:
        return sample(components[schema["$ref"].rsplit("/", 1)[1]], components)
    if "anyOf" in schema:
        return sample(next(option for option in schema["anyOf"] if option.get("type") != "null"), components)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind in {"object", "array"} and schema.get("examples"):  # a map or list the schema gives a valid value of
        return schema["examples"][0]
    if kind == "object":
        required = schema.get("required", [])
        return {
            name: sample(spec, components) for name, spec in schema.get("properties", {}).items() if name in required
        }
    if kind == "array":  # as few items as the schema allows
        return [sample(schema.get("items", {}), components) for _ in range(schema.get("minItems", 0))]
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "boolean":
        return False
    if kind == "string":
        if schema.get("examples"):  # a value the schema names as valid (a bag number: 12 digits)
            return schema["examples"][0]
        if schema.get("format") == "date":
            return "2030-01-07"
        if "@" in schema.get("pattern", ""):
            return "someone@example.no"
        return "12345678" if schema.get("pattern") else "probe"
    return None


def request_body(route: Route) -> Any:
    document = load_committed_document()
    assert document is not None
    operation = document["paths"][route.path][route.method.lower()]
    content = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if content is None:
        return None
    return sample(content["schema"], document.get("components", {}).get("schemas", {}))


def required_query(route: Route) -> dict[str, Any] | None:
    """Values for the route's required query parameters, so requests get past validation to the access checks."""
    document = load_committed_document()
    assert document is not None
    operation = document["paths"][route.path][route.method.lower()]
    components = document.get("components", {}).get("schemas", {})
    required = {
        parameter["name"]: sample(parameter["schema"], components)
        for parameter in operation.get("parameters", [])
        if parameter.get("in") == "query" and parameter.get("required")
    }
    return required or None


def foreign_path(route: Route, demo: DemoData, case: Case) -> tuple[str, bool]:
    """The route's path with ids of something the principal may not see, where there is such a thing."""
    path = route.path
    foreign = False
    if "{object_id}" in path:
        hidden = sorted(ALL_OBJECTS - case.objects)
        target = hidden[0] if hidden else "bakery-centre"
        path = path.replace("{customer_id}", demo.customer_ids[OBJECT_OWNERS[target]])
        path = path.replace("{object_id}", demo.object_ids[target])
        foreign = bool(hidden)
    if "{department_id}" in path:
        hidden_customers = sorted(ALL - case.visible)
        owner = hidden_customers[0] if hidden_customers else "bakery"
        owner = owner if owner in DEPARTMENT_OF else "bakery"
        path = path.replace("{customer_id}", demo.customer_ids[owner])
        path = path.replace("{department_id}", demo.department_ids[DEPARTMENT_OF[owner]])
        foreign = bool(hidden_customers) and owner not in case.visible
    if "{customer_id}" in path:
        # Object-linked logins see no customer in full, so any customer is foreign to them.
        hidden = sorted(ALL - case.visible) or (
            ["bakery"] if case.username in {"per.bakke@fjellbakeriet.no", "objekt-fb-1"} else []
        )
        path = path.replace("{customer_id}", demo.customer_ids[hidden[0] if hidden else "bakery"])
        foreign = bool(hidden)
    if "{contact_id}" in path:
        hidden = sorted(ALL_CONTACTS - case.contacts)
        path = path.replace("{contact_id}", demo.contact_ids[hidden[0] if hidden else "kari"])
        foreign = bool(hidden)
    if "{request_id}" in path:  # registration requests belong to no customer yet: staff-only, never foreign
        path = path.replace("{request_id}", "01JNOSUCHREQUEST0000000000")
    if "{user_id}" in path:  # the customer's id decides; no user of a hidden customer is reachable through it
        path = path.replace("{user_id}", "01JNOSUCHUSER0000000000000")
    if "{key_id}" in path:  # an API key is reached through its customer's id, which decides
        path = path.replace("{key_id}", "01JNOSUCHKEY00000000000000")
    if "{webhook_id}" in path:  # a webhook is reached through its customer's id, which decides
        path = path.replace("{webhook_id}", "01JNOSUCHWEBHOOK0000000000")
    if "{username}" in path:  # an assignment is reached through its customer's id, which decides
        path = path.replace("{username}", "nobody-probe")
    if "{quote_id}" in path:  # a quote is reached through its customer's id, which decides
        path = path.replace("{quote_id}", "01JNOSVCHQVQTE000000000000")
    if "{specification_id}" in path:  # a specification is reached through its customer's id, which decides
        path = path.replace("{specification_id}", "01JNOSUCHSPECIFICATION0000")
    if "{case_id}" in path:  # cases are decided by the login's scopes; one it may not see answers as unknown
        path = path.replace("{case_id}", "01JNOSUCHCASE0000000000000")
    if "{employee_id}" in path:  # an employee is reached through its customer's id, which decides
        path = path.replace("{employee_id}", "01JNOSUCHEMPLOYEE000000000")
    if "{ticket_id}" in path:  # a ticket is reached through its customer's id, which decides
        path = path.replace("{ticket_id}", "01JNOSUCHTICKET00000000000")
    if "{import_id}" in path:  # register uploads are the vendor's: staff who create customers, never foreign
        path = path.replace("{import_id}", "01JNOSUCHIMPORT00000000000")
    if "{file_id}" in path:  # files are decided by what they are linked to; one out of sight answers as unknown
        path = path.replace("{file_id}", "01JNOSUCHFILE0000000000000")
    if "{work_order_id}" in path:  # a work order is reached through its case, which decides
        path = path.replace("{work_order_id}", "01JNOSUCHWORKORDER00000000")
    if "{contract_id}" in path:  # a contract is reached through its customer's id, which decides
        path = path.replace("{contract_id}", "01JNOSUCHCONTRACT000000000")
    if "{invoice_id}" in path:  # an invoice is reached through its customer's id, which decides
        path = path.replace("{invoice_id}", "01JNOSUCHINVOICE0000000000")
    if "{slot_id}" in path:  # a slot is reached through its order and customer, which decide
        path = path.replace("{slot_id}", "01JNOSUCHSLOT0000000000000")
    if "{order_id}" in path:  # an order is reached through its customer's id, which decides
        path = path.replace("{order_id}", "01JNOSUCHORDER000000000000")
    if "{deposit_id}" in path:  # a deposit is reached through its customer's id, which decides
        path = path.replace("{deposit_id}", "01JNOSUCHDEPOSIT0000000000")
    if "{report_id}" in path:  # a report is reached through its customer's id, which decides
        path = path.replace("{report_id}", "01JNOSUCHREPQRT00000000000")
    if "{document_id}" in path:  # a document is reached through its customer's id, which decides
        path = path.replace("{document_id}", "01JNOSUCHDOCUMENT000000000")
    if "{copy_id}" in path:  # a copy is reached through its document's customer, which decides
        path = path.replace("{copy_id}", "0" * 32)
    if "{file_number}" in path:  # a file is reached through its document's customer, which decides
        path = path.replace("{file_number}", "1")
    if "{printout_id}" in path:  # a printout is reached through its customer's id, which decides
        path = path.replace("{printout_id}", "0" * 32)
    if "{product_id}" in path:  # the catalogue is the vendor's: administrators change it, never foreign
        path = path.replace("{product_id}", "01JNOSUCHPRODUCT0000000000")
    if "{delivery_id}" in path:  # deliveries are the vendor's own records: administrators only, never foreign
        path = path.replace("{delivery_id}", "01JNOSUCHDELIVERY000000000")
    assert "{" not in path, f"give the path parameter of {route.path} a foreign id in this test"
    return path, foreign


def forbidden_strings(demo: DemoData, case: Case) -> set[str]:
    from portal.wiring import contact_repository, customer_repository

    strings: set[str] = set()
    for key in ALL - case.visible:
        customer = customer_repository().get(demo.customer_ids[key])
        assert customer is not None
        strings |= {customer.customer_id, customer.name, f'"{customer.number}"'}
    strings |= {demo.object_ids[key] for key in ALL_OBJECTS - case.objects}
    for key in ALL_CONTACTS - case.contacts:
        contact = contact_repository().get(demo.contact_ids[key])
        assert contact is not None
        assert contact.email
        strings |= {contact.contact_id, contact.email}
    return strings


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: f"{route.method} {route.path}")
@pytest.mark.parametrize("case", PRINCIPALS, ids=lambda case: case.username or "anonymous")
def test_no_route_leaks_or_changes_another_tenants_data(
    runtime: Runtime, demo: DemoData, tokens: dict[str, str], route: Route, case: Case
) -> None:
    path, targets_foreign_customer = foreign_path(route, demo, case)
    client = ApiClient(runtime.gateway)
    token = tokens.get(case.username or "")
    if route.path == "/auth/logout" and case.username and case.api_key is None:
        token = client.login(case.username)  # logging out the shared session would end it for the other routes
    reply = client.call(
        route.method,
        path,
        token=token,
        api_key=case.api_key,
        body=request_body(route),
        query={"limit": 100} if route.method == "GET" else required_query(route),
    )
    assert reply.status < 500, reply.text
    if case.username is None:
        assert reply.status == 401
        return
    leaked = [text for text in forbidden_strings(demo, case) if text in reply.text]
    assert not leaked, f"{case.username} got {leaked} from {route.method} {path}"
    if targets_foreign_customer:
        assert reply.status in {403, 404, 422}, (reply.status, reply.body)
    if route.method != "GET" and case.visible != ALL and reply.status < 400:
        # logging out, and filing a case on no customer (AUTH-4: every portal login may report something)
        assert route.path in {"/auth/logout", "/cases"}, f"{case.username} changed something through {route.path}"


def test_every_demo_login_and_every_kind_of_principal_is_walked() -> None:
    """The walk covers what exists, not what this file lists: every demo login (one per kind of access the
    portal has), and through them every principal kind and staff role the code defines."""
    from infrastructure.local.demo import PORTAL_USERS, STAFF
    from portal.access import ApiKeyRole, PrincipalKind, StaffRole

    walked = {case.username for case in PRINCIPALS if case.username and case.api_key is None}
    logins = {user.username: user for user in STAFF + PORTAL_USERS}
    assert set(logins) == walked, f"walk these logins too: {sorted(set(logins) - walked)}"
    assert {user.kind for user in logins.values()} | {PrincipalKind.API_KEY} == set(PrincipalKind)
    assert {case.api_key for case in PRINCIPALS if case.api_key} == {key.api_key for key in DEMO_API_KEYS}
    assert ApiKeyRole.SEND_DOCUMENTS in {key.role for key in DEMO_API_KEYS}
    assert {user.role for user in STAFF} == set(StaffRole)
    assert None in {case.username for case in PRINCIPALS}, "and no login at all"
