"""Bulk upload of a customer register (ORG-3) through the API: staff post a CSV file as Nordic spreadsheets export it
straight to the bucket; the worker imports every valid row, rejects the others with their reasons, writes a per-row
report, and makes nothing twice when the same file comes again."""

from __future__ import annotations

import time
import uuid
from typing import Any

import pytest
import requests

from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from portal.customers.repository import customer_pk
from tests.support import ApiClient


def upload_register(api: ApiClient, runtime: Runtime, token: str, content: bytes, name: str = "kunder.csv") -> Any:
    return post_register(api, runtime, token, start_upload(api, token, content, name), content, name)


def start_upload(api: ApiClient, token: str, content: bytes, name: str = "kunder.csv") -> Any:
    started = api.post("/customer-imports", token=token, body={"name": name, "size": len(content)})
    assert started.status == 201, started.body
    return started.body


def post_register(
    api: ApiClient, runtime: Runtime, token: str, started: Any, content: bytes, name: str = "kunder.csv"
) -> Any:
    form = started["upload"]
    posted = requests.post(form["url"], data=form["fields"], files={"file": (name, content, "text/csv")}, timeout=10)
    assert posted.status_code in {200, 201, 204}, posted.text
    runtime.queues.drain()
    return api.get(f"/customer-imports/{started['customer_import']['import_id']}", token=token)


@pytest.fixture
def register(demo: DemoData) -> tuple[bytes, dict[str, str]]:
    """A register as Norwegian Excel saves it: Windows-1252, semicolons, a blank row at the end."""
    from portal.wiring import customer_repository

    bergen = customer_repository().get(demo.customer_ids["bergen"])
    assert bergen is not None
    tag = str(uuid.uuid4().int)[:6]
    numbers = {"new": f"9{tag}1", "other": f"9{tag}2", "bad": f"9{tag}3"}  # digits: the register sorts them
    lines = [
        "Kundenummer;Navn;Organisasjonsnummer;Postnummer;Poststed;E-post",
        f"{numbers['new']};Ørsta Rør AS;923609016;6150;Ørsta;post@orsta-ror.no",
        f'{numbers["other"]};"Bæreia Bygg; avd. Sør";;0150;Oslo;',
        f"{numbers['bad']};Feil Org AS;123456789;0150;Oslo;",
        f"{numbers['new']};Dobbel AS;;0150;Oslo;",
        f"{bergen.number};Et annet navn AS;;5003;Bergen;",
        ";;;;;",
    ]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252"), numbers


def test_a_register_is_imported_row_by_row_with_a_report_of_what_was_rejected_and_why(
    api: ApiClient, runtime: Runtime, register: tuple[bytes, dict[str, str]]
) -> None:
    content, numbers = register
    admin = api.login("admin")
    job = upload_register(api, runtime, admin, content)
    assert job.status == 200, job.body
    done = job.body
    assert (done["status"], done["rows_read"], done["imported"], done["already_imported"], done["rejected"]) == (
        "done",
        5,
        2,
        0,
        3,
    )
    reasons = {row["line"]: [reason["code"] for reason in row["reasons"]] for row in done["rejected_rows"]}
    assert reasons == {
        4: ["invalid_organisation_number"],
        5: ["duplicate_in_file"],
        6: ["number_in_register"],
    }
    found = api.get(f"/customers?q={numbers['new']}", token=admin).body["items"]
    assert [(item["name"], item["number"]) for item in found] == [("Ørsta Rør AS", numbers["new"])]
    created = api.get(f"/customers/{found[0]['customer_id']}", token=admin).body
    assert (created["organisation_number"], created["postal_code"], created["email"]) == (
        "923609016",
        "6150",
        "post@orsta-ror.no",
    )
    history = api.get(f"/customers/{found[0]['customer_id']}/history", token=admin).body["items"]
    assert [(entry["action"], entry["actor"]) for entry in history] == [("created", "admin")]
    report = requests.get(done["report_url"], timeout=10)
    assert report.content.startswith(b"\xef\xbb\xbf")  # a BOM: Excel opens the report as UTF-8
    report_lines = report.content.decode("utf-8-sig").split("\r\n")
    assert report_lines[0].split(";")[:4] == ["Line", "Customer number", "Name", "Result"]
    assert report_lines[1].startswith(f"2;{numbers['new']};Ørsta Rør AS;imported")
    assert report_lines[3].startswith(f"4;{numbers['bad']};Feil Org AS;rejected;invalid_organisation_number")


def test_the_same_file_twice_makes_nothing_twice(
    api: ApiClient, runtime: Runtime, register: tuple[bytes, dict[str, str]]
) -> None:
    content, numbers = register
    admin = api.login("admin")
    first = upload_register(api, runtime, admin, content).body
    again = upload_register(api, runtime, admin, content).body
    assert (first["imported"], first["already_imported"]) == (2, 0)
    assert (again["status"], again["imported"], again["already_imported"], again["rejected"]) == ("done", 0, 2, 3)
    assert len(api.get(f"/customers?q={numbers['other']}", token=admin).body["items"]) == 1
    from portal.wiring import import_service

    assert import_service().run(f"imports/{again['import_id']}.csv") is None  # a repeated notification


def test_a_run_retried_after_a_crash_finishes_the_import_without_making_a_customer_twice(
    api: ApiClient, runtime: Runtime, register: tuple[bytes, dict[str, str]]
) -> None:
    from portal.clock import new_id
    from portal.imports.repository import DynamoImportRepository, file_key
    from portal.imports.service import ImportBusy
    from portal.wiring import customer_repository, import_service

    content, numbers = register
    admin = api.login("admin")
    # As if an earlier run had died between taking a number for its customer and writing the customer.
    claimed_for = new_id()
    customers = customer_repository()
    started = start_upload(api, admin, content)
    customers.table.put(
        {
            "PK": f"CUSTNO#{numbers['other'].upper()}",
            "SK": "CUSTNO",
            "customer_id": claimed_for,
            "import_id": started["customer_import"]["import_id"],
        }
    )
    done = post_register(api, runtime, admin, started, content).body
    assert (done["imported"], done["already_imported"], done["rejected"]) == (2, 0, 3)
    completed = customers.get(claimed_for)
    assert completed is not None
    assert (completed.number, completed.name) == (numbers["other"], "Bæreia Bygg; avd. Sør")
    # As if a worker still ran the job: a second one (the notification twice, the form posted again) leaves it be,
    # and is tried again later.
    repository = DynamoImportRepository()

    def running(lease_ends: int) -> None:
        repository.table.update(
            f"IMPORT#{done['import_id']}",
            "IMPORT",
            expression="SET #status = :running, lease_ends = :ends, attempt = :other",
            values={":running": "running", ":ends": lease_ends, ":other": new_id()},
            names={"#status": "status"},
        )

    running(int(time.time()) + 600)
    with pytest.raises(ImportBusy):
        import_service().run(file_key(done["import_id"]))
    # As if the worker had died after its customers were made: its lease ran out, the message delivered again.
    running(int(time.time()) - 1)
    assert import_service().run(file_key(done["import_id"])) == "done"
    retried = api.get(f"/customer-imports/{done['import_id']}", token=admin).body
    assert (retried["imported"], retried["already_imported"], retried["rejected"]) == (0, 2, 3)
    made = customers.by_numbers([numbers["new"], numbers["other"]])
    assert len(made) == 2
    items = customers.table.query_all(pk=customer_pk(made[numbers["new"].upper()].customer_id))
    assert [item["action"] for item in items if item["SK"].startswith("AUDIT#")] == ["created"]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"Kundenummer;Navn;Fargekode\r\n1;A AS;red\r\n", "unknown_columns"),
        (b"Navn;Poststed\r\nA AS;Oslo\r\n", "missing_columns"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(60), "unreadable_file"),  # an .xlsx, not saved as CSV
    ],
)
def test_a_file_that_cannot_be_read_as_a_register_fails_as_a_whole(
    api: ApiClient, runtime: Runtime, content: bytes, code: str
) -> None:
    admin = api.login("admin")
    failed = upload_register(api, runtime, admin, content).body
    assert (failed["status"], failed["error_code"], failed["imported"], failed["report_url"]) == (
        "failed",
        code,
        0,
        None,
    )
    assert failed["error_message"]


def test_a_number_another_upload_took_is_left_to_that_upload(
    api: ApiClient, runtime: Runtime, register: tuple[bytes, dict[str, str]]
) -> None:
    """Two uploads with a number in common: the one that took it first writes that customer; the other, even while
    the customer is not written yet, reports the number as taken and writes nothing of its own under it."""
    from portal.clock import new_id
    from portal.wiring import customer_repository

    content, numbers = register
    claimed_for, customers = new_id(), customer_repository()
    customers.table.put(
        {"PK": f"CUSTNO#{numbers['other'].upper()}", "SK": "CUSTNO", "customer_id": claimed_for, "import_id": new_id()}
    )
    done = upload_register(api, runtime, api.login("admin"), content).body
    assert (done["imported"], done["already_imported"], done["rejected"]) == (1, 0, 4)
    assert "number_in_register" in {reason["code"] for row in done["rejected_rows"] for reason in row["reasons"]}
    assert customers.get(claimed_for) is None  # left for the upload that took the number


def test_a_file_refused_as_a_whole_late_in_it_makes_no_customer(api: ApiClient, runtime: Runtime) -> None:
    """The whole file is read and checked before the first customer is made: a line Python's csv cannot read, after
    more valid rows than the worker looks up at a time, fails the file, and none of those rows is in the register."""
    from portal.imports.service import ROWS_PER_LOOKUP
    from portal.wiring import customer_repository

    tag = str(uuid.uuid4().int)[:6]
    numbers = [f"8{tag}{index:04}" for index in range(ROWS_PER_LOOKUP + 50)]
    lines = ["Kundenummer;Navn;Postnummer;Poststed", *(f"{number};Tidlig {number} AS;0150;Oslo" for number in numbers)]
    lines.append(f"2;{'x' * 140_000};0150;Oslo")  # past the csv module's field limit
    failed = upload_register(api, runtime, api.login("admin"), ("\r\n".join(lines) + "\r\n").encode()).body
    assert (failed["status"], failed["error_code"], failed["imported"]) == ("failed", "unreadable_file", 0)
    assert customer_repository().by_numbers(numbers) == {}


def test_only_staff_who_create_customers_upload_registers(api: ApiClient) -> None:
    body = {"name": "kunder.csv", "size": 100}
    assert api.post("/customer-imports", token=api.login("selger"), body=body).status == 201
    for who in ("tekniker", "ola.hansen@nordlys-bergen.no"):
        refused = api.post("/customer-imports", token=api.login(who), body=body)
        assert refused.status == 403, who
        assert api.get("/customer-imports", token=api.login(who)).status == 403
    listed = api.get("/customer-imports", token=api.login("admin"))
    assert listed.status == 200
    assert listed.body["items"][0]["file_name"] == "kunder.csv"
    too_big = api.post("/customer-imports", token=api.login("admin"), body={"name": "x.csv", "size": 11 * 1024 * 1024})
    assert too_big.status == 422
