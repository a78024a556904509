"""SQS consumer: sends one webhook delivery (DOC-3), signed. An address that does not take it gets it again after a
delay that doubles with every try (the message's visibility); after the last try the delivery is failed and its
message stays in the dead-letter queue, which raises an alarm."""

from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.parser.models import SqsRecordModel
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import BaseModel, Json

from portal.observability import entrypoint
from portal.queues import retry_later
from portal.settings import get_settings
from portal.wiring import webhook_service

# The first retry's delay; each further try waits twice as long (30 s, 1, 2, 4, 8 minutes).
RETRY_SECONDS = 30


class DeliveryJob(BaseModel):
    customer_id: str
    webhook_id: str
    delivery_id: str


class DeliveryRecord(SqsRecordModel):
    body: Json[DeliveryJob]


processor = BatchProcessor(event_type=EventType.SQS, model=DeliveryRecord)


class NotTaken(Exception):
    """The address did not take the delivery; SQS brings it back."""


def deliver(record: DeliveryRecord) -> None:
    from portal.webhooks.service import MOST_TRIES

    job = record.body
    tries = int(record.attributes.ApproximateReceiveCount)
    last_try = tries >= MOST_TRIES
    if not webhook_service().send(job.customer_id, job.webhook_id, job.delivery_id, last_try=last_try):
        # After the last try, visible again at once: SQS moves it to the dead-letter queue at its next receive.
        delay = 0 if last_try else RETRY_SECONDS * 2 ** (tries - 1)
        retry_later(record.receiptHandle, get_settings().webhook_queue_url, delay)
        raise NotTaken(f"delivery {job.delivery_id} not taken (try {tries})")


@entrypoint(correlation_id_path="Records[0].messageId")
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return dict(process_partial_response(event=event, record_handler=deliver, processor=processor, context=context))
