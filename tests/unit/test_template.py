"""template.yaml is the single source of truth: every function it names exists, and every route is unique."""

from collections import Counter

from infrastructure.local.template import load_template


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


def test_only_login_steps_are_public() -> None:
    public = {(route.method, route.path) for route in load_template().routes if route.public}
    assert public == {
        ("POST", "/auth/login"),
        ("POST", "/auth/login/code"),
        ("POST", "/auth/forgot-password"),
        ("POST", "/auth/password"),
        ("POST", "/registration-requests"),
    }
