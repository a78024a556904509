"""POST /customers/{customer_id}/deposits — save a deposit slip (DEP-1). Safe to repeat with an Idempotency-Key."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, created_once, current_principal, documented
from portal.deposits.models import Deposit, DepositInput
from portal.observability import entrypoint
from portal.wiring import deposit_service

app = build_resolver()


@app.post(
    "/customers/<customer_id>/deposits",
    summary="Register a deposit slip",
    tags=["Deposits"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the deposit registrar role",
            404: "No such customer",
            409: "Idempotency-Key reused, or the bag number registered meanwhile",
            422: "As the review refuses it",
        },
        success=201,
        description="Registered",
    ),
)
def register_deposit(customer_id: str, slip: Annotated[DepositInput, Body()]) -> Response[Deposit]:
    principal = current_principal(app)
    return created_once(
        app,
        f"register_deposit:{customer_id}",
        principal=principal,
        payload=slip,
        work=lambda: deposit_service().register(principal, customer_id, slip),
        result=Deposit,
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
