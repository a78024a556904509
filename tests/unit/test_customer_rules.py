"""Customer register rules against an in-memory repository (ORG-1, ORG-3)."""

from datetime import UTC, datetime

import pytest

from portal import access
from portal.access import Principal, PrincipalKind, StaffRole
from portal.customers import service
from portal.customers.models import (
    CustomerInput,
    CustomerPatch,
    CustomerQuery,
    CustomerRegisterSettingsInput,
    CustomerStatus,
    CustomFieldDefinition,
    CustomFieldType,
)
from portal.errors import Conflict, Forbidden, NotFound, ValidationFailed
from tests.fakes import InMemoryCustomers

ADMIN = Principal(
    username="anne",
    display_name="Anne",
    kind=PrincipalKind.STAFF,
    role=StaffRole.ADMINISTRATOR,
    permissions=access.ROLE_PERMISSIONS[StaffRole.ADMINISTRATOR],
)
SELLER = Principal(
    username="sven",
    display_name="Sven",
    kind=PrincipalKind.STAFF,
    role=StaffRole.ACCOUNT_MANAGER,
    permissions=access.ROLE_PERMISSIONS[StaffRole.ACCOUNT_MANAGER],
)


def clock() -> datetime:
    return datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


@pytest.fixture
def register() -> InMemoryCustomers:
    repository = InMemoryCustomers()
    service.save_register_settings(
        ADMIN,
        repository,
        CustomerRegisterSettingsInput(
            number_min_length=4,
            number_max_length=6,
            custom_fields=[
                CustomFieldDefinition(
                    key="tier", label="Tier", type=CustomFieldType.CHOICE, choices=["A", "B"], required=True
                ),
                CustomFieldDefinition(key="since", label="Customer since", type=CustomFieldType.DATE),
                CustomFieldDefinition(key="vip", label="VIP", type=CustomFieldType.BOOLEAN),
            ],
        ),
        clock=clock,
    )
    return repository


def new(register: InMemoryCustomers, **fields: object) -> str:
    data = CustomerInput.model_validate({"name": "Test AS", "number": "1234", "custom_fields": {"tier": "A"}, **fields})
    return service.create_customer(ADMIN, register, data, clock=clock).customer_id


def test_required_and_typed_custom_fields(register: InMemoryCustomers) -> None:
    with pytest.raises(ValidationFailed) as refused:
        new(register, custom_fields={"since": "23.11.2026", "vip": "yes"})
    # The reason is for the UI to word the problem in the user's language; the message is English.
    assert {detail["field"]: detail["reason"] for detail in refused.value.details} == {
        "custom_fields.tier": "required",
        "custom_fields.since": "not_a_date",
        "custom_fields.vip": "not_boolean",
    }
    customer_id = new(register, custom_fields={"tier": "B", "since": "2026-11-23", "vip": True})
    assert register.customers[customer_id].custom_fields == {"tier": "B", "since": "2026-11-23", "vip": True}


def test_number_length_limits(register: InMemoryCustomers) -> None:
    for number in ("123", "1234567"):
        with pytest.raises(ValidationFailed):
            new(register, number=number)


def test_settings_reject_inverted_lengths_and_duplicate_keys() -> None:
    repository = InMemoryCustomers()
    with pytest.raises(ValidationFailed):
        service.save_register_settings(
            ADMIN, repository, CustomerRegisterSettingsInput(number_min_length=5, number_max_length=4)
        )
    field = CustomFieldDefinition(key="x", label="X", type=CustomFieldType.TEXT)
    with pytest.raises(ValidationFailed):
        service.save_register_settings(ADMIN, repository, CustomerRegisterSettingsInput(custom_fields=[field, field]))
    with pytest.raises(Forbidden):
        service.save_register_settings(SELLER, repository, CustomerRegisterSettingsInput())


def test_an_update_without_changes_writes_nothing(register: InMemoryCustomers) -> None:
    customer_id = new(register)
    unchanged = service.update_customer(ADMIN, register, customer_id, CustomerPatch(version=1, name="Test AS"))
    assert unchanged.version == 1
    assert len(register.history_by_customer[customer_id]) == 1


def test_update_records_only_what_changed(register: InMemoryCustomers) -> None:
    customer_id = new(register)
    service.update_customer(
        ADMIN, register, customer_id, CustomerPatch(version=1, name="Test AS", city="Oslo", custom_fields={"vip": True})
    )
    entry = register.history_by_customer[customer_id][-1]
    assert {change.field for change in entry.changes} == {"city", "custom_fields"}


def test_sellers_edit_only_assigned_customers(register: InMemoryCustomers) -> None:
    customer_id = new(register)
    with pytest.raises(Forbidden):
        service.update_customer(SELLER, register, customer_id, CustomerPatch(version=1, city="Oslo"))


def test_deactivation_needs_the_delete_permission_and_the_current_version(register: InMemoryCustomers) -> None:
    customer_id = new(register)
    with pytest.raises(Forbidden):
        service.set_customer_status(SELLER, register, customer_id, CustomerStatus.INACTIVE, 1)
    with pytest.raises(Conflict):
        service.set_customer_status(ADMIN, register, customer_id, CustomerStatus.INACTIVE, 7)
    done = service.set_customer_status(ADMIN, register, customer_id, CustomerStatus.INACTIVE, 1)
    assert done.status is CustomerStatus.INACTIVE


def test_portal_users_cannot_use_the_register(register: InMemoryCustomers) -> None:
    customer_id = new(register)
    user = Principal(
        username="kari", display_name="Kari", kind=PrincipalKind.CONTACT, visible_customer_ids=frozenset({customer_id})
    )
    with pytest.raises(Forbidden):
        service.find_customers(user, register, CustomerQuery())
    assert service.get_customer(user, register, customer_id).customer_id == customer_id
    with pytest.raises(NotFound):
        service.get_customer(user.model_copy(update={"visible_customer_ids": frozenset()}), register, customer_id)


def test_a_one_letter_search_is_refused(register: InMemoryCustomers) -> None:
    with pytest.raises(ValidationFailed):
        service.find_customers(ADMIN, register, CustomerQuery(q="a"))


@pytest.mark.parametrize(
    ("country", "number", "valid"),
    [
        ("NO", "912 345 688", True),
        ("NO", "912345689", False),
        ("SE", "556000-1231", True),
        ("SE", "5560001232", False),
    ],
)
def test_organisation_numbers(country: str, number: str, valid: bool) -> None:
    from portal.customers.models import Country

    if valid:
        assert service.validate_organisation_number(Country(country), number)
    else:
        with pytest.raises(ValidationFailed):
            service.validate_organisation_number(Country(country), number)
