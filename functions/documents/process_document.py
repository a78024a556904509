"""SQS consumer: checks a received document when the filter applies, then delivers it on its channel or stops it
(DOC-1, DOC-5). A failure leaves the message to be retried; after the last try it stays in the dead-letter queue,
which raises an alarm."""

from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.parser.models import SqsRecordModel
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import BaseModel, Json

from portal.observability import entrypoint
from portal.wiring import document_service


class DocumentJob(BaseModel):
    customer_id: str
    document_id: str


class DocumentRecord(SqsRecordModel):
    body: Json[DocumentJob]


processor = BatchProcessor(event_type=EventType.SQS, model=DocumentRecord)


def process(record: DocumentRecord) -> None:
    document_service().process(record.body.customer_id, record.body.document_id)


@entrypoint(correlation_id_path="Records[0].messageId")
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return dict(process_partial_response(event=event, record_handler=process, processor=processor, context=context))
