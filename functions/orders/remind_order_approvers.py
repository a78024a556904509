"""SQS consumer: the order-approval workflow's reminder, sent when a customer approval has waited longer than the
vendor's number of days (ORD-3). The order records it; the customer's order approvers get an e-mail."""

from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.parser.models import SqsRecordModel
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import BaseModel, Json

from portal.observability import entrypoint
from portal.wiring import service_order_reminder


class ReminderMessage(BaseModel):
    customer_id: str
    order_id: str


class ReminderRecord(SqsRecordModel):
    body: Json[ReminderMessage]


processor = BatchProcessor(event_type=EventType.SQS, model=ReminderRecord)


def remind(record: ReminderRecord) -> None:
    service_order_reminder()(record.body.customer_id, record.body.order_id)


@entrypoint(correlation_id_path="Records[0].messageId")
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return dict(process_partial_response(event=event, record_handler=remind, processor=processor, context=context))
