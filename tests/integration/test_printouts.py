"""Printouts (DEP-2, ORD-4) through the API: a deposit receipt, a counting receipt and an order confirmation asked
for as PDF, made by the worker from the queue into S3 under the customer's prefix, fetched through a short-lived
link, and found again (not made again) when asked for twice; the order confirmation as the reader may see it."""

from __future__ import annotations

import io
import uuid
from typing import Any

import pypdf
import requests

from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from tests.integration.test_deposits import OLA, bag, register, slip
from tests.integration.test_supplies_orders import ADDRESS, new_product, order
from tests.support import ApiClient, wait_for

KARI = "kari.nordmann@nordlys.no"


def ask(api: ApiClient, token: str, customer_id: str, document: str, subject_id: str, **extra: Any) -> Any:
    return api.post(
        f"/customers/{customer_id}/printouts",
        token=token,
        body={"document": document, "subject_id": subject_id, **extra},
    )


def made(api: ApiClient, runtime: Runtime, token: str, customer_id: str, printout_id: str) -> dict[str, Any]:
    """The printout once made: the outbox puts its job on the queue, the worker takes it from there."""

    def finished() -> dict[str, Any] | None:
        runtime.streams.drain()
        runtime.queues.drain()
        found: dict[str, Any] = api.get(f"/customers/{customer_id}/printouts/{printout_id}", token=token).body
        return found if found["status"] in {"ready", "failed"} else None

    printout: dict[str, Any] = wait_for(finished, what="the printout")
    return printout


def text_of(printout: dict[str, Any]) -> str:
    """The PDF behind the link, as text (no-break spaces as spaces)."""
    assert printout["status"] == "ready", printout
    answer = requests.get(printout["download_url"], timeout=10)
    assert answer.status_code == 200
    assert answer.content.startswith(b"%PDF-")
    assert "attachment" in answer.headers.get("Content-Disposition", "")
    assert printout["size"] == len(answer.content)
    pages = pypdf.PdfReader(io.BytesIO(answer.content)).pages
    return "\n".join(page.extract_text() for page in pages).replace("\xa0", " ")


def test_a_deposit_receipt_is_made_once_as_a_pdf_under_the_customers_prefix(
    api: ApiClient, runtime: Runtime, demo: DemoData
) -> None:
    bergen, ola = demo.customer_ids["bergen"], api.login(OLA)
    number = bag()
    deposit = register(api, ola, bergen, slip(number)).body
    # When the registrar asks for the receipt as a PDF
    asked = ask(api, ola, bergen, "deposit_receipt", deposit["deposit_id"])
    assert asked.status == 202, asked.body
    assert (asked.body["status"], asked.body["download_url"]) == ("queued", None)
    # Then the worker makes it, and the link gives the slip as it was registered
    printout = made(api, runtime, ola, bergen, asked.body["printout_id"])
    text = text_of(printout)
    assert f"Kvittering for innskudd: pose {number}" in text
    assert "Nordlys Bergen" in text
    assert "Seddel 500,00 NOK 3 1 500,00 NOK" in text
    assert "Sjekk 4471 1 250,50 NOK" in text
    assert "Terminal offline 399,00 NOK" in text
    assert "Sum NOK: 3 189,50 NOK" in text  # 1500 + 40 + 1250.50 + 399, the euros left out
    assert "EUR 50,00 EUR" in text
    assert "legges ikke til summen" in text
    assert f"customers/{bergen}/printouts/{printout['printout_id']}.pdf" in printout["download_url"]
    # And asking again for the same receipt finds the file made, instead of making another
    again = ask(api, ola, bergen, "deposit_receipt", deposit["deposit_id"])
    assert again.status == 200, again.body
    assert (again.body["printout_id"], again.body["status"]) == (printout["printout_id"], "ready")
    assert again.body["download_url"]
    # While another language is another file
    english = ask(api, ola, bergen, "deposit_receipt", deposit["deposit_id"], language="en")
    assert english.status == 202
    assert "Deposit receipt: bag" in text_of(made(api, runtime, ola, bergen, english.body["printout_id"]))


def test_a_counting_receipt_comes_once_the_bag_is_counted_with_its_difference(
    api: ApiClient, runtime: Runtime, demo: DemoData
) -> None:
    bergen, ola, admin = demo.customer_ids["bergen"], api.login(OLA), api.login("admin")
    deposit = register(api, ola, bergen, slip(bag())).body
    early = ask(api, ola, bergen, "counting_receipt", deposit["deposit_id"])
    assert (early.status, early.error_code) == (409, "not_counted")
    counting = {
        "lines": [{"denomination": "note-500", "pieces": 2}, {"denomination": "coin-20", "pieces": 2}],
        "cheques": 125050,
        "fallbacks": 39900,
        "version": deposit["version"],
    }
    counted = api.call(
        "PUT", f"/customers/{bergen}/deposits/{deposit['deposit_id']}/counting", token=admin, body=counting
    )
    assert counted.status == 200, counted.body
    asked = ask(api, ola, bergen, "counting_receipt", deposit["deposit_id"], language="sv")
    assert asked.status == 202, asked.body
    text = text_of(made(api, runtime, ola, bergen, asked.body["printout_id"]))
    assert f"Räkningskvitto: påse {deposit['bag_number']}" in text
    assert "Sedel 500,00 NOK 1 500,00 NOK 1 000,00 NOK -500,00 NOK" in text
    assert "avviker från bilagan med -500,00 NOK" in text
    # The receipt of the slip, asked for after the counting, shows it counted
    receipt = ask(api, ola, bergen, "deposit_receipt", deposit["deposit_id"])
    assert "Status Telt" in text_of(made(api, runtime, ola, bergen, receipt.body["printout_id"]))


def test_an_order_confirmation_shows_the_customers_own_notes_only_to_the_customer(
    api: ApiClient, runtime: Runtime, demo: DemoData
) -> None:
    bergen, admin, ola = demo.customer_ids["bergen"], api.login("admin"), api.login(OLA)
    product = new_product(api, admin, unit="eske")
    placed = api.post(
        f"/customers/{bergen}/supplies-orders",
        token=ola,
        body=order(product["product_id"], 3, notes="Til kassa 2", delivery_address=ADDRESS),
    )
    assert placed.status == 201, placed.body
    order_id = placed.body["order_id"]
    # The order of any kind opens by its id, as its reader may see it
    seen = api.get(f"/customers/{bergen}/orders/{order_id}", token=ola)
    assert seen.status == 200, seen.body
    assert (seen.body["order"]["kind"], seen.body["order"]["notes"]) == ("supplies", "Til kassa 2")
    assert seen.body["customer_name"]
    assert api.get(f"/customers/{bergen}/orders/{order_id}", token=admin).body["order"]["notes"] is None
    assert api.get(f"/customers/{bergen}/orders/01JNQ0000000000000000000ZZ", token=ola).status == 404
    # Its confirmation as a PDF: the customer's with the notes, the vendor's without
    mine = ask(api, ola, bergen, "order_confirmation", order_id)
    theirs = ask(api, admin, bergen, "order_confirmation", order_id)
    assert mine.body["printout_id"] != theirs.body["printout_id"]
    customer_text = text_of(made(api, runtime, ola, bergen, mine.body["printout_id"]))
    vendor_text = text_of(made(api, runtime, admin, bergen, theirs.body["printout_id"]))
    assert f"Ordrebekreftelse {placed.body['number']}" in customer_text
    assert product["article_number"] in customer_text
    assert "Strandkaien 2" in customer_text
    assert "Til kassa 2" in customer_text
    assert "Til kassa 2" not in vendor_text
    # Another customer's order is not found there, and an unknown printout is none
    bakery = demo.customer_ids["bakery"]
    assert ask(api, admin, bakery, "order_confirmation", order_id).status == 404
    assert api.get(f"/customers/{bergen}/printouts/{'f' * 32}", token=ola).status == 404
    assert api.get(f"/customers/{bergen}/printouts/not-an-id", token=ola).status == 404


def test_a_closed_work_order_brings_its_service_protocol_which_the_case_readers_download(
    api: ApiClient, runtime: Runtime, demo: DemoData
) -> None:
    """Seed 003: customers see the protocols of their work orders; made when the work order closes, read by whoever
    sees its case (AUTH-4)."""
    admin, per = api.login("admin"), api.login("per.bakke@fjellbakeriet.no")
    bakery = demo.customer_ids["bakery"]
    body = {"title": "Kjølerommet ruller", "customer_id": bakery, "object_id": demo.object_ids["bakery-factory"]}
    case = api.post("/cases", token=per, body=body, headers={"Idempotency-Key": str(uuid.uuid4())}).body["case"]
    work = {"version": case["version"], "type": "repair", "description": "Skifte vifte", "technician": "tekniker"}
    work_order = api.post(f"/cases/{case['case_id']}/work-orders", token=admin, body=work).body["work_orders"][0]
    path = f"/cases/{case['case_id']}/work-orders/{work_order['work_order_id']}"
    row = {"version": 1, "article": "Vifte 230 V", "article_type": "part", "quantity": "1", "unit_price_minor": 199_000}
    assert api.post(f"{path}/rows", token=admin, body={**row, "currency": "NOK", "vat_rate": "25"}).status == 201
    early = ask(api, per, bakery, "service_protocol", work_order["work_order_id"], case_id=case["case_id"])
    assert (early.status, early.error_code) == (409, "work_order_open")
    closing = {"version": 2, "findings": "Viften var slitt; byttet"}
    assert api.post(f"{path}/close", token=admin, body=closing).status == 200
    # Made on closing, before anyone asks: the id is the one asking would give
    from portal.languages import Language
    from portal.printouts.models import protocol_printout_id

    settings_version = api.get("/case-settings", token=admin).body["version"]
    expected = protocol_printout_id(work_order["work_order_id"], 3, settings_version, Language.NB, "customer")
    protocol = made(api, runtime, per, bakery, expected)
    asked = ask(api, per, bakery, "service_protocol", work_order["work_order_id"], case_id=case["case_id"])
    assert (asked.status, asked.body["printout_id"], asked.body["status"]) == (200, expected, "ready")
    text = text_of(protocol)
    for expected in ("Serviceprotokoll", work_order["number"], "Viften var slitt", "Vifte 230 V", "1 990,00 NOK"):
        assert expected in text, expected
    assert "2 487,50 NOK" in text  # with 25 % VAT
    # made once: asked again, the same file; the object login of another object does not see the case
    again = ask(api, per, bakery, "service_protocol", work_order["work_order_id"], case_id=case["case_id"])
    assert again.body["printout_id"] == protocol["printout_id"]
    other_object = api.login("objekt-fb-1")
    hidden = api.get(f"/customers/{bakery}/printouts/{protocol['printout_id']}", token=other_object)
    assert hidden.status == 404
    wrong_case = ask(api, per, bakery, "service_protocol", work_order["work_order_id"], case_id="0" * 26)
    assert wrong_case.status == 404
