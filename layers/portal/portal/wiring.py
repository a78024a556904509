"""Builds the services with their production adapters. Handlers ask here; tests build services with fakes."""

from __future__ import annotations

from portal.auth.repository import DynamoAuthRepository
from portal.auth.service import AuthService
from portal.customers.repository import DynamoCustomerRepository
from portal.notifications.ses import SesMailer
from portal.registration.repository import DynamoRegistrationRepository
from portal.registration.service import RegistrationService
from portal.settings import get_settings
from portal.workflows import StepFunctionsWorkflows


def customer_repository() -> DynamoCustomerRepository:
    return DynamoCustomerRepository()


def auth_service() -> AuthService:
    return AuthService(
        users=DynamoAuthRepository(), customers=customer_repository(), mailer=SesMailer(), settings=get_settings()
    )


def registration_service() -> RegistrationService:
    return RegistrationService(
        requests=DynamoRegistrationRepository(),
        customers=customer_repository(),
        workflows=StepFunctionsWorkflows(),
        settings=get_settings(),
    )
