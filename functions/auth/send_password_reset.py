"""SQS consumer: answers a request for a new password with a single-use link, if the user exists (AUTH-1)."""

from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.parser.models import SqsRecordModel
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import Json

from portal.auth.reset_queue import PasswordResetMessage
from portal.observability import entrypoint
from portal.wiring import auth_service


class PasswordResetRecord(SqsRecordModel):
    body: Json[PasswordResetMessage]


processor = BatchProcessor(event_type=EventType.SQS, model=PasswordResetRecord)


def send(record: PasswordResetRecord) -> None:
    auth_service().send_password_reset(record.body.username)


@entrypoint(correlation_id_path="Records[0].messageId")
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return dict(process_partial_response(event=event, record_handler=send, processor=processor, context=context))
