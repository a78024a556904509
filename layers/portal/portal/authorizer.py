"""The REQUEST authorizer's contract with API Gateway: the request's headers in, an IAM policy out.

Written here instead of with Powertools' authorizer data classes: importing one of them imports all of
`aws_lambda_powertools.utilities.data_classes` (some forty event types), which was a tenth of the authorizer's
cold start (decision 0007). A unit test keeps the answer identical to Powertools' `APIGatewayAuthorizerResponse`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ContextValue = str | int | float | bool


def header(event: Mapping[str, Any], name: str) -> str | None:
    """A request header by name, in any case (API Gateway passes them as the client sent them)."""
    wanted = name.lower()
    for key, value in (event.get("headers") or {}).items():
        if key.lower() == wanted and isinstance(value, str):
            return value
    return None


def allow_all_routes(method_arn: str, principal_id: str, context: Mapping[str, ContextValue]) -> dict[str, Any]:
    """Allows the principal every method and route of the API stage that `method_arn` belongs to.

    API Gateway accepts only strings, numbers and booleans as context values.
    """
    # arn:aws:execute-api:eu-north-1:123456789012:api_id/stage/GET/customers/...
    _, partition, _, region, account, route = method_arn.split(":", 5)
    api_id, stage = route.split("/")[:2]
    return {
        "principalId": principal_id,
        "policyDocument": {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Action": "execute-api:Invoke",
                    "Effect": "Allow",
                    "Resource": [f"arn:{partition}:execute-api:{region}:{account}:{api_id}/{stage}/*/*"],
                }
            ],
        },
        "context": dict(context),
    }
