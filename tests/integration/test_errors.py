"""Through the local gateway, as a browser or script would call the API: no request gets a 500 or an error that
is not in the envelope `{"error": {"code", "message", "details"}}`."""

from __future__ import annotations

import json
from typing import Any

import pytest

from infrastructure.local.runtime import Runtime
from tests.support import ApiClient, Reply


@pytest.fixture(scope="module")
def admin(runtime: Runtime) -> str:
    return ApiClient(runtime.gateway).login("admin")


def raw(api: ApiClient, method: str, path: str, data: bytes, token: str, content_type: str) -> Reply:
    response = api.client.open(
        f"/api{path}",
        method=method,
        data=data,
        headers={"Cookie": f"kp_session={token}", "Content-Type": content_type},
    )
    text = response.get_data(as_text=True)
    return Reply(status=response.status_code, body=json.loads(text), headers=dict(response.headers), text=text)


def assert_envelope(reply: Reply) -> None:
    assert reply.headers["Content-Type"].startswith("application/json"), reply.headers
    assert set(reply.body) == {"error"}, reply.body
    assert set(reply.body["error"]) == {"code", "message", "details"}


@pytest.mark.parametrize(
    ("data", "content_type", "status", "code"),
    [
        (b"{not json", "application/json", 400, "invalid_json"),
        (b'{"name": "\xff\xfe", "number": "1"}', "application/json", 400, "invalid_encoding"),
        (b"[" * 10_000 + b"]" * 10_000, "application/json", 400, "too_deeply_nested"),
        (
            b'{"name": "A", "number": "1", "custom_fields": {"n": 1e400}}',
            "application/json",
            422,
            "number_out_of_range",
        ),
        (b'{"name": "A", "number": "1"}', "text/plain", 415, "unsupported_media_type"),
        (b"name=A&number=1", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
    ],
    ids=["syntax", "not utf-8", "deep", "huge number", "text", "form"],
)
def test_bodies_the_api_cannot_read_get_a_4xx_in_the_envelope(
    api: ApiClient, admin: str, data: bytes, content_type: str, status: int, code: str
) -> None:
    # Given a body that is not readable JSON; When it is posted to a real route; Then a 4xx names why
    reply = raw(api, "POST", "/customers", data, admin, content_type)
    assert (reply.status, reply.error_code) == (status, code), reply.text
    assert_envelope(reply)


def test_a_required_field_set_to_null_in_a_patch_is_a_422(api: ApiClient, admin: str, demo: Any) -> None:
    customer_id = demo.customer_ids["bakery"]
    reply = api.call("PATCH", f"/customers/{customer_id}", token=admin, body={"version": 1, "name": None})
    assert (reply.status, reply.error_code) == (422, "invalid_request")
    assert reply.body["error"]["details"][0]["field"] == "name"
    assert reply.body["error"]["details"][0]["code"] == "null_not_allowed"


def test_unknown_routes_and_methods_answer_in_the_envelope(api: ApiClient, admin: str) -> None:
    unknown = api.get("/no/such/thing", token=admin)
    assert (unknown.status, unknown.error_code) == (404, "no_such_route")
    assert_envelope(unknown)
    wrong = api.call("DELETE", "/customers", token=admin)
    assert (wrong.status, wrong.error_code) == (405, "method_not_allowed")
    assert_envelope(wrong)


def test_a_body_over_the_gateway_limit_is_a_413_in_the_envelope(api: ApiClient, admin: str) -> None:
    reply = raw(api, "POST", "/customers", b" " * (10 * 1024 * 1024 + 1), admin, "application/json")
    assert (reply.status, reply.error_code) == (413, "request_too_large")
    assert_envelope(reply)


def test_a_function_that_crashes_gets_the_gateways_5xx_in_the_envelope(
    runtime: Runtime, api: ApiClient, admin: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a handler that raises past its resolver (as a crashed Lambda would); When called; Then the gateway's
    # DEFAULT_5XX response from template.yaml, naming the request id
    real_invoke = runtime.gateway.lambdas.invoke

    def crash(logical_id: str, event: dict[str, Any]) -> Any:
        if logical_id == "MeFunction":
            raise MemoryError("out of memory")
        return real_invoke(logical_id, event)

    monkeypatch.setattr(runtime.gateway.lambdas, "invoke", crash)
    reply = api.get("/me", token=admin)
    assert (reply.status, reply.error_code) == (502, "internal_error")
    assert_envelope(reply)
    assert reply.body["error"]["details"] == [{"correlation_id": reply.headers["x-amzn-RequestId"]}]


def test_every_field_problem_of_a_new_customer_comes_in_one_reply(api: ApiClient, admin: str) -> None:
    # Given a new customer with a wrong organisation number and a wrong postcode (the API reads the shape first)
    body = {"name": "Feil AS", "number": "FEIL-1", "organisation_number": "912345689", "postal_code": "12"}
    # When it is created
    reply = api.post("/customers", token=admin, body=body)
    # Then both problems are named in one 422, each with its field, code and the format allowed
    assert (reply.status, reply.error_code) == (422, "invalid_fields")
    details = {detail["field"]: detail for detail in reply.body["error"]["details"]}
    assert set(details) == {"organisation_number", "postal_code"}
    assert details["postal_code"]["allowed"]["format"] == "NNNN"
    assert details["organisation_number"]["code"] == "invalid_organisation_number"


def test_an_objects_postcode_follows_its_customers_country(api: ApiClient, admin: str, demo: Any) -> None:
    sweden = demo.customer_ids["sweden"]
    created = api.post(f"/customers/{sweden}/objects", token=admin, body={"name": "Lager", "postal_code": "41104"})
    assert (created.status, created.body["postal_code"]) == (201, "411 04")
    refused = api.post(f"/customers/{sweden}/objects", token=admin, body={"name": "Lager 2", "postal_code": "0150"})
    assert (refused.status, refused.error_code) == (422, "invalid_postal_code")
