"""SQS as the workers use it: a message whose work failed comes back later, after a delay the worker chooses."""

from __future__ import annotations

from portal.observability import logger

# SQS's longest visibility timeout.
LONGEST_DELAY_SECONDS = 12 * 3600


def retry_later(receipt_handle: str, queue_url: str, seconds: int) -> None:
    """The message becomes visible again after `seconds` (a growing delay between tries). If SQS cannot be told,
    the retry comes after the queue's own visibility timeout instead."""
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        boto3.client("sqs").change_message_visibility(
            QueueUrl=queue_url, ReceiptHandle=receipt_handle, VisibilityTimeout=min(seconds, LONGEST_DELAY_SECONDS)
        )
    except (BotoCoreError, ClientError):
        logger.exception("could not delay the message's retry")
