"""Viewing copies in the browser (DOC-3): the sender sees a document as its recipient sees it on paper, in the
e-mail and in the online bank, made as PDFs in the background and downloaded; the document settings carry the look
(colour, footer, logo) the copies are made in."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from infrastructure.local.runtime import Runtime
from tests.e2e.browser import pdf_text, screenshot
from tests.e2e.test_documents import open_documents_of_bergen, row_of

pytestmark = pytest.mark.e2e


def test_the_sender_downloads_a_viewing_copy_as_the_recipient_sees_it_on_paper(page: Page, runtime: Runtime) -> None:
    overview = open_documents_of_bergen(page)
    row_of(overview, "2026-1001").get_by_role("link", name=re.compile(r" 2026-1001$")).click()
    copies = page.get_by_role("region", name="Visningskopi")
    expect(copies).to_be_visible()
    with page.expect_response(
        lambda answer: answer.url.endswith("/viewing-copies") and answer.request.method == "POST"
    ):
        copies.get_by_role("button", name="Lag visningskopi: Papir").click()
    runtime.streams.drain()
    runtime.queues.drain()
    pdf = copies.get_by_role("link", name=re.compile(r"^Last ned Papir \(PDF, \d+ kB\)"))
    expect(pdf).to_be_focused(timeout=20_000)
    screenshot(page, "103-viewing-copy")
    with page.expect_download() as downloading:
        pdf.click()
    text = pdf_text(downloading.value.path())
    assert "Faktura 2026-1001" in text
    assert "Fjellbakeriet AS" in text
    assert "Storgata 12" in text


def test_the_document_settings_carry_the_look_of_the_copies(page: Page) -> None:
    open_documents_of_bergen(page)
    page.get_by_role("navigation", name="Dokumentsider").get_by_role("link", name="Innstillinger").click()
    layout = page.get_by_role("group", name="Utseende på visningskopiene")
    expect(layout.get_by_label("Farge på overskrifter")).to_be_visible()
    expect(layout.get_by_label("Bunntekst")).to_be_visible()
    logo = page.get_by_role("form", name="Logo")
    logo.get_by_role("button", name="Last opp logo").click()
    expect(logo.get_by_role("alert")).to_contain_text("Velg en bildefil først")
    screenshot(page, "104-document-layout")
