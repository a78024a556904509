"""The access policy in isolation: staff permissions (AUTH-3), portal visibility (AUTH-4) and groups (ORG-1)."""

import pytest

from portal import access
from portal.access import CustomerFacts, Permission, Principal, PrincipalKind, StaffRole
from portal.errors import Forbidden, NotFound


def staff(role: StaffRole, username: str = "staff") -> Principal:
    return Principal(
        username=username,
        display_name=username,
        kind=PrincipalKind.STAFF,
        role=role,
        permissions=access.ROLE_PERMISSIONS[role],
    )


def portal_user(*visible: str) -> Principal:
    return Principal(
        username="kari",
        display_name="Kari",
        kind=PrincipalKind.CONTACT,
        linked_customer_ids=frozenset(visible[:1]),
        visible_customer_ids=frozenset(visible),
    )


ASSIGNED = CustomerFacts(customer_id="C1", assigned_staff=frozenset({"tore"}))
UNASSIGNED = CustomerFacts(customer_id="C2")


def test_administrators_may_do_everything_but_read_health_data() -> None:
    assert access.ROLE_PERMISSIONS[StaffRole.ADMINISTRATOR] == frozenset(Permission) - {Permission.READ_HEALTH_DATA}


def test_only_health_personnel_read_self_declarations() -> None:
    readers = [role for role in StaffRole if access.may_read_health_data(staff(role, "hanne"))]
    assert readers == [StaffRole.HEALTH_PERSONNEL]
    with pytest.raises(Forbidden):
        access.require_read_health_data(staff(StaffRole.ADMINISTRATOR, "anne"), ASSIGNED)
    assert access.require_read_health_data(staff(StaffRole.HEALTH_PERSONNEL, "hanne"), UNASSIGNED) == UNASSIGNED


def test_view_assigned_only_sees_assigned_customers() -> None:
    technician = staff(StaffRole.TECHNICIAN, "tore")
    assert access.can_view_customer(technician, ASSIGNED)
    assert not access.can_view_customer(technician, UNASSIGNED)
    with pytest.raises(NotFound):
        access.require_view_customer(technician, UNASSIGNED)


def test_edit_assigned_only_edits_assigned_customers() -> None:
    seller = staff(StaffRole.ACCOUNT_MANAGER, "tore")
    access.require_edit_customer(seller, ASSIGNED)
    with pytest.raises(Forbidden):
        access.require_edit_customer(seller, UNASSIGNED)


def test_portal_users_see_only_their_customers_and_never_staff_functions() -> None:
    user = portal_user("C1")
    assert access.can_view_customer(user, ASSIGNED)
    assert not access.can_view_customer(user, UNASSIGNED)
    with pytest.raises(Forbidden):
        access.require_staff(user)
    with pytest.raises(Forbidden):
        access.require_edit_customer(user, ASSIGNED)


def test_group_links_see_subsidiaries_but_subsidiary_links_see_only_their_own() -> None:
    subsidiaries = {"G": ["S1", "S2"]}
    assert access.visible_customer_ids(linked=["G"], subsidiaries_of=subsidiaries, sibling_groups={}) == {
        "G",
        "S1",
        "S2",
    }
    assert access.visible_customer_ids(linked=["S1"], subsidiaries_of={}, sibling_groups={}) == {"S1"}


def test_a_group_may_let_subsidiaries_see_each_other() -> None:
    visible = access.visible_customer_ids(linked=["S1"], subsidiaries_of={}, sibling_groups={"S1": ["S1", "S2"]})
    assert visible == {"S1", "S2"}


def test_the_principal_survives_the_authorizer_context() -> None:
    principal = portal_user("C1", "C2")
    context = principal.to_context()
    assert all(isinstance(value, str) for value in context.values())
    assert Principal.from_context(context) == principal


def test_object_linked_logins_act_for_their_objects_customers_and_see_only_their_objects() -> None:
    contact = Principal(
        username="per",
        display_name="Per",
        kind=PrincipalKind.CONTACT,
        linked_objects={"O1": "C1", "O2": "C1", "O3": "C2"},
    )
    assert access.customers_acted_for(contact) == {"C1", "C2"}
    assert access.own_objects_of(contact, "C1") == ["O1", "O2"]
    assert access.own_objects_of(contact, "C9") == []
    facts = access.ObjectFacts(object_id="O4", customer=CustomerFacts(customer_id="C1"))
    assert not access.can_view_object(contact, facts)
    assert access.can_view_object(contact, facts.model_copy(update={"object_id": "O1"}))


def test_staff_have_no_object_links_of_their_own() -> None:
    assert access.own_objects_of(staff(StaffRole.ADMINISTRATOR), "C1") == []


# -- customer-side roles (AUTH-3 delegated to the customer) ------------------------------------------------------


def with_roles(roles: dict[str, frozenset[access.CustomerRole]], *visible: str) -> Principal:
    return portal_user(*visible).model_copy(update={"customer_roles": roles})


def test_roles_granted_at_a_group_reach_its_subsidiaries_and_not_the_other_way() -> None:
    roles = access.customer_roles_of(
        {"GROUP": ["user_administrator"], "SUB1": ["orderer"]}, subsidiaries_of={"GROUP": ["SUB1", "SUB2"]}
    )
    assert roles == {
        "GROUP": {access.CustomerRole.USER_ADMINISTRATOR},
        "SUB1": {access.CustomerRole.USER_ADMINISTRATOR, access.CustomerRole.ORDERER},
        "SUB2": {access.CustomerRole.USER_ADMINISTRATOR},
    }


def test_a_role_counts_only_at_a_customer_the_login_sees() -> None:
    orderer = with_roles({"C1": frozenset({access.CustomerRole.ORDERER})}, "C2")
    assert not access.has_role(orderer, "C1", access.CustomerRole.ORDERER)
    with pytest.raises(NotFound):
        access.require_role(orderer, CustomerFacts(customer_id="C1"), access.CustomerRole.ORDERER)


def test_require_role_refuses_a_visible_customer_without_the_role() -> None:
    reader = with_roles({"C1": frozenset({access.CustomerRole.INVOICE_READER})}, "C1")
    access.require_role(reader, ASSIGNED, access.CustomerRole.INVOICE_READER)
    with pytest.raises(Forbidden) as refused:
        access.require_role(reader, ASSIGNED, access.CustomerRole.ORDERER)
    assert refused.value.code == "missing_role"


def test_staff_hold_no_customer_roles_whatever_is_stored() -> None:
    administrator = staff(StaffRole.ADMINISTRATOR).model_copy(
        update={"customer_roles": {"C1": frozenset(access.CustomerRole)}}
    )
    assert access.roles_at(administrator, "C1") == frozenset()


@pytest.mark.parametrize(
    ("principal", "action", "allowed"),
    [
        (staff(StaffRole.ADMINISTRATOR), access.UserAdministration.DELETE, True),
        (staff(StaffRole.ACCOUNT_MANAGER), access.UserAdministration.INVITE, True),
        (staff(StaffRole.ACCOUNT_MANAGER), access.UserAdministration.CHANGE, False),
        (staff(StaffRole.ACCOUNT_MANAGER), access.UserAdministration.DELETE, False),
        (staff(StaffRole.TECHNICIAN, "tore"), access.UserAdministration.INVITE, False),
        (
            with_roles({"C1": frozenset({access.CustomerRole.USER_ADMINISTRATOR})}, "C1"),
            access.UserAdministration.DELETE,
            True,
        ),
        (with_roles({"C1": frozenset({access.CustomerRole.ORDERER})}, "C1"), access.UserAdministration.INVITE, False),
    ],
)
def test_who_administers_a_customers_users(
    principal: Principal, action: access.UserAdministration, allowed: bool
) -> None:
    if allowed:
        access.require_administer_users(principal, ASSIGNED, action)
    else:
        with pytest.raises(Forbidden):
            access.require_administer_users(principal, ASSIGNED, action)
