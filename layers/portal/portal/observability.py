"""Logger, Tracer and Metrics are created once, here, and shared by every entry point."""

from __future__ import annotations

import traceback
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager
from functools import wraps
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.tracing.base import BaseProvider, BaseSegment
from aws_lambda_powertools.utilities.typing import LambdaContext


class _UntracedSegment(BaseSegment):
    def close(self, end_time: int | None = None) -> None:
        pass

    def add_subsegment(self, subsegment: Any) -> None:
        pass

    def remove_subsegment(self, subsegment: Any) -> None:
        pass

    def put_annotation(self, key: str, value: Any) -> None:
        pass

    def put_metadata(self, key: str, value: Any, namespace: str = "default") -> None:
        pass

    def add_exception(
        self, exception: BaseException, stack: list[traceback.StackSummary], remote: bool = False
    ) -> None:
        pass


class UntracedProvider(BaseProvider):
    """The Tracer's provider while tracing is off: it records nothing, and it spares the cold start the X-Ray SDK.

    Powertools' Tracer imports `aws_xray_sdk.core` whenever it is given no provider, even when it is disabled, and
    the SDK's recorder builds a botocore X-Ray client for its sampler on import (about 0.3 s outside Lambda).
    """

    @contextmanager
    def in_subsegment(self, name: str | None = None, **kwargs: Any) -> Iterator[BaseSegment]:
        yield _UntracedSegment()

    @asynccontextmanager
    async def in_subsegment_async(self, name: str | None = None, **kwargs: Any) -> AsyncIterator[BaseSegment]:
        yield _UntracedSegment()

    def put_annotation(self, key: str, value: Any) -> None:
        pass

    def put_metadata(self, key: str, value: Any, namespace: str = "default") -> None:
        pass

    def patch(self, modules: Sequence[str]) -> None:
        pass

    def patch_all(self) -> None:
        pass


def tracing_disabled() -> bool:
    """Powertools' own rule: off when POWERTOOLS_TRACE_DISABLED says so, outside Lambda, and under SAM local."""
    return bool(Tracer._is_tracer_disabled())


def _tracer() -> Tracer:
    if tracing_disabled():
        # Not `disabled=True`: Tracer switches the X-Ray SDK off by importing it. The provider records nothing.
        return Tracer(provider=UntracedProvider(), disabled=False, auto_patch=False)
    return Tracer()


logger = Logger()
tracer = _tracer()
metrics = Metrics()

Handler = Callable[[dict[str, Any], LambdaContext], dict[str, Any]]


def entrypoint(
    correlation_id_path: str = correlation_paths.API_GATEWAY_REST, *, validate_settings: bool = True
) -> Callable[[Handler], Handler]:
    """The decorator stack every Lambda entry point wears: settings validated, context logged, metrics flushed,
    the invocation traced.

    Only the authorizer passes `validate_settings=False`: it reads nothing but the table's name (checked by
    `portal.environment`), and validating the rest would load pydantic into every first request (decision 0007);
    the handler behind it validates them all.
    """

    def decorate(handler: Handler) -> Handler:
        @wraps(handler)
        @logger.inject_lambda_context(correlation_id_path=correlation_id_path)
        @metrics.log_metrics
        @tracer.capture_lambda_handler(capture_response=False)
        def run(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
            if validate_settings:
                from portal.settings import get_settings

                get_settings()
            return handler(event, context)

        return run

    return decorate
