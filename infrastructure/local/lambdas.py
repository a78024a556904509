"""Loads the handlers that template.yaml names and invokes them in this process, as Lambda would."""

from __future__ import annotations

import importlib.util
import sys
import threading
import uuid
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from infrastructure.local.template import ACCOUNT, REGION, Function, Template


@dataclass
class LambdaContext:
    function_name: str
    memory_limit_in_mb: int = 512
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    function_version: str = "$LATEST"
    log_group_name: str = "/aws/lambda/local"
    log_stream_name: str = "local"

    @property
    def invoked_function_arn(self) -> str:
        return f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{self.function_name}"

    def get_remaining_time_in_millis(self) -> int:
        return 10_000


class Lambdas:
    """Each function runs one event at a time, as one Lambda execution environment does: a handler module's state
    (Powertools' resolver keeps the current event on its `app`) is never shared by two requests at once. Different
    functions run side by side, as the browser's parallel requests do on AWS."""

    def __init__(self, template: Template):
        self.template = template
        self._modules: dict[str, ModuleType] = {}
        self._lock = threading.Lock()
        self._running: dict[str, threading.RLock] = {}

    def module(self, logical_id: str) -> ModuleType:
        with self._lock:
            if logical_id not in self._modules:
                self._modules[logical_id] = load_handler_module(self.template.functions[logical_id])
            return self._modules[logical_id]

    def invoke(self, logical_id: str, event: dict[str, Any]) -> Any:
        function = self.template.functions[logical_id]
        module = self.module(logical_id)
        handler = getattr(module, function.handler_name)
        with self._lock:
            environment = self._running.setdefault(module.__name__, threading.RLock())
        with environment:
            return handler(event, LambdaContext(function_name=logical_id))


def module_name(function: Function) -> str:
    relative = function.module_file.relative_to(function.code_uri.parents[1])
    return ".".join(relative.with_suffix("").parts)


def load_handler_module(function: Function) -> ModuleType:
    name = module_name(function)
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, function.module_file)
    if spec is None or spec.loader is None:
        raise ImportError(f"Cannot load {function.module_file}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
