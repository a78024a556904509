"""Documents and e-invoicing through the API (DOC-1, DOC-2, DOC-5): a customer sends UBL invoices; the vendor keeps
each file unchanged, checks it when the sender or the recipient ordered the filter, and delivers it — into the
recipient's own portal when it is a customer too, to the Peppol access point otherwise — or stops it, telling the
other party why. Hostile or foreign files are refused at the door."""

from __future__ import annotations

import base64
import hashlib
import io
from decimal import Decimal
from typing import Any

import boto3
import pypdf
import requests

from infrastructure.local import mailbox
from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from infrastructure.local.sample_documents import SampleParty, invoice
from portal.clock import new_id
from portal.documents import rules, xml
from portal.settings import get_settings
from tests.support import ApiClient, Reply, local_today

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
    assert steps(document) == ["received", "validated", "sent", "delivered"]
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
    # And Bergen's list of partners its documents were stopped with has Fjellbakeriet, most often first
    ranked = api.get(f"/customers/{bergen}/trading-partners", token=kari, query={"stopped": "true"}).body
    assert ranked["next_cursor"] is None
    counts = [partner["stopped"] for partner in ranked["items"]]
    assert counts == sorted(counts, reverse=True)
    assert min(counts) >= 1
    assert "0192:912345726" in [partner["partner_key"] for partner in ranked["items"]]


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
    # By e-mail (Smartmail, tests/workflows/test_smartmail.py), with the document's own link, for a recipient known
    # only by its address; posted if not opened within the customer's days
    emailed = outcomes["Ukjent Mottaker AS"]
    assert (emailed["status"], emailed["channel"], steps(emailed)) == ("sent", "email", ["received", "sent"])
    assert emailed["post_after"]
    message = next(
        m for m in mailbox.messages_to("regnskap@ukjent.example") if emailed["content"]["number"] in m["subject"]
    )
    assert "/#/open/" in message["body"]
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


FAKTURA = "faktura-20000"
# A small logo (120 × 48 pixels, PNG).
PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAHgAAAAwCAIAAABVDSmEAAAAiUlEQVR42u3b0QmAIBRA0YxWsFlqsJawwdzFKdogQhHEzv317/AQNQ"
    "opHov6tyIADVqgQYMWaNACPWrb+/JVMqPv3ftpom0doAUatECDdo5uODbOWvXFwkTbOkALNGjQCECDFmjQoAV6ppoelXy6NdGgQQs0aIE"
    "G/dOC399MNGiBBg1aoEEL9Kg98CEKOQjKA/YAAAAASUVORK5CYII="
)


def test_a_stopped_invoice_is_corrected_checked_again_and_delivered_keeping_every_version(
    api: ApiClient, runtime: Runtime, demo: DemoData
) -> None:
    bergen, bakery, kari = demo.customer_ids["bergen"], demo.customer_ids["bakery"], api.login(KARI)
    content = invoice(
        number=number(), seller=BERGEN, buyer=BAKERY, lines=[("Frakt", Decimal(1), Decimal(99))], buyer_reference=None
    )
    sent = send(api, kari, bergen, content)
    stopped = processed(api, runtime, kari, bergen, sent.body["document_id"])
    assert stopped["status"] == "stopped"
    # The fields the broken rule names, and only those, may be corrected
    assert stopped["correctable"] == ["buyer_reference", "order_reference"]
    path = f"/customers/{bergen}/documents/{stopped['document_id']}"
    other = api.post(f"{path}/correction-check", token=kari, body={"values": {"due_date": "2027-01-31"}, "version": 2})
    assert (other.status, other.error_code) == (422, "not_correctable"), other.body
    # When the sender checks the correction before sending, the check runs again on the corrected file
    check = api.post(
        f"{path}/correction-check", token=kari, body={"values": {"buyer_reference": "Innkjøp 77"}, "version": 2}
    )
    assert check.status == 200, check.body
    assert check.body == {"passes": True, "reasons": []}
    # And sends it: the corrected file is the next version, the original kept as it was
    corrected = api.post(
        f"{path}/corrections", token=kari, body={"values": {"buyer_reference": "Innkjøp 77"}, "version": 2}
    )
    assert corrected.status == 202, corrected.body
    assert [(f["number"], f["corrected"]) for f in corrected.body["files"]] == [(1, []), (2, ["buyer_reference"])]
    assert corrected.body["content"]["buyer_reference"] == "Innkjøp 77"
    delivered = processed(api, runtime, kari, bergen, stopped["document_id"])
    assert delivered["status"] == "delivered"
    assert steps(delivered) == ["received", "stopped", "corrected", "validated", "sent", "delivered"]
    # The recipient's copy is the one it saw stopped, now delivered in the corrected version
    incoming = api.get(
        f"/customers/{bakery}/documents/{stopped['counterpart']['document_id']}", token=api.login(FAKTURA)
    )
    assert (incoming.body["status"], len(incoming.body["files"])) == ("delivered", 2)
    assert incoming.body["files"][1]["key"].startswith(f"customers/{bakery}/")
    # Every version can be downloaded: the original unchanged, the correction with the element where UBL puts it
    versions = {}
    for file_number in ("1", "2"):
        link = api.get(f"{path}/files/{file_number}", token=kari)
        assert link.status == 200, link.body
        versions[file_number] = requests.get(link.body["url"], timeout=10).content
    assert versions["1"] == content
    assert b"<cbc:BuyerReference>Innkj\xc3\xb8p 77</cbc:BuyerReference>" in versions["2"]
    assert versions["2"].index(b"BuyerReference") < versions["2"].index(b"AccountingSupplierParty")
    assert not rules.check(xml.parse(versions["2"]))
    assert api.get(f"{path}/files/3", token=kari).status == 404


def test_a_recipient_refuses_a_delivered_invoice_and_the_sender_corrects_what_it_named(
    api: ApiClient, runtime: Runtime, demo: DemoData
) -> None:
    bergen, bakery, kari, faktura = (
        demo.customer_ids["bergen"],
        demo.customer_ids["bakery"],
        api.login(KARI),
        api.login(FAKTURA),
    )
    content = invoice(number=number(), seller=BERGEN, buyer=BAKERY, lines=[("Telling", Decimal(1), Decimal(450))])
    delivered = processed(api, runtime, kari, bergen, send(api, kari, bergen, content).body["document_id"])
    incoming_path = f"/customers/{bakery}/documents/{delivered['counterpart']['document_id']}"
    incoming = api.get(incoming_path, token=faktura).body
    # When Fjellbakeriet does not accept it for lack of a contract reference
    refusal = {"reason": "Mangler kontraktsnummer", "terms": ["BT-12"], "version": incoming["version"]}
    refused = api.post(f"{incoming_path}/rejection", token=faktura, body=refusal)
    assert refused.status == 200, refused.body
    assert refused.body["status"] == "not_accepted"
    # Then the sender sees it refused, with the reason, may correct that term, and was told by e-mail
    sent_path = f"/customers/{bergen}/documents/{delivered['document_id']}"
    told = api.get(sent_path, token=kari).body
    assert (told["status"], told["rejection"]["reason"], told["correctable"]) == (
        "not_accepted",
        "Mangler kontraktsnummer",
        ["contract_reference"],
    )
    assert any(
        delivered["content"]["number"] in message["subject"] for message in mailbox.messages_to("bergen@nordlys.no")
    )
    # And the correction is delivered to the same copy at the recipient
    body = {"values": {"contract_reference": "K-2026-9"}, "version": told["version"]}
    assert api.post(f"{sent_path}/corrections", token=kari, body=body).status == 202
    again = processed(api, runtime, kari, bergen, delivered["document_id"])
    assert steps(again)[-5:] == ["not_accepted", "corrected", "validated", "sent", "delivered"]
    assert api.get(incoming_path, token=faktura).body["status"] == "delivered"
    # A refusal of what cannot be corrected in the portal is refused
    bad = {
        "reason": "Feil beløp",
        "terms": ["BT-112"],
        "version": api.get(incoming_path, token=faktura).body["version"],
    }
    assert api.post(f"{incoming_path}/rejection", token=faktura, body=bad).error_code == "not_correctable"


def test_group_statistics_count_each_subsidiarys_traffic_per_month_from_the_counters(
    api: ApiClient, runtime: Runtime, demo: DemoData
) -> None:
    group, bergen, kari = demo.customer_ids["group"], demo.customer_ids["bergen"], api.login(KARI)
    month = local_today().isoformat()[:7]

    def bergen_now() -> dict[str, Any]:
        statistics = api.get(f"/customers/{group}/document-statistics", token=kari)
        assert statistics.status == 200, statistics.body
        assert [c["name"] for c in statistics.body["customers"]] == [
            "Nordlys Gruppen AS",
            "Nordlys Bergen AS",
            "Nordlys Oslo AS",
        ]
        assert len(statistics.body["months"]) == 12
        assert statistics.body["months"][-1] == month
        return next(
            (f for f in statistics.body["figures"] if (f["customer_id"], f["month"]) == (bergen, month)),
            {"outgoing": 0, "stopped": 0, "channels": {}},
        )

    before = bergen_now()
    # When Bergen sends one invoice delivered on Peppol and one Fjellbakeriet's filter stops
    for reference in ("Innkjøp 1", None):
        content = invoice(
            number=number(),
            seller=BERGEN,
            buyer=BAKERY,
            lines=[("Telling", Decimal(1), Decimal(1))],
            buyer_reference=reference,
        )
        processed(api, runtime, kari, bergen, send(api, kari, bergen, content).body["document_id"])
    # Then the month's figures moved by exactly those: two out, one on Peppol, one stopped
    after = bergen_now()
    assert after["outgoing"] - before["outgoing"] == 2
    assert after["stopped"] - before["stopped"] == 1
    assert after["channels"].get("peppol", 0) - before["channels"].get("peppol", 0) == 1
    # And months the wrong way round, or more than two years, are refused with the limit
    backwards = api.get(
        f"/customers/{group}/document-statistics", token=kari, query={"from": "2026-10", "to": "2026-01"}
    )
    assert backwards.error_code == "invalid_date_range"
    too_long = api.get(
        f"/customers/{group}/document-statistics", token=kari, query={"from": "2020-01", "to": "2026-01"}
    )
    assert too_long.error_code == "date_range_too_long"


def test_viewing_copies_show_the_document_on_each_channel_in_the_senders_layout(
    api: ApiClient, runtime: Runtime, demo: DemoData
) -> None:
    bergen, bakery, kari = demo.customer_ids["bergen"], demo.customer_ids["bakery"], api.login(KARI)
    # Given Bergen's layout: its colour, a footer line and its logo
    settings = api.get(f"/customers/{bergen}/document-settings", token=kari).body
    layout = {**settings, "accent_colour": "#8a1538", "footer_text": "Nordlys Bergen AS · Strandkaien 2 · 5013 Bergen"}
    layout.pop("logo", None)
    saved = api.call("PUT", f"/customers/{bergen}/document-settings", token=kari, body=layout)
    assert saved.status == 200, saved.body
    logo = api.call("PUT", f"/customers/{bergen}/document-logo", token=kari, body={"content_base64": PNG})
    assert logo.status == 200, logo.body
    assert logo.body["logo"]["content_type"] == "image/png"
    bad = api.call("PUT", f"/customers/{bergen}/document-logo", token=kari, body={"content_base64": "PGh0bWw+"})
    assert (bad.status, bad.error_code) == (422, "invalid_logo")
    content = invoice(number=number(), seller=BERGEN, buyer=BAKERY, lines=[("Telling", Decimal(3), Decimal(450))])
    sent = processed(api, runtime, kari, bergen, send(api, kari, bergen, content).body["document_id"])
    path = f"/customers/{bergen}/documents/{sent['document_id']}/viewing-copies"
    texts = {}
    for channel in ("post", "email", "bank"):
        # When the sender asks how the recipient sees it on each channel
        asked = api.post(path, token=kari, body={"channel": channel})
        assert asked.status == 202, asked.body
        runtime.streams.drain()
        runtime.queues.drain()
        copy = api.get(f"{path}/{asked.body['copy_id']}", token=kari).body
        assert copy["status"] == "ready", copy
        assert f"customers/{bergen}/documents/{sent['document_id']}/copies/" in copy["download_url"]
        pdf = requests.get(copy["download_url"], timeout=10).content
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        texts[channel] = "\n".join(page.extract_text() for page in reader.pages).replace("\xa0", " ")
        assert reader.pages[0].images, "the sender's logo is on the copy"
        # And asking again is the same copy, made once
        again = api.post(path, token=kari, body={"channel": channel})
        assert (again.status, again.body["copy_id"]) == (200, copy["copy_id"])
    assert "Storgata 12" in texts["post"]
    assert "2609 Lillehammer" in texts["post"]
    assert "Sendt på e-post til Fjellbakeriet AS" in texts["email"]
    assert "Slik vises fakturaen i nettbanken" in texts["bank"]
    assert "12345678903" in texts["bank"]  # the account to pay to
    for text in texts.values():
        assert "Nordlys Bergen AS · Strandkaien 2 · 5013 Bergen" in text
        assert "1 687,50 NOK" in text
    # The recipient sees its copy in the sender's layout too
    incoming = f"/customers/{bakery}/documents/{sent['counterpart']['document_id']}/viewing-copies"
    faktura = api.login(FAKTURA)
    theirs = api.post(incoming, token=faktura, body={"channel": "email"})
    assert theirs.status == 202, theirs.body
    assert api.get(f"{incoming}/{'0' * 32}", token=faktura).status == 404


def test_documents_are_found_by_the_amount_due_within_the_dates_page_by_page(
    api: ApiClient, runtime: Runtime, demo: DemoData
) -> None:
    bergen, kari = demo.customer_ids["bergen"], api.login(KARI)
    # Given three invoices from Bergen, due 8 751.25, 8 752.50 and 11 250.00 NOK
    sent = {}
    for price in (Decimal("7001.00"), Decimal("7002.00"), Decimal("9000.00")):
        content = invoice(number=number(), seller=BERGEN, buyer=BUILDER, lines=[("Verdihenting", Decimal(1), price)])
        reply = send(api, kari, bergen, content)
        assert reply.status == 202, reply.body
        sent[reply.body["content"]["totals"]["payable"]] = reply.body["document_id"]
    assert set(sent) == {"8751.25", "8752.50", "11250.00"}
    runtime.streams.drain()
    runtime.queues.drain()
    runtime.streams.drain()
    path = f"/customers/{bergen}/documents"

    def found(**query: Any) -> list[str]:
        rows, cursor = [], None
        while True:
            page = api.get(path, token=kari, query={**query, **({"cursor": cursor} if cursor else {})})
            assert page.status == 200, page.body
            rows += [row["document_id"] for row in page.body["items"]]
            cursor = page.body["next_cursor"]
            if not cursor:
                return rows

    # When Kari searches between 8 751.25 and 8 760, one row a page
    between = found(amount_from="8751.25", amount_to="8760", limit=1)
    # Then the first two are found, each once, and not the third
    assert [document for document in between if document in sent.values()] == [sent["8751.25"], sent["8752.50"]]
    # And an open end, the direction and the status narrow it too
    assert sent["11250.00"] in found(amount_from="11250", direction="outgoing")
    assert sent["11250.00"] not in found(amount_from="11250", direction="incoming")
    assert sent["8751.25"] in found(amount_to="8751.25", status="delivered")
    assert sent["8751.25"] not in found(amount_to="8751.25", status="stopped")
    assert sent["8751.25"] not in found(amount_from="8751.25", currency="SEK")
    refused = api.get(path, token=kari, query={"amount_from": "10", "amount_to": "5"})
    assert (refused.status, refused.error_code) == (422, "invalid_amount_range")
