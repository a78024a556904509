"""SQS consumer: renders a queued viewing copy (DOC-3) into the documents bucket. A failure is recorded on the copy
and the message retried; after the last try it stays in the dead-letter queue, which raises an alarm."""

from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.parser.models import SqsRecordModel
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import BaseModel, Json

from portal.observability import entrypoint
from portal.wiring import document_service


class CopyJob(BaseModel):
    customer_id: str
    copy_id: str


class CopyRecord(SqsRecordModel):
    body: Json[CopyJob]


processor = BatchProcessor(event_type=EventType.SQS, model=CopyRecord)


def render(record: CopyRecord) -> None:
    document_service().render_viewing_copy(record.body.customer_id, record.body.copy_id)


@entrypoint(correlation_id_path="Records[0].messageId")
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return dict(process_partial_response(event=event, record_handler=render, processor=processor, context=context))
