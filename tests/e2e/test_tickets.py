"""Support tickets (DOC-8) and deleting a customer (AUTH-3 "Delete") in the browser.

Ola Hansen, a contact of Nordlys Bergen AS, opens a ticket from his start page (the form says what is missing first);
the administrator finds it in the staff overview among the open ones, answers it and sets it in progress; Ola follows
the link e-mailed to him (a path, not the app's hash address), sees the answer and the status, and answers back;
the administrator closes it from the customer's page; Ola sees it closed, with no reply form but the reason.

The administrator deletes a customer of the test's own from its page and lands on the register; Nordlys Bergen AS,
which is in use, is refused with what uses it, in words.

Every ticket and customer has a word of its own, so each test finds its own whatever the others made."""

from __future__ import annotations

import re
import secrets
import time
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from infrastructure.local import mailbox
from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from tests.e2e.browser import log_in, screenshot, toast
from tests.support import ApiClient

pytestmark = pytest.mark.e2e

# A PNG as the terminal's screen: its signature, then the start of its header.
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40)
OLA = "ola.hansen@nordlys-bergen.no"
ADMIN = ("admin", "anne.admin@kundeportal.example")
BERGEN = "Nordlys Bergen AS"


def new_word() -> str:
    return f"hjelp{secrets.token_hex(3)}"


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Logg ut").click()
    expect(page.get_by_role("heading", name="Logg inn")).to_be_visible()


def without_toasts(page: Page) -> None:
    close = page.get_by_role("region", name="Meldinger").get_by_role("button", name="Lukk")
    for _ in range(10):
        if not close.count():
            break
        close.first.click()
    expect(close).to_have_count(0)


def status_of(page: Page) -> str:
    """The ticket's status as its page says it, beside its heading."""
    return page.get_by_role("heading", level=1).locator("xpath=..").locator(".status-badge").inner_text()


def link_mailed_to(runtime: Runtime, address: str, number: str) -> str:
    """The path of the ticket's link in the newest e-mail about it (the outbox is drained here: the test's runtime
    polls nothing by itself)."""
    runtime.streams.drain()
    runtime.queues.drain()
    told = [message for message in mailbox.messages_to(address) if f"henvendelse {number}" in message["subject"]]
    assert told, f"no e-mail about ticket {number} to {address}"
    match = re.search(r"https?://[^/\s]+(/#/customers/[0-9A-Za-z]+/tickets/[0-9A-Za-z]+)", told[0]["body"])
    assert match, told[0]["body"]
    return match.group(1)


def test_a_ticket_goes_between_the_customer_and_the_vendor_until_it_is_closed(
    page: Page, runtime: Runtime, tmp_path: Path
) -> None:
    word = new_word()
    subject = f"Kortterminalen svarer ikke {word}"
    # Ola opens a ticket for Nordlys Bergen from his start page; an empty form says what is missing
    log_in(page, OLA, OLA)
    page.get_by_role("link", name=f"Henvendelser til kundeservice for {BERGEN}").click()
    expect(page.get_by_role("heading", name="Henvendelser", level=1)).to_be_visible()
    expect(page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Henvendelser")).to_have_attribute(
        "aria-current", "page"
    )
    form = page.get_by_role("form", name="Ny henvendelse")
    form.get_by_role("button", name="Send henvendelsen").click()
    summary = form.get_by_role("alert")
    expect(summary).to_contain_text("Noe må rettes")
    expect(summary).to_contain_text("Emne: Må fylles ut.")
    expect(summary).to_contain_text("Beskrivelse: Må fylles ut.")
    expect(form.get_by_label("Emne *")).to_have_attribute("aria-invalid", "true")
    form.scroll_into_view_if_needed()
    screenshot(page, "180-ticket-new-missing")
    form.get_by_label("Emne *").fill(subject)
    form.get_by_label("Beskrivelse *").fill(
        "Terminalen i butikk 2 har vært nede siden i morges.\nVi har startet den på nytt."
    )
    form.get_by_role("button", name="Send henvendelsen").click()
    opened = toast(page, re.compile(r"Henvendelse \d+ er sendt til kundeservice\."))
    expect(opened).to_be_visible()
    match = re.search(r"Henvendelse (\d+)", opened.inner_text())
    assert match
    number = match.group(1)
    expect(page.get_by_role("heading", name=f"Henvendelse {number}: {subject}", level=1)).to_be_visible()
    assert status_of(page) == "Åpen"
    conversation = page.get_by_role("region", name="Samtalen")
    expect(conversation).to_contain_text("Vi har startet den på nytt.")
    expect(conversation).to_contain_text("Ingen svar ennå.")
    # He attaches a photo of the terminal's screen: the customer's users attach files to their own tickets
    attachments = page.get_by_role("region", name="Vedlegg")
    photo = tmp_path / "terminal.png"
    photo.write_bytes(PNG)
    form = attachments.get_by_role("form", name=re.compile("^Last opp en fil"))
    form.get_by_label("Fil *", exact=True).set_input_files(photo)
    form.get_by_role("button", name="Last opp", exact=True).click()
    listed = attachments.get_by_role("grid").get_by_role("row").filter(has_text="terminal.png")
    deadline = time.monotonic() + 25
    while not listed.count():
        assert time.monotonic() < deadline, "the attachment was never checked"
        runtime.queues.drain()
        page.wait_for_timeout(250)
    without_toasts(page)
    screenshot(page, "181-ticket-opened")
    log_out(page)

    # The administrator finds it among the open tickets of every customer, answers it and sets it in progress
    log_in(page, *ADMIN)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Henvendelser").click()
    expect(page.get_by_role("heading", name="Henvendelser", level=1)).to_be_visible()
    statuses = page.get_by_role("radiogroup", name="Vis henvendelser som er")
    expect(statuses.get_by_role("radio", name="Åpen")).to_be_checked()
    row = page.get_by_role("grid", name="Henvendelser med status Åpen").get_by_role("row").filter(has_text=subject)
    expect(row).to_contain_text(BERGEN)
    expect(row).to_contain_text("Ola Hansen")
    expect(row).to_contain_text("Ingen svar ennå")
    screenshot(page, "182-tickets-overview")
    row.get_by_role("link", name=f"Åpne henvendelse {number}: {subject}").click()
    expect(page.get_by_role("heading", name=f"Henvendelse {number}: {subject}", level=1)).to_be_visible()
    reply = page.get_by_role("form", name="Svar", exact=True)
    reply.get_by_label("Ditt svar *").fill("Vi sender en tekniker i dag. Hold terminalen tilkoblet.")
    reply.get_by_label("Status etter svaret").select_option(label="Under arbeid")
    reply.get_by_role("button", name="Send svaret").click()
    expect(toast(page, f"Svaret på henvendelse {number} er sendt.")).to_be_visible()
    expect(page.get_by_role("heading", level=1).locator("xpath=..")).to_contain_text("Under arbeid")
    answer = conversation.get_by_role("article", name=re.compile(r"^Anne Admin"))
    expect(answer).to_contain_text("Kundeservice")
    expect(answer).to_contain_text("Vi sender en tekniker i dag.")
    expect(reply.get_by_label("Ditt svar *")).to_have_value("")
    expect(
        page.get_by_role("region", name="Vedlegg").get_by_role("row").filter(has_text="terminal.png")
    ).to_contain_text("Ola Hansen")
    without_toasts(page)
    screenshot(page, "183-ticket-answered")
    log_out(page)

    # Ola follows the link e-mailed to him, sees the answer and the status, and answers back
    link = link_mailed_to(runtime, OLA, number)
    log_in(page, OLA, OLA)
    page.goto(link)
    expect(page.get_by_role("heading", name=f"Henvendelse {number}: {subject}", level=1)).to_be_visible()
    assert status_of(page) == "Under arbeid"
    expect(conversation.get_by_role("article", name=re.compile(r"^Anne Admin"))).to_contain_text("Kundeservice")
    expect(page.get_by_role("region", name="Endre status")).to_have_count(0)  # staff move it on, not the customer
    reply = page.get_by_role("form", name="Svar", exact=True)
    expect(reply.get_by_label("Status etter svaret")).to_have_count(0)
    reply.get_by_label("Ditt svar *").fill("Takk! Den virker igjen nå.")
    reply.get_by_role("button", name="Send svaret").click()
    expect(toast(page, f"Svaret på henvendelse {number} er sendt.")).to_be_visible()
    expect(page.get_by_role("heading", level=1).locator("xpath=..")).to_contain_text("Åpen")
    expect(conversation.get_by_role("article", name=re.compile(r"^Ola Hansen")).last).to_contain_text(
        "Den virker igjen nå."
    )
    without_toasts(page)
    screenshot(page, "184-ticket-customer-reply")
    log_out(page)

    # The administrator closes it from Nordlys Bergen's page
    log_in(page, *ADMIN)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Kunder").click()
    page.get_by_role("link", name=BERGEN, exact=True).click()
    expect(page.get_by_role("heading", name=BERGEN, level=1)).to_be_visible()
    card = page.get_by_role("region", name="Henvendelser", exact=True)
    listed = card.get_by_role("grid", name="Henvendelser", exact=True).get_by_role("row").filter(has_text=subject)
    expect(listed).to_contain_text("Åpen")
    expect(listed).to_contain_text("2 svar, sist fra kunden")
    card.scroll_into_view_if_needed()
    screenshot(page, "185-customer-tickets")
    listed.get_by_role("link", name=f"Åpne henvendelse {number}: {subject}").click()
    change = page.get_by_role("form", name="Endre status")
    change.get_by_label("Status").select_option(label="Lukket")
    change.get_by_role("button", name="Endre status").click()
    expect(toast(page, f"Henvendelse {number} har nå status «Lukket».")).to_be_visible()
    expect(page.get_by_role("heading", level=1).locator("xpath=..")).to_contain_text("Lukket")
    # The overview lists it among the closed ones now, not the open
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Henvendelser").click()
    still_open = page.get_by_role("grid", name="Henvendelser med status Åpen")
    expect(still_open).to_be_visible()
    expect(still_open.get_by_role("row").filter(has_text=subject)).to_have_count(0)
    page.get_by_role("radiogroup", name="Vis henvendelser som er").get_by_role("radio", name="Lukket").check()
    closed = page.get_by_role("grid", name="Henvendelser med status Lukket").get_by_role("row").filter(has_text=subject)
    expect(closed).to_contain_text("2 svar, sist fra kunden")
    log_out(page)

    # Ola sees it closed in his list and on its page, where no reply can be written any more
    log_in(page, OLA, OLA)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Henvendelser").click()
    chooser = page.get_by_label("Kunde", exact=True)
    if chooser.count():  # a login acting for several customers chooses Nordlys Bergen
        chooser.select_option(label=BERGEN)
    mine = page.get_by_role("grid", name=f"Henvendelser fra {BERGEN}").get_by_role("row").filter(has_text=subject)
    expect(mine).to_contain_text("Lukket")
    mine.get_by_role("link", name=f"Åpne henvendelse {number}: {subject}").click()
    expect(page.get_by_role("heading", name=f"Henvendelse {number}: {subject}", level=1)).to_be_visible()
    assert status_of(page) == "Lukket"
    expect(page.get_by_role("form", name="Svar", exact=True)).to_have_count(0)
    expect(page.get_by_role("region", name="Svar", exact=True)).to_contain_text(
        "Henvendelsen er lukket og kan ikke besvares."
    )
    expect(page.get_by_role("link", name="Opprett en ny henvendelse")).to_be_visible()
    screenshot(page, "186-ticket-closed")


def test_an_unused_customer_is_deleted_and_one_in_use_is_refused_with_what_uses_it(
    page: Page, api: ApiClient, demo: DemoData
) -> None:
    name = f"Feilregistrert {new_word()} AS"
    admin = api.login("admin")
    created = api.post(
        "/customers",
        token=admin,
        body={"name": name, "number": str(uuid.uuid4().int)[:7]},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert created.status == 201, created.body
    customer_id = created.body["customer_id"]
    log_in(page, *ADMIN)
    page.goto(f"/#/customers/{customer_id}")
    expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()
    page.get_by_role("button", name="Slett kunde").click()
    dialog = page.get_by_role("alertdialog", name=f"Slette {name}?")
    expect(dialog).to_contain_text("kan ikke hentes tilbake")
    expect(dialog).to_contain_text("deaktiverer du den i stedet")
    screenshot(page, "187-customer-delete-confirm")
    dialog.get_by_role("button", name="Slett kunde").click()
    expect(page.get_by_role("heading", name="Kunderegister", level=1)).to_be_visible()
    expect(toast(page, f"Kunden {name} er slettet.")).to_be_visible()
    screenshot(page, "188-customer-deleted")
    gone = api.get(f"/customers/{customer_id}", token=admin)
    assert gone.status == 404

    # Nordlys Bergen is in use: the delete is refused, and the page says with what
    page.goto(f"/#/customers/{demo.customer_ids['bergen']}")
    expect(page.get_by_role("heading", name=BERGEN, level=1)).to_be_visible()
    page.get_by_role("button", name="Slett kunde").click()
    page.get_by_role("alertdialog", name=f"Slette {BERGEN}?").get_by_role("button", name="Slett kunde").click()
    refusal = page.get_by_role("alert").filter(has_text="Kunden er i bruk")
    expect(refusal).to_contain_text("Deaktiver den i stedet")
    expect(refusal).to_contain_text(re.compile(r"Kunden har .*ordrer.* og .+\."))
    expect(refusal).to_contain_text("kontaktpersoner")
    expect(page.get_by_role("heading", name=BERGEN, level=1)).to_be_visible()
    without_toasts(page)
    screenshot(page, "189-customer-delete-refused")
    assert api.get(f"/customers/{demo.customer_ids['bergen']}", token=admin).status == 200
