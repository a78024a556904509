"""POST /customers/{customer_id}/printouts — a receipt or an order confirmation as a PDF, made in the background
(DEP-2, ORD-4). Asking again for the same version answers with the one already made (or on its way)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.printouts.models import PrintoutRequest, PrintoutStatus, PrintoutView
from portal.wiring import printout_service

app = build_resolver()


@app.post(
    "/customers/<customer_id>/printouts",
    summary="Ask for a PDF",
    tags=["Printouts"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the role that reads what it prints",
            404: "No such customer, deposit or order",
            409: "A counting receipt of a bag not counted yet",
        },
        success=202,
        description="Queued, or ready (200) with its link when it was made before",
    ),
)
def request_printout(customer_id: str, request: Annotated[PrintoutRequest, Body()]) -> Response[PrintoutView]:
    printout = printout_service().request(current_principal(app), customer_id, request)
    status = 200 if printout.status is PrintoutStatus.READY else 202
    return Response(status_code=status, content_type=content_types.APPLICATION_JSON, body=printout)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
