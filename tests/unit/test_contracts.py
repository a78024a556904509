"""Messages between state machines and their consumers keep to the pydantic contracts."""

import json
from datetime import UTC, datetime

from infrastructure.local.template import ROOT
from portal.notifications.email import EmailMessage
from portal.notifications.repository import outbox_item
from portal.registration.messages import ProvisioningMessage
from portal.store import serialize


def states(name: str) -> dict[str, dict[str, object]]:
    definition = json.loads((ROOT / "statemachines" / name).read_text(encoding="utf-8"))
    return dict(definition["States"])


def test_the_provisioning_message_matches_its_consumer() -> None:
    parameters = states("registration.asl.json")["Provision"]["Parameters"]
    assert isinstance(parameters, dict)
    sent = {field.removesuffix(".$") for field in parameters["MessageBody"]}
    assert sent == set(ProvisioningMessage.model_fields)


def test_no_state_machine_sends_e_mail_itself() -> None:
    """E-mails leave through the outbox, written with the change (NOT-1), never from a workflow step."""
    for definition in (ROOT / "statemachines").glob("*.asl.json"):
        assert ":ses" not in definition.read_text(encoding="utf-8"), definition.name


def test_an_outbox_item_as_the_stream_carries_it_is_what_the_dispatcher_reads() -> None:
    from functions.notifications.deliver_outbox import OutboxRecord

    item = outbox_item(EmailMessage(to=["a@example.no"], subject="s", body="b", kind="Test"), at=datetime.now(UTC))
    record = {
        "eventID": "1",
        "eventName": "INSERT",
        "eventVersion": "1.1",
        "eventSource": "aws:dynamodb",
        "awsRegion": "eu-north-1",
        "eventSourceARN": "arn:aws:dynamodb:eu-north-1:123456789012:table/t/stream/2026",
        "dynamodb": {
            "Keys": serialize({"PK": item["PK"], "SK": item["SK"]}),
            "NewImage": serialize(item),
            "SequenceNumber": "1",
            "SizeBytes": 100,
            "StreamViewType": "NEW_IMAGE",
        },
    }
    assert OutboxRecord.model_validate(record).dynamodb.NewImage.delivery_id == item["delivery_id"]


def test_every_email_has_a_subject_and_body_in_every_language() -> None:
    from portal.languages import Language
    from portal.notifications.email import CODES_REASONS, TEXTS

    for kind, texts in [
        *TEXTS.items(),
        *((reason.value, {k: (v, v) for k, v in t.items()}) for reason, t in CODES_REASONS.items()),
    ]:
        assert set(texts) == set(Language), kind
        assert all(subject and body for subject, body in texts.values()), kind
