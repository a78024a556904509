"""Cold starts: a fresh process importing a handler and serving its first request, against a fresh process with
a bare boto3 function (import boto3, create the client, send the same DynamoDB requests), both against the running
embedded backend.

The events are the ones the local gateway really built for an API request (the authorizer's and the handler's),
and the bare function replays exactly the DynamoDB requests that handler made, captured on the way.
"""

from __future__ import annotations

import copy
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest.mock import patch

from botocore import xform_name

from infrastructure.local.runtime import Runtime
from infrastructure.local.template import ROOT
from portal.store import dynamodb_client
from tests.support import ApiClient

PROBE = Path(__file__).with_name("cold_start_probe.py")
FLOOR = Path(__file__).with_name("convention_floor.py")
RUNS = int(os.environ.get("BENCH_COLD_STARTS", "7"))
TARGET = 1.5


@dataclass
class Invocation:
    function: str
    event: dict[str, Any]
    requests: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


@dataclass(frozen=True)
class ColdStart:
    name: str
    handler_seconds: float
    bare_seconds: float
    handler_cpu_seconds: float
    bare_cpu_seconds: float
    requests: int

    @property
    def ratio(self) -> float:
        return self.handler_seconds / self.bare_seconds

    @property
    def cpu_ratio(self) -> float:
        return self.handler_cpu_seconds / self.bare_cpu_seconds


@contextmanager
def recording(runtime: Runtime) -> Iterator[list[Invocation]]:
    """Records each Lambda invocation the gateway makes, with the DynamoDB requests made while it runs."""
    invocations: list[Invocation] = []
    invoke = runtime.lambdas.invoke

    def record_invocation(logical_id: str, event: dict[str, Any]) -> Any:
        invocations.append(Invocation(logical_id, copy.deepcopy(event)))
        return invoke(logical_id, event)

    def record_request(params: dict[str, Any], model: Any, **_: Any) -> None:
        invocations[-1].requests.append((xform_name(model.name), copy.deepcopy(params)))

    events = dynamodb_client().meta.events
    events.register("provide-client-params.dynamodb", record_request, unique_id="cold-start-recorder")
    try:
        with patch.object(runtime.lambdas, "invoke", record_invocation):
            yield invocations
    finally:
        events.unregister("provide-client-params.dynamodb", unique_id="cold-start-recorder")


def probe(spec: dict[str, Any], directory: Path) -> dict[str, Any]:
    spec_file = directory / f"{spec['kind']}.json"
    spec_file.write_text(json.dumps(spec), encoding="utf-8")
    # As on Lambda: the layer on the path, byte-compiled modules (this machine disables writing them by default).
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT / "layers" / "portal")
    # Its warnings (Powertools' "no metrics to publish") are the handler's business, not the figures'.
    done = subprocess.run(  # noqa: S603
        [sys.executable, str(PROBE), str(spec_file)], env=env, cwd=ROOT, text=True, capture_output=True, check=False
    )
    if done.returncode:
        raise RuntimeError(f"cold-start probe failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def measure(name: str, module_file: Path, handler_name: str, invocation: Invocation) -> ColdStart:
    handler_spec: dict[str, Any] = {
        "kind": "handler",
        "module_file": str(module_file),
        "handler_name": handler_name,
        "event": invocation.event,
    }
    bare_spec: dict[str, Any] = {"kind": "bare", "requests": invocation.requests}
    handler_runs: list[dict[str, Any]] = []
    bare_runs: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as temporary:
        directory = Path(temporary)
        served = probe(handler_spec, directory)  # warm-up: byte-compiles what the handler loads
        assert served["outcome"] in (200, "policy"), (name, served["outcome"])
        probe(bare_spec, directory)
        for run in range(RUNS):
            # Alternating the order keeps a busy moment of the machine from favouring one side.
            order = [(handler_spec, handler_runs), (bare_spec, bare_runs)]
            for spec, runs in order if run % 2 == 0 else reversed(order):
                runs.append(probe(spec, directory))
    return ColdStart(
        name,
        handler_seconds=statistics.median(run["seconds"] for run in handler_runs),
        bare_seconds=statistics.median(run["seconds"] for run in bare_runs),
        handler_cpu_seconds=statistics.median(run["cpu_seconds"] for run in handler_runs),
        bare_cpu_seconds=statistics.median(run["cpu_seconds"] for run in bare_runs),
        requests=len(invocation.requests),
    )


def measure_function(name: str, runtime: Runtime, invocation: Invocation) -> ColdStart:
    function = runtime.lambdas.template.functions[invocation.function]
    return measure(name, function.module_file, function.handler_name, invocation)


def cold_starts(runtime: Runtime, api: ApiClient, token: str, paths: dict[str, str]) -> list[ColdStart]:
    """The authorizer (from the first request) and the handler of each path, each against its bare function."""
    figures: list[ColdStart] = []
    authorizer = runtime.lambdas.template.authorizer_function
    for name, path in paths.items():
        with recording(runtime) as invocations:
            reply = api.get(path, token=token)
        assert reply.status == 200, (path, reply.body)
        if not figures:
            first = next(i for i in invocations if i.function == authorizer)
            figures.append(measure_function("authorizer", runtime, first))
        figures.append(measure_function(name, runtime, next(i for i in invocations if i.function != authorizer)))
    return figures


def convention_floor(runtime: Runtime, api: ApiClient, token: str, customer_id: str) -> ColdStart:
    """GET /customers/{id} served by `convention_floor.py`: the house's entry point, resolver and one pydantic
    model, no domain code. What no change to the portal's own code can go below."""
    with recording(runtime) as invocations:
        reply = api.get(f"/customers/{customer_id}", token=token)
    assert reply.status == 200, reply.body
    invocation = next(i for i in invocations if i.function != runtime.lambdas.template.authorizer_function)
    return measure("conventions alone (GET one item)", FLOOR, "handler", invocation)


def print_cold_starts(figures: list[ColdStart]) -> None:
    header = (
        f"{'cold start (import + first request)':<36} {'DDB requests':>12} {'handler':>9} {'bare boto3':>10} "
        f"{'ratio':>6} {'target':>7} {'CPU ratio':>10}"
    )
    print(header)
    print("-" * len(header))
    for figure in figures:
        verdict = "ok" if figure.ratio <= TARGET else "over"
        print(
            f"{figure.name:<36} {figure.requests:>12} {figure.handler_seconds * 1000:>7.0f}ms "
            f"{figure.bare_seconds * 1000:>8.0f}ms {figure.ratio:>6.2f} {verdict:>7} {figure.cpu_ratio:>10.2f}"
        )
    print(
        f"\n(each a fresh process against the running backend, tracing off as locally, median of {RUNS} runs; the "
        "bare function imports boto3, creates a DynamoDB client and sends the same requests; the ratio is of "
        f"wall-clock time, target <= {TARGET}; the CPU ratio, of the process's own CPU time, moves less when the "
        "machine is busy; 'conventions alone' is benchmarks/convention_floor.py)\n"
    )
