"""Customer creation that happens once per Idempotency-Key, however often the client retries (Powertools)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import cast

from aws_lambda_powertools.utilities.idempotency import (
    DynamoDBPersistenceLayer,
    IdempotencyConfig,
    idempotent_function,
)
from aws_lambda_powertools.utilities.idempotency.exceptions import (
    IdempotencyAlreadyInProgressError,
    IdempotencyValidationError,
)
from aws_lambda_powertools.utilities.idempotency.serialization.pydantic import PydanticSerializer
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import BaseModel

from portal.access import Principal
from portal.customers import service
from portal.customers.models import Customer, CustomerInput
from portal.errors import Conflict, ValidationFailed
from portal.settings import get_settings
from portal.wiring import customer_repository


class CreateCustomerCommand(BaseModel):
    idempotency_key: str
    actor: str
    customer: CustomerInput


@cache
def _create_once() -> tuple[Callable[..., Customer], IdempotencyConfig]:
    persistence = DynamoDBPersistenceLayer(table_name=get_settings().idempotency_table_name)
    config = IdempotencyConfig(
        event_key_jmespath="[actor, idempotency_key]",
        payload_validation_jmespath="customer",
        expires_after_seconds=24 * 3600,
    )

    def create(*, command: CreateCustomerCommand, principal: Principal) -> Customer:
        return service.create_customer(principal, customer_repository(), command.customer)

    once = idempotent_function(
        data_keyword_argument="command",
        persistence_store=persistence,
        config=config,
        output_serializer=PydanticSerializer(model=Customer),
    )(create)
    return cast(Callable[..., Customer], once), config


def create_customer_once(
    principal: Principal, customer: CustomerInput, key: str | None, lambda_context: LambdaContext | None = None
) -> Customer:
    if not key:
        return service.create_customer(principal, customer_repository(), customer)
    if len(key) > 200:
        raise ValidationFailed("The Idempotency-Key may have at most 200 characters", code="invalid_idempotency_key")
    command = CreateCustomerCommand(idempotency_key=key, actor=principal.username, customer=customer)
    create, config = _create_once()
    if lambda_context is not None:
        config.register_lambda_context(lambda_context)  # records expire if the function times out mid-way
    try:
        return create(command=command, principal=principal)
    except IdempotencyValidationError as error:
        raise Conflict(
            "This Idempotency-Key was already used for a different customer", code="idempotency_key_reused"
        ) from error
    except IdempotencyAlreadyInProgressError as error:
        raise Conflict(
            "The same request is still being processed; retry in a moment", code="request_in_progress"
        ) from error
