"""DynamoDB Streams consumer: delivers each new outbox item (NOT-1); failures are retried, then dead-lettered."""

from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.parser.models import DynamoDBStreamChangedRecordModel, DynamoDBStreamRecordModel
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import BaseModel

from portal.observability import entrypoint
from portal.wiring import delivery_service


class OutboxImage(BaseModel):
    delivery_id: str


class OutboxChange(DynamoDBStreamChangedRecordModel):
    NewImage: OutboxImage


class OutboxRecord(DynamoDBStreamRecordModel):
    dynamodb: OutboxChange


processor = BatchProcessor(event_type=EventType.DynamoDBStreams, model=OutboxRecord)


def deliver(record: OutboxRecord) -> None:
    delivery_service().deliver(record.dynamodb.NewImage.delivery_id)


@entrypoint(correlation_id_path="Records[0].eventID")
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return dict(process_partial_response(event=event, record_handler=deliver, processor=processor, context=context))
