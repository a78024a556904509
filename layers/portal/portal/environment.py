"""Where each setting comes from: the environment variables the template sets on every function.

`portal.settings` validates them all into one pydantic model. The table's name is also readable here on its own,
so that code on the authorizer's path (the store, the session check) needs no pydantic (decision 0007).
"""

from __future__ import annotations

import os

ENVIRONMENT_NAMES = {
    "table_name": "TABLE_NAME",
    "idempotency_table_name": "IDEMPOTENCY_TABLE_NAME",
    "registration_state_machine_arn": "REGISTRATION_STATE_MACHINE_ARN",
    "ses_sender": "SES_SENDER",
    "staff_notification_address": "STAFF_NOTIFICATION_ADDRESS",
    "staff_language": "STAFF_LANGUAGE",
    "portal_url": "PORTAL_URL",
    "stage": "STAGE",
    "session_ttl_minutes": "SESSION_TTL_MINUTES",
    "login_challenge_ttl_minutes": "LOGIN_CHALLENGE_TTL_MINUTES",
    "max_failed_logins": "MAX_FAILED_LOGINS",
    "lockout_minutes": "LOCKOUT_MINUTES",
    "security_codes_per_list": "SECURITY_CODES_PER_LIST",
    "password_reset_queue_url": "PASSWORD_RESET_QUEUE_URL",
    "event_bus_name": "EVENT_BUS_NAME",
    "order_approval_state_machine_arn": "ORDER_APPROVAL_STATE_MACHINE_ARN",
    "order_reminder_days": "ORDER_REMINDER_DAYS",
    "report_queue_url": "REPORT_QUEUE_URL",
    "report_bucket": "REPORT_BUCKET",
    "printout_queue_url": "PRINTOUT_QUEUE_URL",
    "document_bucket": "DOCUMENT_BUCKET",
    "file_bucket": "FILE_BUCKET",
    "document_queue_url": "DOCUMENT_QUEUE_URL",
    "copy_queue_url": "COPY_QUEUE_URL",
    "smartmail_state_machine_arn": "SMARTMAIL_STATE_MACHINE_ARN",
    "print_queue_url": "PRINT_QUEUE_URL",
    "print_dead_letter_queue_url": "PRINT_DEAD_LETTER_QUEUE_URL",
    "webhook_queue_url": "WEBHOOK_QUEUE_URL",
    "webhooks_allow_loopback_http": "WEBHOOKS_ALLOW_LOOPBACK_HTTP",
    "cursor_signing_key": "CURSOR_SIGNING_KEY",
    "personal_data_key_id": "PERSONAL_DATA_KEY_ID",
    "national_id_index_key": "NATIONAL_ID_INDEX_KEY",
    "self_declaration_retention_days": "SELF_DECLARATION_RETENTION_DAYS",
    "cursor_max_age_minutes": "CURSOR_MAX_AGE_MINUTES",
}


def table_name() -> str:
    try:
        return os.environ[ENVIRONMENT_NAMES["table_name"]]
    except KeyError:
        raise RuntimeError("TABLE_NAME is not set: every function of the template has it") from None
