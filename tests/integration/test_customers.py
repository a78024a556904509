"""The staff customer register (ORG-1, ORG-3), handlers against moto through the local gateway."""

from __future__ import annotations

import csv
import io
import uuid
from typing import Any

import pytest

from infrastructure.local.demo import DemoData
from tests.support import ApiClient


@pytest.fixture(scope="module")
def admin(runtime: Any, demo: DemoData) -> str:
    from infrastructure.local.gateway import Gateway  # noqa: F401 - the runtime fixture built it

    return ApiClient(runtime.gateway).login("admin")


def unique_number() -> str:
    return str(uuid.uuid4().int)[:8]


def create(api: ApiClient, token: str, **fields: Any) -> dict[str, Any]:
    body = {"name": "Testkunde AS", "number": unique_number(), **fields}
    reply = api.post("/customers", token=token, body=body)
    assert reply.status == 201, reply.body
    return dict(reply.body)


def test_create_read_update_and_history(api: ApiClient, admin: str) -> None:
    # Given a new customer
    created = create(
        api,
        admin,
        name="Havbris Kafé AS",
        contact_person="Siri Strand",
        email="siri@havbris.no",
        custom_fields={"segment": "Retail", "credit_limit": "12 500,50"},
    )
    assert created["version"] == 1
    assert created["custom_fields"] == {"segment": "Retail", "credit_limit": "12500.50"}
    customer_id = created["customer_id"]
    # When it is changed
    changed = api.call(
        "PATCH",
        f"/customers/{customer_id}",
        token=admin,
        body={"version": 1, "name": "Havbris Kafé og Bakeri AS", "city": "Tromsø"},
    )
    assert changed.status == 200, changed.body
    assert changed.body["version"] == 2
    # Then the read shows it, and the history lists both changes with who, when, before and after
    assert api.get(f"/customers/{customer_id}", token=admin).body["name"] == "Havbris Kafé og Bakeri AS"
    history = api.get(f"/customers/{customer_id}/history", token=admin).body["items"]
    assert [entry["action"] for entry in history] == ["updated", "created"]
    update = {change["field"]: change for change in history[0]["changes"]}
    assert update["name"] == {"field": "name", "before": "Havbris Kafé AS", "after": "Havbris Kafé og Bakeri AS"}
    assert update["city"] == {"field": "city", "before": None, "after": "Tromsø"}
    assert history[0]["actor"] == "admin"


def test_a_stale_version_is_refused(api: ApiClient, admin: str) -> None:
    customer = create(api, admin)
    path = f"/customers/{customer['customer_id']}"
    assert api.call("PATCH", path, token=admin, body={"version": 1, "city": "Oslo"}).status == 200
    stale = api.call("PATCH", path, token=admin, body={"version": 1, "city": "Bergen"})
    assert (stale.status, stale.error_code) == (409, "version_mismatch")
    assert api.get(path, token=admin).body["city"] == "Oslo"


def test_customer_numbers_are_unique(api: ApiClient, admin: str) -> None:
    number = unique_number()
    create(api, admin, number=number)
    duplicate = api.post("/customers", token=admin, body={"name": "Another AS", "number": number})
    assert (duplicate.status, duplicate.error_code) == (409, "customer_number_taken")
    assert number in duplicate.body["error"]["message"]
    assert [problem["field"] for problem in duplicate.body["error"]["details"]] == ["number"]
    # Taking another's number in an edit is refused the same way; an outdated version as changed meanwhile
    other = create(api, admin, number=unique_number())
    path = f"/customers/{other['customer_id']}"
    taken = api.call("PATCH", path, token=admin, body={"version": other["version"], "number": number})
    assert (taken.status, taken.error_code) == (409, "customer_number_taken")
    stale = api.call("PATCH", path, token=admin, body={"version": other["version"] + 1, "number": unique_number()})
    assert (stale.status, stale.error_code) == (409, "version_mismatch")


def test_number_length_follows_the_settings(api: ApiClient, admin: str) -> None:
    reply = api.post("/customers", token=admin, body={"name": "Kort AS", "number": "12"})
    assert (reply.status, reply.error_code) == (422, "invalid_customer_number")


def test_only_an_administrator_changes_a_customer_number(api: ApiClient, admin: str) -> None:
    customer = create(api, admin)
    path = f"/customers/{customer['customer_id']}"
    seller = api.login("selger")
    # The account manager may edit customers assigned to them; assign first through the domain.
    from portal.wiring import customer_repository

    repository = customer_repository()
    stored = repository.get(customer["customer_id"])
    assert stored is not None
    repository.assign(stored, "selger", actor="admin", at=stored.updated_at)
    refused = api.call("PATCH", path, token=seller, body={"version": 2, "number": unique_number()})
    assert (refused.status, refused.error_code) == (403, "administrator_only")
    allowed = api.call("PATCH", path, token=seller, body={"version": 2, "city": "Molde"})
    assert allowed.status == 200, allowed.body
    new_number = unique_number()
    by_admin = api.call("PATCH", path, token=admin, body={"version": 3, "number": new_number})
    assert by_admin.status == 200
    # The old number is free again, the new one taken.
    assert api.post("/customers", token=admin, body={"name": "Gjenbruk AS", "number": customer["number"]}).status == 201
    taken = api.post("/customers", token=admin, body={"name": "Opptatt AS", "number": new_number})
    assert taken.status == 409


def test_custom_fields_are_typed(api: ApiClient, admin: str) -> None:
    reply = api.post(
        "/customers",
        token=admin,
        body={
            "name": "Feil AS",
            "number": unique_number(),
            "custom_fields": {"segment": "Space", "credit_limit": "lots", "unknown": "x"},
        },
    )
    assert (reply.status, reply.error_code) == (422, "invalid_custom_fields")
    reasons = {detail["field"]: detail["reason"] for detail in reply.body["error"]["details"]}
    assert reasons == {
        "custom_fields.segment": "not_a_choice",
        "custom_fields.credit_limit": "not_a_number",
        "custom_fields.unknown": "unknown_field",
    }


def test_organisation_numbers_are_checked(api: ApiClient, admin: str) -> None:
    reply = api.post(
        "/customers",
        token=admin,
        body={"name": "Feil AS", "number": unique_number(), "organisation_number": "912345689"},
    )
    assert (reply.status, reply.error_code) == (422, "invalid_organisation_number")
    swedish = create(api, admin, country="SE", organisation_number="556000-1231")
    assert swedish["organisation_number"] == "5560001231"


def test_deactivated_customers_leave_the_active_list_but_keep_their_history(api: ApiClient, admin: str) -> None:
    word = f"zq{uuid.uuid4().hex[:6]}"
    customer = create(api, admin, name=f"Avvikling {word} AS")
    path = f"/customers/{customer['customer_id']}"
    assert [item["name"] for item in api.get("/customers", token=admin, query={"q": word}).body["items"]] == [
        customer["name"]
    ]
    deactivated = api.call("PUT", f"{path}/status", token=admin, body={"status": "inactive", "version": 1})
    assert deactivated.status == 200
    assert deactivated.body["status"] == "inactive"
    assert api.get("/customers", token=admin, query={"q": word}).body["items"] == []
    inactive = api.get("/customers", token=admin, query={"q": word, "status": "inactive"}).body["items"]
    assert [item["customer_id"] for item in inactive] == [customer["customer_id"]]
    history = api.get(f"{path}/history", token=admin).body["items"]
    assert history[0]["action"] == "deactivated"
    assert history[0]["changes"] == [{"field": "status", "before": "active", "after": "inactive"}]


def test_search_by_name_contact_person_and_email(api: ApiClient, admin: str) -> None:
    tag = uuid.uuid4().hex[:6]
    first = create(
        api, admin, name=f"Solsikke{tag} Blomster AS", contact_person="Åse Ødegård", email=f"ase@solsikke{tag}.no"
    )
    second = create(api, admin, name=f"Fjord{tag} Fisk AS", contact_person=f"Solsikke{tag} Person")

    def found(query: str) -> set[str]:
        reply = api.get("/customers", token=admin, query={"q": query})
        assert reply.status == 200, reply.body
        return {item["customer_id"] for item in reply.body["items"]}

    assert found(f"solsikke{tag}") == {first["customer_id"], second["customer_id"]}
    assert found(f"SOLSIKKE{tag} blom") == {first["customer_id"]}
    assert found(f"ase@solsikke{tag}") == {first["customer_id"]}
    assert first["customer_id"] in found(f"ødegå solsikke{tag}")
    assert found(f"fjord{tag}") == {second["customer_id"]}
    assert found(f"solsikke{tag} nowhere") == set()


def test_search_pages_never_repeat_a_customer(api: ApiClient, admin: str) -> None:
    tag = f"pg{uuid.uuid4().hex[:6]}"
    ids = {create(api, admin, name=f"{tag}alfa {tag}beta {index}")["customer_id"] for index in range(7)}
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        query = {"q": tag, "limit": 3, **({"cursor": cursor} if cursor else {})}
        page = api.get("/customers", token=admin, query=query).body
        seen += [item["customer_id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(ids)


def test_list_sorts_by_name_or_number_both_ways(api: ApiClient, admin: str) -> None:
    by_name = api.get("/customers", token=admin, query={"sort": "name", "limit": 100}).body["items"]
    names = [item["name"].casefold() for item in by_name]
    assert names == sorted(names)
    by_number_desc = api.get("/customers", token=admin, query={"sort": "number", "order": "desc", "limit": 100}).body[
        "items"
    ]
    numbers = [int(item["number"]) for item in by_number_desc]
    assert numbers == sorted(numbers, reverse=True)


def test_list_pages_follow_each_other(api: ApiClient, admin: str) -> None:
    full = [item["customer_id"] for item in api.get("/customers", token=admin, query={"limit": 100}).body["items"]]
    paged: list[str] = []
    cursor = None
    while True:
        query = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = api.get("/customers", token=admin, query=query).body
        paged += [item["customer_id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert paged == full


def test_a_tampered_cursor_is_refused(api: ApiClient, admin: str) -> None:
    reply = api.get("/customers", token=admin, query={"cursor": "eyJQSyI6IkNVU1QjMSJ9"})
    assert (reply.status, reply.error_code) == (400, "invalid_cursor")  # more in tests/integration/test_pagination.py


def test_export_gives_the_filtered_list_as_csv(api: ApiClient, admin: str) -> None:
    tag = f"ex{uuid.uuid4().hex[:6]}"
    create(api, admin, name=f"{tag} Øst AS", contact_person="=HYPERLINK(1)")
    create(api, admin, name=f"{tag} Vest AS")
    reply = api.get("/customers/export", token=admin, query={"q": tag})
    assert reply.status == 200
    assert reply.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(reply.text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Kundenummer", "Navn", "Kontaktperson", "E-post", "Sted", "Status"]
    assert sorted(row[1] for row in rows[1:]) == [f"{tag} Vest AS", f"{tag} Øst AS"]
    assert "'=HYPERLINK(1)" in reply.text  # a formula is never handed to a spreadsheet as a formula
    assert (reply.headers["X-Export-Complete"], reply.headers["X-Export-Rows"]) == ("true", "2")
    # The columns on the user's screen, in their order and language
    chosen = api.get(
        "/customers/export", token=admin, query={"q": tag, "columns": ["name", "status"], "language": "en"}
    )
    chosen_rows = list(csv.reader(io.StringIO(chosen.text.lstrip("\ufeff")), delimiter=";"))
    assert chosen_rows[0] == ["Name", "Status"]
    assert sorted(chosen_rows[1:]) == [[f"{tag} Vest AS", "active"], [f"{tag} Øst AS", "active"]]
    unknown = api.get("/customers/export", token=admin, query={"columns": ["password_hash"]})
    assert (unknown.status, unknown.error_code) == (422, "invalid_request")


def test_the_same_idempotency_key_creates_one_customer(api: ApiClient, admin: str) -> None:
    key = str(uuid.uuid4())
    body = {"name": "Idempotent AS", "number": unique_number()}
    first = api.post("/customers", token=admin, body=body, headers={"Idempotency-Key": key})
    second = api.post("/customers", token=admin, body=body, headers={"Idempotency-Key": key})
    assert first.status == second.status == 201
    assert first.body["customer_id"] == second.body["customer_id"]
    reused = api.post("/customers", token=admin, body={**body, "name": "Other AS"}, headers={"Idempotency-Key": key})
    assert (reused.status, reused.error_code) == (409, "idempotency_key_reused")


def test_settings_are_for_administrators(api: ApiClient, admin: str) -> None:
    seller = api.login("selger")
    current = api.get("/settings/customer-register", token=seller)
    assert current.status == 200
    keys = {field["key"] for field in current.body["custom_fields"]}
    assert keys == {"segment", "credit_limit", "contract_date", "cash_in_transit"}
    refused = api.call("PUT", "/settings/customer-register", token=seller, body=current.body)
    assert (refused.status, refused.error_code) == (403, "administrator_only")
    stale = api.call("PUT", "/settings/customer-register", token=admin, body={**current.body, "version": 0})
    assert stale.status == 409


def test_custom_fields_have_a_label_per_language_and_refusals_name_their_fields(api: ApiClient, admin: str) -> None:
    current = api.get("/settings/customer-register", token=admin).body
    labels = {field["key"]: field["labels"] for field in current["custom_fields"]}
    assert labels["credit_limit"] == {"nb": None, "sv": "Kreditgräns (NOK)", "en": "Credit limit (NOK)"}
    assert labels["segment"] == {"nb": None, "sv": None, "en": None}  # the one label serves every language
    # An administrator names a field in English too
    fields = [
        {**field, "labels": {**field["labels"], "en": "Market segment"}} if field["key"] == "segment" else field
        for field in current["custom_fields"]
    ]
    saved = api.call("PUT", "/settings/customer-register", token=admin, body={**current, "custom_fields": fields})
    assert saved.status == 200
    assert saved.body["custom_fields"][0]["labels"]["en"] == "Market segment"
    current = api.get("/settings/customer-register", token=admin).body
    assert current["custom_fields"][0]["labels"]["en"] == "Market segment"
    # Every problem names the field it is about
    twice = [*current["custom_fields"], {**current["custom_fields"][0], "labels": {}}]
    refused = api.call("PUT", "/settings/customer-register", token=admin, body={**current, "custom_fields": twice})
    assert (refused.status, refused.error_code) == (422, "duplicate_custom_field")
    last = len(twice) - 1
    assert [detail["field"] for detail in refused.body["error"]["details"]] == [
        "custom_fields.0.key",
        f"custom_fields.{last}.key",
    ]
    no_choices = [{**current["custom_fields"][0], "choices": []}, *current["custom_fields"][1:]]
    refused = api.call("PUT", "/settings/customer-register", token=admin, body={**current, "custom_fields": no_choices})
    assert refused.body["error"]["details"][0]["field"] == "custom_fields.0.choices"
    lengths = {**current, "number_min_length": 12, "number_max_length": 8}
    refused = api.call("PUT", "/settings/customer-register", token=admin, body=lengths)
    assert refused.body["error"]["details"] == [
        {
            "field": "number_min_length",
            "code": "less_than_equal",
            "reason": "less_than_equal",
            "message": "The minimum length of a customer number cannot exceed the maximum",
            "allowed": {"le": 8},
        }
    ]
    unknown_language = [{**current["custom_fields"][0], "labels": {"de": "Segment"}}, *current["custom_fields"][1:]]
    refused = api.call(
        "PUT", "/settings/customer-register", token=admin, body={**current, "custom_fields": unknown_language}
    )
    assert refused.status in {400, 422}


def test_subsidiaries_belong_to_one_group(api: ApiClient, admin: str, demo: DemoData) -> None:
    nested = api.post(
        "/customers",
        token=admin,
        body={"name": "Barnebarn AS", "number": unique_number(), "parent_id": demo.customer_ids["bergen"]},
    )
    assert (nested.status, nested.error_code) == (422, "nested_group")
    assert [detail["field"] for detail in nested.body["error"]["details"]] == ["parent_id"]
    missing = api.post(
        "/customers",
        token=admin,
        body={"name": "Foreldreløs AS", "number": unique_number(), "parent_id": "01JNOSUCHCUSTOMER000000000"},
    )
    assert (missing.status, missing.error_code) == (404, "not_found")


def test_filter_by_assigned_staff_and_what_view_assigned_only_sees(api: ApiClient, admin: str) -> None:
    assigned = api.get("/customers", token=admin, query={"assigned_to": "tekniker"}).body
    names = [item["name"] for item in assigned["items"]]
    # The demo's assignment is there, no customer left unassigned is (other tests may assign more of their own)
    assert "Fjellbakeriet AS" in names
    assert not {"Nordlys Gruppen AS", "Nordlys Bergen AS", "Nordlys Oslo AS"} & set(names)
    assert assigned["next_cursor"] is None
    technician = api.login("tekniker")
    own = api.get("/customers", token=technician).body["items"]
    assert [item["name"] for item in own] == names
    # Someone who sees only their own assignments cannot look at another user's.
    refused = api.get("/customers", token=technician, query={"assigned_to": "selger"})
    assert (refused.status, refused.error_code) == (403, "missing_permission")


def test_a_group_lists_the_subsidiaries_each_login_may_see(api: ApiClient, admin: str, demo: DemoData) -> None:
    group = f"/customers/{demo.customer_ids['group']}/subsidiaries"
    names = [item["name"] for item in api.get(group, token=admin).body]
    assert names == ["Nordlys Bergen AS", "Nordlys Oslo AS"]
    group_contact = api.login("kari.nordmann@nordlys.no")
    assert [item["name"] for item in api.get(group, token=group_contact).body] == names
    # A subsidiary's user does not see the group, so not its list either; a subsidiary has none of its own.
    subsidiary_contact = api.login("ola.hansen@nordlys-bergen.no")
    refused = api.get(group, token=subsidiary_contact)
    assert (refused.status, refused.error_code) == (404, "not_found")
    bergen = api.get(f"/customers/{demo.customer_ids['bergen']}/subsidiaries", token=subsidiary_contact)
    assert (bergen.status, bergen.body) == (200, [])
    technician = api.login("tekniker")
    assert api.get(group, token=technician).status == 404
