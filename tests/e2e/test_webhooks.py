"""A customer's webhooks in the browser (DOC-3): the user administrator of a group registers an address of one of its
subsidiaries' systems for the documents delivered or stopped, sees the secret once; an invoice the subsidiary's
accounting system then sends through the API is delivered, and the webhook's deliveries list what the address was
told and how it went (here: an address that does not resolve, so the delivery waits for its next try, with the
error). She deletes the webhook at the end. Staff who may change the customer's users see the webhooks and their
deliveries but register none.

Invoices go from Nordlys Bergen to Bygg og Anlegg Vest (Peppol), for a little amount, so the traffic with
Fjellbakeriet and the amounts the document tests search for stay as the demo made them."""

from __future__ import annotations

import base64
import re
import secrets
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from infrastructure.local.demo import DEMO_API_KEYS, DemoData
from infrastructure.local.runtime import Runtime
from infrastructure.local.sample_documents import SampleParty, invoice
from tests.e2e.browser import assert_accessible, log_in, screenshot, toast
from tests.support import ApiClient

pytestmark = pytest.mark.e2e

KARI = "kari.nordmann@nordlys.no"
BERGEN = SampleParty("Nordlys Bergen AS", "912345696", "Strandkaien 2", "5013", "Bergen")
BUILDER = SampleParty("Bygg og Anlegg Vest AS", "974760673", "Kanalveien 10", "5068", "Bergen")
ADDRESS = "https://erp.nordlys-bergen.example/hooks"
SECRET_SHAPE = re.compile(r"^whsec_[A-Za-z0-9_-]{43}$")


def open_webhooks_of_bergen(page: Page) -> None:
    """Kari's documents open at the group; she chooses Bergen, then the webhooks among the document pages."""
    log_in(page, KARI, KARI)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Dokumenter").click()
    expect(page.get_by_role("heading", name="Dokumenter for Nordlys Gruppen AS")).to_be_visible()
    page.get_by_role("combobox", name="Kunde", exact=True).select_option(label="Nordlys Bergen AS")
    expect(page.get_by_role("heading", name="Dokumenter for Nordlys Bergen AS")).to_be_visible()
    page.get_by_role("navigation", name="Dokumentsider").get_by_role("link", name="Webhooks").click()
    expect(page.get_by_role("heading", name="Webhooks", level=2, exact=True)).to_be_visible()


def send_with_the_demo_key(api: ApiClient, customer_id: str, number: str) -> None:
    """Bergen's accounting system sends an invoice with its API key, the file base64 in JSON."""
    key = next(demo_key.api_key for demo_key in DEMO_API_KEYS if demo_key.customer == "bergen")
    content = invoice(number=number, seller=BERGEN, buyer=BUILDER, lines=[("Telling", Decimal(1), Decimal(100))])
    body = {"content_base64": base64.b64encode(content).decode()}
    sent = api.post(f"/customers/{customer_id}/documents", api_key=key, body=body)
    assert sent.status == 202, sent.body


def without_toasts(page: Page) -> None:
    """Once the confirmations are gone by themselves (after six seconds), so they cover nothing in a picture."""
    expect(page.get_by_role("region", name="Meldinger").get_by_role("alert")).to_have_count(0, timeout=10_000)


def process_in_background(runtime: Runtime) -> None:
    """What the runtime's pollers do when they run (the test's runtime does not poll): the document is checked and
    delivered, the delivery's job leaves the outbox, and the webhook worker makes its first try."""
    for _ in range(3):
        runtime.streams.drain()
        runtime.queues.drain()


def test_a_user_administrator_registers_a_webhook_and_sees_what_it_was_told(
    page: Page, api: ApiClient, runtime: Runtime, demo: DemoData
) -> None:
    bergen = demo.customer_ids["bergen"]
    number = f"2026-{secrets.randbelow(10**6):06d}"
    open_webhooks_of_bergen(page)
    # What a webhook is for, how a message is signed and told apart, and how often it is tried
    about = page.get_by_role("region", name="Webhooks", exact=True)
    expect(about).to_contain_text("stoppet, levert, åpnet eller sendt i posten")
    expect(about.get_by_text("Kundeportal-Signature: t=TID,v1=SIGNATUR")).to_be_visible()
    expect(about).to_contain_text("HMAC-SHA256")
    expect(about.get_by_text("Kundeportal-Delivery: 01J…")).to_be_visible()
    expect(about).to_contain_text("etter 30 sekunder og etter 1, 2, 4 og 8 minutter")
    # A plain http:// address is refused at its field before anything is sent
    form = page.get_by_role("form", name="Registrer en webhook")
    address = form.get_by_label("Adresse (URL) *")
    address.fill("http://erp.nordlys-bergen.example/hooks")
    form.get_by_role("button", name="Registrer webhook").click()
    summary = page.get_by_role("alert").filter(has_text="Noe må rettes")
    expect(summary).to_contain_text("Adresse (URL): Bruk en https://-adresse på det åpne internettet")
    expect(summary).to_contain_text("Hva systemet skal få beskjed om: Kryss av for minst én hendelse.")
    expect(address).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)  # the form with its errors shown, too
    # An address inside a private network is refused by the API, at the same field
    address.fill("https://10.1.2.3/hooks")
    form.get_by_label(re.compile("^Levert")).check()
    form.get_by_label(re.compile("^Stoppet")).check()
    with page.expect_response(lambda answer: answer.url.endswith("/webhooks") and answer.request.method == "POST"):
        form.get_by_role("button", name="Registrer webhook").click()
    expect(summary).to_contain_text("Adresse (URL): Bruk en https://-adresse på det åpne internettet")
    expect(address).to_have_accessible_description(re.compile("Bruk en https://-adresse på det åpne internettet"))
    # A public https:// address for delivered and stopped documents is registered
    address.fill(ADDRESS)
    with page.expect_response(lambda answer: answer.url.endswith("/webhooks") and answer.request.method == "POST"):
        form.get_by_role("button", name="Registrer webhook").click()
    expect(toast(page, f"Webhooken til {ADDRESS} er registrert.")).to_be_visible()
    expect(address).to_have_value("")
    # The secret, this once, with the warning; copied to the clipboard with one button
    created = page.get_by_role("region", name="Ny webhook er registrert")
    expect(created).to_contain_text(f"{ADDRESS} får beskjed om: Stoppet, Levert.")
    expect(created).to_contain_text("Den vises ikke igjen")
    expect(created.get_by_role("term")).to_have_text("Hemmelighet")
    secret = created.get_by_role("definition").inner_text().strip()
    assert SECRET_SHAPE.match(secret), secret
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    created.get_by_role("button", name="Kopier hemmeligheten").click()
    expect(toast(page, "Hemmeligheten er kopiert.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == secret
    # The list knows it by the secret's last characters, never by the secret
    webhooks = page.get_by_role("region", name="Kundens webhooks")
    row = webhooks.get_by_role("row").filter(has_text=ADDRESS)
    expect(row).to_contain_text("Stoppet, Levert")
    expect(row).to_contain_text(f"…{secret[-4:]}")
    expect(row).to_contain_text(KARI)
    expect(webhooks).not_to_contain_text(secret)
    # Hidden, the secret is gone from the page for good
    created.get_by_role("button", name=re.compile("skjul den")).click()
    expect(created).to_have_count(0)
    expect(page.get_by_text(secret)).to_have_count(0)
    # Bergen's accounting system sends an invoice, which is delivered: the webhook is told (or tried)
    send_with_the_demo_key(api, bergen, number)
    process_in_background(runtime)
    row.get_by_role("button", name=f"Leveranser til {ADDRESS}").click()
    expect(row.get_by_role("button", name=f"Leveranser til {ADDRESS}")).to_have_attribute("aria-expanded", "true")
    deliveries = page.get_by_role("region", name=f"Leveranser til {ADDRESS}")
    delivery = deliveries.get_by_role("row").filter(has=page.get_by_role("link", name=f"Åpne dokument {number}"))
    expect(delivery).to_have_count(1)
    expect(delivery).to_contain_text("Levert")
    # The address does not resolve: the delivery waits for its next try (or has failed), with the error
    expect(delivery).to_contain_text(re.compile("Venter|Feilet"))
    expect(delivery).to_contain_text("erp.nordlys-bergen.example")
    expect(delivery.get_by_role("gridcell").nth(3)).to_have_text("1")  # attempts
    without_toasts(page)
    screenshot(page, "106-webhooks")
    # The number opens the document
    delivery.get_by_role("link", name=f"Åpne dokument {number}").click()
    expect(page.get_by_role("heading", name=f"Faktura {number}", level=1)).to_be_visible()
    expect(page.locator(".document-status")).to_contain_text("Levert")
    page.go_back()
    # Deleted after a confirmation, the webhook and its deliveries are gone
    row = page.get_by_role("region", name="Kundens webhooks").get_by_role("row").filter(has_text=ADDRESS)
    row.get_by_role("button", name=f"Slett webhooken til {ADDRESS}").click()
    dialog = page.get_by_role("alertdialog", name=f"Slette webhooken til {ADDRESS}?")
    expect(dialog).to_contain_text("Systemet får ingen flere beskjeder på adressen")
    assert_accessible(page)
    with page.expect_response(lambda answer: "/webhooks/" in answer.url and answer.request.method == "DELETE"):
        dialog.get_by_role("button", name="Slett").click()
    expect(toast(page, f"Webhooken til {ADDRESS} er slettet.")).to_be_visible()
    expect(row).to_have_count(0)
    expect(page.get_by_role("region", name="Kundens webhooks")).to_contain_text("Kunden har ingen webhooks.")


def test_staff_see_the_webhooks_and_their_deliveries_but_register_none(
    page: Page, api: ApiClient, demo: DemoData
) -> None:
    bergen = demo.customer_ids["bergen"]
    url = f"https://erp-{secrets.token_hex(3)}.nordlys-bergen.example/hooks"
    # Given a webhook Bergen's user administrator registered
    kari = api.login(KARI)
    created = api.post(f"/customers/{bergen}/webhooks", token=kari, body={"url": url, "events": ["opened", "posted"]})
    assert created.status == 201, created.body
    # Staff may not register one
    admin = api.login("admin")
    refused = api.post(f"/customers/{bergen}/webhooks", token=admin, body={"url": url, "events": ["delivered"]})
    assert (refused.status, refused.error_code) == (403, "missing_role")
    # They see it, with its deliveries and the button that deletes it, and no form
    log_in(page, "admin", "anne.admin@kundeportal.example")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Kunder").click()
    page.get_by_role("link", name="Nordlys Bergen AS").click()
    page.get_by_role("link", name="Se dokumentene til Nordlys Bergen AS").click()
    expect(page.get_by_role("heading", name="Dokumenter for Nordlys Bergen AS")).to_be_visible()
    page.get_by_role("navigation", name="Dokumentsider").get_by_role("link", name="Webhooks").click()
    expect(page.get_by_text("Webhooks registreres av kundens brukeradministratorer")).to_be_visible()
    expect(page.get_by_role("form", name="Registrer en webhook")).to_have_count(0)
    row = page.get_by_role("region", name="Kundens webhooks").get_by_role("row").filter(has_text=url)
    expect(row).to_contain_text("Åpnet, Sendt i posten")
    expect(row.get_by_role("button", name=f"Slett webhooken til {url}")).to_be_visible()
    row.get_by_role("button", name=f"Leveranser til {url}").click()
    expect(page.get_by_role("region", name=f"Leveranser til {url}")).to_contain_text("Ingen leveranser ennå.")
    assert_accessible(page)
    # (The webhook goes again, so Bergen keeps room for the others.)
    webhook_id = created.body["webhook"]["webhook_id"]
    assert api.call("DELETE", f"/customers/{bergen}/webhooks/{webhook_id}", token=kari).status == 204
