"""The registration workflow (statemachines/registration.asl.json) really executed by the embedded backend:
its callback resumed by the administrator's decision, its provisioning delivered through the queue."""

from __future__ import annotations

import uuid

import pytest

from infrastructure.local import mailbox
from infrastructure.local.runtime import Runtime
from portal.registration.models import RegistrationInput
from portal.wiring import registration_service
from tests.support import (
    ApiClient,
    accept_invitation,
    execution_status,
    link_token,
    newest_code_list,
    wait_for,
)

pytestmark = pytest.mark.workflow


def registration_status(runtime: Runtime, request_id: str) -> str:
    return execution_status(runtime, "RegistrationStateMachine", request_id)


def submit(api: ApiClient, email: str) -> str:
    reply = api.post(
        "/registration-requests",
        body={
            "company_name": "Kystbåt Service AS",
            "organisation_number": "912 345 734",
            "contact_person": "Mari Kyst",
            "email": email,
            "message": "Vi ønsker tilgang.",
        },
    )
    assert reply.status == 202, reply.body
    return str(reply.body["request_id"])


def ready(api: ApiClient, admin: str, request_id: str, status: str = "pending") -> bool:
    items = api.get("/registration-requests", token=admin, query={"status": status}).body["items"]
    return any(item["request_id"] == request_id and item["ready_for_decision"] for item in items)


def deliver_queue(runtime: Runtime, request_id: str, *, finished: bool = True) -> None:
    wait_for(lambda: runtime.queues.drain() > 0, what="the provisioning message")
    if finished:
        wait_for(
            lambda: registration_status(runtime, request_id) != "RUNNING",
            what="the execution to finish",
        )


def test_approval_creates_the_customer_and_its_login(runtime: Runtime, api: ApiClient) -> None:
    admin = api.login("admin")
    email = f"mari-{uuid.uuid4().hex[:6]}@kystbat.no"
    # Given a registration request, whose workflow tells the staff and waits for a decision
    request_id = submit(api, email)
    wait_for(lambda: ready(api, admin, request_id), what="the workflow to wait for a decision")
    staff_mail = mailbox.messages_to("kundeservice@kundeportal.example")
    assert any(request_id in message["body"] for message in staff_mail)
    # When an administrator approves it with a customer number
    number = str(uuid.uuid4().int)[:6]
    decided = api.post(
        f"/registration-requests/{request_id}/decision", token=admin, body={"approved": True, "customer_number": number}
    )
    assert decided.status == 200, decided.body
    assert decided.body["status"] == "approved"
    deliver_queue(runtime, request_id)
    # Then the workflow succeeded, the customer exists with the request's details, and the contact can log in
    assert registration_status(runtime, request_id) == "SUCCEEDED"
    customer = api.get(f"/customers/{request_id}", token=admin).body
    assert (customer["name"], customer["number"], customer["organisation_number"]) == (
        "Kystbåt Service AS",
        number,
        "912345734",
    )
    assert api.get(f"/customers/{request_id}/history", token=admin).body["items"][-1]["actor"] == "admin"
    # The invitation carries no password: the contact chooses one through its link, then gets the code list
    assert not any("Passord" in message["body"] for message in mailbox.messages_to(email))
    contact = api.login(email, accept_invitation(api, email), email=email)
    assert [item["customer_id"] for item in api.get("/me/customers", token=contact).body] == [request_id]
    assert len(newest_code_list(email)) == 25
    provisioned = api.get("/registration-requests", token=admin, query={"status": "provisioned"}).body["items"]
    assert request_id in {item["request_id"] for item in provisioned}


def test_rejection_sends_a_polite_email_and_a_second_decision_is_refused(runtime: Runtime, api: ApiClient) -> None:
    admin = api.login("admin")
    email = f"avslag-{uuid.uuid4().hex[:6]}@kystbat.no"
    request_id = submit(api, email)
    wait_for(lambda: ready(api, admin, request_id), what="the workflow to wait for a decision")
    decided = api.post(
        f"/registration-requests/{request_id}/decision",
        token=admin,
        body={"approved": False, "reason": "Vi leverer ikke til denne regionen."},
    )
    assert decided.status == 200
    wait_for(
        lambda: registration_status(runtime, request_id) == "SUCCEEDED",
        what="the rejection to be sent",
    )
    rejection = wait_for(lambda: mailbox.messages_to(email), what="the rejection e-mail")[0]
    assert rejection["subject"] == "Kundeportal: registreringsforespørselen din"
    assert "Vi leverer ikke til denne regionen." in rejection["body"]
    again = api.post(
        f"/registration-requests/{request_id}/decision",
        token=admin,
        body={"approved": True, "customer_number": "123456"},
    )
    assert (again.status, again.error_code) == (409, "already_decided")


def test_an_undecided_request_expires(runtime: Runtime, api: ApiClient) -> None:
    admin = api.login("admin")
    request_id = registration_service().submit(
        RegistrationInput(
            company_name="Treg AS",
            organisation_number="912345742",
            contact_person="Tor Treg",
            email=f"treg-{uuid.uuid4().hex[:6]}@treg.no",
        ),
        decision_timeout_seconds=1,
    )
    wait_for(
        lambda: registration_status(runtime, request_id) == "SUCCEEDED",
        what="the decision to time out",
    )
    expired = api.get("/registration-requests", token=admin, query={"status": "expired"}).body["items"]
    assert request_id in {item["request_id"] for item in expired}
    late = api.post(f"/registration-requests/{request_id}/decision", token=admin, body={"approved": False})
    assert (late.status, late.error_code) == (409, "already_decided")


def test_a_taken_customer_number_fails_visibly_and_can_be_approved_again(runtime: Runtime, api: ApiClient) -> None:
    admin = api.login("admin")
    email = f"dup-{uuid.uuid4().hex[:6]}@kystbat.no"
    request_id = submit(api, email)
    wait_for(lambda: ready(api, admin, request_id), what="the workflow to wait for a decision")
    # The staff e-mail's link opens this request in the portal
    notice = next(m for m in mailbox.messages_to("kundeservice@kundeportal.example") if request_id in m["body"])
    assert f"/#/registrations/{request_id}" in notice["body"]
    # When an administrator approves with a number already in use
    decided = api.post(
        f"/registration-requests/{request_id}/decision",
        token=admin,
        body={"approved": True, "customer_number": "20000"},
    )  # Fjellbakeriet's number
    assert decided.status == 200
    deliver_queue(runtime, request_id, finished=False)
    # Then the request says it failed and why, and waits for a new decision (the workflow did not end)
    wait_for(lambda: ready(api, admin, request_id, "failed"), what="the workflow to wait again")
    failed = api.get("/registration-requests", token=admin, query={"status": "failed"}).body["items"]
    request = next(item for item in failed if item["request_id"] == request_id)
    assert (request["failure"], request["ready_for_decision"]) == ("customer_number_taken", True)
    assert "20000" in request["reason"]
    assert registration_status(runtime, request_id) == "RUNNING"
    # When the administrator approves again with a free number
    number = str(uuid.uuid4().int)[:6]
    again = api.post(
        f"/registration-requests/{request_id}/decision", token=admin, body={"approved": True, "customer_number": number}
    )
    assert again.status == 200, again.body
    deliver_queue(runtime, request_id)
    # Then the customer and its login are created and the workflow succeeds
    assert registration_status(runtime, request_id) == "SUCCEEDED"
    assert api.get(f"/customers/{request_id}", token=admin).body["number"] == number
    assert link_token(email, "UserReport")


def test_only_administrators_decide(api: ApiClient) -> None:
    seller = api.login("selger")
    listed = api.get("/registration-requests", token=seller)
    assert listed.status == 200
    request_id = submit(api, f"selger-{uuid.uuid4().hex[:6]}@kystbat.no")
    refused = api.post(f"/registration-requests/{request_id}/decision", token=seller, body={"approved": False})
    assert (refused.status, refused.error_code) == (403, "administrator_only")


def test_invalid_organisation_numbers_are_refused_before_anything_starts(api: ApiClient) -> None:
    reply = api.post(
        "/registration-requests",
        body={
            "company_name": "Feil AS",
            "organisation_number": "912345689",
            "contact_person": "Feil Person",
            "email": "feil@feil.no",
        },
    )
    assert (reply.status, reply.error_code) == (422, "invalid_organisation_number")
