"""One cold start, in the fresh process `make bench` starts for it: run as a script, never imported.

`python cold_start_probe.py <spec.json>` reads what to do, then times, as Lambda would pay for it on a cold start,
either a handler (loading its module from its file and serving one event) or a bare boto3 function (importing
boto3, creating a DynamoDB client and sending the same requests). It prints the seconds (wall clock, and this
process's CPU) and what was loaded as JSON. Only the standard library is imported before the clock starts, so both
sides pay for their own imports.
"""

import json
import sys
import time
import uuid
from pathlib import Path
from typing import Any


class LambdaContext:
    function_name = "cold-start"
    function_version = "$LATEST"
    memory_limit_in_mb = 512
    invoked_function_arn = "arn:aws:lambda:eu-north-1:123456789012:function:cold-start"
    log_group_name = "/aws/lambda/cold-start"
    log_stream_name = "cold-start"
    aws_request_id = str(uuid.uuid4())

    @staticmethod
    def get_remaining_time_in_millis() -> int:
        return 10_000


def serve(module_file: str, handler_name: str, event: dict[str, Any]) -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("handler_under_test", module_file)
    if spec is None or spec.loader is None:
        raise ImportError(module_file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, handler_name)(event, LambdaContext())


def bare(requests: list[tuple[str, dict[str, Any]]]) -> Any:
    import boto3

    client = boto3.client("dynamodb")
    return [getattr(client, operation)(**parameters) for operation, parameters in requests]


def main() -> None:
    spec = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    started, cpu_started = time.perf_counter(), time.process_time()
    if spec["kind"] == "handler":
        result = serve(spec["module_file"], spec["handler_name"], spec["event"])
    else:
        result = bare(spec["requests"])
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    outcome = (
        result.get("statusCode", "policy" if "policyDocument" in result else None) if isinstance(result, dict) else None
    )
    print(
        json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "outcome": outcome, "modules": sorted(sys.modules)})
    )


if __name__ == "__main__":
    main()
