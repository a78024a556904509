"""POST /cases — file a new service case (CASE-1), on the customer and object the login may choose (AUTH-4). Safe to
repeat with an Idempotency-Key."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, created_once, current_principal, documented
from portal.cases.models import CaseInput, CaseView
from portal.observability import entrypoint
from portal.wiring import case_service

app = build_resolver()


@app.post(
    "/cases",
    summary="File a case",
    tags=["Cases"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Not for this login",
            404: "No such customer or object (or not one the login may choose)",
            409: "Idempotency-Key reused",
            422: "A customer or object the vendor requires is missing",
        },
        success=201,
        description="Filed",
    ),
)
def create_case(case: Annotated[CaseInput, Body()]) -> Response[CaseView]:
    principal = current_principal(app)
    return created_once(
        app,
        "create_case",
        principal=principal,
        payload=case,
        work=lambda: case_service().create(principal, case),
        result=CaseView,
        location=lambda made: f"/cases/{made.case.case_id}",
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
