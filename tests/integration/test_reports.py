"""Reports (REP-1) through the API: the deposit history's search queued as a report (its job written with it,
through the outbox), made by the worker from the queue into an XML file valid against its XSD or a CSV file in S3
under the customer's prefix, listed for the user, and downloaded through a short-lived link; who may do which."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import timedelta
from typing import Any

import boto3
import pytest
import requests
import xmlschema

from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from infrastructure.local.template import ROOT
from tests.integration.test_deposits import OLA, bag, register, slip
from tests.support import ApiClient, local_today, wait_for

SCHEMA = xmlschema.XMLSchema(ROOT / "schemas" / "deposit-report.xsd")


@pytest.fixture
def bergen(demo: DemoData) -> str:
    return demo.customer_ids["bergen"]


def ask(api: ApiClient, token: str, customer_id: str, **body: Any) -> Any:
    return api.post(
        f"/customers/{customer_id}/reports", token=token, body=body, headers={"Idempotency-Key": str(uuid.uuid4())}
    )


def ready(api: ApiClient, runtime: Runtime, token: str, report_id: str) -> dict[str, Any]:
    """The report once made: the outbox puts its job on the queue, the worker takes it from there."""

    def finished() -> dict[str, Any] | None:
        runtime.streams.drain()
        runtime.queues.drain()
        found = next(item for item in api.get("/reports", token=token).body["items"] if item["report_id"] == report_id)
        return found if found["status"] in {"ready", "failed"} else None

    report: dict[str, Any] = wait_for(finished, what="the report")
    return report


def download(api: ApiClient, token: str, report: dict[str, Any]) -> bytes:
    link = api.get(f"/customers/{report['customer_id']}/reports/{report['report_id']}/download", token=token)
    assert link.status == 200, link.body
    answer = requests.get(link.body["url"], timeout=10)
    assert answer.status_code == 200
    assert "attachment" in answer.headers.get("Content-Disposition", "")
    return answer.content


def test_a_deposit_report_is_made_in_the_background_valid_against_its_schema_and_downloaded(
    api: ApiClient, runtime: Runtime, bergen: str, demo: DemoData
) -> None:
    ola = api.login(OLA)
    shop = demo.department_ids["bergen-shop"]
    long_ago = (local_today() - timedelta(days=200)).isoformat()
    mine = [
        register(api, ola, bergen, slip(bag(), department_id=shop, deposit_date=long_ago)).body,
        register(api, ola, bergen, slip(bag(), department_id=shop)).body,
    ]
    since = (local_today() - timedelta(days=300)).isoformat()
    asked = ask(api, ola, bergen, format="xml", filters={"date_from": since, "department_id": shop})
    assert asked.status == 202, asked.body
    assert (asked.body["status"], asked.body["date_from"], asked.body["date_to"]) == (
        "queued",
        since,
        local_today().isoformat(),
    )
    report = ready(api, runtime, ola, asked.body["report_id"])
    assert report["status"] == "ready", report
    content = download(api, ola, report)
    SCHEMA.validate(io.BytesIO(content))
    parsed: dict[str, Any] = SCHEMA.to_dict(  # type: ignore[assignment]
        io.BytesIO(content)
    )
    deposits = parsed.get("Deposit", [])
    assert report["rows"] == len(deposits)
    assert report["size"] == len(content)
    bags = [row["BagNumber"] for row in deposits]
    assert {deposit["bag_number"] for deposit in mine} <= set(bags)
    assert all(row["DepartmentId"] == shop for row in deposits)
    dates = [row["DepositDate"] for row in deposits]
    assert dates == sorted(dates)  # oldest first
    # The file lives under the customer's prefix, and the bucket lets files expire
    s3 = boto3.client("s3")
    bucket = runtime.backend.names.refs["ReportBucket"]
    key = f"customers/{bergen}/reports/{report['report_id']}.xml"
    assert s3.head_object(Bucket=bucket, Key=key)["ContentLength"] == len(content)
    rules = s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]
    assert rules[0]["Expiration"]["Days"] == 30

    # The same search as CSV: a header and one line per slip
    as_csv = ask(api, ola, bergen, format="csv", filters={"date_from": since, "department_id": shop})
    lines = list(
        csv.reader(io.StringIO(download(api, ola, ready(api, runtime, ola, as_csv.body["report_id"])).decode()))
    )
    assert lines[0][:3] == ["deposit_id", "bag_number", "deposit_date"]
    assert len(lines) - 1 == report["rows"]


def test_reports_cover_up_to_13_months_and_are_only_their_customers(
    api: ApiClient, runtime: Runtime, bergen: str
) -> None:
    ola = api.login(OLA)
    too_long = ask(api, ola, bergen, filters={"date_from": (local_today() - timedelta(days=400)).isoformat()})
    assert (too_long.status, too_long.error_code) == (422, "date_range_too_long")
    asked = ask(api, ola, bergen, format="csv")
    assert asked.status == 202, asked.body
    report_id = asked.body["report_id"]
    # Another tenant's login neither makes nor reads Bergen's reports, nor sees them listed
    faktura = api.login("faktura-20000")
    assert ask(api, faktura, bergen).status == 404
    assert api.get(f"/customers/{bergen}/reports/{report_id}/download", token=faktura).status == 404
    assert report_id not in {item["report_id"] for item in api.get("/reports", token=faktura).body["items"]}
    # Kari sees Bergen through her group but registers no deposits: no reports of them
    kari = api.login("kari.nordmann@nordlys.no")
    assert api.get(f"/customers/{bergen}/reports/{report_id}/download", token=kari).status == 403
    assert api.get(f"/customers/{bergen}/reports/01JNOSUCHREPORT00000000000/download", token=ola).status == 404
    ready(api, runtime, ola, report_id)
