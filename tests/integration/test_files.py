"""Files (CASE-5) through the API: staff with the Upload right get a presigned form and post the bytes straight to
the bucket; the bucket's notification runs the check, which keeps a file only when its bytes are what it was
declared as; AUTH-4 decides who reads it (the rows quote seed 002); staff with "Delete uploaded files" remove it."""

from __future__ import annotations

import io
import uuid
import zipfile
from typing import Any

import boto3
import pytest
import requests

from infrastructure.local.runtime import Runtime
from portal.clock import new_id
from portal.settings import get_settings
from tests.integration.case_world import World, file_case, world
from tests.support import PDF, ApiClient
from tests.support import upload_file as upload

__all__ = ["world"]  # the fixture, imported to be used here

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(30)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(64)


def listed(api: ApiClient, token: str, **target: str) -> Any:
    query = "&".join(f"{name}={value}" for name, value in target.items())
    return api.get(f"/files?{query}", token=token)


def recorded(api: ApiClient, token: str, customer_id: str, file_name: str) -> list[str]:
    """The customer history's actions about the file of that name, newest first."""
    history = api.get(f"/customers/{customer_id}/history", token=token).body["items"]
    return [
        entry["action"]
        for entry in history
        if any(change["field"] == "name" and change["after"] == file_name for change in entry["changes"])
    ]


def names(reply: Any) -> set[str]:
    assert reply.status == 200, reply.body
    return {item["name"] for item in reply.body["items"]}


@pytest.fixture(scope="module")
def filed(runtime: Runtime, world: World) -> dict[str, dict[str, Any]]:
    """A ready PDF on customer A, its objects A1 and A2, customer B, its object B1, and on a case of customer A."""
    api = ApiClient(runtime.gateway)
    admin = world.logins["admin"]
    case = file_case(api, admin, customer_id=world.customers["A"], title="Sak med vedlegg")
    assert case.status == 201, case.body
    world.cases["with_file"] = case.body["case"]["case_id"]
    targets = {
        "A": {"customer_id": world.customers["A"]},
        "A1": {"customer_id": world.customers["A"], "object_id": world.objects["A1"]},
        "A2": {"customer_id": world.customers["A"], "object_id": world.objects["A2"]},
        "B": {"customer_id": world.customers["B"]},
        "B1": {"customer_id": world.customers["B"], "object_id": world.objects["B1"]},
        "case": {"case_id": world.cases["with_file"]},
    }
    made = {key: upload(api, runtime, admin, PDF, name=f"{key}.pdf", **target) for key, target in targets.items()}
    assert {file["status"] for file in made.values()} == {"ready"}
    return made


def test_a_posted_pdf_is_checked_kept_and_downloaded_under_its_own_name(
    api: ApiClient, runtime: Runtime, world: World
) -> None:
    admin = world.logins["admin"]
    customer = world.customers["A"]
    file = upload(api, runtime, admin, PDF, name="Årsrapport «2026».pdf", customer_id=customer)
    assert (file["status"], file["size"], file["content_type"]) == ("ready", len(PDF), "application/pdf")
    assert file["name"] == "Årsrapport «2026».pdf"
    key = f"customers/{customer}/files/{file['file_id']}"  # the customer's prefix; the name is no part of the key
    stored = boto3.client("s3").head_object(Bucket=get_settings().file_bucket, Key=key)
    assert stored["ContentLength"] == len(PDF)
    downloaded = requests.get(file["download_url"], timeout=10)
    assert downloaded.content == PDF
    disposition = downloaded.headers["Content-Disposition"]
    assert "filename*=UTF-8''%C3%85rsrapport%20%C2%AB2026%C2%BB.pdf" in disposition
    assert file["name"] in names(listed(api, admin, customer_id=customer))
    assert recorded(api, admin, customer, file["name"]) == ["file_uploaded"]


@pytest.mark.parametrize(
    ("content", "declared", "rejection"),
    [
        (PNG, "application/pdf", "content_mismatch"),  # a picture sent as a PDF
        (EXE, "application/pdf", "content_not_allowed"),  # a program
        (PDF, "text/plain", "content_mismatch"),
    ],
)
def test_bytes_that_are_not_what_was_declared_are_rejected_and_removed(
    api: ApiClient, runtime: Runtime, world: World, content: bytes, declared: str, rejection: str
) -> None:
    admin = world.logins["admin"]
    customer = world.customers["B"]
    file = upload(api, runtime, admin, content, name="vedlegg", content_type=declared, customer_id=customer)
    assert (file["status"], file["rejection"], file["download_url"]) == ("rejected", rejection, None)
    assert versions_under(f"customers/{customer}/files/{file['file_id']}") == []
    assert file["file_id"] not in {item["file_id"] for item in listed(api, admin, customer_id=customer).body["items"]}


def test_office_files_and_text_exports_pass_as_what_they_are(api: ApiClient, runtime: Runtime, world: World) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as sheet:
        sheet.writestr("[Content_Types].xml", "<Types/>")
        sheet.writestr("xl/workbook.xml", "<workbook/>")
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    admin, customer = world.logins["admin"], world.customers["B"]
    assert (
        upload(api, runtime, admin, buffer.getvalue(), name="Telling.xlsx", content_type=xlsx, customer_id=customer)[
            "status"
        ]
        == "ready"
    )
    text = "Kundenr;Navn\r\n1001;Ørsta Rør AS\r\n".encode("cp1252")
    assert (
        upload(api, runtime, admin, text, name="liste.csv", content_type="text/csv", customer_id=customer)["status"]
        == "ready"
    )


# AUTH-4, files: (login, the seed's sentence, the files it reads)
FILE_VISIBILITY = [
    (
        "contact_object",
        "Har användarkontot en koppling till en kontakt och kontakten är kopplad till objekt så kan användaren se "
        "filer kopplade till objektet.",
        {"A1"},
    ),
    (
        "contact_customer",
        "Har användarkontot en koppling till en kontakt och kontakten är kopplad till kund så kan användaren se filer "
        "kopplade till kund och filer kopplade till objekten som kunden är kopplad till.",
        {"A", "A1", "A2", "case"},
    ),
    (
        "invoice_customer",
        "Invoice-customer login sees what its customer's contacts see (AUTH-4)",
        {"A", "A1", "A2", "case"},
    ),
    ("object", "Object login sees its object's files, as an object-linked contact does", {"B1"}),
    ("contact_none", "A contact without links sees no customer's or object's files", set()),
    ("no_contact", "An account without a contact sees none", set()),
    ("admin", "Staff who see every customer see every file", {"A", "A1", "A2", "B", "B1", "case"}),
]


@pytest.mark.parametrize(("login", "sentence", "sees"), FILE_VISIBILITY, ids=[row[0] for row in FILE_VISIBILITY])
def test_who_reads_which_file(
    api: ApiClient, world: World, filed: dict[str, dict[str, Any]], login: str, sentence: str, sees: set[str]
) -> None:
    assert sentence
    token = world.logins[login]
    readable = {key for key, file in filed.items() if api.get(f"/files/{file['file_id']}", token=token).status == 200}
    assert readable == sees
    for key, file in filed.items():  # one it may not read answers as one that does not exist
        if key not in sees:
            reply = api.get(f"/files/{file['file_id']}", token=token)
            assert (reply.status, reply.error_code) == (404, "not_found")
    customer_a = listed(api, token, customer_id=world.customers["A"])
    if {"A", "A2"} <= sees:
        assert {"A.pdf", "A1.pdf", "A2.pdf"} <= names(customer_a)
        assert "case.pdf" not in names(customer_a)  # a case's files are shown on the case
    else:
        assert customer_a.status == 404
    object_a1 = listed(api, token, customer_id=world.customers["A"], object_id=world.objects["A1"])
    assert (names(object_a1) == {"A1.pdf"}) if "A1" in sees else object_a1.status == 404
    on_case = listed(api, token, case_id=world.cases["with_file"])
    assert (names(on_case) == {"case.pdf"}) if "case" in sees else on_case.status == 404


def test_only_staff_with_the_upload_right_upload_and_only_to_what_they_see(api: ApiClient, world: World) -> None:
    body = {"name": "x.pdf", "content_type": "application/pdf", "size": 10, "customer_id": world.customers["A"]}
    customer_login = api.post("/files", token=world.logins["contact_customer"], body=body)
    assert (customer_login.status, customer_login.error_code) == (403, "forbidden")
    technician = api.login("tekniker")  # Upload, but views only the customers assigned to them
    assert api.post("/files", token=technician, body=body).status == 404
    seller = api.login("selger")  # an account manager: View and Upload
    assert api.post("/files", token=seller, body=body).status == 201
    for wrong in (
        {"case_id": world.cases["with_file"], "customer_id": world.customers["A"]},
        {"object_id": world.objects["A1"]},
        {},
    ):
        target = {name: value for name, value in body.items() if name != "customer_id"} | wrong
        refused = api.post("/files", token=seller, body=target)
        assert (refused.status, refused.error_code) == (422, "invalid_file_target")
    not_allowed = api.post("/files", token=seller, body={**body, "content_type": "application/x-msdownload"})
    assert not_allowed.status == 422
    too_big = api.post("/files", token=seller, body={**body, "size": 20 * 1024 * 1024 + 1})
    assert too_big.status == 422
    elsewhere = api.post("/files", token=seller, body={**body, "object_id": world.objects["B1"]})
    assert elsewhere.status == 404  # B1 is not customer A's


def test_deleting_a_file_needs_its_right_and_is_recorded_on_the_customer_and_the_case(
    api: ApiClient, runtime: Runtime, world: World, filed: dict[str, dict[str, Any]]
) -> None:
    admin = world.logins["admin"]
    on_case = upload(api, runtime, admin, PDF, name="slettes.pdf", case_id=world.cases["with_file"])
    seller = api.login("selger")  # may upload, may not delete uploaded files
    refused = api.call("DELETE", f"/files/{on_case['file_id']}", token=seller)
    assert (refused.status, refused.error_code) == (403, "missing_permission")
    hidden = api.call("DELETE", f"/files/{on_case['file_id']}", token=world.logins["contact_object"])
    assert hidden.status == 404
    assert api.call("DELETE", f"/files/{on_case['file_id']}", token=admin).status == 204
    assert api.get(f"/files/{on_case['file_id']}", token=admin).status == 404
    assert api.call("DELETE", f"/files/{on_case['file_id']}", token=admin).status == 404
    assert versions_under(f"customers/{world.customers['A']}/files/{on_case['file_id']}") == []  # gone for good
    assert recorded(api, admin, world.customers["A"], "slettes.pdf") == ["file_deleted", "file_uploaded"]
    timeline = api.get(f"/cases/{world.cases['with_file']}", token=admin).body["case"]["timeline"]
    assert [(entry["action"], entry["detail"]) for entry in timeline if entry["detail"] == "slettes.pdf"] == [
        ("file_added", "slettes.pdf"),
        ("file_deleted", "slettes.pdf"),
    ]
    assert filed["case"]["status"] == "ready"


def test_the_check_runs_once_and_removes_bytes_no_form_was_made_for(
    api: ApiClient, runtime: Runtime, world: World
) -> None:
    from portal.wiring import file_service

    admin, customer = world.logins["admin"], world.customers["B"]
    file = upload(api, runtime, admin, PDF, name="en gang.pdf", customer_id=customer)
    key = f"customers/{customer}/files/{file['file_id']}"
    assert file_service().check_uploaded(key) is None  # a repeated notification changes nothing
    assert recorded(api, admin, customer, "en gang.pdf") == ["file_uploaded"]
    stray = f"customers/{customer}/files/{new_id()}"
    s3 = boto3.client("s3")
    s3.put_object(Bucket=get_settings().file_bucket, Key=stray, Body=PDF)
    runtime.queues.drain()
    assert versions_under(stray) == []


def versions_under(key: str) -> list[str]:
    listed = boto3.client("s3").list_object_versions(Bucket=get_settings().file_bucket, Prefix=key)
    return [version["VersionId"] for version in [*listed.get("Versions", []), *listed.get("DeleteMarkers", [])]]


def test_the_upload_form_posted_again_never_replaces_the_checked_bytes(
    api: ApiClient, runtime: Runtime, world: World
) -> None:
    """The form is good for ten minutes, and S3 cannot make it single-use: the bytes served are the version the
    check judged, and every other version posted under the key, before or after the check, is removed."""
    admin, customer = world.logins["admin"], world.customers["B"]
    body = {"name": "kontrakt.pdf", "content_type": "application/pdf", "size": len(EXE), "customer_id": customer}

    def post(form: dict[str, Any], content: bytes) -> None:
        sent = requests.post(form["url"], data=form["fields"], files={"file": ("kontrakt.pdf", content)}, timeout=10)
        assert sent.status_code in {200, 201, 204}, sent.text

    started = api.post("/files", token=admin, body=body)
    assert started.status == 201, started.body
    file_id, form = started.body["file"]["file_id"], started.body["upload"]
    key = f"customers/{customer}/files/{file_id}"
    post(form, PDF)
    runtime.queues.drain()
    post(form, EXE)  # the same form, after the check
    runtime.queues.drain()
    file = api.get(f"/files/{file_id}", token=admin).body
    assert file["status"] == "ready"
    assert versions_under(key) == [file["version_id"]]
    assert requests.get(file["download_url"], timeout=10).content == PDF

    twice = api.post("/files", token=admin, body=body)
    key = f"customers/{customer}/files/{twice.body['file']['file_id']}"
    post(twice.body["upload"], EXE)  # two posts before the check: the latest is judged, the other removed
    post(twice.body["upload"], PDF)
    runtime.queues.drain()
    file = api.get(f"/files/{twice.body['file']['file_id']}", token=admin).body
    assert (file["status"], versions_under(key)) == ("ready", [file["version_id"]])
    assert requests.get(file["download_url"], timeout=10).content == PDF


def test_a_file_whose_customer_is_deleted_before_the_check_goes_with_it(
    api: ApiClient, runtime: Runtime, world: World
) -> None:
    """A customer with files cannot be deleted, but one whose only file is still on its way can: the check then
    finds no customer, and removes the file and its bytes instead of keeping them for nobody."""
    admin = world.logins["admin"]
    number = str(uuid.uuid4().int)[:8]
    customer = api.post("/customers", token=admin, body={"name": f"Kortlevd {number} AS", "number": number}).body
    body = {"name": "sent.pdf", "content_type": "application/pdf", "size": len(PDF)}
    started = api.post("/files", token=admin, body={**body, "customer_id": customer["customer_id"]}).body
    form = started["upload"]
    sent = requests.post(form["url"], data=form["fields"], files={"file": ("sent.pdf", PDF)}, timeout=10)
    assert sent.status_code in {200, 201, 204}, sent.text
    deleted = api.call(
        "DELETE", f"/customers/{customer['customer_id']}", token=admin, query={"version": customer["version"]}
    )
    assert deleted.status == 204, deleted.body
    runtime.queues.drain()
    assert api.get(f"/files/{started['file']['file_id']}", token=admin).status == 404
    assert versions_under(f"customers/{customer['customer_id']}/files/{started['file']['file_id']}") == []
