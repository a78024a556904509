"""Bulk upload of an existing customer register in the browser (ORG-3; seed 003: "Ladda upp register").

The administrator opens the customer register and follows "Last opp register". A sheet that is not a CSV file is
refused by the page before any request. A CSV file as Nordic Excel saves it (Windows-1252, semicolons) with two new
customers and one row whose organisation number fails its check is uploaded: the browser posts it to storage itself,
and the page reads the upload again while the worker goes through it. The result counts two new customers and one
rejected row, which is listed with its line in the file and the reason in Norwegian; the per-row report downloads as
a CSV file for Excel (UTF-8 with a byte-order mark), the upload is listed among the earlier ones, and the new customer
is found in the register's search.

The test's runtime polls no queues: the import runs when the test drains them, while the page reads the upload again
every second. The customer numbers come from a uuid, so the rows are new whatever else the session made."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Download, Locator, Page, expect

from infrastructure.local.runtime import Runtime
from tests.e2e.browser import assert_accessible, log_in, screenshot

pytestmark = pytest.mark.e2e

ADMIN = ("admin", "anne.admin@kundeportal.example")
UTF8_BOM = b"\xef\xbb\xbf"


def register_file(numbers: list[str]) -> bytes:
    """Three customers as Nordic Excel saves a sheet: Windows-1252, `;`, CRLF. The third's organisation number fails
    its check digit."""
    rows = [
        "Kundenummer;Navn;Organisasjonsnummer;Kontaktperson;Poststed",
        f"{numbers[0]};Ørsta Rør AS;;Åse Søvik;Ørsta",
        f"{numbers[1]};Bjørkli Bygg AS;;;Ålesund",
        f"{numbers[2]};Feilnummer Handel AS;123456789;;Bergen",
    ]
    return ("\r\n".join(rows) + "\r\n").encode("cp1252")


def until_shown(page: Page, runtime: Runtime, shown: Locator) -> None:
    """Drains the queues (the import among them) until the page shows what the import made of the file."""
    deadline = time.monotonic() + 30
    while not shown.count():
        assert time.monotonic() < deadline, "the upload was never imported"
        runtime.queues.drain()
        page.wait_for_timeout(250)


def downloaded(download: Download) -> bytes:
    path = download.path()
    assert path is not None
    return Path(path).read_bytes()


def test_staff_upload_a_register_and_read_which_rows_were_rejected_and_why(
    page: Page, runtime: Runtime, tmp_path: Path
) -> None:
    base = str(uuid.uuid4().int)[:6]
    numbers = [f"{base}{index}" for index in (1, 2, 3)]
    csv_file = tmp_path / f"kunderegister {base}.csv"
    csv_file.write_bytes(register_file(numbers))
    # Given the administrator in the customer register
    log_in(page, *ADMIN)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Kunder").click()
    page.get_by_role("link", name="Last opp register").click()
    expect(page.get_by_role("heading", name="Last opp register", level=1)).to_be_visible()
    form = page.get_by_role("form", name="Last opp register")
    chooser = form.get_by_label("CSV-fil *", exact=True)
    # A sheet that is not saved as CSV is refused by the page itself, before any request
    sheet = tmp_path / "kunderegister.xlsx"
    sheet.write_bytes(b"PK\x03\x04" + bytes(20))
    chooser.set_input_files(sheet)
    form.get_by_role("button", name="Last opp", exact=True).click()
    expect(form.get_by_role("alert")).to_contain_text("Velg en CSV-fil (.csv eller .txt).")
    expect(chooser).to_have_attribute("aria-invalid", "true")
    # When the CSV file is uploaded
    chooser.set_input_files(csv_file)
    form.get_by_role("button", name="Last opp", exact=True).click()
    # The page says where the upload is: in storage, waiting for the worker (which runs when the queues are drained)
    expect(page.get_by_role("status")).to_have_text(f"{csv_file.name} er lastet opp og venter på å bli lest…")
    result = page.get_by_role("region", name=f"Resultat for {csv_file.name}")
    until_shown(page, runtime, result)
    # Then two customers are new and one row is rejected, with its line and the reason in Norwegian
    counts = result.locator("dl")
    expect(counts).to_contain_text("Nye kunder2")
    expect(counts).to_contain_text("Fantes allerede i registeret0")
    expect(counts).to_contain_text("Avvist1")
    expect(page.get_by_role("status").filter(has_text=f"{csv_file.name} er lest inn")).to_contain_text("2 nye kunder")
    rejected = result.get_by_role("grid", name="Avviste rader")
    expect(rejected.get_by_role("row")).to_have_count(2)  # the header and the one rejected row
    row = rejected.get_by_role("row").filter(has_text="Feilnummer Handel AS")
    expect(row.get_by_role("gridcell").first).to_have_text("4")  # the header is line 1
    expect(row).to_contain_text(numbers[2])
    expect(row).to_contain_text(
        "Organisasjonsnummer: Organisasjonsnummeret er ikke gyldig (kontrollsiffer stemmer ikke)."
    )
    expect(result).not_to_contain_text("{")
    screenshot(page, "154-customer-import-result")
    # The per-row report downloads as a CSV file for Excel
    with page.expect_download() as downloading:
        result.get_by_role("link", name="Last ned rapporten (CSV)").click()
    report = downloaded(downloading.value)
    assert report.startswith(UTF8_BOM)
    text = report.decode("utf-8-sig")
    assert "rejected" in text
    assert "Ørsta Rør AS" in text
    assert downloading.value.suggested_filename.endswith(".csv")
    # The upload is listed among the earlier ones, with who uploaded it and how it went
    earlier = page.get_by_role("grid", name="Tidligere opplastinger")
    listed = earlier.get_by_role("row").filter(has_text=csv_file.name)
    expect(listed).to_contain_text("Anne Admin")
    expect(listed).to_contain_text("Ferdig")
    expect(listed).to_contain_text("2 nye, 0 fantes fra før, 1 avvist")
    expect(listed.get_by_role("link", name=f"Last ned rapporten for {csv_file.name}")).to_be_visible()
    assert_accessible(page)

    # And the new customer is found in the register's search
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Kunder").click()
    page.get_by_label("Søk på navn, kontaktperson eller e-post").fill("Ørsta Rør")
    page.get_by_role("button", name="Søk").click()
    found = page.get_by_role("grid", name="Kunderegister").get_by_role("row").filter(has_text=numbers[0])
    expect(found.get_by_role("link", name="Ørsta Rør AS", exact=True)).to_be_visible()
    expect(found).to_contain_text("Åse Søvik")
    expect(page.get_by_role("link", name="Feilnummer Handel AS")).to_have_count(0)
