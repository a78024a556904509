"""Builds the services with their production adapters. Handlers ask here; tests build services with fakes.

Imports happen inside each factory, so a handler loads only the code its own service needs (cold starts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from portal.auth.service import AuthService
    from portal.auth.sessions import SessionCheck
    from portal.catalogue.repository import DynamoCatalogueRepository
    from portal.contacts.repository import DynamoContactRepository
    from portal.customers.repository import DynamoCustomerRepository
    from portal.departments.repository import DynamoDepartmentRepository
    from portal.notifications.service import DeliveryService
    from portal.objects.repository import DynamoObjectRepository
    from portal.orders.repository import DynamoOrderRepository
    from portal.registration.service import RegistrationService
    from portal.support.repository import DynamoSupportRepository


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
    from portal.notifications.repository import DynamoOutboxRepository
    from portal.notifications.service import DeliveryService
    from portal.notifications.ses import SesMailer
    from portal.settings import get_settings

    return DeliveryService(
        outbox=DynamoOutboxRepository(),
        mailer=SesMailer(),
        events=EventBridgePublisher(get_settings().event_bus_name),
    )


def support_repository() -> DynamoSupportRepository:
    from portal.support.repository import DynamoSupportRepository

    return DynamoSupportRepository()
