"""SQS consumer: makes a queued printout (a receipt or an order confirmation as PDF). A failure is recorded on the
printout and the message retried; after the last try it stays in the dead-letter queue, which raises an alarm."""

from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.parser.models import SqsRecordModel
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import BaseModel, Json

from portal.observability import entrypoint
from portal.wiring import printout_service


class PrintoutJob(BaseModel):
    customer_id: str
    printout_id: str


class PrintoutRecord(SqsRecordModel):
    body: Json[PrintoutJob]


processor = BatchProcessor(event_type=EventType.SQS, model=PrintoutRecord)


def generate(record: PrintoutRecord) -> None:
    printout_service().generate(record.body.customer_id, record.body.printout_id)


@entrypoint(correlation_id_path="Records[0].messageId")
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return dict(process_partial_response(event=event, record_handler=generate, processor=processor, context=context))
