"""Smartmail (statemachines/smartmail.asl.json, DOC-7) really executed by the embedded backend: a document that goes
out by e-mail waits for its recipient to open the link; opened in time, nothing is posted; not opened within the
customer's days, its print copy goes to the postal channel and the document is posted; a print that keeps failing
is retried, dead-lettered, shown to staff, redriven and posted — never lost."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import boto3
import pypdf
import pytest

from infrastructure.local import mailbox
from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from infrastructure.local.sample_documents import SampleParty, invoice
from portal.clock import new_id
from portal.documents.models import DocumentSettingsInput, FilterScope
from portal.documents.network import S3PrintOutbox
from portal.documents.service import DocumentService
from portal.settings import get_settings
from tests.support import ApiClient, execution_status, wait_for

pytestmark = pytest.mark.workflow

KARI = "kari.nordmann@nordlys.no"
BERGEN = SampleParty("Nordlys Bergen AS", "912345696", "Strandkaien 2", "5013", "Bergen")
OPEN_DAYS = 2  # seconds here: the service below counts a Smartmail day as one second


@pytest.fixture
def smartmail(runtime: Runtime, demo: DemoData) -> Iterator[DocumentService]:
    """The worker's service with a day of one second, and Bergen giving its recipients two "days" to open."""
    from portal.wiring import document_service

    service = document_service()
    bergen = demo.customer_ids["bergen"]
    current = service.documents.settings(bergen)
    principal = _principal("admin")
    changed = DocumentSettingsInput(
        filter_scope=current.filter_scope, smartmail_days=OPEN_DAYS, endpoint=current.endpoint, version=current.version
    )
    service.change_settings(principal, bergen, changed)
    service.smartmail_day_seconds = 1
    service.print_timeout_seconds = 120
    yield service
    after = service.documents.settings(bergen)
    service.change_settings(
        principal,
        bergen,
        DocumentSettingsInput(
            filter_scope=FilterScope(after.filter_scope),
            smartmail_days=current.smartmail_days,
            endpoint=after.endpoint,
            version=after.version,
        ),
    )


def _principal(username: str) -> Any:
    from portal.wiring import auth_service

    auth = auth_service()
    user = auth.users.get_user(username)
    assert user is not None
    return auth.principal_for(user)


def email_an_invoice(
    api: ApiClient, runtime: Runtime, service: DocumentService, bergen: str
) -> tuple[dict[str, Any], str]:
    """An invoice to a company known only by its e-mail and postal address: it goes out by Smartmail."""
    address = f"regnskap-{new_id()[-8:].lower()}@mottaker.example"
    buyer = SampleParty("Mottaker AS", "986105174", "Kirkegata 5", "0153", "Oslo", email=address)
    content = invoice(
        number=f"S-{new_id()[-8:]}", seller=BERGEN, buyer=buyer, lines=[("Vakt", Decimal(1), Decimal(900))]
    )
    body = {"content_base64": base64.b64encode(content).decode()}
    sent = api.post(f"/customers/{bergen}/documents", token=api.login(KARI), body=body)
    assert sent.status == 202, sent.body
    document = service.process(bergen, sent.body["document_id"])  # what the worker does with the queued job
    assert document is not None
    assert (document.status, document.channel) == ("sent", "email")
    runtime.streams.drain()  # the outbox sends the e-mail and starts the workflow
    message = mailbox.messages_to(address)[0]
    token = re.search(r"/#/open/([A-Za-z0-9_-]+)", message["body"])
    assert token, message["body"]
    return sent.body, token.group(1)


def document_of(service: DocumentService, bergen: str, document_id: str) -> Any:
    return service.documents.get(bergen, document_id, consistent=True)


def execution(runtime: Runtime, document: dict[str, Any]) -> str:
    return execution_status(runtime, "SmartmailStateMachine", f"{document['document_id']}-1")


def test_a_document_opened_in_time_is_not_posted(
    api: ApiClient, runtime: Runtime, demo: DemoData, smartmail: DocumentService
) -> None:
    bergen = demo.customer_ids["bergen"]
    sent, token = email_an_invoice(api, runtime, smartmail, bergen)
    # The workflow waits for the link, its task token on the document
    wait_for(lambda: document_of(smartmail, bergen, sent["document_id"]).task_token, what="the workflow to wait")
    # When the recipient follows the link
    opened = api.post("/opened-documents", body={"token": token})
    assert opened.status == 200, opened.body
    assert (opened.body["sender"], opened.body["content"]["number"]) == ("Nordlys Bergen AS", sent["content"]["number"])
    assert opened.body["file"]["url"]
    # Then the document is opened, the workflow ends there, and nothing is printed
    wait_for(lambda: execution(runtime, sent) == "SUCCEEDED", what="the workflow to end")
    document = document_of(smartmail, bergen, sent["document_id"])
    assert document.status == "opened"
    assert [step.kind for step in document.timeline] == ["received", "sent", "opened"]
    runtime.queues.drain()
    assert document_of(smartmail, bergen, sent["document_id"]).status == "opened"
    # And the link opens it again (without a second opening), while a made-up link leads nowhere
    assert api.post("/opened-documents", body={"token": token}).status == 200
    assert len(document_of(smartmail, bergen, sent["document_id"]).timeline) == 3
    assert api.post("/opened-documents", body={"token": "x" * 43}).status == 404


def test_a_document_not_opened_in_time_is_printed_and_posted(
    api: ApiClient, runtime: Runtime, demo: DemoData, smartmail: DocumentService
) -> None:
    bergen = demo.customer_ids["bergen"]
    sent, _ = email_an_invoice(api, runtime, smartmail, bergen)
    # When nobody opens it within the customer's days, its print copy is handed to the postal channel
    posted = wait_for(lambda: _posted(runtime, smartmail, bergen, sent["document_id"]), seconds=30, what="posting")
    assert [step.kind for step in posted.timeline] == ["received", "sent", "printed", "posted"]
    wait_for(lambda: execution(runtime, sent) == "SUCCEEDED", what="the workflow to end")
    # Then the print outbox holds the print copy with the recipient's address, in Norwegian
    pdf = _print_copy(bergen, sent["document_id"])
    assert "Mottaker AS" in pdf
    assert "Kirkegata 5" in pdf
    assert "0153 Oslo" in pdf
    assert "Å betale" in pdf


def test_a_failing_print_is_retried_dead_lettered_shown_to_staff_and_posted_when_redriven(
    api: ApiClient, runtime: Runtime, demo: DemoData, smartmail: DocumentService, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker = runtime.lambdas.module("PrintDocumentFunction")
    bergen = demo.customer_ids["bergen"]
    admin = api.login("admin")
    sent, _ = email_an_invoice(api, runtime, smartmail, bergen)
    # Given the print service refuses every print (retried at once here, instead of after a minute and more)
    monkeypatch.setattr(worker, "RETRY_SECONDS", 0)

    def refuse(self: S3PrintOutbox, document: Any, pdf: bytes) -> None:
        raise ConnectionError("the print service does not answer")

    monkeypatch.setattr(S3PrintOutbox, "hand_over", refuse)
    wait_for(lambda: _print_job_waits(runtime), seconds=30, what="the print job")
    # When every try fails, the job ends in the dead-letter queue, and the document is still sent, not lost
    for _ in range(5):
        runtime.queues.drain()
    failed = api.get("/print-jobs/failed", token=admin)
    assert failed.status == 200, failed.body
    assert sent["document_id"] in [job["document_id"] for job in failed.body["items"]]
    assert document_of(smartmail, bergen, sent["document_id"]).status == "sent"
    assert api.get("/print-jobs/failed", token=api.login(KARI)).status == 403
    # And once the print service answers again, staff redrive it and it is posted
    monkeypatch.undo()
    redriven = api.post("/print-jobs/redrive", token=admin)
    assert redriven.status == 200, redriven.body
    assert redriven.body["redriven"] >= 1
    runtime.queues.drain()
    assert document_of(smartmail, bergen, sent["document_id"]).status == "posted"
    wait_for(lambda: execution(runtime, sent) == "SUCCEEDED", what="the workflow to end")
    assert sent["document_id"] not in [
        job["document_id"] for job in api.get("/print-jobs/failed", token=admin).body["items"]
    ]


def _posted(runtime: Runtime, service: DocumentService, customer_id: str, document_id: str) -> Any:
    runtime.queues.drain()
    document = document_of(service, customer_id, document_id)
    return document if document.status == "posted" else None


def _print_job_waits(runtime: Runtime) -> bool:
    queue = runtime.backend.names.refs["PrintQueue"]
    attributes = boto3.client("sqs").get_queue_attributes(
        QueueUrl=queue, AttributeNames=["ApproximateNumberOfMessages"]
    )
    return int(attributes["Attributes"]["ApproximateNumberOfMessages"]) > 0


def _print_copy(customer_id: str, document_id: str) -> str:
    import io

    key = f"print-outbox/{customer_id}/{document_id}-v1.pdf"
    content = boto3.client("s3").get_object(Bucket=get_settings().document_bucket, Key=key)["Body"].read()
    pages = pypdf.PdfReader(io.BytesIO(content)).pages
    return "\n".join(page.extract_text() for page in pages).replace("\xa0", " ")
