"""GET /customers/{customer_id}/deposits/{deposit_id} — one slip: its receipt, and its counting receipt once the
bag is counted (DEP-2)."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.deposits.models import Deposit
from portal.observability import entrypoint
from portal.wiring import deposit_service

app = build_resolver()


@app.get(
    "/customers/<customer_id>/deposits/<deposit_id>",
    summary="A deposit with its receipts",
    tags=["Deposits"],
    responses=documented(
        {401: "Not logged in", 403: "Needs the deposit registrar role", 404: "No such customer or deposit"}
    ),
)
def get_deposit(customer_id: str, deposit_id: str) -> Deposit:
    return deposit_service().deposit(current_principal(app), customer_id, deposit_id)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
