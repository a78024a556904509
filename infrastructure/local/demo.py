"""Demo data for the local runtime and the end-to-end tests, created through the domain services."""

from __future__ import annotations

from dataclasses import dataclass, field

from portal.access import PrincipalKind, StaffRole
from portal.customers import service as customers
from portal.customers.models import (
    Country,
    CustomerInput,
    CustomerRegisterSettingsInput,
    CustomFieldDefinition,
    CustomFieldType,
)
from portal.wiring import auth_service, customer_repository

DEMO_PASSWORD = "Demo-passord-2026"  # noqa: S105 - printed for people trying the local portal


@dataclass
class DemoUser:
    username: str
    display_name: str
    email: str
    kind: PrincipalKind
    role: StaffRole | None = None
    customers: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)


@dataclass
class DemoData:
    users: dict[str, DemoUser] = field(default_factory=dict)
    customer_ids: dict[str, str] = field(default_factory=dict)


STAFF = [
    DemoUser("admin", "Anne Admin", "anne.admin@kundeportal.example", PrincipalKind.STAFF, StaffRole.ADMINISTRATOR),
    DemoUser(
        "selger", "Sven Selger", "sven.selger@kundeportal.example", PrincipalKind.STAFF, StaffRole.ACCOUNT_MANAGER
    ),
    DemoUser(
        "tekniker", "Tore Tekniker", "tore.tekniker@kundeportal.example", PrincipalKind.STAFF, StaffRole.TECHNICIAN
    ),
]

CUSTOMERS = [
    # key, input, parent key
    (
        "group",
        CustomerInput(
            name="Nordlys Gruppen AS",
            number="10000",
            organisation_number="912345688",
            email="post@nordlys.no",
            contact_person="Kari Nordmann",
            city="Oslo",
            custom_fields={"segment": "Retail"},
        ),
        None,
    ),
    (
        "bergen",
        CustomerInput(
            name="Nordlys Bergen AS",
            number="10001",
            organisation_number="912345696",
            email="bergen@nordlys.no",
            contact_person="Ola Hansen",
            city="Bergen",
            custom_fields={"segment": "Retail", "credit_limit": "250000"},
        ),
        "group",
    ),
    (
        "oslo",
        CustomerInput(
            name="Nordlys Oslo AS",
            number="10002",
            organisation_number="912345718",
            email="oslo@nordlys.no",
            contact_person="Ingrid Berg",
            city="Oslo",
            custom_fields={"segment": "Retail"},
        ),
        "group",
    ),
    (
        "bakery",
        CustomerInput(
            name="Fjellbakeriet AS",
            number="20000",
            organisation_number="912345726",
            email="post@fjellbakeriet.no",
            contact_person="Per Bakke",
            city="Lillehammer",
            custom_fields={"segment": "Industry"},
        ),
        None,
    ),
    (
        "sweden",
        CustomerInput(
            name="Svensk Kassaservice AB",
            number="30000",
            country=Country.SWEDEN,
            organisation_number="5560001231",
            email="info@kassaservice.se",
            contact_person="Lena Svensson",
            city="Göteborg",
            custom_fields={"segment": "Public"},
        ),
        None,
    ),
]

PORTAL_USERS = [
    DemoUser(
        "kari.nordmann@nordlys.no",
        "Kari Nordmann",
        "kari.nordmann@nordlys.no",
        PrincipalKind.CONTACT,
        customers=["group"],
    ),
    DemoUser(
        "ola.hansen@nordlys-bergen.no",
        "Ola Hansen",
        "ola.hansen@nordlys-bergen.no",
        PrincipalKind.CONTACT,
        customers=["bergen"],
    ),
    DemoUser(
        "faktura-20000",
        "Fjellbakeriet AS (faktura)",
        "faktura@fjellbakeriet.no",
        PrincipalKind.INVOICE_CUSTOMER,
        customers=["bakery"],
    ),
]


def seed() -> DemoData:
    auth = auth_service()
    repository = customer_repository()
    data = DemoData()
    for staff in STAFF:
        _, _, staff.codes = auth.create_user(
            actor="demo-seed",
            username=staff.username,
            display_name=staff.display_name,
            user_email=staff.email,
            kind=staff.kind,
            role=staff.role,
            password=DEMO_PASSWORD,
        )
        data.users[staff.username] = staff
    admin = auth.principal_for(auth.users.get_user("admin"))  # type: ignore[arg-type]
    customers.save_register_settings(
        admin,
        repository,
        CustomerRegisterSettingsInput(
            number_min_length=3,
            number_max_length=10,
            custom_fields=[
                CustomFieldDefinition(
                    key="segment",
                    label="Segment",
                    type=CustomFieldType.CHOICE,
                    choices=["Retail", "Industry", "Public"],
                ),
                CustomFieldDefinition(key="credit_limit", label="Credit limit (NOK)", type=CustomFieldType.NUMBER),
            ],
        ),
    )
    for key, customer_input, parent in CUSTOMERS:
        parent_id = data.customer_ids[parent] if parent else None
        created = customers.create_customer(
            admin, repository, customer_input.model_copy(update={"parent_id": parent_id})
        )
        data.customer_ids[key] = created.customer_id
    bakery = repository.get(data.customer_ids["bakery"])
    assert bakery is not None
    repository.assign(bakery, "tekniker", actor="admin", at=bakery.updated_at)
    for user in PORTAL_USERS:
        _, _, user.codes = auth.create_user(
            actor="demo-seed",
            username=user.username,
            display_name=user.display_name,
            user_email=user.email,
            kind=user.kind,
            customer_ids=[data.customer_ids[key] for key in user.customers],
            password=DEMO_PASSWORD,
        )
        data.users[user.username] = user
    return data
