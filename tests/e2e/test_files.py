"""Files on customers, objects and cases in the browser (CASE-5; AUTH-3 "Upload", "Delete uploaded files"; AUTH-4).

The administrator uploads a small PDF on Nordlys Bergen's page through the card's file input: the browser posts it to
storage itself, the page waits while its bytes are checked, and the file is listed as ready and downloads as it was
sent. A file of a type the portal does not take is refused by the page before any request; a PNG named .pdf is
refused by the check, with the reason in words. A CSV put on the customer's shop (under Objects) is listed on the
customer with the object's name. Ola Hansen, a contact linked to Nordlys Bergen AS, finds the files on his start page
and downloads the PDF, with no way to upload or delete. The administrator deletes the files and they are gone. A
file put on a case is listed on the case, and its timeline says so.

The test's runtime polls no queues: the check of an upload runs when the test drains them, while the page reads the
file again every second. Each file has a word of its own, so the test finds its own whatever others uploaded."""

from __future__ import annotations

import re
import secrets
import time
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Download, Locator, Page, expect

from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from tests.e2e.browser import assert_accessible, log_in, screenshot, toast
from tests.support import PDF, ApiClient

pytestmark = pytest.mark.e2e

OLA = "ola.hansen@nordlys-bergen.no"
ADMIN = ("admin", "anne.admin@kundeportal.example")
BERGEN = "Nordlys Bergen AS"
SHOP = "Nordlys Bergen Torget"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(40)


def new_word() -> str:
    return f"nord{secrets.token_hex(3)}"


def open_customer(page: Page, name: str = BERGEN) -> None:
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Kunder").click()
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Logg ut").click()
    expect(page.get_by_role("heading", name="Logg inn")).to_be_visible()


def upload(place: Locator, path: Path) -> None:
    """Chooses the file in the upload form's labelled file input and sends it."""
    form = place.get_by_role("form", name=re.compile("^Last opp en fil"))
    form.get_by_label("Fil *", exact=True).set_input_files(path)
    form.get_by_role("button", name="Last opp", exact=True).click()


def until_shown(page: Page, runtime: Runtime, place: Locator, shown: Locator) -> None:
    """Drains the queues (the upload's check among them) until the page shows what the check decided; an upload
    that never reached storage fails at once, with the page's words."""
    failed = place.get_by_role("alert").filter(has_text="ble ikke lastet opp")
    deadline = time.monotonic() + 25
    while not shown.count():
        assert not failed.count(), failed.first.inner_text()
        assert time.monotonic() < deadline, "the upload was never checked"
        runtime.queues.drain()
        page.wait_for_timeout(250)


def file_row(place: Locator, name: str) -> Locator:
    return place.get_by_role("grid").get_by_role("row").filter(has_text=name)


def downloaded(download: Download) -> bytes:
    path = download.path()
    assert path is not None
    return Path(path).read_bytes()


def test_staff_upload_files_the_contact_downloads_and_staff_delete_them(
    page: Page, runtime: Runtime, tmp_path: Path
) -> None:
    word = new_word()
    name = f"Servicerapport {word}.pdf"
    (tmp_path / name).write_bytes(PDF)
    # Given the administrator on Nordlys Bergen's page
    log_in(page, *ADMIN)
    open_customer(page)
    card = page.get_by_role("region", name="Filer", exact=True)
    # A type the portal does not take is refused by the page itself, before any request
    (tmp_path / f"tegning {word}.gif").write_bytes(b"GIF89a" + bytes(20))
    upload(card, tmp_path / f"tegning {word}.gif")
    expect(card.get_by_role("form").get_by_role("alert")).to_contain_text("Filtypen tas ikke imot.")
    expect(card.get_by_label("Fil *", exact=True)).to_have_attribute("aria-invalid", "true")
    # When a PDF is uploaded through the card's file input
    upload(card, tmp_path / name)
    # the page says what it waits for: storage has it, the check has not run yet
    expect(card.get_by_role("status").filter(has_text=f"Kontrollerer {name} …")).to_be_visible()
    row = file_row(card, name)
    until_shown(page, runtime, card, row)
    # Then it is listed as ready, in words, and downloads as it was sent
    expect(toast(page, f"{name} er lastet opp.")).to_be_visible()
    expect(row).to_contain_text("PDF-dokument")
    expect(row).to_contain_text(f"{len(PDF)} byte")
    expect(row).to_contain_text("Anne Admin")
    expect(row).to_contain_text(time.strftime("%d.%m.%Y"))
    with page.expect_download() as downloading:
        row.get_by_role("link", name=name).click()
    assert downloading.value.suggested_filename == name
    assert downloaded(downloading.value) == PDF
    # When a PNG named .pdf is uploaded, the check refuses it and says why
    (tmp_path / "bilde.pdf").write_bytes(PNG)
    upload(card, tmp_path / "bilde.pdf")
    refused = card.get_by_role("alert").filter(has_text="bilde.pdf ble ikke lagret.")
    until_shown(page, runtime, card, refused)
    expect(refused).to_contain_text("Innholdet stemmer ikke med filtypen i filnavnet.")
    expect(file_row(card, "bilde.pdf")).to_have_count(0)
    card.scroll_into_view_if_needed()
    screenshot(page, "133-files-staff")
    # A CSV put on the customer's shop from its row under Objects is listed there, and on the customer by the shop
    measured = f"Målinger {word}.csv"
    (tmp_path / measured).write_bytes(b"Dato;Temperatur\n07.12.2026;-18,5\n")
    shop = page.get_by_role("region", name="Objekter", exact=True)
    shop.get_by_text("Filer", exact=True).click()
    of_shop = shop.get_by_role("region", name=f"Filer for {SHOP}")
    upload(of_shop, tmp_path / measured)
    until_shown(page, runtime, of_shop, file_row(of_shop, measured))
    expect(file_row(of_shop, measured)).to_contain_text("CSV-fil")
    expect(file_row(card, measured)).to_contain_text(SHOP)
    of_shop.scroll_into_view_if_needed()
    screenshot(page, "134-files-object")
    log_out(page)

    # Ola, a contact linked to Nordlys Bergen AS, finds the files on his start page and downloads the PDF
    log_in(page, OLA, OLA)
    mine = page.get_by_role("region", name=f"Filer hos {BERGEN}")
    listed = file_row(mine, name)
    expect(listed).to_contain_text("PDF-dokument")
    expect(listed).to_contain_text("Anne Admin")
    expect(file_row(mine, measured)).to_contain_text(SHOP)
    with page.expect_download() as downloading:
        listed.get_by_role("link", name=name).click()
    assert downloaded(downloading.value) == PDF
    # with no way to upload or delete
    expect(mine.get_by_role("form")).to_have_count(0)
    expect(page.locator("input[type=file]")).to_have_count(0)
    expect(mine.get_by_role("button", name=re.compile("Slett"))).to_have_count(0)
    screenshot(page, "135-files-contact")
    log_out(page)

    # The administrator deletes the files, and they are gone
    log_in(page, *ADMIN)
    open_customer(page)
    card = page.get_by_role("region", name="Filer", exact=True)
    for gone in (name, measured):
        file_row(card, gone).get_by_role("button", name=f"Slett {gone}").click()
        dialog = page.get_by_role("alertdialog", name=f"Slette {gone}?")
        expect(dialog).to_contain_text("Filen slettes for alle som kan se den")
        dialog.get_by_role("button", name="Slett", exact=True).click()
        expect(toast(page, f"{gone} er slettet.")).to_be_visible()
        expect(file_row(card, gone)).to_have_count(0)
    assert_accessible(page)


def test_a_file_put_on_a_case_is_listed_there_and_on_its_timeline(
    page: Page, api: ApiClient, demo: DemoData, runtime: Runtime, tmp_path: Path
) -> None:
    word = new_word()
    title = f"Kjølerom {word}"
    admin = api.login("admin")
    filed = api.post(
        "/cases",
        token=admin,
        body={"title": title, "customer_id": demo.customer_ids["bergen"], "object_id": demo.object_ids["bergen-shop"]},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert filed.status == 201, filed.body
    case = filed.body["case"]
    notes = f"Notater {word}.txt"
    (tmp_path / notes).write_bytes("Døra til kjølerommet lukker ikke.\n".encode())
    # Given the administrator on the case's page
    log_in(page, *ADMIN)
    page.goto(f"/#/cases/{case['case_id']}")
    expect(page.get_by_role("heading", name=f"Sak {case['number']}: {title}", level=1)).to_be_visible()
    card = page.get_by_role("region", name="Filer", exact=True)
    expect(card).to_contain_text("Ingen filer ennå.")
    # When a text file is uploaded to the case
    upload(card, tmp_path / notes)
    row = file_row(card, notes)
    until_shown(page, runtime, card, row)
    # Then it is listed on the case, and the case's timeline says it was added
    expect(row).to_contain_text("Tekstfil")
    timeline = page.get_by_role("region", name="Historikk")
    expect(timeline).to_contain_text(f"Fil lagt til: {notes}")
    card.scroll_into_view_if_needed()
    screenshot(page, "136-case-files")
