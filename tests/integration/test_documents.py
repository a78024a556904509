"""Documents and e-invoicing through the API (DOC-1, DOC-2, DOC-5): a customer sends UBL invoices; the vendor keeps
each file unchanged, checks it when the sender or the recipient ordered the filter, and delivers it — into the
recipient's own portal when it is a customer too, to the Peppol access point otherwise — or stops it, telling the
other party why. Hostile or foreign files are refused at the door."""

from __future__ import annotations

import base64
import hashlib
from decimal import Decimal
from typing import Any

import boto3

from infrastructure.local import mailbox
from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from infrastructure.local.sample_documents import SampleParty, invoice
from portal.clock import new_id
from portal.settings import get_settings
from tests.support import ApiClient, Reply

KARI = "kari.nordmann@nordlys.no"
BERGEN = SampleParty("Nordlys Bergen AS", "912345696", "Strandkaien 2", "5013", "Bergen")
BAKERY = SampleParty("Fjellbakeriet AS", "912345726", "Storgata 12", "2609", "Lillehammer")
BUILDER = SampleParty("Bygg og Anlegg Vest AS", "974760673", "Kanalveien 10", "5068", "Bergen")
BANKED = SampleParty("Bankkunden AS", "923609016", "Torget 1", "7010", "Trondheim")
NOWHERE = SampleParty("Ukjent Mottaker AS", "986105174", email="regnskap@ukjent.example")


def number() -> str:
    return f"T-{new_id()[-10:]}"


def send(api: ApiClient, token: str, customer_id: str, content: bytes, **extra: Any) -> Reply:
    return api.post(
        f"/customers/{customer_id}/documents",
        token=token,
        body={"content_base64": base64.b64encode(content).decode(), **extra},
    )


def processed(api: ApiClient, runtime: Runtime, token: str, customer_id: str, document_id: str) -> dict[str, Any]:
    """The document once the worker took it from the queue (the outbox put it there with the receipt)."""
    runtime.streams.drain()
    runtime.queues.drain()
    runtime.streams.drain()
    reply = api.get(f"/customers/{customer_id}/documents/{document_id}", token=token)
    assert reply.status == 200, reply.body
    found: dict[str, Any] = reply.body
    return found


def steps(document: dict[str, Any]) -> list[str]:
    return [step["kind"] for step in document["timeline"]]


def test_an_invoice_to_another_customer_is_delivered_into_its_portal(
    api: ApiClient, runtime: Runtime, demo: DemoData
) -> None:
    bergen, bakery, kari, admin = (
        demo.customer_ids["bergen"],
        demo.customer_ids["bakery"],
        api.login(KARI),
        api.login("admin"),
    )
    content = invoice(
        number=(no := number()), seller=BERGEN, buyer=BAKERY, lines=[("Telling", Decimal(2), Decimal(450))]
    )
    # When Nordlys Bergen's document handler sends an invoice to Fjellbakeriet
    sent = send(api, kari, bergen, content)
    assert sent.status == 202, sent.body
    assert (sent.body["status"], steps(sent.body), sent.body["direction"]) == ("received", ["received"], "outgoing")
    assert sent.body["content"]["totals"]["payable"] == "1125.00"
    assert sent.body["partner_key"] == "0192:912345726"
    # Then the file is kept unchanged under the customer's prefix, with its checksum
    kept = sent.body["files"][0]
    assert kept["key"] == f"customers/{bergen}/documents/{sent.body['document_id']}/v1.xml"
    stored = boto3.client("s3").get_object(Bucket=get_settings().document_bucket, Key=kept["key"])["Body"].read()
    assert stored == content
    assert kept["sha256"] == hashlib.sha256(content).hexdigest()
    # And the worker delivers it within the network: Fjellbakeriet passes its filter, and has it in its portal
    document = processed(api, runtime, kari, bergen, sent.body["document_id"])
    assert (document["status"], document["channel"]) == ("delivered", "peppol")
    assert steps(document) == ["received", "sent", "delivered"]
    counterpart = document["counterpart"]
    assert counterpart["customer_id"] == bakery
    incoming = api.get(f"/customers/{bakery}/documents/{counterpart['document_id']}", token=admin).body
    assert (incoming["direction"], incoming["status"], incoming["partner_name"]) == (
        "incoming",
        "delivered",
        "Nordlys Bergen AS",
    )
    # And both find it by its number, and in the search of their direction
    assert [
        row["document_id"] for row in api.get(f"/customers/{bergen}/documents?number={no}", token=kari).body["items"]
    ] == [document["document_id"]]
    received = api.get(f"/customers/{bakery}/documents?direction=incoming&status=delivered", token=admin).body["items"]
    assert counterpart["document_id"] in [row["document_id"] for row in received]


def test_an_invoice_without_a_buyer_or_order_reference_is_stopped_and_the_recipient_told(
    api: ApiClient, runtime: Runtime, demo: DemoData
) -> None:
    bergen, bakery, kari, admin = (
        demo.customer_ids["bergen"],
        demo.customer_ids["bakery"],
        api.login(KARI),
        api.login("admin"),
    )
    content = invoice(
        number=number(), seller=BERGEN, buyer=BAKERY, lines=[("Frakt", Decimal(1), Decimal(99))], buyer_reference=None
    )
    sent = send(api, kari, bergen, content)
    assert sent.status == 202, sent.body
    # When the worker checks it against Fjellbakeriet's filter for what it receives
    document = processed(api, runtime, kari, bergen, sent.body["document_id"])
    # Then it is stopped, not delivered, with the Peppol rule and its reason in each language
    assert document["status"] == "stopped"
    assert steps(document) == ["received", "stopped"]
    assert [reason["rule"] for reason in document["reasons"]] == ["PEPPOL-EN16931-R003"]
    reason = document["reasons"][0]
    assert set(reason["messages"]) == {"nb", "sv", "en"}
    assert all(reason["messages"].values())
    assert {"BT-10", "BT-13"} <= set(reason["reads"])
    # And Fjellbakeriet finds it stopped in its own portal too, and was told by e-mail
    incoming = api.get(f"/customers/{bakery}/documents/{document['counterpart']['document_id']}", token=admin).body
    assert (incoming["direction"], incoming["status"]) == ("incoming", "stopped")
    told = [
        message
        for message in mailbox.messages_to("post@fjellbakeriet.no")
        if sent.body["content"]["number"] in message["subject"]
    ]
    assert told
    assert "PEPPOL" not in told[0]["body"]
    assert "stoppet" in told[0]["subject"]
    # And nothing reached the network
    stopped = api.get(f"/customers/{bergen}/documents?status=stopped", token=kari).body["items"]
    assert document["document_id"] in [row["document_id"] for row in stopped]


def test_documents_leave_the_network_on_the_first_channel_the_recipient_receives_on(
    api: ApiClient, runtime: Runtime, demo: DemoData
) -> None:
    bergen, kari = demo.customer_ids["bergen"], api.login(KARI)
    s3 = boto3.client("s3")
    outcomes = {}
    for recipient in (BUILDER, BANKED, NOWHERE):
        sent = send(
            api,
            kari,
            bergen,
            invoice(number=number(), seller=BERGEN, buyer=recipient, lines=[("Vakt", Decimal(1), Decimal(500))]),
        )
        assert sent.status == 202, sent.body
        outcomes[recipient.name] = processed(api, runtime, kari, bergen, sent.body["document_id"])
    # On Peppol for a participant, to the online bank for a bank customer: handed to the network's outbox
    for name, channel in (("Bygg og Anlegg Vest AS", "peppol"), ("Bankkunden AS", "bank")):
        document = outcomes[name]
        assert (document["status"], document["channel"], steps(document)) == (
            "delivered",
            channel,
            ["received", "sent", "delivered"],
        )
        handed = s3.get_object(
            Bucket=get_settings().document_bucket,
            Key=f"network-outbox/{channel}/{bergen}/{document['document_id']}.xml",
        )["Body"].read()
        assert hashlib.sha256(handed).hexdigest() == document["files"][0]["sha256"]
    # By e-mail, with the link to the document, for a recipient known only by its address
    emailed = outcomes["Ukjent Mottaker AS"]
    assert (emailed["status"], emailed["channel"], steps(emailed)) == ("sent", "email", ["received", "sent"])
    message = mailbox.messages_to("regnskap@ukjent.example")[0]
    assert emailed["content"]["number"] in message["subject"]
    assert f"/#/documents/{bergen}/{emailed['document_id']}" in message["body"]
    # And each partner is listed with the documents sent to it
    partners = {p["partner_key"]: p for p in api.get(f"/customers/{bergen}/trading-partners", token=kari).body["items"]}
    assert partners["0192:974760673"]["name"] == "Bygg og Anlegg Vest AS"
    assert partners["0192:974760673"]["sent"] >= 1


def test_a_chosen_channel_the_recipient_cannot_receive_on_leaves_the_document_undeliverable(
    api: ApiClient, runtime: Runtime, demo: DemoData
) -> None:
    bergen, kari = demo.customer_ids["bergen"], api.login(KARI)
    sent = send(
        api,
        kari,
        bergen,
        invoice(number=number(), seller=BERGEN, buyer=BUILDER, lines=[("Vakt", Decimal(1), Decimal(5))]),
        channel="bank",
    )
    document = processed(api, runtime, kari, bergen, sent.body["document_id"])
    assert (document["status"], steps(document)) == ("undeliverable", ["received", "undeliverable"])


def test_hostile_foreign_and_repeated_files_are_refused(api: ApiClient, demo: DemoData) -> None:
    bergen, kari = demo.customer_ids["bergen"], api.login(KARI)
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
        b"<Invoice>&b;</Invoice>"
    )
    external = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Invoice>&e;</Invoice>'
    for hostile in (laughs, external):
        refused = send(api, kari, bergen, hostile)
        assert (refused.status, refused.error_code) == (422, "doctype"), refused.body
    assert send(api, kari, bergen, b"<Invoice>").error_code == "unreadable_xml"
    assert send(api, kari, bergen, b"<html><body/></html>").error_code == "unsupported_document"
    garbled = api.post(f"/customers/{bergen}/documents", token=kari, body={"content_base64": "not base64!"})
    assert (garbled.status, garbled.body["error"]["details"][0]["code"]) == (422, "invalid_base64")
    # An invoice in another company's name is not sent for it
    foreign = invoice(number=number(), seller=BUILDER, buyer=BAKERY, lines=[("Grus", Decimal(1), Decimal(5))])
    assert send(api, kari, bergen, foreign).error_code == "not_the_sender"
    # And the same invoice twice is one invoice
    twice = invoice(number=number(), seller=BERGEN, buyer=BUILDER, lines=[("Vakt", Decimal(1), Decimal(5))])
    assert send(api, kari, bergen, twice).status == 202
    again = send(api, kari, bergen, twice)
    assert again.status == 409, again.body


def test_document_settings_belong_to_the_customers_user_administrators_and_one_address_to_one_customer(
    api: ApiClient, demo: DemoData
) -> None:
    oslo, kari, ola = demo.customer_ids["oslo"], api.login(KARI), api.login("ola.hansen@nordlys-bergen.no")
    current = api.get(f"/customers/{oslo}/document-settings", token=kari).body
    assert current["endpoint"] == "0192:912345718"
    change = {"filter_scope": "both", "smartmail_days": 10, "endpoint": "0192:912345718", "version": current["version"]}
    changed = api.call("PUT", f"/customers/{oslo}/document-settings", token=kari, body=change)
    assert changed.status == 200, changed.body
    assert (changed.body["filter_scope"], changed.body["smartmail_days"]) == ("both", 10)
    taken = {**change, "endpoint": "0192:912345726", "version": changed.body["version"]}
    assert api.call("PUT", f"/customers/{oslo}/document-settings", token=kari, body=taken).status == 409
    stale = api.call("PUT", f"/customers/{oslo}/document-settings", token=kari, body=change)
    assert stale.status == 409
    bergen = demo.customer_ids["bergen"]
    assert api.get(f"/customers/{bergen}/document-settings", token=ola).status == 403
