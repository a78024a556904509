"""Environment configuration: one pydantic model, read lazily (never at import time).

The authorizer reads only the table's name, through `portal.environment`, and loads no pydantic (decision 0007)."""

from __future__ import annotations

import os
from functools import lru_cache

from pydantic import BaseModel, Field, SecretStr

from portal.environment import ENVIRONMENT_NAMES
from portal.languages import Language


class Settings(BaseModel):
    table_name: str
    idempotency_table_name: str = ""
    registration_state_machine_arn: str = ""
    ses_sender: str = "noreply@kundeportal.example"
    staff_notification_address: str = "kundeservice@kundeportal.example"
    staff_language: Language = Language.NB
    portal_url: str = "http://localhost:8000"
    stage: str = "local"
    session_ttl_minutes: int = Field(default=480, ge=5)
    login_challenge_ttl_minutes: int = Field(default=10, ge=1)
    max_failed_logins: int = Field(default=5, ge=1)
    lockout_minutes: int = Field(default=15, ge=1)
    security_codes_per_list: int = Field(default=25, ge=2, le=100)
    password_reset_valid_minutes: int = Field(default=30, ge=5)
    invitation_valid_minutes: int = Field(default=7 * 24 * 60, ge=60)
    forgot_password_window_minutes: int = Field(default=60, ge=1)
    forgot_password_per_user: int = Field(default=3, ge=1)
    forgot_password_per_address: int = Field(default=20, ge=1)
    password_reset_queue_url: str = ""
    # Where the outbox publishes events for the vendor's other systems (its CRM subscribes with a rule).
    event_bus_name: str = "default"
    order_approval_state_machine_arn: str = ""
    # A service order waiting this many days for the customer's approval sends its approvers a reminder (ORD-3).
    order_reminder_days: int = Field(default=3, ge=1, le=60)
    # Reports (REP-1): where their jobs queue, and the bucket their files live in (under each customer's prefix).
    report_queue_url: str = ""
    report_bucket: str = ""
    # Printouts (receipts and order confirmations as PDF): where their jobs queue; their files go in the report bucket.
    printout_queue_url: str = ""
    document_bucket: str = ""
    # Files linked to customers, objects and cases (CASE-5), posted straight to the bucket by the browser.
    file_bucket: str = ""
    document_queue_url: str = ""
    copy_queue_url: str = ""
    smartmail_state_machine_arn: str = ""
    print_queue_url: str = ""
    print_dead_letter_queue_url: str = ""
    # Webhooks (DOC-3): where their deliveries queue; plain HTTP to the loopback address only for the local runtime.
    webhook_queue_url: str = ""
    webhooks_allow_loopback_http: bool = False
    # Signs pagination cursors (HMAC-SHA256). On AWS a generated Secrets Manager secret (template.yaml); locally the
    # runtime generates one per start. Changing it makes every cursor handed out so far invalid (400).
    cursor_signing_key: SecretStr = Field(min_length=32)
    cursor_max_age_minutes: int = Field(default=24 * 60, ge=1)
    # Employees (EMP-1): the KMS key that seals national identity numbers (envelope encryption), and the key of
    # their blind index (HMAC-SHA256, a generated secret like the cursors'). Only the employee functions have them.
    personal_data_key_id: str = ""
    national_id_index_key: SecretStr | None = Field(default=None, min_length=32)
    # Self-declarations (EMP-2): how long after the appointment the answers are kept before DynamoDB deletes them
    # (the health personnel take what they need into the patient record before that).
    self_declaration_retention_days: int = Field(default=90, ge=1, le=3 * 365)

    @property
    def production(self) -> bool:
        """Synthetic test identity numbers are refused in production only."""
        return self.stage in {"prod", "production"}


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    values = {field: os.environ[env] for field, env in ENVIRONMENT_NAMES.items() if env in os.environ}
    return Settings.model_validate(values)
