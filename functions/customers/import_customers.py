"""SQS consumer of the file bucket's notifications under imports/: imports each uploaded customer register once
(ORG-3). A failure is retried; after the last try the notification stays in the dead-letter queue, which raises an
alarm."""

from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.observability import entrypoint, logger
from portal.storage import BucketNotificationRecord
from portal.wiring import import_service

processor = BatchProcessor(event_type=EventType.SQS, model=BucketNotificationRecord)


def handle(record: BucketNotificationRecord) -> None:
    service = import_service()
    for key in record.body.keys:
        logger.info("Imported a customer register", extra={"key": key, "outcome": service.run(key)})


@entrypoint(correlation_id_path="Records[0].messageId")
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return dict(process_partial_response(event=event, record_handler=handle, processor=processor, context=context))
