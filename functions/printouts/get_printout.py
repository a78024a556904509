"""GET /customers/{customer_id}/printouts/{printout_id} — where a PDF stands; once ready, a link to it valid for
five minutes (DEP-2, ORD-4)."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.printouts.models import PrintoutView
from portal.wiring import printout_service

app = build_resolver()


@app.get(
    "/customers/<customer_id>/printouts/<printout_id>",
    summary="A PDF and its link",
    tags=["Printouts"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the role that reads what it prints",
            404: "No such customer or printout (or it expired)",
        }
    ),
)
def get_printout(customer_id: str, printout_id: str) -> PrintoutView:
    return printout_service().printout(current_principal(app), customer_id, printout_id)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
