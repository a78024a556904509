"""template.yaml (with its area stacks) is the single source of truth: every function it names exists, every route
is unique and reaches its function."""

import re
from collections import Counter

from infrastructure.local.template import ROOT, load_raw, load_template, nested_stack_paths


def test_every_function_points_at_a_handler_file() -> None:
    template = load_template()
    assert template.functions
    for function in template.functions.values():
        assert function.module_file.exists(), function.logical_id
        assert f"def {function.handler_name}(" in function.module_file.read_text(encoding="utf-8")


def test_routes_are_unique_and_every_route_has_its_own_function() -> None:
    template = load_template()
    assert not [route for route, count in Counter((r.method, r.path) for r in template.routes).items() if count > 1]
    functions = Counter(route.function for route in template.routes)
    assert all(count == 1 for count in functions.values()), "one function per action"


def test_only_login_steps_the_support_contacts_and_the_links_of_emails_are_public() -> None:
    public = {(route.method, route.path) for route in load_template().routes if route.public}
    assert public == {
        ("POST", "/auth/login"),
        ("POST", "/auth/login/code"),
        ("POST", "/auth/forgot-password"),
        ("POST", "/auth/signup"),  # a contact asks for an account of its own (AUTH-2)
        ("POST", "/auth/password"),
        ("POST", "/registration-requests"),
        ("GET", "/support-contacts"),  # how to reach customer service, shown before login
        ("POST", "/opened-documents"),  # Smartmail's link: an e-mailed document's recipient has no login (DOC-7)
        ("POST", "/self-declarations/form"),  # the invitation's link: a booked employee has no login (EMP-2)
        ("POST", "/self-declarations"),
    }


def test_cloudfront_sends_the_content_security_policy_the_local_runtime_sends() -> None:
    from infrastructure.local.gateway import content_security_policy

    policy = load_template().raw["Resources"]["WebSecurityHeadersPolicy"]["Properties"]["ResponseHeadersPolicyConfig"]
    headers = policy["SecurityHeadersConfig"]
    # The file bucket's address is the one part that differs: on AWS both its names (presigned forms use either).
    bucket = "https://${FileBucket.RegionalDomainName} https://${FileBucket.DomainName}"
    assert headers["ContentSecurityPolicy"]["ContentSecurityPolicy"] == {"Fn::Sub": content_security_policy(bucket)}
    assert headers["FrameOptions"]["FrameOption"] == "DENY"


def test_the_public_steps_are_throttled_harder_than_the_rest_of_the_api() -> None:
    template = load_template()
    api = next(iter(template.resources_of("AWS::Serverless::Api").values()))["Properties"]
    limits = {setting["ResourcePath"]: setting["ThrottlingRateLimit"] for setting in api["MethodSettings"]}
    public = {route.path for route in template.routes if route.public}
    for path in public:
        assert limits["/" + path.replace("/", "~1")] < limits["/*"], path  # CloudFormation writes / as ~1
    assert api["AccessLogSetting"]["DestinationArn"]


def test_every_dead_letter_queue_and_state_machine_has_an_alarm_that_notifies() -> None:
    template = load_template()
    alarms = template.resources_of("AWS::CloudWatch::Alarm").values()
    watched = {
        str(dimension["Value"])
        for alarm in alarms
        for dimension in alarm["Properties"].get("Dimensions", [])
        if alarm["Properties"].get("AlarmActions")
    }
    for name in template.resources_of("AWS::SQS::Queue"):
        if name.endswith("DeadLetterQueue"):
            assert any(name in value for value in watched), name
    for name in template.resources_of("AWS::Serverless::StateMachine"):
        assert any(name in value for value in watched), name
        assert template.raw["Resources"][name]["Properties"]["Logging"]["Level"] in {"ERROR", "ALL"}


def test_functions_hold_only_the_permissions_they_use() -> None:
    """No broad policy templates, and e-mail leaves only through the outbox's delivery function."""
    template = load_template()
    broad = {"DynamoDBCrudPolicy", "SESCrudPolicy", "DynamoDBReadPolicy", "AmazonDynamoDBFullAccess"}
    senders = set()
    for name, resource in template.resources_of("AWS::Serverless::Function", "AWS::Serverless::StateMachine").items():
        for policy in resource["Properties"].get("Policies", []):
            assert not (isinstance(policy, dict) and broad & set(policy)), (name, policy)
            statements = policy.get("Statement", []) if isinstance(policy, dict) else []
            if any("ses:" in str(statement.get("Action")) for statement in statements):
                senders.add(name)
    assert senders == {"DeliverOutboxFunction"}


def test_every_function_that_reads_the_portal_table_is_given_a_policy_for_it() -> None:
    """moto does not enforce IAM, so a function without its table policy passes every local test and fails on AWS.
    Every function states its policies; the one that reads nothing but the principal it is handed is named here."""
    template = load_template()
    needs_nothing = {"MeFunction"}  # answers from the authorizer's principal alone
    without = {
        name
        for name, resource in template.resources_of("AWS::Serverless::Function").items()
        if not resource["Properties"].get("Policies")
    }
    assert without == needs_nothing


def test_every_route_may_invoke_its_function_from_that_route_only() -> None:
    """The functions live in the area stacks, so API Gateway's permission to invoke each is granted in the root."""
    template = load_template()
    permissions = {
        resource["Properties"]["FunctionName"]["Fn::GetAtt"][0]: resource["Properties"]["SourceArn"]["Fn::Sub"]
        for resource in template.resources_of("AWS::Lambda::Permission").values()
    }
    for route in template.routes:
        path = re.sub(r"\{[^}]+\}", "*", route.path)
        assert permissions.get(route.function, "").endswith(f"${{PortalApi}}/*/{route.method}{path}"), route


def test_every_function_an_area_offers_the_root_is_routed_or_authorizes() -> None:
    """An area's outputs are exactly what the root uses: nothing routed to a missing function, nothing forgotten.
    Besides functions, an area may offer what the root hands to another area (Smartmail's state machine, which the
    outbox starts)."""
    template = load_template()
    routed = {route.function for route in template.routes}
    root = (ROOT / "template.yaml").read_text(encoding="utf-8")
    for stack, path in nested_stack_paths().items():
        offered = set(load_raw(path).get("Outputs", {}))
        handed_on = set(re.findall(rf"GetAtt {stack}\.Outputs\.(\w+)", root))
        used = routed | {template.authorizer_function} | handed_on
        assert offered <= used, (stack, offered - used)


def test_each_kind_of_personal_data_is_opened_only_by_the_functions_of_its_kind() -> None:
    """One KMS key seals identity numbers and self-declarations; each policy names the purpose its context must have,
    so the employer's reveal cannot open health answers, nor the health personnel's reading an identity number."""
    template = load_template()
    purposes = {}
    for name, policy in template.resources_of("AWS::IAM::ManagedPolicy").items():
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]:
            actions = set(statement["Action"])
            if actions & {"kms:Decrypt", "kms:GenerateDataKey"}:
                purposes[name] = statement["Condition"]["StringEquals"]["kms:EncryptionContext:purpose"]
    assert purposes == {
        "SealPersonalDataPolicy": "national_id",
        "OpenPersonalDataPolicy": "national_id",
        "SealSelfDeclarationPolicy": "self-declaration",
        "OpenSelfDeclarationPolicy": "self-declaration",
    }
