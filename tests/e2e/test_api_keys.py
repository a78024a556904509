"""A customer's API keys in the browser (DOC-3): the user administrator of a group creates a key for one of its
subsidiaries, sees it once and copies it; the customer's system then reads the documents with it, and once she
revokes it the same request is refused. Staff who may change the customer's users list and revoke keys but
create none.

The demo's own key (Regnskapssystem) is left as it is: other tests use it."""

from __future__ import annotations

import re
import secrets
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from infrastructure.local.demo import DemoData
from tests.e2e.browser import assert_accessible, log_in, screenshot, toast
from tests.support import local_today

pytestmark = pytest.mark.e2e

KARI = "kari.nordmann@nordlys.no"
KEY_SHAPE = re.compile(r"^kpk_[0-9A-Z]{26}_[A-Za-z0-9_-]{43}$")


def open_api_keys_of_bergen(page: Page) -> None:
    """Kari's documents open at the group; she chooses Bergen, then the API keys among the document pages."""
    log_in(page, KARI, KARI)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Dokumenter").click()
    expect(page.get_by_role("heading", name="Dokumenter for Nordlys Gruppen AS")).to_be_visible()
    page.get_by_role("combobox", name="Kunde", exact=True).select_option(label="Nordlys Bergen AS")
    expect(page.get_by_role("heading", name="Dokumenter for Nordlys Bergen AS")).to_be_visible()
    page.get_by_role("navigation", name="Dokumentsider").get_by_role("link", name="API-nøkler").click()
    expect(page.get_by_role("heading", name="API-nøkler", level=2)).to_be_visible()


def test_a_user_administrator_creates_a_key_that_works_until_she_revokes_it(page: Page, demo: DemoData) -> None:
    bergen = demo.customer_ids["bergen"]
    documents = f"/api/customers/{bergen}/documents"
    name = f"Økonomisystem {secrets.token_hex(3)}"
    open_api_keys_of_bergen(page)
    # What a key is for, how it is sent, and that it is shown once
    about = page.get_by_role("region", name="API-nøkler")
    expect(about).to_contain_text("økonomi- eller ERP-system")
    expect(about.get_by_text("Authorization: Bearer kpk_…")).to_be_visible()
    expect(about).to_contain_text("vises bare én gang")
    keys = page.get_by_role("region", name="Kundens nøkler")
    expect(keys.get_by_role("row").filter(has_text="Regnskapssystem (demo)")).to_contain_text(
        "Sende og lese dokumenter"
    )
    # An expiry more than a year ahead is refused at its field before anything is sent
    form = page.get_by_role("form", name="Opprett en API-nøkkel")
    form.get_by_label("Navn på nøkkelen *").fill(name)
    form.get_by_label("Hva nøkkelen gir lov til *").select_option(label="Lese dokumenter")
    form.get_by_role("spinbutton", name=re.compile("^dag.*Gyldig til og med")).focus()
    page.keyboard.type(date(local_today().year + 2, 1, 31).strftime("%d%m%Y"))
    form.get_by_role("button", name="Opprett nøkkel").click()
    expect(page.get_by_role("alert").filter(has_text="Noe må rettes")).to_contain_text(
        "Gyldig til og med: Velg en dato fra i dag til høyst ett år fram."
    )
    assert_accessible(page)  # the form with its error shown, too
    form.get_by_role("spinbutton", name=re.compile("^dag.*Gyldig til og med")).focus()
    page.keyboard.type((local_today() + timedelta(days=90)).strftime("%d%m%Y"))
    with page.expect_response(lambda answer: answer.url.endswith("/api-keys") and answer.request.method == "POST"):
        form.get_by_role("button", name="Opprett nøkkel").click()
    expect(toast(page, f"API-nøkkelen {name} er opprettet.")).to_be_visible()
    # The key, this once, with the warning; copied to the clipboard with one button
    created = page.get_by_role("region", name=f"Ny API-nøkkel: {name}")
    expect(created).to_contain_text("Lese dokumenter, gyldig til og med")
    expect(created).to_contain_text("Den vises ikke igjen")
    expect(created.get_by_role("term")).to_have_text("API-nøkkel")
    key = created.get_by_role("definition").inner_text().strip()
    assert KEY_SHAPE.match(key), key
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    created.get_by_role("button", name="Kopier nøkkelen").click()
    expect(toast(page, "Nøkkelen er kopiert.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == key
    # The list knows it by its id and last characters, never by the whole key
    row = keys.get_by_role("row").filter(has_text=name)
    expect(row).to_contain_text(f"{key[:30]}_…{key[-4:]}")
    expect(row).to_contain_text("Lese dokumenter")
    expect(row).to_contain_text("Aktiv")
    expect(row).to_contain_text(KARI)
    expect(keys).not_to_contain_text(key)
    screenshot(page, "105-api-keys")
    # The customer's system reads Bergen's documents with it, and nothing else of the portal
    answer = page.request.get(documents, headers={"Authorization": f"Bearer {key}"})
    assert answer.status == 200, answer.text()
    assert "items" in answer.json()
    refused = page.request.get(f"/api/customers/{bergen}/api-keys", headers={"Authorization": f"Bearer {key}"})
    assert refused.status == 403, refused.text()
    assert refused.json()["error"]["code"] == "api_key_not_allowed"
    # Hidden, the key is gone from the page for good
    created.get_by_role("button", name=re.compile("skjul den")).click()
    expect(created).to_have_count(0)
    expect(page.get_by_text(key)).to_have_count(0)
    # Revoked after a confirmation, it stops working at once
    row.get_by_role("button", name=f"Tilbakekall {name}").click()
    dialog = page.get_by_role("alertdialog", name=f"Tilbakekalle nøkkelen {name}?")
    expect(dialog).to_contain_text("slutter å virke med en gang")
    assert_accessible(page)
    with page.expect_response(lambda answer: "/api-keys/" in answer.url and answer.request.method == "DELETE"):
        dialog.get_by_role("button", name="Tilbakekall").click()
    expect(toast(page, f"API-nøkkelen {name} er tilbakekalt.")).to_be_visible()
    expect(row).to_contain_text("Tilbakekalt")
    expect(row.get_by_role("button", name=f"Tilbakekall {name}")).to_have_count(0)
    answer = page.request.get(documents, headers={"Authorization": f"Bearer {key}"})
    assert answer.status == 401, answer.text()


def test_staff_list_and_may_revoke_keys_but_create_none(page: Page) -> None:
    log_in(page, "admin", "anne.admin@kundeportal.example")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Kunder").click()
    page.get_by_role("link", name="Nordlys Bergen AS").click()
    page.get_by_role("link", name="Se dokumentene til Nordlys Bergen AS").click()
    expect(page.get_by_role("heading", name="Dokumenter for Nordlys Bergen AS")).to_be_visible()
    page.get_by_role("navigation", name="Dokumentsider").get_by_role("link", name="API-nøkler").click()
    expect(page.get_by_text("Nøkler opprettes av kundens brukeradministratorer")).to_be_visible()
    expect(page.get_by_role("form", name="Opprett en API-nøkkel")).to_have_count(0)
    demo_key = (
        page.get_by_role("region", name="Kundens nøkler").get_by_role("row").filter(has_text="Regnskapssystem (demo)")
    )
    expect(demo_key.get_by_role("button", name="Tilbakekall Regnskapssystem (demo)")).to_be_visible()
    assert_accessible(page)
