"""Logger, Tracer and Metrics are created once, here, and shared by every entry point."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

logger = Logger()
tracer = Tracer()
metrics = Metrics()

Handler = Callable[[dict[str, Any], LambdaContext], dict[str, Any]]


def entrypoint(correlation_id_path: str = correlation_paths.API_GATEWAY_REST) -> Callable[[Handler], Handler]:
    """The decorator stack every Lambda entry point wears: settings validated, context logged, metrics flushed,
    the invocation traced."""
    from portal.settings import get_settings

    def decorate(handler: Handler) -> Handler:
        @wraps(handler)
        @logger.inject_lambda_context(correlation_id_path=correlation_id_path)
        @metrics.log_metrics
        @tracer.capture_lambda_handler(capture_response=False)
        def run(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
            get_settings()
            return handler(event, context)

        return run

    return decorate
