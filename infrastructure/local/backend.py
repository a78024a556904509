"""The embedded AWS backend: moto in this process, with every resource created from template.yaml."""

from __future__ import annotations

import copy
import inspect
import json
import logging
import os
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import requests
from moto.server import ThreadedMotoServer

from infrastructure.local.template import ACCOUNT, REGION, ROOT, PhysicalNames, Template, load_template

STACK = "kundeportal-local"

_DYNAMODB_WRITES = ("put_item", "update_item", "delete_item", "transact_write_items")
dynamodb_write_lock = threading.RLock()


def _make_dynamodb_writes_atomic() -> None:
    """DynamoDB checks a condition and writes as one step; moto's threaded server does not, so two racing
    conditional writes could both succeed locally. One lock around moto's writes restores AWS's guarantee."""
    from moto.dynamodb.models import DynamoDBBackend

    if not getattr(DynamoDBBackend.transact_write_items, "_serialised", False):
        DynamoDBBackend.transact_write_items = _transact_write_items_with_an_undo_log  # type: ignore[method-assign]
    for name in _DYNAMODB_WRITES:
        original = getattr(DynamoDBBackend, name)
        if getattr(original, "_serialised", False):
            continue

        def serialised(self: Any, *args: Any, _original: Any = original, **kwargs: Any) -> Any:
            with dynamodb_write_lock:
                return _original(self, *args, **kwargs)

        serialised._serialised = True  # type: ignore[attr-defined]
        setattr(DynamoDBBackend, name, serialised)


# The table and partition the Query running on this thread reads (moto answers each request on a thread of its own).
_querying = threading.local()


def _make_queries_read_their_partition() -> None:
    """moto answers a Query by sorting every item of the table and then keeping one partition's (or, on an index, the
    items with its key): the cost grew with everything written before, 0.2 s a Query at 10 000 items and 0.7 s at
    30 000, the most of a long test run's time. Here a table Query reads its own partition only, and an index Query
    filters the items unsorted; moto sorts what it keeps, as before, so answers and pages stay the same."""
    from moto.dynamodb.models.table import Table

    if getattr(Table.query, "_reads_its_partition", False):
        return
    query, all_items = Table.query, Table.all_items
    # Where the index and the partition come, by position (moto's backend passes them so), read from moto itself.
    parameters = list(inspect.signature(query).parameters)[1:]  # after self
    if parameters[0] != "hash_key":
        raise RuntimeError(f"moto's Table.query takes {parameters}: read_their_partition needs a look")
    index_position = parameters.index("index_name")

    def query_one_partition(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            index_name = kwargs.get("index_name", args[index_position] if len(args) > index_position else None)
            _querying.table = id(self)
            _querying.partition = None if index_name else (args[0] if args else kwargs["hash_key"])
            return query(self, *args, **kwargs)
        finally:
            _querying.table = _querying.partition = None

    def items_the_query_reads(self: Any) -> Any:
        if getattr(_querying, "table", None) != id(self):
            return all_items(self)  # a Scan pages through the sorted table
        if _querying.partition is None:  # an index: every item, unsorted
            stored = list(self.items.values())
        else:
            found = self.items.get(_querying.partition)  # .get: the items are a defaultdict
            stored = [found] if found is not None else []
        if self.range_key_attr is None:
            return stored
        return [item for partition in stored for item in list(partition.values())]

    query_one_partition._reads_its_partition = True  # type: ignore[attr-defined]
    Table.query = query_one_partition  # type: ignore[method-assign]
    Table.all_items = items_the_query_reads  # type: ignore[method-assign]


class _ConditionFailed(Exception):
    def __init__(self, item: dict[str, Any] | None) -> None:
        super().__init__("The conditional request failed")
        self.item = item


class _UndoLog:
    """What a transaction wrote so far: each item as it was before, and how long each table's stream was."""

    def __init__(self, backend: Any) -> None:
        self.backend = backend
        self.items: list[tuple[Any, Any, Any, Any]] = []  # (table, hash key, range key, the item before, or None)
        self.stream_lengths: dict[str, int] = {}

    def table(self, name: str) -> Any:
        table = self.backend.get_table(name)
        if table.stream_shard is not None and name not in self.stream_lengths:
            self.stream_lengths[name] = len(table.stream_shard.items)
        return table

    def remember(self, table: Any, key: dict[str, Any], before: Any) -> None:
        hash_key, range_key = self.backend.get_keys_value(table, key)
        self.items.append((table, hash_key, range_key, copy.deepcopy(before)))

    def roll_back(self) -> None:
        for table, hash_key, range_key, before in reversed(self.items):
            stored = table.items if range_key is None else table.items[hash_key]
            place = hash_key if range_key is None else range_key
            if before is None:
                stored.pop(place, None)
            else:
                stored[place] = before
        for name, length in self.stream_lengths.items():
            del self.backend.tables[name].stream_shard.items[length:]


def _transact_one(
    backend: Any, op_type: str, op: dict[str, Any], undo: _UndoLog, targets: set[tuple[str, str]]
) -> None:
    """One item of a transaction, as moto does it, remembering what it overwrites."""
    from moto.dynamodb.comparisons import get_filter_expression
    from moto.dynamodb.exceptions import MultipleTransactionsException

    if op_type not in {"ConditionCheck", "Put", "Delete", "Update"}:
        raise ValueError("Unsupported transaction operation")
    table_name = op["TableName"]
    table = undo.table(table_name)
    if op_type == "Put":
        key = {table.hash_key_attr: op["Item"][table.hash_key_attr]}
        if table.range_key_attr is not None:
            key[table.range_key_attr] = op["Item"][table.range_key_attr]
    else:
        key = op["Key"]
    target = (str(table_name), str(dict(sorted(key.items()))))
    if target in targets:
        raise MultipleTransactionsException()
    targets.add(target)
    current = backend.get_item(table_name, key)
    condition = op.get("ConditionExpression")
    arguments = {
        "condition_expression": condition,
        "expression_attribute_names": op.get("ExpressionAttributeNames"),
        "expression_attribute_values": op.get("ExpressionAttributeValues"),
    }
    if condition is not None:
        check = get_filter_expression(
            condition, arguments["expression_attribute_names"], arguments["expression_attribute_values"]
        )
        if not check.expr(current):
            wants_item = op.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD" and current
            raise _ConditionFailed(current.to_json()["Attributes"] if wants_item else None)
    if op_type == "ConditionCheck":
        return
    undo.remember(table, key, current)
    if op_type == "Put":
        backend.put_item(table_name, op["Item"], **arguments)
    elif op_type == "Delete":
        backend.delete_item(table_name, key, **arguments)
    else:
        backend.update_item(table_name, key, update_expression=op["UpdateExpression"], **arguments)


def _transact_write_items_with_an_undo_log(self: Any, transact_items: list[dict[str, Any]]) -> None:
    """moto's transaction, rolled back from the items it touched instead of a copy of every table it names.

    moto deep-copies each table once per transaction item before writing (the stream records included), so a
    transaction's cost grew with everything ever written: most of the test suite's time and memory. This keeps
    moto's checks, errors and order of work, and on a failure puts back the items written and the stream records
    added; the table objects stay the same, so whoever holds one (the stream poller) keeps seeing it."""
    from moto.dynamodb.exceptions import (
        ConditionalCheckFailed,
        MockValidationException,
        TooManyTransactionsException,
        TransactionCanceledException,
        TransactWriteSingleOpException,
    )

    if len(transact_items) > 100:
        raise TooManyTransactionsException()
    undo = _UndoLog(self)
    targets: set[tuple[str, str]] = set()
    reasons: list[tuple[str | None, str | None, dict[str, Any] | None]] = []
    for item in transact_items:
        if len(item) > 1:
            raise TransactWriteSingleOpException
        op_type, op = next(iter(item.items()))
        try:
            _transact_one(self, op_type, op, undo, targets)
            reasons.append((None, None, None))
        except MockValidationException:
            undo.roll_back()
            raise
        except _ConditionFailed as failed:
            reasons.append(("ConditionalCheckFailed", str(failed), failed.item))
        except ConditionalCheckFailed as error:
            reasons.append(("ConditionalCheckFailed", str(error.message), None))
        except Exception as error:  # noqa: BLE001 - moto reports any other failure as that item's cancellation reason
            reasons.append((type(error).__name__, str(error), None))
    if any(code is not None for code, _, _ in reasons):
        undo.roll_back()
        raise TransactionCanceledException(reasons)


@dataclass
class Backend:
    server: ThreadedMotoServer
    endpoint: str
    template: Template
    names: PhysicalNames

    def stop(self) -> None:
        # Executions still waiting for a callback fail noisily once the server is gone; that is expected here.
        logging.getLogger("moto.stepfunctions").setLevel(logging.CRITICAL)
        logging.getLogger("moto.stepfunctions.parser").disabled = True
        self.server.stop()

    def reset(self) -> None:
        """Empties every resource and creates them again: a clean backend for the next test."""
        requests.post(f"{self.endpoint}/moto-api/reset", timeout=10)
        _configure_step_functions(self.endpoint)
        provision(self.template, self.names)


def start_backend(
    *,
    port: int = 0,
    template: Template | None = None,
    parameters: dict[str, str] | None = None,
    extra_environment: dict[str, str] | None = None,
) -> Backend:
    """Starts moto, points boto3 at it through the environment, and provisions the template's resources."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    _make_dynamodb_writes_atomic()
    _make_queries_read_their_partition()
    os.environ.update(
        {
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_SESSION_TOKEN": "testing",
            "AWS_DEFAULT_REGION": REGION,
            "AWS_REGION": REGION,
        }
    )
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    host, bound_port = server.get_host_and_port()
    endpoint = f"http://{host}:{bound_port}"
    # The Step Functions interpreter sends its service integrations to localhost:$MOTO_PORT.
    os.environ.update({"AWS_ENDPOINT_URL": endpoint, "MOTO_PORT": str(bound_port)})
    _configure_step_functions(endpoint)
    template = template or load_template()
    names = physical_names(template, parameters or {})
    provision(template, names)
    # Powertools settings given to this process (log level in tests, say) win over the template's defaults.
    os.environ.update(
        {
            name: value
            for name, value in function_environment(template, names).items()
            if not (name.startswith("POWERTOOLS_") and name in os.environ)
        }
    )
    os.environ.update(
        {
            "POWERTOOLS_TRACE_DISABLED": "true",
            "POWERTOOLS_METRICS_DISABLED": "true",
            "STAGE": "local",
            **(extra_environment or {}),
        }
    )
    return Backend(server=server, endpoint=endpoint, template=template, names=names)


def _configure_step_functions(endpoint: str) -> None:
    requests.post(
        f"{endpoint}/moto-api/config", json={"stepfunctions": {"execute_state_machine": True}}, timeout=10
    ).raise_for_status()


def physical_names(template: Template, parameters: dict[str, str]) -> PhysicalNames:
    names = PhysicalNames(stack=STACK, parameters={**template.parameter_defaults(), "Stage": "local", **parameters})
    for logical_id, resource in template.raw["Resources"].items():
        kind = resource["Type"]
        name = f"{STACK}-{logical_id}"
        if kind == "AWS::DynamoDB::Table":
            names.refs[logical_id] = name
            names.attributes[(logical_id, "Arn")] = f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{name}"
        elif kind == "AWS::S3::Bucket":
            names.refs[logical_id] = name.lower()
            names.attributes[(logical_id, "Arn")] = f"arn:aws:s3:::{name.lower()}"
        elif kind == "AWS::SQS::Queue":
            names.refs[logical_id] = f"{_endpoint()}/{ACCOUNT}/{name}"
            names.attributes[(logical_id, "Arn")] = f"arn:aws:sqs:{REGION}:{ACCOUNT}:{name}"
            names.attributes[(logical_id, "QueueName")] = name
        elif kind in {"AWS::Serverless::StateMachine", "AWS::StepFunctions::StateMachine"}:
            arn = f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:{name}"
            names.refs[logical_id] = arn
            names.attributes[(logical_id, "Name")] = name
        elif kind == "AWS::SecretsManager::Secret":
            # A generated secret gets a fresh random value on every start (as a new stack would).
            arn = f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:{name}"
            names.refs[logical_id] = arn
            names.secrets[arn] = secrets.token_urlsafe(48)
        elif kind == "AWS::Events::EventBus":
            names.refs[logical_id] = name
            names.attributes[(logical_id, "Arn")] = f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/{name}"
            names.attributes[(logical_id, "Name")] = name
        elif kind == "AWS::Serverless::Function":
            names.refs[logical_id] = name
            names.attributes[(logical_id, "Arn")] = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{name}"
        elif kind == "AWS::KMS::Key":
            # Its real id is known only once made: the functions name it by its alias, which is fixed.
            names.refs[logical_id] = name
            names.attributes[(logical_id, "Arn")] = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/{name}"
        elif kind == "AWS::KMS::Alias":
            names.refs[logical_id] = str(names.resolve(resource["Properties"]["AliasName"]))
        else:
            names.refs[logical_id] = name
    return names


def _endpoint() -> str:
    return os.environ["AWS_ENDPOINT_URL"]


def provision(template: Template, names: PhysicalNames) -> None:
    """Creates what the template declares; nothing here lists resources of its own."""
    dynamodb = boto3.client("dynamodb")
    s3 = boto3.client("s3")
    sqs = boto3.client("sqs")
    sesv2 = boto3.client("sesv2")
    stepfunctions = boto3.client("stepfunctions")
    resources = template.raw["Resources"]
    for logical_id, resource in resources.items():
        if resource["Type"] not in {"AWS::DynamoDB::Table", "AWS::S3::Bucket"}:
            continue  # the CDN, policies and roles have no local counterpart; the gateway plays CloudFront
        properties = names.resolve(resource.get("Properties", {}))
        if resource["Type"] == "AWS::DynamoDB::Table":
            stream_arn = _create_table(dynamodb, names.refs[logical_id], properties)
            if stream_arn:
                names.attributes[(logical_id, "StreamArn")] = stream_arn
        elif resource["Type"] == "AWS::S3::Bucket":
            s3.create_bucket(Bucket=names.refs[logical_id], CreateBucketConfiguration={"LocationConstraint": REGION})  # type: ignore[typeddict-item]
            if properties.get("VersioningConfiguration", {}).get("Status") == "Enabled":
                s3.put_bucket_versioning(Bucket=names.refs[logical_id], VersioningConfiguration={"Status": "Enabled"})
            if properties.get("LifecycleConfiguration"):
                rules = [_lifecycle_rule(rule) for rule in properties["LifecycleConfiguration"]["Rules"]]
                s3.put_bucket_lifecycle_configuration(
                    Bucket=names.refs[logical_id],
                    LifecycleConfiguration={"Rules": rules},  # type: ignore[typeddict-item]
                )
    # Queues after tables and buckets, dead-letter queues before the queues that use them.
    queues = template.resources_of("AWS::SQS::Queue")
    for logical_id in sorted(queues, key=lambda name: "RedrivePolicy" in queues[name].get("Properties", {})):
        properties = names.resolve(queues[logical_id].get("Properties", {}))
        attributes = {
            name: json.dumps(value) if isinstance(value, dict) else str(value)
            for name, value in properties.items()
            if name in {"VisibilityTimeout", "RedrivePolicy", "MessageRetentionPeriod"}
        }
        sqs.create_queue(QueueName=names.attributes[(logical_id, "QueueName")], Attributes=attributes)
    # Bucket notifications once the queues they announce to exist.
    for logical_id, resource in template.resources_of("AWS::S3::Bucket").items():
        notifications = names.resolve(resource.get("Properties", {})).get("NotificationConfiguration")
        if notifications:
            configured = [_queue_notification(queue) for queue in notifications["QueueConfigurations"]]
            s3.put_bucket_notification_configuration(
                Bucket=names.refs[logical_id],
                NotificationConfiguration={"QueueConfigurations": configured},  # type: ignore[typeddict-item]
            )
    # Keys, each made under the alias the functions know it by.
    kms = boto3.client("kms")
    for logical_id in template.resources_of("AWS::KMS::Alias"):
        key = kms.create_key(Description=f"{STACK} {logical_id}")["KeyMetadata"]["KeyId"]
        kms.create_alias(AliasName=names.refs[logical_id], TargetKeyId=key)
    sesv2.create_email_identity(EmailIdentity=names.parameters["SesSenderAddress"])
    events = boto3.client("events")
    for logical_id in template.resources_of("AWS::Events::EventBus"):
        events.create_event_bus(Name=names.refs[logical_id])
    for logical_id, resource in template.resources_of("AWS::Serverless::StateMachine").items():
        properties = resource["Properties"]
        definition = Path(ROOT / properties["DefinitionUri"]).read_text(encoding="utf-8")
        for name, value in names.resolve(properties.get("DefinitionSubstitutions", {})).items():
            definition = definition.replace(f"${{{name}}}", str(value))
        stepfunctions.create_state_machine(
            name=names.attributes[(logical_id, "Name")],
            definition=definition,
            roleArn=f"arn:aws:iam::{ACCOUNT}:role/{logical_id}Role",
        )


def _queue_notification(configuration: dict[str, Any]) -> dict[str, Any]:
    """A bucket's queue notification as CloudFormation writes it, as the S3 API takes it."""
    made: dict[str, Any] = {"QueueArn": configuration["Queue"], "Events": [configuration["Event"]]}
    rules = configuration.get("Filter", {}).get("S3Key", {}).get("Rules")
    if rules:
        made["Filter"] = {"Key": {"FilterRules": rules}}
    return made


def _lifecycle_rule(rule: dict[str, Any]) -> dict[str, Any]:
    """A lifecycle rule as CloudFormation writes it, as the S3 API takes it."""
    made: dict[str, Any] = {"ID": rule["Id"], "Status": rule["Status"], "Filter": {"Prefix": rule.get("Prefix", "")}}
    if "ExpirationInDays" in rule:
        made["Expiration"] = {"Days": rule["ExpirationInDays"]}
    if "AbortIncompleteMultipartUpload" in rule:
        made["AbortIncompleteMultipartUpload"] = rule["AbortIncompleteMultipartUpload"]
    return made


def _create_table(client: Any, name: str, properties: dict[str, Any]) -> str | None:
    """Creates the table and returns its stream's ARN, if it has a stream."""
    request: dict[str, Any] = {
        "TableName": name,
        "KeySchema": properties["KeySchema"],
        "AttributeDefinitions": properties["AttributeDefinitions"],
        "BillingMode": "PAY_PER_REQUEST",
    }
    if properties.get("GlobalSecondaryIndexes"):
        request["GlobalSecondaryIndexes"] = properties["GlobalSecondaryIndexes"]
    if properties.get("StreamSpecification"):
        request["StreamSpecification"] = {"StreamEnabled": True, **properties["StreamSpecification"]}
    created = client.create_table(**request)
    ttl = properties.get("TimeToLiveSpecification")
    if ttl:
        client.update_time_to_live(TableName=name, TimeToLiveSpecification=ttl)
    stream_arn: str | None = created["TableDescription"].get("LatestStreamArn")
    return stream_arn


def function_environment(template: Template, names: PhysicalNames) -> dict[str, str]:
    """All functions run in this one process, so they must agree on every variable they share."""
    environment: dict[str, str] = {}
    for function in template.functions.values():
        for name, value in names.resolve(function.environment).items():
            if name in environment and environment[name] != str(value):
                raise ValueError(
                    f"{function.logical_id} sets {name} differently from another function; "
                    "the local runtime runs all functions in one process"
                )
            environment[name] = str(value)
    return environment
