"""Reads template.yaml and its area stacks: the local runtime's only source for functions, routes, queues, tables.

The root template nests one stack per area (stacks/*.yaml). Locally they are read as one flattened template: each
area's resources join the root's, its parameters replaced by what the root passes in and its outputs by what they
name, so that CloudFormation intrinsics resolve against the physical names the local backend gives each resource.
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
    """One template file as written (no nested stack read)."""
    with path.open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = yaml.load(handle, Loader=_CfnLoader)  # noqa: S506 - SafeLoader subclass
    return loaded


def nested_stack_paths(path: Path = TEMPLATE_PATH) -> dict[str, Path]:
    """The area stacks the root template nests, by their logical id in the root."""
    return {
        logical_id: path.parent / resource["Properties"]["Location"]
        for logical_id, resource in load_raw(path)["Resources"].items()
        if resource["Type"] == "AWS::Serverless::Application"
    }


def load_flattened(path: Path = TEMPLATE_PATH) -> dict[str, Any]:
    """The root template with every area stack's resources in it, as if the whole system were one stack."""
    root = load_raw(path)
    resources: dict[str, Any] = {}
    outputs: dict[tuple[str, str], Any] = {}
    for logical_id, resource in root["Resources"].items():
        if resource["Type"] != "AWS::Serverless::Application":
            resources[logical_id] = resource
            continue
        area_path = path.parent / resource["Properties"]["Location"]
        area = load_raw(area_path)
        given = _given_parameters(area, resource["Properties"].get("Parameters", {}), logical_id)
        global_variables = area.get("Globals", {}).get("Function", {}).get("Environment", {}).get("Variables", {})
        for area_id, area_resource in area["Resources"].items():
            if area_id in root["Resources"] or area_id in resources:
                raise ValueError(f"{area_id} in {logical_id} has the name of another resource; names must be unique")
            bound = _bind(area_resource, given)
            for uri in ("CodeUri", "DefinitionUri"):  # relative to the area's file; made relative to the root's
                if isinstance(bound.get("Properties", {}).get(uri), str):
                    located = (area_path.parent / bound["Properties"][uri]).resolve()
                    relative = located.relative_to(path.parent.resolve()).as_posix()
                    bound["Properties"][uri] = relative + "/" * located.is_dir()
            if bound["Type"] == "AWS::Serverless::Function":
                # The area's Globals apply to its functions only, so they travel with each function.
                own = bound["Properties"].get("Environment", {}).get("Variables", {})
                bound["Properties"]["Environment"] = {"Variables": {**_bind(global_variables, given), **own}}
            resources[area_id] = bound
        for name, output in area.get("Outputs", {}).items():
            outputs[(logical_id, f"Outputs.{name}")] = _bind(output["Value"], given)
    flattened: dict[str, Any] = {**root, "Resources": _replace_outputs(resources, outputs)}
    return flattened


def _given_parameters(area: dict[str, Any], given: dict[str, Any], stack: str) -> dict[str, Any]:
    values = {}
    for name, spec in area.get("Parameters", {}).items():
        if name in given:
            values[name] = given[name]
        elif "Default" in spec:
            values[name] = spec["Default"]
        else:
            raise ValueError(f"The root template does not pass {name} to {stack}")
    return values


def _as_sub(value: Any) -> str:
    """What `${...}` in a Fn::Sub string becomes when it stands for `value`."""
    if isinstance(value, str):
        return value
    if "Ref" in value:
        return f"${{{value['Ref']}}}"
    if "Fn::GetAtt" in value:
        return f"${{{'.'.join(value['Fn::GetAtt'])}}}"
    raise ValueError(f"Cannot substitute {value} into a Fn::Sub string")


def _bind(value: Any, given: dict[str, Any]) -> Any:
    """Replaces an area template's parameters by the expressions the root template passes for them."""
    if isinstance(value, list):
        return [_bind(item, given) for item in value]
    if not isinstance(value, dict):
        return value
    if set(value) == {"Ref"} and value["Ref"] in given:
        return given[value["Ref"]]
    if set(value) == {"Fn::Sub"} and isinstance(value["Fn::Sub"], str):
        text = re.sub(
            r"\$\{(\w+)\}",
            lambda match: _as_sub(given[match.group(1)]) if match.group(1) in given else match.group(0),
            value["Fn::Sub"],
        )
        return {"Fn::Sub": text}
    return {name: _bind(inner, given) for name, inner in value.items()}


def _replace_outputs(value: Any, outputs: dict[tuple[str, str], Any]) -> Any:
    """Replaces `!GetAtt Area.Outputs.Name` (and `${Area.Outputs.Name}`) by what the area's output names."""
    if isinstance(value, list):
        return [_replace_outputs(item, outputs) for item in value]
    if not isinstance(value, dict):
        return value
    if set(value) == {"Fn::GetAtt"} and tuple(value["Fn::GetAtt"]) in outputs:
        return outputs[tuple(value["Fn::GetAtt"])]
    if set(value) == {"Fn::Sub"} and isinstance(value["Fn::Sub"], str):

        def output(match: re.Match[str]) -> str:
            stack, _, name = match.group(1).partition(".")
            return _as_sub(outputs[(stack, name)]) if (stack, name) in outputs else match.group(0)

        return {"Fn::Sub": re.sub(r"\$\{(\w+\.Outputs\.\w+)\}", output, value["Fn::Sub"])}
    return {name: _replace_outputs(inner, outputs) for name, inner in value.items()}


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
    # Functions run on a schedule (EventBridge Scheduler), by the expression they run at.
    schedules: dict[str, str] = field(default_factory=dict)

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
    raw = load_flattened(path)
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
            if event["Type"] == "SQS":
                queue_ref = event_properties["Queue"]["Fn::GetAtt"][0]
                template.queue_sources.append(
                    QueueSource(
                        function=logical_id, queue=queue_ref, batch_size=int(event_properties.get("BatchSize", 10))
                    )
                )
            elif event["Type"] == "DynamoDB":
                template.stream_sources.append(_stream_source(logical_id, event_properties))
            elif event["Type"] in {"Schedule", "ScheduleV2"}:
                template.schedules[logical_id] = str(event_properties["ScheduleExpression"])
    template.routes.extend(_routes(template))
    return template


# The function an integration invokes, in `uri: !Sub ".../functions/${Area.Outputs.XFunction}/invocations"` once
# the area's output is replaced by what it names (`${XFunction.Arn}`).
_INTEGRATION_FUNCTION = re.compile(r"/functions/\$\{(\w+)\.Arn\}/invocations$")
_PUBLIC: list[dict[str, list[str]]] = [{"NONE": []}]  # SAM's way of saying "no authorizer" for one method


def _routes(template: Template) -> list[Route]:
    api = next(iter(template.resources_of("AWS::Serverless::Api").values()))["Properties"]
    routes = []
    for path, methods in api["DefinitionBody"]["paths"].items():
        for method, operation in methods.items():
            uri = operation["x-amazon-apigateway-integration"]["uri"]["Fn::Sub"]
            match = _INTEGRATION_FUNCTION.search(uri)
            if match is None or match.group(1) not in template.functions:
                raise ValueError(f"{method.upper()} {path} does not invoke a function of the template: {uri}")
            public = operation.get("security") == _PUBLIC
            routes.append(Route(method=method.upper(), path=path, function=match.group(1), public=public))
    return routes


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
