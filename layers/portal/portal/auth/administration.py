"""A customer's portal users, managed by the customer's own user administrator or by the vendor's staff (AUTH-3):
invite (a single-use link, never a password), change roles, deactivate (history kept) and delete (personal data
removed; what the login did stays in the histories under a pseudonym). Every change ends the login's sessions."""

from __future__ import annotations

from portal import access
from portal.access import CustomerRole, Principal, PrincipalKind, UserAdministration
from portal.auth.models import (
    ContactLoginOutcome,
    ContactLoginResult,
    ContactLoginsReport,
    ContactLoginsRequest,
    CustomerUser,
    CustomerUserList,
    InviteUser,
    RolesChange,
    SharedLoginInput,
    SharedLoginKind,
    User,
)
from portal.auth.service import AuthService
from portal.clock import is_id, new_id
from portal.contacts.models import Contact
from portal.customers import service as customers
from portal.errors import Conflict, NotFound, ValidationFailed, field_problem
from portal.history import require_version
from portal.objects.repository import ObjectRepository


def customer_users(principal: Principal, auth: AuthService, customer_id: str) -> CustomerUserList:
    _require(principal, auth, customer_id, UserAdministration.INVITE)
    return CustomerUserList(
        items=[as_customer_user(user, customer_id) for user in auth.users.customer_users(customer_id)]
    )


def invite_user(principal: Principal, auth: AuthService, customer_id: str, data: InviteUser) -> CustomerUser:
    """The person becomes (or already is) a contact of the customer, and gets a contact login bound to that
    contact, with the given roles at this customer."""
    _require(principal, auth, customer_id, UserAdministration.INVITE)
    if auth.users.get_user(data.email) is not None:
        message = "A login with this e-mail address exists already"
        raise Conflict(message, code="user_exists", details=[field_problem("email", "user_exists", message)])
    contact = _contact_of_customer(principal, auth, customer_id, data)
    user, _ = auth.create_user(
        actor=principal.username,
        username=data.email,
        display_name=data.name,
        user_email=data.email,
        kind=PrincipalKind.CONTACT,
        contact_id=contact.contact_id,
        customer_roles={customer_id: list(dict.fromkeys(data.roles))},
        member_of=[customer_id],
        language=data.language,
    )
    return as_customer_user(user, customer_id)


def create_shared_login(
    principal: Principal, auth: AuthService, objects: ObjectRepository, customer_id: str, data: SharedLoginInput
) -> CustomerUser:
    """AUTH-2: staff set up the login a customer shares: as its invoice customer (it sees and files the customer's
    cases) or as one of its objects (that object's). The invitation lets whoever reads its address choose the
    password; its code lists go there too."""
    customer = auth.customers.get(customer_id)
    access.require_create_shared_login(principal, customers.facts(customer) if customer else None)
    object_ids: list[str] = []
    if data.kind is SharedLoginKind.OBJECT:
        if data.object_id is None or objects.get(customer_id, data.object_id) is None:
            message = "Choose one of the customer's objects"
            raise ValidationFailed(
                message, code="object_required", details=[field_problem("object_id", "object_required", message)]
            )
        object_ids = [data.object_id]
    if auth.users.get_user(data.username) is not None:
        message = "A login with this username exists already"
        raise Conflict(message, code="user_exists", details=[field_problem("username", "user_exists", message)])
    user, _ = auth.create_user(
        actor=principal.username,
        username=data.username,
        display_name=data.name,
        user_email=data.email,
        kind=PrincipalKind(data.kind.value),
        customer_ids=[customer_id],
        object_ids=object_ids,
        customer_roles={customer_id: list(dict.fromkeys(data.roles))}
        if data.kind is SharedLoginKind.INVOICE_CUSTOMER
        else {},
        member_of=[customer_id],
        language=data.language,
    )
    return as_customer_user(user, customer_id)


def reset_login(principal: Principal, auth: AuthService, customer_id: str, user_id: str) -> None:
    """AUTH-2: staff (or the customer's user administrator) send a login of the customer a new single-use link to
    choose its password, e.g. a shared invoice-customer or object login whose password is lost."""
    user = _user(principal, auth, customer_id, user_id, UserAdministration.CHANGE)
    if not user.active:
        raise Conflict("The login is deactivated", code="login_inactive")
    auth.send_password_reset(user.username)


def create_contact_logins(principal: Principal, auth: AuthService, data: ContactLoginsRequest) -> ContactLoginsReport:
    """AUTH-2: the personal logins of many contacts at once, each invited at its e-mail address (its username) and
    bound to its contact by id. A contact the staff user may not see is reported as not found."""
    access.require_staff(principal, access.Permission.CREATE_CUSTOMER_USER)
    results = []
    for contact_id in dict.fromkeys(data.contact_ids):
        contact = auth.contacts.get(contact_id) if is_id(contact_id) else None
        linked = auth.customers.get_many(contact.customer_ids) if contact else []
        if contact is None or not access.can_view_contact(principal, contact_id, [customers.facts(c) for c in linked]):
            results.append(ContactLoginResult(contact_id=contact_id, outcome=ContactLoginOutcome.NOT_FOUND))
            continue
        if not contact.email:
            results.append(ContactLoginResult(contact_id=contact_id, outcome=ContactLoginOutcome.NO_EMAIL))
            continue
        existing = auth.users.login_of_contact(contact_id) or (
            contact.email.casefold() if auth.users.get_user(contact.email) else None
        )
        if existing:
            results.append(
                ContactLoginResult(contact_id=contact_id, outcome=ContactLoginOutcome.HAS_LOGIN, username=existing)
            )
            continue
        user, _ = auth.create_user(
            actor=principal.username,
            username=contact.email,
            display_name=contact.name,
            user_email=contact.email,
            kind=PrincipalKind.CONTACT,
            contact_id=contact_id,
            language=data.language,
        )
        results.append(
            ContactLoginResult(contact_id=contact_id, outcome=ContactLoginOutcome.INVITED, username=user.username)
        )
    return ContactLoginsReport(results=results)


def change_roles(
    principal: Principal, auth: AuthService, customer_id: str, user_id: str, change: RolesChange
) -> CustomerUser:
    user = _user(principal, auth, customer_id, user_id, UserAdministration.CHANGE)
    require_version(user.version, change.version, "user")
    roles = [role.value for role in dict.fromkeys(change.roles)]
    changed = auth.users.change_roles(user, customer_id, roles, actor=principal.username, at=auth.clock())
    return as_customer_user(changed, customer_id)


def deactivate_user(
    principal: Principal, auth: AuthService, customer_id: str, user_id: str, version: int
) -> CustomerUser:
    user = _user(principal, auth, customer_id, user_id, UserAdministration.CHANGE)
    require_version(user.version, version, "user")
    if not user.active:
        return as_customer_user(user, customer_id)
    changed = auth.users.deactivate(user, customer_id, actor=principal.username, at=auth.clock())
    return as_customer_user(changed, customer_id)


def delete_user(principal: Principal, auth: AuthService, customer_id: str, user_id: str, version: int) -> None:
    user = _user(principal, auth, customer_id, user_id, UserAdministration.DELETE)
    require_version(user.version, version, "user")
    auth.users.delete(user, customer_id, actor=principal.username, at=auth.clock())


def as_customer_user(user: User, customer_id: str) -> CustomerUser:
    return CustomerUser(
        user_id=user.user_id,
        username=user.username,
        display_name=user.display_name,
        email=user.email,
        kind=user.kind,
        roles=[CustomerRole(role) for role in user.customer_roles.get(customer_id, [])],
        active=user.active,
        version=user.version,
    )


def _require(principal: Principal, auth: AuthService, customer_id: str, action: UserAdministration) -> None:
    customer = auth.customers.get(customer_id)
    access.require_administer_users(principal, customers.facts(customer) if customer else None, action)


def _user(principal: Principal, auth: AuthService, customer_id: str, user_id: str, action: UserAdministration) -> User:
    _require(principal, auth, customer_id, action)
    user = auth.users.customer_user(customer_id, user_id)
    if user is None:
        raise NotFound("No such user")
    if user.username == principal.username:
        raise Conflict("You cannot change or remove your own login here", code="own_login")
    return user


def _contact_of_customer(principal: Principal, auth: AuthService, customer_id: str, data: InviteUser) -> Contact:
    """The contact with the e-mail, linked to the customer: found or created, and linked if it was not."""
    at = auth.clock()
    contact = auth.contacts.find_by_email(data.email)
    if contact is None:
        contact = Contact(
            name=data.name, email=data.email, contact_id=new_id(), version=1, created_at=at, updated_at=at
        )
        auth.contacts.create(contact, actor=principal.username)
    if customer_id in contact.customer_ids:
        return contact
    linked = contact.model_copy(
        update={"customer_ids": [*contact.customer_ids, customer_id], "version": contact.version + 1, "updated_at": at}
    )
    auth.contacts.set_links(contact, linked, actor=principal.username, at=at, object_names={})
    return linked
