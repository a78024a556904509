"""The browser the end-to-end tests drive (Debian's Chromium through Playwright) and what every page test uses:
logging in with a code from the dev mailbox, the axe audit, screenshots, toasts."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pypdf
from playwright.sync_api import Locator, Page, expect

from infrastructure.local.demo import DEMO_PASSWORD
from infrastructure.local.gateway import WEB_ROOT
from infrastructure.local.template import ROOT
from tests.support import newest_code_list

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
AXE = WEB_ROOT.parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def screenshot(page: Page, name: str) -> None:
    """Saves the page as a test artefact, after axe has found nothing against WCAG 2.2 A/AA on it."""
    assert_accessible(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def assert_accessible(page: Page) -> None:
    """axe-core (from the web app's locked dev dependencies) run in the page as it is now, open forms included."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated, not added as a <script>: the portal's Content-Security-Policy rightly refuses inline scripts.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        """async (tags) => (await axe.run(document, { runOnly: { type: "tag", values: tags } })).violations
            .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)""",
        WCAG_TAGS,
    )
    assert violations == [], "\n".join(violations)


def log_in(page: Page, username: str, email: str) -> None:
    page.goto("/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    prompt = page.get_by_text(re.compile(r"Skriv inn kode nummer \d+"))
    expect(prompt).to_be_visible()
    match = re.search(r"kode nummer (\d+)", prompt.inner_text())
    assert match
    page.get_by_label(re.compile(r"Kode nummer")).fill(newest_code_list(email)[int(match.group(1))])
    page.get_by_role("button", name="Fortsett").click()
    # Logged in once the start page is there (an address opened before would be replaced by it).
    expect(page.get_by_role("heading", name=re.compile("Du er logget inn som"))).to_be_visible()


def search_in(combobox: Locator, text: str) -> None:
    """Types into a field whose suggestions open as a list (ui/SearchComboBox), once the page has finished bringing
    the field into view: React Aria closes an open list when the page scrolls (its popover would come loose from the
    field), and a list closed without a choice puts the field's text back as it was. A person types into a field
    they see; Playwright scrolls to it as it types, and the scroll event can land after the list opened."""
    combobox.scroll_into_view_if_needed()
    combobox.page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    combobox.fill(text)


def new_customer(page: Page, name: str, group_number: str | None = None) -> str:
    """A customer of the test's own, from the register page, so the demo data other tests count stays as it is."""
    page.get_by_role("link", name="Ny kunde").click()
    number = str(uuid.uuid4().int)[:7]
    page.get_by_label("Navn *").fill(name)
    page.get_by_label("Kundenummer *").fill(number)
    if group_number:  # chosen by keyboard: type, arrow down to the match, Enter
        group = page.get_by_role("combobox", name="Konsern")
        search_in(group, group_number)
        expect(page.get_by_role("option", name=re.compile(rf"\({group_number}\)$"))).to_be_visible()
        group.press("ArrowDown")
        group.press("Enter")
        expect(group).to_have_value(re.compile(rf"\({group_number}\)$"))
    page.get_by_role("button", name="Lagre", exact=True).click()
    expect(page.get_by_role("heading", name=name)).to_be_visible()
    return number


def toast(page: Page, text: str | re.Pattern[str]) -> Locator:
    """A confirmation in the toast region, which screen readers announce (its content is an alert)."""
    return page.get_by_role("region", name="Meldinger").get_by_role("alert").filter(has_text=text)


def fits_the_screen(page: Page) -> bool:
    """Whether the page keeps to the window's width, asked until it does for up to 5 s (after a resize, charts
    redraw a moment later)."""
    # Asked again and again from here: Playwright's wait_for_function polls with eval() in the page once its first
    # answer is no, which the portal's Content-Security-Policy refuses (no 'unsafe-eval'); evaluate() is not refused.
    for _ in range(50):
        if page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"):
            return True
        page.wait_for_timeout(100)
    return False


def pdf_text(path: Path | None) -> str:
    """A downloaded PDF as text, no-break spaces as spaces."""
    assert path is not None
    pages = pypdf.PdfReader(path).pages
    return "\n".join(page.extract_text() for page in pages).replace("\xa0", " ")
