"""AUTH-2 and AUTH-4 in the browser: each login kind of seed 002 logs in and finds, in the case search, exactly the
cases the seed's sentences give it (the same table the API test runs, tests/integration/test_cases.py), in a world
of its own: two customers with their objects, contacts linked to nothing, to an object and to a customer, and an
invoice-customer and an object login."""

from __future__ import annotations

import re
import secrets

import pytest
from playwright.sync_api import Page, expect

from infrastructure.local.runtime import Runtime
from tests.e2e.browser import log_in, screenshot
from tests.integration.case_world import World, file_case, world
from tests.integration.test_cases import FILINGS, VISIBILITY
from tests.support import ApiClient

__all__ = ["world"]  # the fixture, imported to be used here

pytestmark = pytest.mark.e2e

WORD = f"lekk{secrets.token_hex(3)}"  # only this module's cases carry it


@pytest.fixture(scope="module")
def filed(runtime: Runtime, world: World) -> dict[str, str]:
    """The cases of the API test's table, each titled with this module's word: key → title."""
    api = ApiClient(runtime.gateway)
    titles = {}
    for key, login, chosen, _ in FILINGS:
        body = {
            name: (world.customers[value] if name == "customer_id" else world.objects[value])
            for name, value in chosen.items()
        }
        title = f"Sak {key} {WORD}"
        reply = file_case(api, world.logins[login], title=title, **body)
        assert reply.status == 201, (key, reply.body)
        titles[key] = title
    return titles


@pytest.mark.parametrize(("login", "sentence", "sees"), VISIBILITY, ids=[row[0] for row in VISIBILITY])
def test_each_login_kind_finds_exactly_the_cases_seed_002_gives_it(
    page: Page, world: World, filed: dict[str, str], login: str, sentence: str, sees: set[str]
) -> None:
    assert sentence
    username = world.usernames[login]
    log_in(page, username, username)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Saker").click()
    expect(page.get_by_role("heading", name="Saker", level=1)).to_be_visible()
    search = page.get_by_role("search", name="Søk i saker")
    search.get_by_label("Fritekst").fill(WORD)
    search.get_by_role("button", name="Søk", exact=True).click()
    results = page.get_by_role("grid", name="Treff")
    if sees:
        expect(results.get_by_role("row").filter(has_text=WORD)).to_have_count(len(sees))
        rows = [row.inner_text() for row in results.get_by_role("row").filter(has_text=WORD).all()]
        shown = {match.group(1) for text in rows for match in [re.search(rf"Sak (k\d+) {WORD}", text)] if match}
        assert shown == sees, rows
    else:
        expect(page.get_by_text("Ingen saker", exact=False).first).to_be_visible()
        expect(results.get_by_role("row").filter(has_text=WORD)).to_have_count(0)
    if login in {"contact_object", "object"}:
        screenshot(page, f"190-cases-as-{login.replace('_', '-')}")
