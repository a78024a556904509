"""POST /self-declarations — the employee sends the answers to the health questionnaire before the appointment
(EMP-2). Public: the link's token is the only key. The answers are sealed with the personal-data key before they are
stored; when KMS does not answer, nothing is stored (503)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, documented
from portal.bookings.models import SelfDeclarationReceipt, SelfDeclarationSubmission
from portal.observability import entrypoint
from portal.wiring import self_declaration_service

app = build_resolver()


@app.post(
    "/self-declarations",
    summary="Send a self-declaration",
    tags=["Bookings"],
    responses=documented(
        {
            404: "The link leads to no self-declaration",
            409: "The appointment has begun: the form is closed",
            422: "An answer is missing or invalid",
            503: "The answers could not be sealed; nothing was stored",
        }
    ),
)
def submit_self_declaration(submission: Annotated[SelfDeclarationSubmission, Body()]) -> SelfDeclarationReceipt:
    return self_declaration_service().submit(submission.token, submission.answers)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
