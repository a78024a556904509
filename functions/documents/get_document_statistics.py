"""GET /customers/{customer_id}/document-statistics — channels, volumes and stopped documents per month, for a
customer and each subsidiary whose documents the reader reads (DOC-4, ORG-1), from the counters every document's
steps keep (never by reading the documents)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.documents.models import DocumentStatistics, Month
from portal.observability import entrypoint
from portal.wiring import document_service

app = build_resolver()


@app.get(
    "/customers/<customer_id>/document-statistics",
    summary="Document statistics per month and subsidiary",
    tags=["Documents"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the document handler or invoice reader role",
            404: "No such customer",
            422: "Months the wrong way round, or more than 24 of them",
        }
    ),
)
def get_document_statistics(
    customer_id: str,
    first: Annotated[Month | None, Query(alias="from", description="The first month, YYYY-MM")] = None,
    last: Annotated[
        Month | None, Query(alias="to", description="The last month, YYYY-MM (this month if left out)")
    ] = None,
) -> DocumentStatistics:
    return document_service().statistics(current_principal(app), customer_id, first=first, last=last)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
