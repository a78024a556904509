"""Who may see or do what: the one module that decides it (AUTH-2, AUTH-3, AUTH-4, ORG-1).

Handlers never test roles or links themselves; they ask this module. A principal is built by the authorizer
from the session and travels to the handlers in the API Gateway authorizer context.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from portal.errors import Forbidden, NotFound, Unauthenticated, ValidationFailed, field_problem


class PrincipalKind(StrEnum):
    STAFF = "staff"
    CONTACT = "contact"
    INVOICE_CUSTOMER = "invoice_customer"
    OBJECT = "object"
    API_KEY = "api_key"  # a customer's system calling the document API with a key (DOC-3), not a person


class ApiKeyRole(StrEnum):
    """What a customer's API key may do for that customer, and nothing beyond (DOC-3)."""

    READ_DOCUMENTS = "read_documents"
    SEND_DOCUMENTS = "send_documents"  # sends, and follows what it sent: reads too


class StaffRole(StrEnum):
    ADMINISTRATOR = "administrator"
    ACCOUNT_MANAGER = "account_manager"
    TECHNICIAN = "technician"
    # The vendor's occupational-health personnel (EMP-2): they read the self-declarations employees fill in.
    HEALTH_PERSONNEL = "health_personnel"


class Permission(StrEnum):
    """The staff permissions of the service system's customer register (AUTH-3)."""

    VIEW = "view"
    VIEW_ASSIGNED = "view_assigned"
    EDIT = "edit"
    EDIT_ASSIGNED = "edit_assigned"
    CREATE = "create"
    DELETE = "delete"
    UPLOAD = "upload"
    CREATE_CUSTOMER_USER = "create_customer_user"
    CHANGE_CUSTOMER_USER_RIGHTS = "change_customer_user_rights"
    DELETE_CUSTOMER_USER = "delete_customer_user"
    ASSIGN = "assign"
    DELETE_UPLOADED_FILES = "delete_uploaded_files"
    # Special-category personal data (the self-declarations of EMP-2): the health personnel's alone, not even the
    # administrators' (who keep the staff and could make themselves health personnel, which their history shows).
    READ_HEALTH_DATA = "read_health_data"


class CustomerRole(StrEnum):
    """What a customer's own portal users may do for that customer (AUTH-3, delegated to the customer)."""

    USER_ADMINISTRATOR = "user_administrator"
    ORDERER = "orderer"
    ORDER_APPROVER = "order_approver"
    INVOICE_READER = "invoice_reader"
    EMPLOYEE_ADMINISTRATOR = "employee_administrator"
    DEPOSIT_REGISTRAR = "deposit_registrar"
    DOCUMENT_HANDLER = "document_handler"


class UserAdministration(StrEnum):
    """The customer-user actions of AUTH-3, each with the staff permission it needs."""

    INVITE = "create_customer_user"
    CHANGE = "change_customer_user_rights"
    DELETE = "delete_customer_user"


ROLE_PERMISSIONS: dict[StaffRole, frozenset[Permission]] = {
    StaffRole.ADMINISTRATOR: frozenset(Permission) - {Permission.READ_HEALTH_DATA},
    StaffRole.ACCOUNT_MANAGER: frozenset(
        {
            Permission.VIEW,
            Permission.EDIT_ASSIGNED,
            Permission.CREATE,
            Permission.UPLOAD,
            Permission.ASSIGN,
            Permission.CREATE_CUSTOMER_USER,
        }
    ),
    StaffRole.TECHNICIAN: frozenset({Permission.VIEW_ASSIGNED, Permission.EDIT_ASSIGNED, Permission.UPLOAD}),
    StaffRole.HEALTH_PERSONNEL: frozenset({Permission.VIEW, Permission.READ_HEALTH_DATA}),
}


class Principal(BaseModel):
    """The logged-in user as far as access decisions need it. Customer scope is resolved at login."""

    model_config = ConfigDict(frozen=True)

    username: str
    display_name: str
    kind: PrincipalKind
    role: StaffRole | None = None
    permissions: frozenset[Permission] = frozenset()
    # Portal users: the customers and objects the login is linked to, and the customers it may see through the
    # group rules of ORG-1 (linked customers, their subsidiaries, and siblings where the group allows it).
    linked_customer_ids: frozenset[str] = frozenset()
    linked_objects: dict[str, str] = Field(default_factory=dict, description="object id → its customer's id")
    visible_customer_ids: frozenset[str] = frozenset()
    # ...and of those, the subsidiaries of its linked customers (not the siblings a group lets them see)
    subsidiary_ids: frozenset[str] = frozenset()
    contact_id: str | None = None
    home_customer_id: str | None = None
    # Portal users: their roles per customer (granted on a linked customer, they hold for its subsidiaries too).
    customer_roles: dict[str, frozenset[CustomerRole]] = Field(default_factory=dict)
    session_id: str = Field(default="", repr=False)
    # API keys: the one customer the key acts for and its role there (DOC-3); they see no customer otherwise.
    key_customer_id: str | None = None
    key_role: ApiKeyRole | None = None

    @property
    def is_staff(self) -> bool:
        return self.kind is PrincipalKind.STAFF

    @property
    def is_api_key(self) -> bool:
        return self.kind is PrincipalKind.API_KEY

    @property
    def is_administrator(self) -> bool:
        return self.role is StaffRole.ADMINISTRATOR

    def to_context(self) -> dict[str, str]:
        """API Gateway allows only flat string/number/boolean values in an authorizer context."""
        return {"principal": self.model_dump_json()}

    @classmethod
    def from_context(cls, context: dict[str, Any] | None) -> Principal:
        raw = (context or {}).get("principal")
        if not isinstance(raw, str):
            raise Unauthenticated("Log in to continue")
        return cls.model_validate(json.loads(raw))


class CustomerFacts(BaseModel):
    """What the policy needs to know about one customer."""

    customer_id: str
    assigned_staff: frozenset[str] = frozenset()


class ObjectFacts(BaseModel):
    """What the policy needs to know about one object (a customer's site or installation, ORG-2)."""

    object_id: str
    customer: CustomerFacts


def _has(principal: Principal, permission: Permission) -> bool:
    return permission in principal.permissions


def require_staff(principal: Principal, permission: Permission | None = None) -> None:
    if not principal.is_staff:
        raise Forbidden("This is for the vendor's staff only")
    if permission is not None and not _has(principal, permission):
        raise Forbidden(f"You lack the permission '{permission.value}'", code="missing_permission")


def require_administrator(principal: Principal, action: str) -> None:
    if not principal.is_administrator:
        raise Forbidden(f"Only an administrator may {action}", code="administrator_only")


def staff_sees_all_customers(principal: Principal) -> bool:
    return principal.is_staff and _has(principal, Permission.VIEW)


def can_view_customer(principal: Principal, customer: CustomerFacts) -> bool:
    if principal.is_api_key:  # its own customer, on the few routes that take a key at all (`require_person`)
        return customer.customer_id == principal.key_customer_id
    if principal.is_staff:
        if _has(principal, Permission.VIEW):
            return True
        return _has(principal, Permission.VIEW_ASSIGNED) and principal.username in customer.assigned_staff
    return customer.customer_id in principal.visible_customer_ids


def require_view_customer(principal: Principal, customer: CustomerFacts | None) -> CustomerFacts:
    """A customer the principal may not see is reported as missing, so ids cannot be probed."""
    if customer is None or not can_view_customer(principal, customer):
        raise NotFound("No such customer")
    return customer


def missing_or_hidden(principal: Principal, wanted: Iterable[str], found: Mapping[str, CustomerFacts]) -> list[str]:
    """The customers among `wanted` to report as unknown: those that do not exist and those the principal may not
    see, alike, so a reference to another tenant's customer learns nothing an unknown id would not."""
    return sorted(
        customer_id
        for customer_id in set(wanted)
        if customer_id not in found or not can_view_customer(principal, found[customer_id])
    )


def require_edit_customer(principal: Principal, customer: CustomerFacts) -> None:
    require_view_customer(principal, customer)
    require_staff(principal)
    if _has(principal, Permission.EDIT):
        return
    if _has(principal, Permission.EDIT_ASSIGNED) and principal.username in customer.assigned_staff:
        return
    raise Forbidden("You may not change this customer", code="missing_permission")


def require_create_customer(principal: Principal) -> None:
    require_staff(principal, Permission.CREATE)


def require_delete_customer(principal: Principal, customer: CustomerFacts) -> None:
    require_view_customer(principal, customer)
    require_staff(principal, Permission.DELETE)


def require_import_customers(principal: Principal) -> None:
    """Bulk upload of a register (ORG-3) creates customers: for staff with the Create right."""
    require_person(principal)
    require_create_customer(principal)


def can_view_object(principal: Principal, facts: ObjectFacts) -> bool:
    """AUTH-4: customer-linked logins see their customers' objects; object-linked logins see those objects."""
    if can_view_customer(principal, facts.customer):
        return True
    return not principal.is_staff and principal.linked_objects.get(facts.object_id) == facts.customer.customer_id


def customers_acted_for(principal: Principal) -> frozenset[str]:
    """AUTH-4: the customers a portal login works for — those it sees, and the customers of its linked objects,
    which an object-linked contact chooses among (it sees their names, not their data)."""
    return principal.visible_customer_ids | frozenset(principal.linked_objects.values())


def sees_customer(principal: Principal, customer_id: str) -> bool:
    """AUTH-4: a portal login sees a customer in full only through a customer link (or its group's rules)."""
    return customer_id in principal.visible_customer_ids


def own_objects_of(principal: Principal, customer_id: str) -> list[str]:
    """AUTH-4: the objects of one customer a login is linked to (all it may see there without the customer)."""
    if principal.is_staff:
        return []
    return sorted(object_id for object_id, owner in principal.linked_objects.items() if owner == customer_id)


def require_view_object(principal: Principal, facts: ObjectFacts | None) -> ObjectFacts:
    if facts is None or not can_view_object(principal, facts):
        raise NotFound("No such object")
    return facts


def require_edit_object(principal: Principal, facts: ObjectFacts) -> None:
    require_view_object(principal, facts)
    require_edit_customer(principal, facts.customer)


def can_view_contact(principal: Principal, contact_id: str, linked_customers: Iterable[CustomerFacts]) -> bool:
    """Staff see a contact when they may see one of its customers (or all customers); a portal user only itself."""
    if not principal.is_staff:
        return principal.contact_id == contact_id
    return staff_sees_all_customers(principal) or any(
        can_view_customer(principal, customer) for customer in linked_customers
    )


def require_view_contact(
    principal: Principal, contact_id: str, linked_customers: Iterable[CustomerFacts] | None
) -> None:
    if linked_customers is None or not can_view_contact(principal, contact_id, linked_customers):
        raise NotFound("No such contact")


def roles_at(principal: Principal, customer_id: str) -> frozenset[CustomerRole]:
    """A portal user's roles at a customer it sees; staff act through their permissions, not roles."""
    if principal.is_staff or customer_id not in principal.visible_customer_ids:
        return frozenset()
    return principal.customer_roles.get(customer_id, frozenset())


def has_role(principal: Principal, customer_id: str, role: CustomerRole) -> bool:
    return role in roles_at(principal, customer_id)


def require_role(principal: Principal, customer: CustomerFacts | None, role: CustomerRole) -> CustomerFacts:
    """For the capabilities a customer's own users perform (ordering, approving, reading invoices, ...)."""
    facts = require_view_customer(principal, customer)
    if not has_role(principal, facts.customer_id, role):
        raise Forbidden(f"You need the role '{role.value}' at this customer", code="missing_role")
    return facts


def require_administer_users(
    principal: Principal, customer: CustomerFacts | None, action: UserAdministration
) -> CustomerFacts:
    """Staff with the matching AUTH-3 permission, or the customer's own user administrator, manage the
    customer's portal users. A customer the principal may not see is reported as missing."""
    facts = require_view_customer(principal, customer)
    if principal.is_staff:
        require_staff(principal, Permission(action.value))
    elif not has_role(principal, facts.customer_id, CustomerRole.USER_ADMINISTRATOR):
        raise Forbidden("Only the customer's user administrators manage its users", code="missing_role")
    return facts


def customer_roles_of(
    granted: Mapping[str, Iterable[str]], *, subsidiaries_of: Mapping[str, list[str]]
) -> dict[str, frozenset[CustomerRole]]:
    """Roles granted at a customer hold at its subsidiaries too (a group's user administrator administers the
    group); roles granted at a subsidiary hold there only."""
    roles: dict[str, set[CustomerRole]] = {}
    for customer_id, names in granted.items():
        held = {CustomerRole(name) for name in names}
        for reached in [customer_id, *subsidiaries_of.get(customer_id, [])]:
            roles.setdefault(reached, set()).update(held)
    return {customer_id: frozenset(held) for customer_id, held in roles.items()}


def require_keep_catalogue(principal: Principal) -> None:
    """The product catalogue is the vendor's: its administrators add, change and retire products."""
    require_staff(principal)
    require_administrator(principal, "keep the product catalogue")


_ORDER_READERS = frozenset({CustomerRole.ORDERER, CustomerRole.ORDER_APPROVER})


def require_view_orders(principal: Principal, customer: CustomerFacts | None) -> CustomerFacts:
    """A customer's orders: staff who see the customer, and its users who order or approve orders there."""
    facts = require_view_customer(principal, customer)
    if principal.is_staff or roles_at(principal, facts.customer_id) & _ORDER_READERS:
        return facts
    raise Forbidden("You need the role 'orderer' or 'order_approver' at this customer", code="missing_role")


def require_view_cash_agreement(principal: Principal, customer: CustomerFacts | None) -> CustomerFacts:
    """What is agreed about cash (the currency and its notes and coins, delivery days, credit limit): staff who see
    the customer, and its users who order or register deposits there."""
    facts = require_view_customer(principal, customer)
    readers = _ORDER_READERS | {CustomerRole.DEPOSIT_REGISTRAR}
    if principal.is_staff or roles_at(principal, facts.customer_id) & readers:
        return facts
    raise Forbidden("You need a role that orders or registers deposits at this customer", code="missing_role")


def reads_customer_notes(principal: Principal) -> bool:
    """An order's notes are the customer's own (seed 000: not a message to the vendor): only its users read them."""
    return not principal.is_staff


def require_place_order(principal: Principal, customer: CustomerFacts | None) -> CustomerFacts:
    """Orders are placed by the customer's own orderers (the vendor's staff handle them, never place them)."""
    return require_role(principal, customer, CustomerRole.ORDERER)


def require_agree_cash(principal: Principal, customer: CustomerFacts) -> None:
    """What is agreed with a customer about change (delivery days, currency, credit limit): staff who may change
    the customer."""
    require_edit_customer(principal, customer)


def require_keep_contracts(principal: Principal, customer: CustomerFacts) -> None:
    """A customer's contracts (which service orders are placed under): staff who may change the customer."""
    require_edit_customer(principal, customer)


def may_move_service_order(principal: Principal, customer: CustomerFacts, action: str, status: str) -> bool:
    """ORD-3, who takes which step of a service order: the seller (staff who may change the customer) approves,
    confirms on the customer's behalf, delivers, rejects while it waits for the seller, and cancels; the customer's
    order approver confirms or rejects while it waits for the customer; its orderers cancel before approval."""
    seller = principal.is_staff and _passes(lambda: require_handle_orders(principal, customer))
    approver = has_role(principal, customer.customer_id, CustomerRole.ORDER_APPROVER)
    orderer = has_role(principal, customer.customer_id, CustomerRole.ORDERER)
    match action:
        case "approve" | "confirm_on_behalf" | "deliver":
            return seller
        case "confirm":
            return approver
        case "reject":
            return seller if status == "waiting_for_seller" else approver
        case "cancel":
            return seller or (orderer and status in {"waiting_for_seller", "waiting_for_customer"})
    return False


def require_move_service_order(principal: Principal, customer: CustomerFacts, action: str, status: str) -> None:
    if not may_move_service_order(principal, customer, action, status):
        raise Forbidden(f"You may not {action.replace('_', ' ')} this order", code="missing_role")


def _passes(check: Callable[[], object]) -> bool:
    try:
        check()
    except (Forbidden, NotFound, Unauthenticated):
        return False
    return True


def may_handle_orders(principal: Principal, customer: CustomerFacts) -> bool:
    return principal.is_staff and _passes(lambda: require_handle_orders(principal, customer))


def require_handle_orders(principal: Principal, customer: CustomerFacts) -> None:
    """Recording what happened to an order (delivered, …): staff who may change the customer."""
    require_edit_customer(principal, customer)


def require_view_deposits(principal: Principal, customer: CustomerFacts | None) -> CustomerFacts:
    """A customer's deposits (DEP-1, DEP-2): staff who see the customer, and its deposit registrars."""
    facts = require_view_customer(principal, customer)
    if principal.is_staff or has_role(principal, facts.customer_id, CustomerRole.DEPOSIT_REGISTRAR):
        return facts
    raise Forbidden("You need the role 'deposit_registrar' at this customer", code="missing_role")


def require_register_deposit(principal: Principal, customer: CustomerFacts | None) -> CustomerFacts:
    """Slips are the customer's declaration of its own bags: its deposit registrars fill them in."""
    return require_role(principal, customer, CustomerRole.DEPOSIT_REGISTRAR)


def require_reverse_deposit(principal: Principal, customer: CustomerFacts) -> None:
    """A slip is corrected by its customer's deposit registrars, or by staff who may change the customer."""
    if principal.is_staff:
        require_edit_customer(principal, customer)
    else:
        require_register_deposit(principal, customer)


def require_count_deposit(principal: Principal, customer: CustomerFacts) -> None:
    """Counting a bag is the cash centre's: staff who may change the customer."""
    require_edit_customer(principal, customer)


def require_decide_registrations(principal: Principal) -> None:
    require_staff(principal, Permission.CREATE_CUSTOMER_USER)
    require_administrator(principal, "approve or reject registration requests")


def require_view_deliveries(principal: Principal) -> None:
    """Undelivered e-mails name their recipients and what was sent: for the vendor's administrators."""
    require_staff(principal)
    require_administrator(principal, "see or retry failed e-mail deliveries")


def require_handle_print_jobs(principal: Principal) -> None:
    """Prints that failed every try (Smartmail's postal channel, DOC-7) name the recipients and their addresses:
    the vendor's administrators see them and send them again."""
    require_staff(principal)
    require_administrator(principal, "see or redrive failed print jobs")


def acting_for_administrator(username: str) -> Principal:
    """Work a workflow carries out for the administrator who decided it (e.g. an approved registration)."""
    return Principal(
        username=username,
        display_name=username,
        kind=PrincipalKind.STAFF,
        role=StaffRole.ADMINISTRATOR,
        permissions=ROLE_PERMISSIONS[StaffRole.ADMINISTRATOR],
    )


def visible_customer_ids(
    *, linked: Iterable[str], subsidiaries_of: dict[str, list[str]], sibling_groups: dict[str, list[str]]
) -> frozenset[str]:
    """ORG-1: group-level links see all subsidiaries; subsidiary links see their own, and their siblings
    when the group lets subsidiaries see each other's traffic (`sibling_groups`: subsidiary → siblings)."""
    visible: set[str] = set()
    for customer_id in linked:
        visible.add(customer_id)
        visible.update(subsidiaries_of.get(customer_id, []))
        visible.update(sibling_groups.get(customer_id, []))
    return frozenset(visible)


class CustomerAction(StrEnum):
    """What a principal may do with one customer, told with the customer so pages offer only those actions."""

    EDIT = "edit"
    CHANGE_NUMBER = "change_number"
    CHANGE_STATUS = "change_status"
    INVITE_USER = "invite_user"
    CHANGE_USERS = "change_users"
    DELETE_USERS = "delete_users"
    DELETE = "delete"


def customer_actions(principal: Principal, customer: CustomerFacts) -> list[CustomerAction]:
    """The actions the `require_*` decisions above would allow on this customer, asked of them (never restated)."""

    def change_number() -> None:
        require_edit_customer(principal, customer)
        require_administrator(principal, "change a customer number")

    checks: dict[CustomerAction, Callable[[], object]] = {
        CustomerAction.EDIT: lambda: require_edit_customer(principal, customer),
        CustomerAction.CHANGE_NUMBER: change_number,
        CustomerAction.CHANGE_STATUS: lambda: require_delete_customer(principal, customer),
        CustomerAction.INVITE_USER: lambda: require_administer_users(principal, customer, UserAdministration.INVITE),
        CustomerAction.CHANGE_USERS: lambda: require_administer_users(principal, customer, UserAdministration.CHANGE),
        CustomerAction.DELETE_USERS: lambda: require_administer_users(principal, customer, UserAdministration.DELETE),
        CustomerAction.DELETE: lambda: require_delete_customer(principal, customer),
    }
    allowed = []
    for action, check in checks.items():
        try:
            check()
        except (Forbidden, NotFound, Unauthenticated):
            continue
        allowed.append(action)
    return allowed


_DOCUMENT_READERS = frozenset({CustomerRole.DOCUMENT_HANDLER, CustomerRole.INVOICE_READER})


def reads_documents(principal: Principal, customer: CustomerFacts) -> bool:
    """Whether the principal reads the customer's documents (and so the figures of its traffic, DOC-4)."""
    if principal.is_staff:
        return can_view_customer(principal, customer)
    return bool(roles_at(principal, customer.customer_id) & _DOCUMENT_READERS)


def require_view_documents(principal: Principal, customer: CustomerFacts | None) -> CustomerFacts:
    """A customer's business documents, sent and received (DOC-1..7): staff who see the customer, its users who
    handle or read its documents, and its API keys."""
    if principal.is_api_key:
        return _require_key_role(principal, customer, ApiKeyRole.READ_DOCUMENTS)
    facts = require_view_customer(principal, customer)
    if reads_documents(principal, facts):
        return facts
    raise Forbidden("You need the role 'document_handler' or 'invoice_reader' at this customer", code="missing_role")


def require_send_documents(principal: Principal, customer: CustomerFacts | None) -> CustomerFacts:
    """Documents are sent, corrected and resent by the customer's own document handlers (the vendor carries them),
    and sent by its API keys that were given the sending role."""
    if principal.is_api_key:
        return _require_key_role(principal, customer, ApiKeyRole.SEND_DOCUMENTS)
    return require_role(principal, customer, CustomerRole.DOCUMENT_HANDLER)


def require_document_settings(principal: Principal, customer: CustomerFacts) -> None:
    """What a customer ordered for its documents (the filter, Smartmail's days, its electronic address): its user
    administrators, or staff who may change the customer."""
    if principal.is_staff:
        require_edit_customer(principal, customer)
    elif not has_role(principal, customer.customer_id, CustomerRole.USER_ADMINISTRATOR):
        raise Forbidden("Only the customer's user administrators change its document settings", code="missing_role")


# -- API keys (DOC-3) ----------------------------------------------------------------------------------------------

_KEY_ROLES_HOLD: dict[ApiKeyRole, frozenset[ApiKeyRole]] = {
    ApiKeyRole.READ_DOCUMENTS: frozenset({ApiKeyRole.READ_DOCUMENTS}),
    ApiKeyRole.SEND_DOCUMENTS: frozenset({ApiKeyRole.READ_DOCUMENTS, ApiKeyRole.SEND_DOCUMENTS}),
}


def require_person(principal: Principal) -> None:
    """Every route is for people logged in, except the few of the document API that declare they take API keys."""
    if principal.is_api_key:
        raise Forbidden("An API key reaches only the document API", code="api_key_not_allowed")


def _require_key_role(principal: Principal, customer: CustomerFacts | None, role: ApiKeyRole) -> CustomerFacts:
    """A key acts for its own customer only (another customer is reported as missing, as to anyone who may not see
    it) and within its role there."""
    if customer is None or principal.key_customer_id != customer.customer_id or principal.key_role is None:
        raise NotFound("No such customer")
    if role not in _KEY_ROLES_HOLD[principal.key_role]:
        raise Forbidden(f"This API key's role does not include '{role.value}'", code="api_key_role")
    return customer


def require_manage_integrations(
    principal: Principal, customer: CustomerFacts | None, *, creating: bool
) -> CustomerFacts:
    """A customer's API keys and webhooks (how its own systems reach the portal, and are reached) are created by its
    user administrators, who also list and remove them; the vendor's staff who may change the customer's users list
    and remove them too (a leaked key, an address gone bad), but never create one."""
    require_person(principal)
    facts = require_view_customer(principal, customer)
    if principal.is_staff and not creating:
        require_staff(principal, Permission.CHANGE_CUSTOMER_USER_RIGHTS)
    elif not has_role(principal, facts.customer_id, CustomerRole.USER_ADMINISTRATOR):
        raise Forbidden("Only the customer's user administrators manage its API keys and webhooks", code="missing_role")
    return facts


# -- service cases (AUTH-4, CASE-1..3) -----------------------------------------------------------------------------
#
# A case is filed under scopes: every case under `all`, and under its customer, its object and its primary contact.
# A login sees the cases of its scopes: the search reads exactly those partitions and a single case is shown when
# they meet the case's, so the list and the case can never disagree. Staff with "View assigned only" see the cases
# of the customers assigned to them now (ORG-4): their scopes are those customers', looked up for each request.

ALL_CASES = "all"


def customer_scope(customer_id: str) -> str:
    return f"customer:{customer_id}"


def object_scope(object_id: str) -> str:
    return f"object:{object_id}"


def contact_scope(contact_id: str) -> str:
    return f"contact:{contact_id}"


class CaseFacts(BaseModel):
    """What the policy needs to know about one case (its customer's facts as they are now)."""

    customer: CustomerFacts | None = None
    object_id: str | None = None
    contact_id: str | None = None

    @property
    def scopes(self) -> list[str]:
        scopes = [ALL_CASES]
        if self.customer is not None:
            scopes.append(customer_scope(self.customer.customer_id))
        if self.object_id is not None:
            scopes.append(object_scope(self.object_id))
        if self.contact_id is not None:
            scopes.append(contact_scope(self.contact_id))
        return scopes


def case_scopes(principal: Principal, assigned_customers: Iterable[str] = ()) -> list[str]:
    """AUTH-4, searching cases: the scopes whose cases a login sees.

    - staff with View see every case; with View assigned only, the cases of the customers assigned to them
      (`assigned_customers`, ORG-4);
    - a contact login without a contact sees none; with a contact, the cases the contact is on, the cases on the
      objects it is linked to (whatever their customer) and the cases of the customers it is linked to (with their
      objects' cases, and their subsidiaries');
    - an invoice-customer login sees its customer's cases, an object login its object's.
    """
    if principal.is_staff:
        if _has(principal, Permission.VIEW):
            return [ALL_CASES]
        if _has(principal, Permission.VIEW_ASSIGNED):
            return [customer_scope(customer_id) for customer_id in sorted(set(assigned_customers))]
        return []
    match principal.kind:
        case PrincipalKind.CONTACT if principal.contact_id is not None:
            return [
                contact_scope(principal.contact_id),
                *(object_scope(object_id) for object_id in sorted(principal.linked_objects)),
                *(customer_scope(customer_id) for customer_id in sorted(own_customer_tree(principal))),
            ]
        case PrincipalKind.INVOICE_CUSTOMER:
            return [customer_scope(customer_id) for customer_id in sorted(own_customer_tree(principal))]
        case PrincipalKind.OBJECT:
            return [object_scope(object_id) for object_id in sorted(principal.linked_objects)]
    return []


def own_customer_tree(principal: Principal) -> frozenset[str]:
    """The customers a portal login is linked to and their subsidiaries, without the siblings a group may let its
    subsidiaries see (seed 001's document traffic): a sibling's cases and specifications are not theirs."""
    return principal.linked_customer_ids | principal.subsidiary_ids


def can_view_case(principal: Principal, case: CaseFacts) -> bool:
    if principal.is_staff:
        if _has(principal, Permission.VIEW):
            return True
        assigned = case.customer is not None and principal.username in case.customer.assigned_staff
        return assigned and _has(principal, Permission.VIEW_ASSIGNED)
    return bool(set(case_scopes(principal)) & set(case.scopes))


def require_view_case(principal: Principal, case: CaseFacts | None) -> CaseFacts:
    """A case the login may not see answers as one that does not exist."""
    require_person(principal)
    if case is None or not can_view_case(principal, case):
        raise NotFound("No such case")
    return case


class CasePlacement(BaseModel):
    """Where a new case goes: decided by `place_case` from what the login chose and may choose."""

    customer_id: str | None = None
    object_id: str | None = None
    contact_id: str | None = None


def case_customers(principal: Principal) -> frozenset[str]:
    """AUTH-4, creating cases: the customers a portal login chooses among — those it is linked to (with the group's
    it sees), and the customers of the objects it is linked to."""
    if principal.kind is PrincipalKind.CONTACT and principal.contact_id is None:
        return frozenset()
    return own_customer_tree(principal) | frozenset(principal.linked_objects.values())


def case_customer_may_be_omitted(principal: Principal) -> bool:
    """Only a contact linked to customers (or to nothing, or with no contact at all) creates a case without one; an
    object-linked contact chooses among its objects' customers, an invoice-customer or object login's case is its
    own customer's."""
    if principal.is_staff:
        return False
    if principal.kind is not PrincipalKind.CONTACT:
        return False
    return bool(own_customer_tree(principal)) or not principal.linked_objects


def place_case(
    principal: Principal,
    *,
    customer: CustomerFacts | None,
    chosen_object: ObjectFacts | None,
    customer_required: bool,
    object_required: bool,
) -> CasePlacement:
    """AUTH-4 and CASE-1: the customer, object and primary contact of a new case, from what the login chose.

    A customer or object the login may not choose answers as one that does not exist. Whether a customer and an
    object are mandatory is the vendor's setting; it binds the logins that have something to choose from (a contact
    without links creates its case without either, as seed 002 describes)."""
    require_person(principal)
    if principal.is_staff:  # the vendor files a case for a customer, always
        if customer is None:
            raise _must_choose("customer_id", "customer_required", "Choose the customer the case is for")
        require_edit_customer(principal, customer)
        return CasePlacement(customer_id=customer.customer_id, object_id=_object_of(chosen_object, customer))
    if principal.kind is PrincipalKind.CONTACT and principal.contact_id is None:
        if customer is not None or chosen_object is not None:
            raise NotFound("No such customer" if customer is not None else "No such object")
        return CasePlacement()
    if principal.kind is PrincipalKind.OBJECT and chosen_object is None:
        own = sorted(principal.linked_objects.items())
        if len(own) == 1:  # an object login's cases are its object's (seed 002), chosen or not
            object_id, owner = own[0]
            if customer is not None and customer.customer_id != owner:
                raise NotFound("No such customer")
            return CasePlacement(customer_id=owner, object_id=object_id)
    choosable = case_customers(principal)
    if chosen_object is not None:
        if not can_view_object(principal, chosen_object) or chosen_object.customer.customer_id not in choosable:
            raise NotFound("No such object")
        if customer is not None and customer.customer_id != chosen_object.customer.customer_id:
            raise NotFound("No such object")
        customer = chosen_object.customer
    if customer is not None and customer.customer_id not in choosable:
        raise NotFound("No such customer")
    if customer is None:
        if principal.kind is PrincipalKind.INVOICE_CUSTOMER and principal.home_customer_id in choosable:
            customer = CustomerFacts(customer_id=principal.home_customer_id)
        elif choosable and (customer_required or not case_customer_may_be_omitted(principal)):
            raise _must_choose("customer_id", "customer_required", "Choose the customer the case is for")
    if chosen_object is None and object_required and (choosable or principal.linked_objects):
        raise _must_choose("object_id", "object_required", "Choose the object the case is on")
    return CasePlacement(
        customer_id=customer.customer_id if customer else None,
        object_id=chosen_object.object_id if chosen_object else None,
        contact_id=principal.contact_id if principal.kind is PrincipalKind.CONTACT else None,
    )


def _must_choose(field: str, code: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, code=code, details=[field_problem(field, code, message)])


def _object_of(chosen_object: ObjectFacts | None, customer: CustomerFacts) -> str | None:
    if chosen_object is None:
        return None
    if chosen_object.customer.customer_id != customer.customer_id:
        raise NotFound("No such object")
    return chosen_object.object_id


class DashboardView(StrEnum):
    """Whose cases a dashboard counts (seed 002, "Se dashboard"): a contact follows the cases it is the contact of,
    the cases on its objects whatever their customer, or the cases of its customers whatever their object."""

    ALL = "all"  # staff: every case they see
    MINE = "mine"
    OBJECTS = "objects"
    CUSTOMERS = "customers"


def dashboard_views(principal: Principal) -> list[DashboardView]:
    """The views a login has: staff every case they see; a contact login its own cases, its objects' and its
    customers'; an invoice-customer login its customer's; an object login its object's."""
    if principal.is_api_key:
        return []
    if principal.is_staff:
        sees = _has(principal, Permission.VIEW) or _has(principal, Permission.VIEW_ASSIGNED)
        return [DashboardView.ALL] if sees else []
    contact = principal.kind is PrincipalKind.CONTACT and principal.contact_id is not None
    offered = {
        DashboardView.MINE: contact,
        DashboardView.OBJECTS: bool(principal.linked_objects) and (contact or principal.kind is PrincipalKind.OBJECT),
        DashboardView.CUSTOMERS: bool(own_customer_tree(principal))
        and (contact or principal.kind is PrincipalKind.INVOICE_CUSTOMER),
    }
    return [view for view, has in offered.items() if has]


def require_dashboard_view(principal: Principal, view: DashboardView, *, narrowed: bool) -> None:
    """The view is the login's, and narrowed only where it can be: asked before any customer or object is looked up,
    so the answer says nothing of what exists elsewhere."""
    require_person(principal)
    if view not in dashboard_views(principal):
        raise Forbidden("This login has no such dashboard", code="dashboard_not_available")
    if view is DashboardView.MINE and narrowed:
        message = "The cases you are the contact of are not split by customer or object"
        raise ValidationFailed(
            message, code="filter_not_in_view", details=[field_problem("view", "filter_not_in_view", message)]
        )


def dashboard_scopes(
    principal: Principal,
    view: DashboardView,
    *,
    customer: CustomerFacts | None = None,
    chosen_object: ObjectFacts | None = None,
    assigned_customers: Iterable[str] = (),
) -> list[str]:
    """AUTH-4, dashboards (CASE-6): the scopes whose counters a dashboard adds up, for a view and the customer or
    object it is narrowed to. The scopes of one view never share a case, so nothing is counted twice. A customer or
    object the view does not cover answers as one that does not exist."""
    require_dashboard_view(principal, view, narrowed=customer is not None or chosen_object is not None)
    if view is DashboardView.MINE:
        assert principal.contact_id is not None
        return [contact_scope(principal.contact_id)]
    if view is DashboardView.ALL:
        covered = (
            [ALL_CASES]
            if _has(principal, Permission.VIEW)
            else [customer_scope(c) for c in sorted(set(assigned_customers))]
        )
    elif view is DashboardView.OBJECTS:
        covered = [object_scope(object_id) for object_id in sorted(principal.linked_objects)]
    else:
        covered = [customer_scope(customer_id) for customer_id in sorted(own_customer_tree(principal))]
    if chosen_object is not None:
        owner = chosen_object.customer.customer_id
        inside = {ALL_CASES, customer_scope(owner), object_scope(chosen_object.object_id)} & set(covered)
        if inside and (customer is None or customer.customer_id == owner):
            return [object_scope(chosen_object.object_id)]
        raise NotFound("No such object")
    if customer is not None:
        if ALL_CASES in covered or customer_scope(customer.customer_id) in covered:
            return [customer_scope(customer.customer_id)]
        if view is DashboardView.OBJECTS:  # its objects among the login's
            own = [
                object_scope(o)
                for o, owner in sorted(principal.linked_objects.items())
                if owner == customer.customer_id
            ]
            if own:
                return own
        raise NotFound("No such customer")
    return covered


def require_handle_case(principal: Principal, case: CaseFacts) -> None:
    """Staff move a case on (status, type) and register its work orders and article rows: those who may change its
    customer, or, for a case without one, those who may change any customer."""
    require_view_case(principal, case)
    require_staff(principal)
    if case.customer is not None:
        require_edit_customer(principal, case.customer)
    elif not _has(principal, Permission.EDIT):
        raise Forbidden("You may not change this case", code="missing_permission")


def may_handle_case(principal: Principal, case: CaseFacts) -> bool:
    return principal.is_staff and _passes(lambda: require_handle_case(principal, case))


def sees_case_prices(principal: Principal) -> bool:
    """Staff see every column of a case's article rows; the customer's logins the columns the vendor chose."""
    return principal.is_staff


def require_case_settings(principal: Principal) -> None:
    """How the portal's cases are configured (mandatory links, form fields, columns) is the vendor administrators'."""
    require_staff(principal)
    require_administrator(principal, "configure the portal's cases")


# -- assignment (ORG-4) --------------------------------------------------------------------------------------------


def require_assign(principal: Principal, customer: CustomerFacts | None) -> CustomerFacts:
    """Staff with the Assign right make staff responsible for the customers they see (AUTH-3)."""
    require_person(principal)
    facts = require_view_customer(principal, customer)
    require_staff(principal, Permission.ASSIGN)
    return facts


def require_staff_directory(principal: Principal) -> None:
    """The assignment menu names the vendor's staff: for staff who assign, and the administrators who keep it."""
    require_person(principal)
    require_staff(principal)
    if not (_has(principal, Permission.ASSIGN) or principal.is_administrator):
        raise Forbidden(f"You lack the permission '{Permission.ASSIGN.value}'", code="missing_permission")


def require_keep_staff_groups(principal: Principal) -> None:
    require_staff(principal)
    require_administrator(principal, "keep the staff groups")


def require_create_shared_login(principal: Principal, customer: CustomerFacts | None) -> CustomerFacts:
    """AUTH-2: an invoice-customer or object login is set up by the vendor's staff who create customer users."""
    require_person(principal)
    facts = require_view_customer(principal, customer)
    require_staff(principal, Permission.CREATE_CUSTOMER_USER)
    return facts


# -- invoice specifications (CASE-4) -------------------------------------------------------------------------------


def reads_specifications(principal: Principal, customer: CustomerFacts) -> bool:
    """AUTH-4: only logins of contacts linked to customers see (and approve) invoice specifications; staff who see
    the customer see them too. Invoice-customer and object logins, and contacts linked to objects only, do not."""
    if principal.is_staff:
        return can_view_customer(principal, customer)
    return (
        principal.kind is PrincipalKind.CONTACT
        and principal.contact_id is not None
        and customer.customer_id in own_customer_tree(principal)
    )


def require_view_specifications(principal: Principal, customer: CustomerFacts | None) -> CustomerFacts:
    require_person(principal)
    facts = require_view_customer(principal, customer)
    if not reads_specifications(principal, facts):
        raise Forbidden("Only the contacts linked to the customer see its invoice specifications", code="contacts_only")
    return facts


def require_review_specification(principal: Principal, customer: CustomerFacts | None) -> CustomerFacts:
    """The customer approves or comments: its linked contacts, never the vendor's staff."""
    facts = require_view_specifications(principal, customer)
    if principal.is_staff:
        raise Forbidden("The customer's contacts review its invoice specifications", code="customer_only")
    return facts


def require_publish_specification(principal: Principal, customer: CustomerFacts | None) -> CustomerFacts:
    """Staff who may change the customer publish its specifications."""
    require_person(principal)
    facts = require_view_customer(principal, customer)
    require_edit_customer(principal, facts)
    return facts


# -- files (CASE-5, AUTH-4) ----------------------------------------------------------------------------------------


def reads_customer_files(principal: Principal, customer: CustomerFacts) -> bool:
    """AUTH-4: a contact linked to the customer sees its files and its objects' files; so does the customer's own
    invoice-customer login, and staff who see the customer. Object-linked logins see only their objects' files."""
    if principal.is_api_key:
        return False
    if principal.is_staff:
        return can_view_customer(principal, customer)
    if principal.kind is PrincipalKind.CONTACT and principal.contact_id is None:
        return False
    if principal.kind not in {PrincipalKind.CONTACT, PrincipalKind.INVOICE_CUSTOMER}:
        return False
    return customer.customer_id in own_customer_tree(principal)


def reads_object_files(principal: Principal, facts: ObjectFacts) -> bool:
    """AUTH-4: "an object-linked contact sees the object's files" (so does the object's own login), besides those
    who see its customer's files."""
    if reads_customer_files(principal, facts.customer):
        return True
    if principal.is_staff or principal.is_api_key:
        return False
    if principal.kind is PrincipalKind.CONTACT and principal.contact_id is None:
        return False
    return principal.linked_objects.get(facts.object_id) == facts.customer.customer_id


class TicketFacts(BaseModel):
    """What the policy needs to know about one support ticket."""

    customer: CustomerFacts
    opened_by: str = Field(description="The username of the login that opened it")


class FileFacts(BaseModel):
    """What the policy needs to know about one file: what it is linked to, as that is now."""

    customer: CustomerFacts | None = None
    object_id: str | None = None
    case: CaseFacts | None = None
    ticket: TicketFacts | None = None


def reads_file(principal: Principal, file: FileFacts) -> bool:
    if file.case is not None:
        return can_view_case(principal, file.case)
    if file.ticket is not None:  # a ticket's attachments are read by those who read the ticket
        return reads_ticket(principal, file.ticket)
    if file.customer is None:
        return False
    if file.object_id is not None:
        return reads_object_files(principal, ObjectFacts(object_id=file.object_id, customer=file.customer))
    return reads_customer_files(principal, file.customer)


def require_read_file(principal: Principal, file: FileFacts | None) -> FileFacts:
    """A file the login may not see answers as one that does not exist."""
    require_person(principal)
    if file is None or not reads_file(principal, file):
        raise NotFound("No such file")
    return file


def require_upload_file(principal: Principal, file: FileFacts) -> None:
    """Staff with the Upload right put files on the customers, objects and cases they see (AUTH-3); a support
    ticket's readers, the customer's users among them, attach files to it (DOC-8)."""
    require_read_file(principal, file)
    if file.ticket is not None and not principal.is_staff:
        return
    require_staff(principal, Permission.UPLOAD)


def may_delete_file(principal: Principal, file: FileFacts) -> bool:
    return principal.is_staff and _has(principal, Permission.DELETE_UPLOADED_FILES) and reads_file(principal, file)


def require_delete_file(principal: Principal, file: FileFacts | None) -> None:
    """Staff with "Delete uploaded files" remove the files they see (AUTH-3)."""
    require_read_file(principal, file)
    require_staff(principal, Permission.DELETE_UPLOADED_FILES)


# -- support tickets (DOC-8) ---------------------------------------------------------------------------------------


def reads_every_ticket(principal: Principal, customer: CustomerFacts) -> bool:
    """All of a customer's support tickets: staff who see it, and the logins that work for it (its own and its
    subsidiaries'); never the siblings a group lets see each other's documents (as for cases and files)."""
    if principal.is_api_key:
        return False
    if principal.is_staff:
        return can_view_customer(principal, customer)
    return customer.customer_id in own_customer_tree(principal)


def reads_tickets(principal: Principal, customer: CustomerFacts) -> bool:
    """Some of a customer's tickets: all of them, or, for a login tied to one of its objects only, those it opened
    itself (a shop's manager asks the vendor about the shop, and does not read what head office asked)."""
    if reads_every_ticket(principal, customer):
        return True
    if principal.is_api_key or principal.is_staff:
        return False
    return customer.customer_id in frozenset(principal.linked_objects.values())


def reads_ticket(principal: Principal, ticket: TicketFacts) -> bool:
    if reads_every_ticket(principal, ticket.customer):
        return True
    return reads_tickets(principal, ticket.customer) and ticket.opened_by == principal.username


def require_read_ticket(principal: Principal, ticket: TicketFacts | None) -> TicketFacts:
    """A ticket the login may not read answers as one that does not exist."""
    require_person(principal)
    if ticket is None or not reads_ticket(principal, ticket):
        raise NotFound("No such ticket")
    return ticket


def require_view_tickets(principal: Principal, customer: CustomerFacts | None) -> CustomerFacts:
    require_person(principal)
    if customer is None or not reads_tickets(principal, customer):
        raise NotFound("No such customer")
    return customer


def require_open_ticket(principal: Principal, customer: CustomerFacts | None) -> CustomerFacts:
    """The customer's own users open its tickets; the vendor answers them."""
    facts = require_view_tickets(principal, customer)
    if principal.is_staff:
        raise Forbidden("The customer's users open support tickets", code="customer_only")
    return facts


def may_handle_ticket(principal: Principal, customer: CustomerFacts) -> bool:
    """Staff who may change the customer move its tickets on (status)."""
    return principal.is_staff and _passes(lambda: require_edit_customer(principal, customer))


def require_handle_ticket(principal: Principal, customer: CustomerFacts | None) -> CustomerFacts:
    facts = require_view_tickets(principal, customer)
    require_staff(principal)
    require_edit_customer(principal, facts)
    return facts


def require_ticket_overview(principal: Principal) -> None:
    """Every customer's tickets of one status at once: staff who see every customer."""
    require_person(principal)
    require_staff(principal, Permission.VIEW)


# -- employees (EMP-1, seed 004 "Ansatte") --------------------------------------------------------------------------


def may_change_employees(principal: Principal, customer: CustomerFacts) -> bool:
    """The customer's employee administrators add, edit and deactivate its employees, and alone reveal their
    national identity numbers (with a reason, recorded)."""
    return has_role(principal, customer.customer_id, CustomerRole.EMPLOYEE_ADMINISTRATOR)


def require_view_employees(principal: Principal, customer: CustomerFacts | None) -> CustomerFacts:
    """A customer's employees: its employee administrators, and the staff who see the customer (to help it; they
    see the numbers masked, as everyone does). Anyone else is refused as for a customer they do not see."""
    require_person(principal)
    facts = require_view_customer(principal, customer)
    if principal.is_staff or may_change_employees(principal, facts):
        return facts
    raise Forbidden("You need the role 'employee_administrator' at this customer", code="missing_role")


def may_read_health_data(principal: Principal) -> bool:
    """Self-declarations (EMP-2) are special-category personal data: the vendor's health personnel read them; the
    employer never does, nor staff without the permission."""
    return principal.is_staff and _has(principal, Permission.READ_HEALTH_DATA)


def require_read_health_data(principal: Principal, customer: CustomerFacts | None) -> CustomerFacts:
    facts = require_view_customer(principal, customer)
    if not may_read_health_data(principal):
        raise Forbidden("Only the vendor's health personnel read self-declarations", code="missing_permission")
    return facts


def require_change_employees(principal: Principal, customer: CustomerFacts | None) -> CustomerFacts:
    facts = require_view_employees(principal, customer)
    if not may_change_employees(principal, facts):
        raise Forbidden("The customer's employee administrators change its employees", code="missing_role")
    return facts


# -- invoices (INV-1, seed 004 "Fakturaer") ------------------------------------------------------------------------


def require_read_invoices(principal: Principal, customer: CustomerFacts | None) -> CustomerFacts:
    """A customer's invoices: its users with the invoice reader role there, and the staff who see it."""
    require_person(principal)
    facts = require_view_customer(principal, customer)
    if principal.is_staff or has_role(principal, facts.customer_id, CustomerRole.INVOICE_READER):
        return facts
    raise Forbidden("You need the role 'invoice_reader' at this customer", code="missing_role")


def may_register_invoices(principal: Principal, customer: CustomerFacts) -> bool:
    """Invoices come from the vendor's billing; its staff who may change the customer register them, and their
    payments and credit notes."""
    return principal.is_staff and _passes(lambda: require_edit_customer(principal, customer))


def require_register_invoices(principal: Principal, customer: CustomerFacts | None) -> CustomerFacts:
    facts = require_read_invoices(principal, customer)
    require_staff(principal)
    require_edit_customer(principal, facts)
    return facts


# -- quotes (seed 003) ---------------------------------------------------------------------------------------------

_QUOTE_DECIDERS = frozenset({CustomerRole.ORDERER, CustomerRole.ORDER_APPROVER})


def require_make_quote(principal: Principal, customer: CustomerFacts | None) -> CustomerFacts:
    """Staff who may change a customer make its quotes."""
    require_person(principal)
    facts = require_view_customer(principal, customer)
    require_edit_customer(principal, facts)
    return facts


def require_view_quotes(principal: Principal, customer: CustomerFacts | None) -> CustomerFacts:
    """A customer's quotes: staff who see the customer, and its users who order or approve orders (who decide)."""
    require_person(principal)
    return require_view_orders(principal, customer)


def require_decide_quote(principal: Principal, customer: CustomerFacts | None) -> CustomerFacts:
    """The customer accepts or declines: its orderers and order approvers, never the vendor."""
    require_person(principal)
    facts = require_view_customer(principal, customer)
    if principal.is_staff:
        raise Forbidden("The customer accepts or declines its quotes", code="customer_only")
    if not roles_at(principal, facts.customer_id) & _QUOTE_DECIDERS:
        raise Forbidden("You need the role 'orderer' or 'order_approver' at this customer", code="missing_role")
    return facts
