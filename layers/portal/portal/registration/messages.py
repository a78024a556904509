"""Message contracts of the registration workflow (what the state machine sends to the provisioning queue)."""

from pydantic import BaseModel, Field


class ProvisioningMessage(BaseModel):
    request_id: str = Field(min_length=1)
    task_token: str = Field(min_length=1)
