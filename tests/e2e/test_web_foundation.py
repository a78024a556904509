"""The web foundation as each kind of user meets it: navigation by what /me allows, forms that show every
problem at once and keep what was typed, lists whose columns are remembered, a language switch with an error
on screen, dialogs and the date picker by keyboard alone, and the pages for a customer's users."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Browser, Page, expect

from infrastructure.local import mailbox
from infrastructure.local.runtime import Runtime
from tests.e2e.browser import log_in, new_customer, screenshot, toast
from tests.outbox import create_login, refusing_ses
from tests.support import link_token

pytestmark = pytest.mark.e2e

NAVIGATION = [
    (
        "admin",
        "anne.admin@kundeportal.example",
        ["Info", "Saker", "Henvendelser", "Kunder", "Registreringer", "Produktkatalog", "Innstillinger", "Rapporter"],
    ),
    (
        "selger",
        "sven.selger@kundeportal.example",
        ["Info", "Saker", "Henvendelser", "Kunder", "Registreringer", "Rapporter"],
    ),
    ("tekniker", "tore.tekniker@kundeportal.example", ["Info", "Saker", "Kunder", "Rapporter"]),
    (
        "kari.nordmann@nordlys.no",
        "kari.nordmann@nordlys.no",
        ["Info", "Ordre", "Ansatte", "Dokumenter", "Saker", "Henvendelser", "Brukere", "Fakturaer"],
    ),
    (
        "ola.hansen@nordlys-bergen.no",
        "ola.hansen@nordlys-bergen.no",
        ["Info", "Ordre", "Innskudd", "Saker", "Henvendelser", "Rapporter"],
    ),
    ("per.bakke@fjellbakeriet.no", "per.bakke@fjellbakeriet.no", ["Info", "Saker", "Henvendelser"]),
    ("faktura-20000", "faktura@fjellbakeriet.no", ["Info", "Dokumenter", "Saker", "Henvendelser", "Fakturaer"]),
    ("objekt-fb-1", "storgata@fjellbakeriet.no", ["Info", "Saker", "Henvendelser"]),
]


@pytest.mark.parametrize(("username", "email", "tabs"), NAVIGATION, ids=[case[0] for case in NAVIGATION])
def test_each_principal_is_offered_only_the_sections_it_may_use(
    page: Page, username: str, email: str, tabs: list[str]
) -> None:
    log_in(page, username, email)
    expect(page.get_by_role("navigation", name="Hovedmeny").get_by_role("link")).to_have_text(tabs)
    screenshot(page, f"20-start-{username.split('@', maxsplit=1)[0]}")


def test_the_start_page_shows_a_customer_user_its_customers_and_roles(page: Page) -> None:
    log_in(page, "kari.nordmann@nordlys.no", "kari.nordmann@nordlys.no")
    acting = page.get_by_role("region", name="Kundene du handler for")
    expect(acting).to_contain_text("Nordlys Gruppen AS")
    expect(acting).to_contain_text("Dine roller: Brukeradministrator, Godkjenner, Fakturaleser")
    expect(acting.get_by_role("link", name="Brukere hos Nordlys Gruppen AS")).to_be_visible()


def test_a_salesperson_is_offered_changes_only_where_it_may_make_them(page: Page) -> None:
    log_in(page, "selger", "sven.selger@kundeportal.example")
    page.get_by_role("navigation").get_by_role("link", name="Kunder").click()
    page.get_by_role("link", name="Fjellbakeriet AS").click()
    expect(page.get_by_role("heading", name="Fjellbakeriet AS")).to_be_visible()
    expect(page.get_by_role("region", name="Objekter")).to_contain_text("Fjellbakeriet Storgata")
    # Not assigned to them: read only
    expect(page.get_by_role("button", name="Endre", exact=True)).to_have_count(0)
    expect(page.get_by_role("button", name="Deaktiver")).to_have_count(0)
    expect(page.get_by_role("region", name="Objekter").get_by_role("button")).to_have_count(0)
    # Assigned to them: they change it, but only an administrator changes the customer number
    page.get_by_role("link", name="Tilbake til kunderegisteret").click()
    page.get_by_role("link", name="Nordlys Oslo AS").click()
    page.get_by_role("button", name="Endre", exact=True).click()
    expect(page.get_by_label("Kundenummer *")).to_have_attribute("readonly", "")
    expect(page.get_by_text("Bare en administrator kan endre kundenummeret.")).to_be_visible()
    screenshot(page, "21-assigned-customer-edit")


def test_every_problem_the_api_finds_is_shown_at_once_and_nothing_typed_is_lost(page: Page) -> None:
    log_in(page, "admin", "anne.admin@kundeportal.example")
    page.get_by_role("navigation").get_by_role("link", name="Kunder").click()
    page.get_by_role("link", name="Ny kunde").click()
    page.get_by_label("Navn *").fill("Feil Overalt AS")
    page.get_by_label("Kundenummer *").fill(str(uuid.uuid4().int)[:7])
    page.get_by_label("Organisasjonsnummer").fill("912345689")  # wrong check digit: only the API knows
    page.get_by_label("Postnummer").fill("12")  # too short for Norway: only the API knows the country's rule
    page.get_by_label("Telefon").fill("ring meg")  # not a phone number: the browser knows that itself
    page.get_by_role("button", name="Lagre", exact=True).click()
    summary = page.locator("#customer").get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(
        ["Telefon: Et telefonnummer har 5 til 15 siffer, gjerne med + og landskode først."]
    )
    page.get_by_label("Telefon").fill("+47 22 33 44 55")
    page.get_by_role("button", name="Lagre", exact=True).click()
    # The API's problems all come in one reply, each next to its field
    for field in ["Organisasjonsnummer", "Postnummer"]:
        expect(summary.get_by_role("link", name=re.compile(f"^{field}:"))).to_be_visible()
        expect(page.get_by_label(field, exact=True)).to_have_attribute("aria-invalid", "true")
    expect(summary.get_by_role("link")).to_have_count(2)
    expect(page.locator("#customer-postal_code-error")).to_contain_text("4 siffer")
    expect(page.get_by_label("Telefon")).to_have_value("+47 22 33 44 55")
    screenshot(page, "22-several-errors")
    # A language switch rewords what is on screen, the errors included, and keeps what was typed
    page.get_by_label("Språk").select_option("en")
    expect(summary).to_contain_text("Please correct the following before saving")
    expect(page.locator("#customer-postal_code-error")).to_contain_text("4 digits")
    expect(page.get_by_label("Phone")).to_have_value("+47 22 33 44 55")
    screenshot(page, "23-errors-in-english")
    page.get_by_label("Language").select_option("nb")


def test_chosen_columns_are_in_the_address_and_remembered_for_the_user(page: Page) -> None:
    log_in(page, "tekniker", "tore.tekniker@kundeportal.example")
    page.get_by_role("navigation").get_by_role("link", name="Kunder").click()
    headers = page.get_by_role("columnheader")
    expect(headers).to_have_text(["Kundenummer", "Navn", "Kontaktperson", "E-post", "Sted"])
    page.get_by_role("button", name="Kolonner").click()
    page.get_by_role("menuitemcheckbox", name="E-post").click()
    page.get_by_role("menuitemcheckbox", name="Status").click()
    page.keyboard.press("Escape")
    expect(headers).to_have_text(["Kundenummer", "Navn", "Kontaktperson", "Sted", "Status"])
    assert "columns=" in page.url
    export = page.get_by_role("link", name="Eksporter til CSV").get_attribute("href") or ""
    assert "columns=status" in export
    assert "columns=email" not in export
    page.reload()
    expect(headers).to_have_text(["Kundenummer", "Navn", "Kontaktperson", "Sted", "Status"])
    # Coming back to the list without the address's choice, the user's own choice is remembered
    page.get_by_role("navigation").get_by_role("link", name="Info").click()
    page.get_by_role("navigation").get_by_role("link", name="Kunder").click()
    expect(headers).to_have_text(["Kundenummer", "Navn", "Kontaktperson", "Sted", "Status"])
    screenshot(page, "24-chosen-columns")


def test_a_dialog_and_the_date_picker_by_keyboard_alone(page: Page) -> None:
    log_in(page, "admin", "anne.admin@kundeportal.example")
    page.get_by_role("navigation").get_by_role("link", name="Kunder").click()
    new_customer(page, "Tastatur AS")
    # The confirmation opens on Enter, holds focus, and Escape gives focus back to the button that opened it
    deactivate = page.get_by_role("button", name="Deaktiver")
    deactivate.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("alertdialog", name="Deaktivere Tastatur AS?")
    expect(dialog.get_by_role("button", name="Avbryt")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name="Avbryt")).to_be_focused()  # focus stays inside the dialog
    screenshot(page, "25-confirm-dialog")
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(deactivate).to_be_focused()
    expect(page.get_by_role("heading", name="Tastatur AS")).not_to_contain_text("Inaktiv")
    # The date picker: typed as dd.mm.yyyy, then changed in its calendar with the arrow keys
    page.get_by_role("button", name="Endre", exact=True).click()
    contract_date = page.get_by_role("group", name="Avtaledato")  # the customer page has other date fields too
    day = contract_date.get_by_role("spinbutton", name=re.compile("^dag"))
    day.focus()
    page.keyboard.type("28022027")
    expect(contract_date).to_contain_text("28.02.2027")
    page.keyboard.press("Tab")
    expect(contract_date.get_by_role("button", name=re.compile("Velg dato i kalender"))).to_be_focused()
    page.keyboard.press("Enter")
    calendar = page.get_by_role("dialog", name="Avtaledato")
    expect(calendar.get_by_role("heading")).to_have_text("februar 2027")
    screenshot(page, "26-date-picker")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    expect(page.get_by_role("group", name="Avtaledato")).to_contain_text("01.03.2027")
    page.get_by_role("button", name="Lagre", exact=True).click()
    expect(page.locator(".details")).to_contain_text("Avtaledato01.03.2027")


def test_a_customers_user_administrator_invites_changes_deactivates_and_deletes_users(page: Page) -> None:
    log_in(page, "kari.nordmann@nordlys.no", "kari.nordmann@nordlys.no")
    page.get_by_role("navigation").get_by_role("link", name="Brukere").click()
    expect(page.get_by_role("heading", name="Brukere hos Nordlys Gruppen AS")).to_be_visible()
    users = page.get_by_role("region", name="Brukere hos Nordlys Gruppen AS")
    expect(users).to_contain_text("Kari Nordmann")
    # Invite: every problem at once, then the invitation
    invite = page.get_by_role("form", name="Inviter en bruker")
    invite.get_by_role("button", name="Send invitasjon").click()
    expect(invite.get_by_role("alert")).to_contain_text("Navn: Må fylles ut.")
    expect(invite.get_by_role("alert")).to_contain_text("E-post:")
    email = f"nina-{uuid.uuid4().hex[:6]}@nordlys.no"
    invite.get_by_label("Navn *").fill("Nina Ny")
    invite.get_by_label("E-post *").fill(email)
    invite.get_by_label(re.compile("^Bestiller")).check()
    invite.get_by_role("button", name="Send invitasjon").click()
    expect(toast(page, f"Invitasjon sendt til Nina Ny ({email}).")).to_be_visible()
    row = users.get_by_role("listitem").filter(has_text="Nina Ny")
    expect(row).to_contain_text("Bestiller")
    assert link_token(email, "UserReport")  # the invitation carries a link to choose the password, no password
    screenshot(page, "27-users")
    # Change the roles in a dialog
    row.get_by_role("button", name="Endre roller for Nina Ny").click()
    dialog = page.get_by_role("dialog", name="Rollene til Nina Ny")
    dialog.get_by_label(re.compile("^Godkjenner")).check()
    screenshot(page, "28-roles-dialog")
    dialog.get_by_role("button", name="Lagre", exact=True).click()
    expect(row).to_contain_text("Bestiller, Godkjenner")
    # Deactivate, after confirming
    row.get_by_role("button", name="Deaktiver Nina Ny").click()
    confirm = page.get_by_role("alertdialog", name="Deaktivere Nina Ny?")
    expect(confirm).to_contain_text("logget ut med en gang")
    confirm.get_by_role("button", name="Deaktiver").click()
    expect(row).to_contain_text("inaktiv")
    # Delete, after confirming
    row.get_by_role("button", name="Slett Nina Ny").click()
    page.get_by_role("alertdialog", name="Slette Nina Ny?").get_by_role("button", name="Slett").click()
    expect(toast(page, "Nina Ny er slettet.")).to_be_visible()
    expect(users.get_by_role("listitem").filter(has_text="Nina Ny")).to_have_count(0)


def test_users_without_the_role_are_not_offered_user_administration(page: Page) -> None:
    log_in(page, "ola.hansen@nordlys-bergen.no", "ola.hansen@nordlys-bergen.no")
    page.goto("/#/users")
    expect(page.get_by_role("heading", name=re.compile("Du er logget inn som Ola Hansen"))).to_be_visible()


def test_staff_reach_a_customers_users_from_its_page(page: Page) -> None:
    log_in(page, "admin", "anne.admin@kundeportal.example")
    page.get_by_role("navigation").get_by_role("link", name="Kunder").click()
    page.get_by_role("link", name="Nordlys Bergen AS").click()
    page.get_by_role("link", name="Se og administrer brukerne til Nordlys Bergen AS").click()
    expect(page.get_by_role("heading", name="Brukere hos Nordlys Bergen AS")).to_be_visible()
    expect(page.get_by_role("region", name="Brukere hos Nordlys Bergen AS")).to_contain_text("Ola Hansen")
    screenshot(page, "29-users-for-staff")


def test_the_portal_breaks_no_content_security_rule(browser: Browser, base_url: str) -> None:
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    log_in(page, "admin", "anne.admin@kundeportal.example")
    page.get_by_role("navigation").get_by_role("link", name="Kunder").click()
    page.get_by_role("link", name="Nordlys Oslo AS").click()
    page.get_by_role("button", name="Endre", exact=True).click()
    expect(
        page.get_by_role("group", name="Avtaledato").get_by_role("spinbutton", name=re.compile("^dag"))
    ).to_be_visible()
    context.close()
    assert violations == []


def test_customer_service_is_on_every_page_and_an_administrator_keeps_it_up_to_date(page: Page) -> None:
    page.goto("/")
    footer = page.get_by_role("contentinfo")
    expect(footer.get_by_role("heading", name="Kundeservice")).to_be_visible()
    expect(footer.get_by_role("link", name=re.compile(r"^\+47"))).to_be_visible()
    log_in(page, "admin", "anne.admin@kundeportal.example")
    page.get_by_role("navigation").get_by_role("link", name="Innstillinger").click()
    hours = f"Man–fre 07–{uuid.uuid4().int % 10 + 15}"
    support = page.get_by_role("form", name="Kundeservice")
    support.get_by_label("Åpningstider (Norsk (bokmål))").fill(hours)
    support.get_by_label("Telefon").fill("ring oss")
    support.get_by_role("button", name="Lagre", exact=True).click()
    expect(page.locator("#support").get_by_role("alert")).to_contain_text(
        "Telefon: Et telefonnummer har 5 til 15 siffer"
    )
    support.get_by_label("Telefon").fill("+47 22 33 44 55")
    support.get_by_role("button", name="Lagre", exact=True).click()
    expect(toast(page, "Kontaktinformasjonen er lagret.")).to_be_visible()
    expect(footer).to_contain_text(f"Åpent {hours}")
    expect(footer.get_by_role("link", name="+47 22 33 44 55")).to_be_visible()
    screenshot(page, "30-settings")


def test_each_main_page_has_its_guide_beside_it_in_the_users_language_and_printable(page: Page) -> None:
    log_in(page, "admin", "anne.admin@kundeportal.example")
    guides = {"Info": "Fanene", "Kunder": "Eksport", "Registreringer": "Avvise", "Innstillinger": "Lagret av en annen"}
    for tab, term in guides.items():
        page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name=tab, exact=True).click()
        help_panel = page.get_by_role("complementary", name="Hjelp til denne siden")
        expect(help_panel.get_by_text(term, exact=True)).to_be_visible()  # open beside the page on a wide screen
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Kunder", exact=True).click()
    expect(page.get_by_role("link", name="Fjellbakeriet AS")).to_be_visible()
    screenshot(page, "59-customers-with-guide")
    page.get_by_role("link", name="Utskriftsvennlig veiledning").click()
    expect(page.get_by_role("heading", name="Kunderegisteret", level=1)).to_be_visible()
    page.get_by_label("Språk").select_option("sv")
    expect(page.get_by_role("heading", name="Kundregistret", level=1)).to_be_visible()
    expect(page.get_by_text("Söker i namn, kontaktperson och e-post.", exact=False)).to_be_visible()
    screenshot(page, "60-guide-printable-sv")
    # On paper: the guide and customer service, without the portal's bars and buttons
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Skriv ut eller spara som PDF")).to_be_hidden()
    expect(page.get_by_role("banner")).to_be_hidden()
    expect(page.get_by_role("heading", name="Kundregistret", level=1)).to_be_visible()
    page.emulate_media(media="screen")
    page.get_by_role("button", name="Tillbaka").click()
    help_panel = page.get_by_role("complementary", name="Hjälp för den här sidan")
    # Closed by the user, it stays closed on the next page and after a reload
    help_panel.get_by_text("Hjälp för den här sidan").click()
    expect(help_panel.get_by_text("Export", exact=True)).to_be_hidden()
    page.reload()
    expect(
        page.get_by_role("complementary", name="Hjälp för den här sidan").get_by_text("Export", exact=True)
    ).to_be_hidden()
    screenshot(page, "61-guide-closed-sv")


def test_the_login_page_explains_the_code_list_on_request(page: Page) -> None:
    page.goto("/")
    help_panel = page.get_by_role("complementary", name="Hjelp til denne siden")
    expect(help_panel.get_by_text("Kodeliste", exact=True)).to_be_hidden()  # closed until asked for
    help_panel.get_by_text("Hjelp til denne siden").click()
    expect(help_panel.get_by_text("Kodeliste", exact=True)).to_be_visible()
    screenshot(page, "62-login-guide")


def test_an_administrator_sees_an_email_that_could_not_be_sent_and_sends_it_again(page: Page, runtime: Runtime) -> None:
    address = f"failed-{uuid.uuid4().hex[:8]}@example.no"
    with refusing_ses(runtime):
        create_login(address)  # its code list is refused by SES on every retry
        runtime.streams.drain()
    log_in(page, "admin", "anne.admin@kundeportal.example")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Innstillinger").click()
    failed = page.get_by_role("region", name="E-poster som ikke kunne sendes")
    row = failed.get_by_role("row").filter(has_text=address)
    expect(row).to_contain_text("6 forsøk")  # the first try and five retries
    expect(row).to_contain_text("MessageRejected")
    screenshot(page, "63-failed-deliveries")
    row.get_by_role("button", name=f"Send igjen: e-posten til {address}").click()
    expect(toast(page, "E-posten er sendt på nytt.")).to_be_visible()
    expect(failed.get_by_role("row").filter(has_text=address)).to_have_count(0)
    assert [message["subject"] for message in mailbox.messages_to(address)] == ["Kundeportal: SecurityCodesReport"]


def test_an_administrator_adds_a_custom_field_named_in_each_language(page: Page) -> None:
    log_in(page, "admin", "anne.admin@kundeportal.example")
    menu = page.get_by_role("navigation", name="Hovedmeny")
    menu.get_by_role("link", name="Innstillinger").click()
    register = page.get_by_role("region", name="Kunderegisteret")
    register.get_by_role("button", name="Legg til felt").click()
    register.get_by_role("group", name="Nytt felt").get_by_label("Navn på feltet").fill("Kundetype")
    field = register.get_by_role("group", name="Kundetype")
    field.get_by_label("Nøkkel").fill("segment")  # the key of a field the register has already
    field.get_by_label("Navn (Svenska)").fill("Kundtyp")
    field.get_by_label("Type", exact=True).select_option("choice")
    field.get_by_label("Alternativer (ett per linje)").fill("Kjede\nEnkeltbutikk")
    register.get_by_role("button", name="Lagre", exact=True).click()
    # The server's refusal is shown at both rows that share the key, and nothing typed is lost
    expect(register.get_by_role("alert")).to_contain_text("Kundetype: Nøkkel: En annen rad har samme verdi.")
    expect(register.get_by_role("alert")).to_contain_text("Segment: Nøkkel: En annen rad har samme verdi.")
    expect(field.get_by_label("Navn (Svenska)")).to_have_value("Kundtyp")
    field.get_by_label("Nøkkel").fill("customer_type")
    register.get_by_role("button", name="Lagre", exact=True).click()
    expect(toast(page, "Innstillingene for kunderegisteret er lagret.")).to_be_visible()
    screenshot(page, "64-register-settings")
    # A new customer's form names the fields in the reader's language
    menu.get_by_role("link", name="Kunder").click()
    page.get_by_role("link", name="Ny kunde").click()
    expect(page.get_by_label("Kundetype", exact=True)).to_be_visible()
    page.get_by_label("Språk").select_option("sv")
    expect(page.get_by_label("Kundtyp", exact=True)).to_be_visible()
    expect(page.get_by_label("Kreditgräns (NOK)", exact=True)).to_be_visible()
    expect(page.get_by_label("Segment", exact=True)).to_be_visible()  # one label for every language
    page.get_by_label("Språk").select_option("nb")
    # Removed again, the register is as the other tests know it
    menu.get_by_role("link", name="Innstillinger").click()
    register.get_by_role("button", name="Fjern Kundetype").click()
    register.get_by_role("button", name="Lagre", exact=True).click()
    expect(toast(page, "Innstillingene for kunderegisteret er lagret.")).to_be_visible()
    expect(register.get_by_role("group", name="Kundetype")).to_have_count(0)


def test_a_failed_login_offers_an_email_to_customer_service_with_the_username_filled_in(page: Page) -> None:
    page.goto("/")
    page.get_by_label("Brukernavn").fill("ukjent.bruker@example.no")
    page.get_by_label("Passord").fill("Ikke passordet 2026")
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_role("alert")).to_have_text("Feil brukernavn eller passord.")
    href = page.get_by_role("link", name="Skriv til kundeservice").get_attribute("href") or ""
    assert re.fullmatch(r"mailto:[^?]+@[^?]+\?subject=Kundeportalen%3A%20jeg%20kommer%20ikke%20inn&body=.+", href), href
    assert "Brukernavn%3A%20ukjent.bruker%40example.no" in href
    expect(page.get_by_role("link", name=re.compile(r"^ring \+"))).to_have_attribute("href", re.compile(r"^tel:\+\d+$"))
    screenshot(page, "65-login-get-in-touch")
