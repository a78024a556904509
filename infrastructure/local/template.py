"""Reads template.yaml: the local runtime's only source for functions, routes, queues, tables and buckets.

CloudFormation intrinsics are resolved against the physical names the local backend gives each resource.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_PATH = ROOT / "template.yaml"
REGION = "eu-north-1"
ACCOUNT = "123456789012"


class _CfnLoader(yaml.SafeLoader):
    """YAML loader that understands CloudFormation's short-form tags (!Ref, !GetAtt, !Sub, ...)."""


def _construct_tag(loader: yaml.SafeLoader, tag_suffix: str, node: yaml.Node) -> dict[str, Any]:
    name = "Ref" if tag_suffix == "Ref" else f"Fn::{tag_suffix}"
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
        if tag_suffix == "GetAtt":
            value = str(value).split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return {name: value}


_CfnLoader.add_multi_constructor("!", _construct_tag)


def load_raw(path: Path = TEMPLATE_PATH) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = yaml.load(handle, Loader=_CfnLoader)  # noqa: S506 - SafeLoader subclass
    return loaded


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    function: str
    public: bool


@dataclass(frozen=True)
class QueueSource:
    function: str
    queue: str
    batch_size: int


@dataclass(frozen=True)
class StreamSource:
    """A DynamoDB Streams event source mapping, with the delivery rules Lambda applies to it."""

    function: str
    table: str
    batch_size: int
    maximum_retry_attempts: int
    filter_patterns: tuple[str, ...]
    on_failure_queue: str | None


@dataclass(frozen=True)
class Function:
    logical_id: str
    code_uri: Path
    handler: str
    environment: dict[str, Any]

    @property
    def module_file(self) -> Path:
        return self.code_uri / f"{self.handler.rsplit('.', 1)[0]}.py"

    @property
    def handler_name(self) -> str:
        return self.handler.rsplit(".", 1)[1]


@dataclass
class Template:
    raw: dict[str, Any]
    functions: dict[str, Function] = field(default_factory=dict)
    routes: list[Route] = field(default_factory=list)
    queue_sources: list[QueueSource] = field(default_factory=list)
    stream_sources: list[StreamSource] = field(default_factory=list)

    def resources_of(self, *types: str) -> dict[str, dict[str, Any]]:
        return {name: resource for name, resource in self.raw["Resources"].items() if resource["Type"] in types}

    @property
    def authorizer_function(self) -> str:
        api = next(iter(self.resources_of("AWS::Serverless::Api").values()))
        auth = api["Properties"]["Auth"]
        authorizer = auth["Authorizers"][auth["DefaultAuthorizer"]]
        logical_id: str = authorizer["FunctionArn"]["Fn::GetAtt"][0]
        return logical_id

    @property
    def authorizer_identity_headers(self) -> list[str]:
        api = next(iter(self.resources_of("AWS::Serverless::Api").values()))
        auth = api["Properties"]["Auth"]
        headers: list[str] = auth["Authorizers"][auth["DefaultAuthorizer"]].get("Identity", {}).get("Headers", [])
        return headers

    @property
    def gateway_responses(self) -> dict[str, dict[str, Any]]:
        api = next(iter(self.resources_of("AWS::Serverless::Api").values()))
        responses: dict[str, dict[str, Any]] = api["Properties"].get("GatewayResponses", {})
        return responses

    def parameter_defaults(self) -> dict[str, str]:
        return {name: str(spec.get("Default", "")) for name, spec in self.raw.get("Parameters", {}).items()}


def load_template(path: Path = TEMPLATE_PATH) -> Template:
    raw = load_raw(path)
    template = Template(raw=raw)
    global_env = raw.get("Globals", {}).get("Function", {}).get("Environment", {}).get("Variables", {})
    for logical_id, resource in template.resources_of("AWS::Serverless::Function").items():
        properties = resource["Properties"]
        environment = {**global_env, **properties.get("Environment", {}).get("Variables", {})}
        template.functions[logical_id] = Function(
            logical_id=logical_id,
            code_uri=ROOT / properties["CodeUri"],
            handler=properties["Handler"],
            environment=environment,
        )
        for event in properties.get("Events", {}).values():
            event_properties = event.get("Properties", {})
            if event["Type"] == "Api":
                public = event_properties.get("Auth", {}).get("Authorizer") == "NONE"
                template.routes.append(
                    Route(
                        method=event_properties["Method"].upper(),
                        path=event_properties["Path"],
                        function=logical_id,
                        public=public,
                    )
                )
            elif event["Type"] == "SQS":
                queue_ref = event_properties["Queue"]["Fn::GetAtt"][0]
                template.queue_sources.append(
                    QueueSource(
                        function=logical_id, queue=queue_ref, batch_size=int(event_properties.get("BatchSize", 10))
                    )
                )
            elif event["Type"] == "DynamoDB":
                template.stream_sources.append(_stream_source(logical_id, event_properties))
    return template


def _stream_source(function: str, properties: dict[str, Any]) -> StreamSource:
    on_failure = properties.get("DestinationConfig", {}).get("OnFailure", {}).get("Destination")
    return StreamSource(
        function=function,
        table=properties["Stream"]["Fn::GetAtt"][0],
        batch_size=int(properties.get("BatchSize", 100)),
        # Lambda's default is to retry until the record expires (-1); locally that would never end.
        maximum_retry_attempts=int(properties.get("MaximumRetryAttempts", 3)),
        filter_patterns=tuple(item["Pattern"] for item in properties.get("FilterCriteria", {}).get("Filters", [])),
        on_failure_queue=on_failure["Fn::GetAtt"][0] if on_failure else None,
    )


@dataclass
class PhysicalNames:
    """What each logical resource is called in the local backend, and how intrinsics resolve against it."""

    stack: str
    refs: dict[str, str] = field(default_factory=dict)
    attributes: dict[tuple[str, str], str] = field(default_factory=dict)
    parameters: dict[str, str] = field(default_factory=dict)
    # Secret values by the secret's id (its Ref), standing in for Secrets Manager in dynamic references.
    secrets: dict[str, str] = field(default_factory=dict)

    def resolve(self, value: Any) -> Any:
        if isinstance(value, str):
            return self._dynamic_references(value)
        if isinstance(value, list):
            return [self.resolve(item) for item in value]
        if not isinstance(value, Mapping):
            return value
        if "Ref" in value:
            name = value["Ref"]
            if name in self.parameters:
                return self.parameters[name]
            if name == "AWS::Region":
                return REGION
            if name == "AWS::AccountId":
                return ACCOUNT
            return self.refs[name]
        if "Fn::GetAtt" in value:
            logical_id, attribute = value["Fn::GetAtt"]
            return self.attributes[(logical_id, attribute)]
        if "Fn::Sub" in value:
            substituted = re.sub(r"\$\{([^}]+)\}", lambda match: self._sub(match.group(1)), value["Fn::Sub"])
            return self._dynamic_references(substituted)
        return {name: self.resolve(inner) for name, inner in value.items()}

    def _dynamic_references(self, text: str) -> str:
        """`{{resolve:secretsmanager:<id>:SecretString}}`, as CloudFormation resolves it when the stack deploys."""

        def secret(match: re.Match[str]) -> str:
            secret_id, _, rest = match.group(1).partition(":SecretString")
            if rest.strip(":") or secret_id not in self.secrets:
                raise ValueError(f"The local runtime cannot resolve {match.group(0)}")
            return self.secrets[secret_id]

        return re.sub(r"\{\{resolve:secretsmanager:([^}]+)\}\}", secret, text)

    def _sub(self, expression: str) -> str:
        if "." in expression:
            logical_id, attribute = expression.split(".", 1)
            return self.attributes[(logical_id, attribute)]
        return str(self.resolve({"Ref": expression}))
