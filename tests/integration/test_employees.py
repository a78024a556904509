"""Employees (EMP-1) through the API: a customer's employee administrator finds, adds, edits, deactivates and
reactivates its employees; the national identity number is checked, sealed with the KMS key, found by its blind
index, shown masked, revealed only with a reason that is recorded, and never appears in plain anywhere else: not in
an answer, a log line, an audit entry, an event or any item of the table."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import boto3
import jsonschema
import pytest
from botocore.exceptions import ClientError
from stdnum.no import fodselsnummer

from infrastructure.event_schemas import SCHEMA_DIRECTORY
from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from portal.settings import get_settings
from tests.outbox import listening_to_events, received_events
from tests.support import ApiClient, table_items

KARI = "kari.nordmann@nordlys.no"  # employee administrator at the Nordlys group, and so at Bergen and Oslo
OLA = "ola.hansen@nordlys-bergen.no"  # Bergen's orderer: no employee role
EVENT_SCHEMA = json.loads((SCHEMA_DIRECTORY / "EmployeeChanged.json").read_text(encoding="utf-8"))


def birth_number(birth: str, individual: str) -> str:
    """A number with valid check digits: birth date DDMMYY and the first three individual digits from `individual`
    on that give single check digits (some give none)."""
    for candidate in range(int(individual), 1000):
        first = f"{birth}{candidate:03d}"
        check1 = fodselsnummer.calc_check_digit1(first + "00")
        check2 = fodselsnummer.calc_check_digit2(first + check1 + "0")
        if len(check1) == len(check2) == 1:
            return first + check1 + check2
    raise AssertionError(f"no number for {birth}")


def new_employee(**fields: Any) -> dict[str, Any]:
    tag = uuid.uuid4().hex[:8]
    return {"first_name": "Donald", "last_name": f"Duck {tag}", "email": f"ansatt.{tag}@testikkeibruk.no", **fields}


def add(api: ApiClient, token: str, customer_id: str, body: dict[str, Any]) -> Any:
    return api.post(
        f"/customers/{customer_id}/employees", token=token, body=body, headers={"Idempotency-Key": str(uuid.uuid4())}
    )


@pytest.fixture
def bergen(demo: DemoData) -> str:
    return demo.customer_ids["bergen"]


@pytest.fixture
def everything_said(runtime: Runtime, capfd: pytest.CaptureFixture[str]) -> Iterator[list[str]]:
    """Every answer body the test got, to be searched with the log lines for a number that must not be there."""
    said: list[str] = []
    original = ApiClient.call

    def recording(self: ApiClient, *args: Any, **kwargs: Any) -> Any:
        reply = original(self, *args, **kwargs)
        said.append(json.dumps(reply.body))
        return reply

    ApiClient.call = recording  # type: ignore[method-assign]
    try:
        yield said
    finally:
        ApiClient.call = original  # type: ignore[method-assign]


def test_an_employee_is_added_found_edited_and_deactivated_with_its_number_masked(
    api: ApiClient, runtime: Runtime, bergen: str, demo: DemoData
) -> None:
    kari = api.login(KARI)
    shop = demo.department_ids["bergen-shop"]
    number = birth_number("130918", "499")
    made = add(api, kari, bergen, new_employee(national_id=number, department_id=shop, gender="male"))
    assert made.status == 201, made.body
    employee = made.body
    assert employee["national_id_masked"] == "130918*****"
    assert employee["birth_date"] == "1918-09-13"  # from the number
    assert (employee["department_name"], employee["may_change"], employee["status"]) == ("Butikk", True, "active")
    path = f"/customers/{bergen}/employees/{employee['employee_id']}"
    assert api.get(path, token=kari).body["national_id_masked"] == "130918*****"

    def found(**query: str) -> list[str]:
        page = api.get(f"/customers/{bergen}/employees", token=kari, query={"limit": "100", **query})
        assert page.status == 200, page.body
        return [item["employee_id"] for item in page.body["items"]]

    surname_word = employee["last_name"].split()[1]
    assert found(q=surname_word) == [employee["employee_id"]]
    assert found(q=f"don {surname_word}", department_id=shop) == [employee["employee_id"]]
    assert employee["employee_id"] in found(department_id=shop)
    assert employee["employee_id"] in found()
    row = api.get(f"/customers/{bergen}/employees", token=kari, query={"q": surname_word}).body["items"][0]
    assert set(row) == {"employee_id", "first_name", "last_name", "email", "birth_date", "department_id", "status"}

    edited = api.call("PATCH", path, token=kari, body={"version": 1, "mobile": "12345678", "first_name": "Dolly"})
    assert edited.status == 200, edited.body
    assert (edited.body["first_name"], edited.body["version"]) == ("Dolly", 2)
    assert found(q=f"dolly {surname_word}") == [employee["employee_id"]]
    assert employee["employee_id"] not in found(q="donald", department_id=shop)

    off = api.call("PUT", f"{path}/status", token=kari, body={"version": 2, "status": "inactive"})
    assert (off.status, off.body["status"]) == (200, "inactive")
    assert employee["employee_id"] not in found()
    assert found(status="inactive", q=f"dolly {surname_word}") == [employee["employee_id"]]
    back = api.call("PUT", f"{path}/status", token=kari, body={"version": 3, "status": "active"})
    assert (back.status, back.body["status"]) == (200, "active")


def test_the_email_and_the_number_are_each_one_employees_and_a_bad_number_is_refused(
    api: ApiClient, bergen: str
) -> None:
    kari = api.login(KARI)
    number = birth_number("010185", "123")
    first = add(api, kari, bergen, new_employee(national_id=number))
    assert first.status == 201, first.body
    same_email = add(api, kari, bergen, new_employee(email=first.body["email"].upper()))
    assert (same_email.status, same_email.error_code) == (409, "employee_email_taken")
    same_number = add(api, kari, bergen, new_employee(national_id=number))
    assert (same_number.status, same_number.error_code) == (409, "national_id_taken")
    bad = add(api, kari, bergen, new_employee(national_id=number[:-1] + str((int(number[-1]) + 1) % 10)))
    assert (bad.status, bad.error_code) == (422, "invalid_national_id")
    assert bad.body["error"]["details"][0]["field"] == "national_id"
    no_email = add(api, kari, bergen, {"first_name": "Uten", "last_name": "Epost"})
    assert no_email.status == 422
    synthetic = add(api, kari, bergen, new_employee(national_id=birth_number("018185", "123")))
    assert synthetic.status == 201, synthetic.body  # a test deployment takes Tenor's synthetic numbers
    found = api.post(f"/customers/{bergen}/employee-lookups", token=kari, body={"national_id": number})
    assert (found.status, found.body["employee_id"]) == (200, first.body["employee_id"])
    unknown = api.post(
        f"/customers/{bergen}/employee-lookups", token=kari, body={"national_id": birth_number("020285", "123")}
    )
    assert unknown.status == 404


def test_the_number_never_appears_in_plain_but_through_the_recorded_reveal(
    api: ApiClient, runtime: Runtime, bergen: str, capfd: pytest.CaptureFixture[str], everything_said: list[str]
) -> None:
    kari = api.login(KARI)
    number = birth_number("150377", "123")
    runtime.streams.drain()
    with listening_to_events(runtime) as crm:
        made = add(api, kari, bergen, new_employee(national_id=number)).body
        path = f"/customers/{bergen}/employees/{made['employee_id']}"
        api.call("PATCH", path, token=kari, body={"version": 1, "national_id": birth_number("150377", "124")})
        api.get(f"/customers/{bergen}/employees", token=kari, query={"q": made["last_name"].split()[1]})
        runtime.streams.drain()
        events = [event for event in received_events(crm) if event["detail"]["employee_id"] == made["employee_id"]]
    assert [event["detail"]["change"] for event in events] == ["created", "updated"]
    for event in events:
        jsonschema.validate(event["detail"], EVENT_SCHEMA)  # the documented contract
    assert events[1]["detail"]["changed_fields"] == ["national_id"]
    items = table_items()
    logged = capfd.readouterr()
    for place, text in {
        "answers": "\n".join(everything_said),
        "logs": logged.out + logged.err,
        "events": json.dumps(events),
        "table": json.dumps(items),
    }.items():
        assert number not in text, f"the number is in the {place}"
    entries = [item for item in items if item["PK"]["S"] == f"EMP#{made['employee_id']}"]
    assert any("150377*****" in json.dumps(item) for item in entries)  # recorded as changed, masked

    refused = api.post(f"{path}/national-id/reveal", token=kari, body={"reason": "x"})
    assert refused.status == 422  # a reason is required
    revealed = api.post(f"{path}/national-id/reveal", token=kari, body={"reason": "Timebestilling hos lege"})
    assert revealed.status == 200, revealed.body
    assert revealed.body == {"national_id": birth_number("150377", "124")}
    assert revealed.headers.get("Cache-Control") == "no-store"
    recorded = boto3.client("dynamodb").query(
        TableName=get_settings().table_name,
        KeyConditionExpression="PK = :pk",
        ExpressionAttributeValues={":pk": {"S": f"EMP#{made['employee_id']}"}},
    )["Items"]
    reveals = [item for item in recorded if item["action"]["S"] == "national_id_revealed"]
    assert len(reveals) == 1
    assert "Timebestilling hos lege" in json.dumps(reveals[0])
    assert birth_number("150377", "124") not in json.dumps(recorded)
    history = api.get(f"{path}/history", token=kari).body["items"]
    assert [entry["action"] for entry in history] == ["national_id_revealed", "employee_updated", "employee_created"]
    assert history[0]["changes"] == [{"field": "reason", "before": None, "after": "Timebestilling hos lege"}]
    assert history[1]["changes"] == [{"field": "national_id", "before": "150377*****", "after": "150377*****"}]


class FailingKms:
    def generate_data_key(self, **request: Any) -> Any:
        raise ClientError({"Error": {"Code": "KMSInternalException", "Message": "down"}}, "GenerateDataKey")


def test_when_kms_fails_the_write_is_refused_and_nothing_is_stored(
    api: ApiClient, bergen: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from portal import sealing

    kari = api.login(KARI)
    body = new_employee(national_id=birth_number("120385", "999"))
    monkeypatch.setattr(sealing, "_client", FailingKms)
    refused = add(api, kari, bergen, body)
    assert (refused.status, refused.error_code) == (503, "service_unavailable")
    monkeypatch.undo()
    page = api.get(f"/customers/{bergen}/employees", token=kari, query={"q": body["last_name"].split()[1]})
    assert page.body["items"] == []
    again = add(api, kari, bergen, body)
    assert again.status == 201, again.body  # the e-mail was never taken


def test_who_reads_and_changes_employees(api: ApiClient, bergen: str, demo: DemoData) -> None:
    kari = api.login(KARI)
    added = add(api, kari, bergen, new_employee(national_id=birth_number("010190", "123")))
    assert added.status == 201, added.body
    made = added.body
    path = f"/customers/{bergen}/employees/{made['employee_id']}"
    ola = api.login(OLA)
    assert (api.get(path, token=ola).status, api.get(path, token=ola).error_code) == (403, "missing_role")
    assert add(api, ola, bergen, new_employee()).status == 403
    stranger = api.login("faktura-20000")
    assert api.get(path, token=stranger).status == 404  # another tenant's customer answers as unknown
    assert (
        api.get(f"/customers/{demo.customer_ids['bakery']}/employees/{made['employee_id']}", token=kari).status == 404
    )
    staff = api.login("admin")
    seen = api.get(path, token=staff)
    assert (seen.status, seen.body["may_change"], seen.body["national_id_masked"]) == (200, False, "010190*****")
    assert api.post(f"{path}/national-id/reveal", token=staff, body={"reason": "Kundeservice"}).status == 403
    changed = api.call("PATCH", path, token=staff, body={"version": 1, "first_name": "Staff"})
    assert changed.status == 403
