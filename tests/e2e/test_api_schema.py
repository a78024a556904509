"""schemathesis generates requests for every operation of openapi.json and sends them through the local gateway
(the same WSGI app `make run` serves), logged in as an administrator and as a customer's portal user: valid
requests and invalid ones. No answer may be a server error, and every answer must be one the document itself
describes: its status code, content type and body schema. The figures are printed at the end of the run
(`pytest -s tests/e2e/test_api_schema.py`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.generation import GenerationMode

from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from infrastructure.openapi import load_committed_document
from tests.support import ApiClient

pytestmark = pytest.mark.e2e

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
PRINCIPALS = {"admin": "anne.admin@kundeportal.example", "kari.nordmann@nordlys.no": "kari.nordmann@nordlys.no"}
# Enough to reach each operation's parameters and bodies in valid and invalid shapes, in about two minutes.
EXAMPLES_PER_OPERATION = 25
# Logging out would end the sessions every other request uses; its answers are tested in test_login.py.
LEFT_OUT = {"POST /auth/logout"}
DOCUMENT = load_committed_document() or {}
OPERATIONS = sorted(f"{method.upper()} {path}" for path, item in DOCUMENT.get("paths", {}).items() for method in item)
FIGURES: Counter[str] = Counter()
FUZZER_ADDRESS = "192.0.2.80"  # TEST-NET-1: documentation addresses, never a real client


@pytest.fixture(scope="module")
def api_schema(runtime: Runtime, demo: DemoData) -> Any:
    return schemathesis.openapi.from_wsgi("/openapi.json", runtime.gateway)


@pytest.fixture(scope="module")
def sessions(runtime: Runtime, demo: DemoData) -> dict[str, str]:
    client = ApiClient(runtime.gateway)
    return {username: client.login(username, email=email) for username, email in PRINCIPALS.items()}


@pytest.fixture(scope="module", autouse=True)
def report() -> Iterator[None]:
    yield
    print(
        f"\nschemathesis: {FIGURES['operations']} operations, {FIGURES['requests']} requests, "
        f"{FIGURES['server_errors']} server errors, {FIGURES['failures']} answers outside the document "
        f"({FIGURES['without_invalid_input']} operations accept every input, so have no invalid request)"
    )


@pytest.mark.parametrize("label", [label for label in OPERATIONS if label not in LEFT_OUT])
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_every_answer_is_one_the_document_describes(
    api_schema: Any, sessions: dict[str, str], label: str, mode: GenerationMode
) -> None:
    operation = api_schema.find_operation_by_label(label)
    FIGURES["operations"] += mode is GenerationMode.POSITIVE

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        derandomize=True,  # the same requests on every run, in CI too
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def answers(case: Any) -> None:
        for token in sessions.values():
            # From an address of its own: the thousands of requests must not use up the rate limits (forgotten
            # passwords per address) of the tests that run after it from 127.0.0.1.
            response = case.call(
                headers={"Cookie": f"kp_session={token}"}, environ_base={"REMOTE_ADDR": FUZZER_ADDRESS}
            )
            FIGURES["requests"] += 1
            FIGURES["server_errors"] += response.status_code >= 500
            try:
                case.validate_response(response, checks=CHECKS)
            except Exception:
                FIGURES["failures"] += 1
                raise

    try:
        answers()
    except Unsatisfiable:
        # An operation whose every input is valid (free-text path ids, no body) has no invalid request to send.
        assert mode is GenerationMode.NEGATIVE
        FIGURES["without_invalid_input"] += 1
