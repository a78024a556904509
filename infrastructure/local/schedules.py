"""Scheduled functions (EventBridge Scheduler on AWS) run on demand: the local runtime keeps no clock of its own.
Tests freeze time and call `run`; under `make run`, POST /dev/schedules/<function> runs one now."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from werkzeug.wrappers import Request, Response

from infrastructure.local.lambdas import Lambdas
from infrastructure.local.template import Template


def run(template: Template, lambdas: Lambdas, function: str) -> Any:
    """Invokes the function with the event the scheduler would send."""
    if function not in template.schedules:
        raise KeyError(f"{function} runs on no schedule")
    event = {
        "id": str(uuid.uuid4()),
        "source": "aws.scheduler",
        "detail-type": "Scheduled Event",
        "time": datetime.now(UTC).isoformat(),
        "detail": {},
    }
    return lambdas.invoke(function, event)


def respond(request: Request, template: Template, lambdas: Lambdas) -> Response:
    """GET lists the schedules; POST /dev/schedules/<function> runs one and answers what it returned."""
    name = request.path.removeprefix("/dev/schedules").strip("/")
    if request.method == "POST" and name in template.schedules:
        result = run(template, lambdas, name)
        return Response(json.dumps({"function": name, "result": result}), content_type="application/json")
    if request.method == "GET" and not name:
        return Response(json.dumps(template.schedules, indent=2), content_type="application/json")
    return Response(json.dumps({"error": "no such schedule"}), status=404, content_type="application/json")
