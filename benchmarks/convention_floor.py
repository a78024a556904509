"""GET /customers/{id} with the house's conventions and nothing else: the entry point of portal.observability,
a validating resolver, one pydantic response model and one GetItem with a lazily created client.

`make bench` measures its cold start beside the real handlers: the part of their ratio that no change to the
portal's own code (domain, repositories, wiring) can remove.
"""

from __future__ import annotations

import os
from functools import cache
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import BaseModel

from portal.observability import entrypoint

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.client import DynamoDBClient

app = APIGatewayRestResolver(enable_validation=True)


class Found(BaseModel):
    customer_id: str
    name: str


@cache
def _client() -> DynamoDBClient:
    import boto3

    return boto3.client("dynamodb")


@app.get("/customers/<customer_id>")
def get_customer(customer_id: str) -> Found:
    key = {"PK": {"S": f"CUST#{customer_id}"}, "SK": {"S": "CUSTOMER"}}
    item = _client().get_item(TableName=os.environ["TABLE_NAME"], Key=key, ConsistentRead=False)["Item"]
    return Found(customer_id=customer_id, name=item["name"]["S"])


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
