"""POST /self-declarations/form — the employee follows the link in the invitation (EMP-2) and sees the appointment the
form is for, and whether answers were sent (never which). Public: the link's token is the only key, and an unknown
one answers as a form that does not exist."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, documented
from portal.bookings.models import SelfDeclarationForm, SelfDeclarationLink
from portal.observability import entrypoint
from portal.wiring import self_declaration_service

app = build_resolver()


@app.post(
    "/self-declarations/form",
    summary="The self-declaration form a link leads to",
    tags=["Bookings"],
    responses=documented({404: "The link leads to no self-declaration", 422: "Not a link's token"}),
)
def self_declaration_form(link: Annotated[SelfDeclarationLink, Body()]) -> SelfDeclarationForm:
    return self_declaration_service().form(link.token)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
