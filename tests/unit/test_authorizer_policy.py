"""The authorizer's answer to API Gateway is the one Powertools' APIGatewayAuthorizerResponse would give."""

from aws_lambda_powertools.utilities.data_classes.api_gateway_authorizer_event import (
    APIGatewayAuthorizerResponse,
    parse_api_gateway_arn,
)

from portal.authorizer import allow_all_routes, header

METHOD_ARN = "arn:aws:execute-api:eu-north-1:123456789012:abc123/prod/GET/customers/01J0000000000000000000000"


def test_allowing_all_routes_gives_the_policy_powertools_would_give() -> None:
    # Given a principal's context for a request to one route
    context = {"principal": '{"username": "admin"}', "session_expires_at": "2026-12-03T10:00:00+00:00"}

    # When the authorizer allows it
    policy = allow_all_routes(METHOD_ARN, "admin", context)

    # Then the answer is Powertools' answer: every method and route of that API stage
    arn = parse_api_gateway_arn(METHOD_ARN)
    expected = APIGatewayAuthorizerResponse(
        principal_id="admin",
        region=arn.region,
        aws_account_id=arn.aws_account_id,
        api_id=arn.api_id,
        stage=arn.stage,
        context=context,
    )
    expected.allow_all_routes()
    assert policy == expected.asdict()
    assert policy["policyDocument"]["Statement"][0]["Resource"] == [
        "arn:aws:execute-api:eu-north-1:123456789012:abc123/prod/*/*"
    ]


def test_a_header_is_found_in_any_case() -> None:
    assert header({"headers": {"cookie": "kp_session=x"}}, "Cookie") == "kp_session=x"
    assert header({"headers": {"COOKIE": "kp_session=y"}}, "cookie") == "kp_session=y"
    assert header({"headers": None}, "Cookie") is None
    assert header({}, "Cookie") is None
