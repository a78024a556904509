"""Demo data for the local runtime and the end-to-end tests, created through the domain services."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from portal.access import ApiKeyRole, Principal, PrincipalKind, StaffRole
from portal.catalogue import service as catalogue
from portal.catalogue.models import ProductInput, ProductPatch
from portal.clock import Clock, now
from portal.contacts import service as contacts
from portal.contacts.models import ContactInput, ContactLinks, ObjectRef
from portal.customers import service as customers
from portal.customers.models import (
    Country,
    CustomerInput,
    CustomerRegisterSettingsInput,
    CustomFieldDefinition,
    CustomFieldLabels,
    CustomFieldType,
)
from portal.departments import service as departments
from portal.departments.models import DepartmentInput
from portal.objects import service as objects
from portal.objects.models import ServiceObjectInput
from portal.orders import service_orders, supplies
from portal.orders.models import ContractInput, DeliveryAddress, OrderLineInput, SuppliesOrderInput
from portal.wiring import (
    auth_service,
    catalogue_repository,
    contact_repository,
    customer_repository,
    department_repository,
    deposit_service,
    object_repository,
    order_repository,
)

DEMO_PASSWORD = "Demo-passord-2026"  # noqa: S105 - printed for people trying the local portal


@dataclass
class DemoUser:
    username: str
    display_name: str
    email: str
    kind: PrincipalKind
    role: StaffRole | None = None
    customers: list[str] = field(default_factory=list)
    objects: list[str] = field(default_factory=list)
    contact: str | None = None  # a contact login is bound to this demo contact (AUTH-2)
    roles: dict[str, list[str]] = field(default_factory=dict)  # customer key → customer-side roles
    codes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DemoApiKey:
    """An API key of the local portal's demo data, fixed so the README can show a call with it (DOC-3)."""

    name: str
    customer: str
    role: ApiKeyRole
    api_key: str


@dataclass
class DemoData:
    users: dict[str, DemoUser] = field(default_factory=dict)
    customer_ids: dict[str, str] = field(default_factory=dict)
    object_ids: dict[str, str] = field(default_factory=dict)
    department_ids: dict[str, str] = field(default_factory=dict)
    contact_ids: dict[str, str] = field(default_factory=dict)
    product_ids: dict[str, str] = field(default_factory=dict)


STAFF = [
    DemoUser("admin", "Anne Admin", "anne.admin@kundeportal.example", PrincipalKind.STAFF, StaffRole.ADMINISTRATOR),
    DemoUser(
        "selger", "Sven Selger", "sven.selger@kundeportal.example", PrincipalKind.STAFF, StaffRole.ACCOUNT_MANAGER
    ),
    DemoUser(
        "tekniker", "Tore Tekniker", "tore.tekniker@kundeportal.example", PrincipalKind.STAFF, StaffRole.TECHNICIAN
    ),
    # The occupational-health nurse: reads the employees' self-declarations (EMP-2), which no one else does.
    DemoUser(
        "helse", "Hanne Helse", "hanne.helse@kundeportal.example", PrincipalKind.STAFF, StaffRole.HEALTH_PERSONNEL
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
            address="Strandkaien 2",
            postal_code="5013",
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

# Objects (ORG-2): key, customer key, input
OBJECTS = [
    (
        "bakery-centre",
        "bakery",
        ServiceObjectInput(
            name="Fjellbakeriet Storgata", number="FB-1", address="Storgata 12", postal_code="2609", city="Lillehammer"
        ),
    ),
    (
        "bakery-factory",
        "bakery",
        ServiceObjectInput(
            name="Fjellbakeriet Bakeri",
            number="FB-2",
            address="Industrivegen 3",
            postal_code="2619",
            city="Lillehammer",
        ),
    ),
    (
        "bergen-shop",
        "bergen",
        ServiceObjectInput(
            name="Nordlys Bergen Torget", number="NB-1", address="Torget 1", postal_code="5014", city="Bergen"
        ),
    ),
]

# Departments (ORG-1): key, customer key, input
DEPARTMENTS = [
    ("bergen-shop", "bergen", DepartmentInput(name="Butikk", number="110")),
    ("bergen-stock", "bergen", DepartmentInput(name="Lager", number="120")),
    ("oslo-shop", "oslo", DepartmentInput(name="Butikk", number="210")),
    ("bakery-production", "bakery", DepartmentInput(name="Produksjon", number="1")),
    ("bakery-sales", "bakery", DepartmentInput(name="Utsalg", number="2")),
]

# The product catalogue (ORD-1): key, input; the last one is retired
PRODUCTS = [
    ("safe-bags", ProductInput(name="Nattsafeposer", article_number="NSP-100", unit="pakke à 100", max_quantity=20)),
    ("note-bags", ProductInput(name="Seddelposer", article_number="SP-250", unit="pakke à 250", max_quantity=20)),
    ("coin-rolls", ProductInput(name="Myntrullpapir", article_number="MR-500", unit="eske à 500", max_quantity=10)),
    ("slips", ProductInput(name="Innskuddsbilag", article_number="IB-50", unit="blokk à 50", max_quantity=50)),
    ("seals", ProductInput(name="Plomber (gammel type)", article_number="PL-1", unit="pose à 100")),
]

# Contacts (ORG-2): key, input, linked customer keys, linked object keys
CONTACTS = [
    ("kari", ContactInput(name="Kari Nordmann", email="kari.nordmann@nordlys.no", title="Økonomisjef"), ["group"], []),
    ("ola", ContactInput(name="Ola Hansen", email="ola.hansen@nordlys-bergen.no", title="Butikksjef"), ["bergen"], []),
    (
        "per",
        ContactInput(name="Per Bakke", email="per.bakke@fjellbakeriet.no", title="Driftsleder"),
        [],
        ["bakery-factory"],
    ),
]

# Logins of each kind of AUTH-2: contacts (by their e-mail), an invoice customer and an object.
DEMO_API_KEYS = [
    DemoApiKey(
        "Regnskapssystem (demo)",
        "bergen",
        ApiKeyRole.SEND_DOCUMENTS,
        "kpk_01JZDEMQAPK3YBERGEN0000000_demo-key-of-the-local-portal-only-000000000",
    ),
]

PORTAL_USERS = [
    DemoUser(
        "kari.nordmann@nordlys.no",
        "Kari Nordmann",
        "kari.nordmann@nordlys.no",
        PrincipalKind.CONTACT,
        contact="kari",
        roles={
            "group": [
                "user_administrator",
                "order_approver",
                "invoice_reader",
                "document_handler",
                "employee_administrator",
            ]
        },
    ),
    DemoUser(
        "ola.hansen@nordlys-bergen.no",
        "Ola Hansen",
        "ola.hansen@nordlys-bergen.no",
        PrincipalKind.CONTACT,
        contact="ola",
        roles={"bergen": ["orderer", "deposit_registrar"]},
    ),
    DemoUser(
        "per.bakke@fjellbakeriet.no", "Per Bakke", "per.bakke@fjellbakeriet.no", PrincipalKind.CONTACT, contact="per"
    ),
    DemoUser(
        "faktura-20000",
        "Fjellbakeriet AS (faktura)",
        "faktura@fjellbakeriet.no",
        PrincipalKind.INVOICE_CUSTOMER,
        customers=["bakery"],
        roles={"bakery": ["invoice_reader", "document_handler"]},
    ),
    DemoUser(
        "objekt-fb-1",
        "Fjellbakeriet Storgata (objekt)",
        "storgata@fjellbakeriet.no",
        PrincipalKind.OBJECT,
        customers=["bakery"],
        objects=["bakery-centre"],
    ),
]


def seed() -> DemoData:
    auth = auth_service()
    repository = customer_repository()
    data = DemoData()
    for staff in STAFF:
        _, staff.codes = auth.create_user(
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
                CustomFieldDefinition(
                    key="credit_limit",
                    label="Kredittgrense (NOK)",
                    labels=CustomFieldLabels(sv="Kreditgräns (NOK)", en="Credit limit (NOK)"),
                    type=CustomFieldType.NUMBER,
                ),
                CustomFieldDefinition(
                    key="contract_date",
                    label="Avtaledato",
                    labels=CustomFieldLabels(sv="Avtalsdatum", en="Contract date"),
                    type=CustomFieldType.DATE,
                ),
                CustomFieldDefinition(
                    key="cash_in_transit",
                    label="Verditransport",
                    labels=CustomFieldLabels(sv="Värdetransport", en="Cash in transit"),
                    type=CustomFieldType.BOOLEAN,
                ),
            ],
        ),
    )
    for key, customer_input, parent in CUSTOMERS:
        parent_id = data.customer_ids[parent] if parent else None
        created = customers.create_customer(
            admin, repository, customer_input.model_copy(update={"parent_id": parent_id})
        )
        data.customer_ids[key] = created.customer_id
    for customer_key, username in (("bakery", "tekniker"), ("oslo", "selger")):
        assigned = repository.get(data.customer_ids[customer_key])
        assert assigned is not None
        repository.assign(assigned, username, actor="admin", at=assigned.updated_at)
    for key, customer_key, object_input in OBJECTS:
        created_object = objects.create_object(
            admin, repository, object_repository(), data.customer_ids[customer_key], object_input
        )
        data.object_ids[key] = created_object.object_id
    for key, customer_key, department_input in DEPARTMENTS:
        created_department = departments.create_department(
            admin, repository, department_repository(), data.customer_ids[customer_key], department_input
        )
        data.department_ids[key] = created_department.department_id
    for key, contact_input, customer_keys, object_keys in CONTACTS:
        contact = contacts.create_contact(admin, contact_repository(), contact_input)
        links = ContactLinks(
            version=contact.version,
            customer_ids=[data.customer_ids[c] for c in customer_keys],
            objects=[
                ObjectRef(customer_id=data.customer_ids[customer_of(o)], object_id=data.object_ids[o])
                for o in object_keys
            ],
        )
        contacts.set_links(admin, contact_repository(), repository, object_repository(), contact.contact_id, links)
        data.contact_ids[key] = contact.contact_id
    for user in PORTAL_USERS:
        _, user.codes = auth.create_user(
            actor="demo-seed",
            username=user.username,
            display_name=user.display_name,
            user_email=user.email,
            kind=user.kind,
            customer_ids=[data.customer_ids[key] for key in user.customers],
            object_ids=[data.object_ids[key] for key in user.objects],
            contact_id=data.contact_ids[user.contact] if user.contact else None,
            customer_roles={data.customer_ids[key]: roles for key, roles in user.roles.items()},
            member_of=[data.customer_ids[key] for key in user.roles],
            password=DEMO_PASSWORD,
        )
        data.users[user.username] = user
    _seed_orders(data, admin)
    _seed_documents(data, admin)
    _seed_api_keys(data)
    _seed_staff_groups(admin)
    _seed_cases(data, admin)
    _seed_files_and_tickets(data, admin)
    _seed_employees(data)
    _seed_invoices(data, admin)
    return data


def _seed_staff_groups(admin: Principal) -> None:
    """The groups the assignment menu lists staff by (ORG-4)."""
    from portal.staff.models import StaffGroupInput, StaffGroupsInput
    from portal.wiring import staff_service

    groups = [
        StaffGroupInput(name="Kundeansvarlige", members=["selger"]),
        StaffGroupInput(name="Teknikere Innlandet", members=["tekniker"]),
    ]
    staff_service().save_groups(admin, StaffGroupsInput(version=0, groups=groups))


def _seed_cases(data: DemoData, admin: Principal) -> None:
    """Service cases (CASE-1..3): Per's fault report on the bakery's factory, assigned to its technician, worked with a
    closed work order and its article rows; and Ola's on Bergen's shop, new."""
    from decimal import Decimal

    from portal.cases.models import (
        ArticleRowInput,
        ArticleType,
        CaseChange,
        CaseInput,
        CaseStatus,
        VatRate,
        WorkOrderClosing,
        WorkOrderInput,
        WorkOrderType,
    )
    from portal.money import Currency
    from portal.wiring import case_service

    auth = auth_service()
    per = auth.principal_for(auth.users.get_user("per.bakke@fjellbakeriet.no"))  # type: ignore[arg-type]
    ola = auth.principal_for(auth.users.get_user("ola.hansen@nordlys-bergen.no"))  # type: ignore[arg-type]
    cases = case_service()
    oven = cases.create(
        per,
        CaseInput(
            title="Steikeovn 2 slår seg av",
            description="Ovnen stopper etter ti minutter og viser feilkode E4. Skjer hver morgen.",
            work_site_address="Industriveien 4, 2609 Lillehammer",
            reference_name="Per Bakke",
            customer_id=data.customer_ids["bakery"],
            object_id=data.object_ids["bakery-factory"],
        ),
    ).case
    moved = cases.change(admin, oven.case_id, CaseChange(version=oven.version, status=CaseStatus.IN_PROGRESS)).case
    planned = cases.add_work_order(
        admin,
        oven.case_id,
        WorkOrderInput(
            version=moved.version,
            type=WorkOrderType.REPAIR,
            description="Feilsøke ovnen og bytte termostaten",
            technician="tekniker",
        ),
    )
    work_order = planned.work_orders[0]
    version = work_order.version
    for article_number, article, kind, code, quantity, price in (
        ("ARB-1", "Arbeid, tekniker", ArticleType.WORK, "R10", "1.5", 95_000),
        ("TERM-24", "Termostat 24 V", ArticleType.PART, "D20", "1", 148_900),
        ("KJ-1", "Kjøring", ArticleType.TRAVEL, None, "1", 45_000),
    ):
        cases.add_article_row(
            admin,
            oven.case_id,
            work_order.work_order_id,
            ArticleRowInput(
                version=version,
                article_number=article_number,
                article=article,
                article_type=kind,
                action_code=code,
                quantity=Decimal(quantity),
                unit_price_minor=price,
                currency=Currency.NOK,
                vat_rate=VatRate.TWENTY_FIVE,
            ),
        )
        version += 1
    cases.close_work_order(
        admin,
        oven.case_id,
        work_order.work_order_id,
        WorkOrderClosing(version=version, findings="Termostaten var defekt; byttet, ovnen holder temperaturen."),
    )
    door = cases.create(
        ola,
        CaseInput(
            title="Døren til telleromet går tregt",
            description="Låsen må vris flere ganger før den går opp.",
            reference_name="Ola Hansen",
            customer_id=data.customer_ids["bergen"],
            object_id=data.object_ids["bergen-shop"],
        ),
    ).case
    lock = cases.add_work_order(
        admin,
        door.case_id,
        WorkOrderInput(version=door.version, type=WorkOrderType.REPAIR, description="Smøre og justere låsen"),
    ).work_orders[0]
    cases.add_article_row(
        admin,
        door.case_id,
        lock.work_order_id,
        ArticleRowInput(
            version=lock.version,
            article_number="ARB-1",
            article="Arbeid, tekniker",
            article_type=ArticleType.WORK,
            action_code="J05",
            quantity=Decimal("0.5"),
            unit_price_minor=95_000,
            currency=Currency.NOK,
            vat_rate=VatRate.TWENTY_FIVE,
        ),
    )
    cases.close_work_order(admin, door.case_id, lock.work_order_id, WorkOrderClosing(version=lock.version + 1))
    # The month's work of Nordlys Bergen, for its contacts (Ola, Kari) to approve (CASE-4)
    from portal.languages import portal_day
    from portal.specifications.models import SpecificationInput
    from portal.wiring import specification_service

    today = portal_day(now())
    specification_service().publish(
        admin,
        data.customer_ids["bergen"],
        SpecificationInput(period_from=today.replace(day=1), period_to=today, title="Service denne måneden"),
    )


def _seed_files_and_tickets(data: DemoData, admin: Principal) -> None:
    """A service report (a real PDF) on Nordlys Bergen's shop, checked as an upload is (CASE-5); and Ola's support
    ticket about the card terminal, which customer service has answered and is working on (DOC-8)."""
    from fpdf import FPDF

    from portal.files.content import FileType
    from portal.files.models import FileUploadInput
    from portal.files.repository import object_key
    from portal.settings import get_settings
    from portal.storage import S3Files
    from portal.tickets.models import TicketInput, TicketReplyInput, TicketStatus
    from portal.wiring import file_service, ticket_service

    report = FPDF()
    report.add_page()
    report.set_font("helvetica", size=14)
    report.cell(text="Servicerapport - Nordlys Bergen AS, butikken")
    report.ln(10)
    report.set_font("helvetica", size=11)
    report.multi_cell(w=0, text="Telleromsdoren: lasen smurt og justert. Neste kontroll om seks maneder.")
    content = bytes(report.output())
    files = file_service()
    upload = FileUploadInput(
        name="Servicerapport butikken.pdf",
        content_type=FileType.PDF,
        size=len(content),
        customer_id=data.customer_ids["bergen"],
        object_id=data.object_ids["bergen-shop"],
    )
    started = files.start_upload(admin, upload)
    key = object_key(started.file)
    S3Files(get_settings().file_bucket).put(key, content, FileType.PDF.value)
    files.check_uploaded(key)  # as the bucket's notification would have the worker do

    auth = auth_service()
    ola = auth.principal_for(auth.users.get_user("ola.hansen@nordlys-bergen.no"))  # type: ignore[arg-type]
    tickets = ticket_service()
    bergen = data.customer_ids["bergen"]
    ticket = tickets.open(
        ola,
        bergen,
        TicketInput(
            subject="Kortterminalen i butikken svarer ikke",
            description="Terminalen ved kasse 2 har vist «Ingen forbindelse» siden i morges. Vi har startet den "
            "på nytt.",
        ),
    )
    tickets.reply(
        admin,
        bergen,
        ticket.ticket_id,
        TicketReplyInput(
            text="Takk! Vi ser på det nå og ringer deg innen en time.",
            version=ticket.version,
            status=TicketStatus.IN_PROGRESS,
        ),
    )


# Nordlys Bergen's employees (EMP-1): seed 004's Donald Duck (born 13.09.2018, Mann, 12345678) and colleagues, with
# synthetic national identity numbers (Tenor's: the month plus 80), which a test deployment accepts.
EMPLOYEES = [
    ("Donald", "Duck", "duck@testikkeibruk.no", "12345678", "male", "bergen-shop", "13891850063"),
    ("Dolly", "Duck", "dolly@testikkeibruk.no", None, "female", "bergen-shop", None),
    ("Skrue", "McDuck", "skrue@testikkeibruk.no", "98765432", "male", "bergen-stock", "01876712357"),
]


def _seed_employees(data: DemoData) -> None:
    from portal.employees.models import EmployeeInput, Gender
    from portal.wiring import employee_service

    auth = auth_service()
    kari = auth.principal_for(auth.users.get_user("kari.nordmann@nordlys.no"))  # type: ignore[arg-type]
    employees = employee_service()
    for first, last, email, mobile, gender, department, number in EMPLOYEES:
        employees.create(
            kari,
            data.customer_ids["bergen"],
            EmployeeInput(
                first_name=first,
                last_name=last,
                email=email,
                mobile=mobile,
                gender=Gender(gender),
                department_id=data.department_ids[department],
                national_id=number,
            ),
        )


# Invoices (INV-1), as seed 004 lists them ("Fakturaer"), and two of this year.
INVOICES = [
    ("bakery", "2017-118350", "2017-12-31", "2018-01-20", None, 1500_00),
    ("bergen", "2017-118352", "2017-12-19", "2018-01-08", "Bergen TEST", 3000_00),
    ("bergen", "2018-118371", "2018-02-28", "2018-03-20", "Bergen TEST", 1000_00),
    ("bakery", "2018-118376", "2018-03-06", "2018-03-26", None, 5_00),
]


def _seed_invoices(data: DemoData, admin: Principal) -> None:
    from portal.clock import now
    from portal.invoices.models import InvoiceInput, PaymentInput
    from portal.languages import portal_day
    from portal.money import Currency
    from portal.wiring import invoice_service

    invoices = invoice_service()
    for customer, number, invoice_date, due_date, payer, total in INVOICES:
        invoices.create(
            admin,
            data.customer_ids[customer],
            InvoiceInput(
                number=number,
                invoice_date=date.fromisoformat(invoice_date),
                due_date=date.fromisoformat(due_date),
                payer=payer,
                total_minor=total,
                currency=Currency.NOK,
            ),
        )
    today = portal_day(now())
    this_year = invoices.create(
        admin,
        data.customer_ids["bakery"],
        InvoiceInput(
            number=f"{today.year}-120001",
            invoice_date=today,
            due_date=today + timedelta(days=20),
            total_minor=12_450_00,
            currency=Currency.NOK,
        ),
    )
    invoices.register_payment(
        admin,
        data.customer_ids["bakery"],
        this_year.invoice_id,
        PaymentInput(version=this_year.version, amount_minor=2_450_00, paid_on=today, reference="Delbetaling"),
    )


def _seed_api_keys(data: DemoData) -> None:
    """Written as the key service writes them, with the fixed keys above (a real key is random, shown once)."""
    from portal.auth.api_key_repository import DynamoApiKeyRepository
    from portal.auth.api_keys import StoredKey
    from portal.auth.keys import key_hint
    from portal.auth.tokens import token_digest

    at = now()
    for demo_key in DEMO_API_KEYS:
        DynamoApiKeyRepository().add(
            StoredKey(
                key_id=demo_key.api_key.split("_")[1],
                customer_id=data.customer_ids[demo_key.customer],
                name=demo_key.name,
                role=demo_key.role,
                hint=key_hint(demo_key.api_key),
                digest=token_digest(demo_key.api_key),
                expires_on=(at + timedelta(days=365)).date(),
                created_at=at,
                created_by="demo-seed",
            ),
            actor="demo-seed",
        )


def _fixed(moment: datetime) -> Clock:
    return lambda: moment


def _seed_orders(data: DemoData, admin: Principal) -> None:
    """The catalogue, two supplies orders of Nordlys Bergen (one delivered, one overdue: get in touch), and its
    service contract."""
    products = catalogue_repository()
    for key, product_input in PRODUCTS:
        data.product_ids[key] = catalogue.create_product(admin, products, product_input).product_id
    retired = products.get(data.product_ids["seals"])
    assert retired is not None
    catalogue.update_product(admin, products, retired.product_id, ProductPatch(version=retired.version, active=False))
    auth = auth_service()
    ola = auth.principal_for(auth.users.get_user("ola.hansen@nordlys-bergen.no"))  # type: ignore[arg-type]
    address = DeliveryAddress(recipient="Nordlys Bergen AS", address="Strandkaien 2", postal_code="5013", city="Bergen")
    placed = []
    for days_ago, lines in ((20, [("safe-bags", 2), ("slips", 5)]), (9, [("note-bags", 1)])):
        order = SuppliesOrderInput(
            lines=[OrderLineInput(product_id=data.product_ids[key], quantity=quantity) for key, quantity in lines],
            delivery_address=address,
        )
        at = now() - timedelta(days=days_ago)
        placed.append(
            supplies.place_supplies_order(
                ola,
                customer_repository(),
                products,
                order_repository(),
                data.customer_ids["bergen"],
                order,
                clock=_fixed(at),
            )
        )
    service_orders.create_contract(
        admin,
        customer_repository(),
        order_repository(),
        data.customer_ids["bergen"],
        ContractInput(
            name="Bedriftshelsetjeneste 2026",
            number="BHT-110",
            default_reference="NB-2026",
            product_groups=["Helsekontroll", "Arbeidsmiljøkartlegging", "Vaksinasjon"],
        ),
    )
    _seed_deposits(data, admin, ola)
    delivered_at = placed[0].placed_at + timedelta(days=4)
    supplies.mark_delivered(
        admin,
        customer_repository(),
        order_repository(),
        data.customer_ids["bergen"],
        placed[0].order_id,
        placed[0].version,
        clock=_fixed(delivered_at),
    )


def _seed_deposits(data: DemoData, admin: Principal, ola: Principal) -> None:
    """Two of Nordlys Bergen's night-safe bags: one counted twelve days ago, 100 kroner short, and one registered
    yesterday, waiting to be counted."""
    from portal.deposits.models import ChequeInput, CountingInput, CountInput, DepositInput

    bergen = data.customer_ids["bergen"]
    for days_ago, bag_number, notes in ((12, "400012345671", 14), (1, "400012345688", 9)):
        service = deposit_service()
        service.clock = _fixed(now() - timedelta(days=days_ago))
        slip = DepositInput(
            deposit_date=(now() - timedelta(days=days_ago)).date(),
            bag_number=bag_number,
            department_id=data.department_ids["bergen-shop"],
            signature="OH",
            lines=[CountInput(denomination="note-200", pieces=notes), CountInput(denomination="coin-20", pieces=25)],
            cheques=[ChequeInput(reference="Sjekk 1120", amount=85_000)] if days_ago > 1 else [],
        )
        deposit = service.register(ola, bergen, slip)
        if days_ago > 1:
            service.clock = _fixed(now() - timedelta(days=days_ago - 1))
            counted = [CountInput(denomination="note-200", pieces=notes), CountInput(denomination="coin-20", pieces=20)]
            service.count(admin, bergen, deposit.deposit_id, CountingInput(lines=counted, cheques=85_000, version=1))


def customer_of(object_key: str) -> str:
    return next(customer_key for key, customer_key, _ in OBJECTS if key == object_key)


# Companies outside the vendor's network that documents reach (DOC-1): the Peppol and bank directories on AWS.
EXTERNAL_PARTICIPANTS = [("0192:974760673", ["peppol"]), ("0192:923609016", ["bank"])]


def _seed_documents(data: DemoData, admin: Principal) -> None:
    """Electronic addresses for the demo customers, the filter ordered by Fjellbakeriet for what it receives, and
    three invoices from Nordlys Bergen: one delivered to Fjellbakeriet within the network, one to a company on
    Peppol, and one Fjellbakeriet's filter stopped for lacking a buyer reference."""
    from decimal import Decimal

    from infrastructure.local.sample_documents import SampleParty, invoice
    from portal.documents.models import DEFAULT_SMARTMAIL_DAYS, DocumentSettingsInput, FilterScope, SendOptions
    from portal.store import Table, key
    from portal.wiring import document_service

    service = document_service()
    for customer_key, organisation_number in (("bergen", "912345696"), ("oslo", "912345718"), ("bakery", "912345726")):
        service.change_settings(
            admin,
            data.customer_ids[customer_key],
            DocumentSettingsInput(
                endpoint=f"0192:{organisation_number}",
                filter_scope=FilterScope.INCOMING if customer_key == "bakery" else FilterScope.OFF,
                smartmail_days=DEFAULT_SMARTMAIL_DAYS,
                version=0,
            ),
        )
    Table().batch_put(
        [
            {"PK": key("PARTICIPANT", endpoint), "SK": "PARTICIPANT", "type": "participant", "receives": receives}
            for endpoint, receives in EXTERNAL_PARTICIPANTS
        ]
    )
    auth = auth_service()
    kari = auth.principal_for(auth.users.get_user("kari.nordmann@nordlys.no"))  # type: ignore[arg-type]
    bergen = SampleParty("Nordlys Bergen AS", "912345696", "Strandkaien 2", "5013", "Bergen")
    bakery = SampleParty("Fjellbakeriet AS", "912345726", "Storgata 12", "2609", "Lillehammer")
    builder = SampleParty("Bygg og Anlegg Vest AS", "974760673", "Kanalveien 10", "5068", "Bergen")
    sent = [
        invoice(number="2026-1001", seller=bergen, buyer=bakery, lines=[("Kassetelling", Decimal(3), Decimal(450))]),
        invoice(number="2026-1002", seller=bergen, buyer=builder, lines=[("Verditransport", Decimal(2), Decimal(990))]),
        invoice(
            number="2026-1003",
            seller=bergen,
            buyer=bakery,
            lines=[("Vekselpenger, levering", Decimal(1), Decimal(350))],
            buyer_reference=None,
        ),
    ]
    for content in sent:
        document = service.send(kari, data.customer_ids["bergen"], content, SendOptions())
        service.process(document.customer_id, document.document_id)
