"""E-mails go in the recipient's language (nb, sv, en): code lists, links, invitations, rejections, notices."""

from __future__ import annotations

import uuid

from infrastructure.local import mailbox
from infrastructure.local.demo import DemoData
from portal.languages import Language
from portal.registration.models import RegistrationInput
from portal.wiring import registration_service
from tests.support import ApiClient, seeded_login


def test_a_swedish_users_code_list_and_reset_link_are_in_swedish(api: ApiClient) -> None:
    username = seeded_login(f"sven-{uuid.uuid4().hex[:6]}@example.se", "Sven", language=Language.SV)
    api.post("/auth/forgot-password", body={"username": username}, source_ip="10.3.0.1")
    subjects = {message["subject"] for message in mailbox.messages_to(username)}
    assert subjects == {"Kundportal: SecurityCodesReport", "Kundportal: nytt lösenord"}
    reset = next(m for m in mailbox.messages_to(username) if m["subject"] == "Kundportal: nytt lösenord")
    assert "Välj ett nytt lösenord här" in reset["body"]


def test_an_invitation_goes_in_the_language_chosen_for_the_user(api: ApiClient, demo: DemoData) -> None:
    kari = api.login("kari.nordmann@nordlys.no")
    email = f"eng-{uuid.uuid4().hex[:6]}@nordlys.no"
    invited = api.post(
        f"/customers/{demo.customer_ids['oslo']}/users",
        token=kari,
        body={"name": "Emma English", "email": email, "roles": [], "language": "en"},
    )
    assert invited.status == 201, invited.body
    (invitation,) = mailbox.messages_to(email)
    assert invitation["subject"] == "Customer portal: UserReport"
    assert "Choose your password here" in invitation["body"]


def test_a_swedish_companys_registration_is_answered_in_swedish() -> None:
    request = RegistrationInput(
        company_name="Svensk AB",
        organisation_number="556036-0793",
        country="SE",
        contact_person="Sara Svensk",
        email=f"sara-{uuid.uuid4().hex[:6]}@svensk.se",
    )
    assert request.answer_language is Language.SV
    assert RegistrationInput.model_validate({**request.model_dump(), "language": "en"}).answer_language is Language.EN
    assert registration_service().settings.staff_language is Language.NB
