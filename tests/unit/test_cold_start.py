"""Cold starts: what a fresh process loads when it imports an entry point (decision 0007).

Each test imports a handler module in a fresh interpreter, as Lambda does, and looks at `sys.modules` afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from infrastructure.local.template import ROOT, load_template

_LOADED_MODULES = """
import importlib, importlib.util, json, sys
spec = importlib.util.spec_from_file_location("handler_under_test", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
if len(sys.argv) > 2:  # and builds what its first request builds
    getattr(importlib.import_module("portal.wiring"), sys.argv[2])()
tracer = sys.modules["portal.observability"].tracer
print(json.dumps({"modules": sorted(sys.modules), "provider": type(tracer.provider).__name__}))
"""


def _import_in_fresh_process(logical_id: str, environment: dict[str, str], factory: str = "") -> dict[str, object]:
    function = load_template().functions[logical_id]
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("POWERTOOLS_", "LAMBDA_", "AWS_LAMBDA_", "AWS_SAM_", "AWS_CHALICE_"))
    }
    env.update({"PYTHONPATH": str(ROOT / "layers" / "portal"), "TABLE_NAME": "cold-start", **environment})
    done = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", _LOADED_MODULES, str(function.module_file), *([factory] if factory else [])],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    loaded: dict[str, object] = json.loads(done.stdout)
    return loaded


def _loaded(modules: object, *prefixes: str) -> list[str]:
    assert isinstance(modules, list)
    return [name for name in modules if name.split(".")[0] in prefixes or name.startswith(prefixes)]


def test_the_authorizer_loads_no_event_handler_and_no_xray_sdk_when_tracing_is_off() -> None:
    # Given tracing is off, When the authorizer's module is imported in a fresh process
    loaded = _import_in_fresh_process(load_template().authorizer_function, {"POWERTOOLS_TRACE_DISABLED": "true"})

    # Then neither the event handler (with its OpenAPI machinery), Powertools' event data classes nor the X-Ray SDK
    # was loaded
    unwanted = ("aws_lambda_powertools.event_handler", "aws_lambda_powertools.utilities.data_classes", "aws_xray_sdk")
    assert _loaded(loaded["modules"], *unwanted) == []


def test_the_authorizer_checks_sessions_without_loading_the_other_areas() -> None:
    # Given tracing is off, When the authorizer is imported and builds what checks a session
    environment = {"POWERTOOLS_TRACE_DISABLED": "true", "CURSOR_SIGNING_KEY": "a-key-only-this-test-uses-" * 2}
    loaded = _import_in_fresh_process(load_template().authorizer_function, environment, factory="session_check")

    # Then no other area's models or repositories were loaded (each costs pydantic schema building), nor the outbox
    others = ("portal.customers", "portal.contacts", "portal.objects", "portal.departments", "portal.registration")
    assert _loaded(loaded["modules"], *others, "portal.notifications", "portal.auth.service") == []
    assert _loaded(loaded["modules"], "portal.auth.sessions") == ["portal.auth.sessions"]
    # and none of pydantic (the principal travels as the JSON stored at login), argon2 or python-ulid
    assert _loaded(loaded["modules"], "pydantic", "pydantic_core", "argon2", "ulid", "portal.settings") == []


def test_a_handler_loads_no_xray_sdk_when_tracing_is_off() -> None:
    # Given tracing is off (as it is outside Lambda anyway), When an API handler's module is imported
    loaded = _import_in_fresh_process("GetCustomerFunction", {"POWERTOOLS_TRACE_DISABLED": "true"})

    # Then the X-Ray SDK was not loaded, and the Tracer records nothing
    assert _loaded(loaded["modules"], "aws_xray_sdk") == []
    assert loaded["provider"] == "UntracedProvider"


def test_tracing_on_in_lambda_still_uses_the_xray_recorder() -> None:
    # Given the Lambda environment with tracing on, When an entry point is imported
    loaded = _import_in_fresh_process(
        load_template().authorizer_function,
        {
            "LAMBDA_TASK_ROOT": str(ROOT),
            "AWS_LAMBDA_FUNCTION_NAME": "cold-start",
            "AWS_XRAY_CONTEXT_MISSING": "IGNORE_ERROR",
        },
    )

    # Then the Tracer traces through the X-Ray SDK, as on every entry point (STYLE #2)
    assert _loaded(loaded["modules"], "aws_xray_sdk.core")
    assert loaded["provider"] == "AsyncAWSXRayRecorder"


def test_the_day_it_is_in_a_country_loads_no_holiday_calendars() -> None:
    """Order and deposit histories date every row by the customer's day; only business-day rules need `holidays`."""
    code = (
        "import sys, datetime; from portal.business_days import local_date; from portal.money import Currency; "
        "local_date(datetime.datetime.now(datetime.UTC), Currency.SEK); print('holidays' in sys.modules)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "layers" / "portal")}
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True)  # noqa: S603
    assert done.stdout.strip() == "False"


def test_asking_for_a_pdf_loads_no_pdf_writer() -> None:
    """fpdf2 (with Pillow and fontTools) takes a third of a second to import: only the worker that renders needs it."""
    environment = {"POWERTOOLS_TRACE_DISABLED": "true", "CURSOR_SIGNING_KEY": "a-key-only-this-test-uses-" * 2}
    for function in ("RequestPrintoutFunction", "GetPrintoutFunction"):
        loaded = _import_in_fresh_process(function, environment, factory="printout_service")
        assert _loaded(loaded["modules"], "fpdf", "PIL", "fontTools", "portal.printouts.documents") == []
