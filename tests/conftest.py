"""Shared fixtures: one embedded backend per test session, provisioned from template.yaml, with demo data."""

from __future__ import annotations

import os

os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")
os.environ.setdefault("POWERTOOLS_DEV", "false")

from collections.abc import Iterator

import pytest

from infrastructure.local.demo import DemoData, seed
from infrastructure.local.runtime import Runtime, start_runtime
from tests.support import ApiClient


@pytest.fixture(scope="session")
def runtime() -> Iterator[Runtime]:
    started = start_runtime(poll_queues=False)
    yield started
    started.stop()


@pytest.fixture(scope="session")
def demo(runtime: Runtime) -> DemoData:
    return seed()


@pytest.fixture
def api(runtime: Runtime, demo: DemoData) -> ApiClient:
    return ApiClient(runtime.gateway)
