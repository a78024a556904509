"""Creations that happen once per Idempotency-Key, however often the client retries (Powertools' idempotency).

The key is the client's, scoped by the operation and the caller: the same key from another user, or for another
operation, is another request. A retry with the same key and a different body is refused (409), and so is one that
arrives while the first is still being served.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar, cast

from pydantic import BaseModel

from portal.errors import Conflict, ValidationFailed

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.idempotency import IdempotencyConfig
    from aws_lambda_powertools.utilities.typing import LambdaContext

R = TypeVar("R", bound=BaseModel)

MAX_KEY_LENGTH = 200


class IdempotentRequest(BaseModel):
    """What identifies a request (operation, caller, key) and what a retry must repeat exactly (payload)."""

    operation: str
    actor: str
    idempotency_key: str
    payload: dict[str, Any]


@cache
def _once(result: type[BaseModel]) -> tuple[Callable[..., BaseModel], IdempotencyConfig]:
    from aws_lambda_powertools.utilities.idempotency import (
        DynamoDBPersistenceLayer,
        IdempotencyConfig,
        idempotent_function,
    )
    from aws_lambda_powertools.utilities.idempotency.serialization.pydantic import PydanticSerializer

    from portal.settings import get_settings

    persistence = DynamoDBPersistenceLayer(table_name=get_settings().idempotency_table_name)
    config = IdempotencyConfig(
        event_key_jmespath="[operation, actor, idempotency_key]",
        payload_validation_jmespath="payload",
        expires_after_seconds=24 * 3600,
    )

    def run(*, request: IdempotentRequest, work: Callable[[], BaseModel]) -> BaseModel:
        return work()

    once = idempotent_function(
        data_keyword_argument="request",
        persistence_store=persistence,
        config=config,
        output_serializer=PydanticSerializer(model=result),
    )(run)
    return cast(Callable[..., BaseModel], once), config


def once(
    operation: str,
    *,
    actor: str,
    key: str | None,
    payload: BaseModel,
    work: Callable[[], R],
    result: type[R],
    lambda_context: LambdaContext | None = None,
) -> R:
    """`work()`'s result, computed once for this operation, caller and key; without a key, simply `work()`."""
    if not key:
        return work()
    if len(key) > MAX_KEY_LENGTH:
        raise ValidationFailed(
            f"The Idempotency-Key may have at most {MAX_KEY_LENGTH} characters", code="invalid_idempotency_key"
        )
    from aws_lambda_powertools.utilities.idempotency.exceptions import (
        IdempotencyAlreadyInProgressError,
        IdempotencyValidationError,
    )

    request = IdempotentRequest(
        operation=operation, actor=actor, idempotency_key=key, payload=payload.model_dump(mode="json")
    )
    run, config = _once(result)
    if lambda_context is not None:
        config.register_lambda_context(lambda_context)  # records expire if the function times out mid-way
    try:
        return cast(R, run(request=request, work=work))
    except IdempotencyValidationError as error:
        raise Conflict(
            "This Idempotency-Key was already used for a different request", code="idempotency_key_reused"
        ) from error
    except IdempotencyAlreadyInProgressError as error:
        raise Conflict(
            "The same request is still being processed; retry in a moment", code="request_in_progress"
        ) from error
