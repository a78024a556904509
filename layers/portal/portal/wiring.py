"""Builds the services with their production adapters. Handlers ask here; tests build services with fakes.

Imports happen inside each factory, so a handler loads only the code its own service needs (cold starts).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from portal.access import Principal
    from portal.auth.api_keys import ApiKeyService
    from portal.auth.keys import ApiKeyCheck
    from portal.auth.service import AuthService
    from portal.auth.sessions import SessionCheck
    from portal.bookings.appointments import AppointmentService
    from portal.bookings.declarations import SelfDeclarationService
    from portal.bookings.repository import DynamoSlotRepository
    from portal.cases.dashboard_service import DashboardService
    from portal.cases.service import CaseService
    from portal.catalogue.repository import DynamoCatalogueRepository
    from portal.contacts.repository import DynamoContactRepository
    from portal.customers.repository import DynamoCustomerRepository
    from portal.departments.repository import DynamoDepartmentRepository
    from portal.deposits.service import DepositService
    from portal.documents.service import DocumentService
    from portal.employees.service import EmployeeService
    from portal.files.service import FileService
    from portal.imports.service import ImportService
    from portal.invoices.service import InvoiceService
    from portal.languages import Language
    from portal.notifications.service import DeliveryService
    from portal.objects.repository import DynamoObjectRepository
    from portal.orders.models import ServiceOrderInput, ServiceOrderView
    from portal.orders.repository import DynamoOrderRepository
    from portal.printouts.service import PrintoutService
    from portal.quotes.service import QuoteService
    from portal.registration.service import RegistrationService
    from portal.reports.service import ReportService
    from portal.specifications.service import SpecificationService
    from portal.staff.models import StaffUser
    from portal.staff.service import StaffService
    from portal.support.repository import DynamoSupportRepository
    from portal.tickets.service import TicketService
    from portal.webhooks.service import WebhookService
    from portal.workflows import StepFunctionsWorkflows


def customer_repository() -> DynamoCustomerRepository:
    from portal.customers.repository import DynamoCustomerRepository

    return DynamoCustomerRepository()


def department_repository() -> DynamoDepartmentRepository:
    from portal.departments.repository import DynamoDepartmentRepository

    return DynamoDepartmentRepository()


def object_repository() -> DynamoObjectRepository:
    from portal.objects.repository import DynamoObjectRepository

    return DynamoObjectRepository()


def catalogue_repository() -> DynamoCatalogueRepository:
    from portal.catalogue.repository import DynamoCatalogueRepository

    return DynamoCatalogueRepository()


def order_repository() -> DynamoOrderRepository:
    from portal.orders.repository import DynamoOrderRepository

    return DynamoOrderRepository()


def contact_repository() -> DynamoContactRepository:
    from portal.contacts.repository import DynamoContactRepository

    return DynamoContactRepository()


def auth_service() -> AuthService:
    from portal.auth.repository import DynamoAuthRepository
    from portal.auth.reset_queue import SqsResetRequests
    from portal.auth.service import AuthService
    from portal.settings import get_settings

    return AuthService(
        users=DynamoAuthRepository(),
        customers=customer_repository(),
        contacts=contact_repository(),
        reset_requests=SqsResetRequests(),
        settings=get_settings(),
    )


def session_check() -> SessionCheck:
    """What the authorizer needs of the auth area: sessions and users, nothing else (its cold start)."""
    from portal.auth.sessions import DynamoSessionStore, SessionCheck

    return SessionCheck(sessions=DynamoSessionStore())


def api_key_service() -> ApiKeyService:
    from portal.auth.api_key_repository import DynamoApiKeyRepository
    from portal.auth.api_keys import ApiKeyService

    return ApiKeyService(customers=customer_repository(), keys=DynamoApiKeyRepository())


def api_key_check() -> ApiKeyCheck:
    """What the authorizer needs to take an API key: the grants of keys in force, nothing else (its cold start)."""
    from portal.auth.keys import ApiKeyCheck, DynamoKeyGrants

    return ApiKeyCheck(grants=DynamoKeyGrants())


def registration_service() -> RegistrationService:
    from portal.registration.repository import DynamoRegistrationRepository
    from portal.registration.service import RegistrationService
    from portal.settings import get_settings
    from portal.workflows import StepFunctionsWorkflows

    return RegistrationService(
        requests=DynamoRegistrationRepository(),
        customers=customer_repository(),
        objects=object_repository(),
        workflows=StepFunctionsWorkflows(),
        settings=get_settings(),
    )


def delivery_service() -> DeliveryService:
    from portal.notifications.events import EventBridgePublisher
    from portal.notifications.jobs import SqsJobQueues, StepFunctionsStarter
    from portal.notifications.repository import DynamoOutboxRepository
    from portal.notifications.service import DeliveryService
    from portal.notifications.ses import SesMailer
    from portal.settings import get_settings

    settings = get_settings()
    return DeliveryService(
        outbox=DynamoOutboxRepository(),
        mailer=SesMailer(),
        events=EventBridgePublisher(settings.event_bus_name),
        jobs=SqsJobQueues(
            {
                "reports": settings.report_queue_url,
                "printouts": settings.printout_queue_url,
                "documents": settings.document_queue_url,
                "copies": settings.copy_queue_url,
                "webhooks": settings.webhook_queue_url,
            }
        ),
        workflows=StepFunctionsStarter({"smartmail": settings.smartmail_state_machine_arn}),
    )


def support_repository() -> DynamoSupportRepository:
    from portal.support.repository import DynamoSupportRepository

    return DynamoSupportRepository()


def workflows() -> StepFunctionsWorkflows:
    from portal.workflows import StepFunctionsWorkflows

    return StepFunctionsWorkflows()


def service_order_placement() -> Callable[..., ServiceOrderView]:
    """Places a service order: `(principal, customer_id, data, **options)`."""
    from portal.auth.repository import DynamoAuthRepository
    from portal.orders import recipients, service_orders
    from portal.settings import get_settings

    users = DynamoAuthRepository()

    def place(principal: Principal, customer_id: str, data: ServiceOrderInput, **options: Any) -> ServiceOrderView:
        return service_orders.place_service_order(
            principal,
            customer_repository(),
            department_repository(),
            order_repository(),
            workflows(),
            get_settings(),
            lambda staff: recipients.account_manager_addresses(users, staff),
            customer_id,
            data,
            **options,
        )

    return place


def service_order_reminder() -> Callable[[str, str], bool]:
    """Sends the reminder of a customer approval that waited too long: `(customer_id, order_id)`."""
    from portal.auth.repository import DynamoAuthRepository
    from portal.orders import recipients, service_orders
    from portal.settings import get_settings

    users = DynamoAuthRepository()

    def approvers(customer_id: str) -> list[tuple[str, Language]]:
        customer = customer_repository().get(customer_id)
        return recipients.order_approvers(users, customer) if customer else []

    return lambda customer_id, order_id: service_orders.remind(
        order_repository(), approvers, get_settings(), customer_id, order_id
    )


def deposit_service() -> DepositService:
    """Deposits (DEP-1, DEP-2): slips in the customer's agreed currency; a counted bag is told by e-mail."""
    from portal.auth.repository import DynamoAuthRepository
    from portal.deposits import notices
    from portal.deposits.repository import DynamoDepositRepository
    from portal.deposits.service import DepositService
    from portal.settings import get_settings

    users = DynamoAuthRepository()
    settings = get_settings()
    return DepositService(
        customers=customer_repository(),
        departments=department_repository(),
        deposits=DynamoDepositRepository(),
        currency_of=lambda customer_id: order_repository().cash_agreement(customer_id).currency,
        counting_notices=lambda customer, deposit: notices.counted(users, settings, customer, deposit),
    )


def report_service() -> ReportService:
    """Reports (REP-1): files in the reports bucket, rows from the deposit history's partitions."""
    from portal.deposits.repository import DynamoDepositRepository
    from portal.reports.repository import DynamoReportRepository
    from portal.reports.service import ReportService
    from portal.settings import get_settings
    from portal.storage import S3Files

    return ReportService(
        customers=customer_repository(),
        reports=DynamoReportRepository(),
        deposits=DynamoDepositRepository(),
        orders=order_repository(),
        files=S3Files(get_settings().report_bucket),
        currency_of=lambda customer_id: order_repository().cash_agreement(customer_id).currency,
    )


def printout_service() -> PrintoutService:
    """Printouts (DEP-2, ORD-4, INV-1): PDFs in the reports bucket, of what they print."""
    from portal.cases.repository import DynamoCaseRepository
    from portal.deposits.repository import DynamoDepositRepository
    from portal.invoices.repository import DynamoInvoiceRepository
    from portal.printouts.repository import DynamoPrintoutRepository
    from portal.printouts.service import PrintoutService
    from portal.settings import get_settings
    from portal.storage import S3Files

    return PrintoutService(
        customers=customer_repository(),
        deposits=DynamoDepositRepository(),
        orders=order_repository(),
        printouts=DynamoPrintoutRepository(),
        files=S3Files(get_settings().report_bucket),
        cases=DynamoCaseRepository(),
        invoices=DynamoInvoiceRepository(),
    )


def document_service() -> DocumentService:
    """Documents (DOC-1..7): files in the documents bucket; documents leaving the vendor's network, and print copies
    for the postal channel, handed over through outbox prefixes of the same bucket."""
    from portal.documents.network import S3NetworkOutbox, S3PrintOutbox, SqsPrintQueues
    from portal.documents.repository import DynamoDocumentRepository
    from portal.documents.service import DocumentService
    from portal.settings import get_settings
    from portal.storage import S3Files
    from portal.workflows import StepFunctionsWorkflows

    settings = get_settings()
    files = S3Files(settings.document_bucket)
    return DocumentService(
        customers=customer_repository(),
        documents=DynamoDocumentRepository(),
        files=files,
        network=S3NetworkOutbox(files),
        postal=S3PrintOutbox(files),
        print_queues=SqsPrintQueues(settings.print_queue_url, settings.print_dead_letter_queue_url),
        workflows=StepFunctionsWorkflows(),
        portal_url=settings.portal_url,
        webhooks=webhook_service(),
    )


def webhook_service() -> WebhookService:
    """Webhooks (DOC-3): sent over HTTPS to public addresses only (the local runtime also allows its loopback)."""
    from portal.settings import get_settings
    from portal.webhooks.repository import DynamoWebhookRepository
    from portal.webhooks.sender import HttpsWebhookSender
    from portal.webhooks.service import WebhookService

    allow_loopback_http = get_settings().webhooks_allow_loopback_http
    return WebhookService(
        customers=customer_repository(),
        webhooks=DynamoWebhookRepository(),
        sender=HttpsWebhookSender(allow_loopback_http=allow_loopback_http),
        allow_loopback_http=allow_loopback_http,
    )


def slot_repository() -> DynamoSlotRepository:
    from portal.bookings.repository import DynamoSlotRepository

    return DynamoSlotRepository()


def active_staff() -> Callable[[str], StaffUser | None]:
    """Looks up an active staff user by username (assignment, work orders); None for anyone else."""
    from portal.access import PrincipalKind
    from portal.auth.repository import DynamoAuthRepository
    from portal.staff.models import StaffUser

    users = DynamoAuthRepository()

    def staff(username: str) -> StaffUser | None:
        user = users.get_user(username)
        if user is None or not user.active or user.kind is not PrincipalKind.STAFF:
            return None
        return StaffUser(username=user.username, display_name=user.display_name, email=user.email, role=user.role)

    return staff


def case_service() -> CaseService:
    """Service cases (CASE-1..3): cursors signed with the table's key; new cases assigned per ORG-4."""
    from portal.cases.repository import DynamoCaseRepository
    from portal.cases.service import CaseService
    from portal.settings import get_settings
    from portal.store import Table

    settings = get_settings()
    table = Table()
    return CaseService(
        cases=DynamoCaseRepository(table),
        customers=customer_repository(),
        objects=object_repository(),
        positions=table.cursors,
        staff=active_staff(),
        portal_url=settings.portal_url,
        staff_language=settings.staff_language,
    )


def staff_service() -> StaffService:
    """Assignment (ORG-4) and the staff groups its menu lists."""
    from portal.settings import get_settings
    from portal.staff.repository import DynamoStaffGroupRepository
    from portal.staff.service import StaffService

    settings = get_settings()
    return StaffService(
        groups=DynamoStaffGroupRepository(),
        customers=customer_repository(),
        staff=active_staff(),
        portal_url=settings.portal_url,
        staff_language=settings.staff_language,
    )


def specification_service() -> SpecificationService:
    """Invoice specifications (CASE-4): the account managers hear of each review."""
    from portal.settings import get_settings
    from portal.specifications.repository import DynamoSpecificationRepository
    from portal.specifications.service import SpecificationService

    settings = get_settings()
    return SpecificationService(
        specifications=DynamoSpecificationRepository(),
        customers=customer_repository(),
        account_managers=_account_manager_addresses(),
        staff_address=settings.staff_notification_address,
        portal_url=settings.portal_url,
        staff_language=settings.staff_language,
    )


def quote_service() -> QuoteService:
    """Quotes (seed 003): the account managers hear of each decision."""
    from portal.cases.repository import DynamoCaseRepository
    from portal.quotes.repository import DynamoQuoteRepository
    from portal.quotes.service import QuoteService
    from portal.settings import get_settings

    settings = get_settings()
    return QuoteService(
        quotes=DynamoQuoteRepository(),
        customers=customer_repository(),
        cases=DynamoCaseRepository(),
        account_managers=_account_manager_addresses(),
        staff_address=settings.staff_notification_address,
        portal_url=settings.portal_url,
        staff_language=settings.staff_language,
    )


def _account_manager_addresses() -> Callable[[list[str]], list[str]]:
    """The e-mail addresses of a customer's assigned staff who are active (those told of its quotes and reviews)."""
    from portal.auth.repository import DynamoAuthRepository
    from portal.orders import recipients

    users = DynamoAuthRepository()
    return lambda staff: recipients.account_manager_addresses(users, staff)


def file_service() -> FileService:
    """Files (CASE-5): bytes in the file bucket, records in the table."""
    from portal.cases.repository import DynamoCaseRepository
    from portal.files.repository import DynamoFileRepository
    from portal.files.service import FileService
    from portal.settings import get_settings
    from portal.storage import S3Files
    from portal.tickets.repository import DynamoTicketRepository

    return FileService(
        files=DynamoFileRepository(),
        storage=S3Files(get_settings().file_bucket),
        customers=customer_repository(),
        objects=object_repository(),
        cases=DynamoCaseRepository(),
        tickets=DynamoTicketRepository(),
    )


def import_service() -> ImportService:
    """Bulk upload of a customer register (ORG-3): the file and its report in the file bucket."""
    from portal.imports.repository import DynamoImportRepository
    from portal.imports.service import ImportService
    from portal.settings import get_settings
    from portal.storage import S3Files

    return ImportService(
        imports=DynamoImportRepository(), customers=customer_repository(), files=S3Files(get_settings().file_bucket)
    )


def customer_uses() -> Callable[[str], list[str]]:
    """What keeps a customer from being deleted besides its own partition's items: its cases and its files."""
    from portal.cases.repository import DynamoCaseRepository
    from portal.files.repository import DynamoFileRepository

    cases, files = DynamoCaseRepository(), DynamoFileRepository()

    def uses(customer_id: str) -> list[str]:
        found = ["cases"] if cases.has_cases(customer_id) else []
        return found + (["files"] if files.count_of_customer(customer_id) else [])

    return uses


def ticket_service() -> TicketService:
    """Support tickets (DOC-8): the account managers hear of what the customer writes, its user of the answers."""
    from portal.auth.repository import DynamoAuthRepository
    from portal.settings import get_settings
    from portal.tickets.repository import DynamoTicketRepository
    from portal.tickets.service import TicketService

    settings = get_settings()
    users = DynamoAuthRepository()

    def user_address(username: str) -> tuple[str, Language] | None:
        user = users.get_user(username)
        return (user.email, user.language) if user and user.active else None

    return TicketService(
        tickets=DynamoTicketRepository(),
        customers=customer_repository(),
        user_address=user_address,
        account_managers=_account_manager_addresses(),
        staff_address=settings.staff_notification_address,
        portal_url=settings.portal_url,
        staff_language=settings.staff_language,
    )


def invoice_service() -> InvoiceService:
    """Invoices (INV-1): the overdue notices go to the customer's invoice readers, each in its language."""
    from portal import access
    from portal.auth.repository import DynamoAuthRepository
    from portal.invoices.repository import DynamoInvoiceRepository
    from portal.invoices.service import InvoiceService
    from portal.orders import recipients
    from portal.settings import get_settings

    users = DynamoAuthRepository()
    return InvoiceService(
        invoices=DynamoInvoiceRepository(),
        customers=customer_repository(),
        invoice_readers=lambda customer: recipients.role_holders(users, customer, access.CustomerRole.INVOICE_READER),
        portal_url=get_settings().portal_url,
    )


def appointment_service() -> AppointmentService:
    """Bookings of employees into slots (EMP-2): invitations are sent from the portal's sender address."""
    from datetime import timedelta

    from portal.bookings.appointments import AppointmentService
    from portal.employees.repository import DynamoEmployeeRepository
    from portal.settings import get_settings

    return AppointmentService(
        slots=slot_repository(),
        customers=customer_repository(),
        orders=order_repository(),
        employees=DynamoEmployeeRepository(),
        organizer=get_settings().ses_sender,
        portal_url=get_settings().portal_url,
        declaration_retention=timedelta(days=get_settings().self_declaration_retention_days),
    )


def self_declaration_service() -> SelfDeclarationService:
    """Self-declarations (EMP-2): answers sealed with the personal-data key, kept for the retention period."""
    from datetime import timedelta

    from portal.bookings.declarations import SelfDeclarationService
    from portal.sealing import KmsSealer
    from portal.settings import get_settings

    settings = get_settings()
    return SelfDeclarationService(
        slots=slot_repository(),
        customers=customer_repository(),
        orders=order_repository(),
        sealer=KmsSealer(settings.personal_data_key_id),
        retention=timedelta(days=settings.self_declaration_retention_days),
    )


def employee_service() -> EmployeeService:
    """Employees (EMP-1): their numbers sealed with the personal-data key, found by the blind-index key."""
    from portal.employees.repository import DynamoEmployeeRepository
    from portal.employees.service import EmployeeService
    from portal.sealing import KmsSealer
    from portal.settings import get_settings

    settings = get_settings()
    index_key = settings.national_id_index_key
    return EmployeeService(
        employees=DynamoEmployeeRepository(),
        customers=customer_repository(),
        departments=department_repository(),
        sealer=KmsSealer(settings.personal_data_key_id),
        index_key=index_key.get_secret_value().encode() if index_key else None,
        synthetic_numbers_allowed=not settings.production,
    )


def dashboard_service() -> DashboardService:
    """Dashboards (CASE-6): the counters the case writes keep."""
    from portal.cases.dashboard_service import DashboardService
    from portal.cases.repository import DynamoCaseRepository

    return DashboardService(cases=DynamoCaseRepository(), customers=customer_repository(), objects=object_repository())
