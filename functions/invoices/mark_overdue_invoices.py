"""The daily schedule (EventBridge Scheduler, 06:00 Europe/Oslo): unpaid invoices whose due date has passed become
overdue, and the customer's invoice readers are told (INV-1). Locally the runtime runs it on demand."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.observability import entrypoint
from portal.wiring import invoice_service


@entrypoint(correlation_id_path="id")
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return {"moved": invoice_service().mark_overdue()}
