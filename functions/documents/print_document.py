"""SQS consumer, the postal channel of Smartmail (DOC-7): prints an unopened document's print copy, records it
printed and posted, and resumes the workflow. A failed print comes back after a delay that doubles with every try
(the message's visibility), and after the last try stays in the dead-letter queue, which raises an alarm."""

from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.parser.models import SqsRecordModel
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import BaseModel, Json

from portal.observability import entrypoint
from portal.queues import retry_later
from portal.settings import get_settings
from portal.wiring import document_service

# The first retry's delay; each further try waits twice as long (at most SQS's 12 hours).
RETRY_SECONDS = 60


class PrintJob(BaseModel):
    customer_id: str
    document_id: str
    task_token: str


class PrintRecord(SqsRecordModel):
    body: Json[PrintJob]


processor = BatchProcessor(event_type=EventType.SQS, model=PrintRecord)


def print_and_post(record: PrintRecord) -> None:
    job = record.body
    try:
        document_service().print_and_post(job.customer_id, job.document_id, job.task_token)
    except Exception:
        tries = int(record.attributes.ApproximateReceiveCount)
        retry_later(record.receiptHandle, get_settings().print_queue_url, RETRY_SECONDS * 2 ** (tries - 1))
        raise


@entrypoint(correlation_id_path="Records[0].messageId")
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return dict(
        process_partial_response(event=event, record_handler=print_and_post, processor=processor, context=context)
    )
