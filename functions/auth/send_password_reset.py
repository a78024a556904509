"""SQS consumer: answers requests about accounts in the background: a new password with a single-use link, if the
user exists (AUTH-1); an account of one's own, with its confirmation link, if the address has none (AUTH-2)."""

from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.parser.models import SqsRecordModel
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import Json

from portal.auth.models import SignupMessage
from portal.auth.reset_queue import AccountRequest, PasswordResetMessage
from portal.observability import entrypoint
from portal.wiring import auth_service


class PasswordResetRecord(SqsRecordModel):
    body: Json[AccountRequest]


processor = BatchProcessor(event_type=EventType.SQS, model=PasswordResetRecord)


def send(record: PasswordResetRecord) -> None:
    request = record.body
    if isinstance(request, SignupMessage):
        auth_service().create_signed_up(request)
    elif isinstance(request, PasswordResetMessage):
        auth_service().send_password_reset(request.username)


@entrypoint(correlation_id_path="Records[0].messageId")
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return dict(process_partial_response(event=event, record_handler=send, processor=processor, context=context))
