"""Service orders with approval (ORD-3): a customer's orderers send an order under one of the customer's contracts;
the seller approves it, the customer's order approver confirms it (or the seller on the customer's behalf, with a
reason), and the vendor's staff deliver it; rejected or cancelled on the way.

The approval flow runs on Step Functions (statemachines/order_approval.asl.json): each waiting step stores its task
token on the order. An action here moves the order with one conditional write (the status and version read, and
the token still the one waiting), then resumes the token; two actions at once — exactly one wins, the other is
refused with the order's status.
"""

from __future__ import annotations

from collections.abc import Callable

from portal import access
from portal.access import Principal
from portal.clock import Clock, new_id, now
from portal.customers import service as customers
from portal.customers.repository import CustomerRepository
from portal.departments.repository import DepartmentRepository
from portal.errors import Conflict, FieldProblems, NotFound, field_refusal
from portal.history import next_version, require_version
from portal.languages import Language
from portal.notifications import email
from portal.notifications.events import DomainEvent
from portal.observability import logger
from portal.orders.models import (
    PROGRESS_NEXT,
    Contract,
    ContractInput,
    ContractList,
    ContractPatch,
    ProgressInput,
    ServiceOrder,
    ServiceOrderAction,
    ServiceOrderInput,
    ServiceOrderPage,
    ServiceOrderStatus,
    ServiceOrderView,
    TimelineEntry,
    TransitionInput,
)
from portal.orders.repository import OrderRepository
from portal.orders.scope import orders_visible_to, service_order_in_view, status_conflict
from portal.settings import Settings
from portal.workflows import Workflows

Status = ServiceOrderStatus
Action = ServiceOrderAction

# What each action does: the statuses it may start from, the status it leads to, and what it tells the workflow.
TRANSITIONS: dict[Action, tuple[frozenset[Status], Callable[[ServiceOrder], Status], str]] = {
    Action.APPROVE: (
        frozenset({Status.WAITING_FOR_SELLER}),
        lambda order: Status.WAITING_FOR_CUSTOMER if order.customer_approval else Status.APPROVED,
        "approve",
    ),
    Action.CONFIRM: (frozenset({Status.WAITING_FOR_CUSTOMER}), lambda _: Status.APPROVED, "approve"),
    Action.CONFIRM_ON_BEHALF: (frozenset({Status.WAITING_FOR_CUSTOMER}), lambda _: Status.APPROVED, "approve"),
    Action.DELIVER: (frozenset({Status.APPROVED}), lambda _: Status.DELIVERED, "deliver"),
    Action.REJECT: (
        frozenset({Status.WAITING_FOR_SELLER, Status.WAITING_FOR_CUSTOMER}),
        lambda _: Status.REJECTED,
        "reject",
    ),
    Action.CANCEL: (
        frozenset({Status.WAITING_FOR_SELLER, Status.WAITING_FOR_CUSTOMER, Status.APPROVED}),
        lambda _: Status.CANCELLED,
        "cancel",
    ),
}
NEEDS_REASON = frozenset({Action.REJECT, Action.CONFIRM_ON_BEHALF})


# -- contracts --------------------------------------------------------------------------------------------------


def contracts_of(
    principal: Principal, customer_repository: CustomerRepository, orders: OrderRepository, customer_id: str
) -> ContractList:
    orders_visible_to(principal, customer_repository, customer_id)
    return ContractList(items=orders.contracts(customer_id))


def create_contract(
    principal: Principal,
    customer_repository: CustomerRepository,
    orders: OrderRepository,
    customer_id: str,
    data: ContractInput,
    clock: Clock = now,
) -> Contract:
    customer = customers.get_customer(principal, customer_repository, customer_id)
    access.require_keep_contracts(principal, customers.facts(customer))
    at = clock()
    contract = Contract(
        **data.model_dump(), contract_id=new_id(), customer_id=customer_id, version=1, created_at=at, updated_at=at
    )
    orders.create_contract(contract, actor=principal.username)
    return contract


def update_contract(
    principal: Principal,
    customer_repository: CustomerRepository,
    orders: OrderRepository,
    customer_id: str,
    contract_id: str,
    patch: ContractPatch,
    clock: Clock = now,
) -> Contract:
    facts = orders_visible_to(principal, customer_repository, customer_id)
    before = orders.contract(customer_id, contract_id)
    if before is None:
        raise NotFound("No such contract")
    access.require_keep_contracts(principal, facts)
    require_version(before.version, patch.version, "contract")
    after, changes = next_version(before, patch.model_dump(exclude={"version"}, exclude_unset=True), clock())
    if changes:
        orders.update_contract(before, after, actor=principal.username, changes=changes)
    return after


# -- service orders ---------------------------------------------------------------------------------------------


def view(principal: Principal, customer_facts: access.CustomerFacts, order: ServiceOrder) -> ServiceOrderView:
    allowed = [
        action
        for action, (sources, _, _) in TRANSITIONS.items()
        if order.status in sources
        and access.may_move_service_order(principal, customer_facts, action.value, order.status.value)
    ]
    handles = access.may_handle_orders(principal, customer_facts)
    return ServiceOrderView(
        **order.model_dump(), actions=allowed, next_progress=list(PROGRESS_NEXT[order.progress]) if handles else []
    )


def place_service_order(
    principal: Principal,
    customer_repository: CustomerRepository,
    departments: DepartmentRepository,
    orders: OrderRepository,
    workflows: Workflows,
    settings: Settings,
    account_managers: Callable[[list[str]], list[str]],
    customer_id: str,
    data: ServiceOrderInput,
    *,
    reminder_after_seconds: int | None = None,
    clock: Clock = now,
) -> ServiceOrderView:
    """Sends the order: waiting for the seller's approval. The customer's account managers (or, without one, customer
    service) get an e-mail with a link, and the vendor's CRM an event, both through the outbox."""
    customer = customers.get_customer(principal, customer_repository, customer_id)
    facts = customers.facts(customer)
    access.require_place_order(principal, facts)
    problems = FieldProblems()
    contract = orders.contract(customer_id, data.contract_id)
    department = departments.get(customer_id, data.department_id)
    if contract is None or not contract.active:
        problems.add(field_refusal("contract_id", "not_a_choice", "Choose one of the customer's contracts"))
    elif data.product_group not in contract.product_groups:
        message = "Choose one of the contract's product groups"
        problems.add(field_refusal("product_group", "not_a_choice", message, choices=contract.product_groups))
    if department is None or not department.active:
        problems.add(field_refusal("department_id", "not_a_choice", "Choose one of the customer's departments"))
    problems.raise_if_any()
    assert contract is not None and department is not None  # noqa: PT018 - refused above otherwise
    at = clock()
    order = ServiceOrder(
        order_id=new_id(),
        customer_id=customer_id,
        number=orders.next_number(customer_id),
        department_id=department.department_id,
        department_name=department.name,
        contract_id=contract.contract_id,
        contract_name=contract.name,
        product_group=data.product_group,
        customer_reference=data.customer_reference or contract.default_reference,
        description=data.description,
        customer_approval=contract.customer_approval,
        placed_at=at,
        placed_by=principal.username,
        placed_by_name=principal.display_name,
        timeline=[
            TimelineEntry(at=at, by_name=principal.display_name, action="placed", status=Status.WAITING_FOR_SELLER)
        ],
        version=1,
    )
    link = _link(settings, customer_id, order.order_id)
    recipients = account_managers(customer.assigned_staff) or [settings.staff_notification_address]
    notice = email.service_order_placed(
        to=recipients,
        customer=f"{customer.name} ({customer.number})",
        number=order.number,
        contract=contract.name,
        product_group=order.product_group,
        link=link,
        language=settings.staff_language,
    )
    event = DomainEvent(
        detail_type="ServiceOrderPlaced",
        detail={
            "order_id": order.order_id,
            "order_number": order.number,
            "customer_id": customer_id,
            "customer_number": customer.number,
            "contract_id": contract.contract_id,
            "product_group": order.product_group,
            "department_id": department.department_id,
            "placed_at": at.isoformat(),
        },
    )
    orders.place(order, actor=principal.username, side_effects=[notice, event])
    days = settings.order_reminder_days
    workflows.start(
        settings.order_approval_state_machine_arn,
        name=order.order_id,
        payload={
            "key": orders.service_order_key(customer_id, order.order_id),
            "customer_id": customer_id,
            "order_id": order.order_id,
            "customer_approval": order.customer_approval,
            "reminder_after_seconds": reminder_after_seconds or days * 24 * 3600,
        },
    )
    return view(principal, facts, order)


def service_orders(
    principal: Principal,
    customer_repository: CustomerRepository,
    orders: OrderRepository,
    customer_id: str,
    *,
    limit: int = 25,
    cursor: str | None = None,
) -> ServiceOrderPage:
    facts = orders_visible_to(principal, customer_repository, customer_id)
    found, next_cursor = orders.service_orders_of(customer_id, principal=principal.username, limit=limit, cursor=cursor)
    return ServiceOrderPage(items=[view(principal, facts, order) for order in found], next_cursor=next_cursor)


def service_order(
    principal: Principal,
    customer_repository: CustomerRepository,
    orders: OrderRepository,
    customer_id: str,
    order_id: str,
) -> ServiceOrderView:
    facts, order, _ = service_order_in_view(principal, customer_repository, orders, customer_id, order_id)
    return view(principal, facts, order)


def move_service_order(
    principal: Principal,
    customer_repository: CustomerRepository,
    orders: OrderRepository,
    workflows: Workflows,
    customer_id: str,
    order_id: str,
    data: TransitionInput,
    clock: Clock = now,
) -> ServiceOrderView:
    facts, order, task_token = service_order_in_view(principal, customer_repository, orders, customer_id, order_id)
    sources, target, resume = TRANSITIONS[data.action]
    access.require_move_service_order(principal, facts, data.action.value, order.status.value)
    if order.status not in sources:
        raise status_conflict(order.status)
    require_version(order.version, data.version, "order")
    if data.action in NEEDS_REASON and not data.reason:
        raise field_refusal("reason", "required", "Give the reason")
    if task_token is None:
        raise Conflict("The order is still being received; try again in a moment", code="not_ready")
    at = clock()
    status = target(order)
    entry = TimelineEntry(
        at=at, by_name=principal.display_name, action=data.action.value, status=status, note=data.reason or None
    )
    after = order.model_copy(
        update={"status": status, "version": order.version + 1, "timeline": [*order.timeline, entry]}
    )
    if not orders.move_service_order(order, after, task_token=task_token, actor=principal.username, at=at):
        current = orders.service_order(customer_id, order_id)
        raise status_conflict(current[0].status if current else order.status)
    try:
        workflows.resume(task_token, {"action": resume})
    except Conflict:
        # The step stopped waiting as this action was written (a customer approval's wait timing out into its
        # reminder): the workflow reads the order's status when it next waits, and carries on from there.
        logger.info("workflow step gone; it resyncs from the order", extra={"order_id": order_id})
    return view(principal, facts, after)


def set_progress(
    principal: Principal,
    customer_repository: CustomerRepository,
    orders: OrderRepository,
    customer_id: str,
    order_id: str,
    data: ProgressInput,
    clock: Clock = now,
) -> ServiceOrderView:
    """The order's own state (seed 004: active / started / closed), apart from its approval: moved forward by the
    seller's staff, each move a timeline entry the customer sees. The approval workflow's waiting step is untouched."""
    facts, order, _ = service_order_in_view(principal, customer_repository, orders, customer_id, order_id)
    access.require_handle_orders(principal, facts)
    if data.progress not in PROGRESS_NEXT[order.progress]:
        raise Conflict(
            f"The order is {order.progress.value}; it cannot become {data.progress.value}",
            code="progress_conflict",
            details=[{"progress": order.progress.value}],
        )
    require_version(order.version, data.version, "order")
    at = clock()
    entry = TimelineEntry(
        at=at, by_name=principal.display_name, action=f"progress_{data.progress.value}", status=order.status
    )
    after = order.model_copy(
        update={"progress": data.progress, "version": order.version + 1, "timeline": [*order.timeline, entry]}
    )
    orders.record_progress(order, after, actor=principal.username, at=at)
    return view(principal, facts, after)


def remind(
    orders: OrderRepository,
    approvers: Callable[[str], list[tuple[str, Language]]],
    settings: Settings,
    customer_id: str,
    order_id: str,
    clock: Clock = now,
) -> bool:
    """A customer approval that waited longer than the vendor's number of days: recorded on the order, and the
    customer's order approvers e-mailed (each in their language). False when the order no longer waits."""
    found = orders.service_order(customer_id, order_id)
    if found is None or found[0].status is not Status.WAITING_FOR_CUSTOMER:
        return False
    order = found[0]
    at = clock()
    entry = TimelineEntry(at=at, by_name="Kundeportal", action="reminded", status=order.status)
    link = _link(settings, customer_id, order_id)
    messages = [
        email.service_order_waiting(to=[address], number=order.number, link=link, language=language)
        for address, language in approvers(customer_id)
    ]
    after = order.model_copy(
        update={"reminders": order.reminders + 1, "version": order.version + 1, "timeline": [*order.timeline, entry]}
    )
    return orders.record_reminder(order, after, at=at, emails=messages)


def _link(settings: Settings, customer_id: str, order_id: str) -> str:
    """The order's page, as e-mails link to it (the web opens the order from the address)."""
    return f"{settings.portal_url}/#/orders/service?customer={customer_id}&order={order_id}"
