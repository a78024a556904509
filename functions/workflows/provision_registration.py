"""SQS consumer: the registration workflow's provisioning step (customer + login), then resumes the workflow."""

from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.parser.models import SqsRecordModel
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import Json

from portal.observability import entrypoint
from portal.registration.messages import ProvisioningMessage
from portal.wiring import auth_service, registration_service


class ProvisioningRecord(SqsRecordModel):
    body: Json[ProvisioningMessage]


processor = BatchProcessor(event_type=EventType.SQS, model=ProvisioningRecord)


def provision(record: ProvisioningRecord) -> None:
    registration_service().provision(record.body.request_id, record.body.task_token, auth_service())


@entrypoint(correlation_id_path="Records[0].messageId")
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return dict(process_partial_response(event=event, record_handler=provision, processor=processor, context=context))
