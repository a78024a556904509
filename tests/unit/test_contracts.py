"""Messages between state machines and their consumers keep to the pydantic contracts."""

import json

from infrastructure.local.template import ROOT
from portal.notifications.email import EmailMessage
from portal.registration.messages import ProvisioningMessage


def states(name: str) -> dict[str, dict[str, object]]:
    definition = json.loads((ROOT / "statemachines" / name).read_text(encoding="utf-8"))
    return dict(definition["States"])


def test_the_provisioning_message_matches_its_consumer() -> None:
    parameters = states("registration.asl.json")["Provision"]["Parameters"]
    assert isinstance(parameters, dict)
    sent = {field.removesuffix(".$") for field in parameters["MessageBody"]}
    assert sent == set(ProvisioningMessage.model_fields)


def test_e_mails_the_workflow_sends_are_built_from_the_message_model() -> None:
    registration = states("registration.asl.json")
    for state, source in (("NotifyStaff", "$.staff_email"), ("SendRejection", "$.decision.email")):
        parameters = registration[state]["Parameters"]
        assert isinstance(parameters, dict)
        assert parameters["Destination"] == {"ToAddresses.$": f"{source}.to"}
        simple = parameters["Content"]["Simple"]
        assert simple["Subject"] == {"Data.$": f"{source}.subject"}
        assert simple["Body"] == {"Text": {"Data.$": f"{source}.body"}}
    assert {"to", "subject", "body"} <= set(EmailMessage.model_fields)
