"""The service-order approval flow (statemachines/order_approval.asl.json) really executed by the embedded backend:
every path — approve, confirm, confirm on behalf, deliver, reject, cancel, a reminder on timeout — each step a
conditional write that resumes the waiting task; two approvals at once, exactly one wins."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from infrastructure.local import mailbox
from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from tests.outbox import listening_to_events, received_events
from tests.support import ApiClient, execution_status, service_order_waits, wait_for

pytestmark = pytest.mark.workflow

OLA, KARI = "ola.hansen@nordlys-bergen.no", "kari.nordmann@nordlys.no"


def order_status(runtime: Runtime, order_id: str) -> str:
    return execution_status(runtime, "OrderApprovalStateMachine", order_id)


def waits(customer_id: str, order_id: str) -> Callable[[], bool]:
    """Whether a step of the order's workflow waits for it now."""
    return lambda: service_order_waits(customer_id, order_id)


def contract(api: ApiClient, admin: str, customer_id: str, *, customer_approval: bool = True) -> dict[str, Any]:
    body = {
        "name": f"Bedriftshelse {uuid.uuid4().hex[:4]}",
        "default_reference": "PO-2026-17",
        "product_groups": ["Helsekontroll", "Arbeidsmiljø"],
        "customer_approval": customer_approval,
    }
    created = api.post(f"/customers/{customer_id}/contracts", token=admin, body=body)
    assert created.status == 201, created.body
    found: dict[str, Any] = created.body
    return found


def place(api: ApiClient, token: str, customer_id: str, contract_id: str, department_id: str) -> dict[str, Any]:
    body = {
        "department_id": department_id,
        "contract_id": contract_id,
        "product_group": "Helsekontroll",
        "description": "Helsekontroll for fem nye ansatte i desember.",
    }
    placed = api.post(f"/customers/{customer_id}/service-orders", token=token, body=body)
    assert placed.status == 201, placed.body
    order: dict[str, Any] = placed.body
    wait_for(waits(customer_id, order["order_id"]), what="the workflow to wait for the seller")
    return order


def move(api: ApiClient, token: str, order: dict[str, Any], action: str, **fields: Any) -> Any:
    path = f"/customers/{order['customer_id']}/service-orders/{order['order_id']}"
    current = api.get(path, token=token).body
    return api.post(
        f"{path}/transitions", token=token, body={"action": action, "version": current["version"], **fields}
    )


@pytest.fixture
def bergen(api: ApiClient, demo: DemoData) -> dict[str, str]:
    return {"customer_id": demo.customer_ids["bergen"], "department_id": demo.department_ids["bergen-shop"]}


def test_approve_confirm_deliver(runtime: Runtime, api: ApiClient, bergen: dict[str, str]) -> None:
    admin, ola, kari = api.login("admin"), api.login(OLA), api.login(KARI)
    terms = contract(api, admin, bergen["customer_id"])
    with listening_to_events(runtime) as crm:
        # When Ola sends an order: it waits for the seller, with the contract's reference filled in
        order = place(api, ola, bergen["customer_id"], terms["contract_id"], bergen["department_id"])
        assert (order["status"], order["customer_reference"], order["progress"]) == (
            "waiting_for_seller",
            "PO-2026-17",
            "active",
        )
        runtime.streams.drain()
        # Then customer service (Bergen has no account manager) has an e-mail with a link, and the CRM an event
        notices = mailbox.messages_to("kundeservice@kundeportal.example")
        assert any(f"order={order['order_id']}" in message["body"] for message in notices)
        events = received_events(crm)
        assert [event["detail-type"] for event in events] == ["ServiceOrderPlaced"]
        assert events[0]["detail"]["order_id"] == order["order_id"]
    # The seller approves; the customer's approver confirms; the vendor delivers
    approved = move(api, admin, order, "approve")
    assert (approved.status, approved.body["status"]) == (200, "waiting_for_customer")
    wait_for(waits(bergen["customer_id"], order["order_id"]), what="the wait for the customer")
    assert (
        "confirm"
        in api.get(f"/customers/{order['customer_id']}/service-orders/{order['order_id']}", token=kari).body["actions"]
    )
    confirmed = move(api, kari, order, "confirm")
    assert (confirmed.status, confirmed.body["status"]) == (200, "approved")
    wait_for(waits(bergen["customer_id"], order["order_id"]), what="the wait for delivery")
    delivered = move(api, admin, order, "deliver")
    assert (delivered.status, delivered.body["status"]) == (200, "delivered")
    wait_for(
        lambda: order_status(runtime, order["order_id"]) == "SUCCEEDED",
        what="the execution to end",
    )
    # Every step is on the order's timeline: who, when, what
    timeline = delivered.body["timeline"]
    assert [(entry["action"], entry["status"], entry["by_name"]) for entry in timeline] == [
        ("placed", "waiting_for_seller", "Ola Hansen"),
        ("approve", "waiting_for_customer", "Anne Admin"),
        ("confirm", "approved", "Kari Nordmann"),
        ("deliver", "delivered", "Anne Admin"),
    ]


def test_confirm_on_the_customers_behalf_needs_a_reason(
    runtime: Runtime, api: ApiClient, bergen: dict[str, str]
) -> None:
    admin, ola = api.login("admin"), api.login(OLA)
    order = place(
        api,
        ola,
        bergen["customer_id"],
        contract(api, admin, bergen["customer_id"])["contract_id"],
        bergen["department_id"],
    )
    assert move(api, admin, order, "approve").status == 200
    wait_for(waits(bergen["customer_id"], order["order_id"]), what="the wait for the customer")
    # The customer's step: Ola orders but does not approve; the seller may, with a reason
    assert move(api, ola, order, "confirm").status == 403
    no_reason = move(api, admin, order, "confirm_on_behalf")
    assert (no_reason.status, no_reason.error_code) == (422, "required")
    confirmed = move(api, admin, order, "confirm_on_behalf", reason="Bekreftet på telefon med Kari")
    assert (confirmed.status, confirmed.body["status"]) == (200, "approved")
    assert confirmed.body["timeline"][-1]["note"] == "Bekreftet på telefon med Kari"


def test_reject_by_the_seller_and_by_the_customer_and_cancel(
    runtime: Runtime, api: ApiClient, bergen: dict[str, str]
) -> None:
    admin, ola, kari = api.login("admin"), api.login(OLA), api.login(KARI)
    terms = contract(api, admin, bergen["customer_id"])
    by_seller = place(api, ola, bergen["customer_id"], terms["contract_id"], bergen["department_id"])
    rejected = move(api, admin, by_seller, "reject", reason="Ikke i avtalen")
    assert (rejected.status, rejected.body["status"]) == (200, "rejected")
    wait_for(
        lambda: order_status(runtime, by_seller["order_id"]) == "SUCCEEDED",
        what="the execution to end",
    )
    # A rejected order takes no further step: 409 with its status
    late = move(api, admin, by_seller, "approve")
    assert (late.status, late.error_code, late.body["error"]["details"]) == (
        409,
        "order_status_conflict",
        [{"status": "rejected"}],
    )
    by_customer = place(api, ola, bergen["customer_id"], terms["contract_id"], bergen["department_id"])
    assert move(api, admin, by_customer, "approve").status == 200
    wait_for(waits(bergen["customer_id"], by_customer["order_id"]), what="the wait for the customer")
    assert move(api, admin, by_customer, "reject", reason="x").status == 403  # the customer's step is the customer's
    declined = move(api, kari, by_customer, "reject", reason="Feil avdeling")
    assert (declined.status, declined.body["status"]) == (200, "rejected")
    cancelled_order = place(api, ola, bergen["customer_id"], terms["contract_id"], bergen["department_id"])
    cancelled = move(api, ola, cancelled_order, "cancel")
    assert (cancelled.status, cancelled.body["status"]) == (200, "cancelled")
    wait_for(
        lambda: order_status(runtime, cancelled_order["order_id"]) == "SUCCEEDED",
        what="the execution to end",
    )


def test_without_the_customers_approval_the_sellers_approval_is_enough(
    runtime: Runtime, api: ApiClient, bergen: dict[str, str]
) -> None:
    admin, ola = api.login("admin"), api.login(OLA)
    terms = contract(api, admin, bergen["customer_id"], customer_approval=False)
    order = place(api, ola, bergen["customer_id"], terms["contract_id"], bergen["department_id"])
    approved = move(api, admin, order, "approve")
    assert (approved.status, approved.body["status"]) == (200, "approved")
    wait_for(waits(bergen["customer_id"], order["order_id"]), what="the wait for delivery")
    assert move(api, admin, order, "deliver").body["status"] == "delivered"


def test_two_approvals_at_once_exactly_one_wins(runtime: Runtime, api: ApiClient, bergen: dict[str, str]) -> None:
    admin = api.login("admin")
    order = place(
        api,
        api.login(OLA),
        bergen["customer_id"],
        contract(api, admin, bergen["customer_id"])["contract_id"],
        bergen["department_id"],
    )
    path = f"/customers/{order['customer_id']}/service-orders/{order['order_id']}/transitions"
    replies: list[Any] = []

    def approve() -> None:
        replies.append(api.post(path, token=admin, body={"action": "approve", "version": 1}))

    threads = [threading.Thread(target=approve) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(reply.status for reply in replies) == [200, 409]
    refused = next(reply for reply in replies if reply.status == 409)
    assert refused.error_code in {"order_status_conflict", "version_mismatch"}


def test_a_customer_approval_that_waits_too_long_sends_a_reminder(
    runtime: Runtime, api: ApiClient, bergen: dict[str, str]
) -> None:
    from portal.orders.models import ServiceOrderInput
    from portal.wiring import auth_service, service_order_placement

    admin = api.login("admin")
    terms = contract(api, admin, bergen["customer_id"])
    auth = auth_service()
    user = auth.users.get_user(OLA)
    assert user is not None
    data = ServiceOrderInput(
        department_id=bergen["department_id"],
        contract_id=terms["contract_id"],
        product_group="Arbeidsmiljø",
        description="Kartlegging av arbeidsmiljøet.",
    )
    # An order whose customer approval reminds after one second (the vendor's days, shortened for the test)
    view = service_order_placement()(auth.principal_for(user), bergen["customer_id"], data, reminder_after_seconds=1)
    order = view.model_dump(mode="json")
    wait_for(waits(bergen["customer_id"], order["order_id"]), what="the wait for the seller")
    assert move(api, admin, order, "approve").status == 200
    runtime.streams.drain()
    # When the wait times out, the reminder goes through the queue: recorded on the order, e-mailed to Kari
    wait_for(lambda: runtime.queues.drain() > 0, what="the reminder")
    path = f"/customers/{order['customer_id']}/service-orders/{order['order_id']}"
    reminded = api.get(path, token=admin).body
    assert reminded["reminders"] >= 1
    assert reminded["timeline"][-1]["action"] == "reminded"
    runtime.streams.drain()
    assert any(str(order["number"]) in message["subject"] for message in mailbox.messages_to(KARI))
    # And the order still waits for Kari, who confirms it
    wait_for(waits(bergen["customer_id"], order["order_id"]), what="the wait after the reminder")
    assert move(api, api.login(KARI), order, "confirm").body["status"] == "approved"


def test_the_orders_own_state_moves_forward_apart_from_its_approval(
    api: ApiClient, runtime: Runtime, bergen: dict[str, str]
) -> None:
    admin, ola = api.login("admin"), api.login(OLA)
    terms = contract(api, admin, bergen["customer_id"], customer_approval=False)
    order = place(api, ola, bergen["customer_id"], terms["contract_id"], bergen["department_id"])
    path = f"/customers/{order['customer_id']}/service-orders/{order['order_id']}"

    def progress(token: str, value: str, version: int | None = None) -> Any:
        current = api.get(path, token=admin).body
        body = {"progress": value, "version": version or current["version"]}
        return api.call("PUT", f"{path}/progress", token=token, body=body)

    # The seller's staff may move it on; the reader is told which states come next; the customer's users may not
    assert api.get(path, token=admin).body["next_progress"] == ["started", "closed"]
    assert api.get(path, token=ola).body["next_progress"] == []
    assert progress(ola, "started").status == 403
    started = progress(admin, "started")
    assert started.status == 200, started.body
    assert (started.body["progress"], started.body["status"]) == ("started", "waiting_for_seller")
    # The approval goes on: the workflow's waiting step kept its token
    assert move(api, admin, order, "approve").body["status"] == "approved"
    wait_for(waits(bergen["customer_id"], order["order_id"]), what="the wait for delivery")
    # Never backwards, never from an old copy; closed is the end
    assert (progress(admin, "active").status, progress(admin, "active").error_code) == (409, "progress_conflict")
    stale = progress(admin, "closed", version=1)
    assert (stale.status, stale.error_code) == (409, "version_mismatch")
    closed = progress(admin, "closed")
    assert (closed.status, closed.body["next_progress"]) == (200, [])
    # Each move is a timeline entry the customer sees: who, when, what
    timeline = api.get(path, token=ola).body["timeline"]
    assert [entry["action"] for entry in timeline] == ["placed", "progress_started", "approve", "progress_closed"]
    assert timeline[1]["by_name"] == "Anne Admin"
