"""Responsible staff and the logins of AUTH-2 in the browser: Sven Selger (an account manager, who may assign) makes
Tore Tekniker responsible for a customer from the menu of staff by group, finds it in the customer's history and
removes him again (ORG-4); administrators keep the groups, and a work order's technician is chosen from them. A stranger
asks for an account at /signup, confirms it through the e-mailed link by choosing a password and logs in with the code
list; staff set up an object login for a customer and send it a new password link, and make the logins of a
customer's contacts in bulk, each contact's outcome listed (AUTH-2).

Every test works on a customer of its own (or only reads the demo's groups), so the demo data other tests count stays
as it is."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Page, expect

from infrastructure.local.demo import DemoData
from tests.e2e.browser import assert_accessible, log_in, new_customer, screenshot, toast
from tests.support import ApiClient, link_token, newest_code_list, seeded_login, wait_for

pytestmark = pytest.mark.e2e

ADMIN = ("admin", "anne.admin@kundeportal.example")
SELGER = ("selger", "sven.selger@kundeportal.example")


def without_toasts(page: Page) -> None:
    """The confirmations closed by hand, so they cover nothing in a picture."""
    close = page.get_by_role("region", name="Meldinger").get_by_role("button", name="Lukk")
    for _ in range(10):  # at most three are shown; one closed, the next waiting may show
        if not close.count():
            break
        close.first.click()
    expect(close).to_have_count(0)


def customer_of_its_own(api: ApiClient, token: str, name: str) -> str:
    created = api.post("/customers", token=token, body={"name": name, "number": str(uuid.uuid4().int)[:7]})
    assert created.status == 201, created.body
    return str(created.body["customer_id"])


def test_an_account_manager_assigns_a_technician_from_the_groups_and_unassigns_him(page: Page) -> None:
    name = f"Ansvarsbakeriet {uuid.uuid4().hex[:4]} AS"
    log_in(page, *SELGER)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Kunder").click()
    new_customer(page, name)
    assignees = page.get_by_role("region", name="Ansvarlige")
    expect(assignees).to_contain_text("Ingen ansatte er ansvarlige for kunden ennå.")
    # The menu lists the staff under the groups administrators keep
    form = assignees.get_by_role("form", name="Tildel en ansatt")
    staff = form.get_by_label("Ansatt *")
    expect(staff.locator("optgroup")).to_have_count(2)
    expect(staff.locator("optgroup").nth(0)).to_have_attribute("label", "Kundeansvarlige")
    expect(staff.locator("optgroup").nth(1)).to_have_attribute("label", "Teknikere Innlandet")
    expect(staff.locator("optgroup[label='Teknikere Innlandet'] option")).to_have_text(["Tore Tekniker (tekniker)"])
    expect(staff.locator("optgroup[label='Kundeansvarlige'] option")).to_have_text(["Sven Selger (kundeansvarlig)"])
    # Nobody chosen: said at the field before anything is sent
    form.get_by_role("button", name="Tildel", exact=True).click()
    expect(form.get_by_role("alert")).to_contain_text("Ansatt: Må fylles ut.")
    staff.select_option(label="Tore Tekniker (tekniker)")
    form.get_by_role("button", name="Tildel", exact=True).click()
    expect(toast(page, f"Tore Tekniker er ansvarlig for {name}.")).to_be_visible()
    expect(assignees.get_by_role("listitem")).to_have_text([re.compile(r"Tore Tekniker \(tekniker\)")])
    # Tore is not offered twice; the change is in the customer's history, by name
    expect(staff.locator("option", has_text="Tore Tekniker")).to_have_count(0)
    history = page.get_by_role("region", name="Endringshistorikk")
    expect(history.locator("tbody tr").first).to_contain_text("tildelt")
    expect(history.locator("tbody tr").first).to_contain_text("Ansvarlig: (tom) → Tore Tekniker")
    without_toasts(page)
    screenshot(page, "117-customer-assignees")
    # Removed again, after confirming
    assignees.get_by_role("button", name="Fjern Tore Tekniker som ansvarlig").click()
    confirm = page.get_by_role("alertdialog", name="Fjerne Tore Tekniker som ansvarlig?")
    expect(confirm).to_contain_text("får beskjed på e-post")
    assert_accessible(page)  # the dialog open, too
    confirm.get_by_role("button", name="Ja, fjern").click()
    expect(toast(page, f"Tore Tekniker er ikke lenger ansvarlig for {name}.")).to_be_visible()
    expect(assignees).to_contain_text("Ingen ansatte er ansvarlige for kunden ennå.")
    expect(history.locator("tbody tr").first).to_contain_text("tildeling fjernet")
    expect(history.locator("tbody tr").first).to_contain_text("Ansvarlig: Tore Tekniker → (tom)")
    expect(staff.locator("option", has_text="Tore Tekniker")).to_have_count(1)


def test_administrators_keep_the_staff_groups_and_the_api_checks_every_member(page: Page) -> None:
    log_in(page, *ADMIN)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Innstillinger").click()
    groups = page.get_by_role("region", name="Ansattgrupper")
    expect(groups.get_by_role("listitem").filter(has_text="Teknikere Innlandet")).to_contain_text(
        "Tore Tekniker (tekniker)"
    )
    groups.get_by_role("button", name="Endre gruppene").click()
    form = groups.get_by_role("form", name="Endre gruppene")
    technicians = form.get_by_role("group", name="Teknikere Innlandet", exact=True)
    expect(technicians.get_by_label("Medlem 1 (brukernavn) *")).to_have_value("tekniker")
    expect(technicians).to_contain_text("Tore Tekniker")  # the member's name beside the username
    # A group with the name of another, and a member who is no staff: the name is refused before anything is sent,
    # the member by the API, each at its field
    form.get_by_role("button", name="Legg til gruppe").click()
    added = form.get_by_role("group", name="Ny gruppe")
    added.get_by_label("Gruppenavn *").fill("teknikere innlandet")
    added = form.get_by_role("group", name="teknikere innlandet", exact=True)
    added.get_by_label("Medlem 1 (brukernavn) *").fill("ukjent.ansatt")
    form.get_by_role("button", name="Lagre gruppene").click()
    expect(form.get_by_role("alert")).to_contain_text(
        "teknikere innlandet: Gruppenavn: En annen gruppe har samme navn."
    )
    added.get_by_label("Gruppenavn *").fill("Teknikere Vest")
    added = form.get_by_role("group", name="Teknikere Vest")
    form.get_by_role("button", name="Lagre gruppene").click()
    expect(form.get_by_role("alert")).to_contain_text(
        "Teknikere Vest: Medlem 1 (brukernavn) (ukjent.ansatt): Ingen aktiv ansatt har dette brukernavnet."
    )
    expect(added.get_by_label("Medlem 1 (brukernavn) *")).to_have_attribute("aria-invalid", "true")
    screenshot(page, "118-staff-groups-refused")
    # Nothing was kept: cancelled, the groups are as they were
    form.get_by_role("button", name="Avbryt").click()
    expect(groups.get_by_role("listitem")).to_have_count(2)


def test_a_work_orders_technician_is_chosen_from_the_groups(page: Page, api: ApiClient, demo: DemoData) -> None:
    title = f"Deigeltemaskinen står {uuid.uuid4().hex[:6]}"
    token = api.login("admin")
    filed = api.post(
        "/cases",
        token=token,
        body={"title": title, "customer_id": demo.customer_ids["bakery"]},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert filed.status == 201, filed.body
    number = filed.body["case"]["number"]
    log_in(page, *ADMIN)
    page.goto(f"/#/cases/{filed.body['case']['case_id']}")
    expect(page.get_by_role("heading", level=1, name=f"Sak {number}: {title}")).to_be_visible()
    work = page.get_by_role("form", name="Ny arbeidsordre")
    technician = work.get_by_label("Tekniker")
    expect(technician.locator("option").first).to_have_text("Ikke bestemt")
    expect(technician.locator("optgroup[label='Teknikere Innlandet'] option")).to_have_text(
        ["Tore Tekniker (tekniker)"]
    )
    work.get_by_label("Hva skal gjøres *").fill("Sjekke motoren på deigeltemaskinen")
    technician.select_option(label="Tore Tekniker (tekniker)")
    assert_accessible(page)
    work.get_by_role("button", name="Legg til arbeidsordren").click()
    expect(toast(page, f"Arbeidsordre {number}-1 er lagt til.")).to_be_visible()
    expect(page.get_by_role("article", name=f"Arbeidsordre {number}-1")).to_contain_text("Tore Tekniker")


def test_a_stranger_signs_up_confirms_the_address_and_logs_in(page: Page) -> None:
    email = f"ny-{uuid.uuid4().hex[:8]}@example.no"
    page.goto("/")
    page.get_by_role("link", name="Kontaktperson hos en kunde? Lag en konto med e-postadressen din").click()
    expect(page.get_by_role("heading", name="Lag en konto", level=1)).to_be_visible()
    # Every problem at once, before anything is sent
    page.get_by_role("button", name="Lag konto").click()
    alert = page.get_by_role("alert").filter(has_text="Noe må rettes")
    expect(alert).to_contain_text("E-post:")
    expect(alert).to_contain_text("Navn: Må fylles ut.")
    page.get_by_label("E-post *").fill(email)
    page.get_by_label("Navn *").fill("Signe Ny")
    expect(page.get_by_label("Språk i e-postene")).to_have_value("nb")
    screenshot(page, "119-signup")
    page.get_by_role("button", name="Lag konto").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Sjekk e-posten din: vi har sendt en lenke for å bekrefte adressen og velge passord."
    )
    screenshot(page, "120-signup-sent")
    # The e-mailed link opens the page where the password is chosen
    token = wait_for(lambda: _link(email), what="the signup confirmation")
    page.goto(f"/#/password/{token}")
    expect(page.get_by_role("heading", name="Velg passord")).to_be_visible()
    password = "Et eget passord for Signe"
    page.get_by_label("Nytt passord").fill(password)
    page.get_by_label("Gjenta passordet").fill(password)
    page.get_by_role("button", name="Lagre passord").click()
    expect(page.get_by_role("status")).to_contain_text("Passordet er lagret.")
    screenshot(page, "121-signup-password-chosen")
    # And she logs in with it and a code from her new list; the address is her username
    page.get_by_role("link", name="Til innlogging").click()
    page.get_by_label("Brukernavn").fill(email)
    page.get_by_label("Passord").fill(password)
    page.get_by_role("button", name="Logg inn").click()
    prompt = page.get_by_text(re.compile(r"Skriv inn kode nummer \d+"))
    expect(prompt).to_be_visible()
    match = re.search(r"kode nummer (\d+)", prompt.inner_text())
    assert match
    page.get_by_label(re.compile(r"Kode nummer")).fill(newest_code_list(email)[int(match.group(1))])
    page.get_by_role("button", name="Fortsett").click()
    expect(page.get_by_role("heading", name=re.compile("Du er logget inn som Signe Ny"))).to_be_visible()


def _link(email: str) -> str | None:
    try:
        return link_token(email, "SignupConfirmation")
    except AssertionError:
        return None


def test_staff_set_up_an_object_login_and_send_it_a_new_password_link(page: Page, api: ApiClient) -> None:
    token = api.login("admin")
    name = f"Hyttegrenda {uuid.uuid4().hex[:4]} AS"
    customer_id = customer_of_its_own(api, token, name)
    made = api.post(f"/customers/{customer_id}/objects", token=token, body={"name": "Hytte 7", "number": "H-7"})
    assert made.status == 201, made.body
    username = f"hytte7-{uuid.uuid4().hex[:6]}"
    email = f"{username}@hyttegrenda.no"
    log_in(page, *ADMIN)
    page.goto(f"/#/customers/{customer_id}")
    page.get_by_role("link", name=f"Se og administrer brukerne til {name}").click()
    expect(page.get_by_role("heading", name=f"Brukere hos {name}")).to_be_visible()
    shared = page.get_by_role("region", name="Fakturakunde- og objekt-innlogginger")
    shared.get_by_text("Ny objekt-innlogging").click()
    form = shared.get_by_role("form", name="Ny objekt-innlogging")
    # A username the portal does not take, and no object: both said at their fields
    form.get_by_label("Brukernavn *").fill("Hytte 7")
    form.get_by_role("button", name="Lag innloggingen").click()
    alert = form.get_by_role("alert")
    expect(alert).to_contain_text("Brukernavn: Bare små bokstaver (a–z), sifre, punktum, bindestrek og understrek.")
    expect(alert).to_contain_text("Objekt: Velg et objekt.")
    form.get_by_label("Objekt *").select_option(label="Hytte 7 (H-7)")
    form.get_by_label("Brukernavn *").fill(username)
    form.get_by_label("Navn på innloggingen *").fill("Hytte 7, Hyttegrenda")
    form.get_by_label("E-post *").fill(email)
    screenshot(page, "122-object-login-form")
    form.get_by_role("button", name="Lag innloggingen").click()
    expect(toast(page, f"Innloggingen {username} er laget. Invitasjonen er sendt til {email}.")).to_be_visible()
    assert link_token(email, "UserReport")  # the invitation: a link to choose the password
    # It is in the customer's user list, as an object login with its username
    users = page.get_by_role("region", name=f"Brukere hos {name}")
    row = users.get_by_role("listitem").filter(has_text="Hytte 7, Hyttegrenda")
    expect(row).to_contain_text("objekt")
    expect(row).to_contain_text(f"Brukernavn: {username}")
    # The same username again is refused at its field
    form.get_by_label("Objekt *").select_option(label="Hytte 7 (H-7)")
    form.get_by_label("Brukernavn *").fill(username)
    form.get_by_label("Navn på innloggingen *").fill("Hytte 7 igjen")
    form.get_by_label("E-post *").fill(email)
    form.get_by_role("button", name="Lag innloggingen").click()
    expect(form.get_by_role("alert")).to_contain_text("Brukernavn: Brukernavnet er allerede i bruk. Velg et annet.")
    # A new password link for the login, e.g. when its password is lost
    row.get_by_role("button", name="Send ny passordlenke til Hytte 7, Hyttegrenda").click()
    expect(
        toast(page, f"En lenke for å velge nytt passord er sendt til Hytte 7, Hyttegrenda ({email}).")
    ).to_be_visible()
    assert wait_for(lambda: _reset_link(email), what="the password link")
    without_toasts(page)
    screenshot(page, "123-object-login-listed")


def _reset_link(email: str) -> str | None:
    try:
        return link_token(email, "PasswordReset")
    except AssertionError:
        return None


def test_staff_make_the_logins_of_chosen_contacts_and_see_each_outcome(page: Page, api: ApiClient) -> None:
    token = api.login("admin")
    name = f"Kontaktbakeriet {uuid.uuid4().hex[:4]} AS"
    customer_id = customer_of_its_own(api, token, name)
    tag = uuid.uuid4().hex[:6]
    with_login = seeded_login(f"gunn-{tag}@kontaktbakeriet.no", "Gunn Har")
    contacts = {
        "Alf Ny": f"alf-{tag}@kontaktbakeriet.no",
        "Berit Uten": None,
        "Gunn Har": with_login,
        "Dag Ikke Valgt": f"dag-{tag}@kontaktbakeriet.no",
    }
    for contact, address in contacts.items():
        created = api.post("/contacts", token=token, body={"name": contact, "email": address})
        assert created.status == 201, created.body
        linked = api.call(
            "PUT",
            f"/contacts/{created.body['contact_id']}/links",
            token=token,
            body={"version": created.body["version"], "customer_ids": [customer_id], "objects": []},
        )
        assert linked.status == 200, linked.body
    log_in(page, *ADMIN)
    page.goto(f"/#/customers/{customer_id}")
    region = page.get_by_role("region", name="Kontakter")
    expect(region.get_by_role("listitem")).to_have_count(4)
    region.get_by_text("Lag innlogginger for kontakter").click()
    form = region.get_by_role("form", name="Lag innlogginger for kontakter")
    # None chosen: said before anything is sent
    form.get_by_role("button", name="Lag innlogging for valgte").click()
    expect(form.get_by_role("alert")).to_have_text("Velg minst én kontakt.")
    chosen = form.get_by_role("group", name="Kontakter")
    for contact in ("Alf Ny", "Berit Uten", "Gunn Har"):
        chosen.get_by_label(contact).check()
    expect(form).to_contain_text("ingen e-postadresse")  # beside Berit, who has none
    form.get_by_role("button", name="Lag innlogging for valgte").click()
    outcomes = region.get_by_role("status").get_by_role("listitem")
    expect(outcomes).to_have_text(
        [
            f"Alf Ny: invitasjon sendt, brukernavn {contacts['Alf Ny']}.",
            "Berit Uten: mangler e-postadresse. Legg den inn på kontakten, og prøv igjen.",
            f"Gunn Har: har allerede innlogging ({with_login}).",
        ]
    )
    assert link_token(str(contacts["Alf Ny"]), "UserReport")  # Alf's invitation is on its way
    expect(chosen.get_by_label("Alf Ny")).not_to_be_checked()  # the choice starts over
    screenshot(page, "124-contact-logins")
