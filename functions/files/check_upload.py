"""SQS consumer of the file bucket's notifications: judges each uploaded file's bytes once (CASE-5). A failure is
retried; after the last try the notification stays in the dead-letter queue, which raises an alarm."""

from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.observability import entrypoint, logger
from portal.storage import BucketNotificationRecord
from portal.wiring import file_service

processor = BatchProcessor(event_type=EventType.SQS, model=BucketNotificationRecord)


def handle(record: BucketNotificationRecord) -> None:
    service = file_service()
    for key in record.body.keys:
        logger.info("Checked an uploaded file", extra={"key": key, "outcome": service.check_uploaded(key)})


@entrypoint(correlation_id_path="Records[0].messageId")
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return dict(process_partial_response(event=event, record_handler=handle, processor=processor, context=context))
