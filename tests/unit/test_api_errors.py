"""The resolver every handler builds answers every bad request with a 4xx in the error envelope, and anything
unexpected with a 500 in the same envelope that names the correlation id (no network: events are built here)."""

from __future__ import annotations

import base64
import json
from typing import Annotated, Any

import pytest
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import BaseModel, ConfigDict

from portal import observability
from portal.api import MAX_JSON_DEPTH, build_resolver
from portal.customers.models import CustomerPatch, CustomFieldValues
from portal.errors import NotFound


class Thing(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    custom_fields: CustomFieldValues = {}


app = build_resolver()


@app.post("/things")
def create_thing(thing: Annotated[Thing, Body()]) -> dict[str, Any]:
    return {"name": thing.name, "fields": len(thing.custom_fields)}


@app.patch("/customers/<customer_id>")
def patch_customer(customer_id: str, patch: Annotated[CustomerPatch, Body()]) -> dict[str, Any]:
    return patch.model_dump(mode="json", exclude_unset=True)


@app.get("/broken")
def broken() -> dict[str, Any]:
    raise RuntimeError("the database password is hunter2")


@app.get("/missing")
def missing() -> dict[str, Any]:
    raise NotFound("No such thing")


def event(
    method: str,
    path: str,
    body: str | bytes | None = None,
    *,
    content_type: str | None = "application/json",
    binary: bool = False,
) -> dict[str, Any]:
    headers = {"Content-Type": content_type} if content_type else {}
    if isinstance(body, bytes):
        body = base64.b64encode(body).decode()
        binary = True
    return {
        "resource": path,
        "path": path,
        "httpMethod": method,
        "headers": headers,
        "multiValueHeaders": {name: [value] for name, value in headers.items()},
        "queryStringParameters": None,
        "multiValueQueryStringParameters": None,
        "pathParameters": None,
        "body": body,
        "isBase64Encoded": binary,
        "requestContext": {"requestId": "req-1234", "stage": "test", "path": f"/test{path}", "httpMethod": method},
    }


class Answer:
    def __init__(self, result: dict[str, Any]) -> None:
        self.status: int = result["statusCode"]
        self.body: Any = json.loads(result["body"])
        multi = {name: values[-1] for name, values in (result.get("multiValueHeaders") or {}).items()}
        self.headers: dict[str, str] = {**multi, **(result.get("headers") or {})}

    @property
    def code(self) -> str:
        return str(self.body["error"]["code"])


def call(method: str, path: str, body: str | bytes | None = None, **options: Any) -> Answer:
    return Answer(app.resolve(event(method, path, body, **options), LambdaContext()))


def assert_envelope(answer: Answer) -> None:
    assert set(answer.body) == {"error"}
    assert set(answer.body["error"]) == {"code", "message", "details"}
    assert isinstance(answer.body["error"]["details"], list)


def test_a_valid_body_gets_through() -> None:
    answer = call("POST", "/things", json.dumps({"name": "x", "custom_fields": {"n": 10**37}}))
    assert (answer.status, answer.body) == (200, {"name": "x", "fields": 1})


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("{not json", "invalid_json"),
        ('{"name": "x",}', "invalid_json"),
        ('{"name": NaN}', "invalid_json"),
        ('{"name": Infinity}', "invalid_json"),
        ("[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1), "too_deeply_nested"),
        (
            '{"name": "' + "[" * 5000 + '", "custom_fields": {"a": ' + "[" * 5000 + "]" * 5000 + "}}",
            "too_deeply_nested",
        ),
    ],
    ids=["syntax", "trailing comma", "NaN", "Infinity", "just too deep", "deep after a string of brackets"],
)
def test_unreadable_json_is_a_400_in_the_envelope(body: str, code: str) -> None:
    # Given a body that is not JSON, or nests too deeply; When it is posted; Then 400 names why
    answer = call("POST", "/things", body)
    assert (answer.status, answer.code) == (400, code)
    assert_envelope(answer)


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    answer = call("POST", "/things", json.dumps({"name": "[[[{{{" * 50}))
    assert answer.status == 200


def test_a_body_that_is_not_utf8_is_a_400() -> None:
    answer = call("POST", "/things", b'{"name": "\xff\xfe"}')
    assert (answer.status, answer.code) == (400, "invalid_encoding")
    broken_base64 = call("POST", "/things", "%%%not base64", binary=True)
    assert (broken_base64.status, broken_base64.code) == (400, "invalid_encoding")


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/json; charset=latin-1",
    ],
)
def test_a_body_in_another_media_type_is_a_415(content_type: str) -> None:
    answer = call("POST", "/things", '{"name": "x"}', content_type=content_type)
    assert (answer.status, answer.code) == (415, "unsupported_media_type")
    assert_envelope(answer)


@pytest.mark.parametrize("content_type", [None, "application/json; charset=UTF-8", "application/merge-patch+json"])
def test_json_media_types_and_a_missing_one_are_read_as_json(content_type: str | None) -> None:
    assert call("POST", "/things", '{"name": "x"}', content_type=content_type).status == 200


@pytest.mark.parametrize(
    "number",
    ["1" * 39, "-" + "9" * 39, "1" * 5000, "1e126", "-1E+200", "1e-131", "1.0000000000000000000000000000000000000001"],
)
def test_numbers_dynamodb_cannot_store_are_refused_with_their_field(number: str) -> None:
    # Given a number beyond 38 significant digits or outside 1E-130..9.99E+125; When posted; Then 422 names its field
    answer = call("POST", "/things", '{"name": "x", "custom_fields": {"big": ' + number + "}}")
    assert (answer.status, answer.code) == (422, "number_out_of_range")
    [detail] = answer.body["error"]["details"]
    assert (detail["field"], detail["code"]) == ("custom_fields.big", "number_out_of_range")
    assert detail["allowed"]["significant_digits"] == 38


@pytest.mark.parametrize("number", ["9" * 38, "1e125", "1e-130", "0", "-0.0", "12.5e3"])
def test_numbers_dynamodb_stores_pass_the_reader(number: str) -> None:
    answer = call("POST", "/things", '{"name": "x", "custom_fields": {"n": ' + number + "}}")
    assert answer.status in {200, 422}
    if answer.status == 422:  # a fraction is not a custom field value, but that is validation, not range
        assert answer.code == "invalid_request"


def test_every_field_problem_comes_at_once_with_field_code_and_allowed_range() -> None:
    # Given a patch with several problems; When sent; Then each is a detail with field, code, allowed and the old keys
    body = {"version": 0, "name": None, "phone": "call me", "postal_code": "x" * 30, "colour": "red"}
    answer = call("PATCH", "/customers/01J0000000000000000000000A", json.dumps(body))
    assert (answer.status, answer.code) == (422, "invalid_request")
    details = {detail["field"]: detail for detail in answer.body["error"]["details"]}
    assert set(details) == {"version", "name", "phone", "postal_code", "colour"}
    assert details["version"]["code"] == "greater_than_equal"
    assert details["version"]["allowed"] == {"ge": 1}
    assert details["name"]["code"] == "null_not_allowed"
    assert details["phone"]["code"] == "invalid_phone"
    assert details["phone"]["allowed"]["max_digits"] == 15
    assert details["postal_code"]["allowed"] == {"max_length": 20}
    for detail in details.values():
        assert {"location", "type", "message"} <= set(detail)  # what the web front end already reads


def test_explicit_null_for_a_field_a_record_needs_is_a_422_not_a_500() -> None:
    for field in ("name", "number", "country", "subsidiaries_see_each_other"):
        answer = call("PATCH", "/customers/01J0000000000000000000000A", json.dumps({"version": 1, field: None}))
        assert (answer.status, answer.code) == (422, "invalid_request"), field
    optional = call("PATCH", "/customers/01J0000000000000000000000A", json.dumps({"version": 1, "phone": None}))
    assert (optional.status, optional.body) == (200, {"version": 1, "phone": None})


def test_an_unknown_route_is_a_404_in_the_envelope() -> None:
    answer = call("GET", "/no/such/route")
    assert (answer.status, answer.code) == (404, "no_such_route")
    assert_envelope(answer)


def test_a_domain_refusal_keeps_its_status_and_code() -> None:
    answer = call("GET", "/missing")
    assert (answer.status, answer.code, answer.body["error"]["message"]) == (404, "not_found", "No such thing")


def test_anything_unexpected_is_a_500_with_the_correlation_id_and_is_logged(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a route that fails unexpectedly; When called; Then 500 in the envelope, the request id, no internals
    logged: list[tuple[str, dict[str, Any]]] = []
    monkeypatch.setattr(observability.logger, "exception", lambda message, **kwargs: logged.append((message, kwargs)))
    answer = call("GET", "/broken")
    assert (answer.status, answer.code) == (500, "internal_error")
    assert_envelope(answer)
    assert answer.body["error"]["details"] == [{"correlation_id": "req-1234"}]
    assert answer.headers["X-Correlation-Id"] == "req-1234"
    assert "hunter2" not in json.dumps(answer.body)
    assert logged == [("unexpected error", {"extra": {"correlation_id": "req-1234"}})]
