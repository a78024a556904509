"""The local gateway behaves like API Gateway where the code depends on it."""

import pytest

from infrastructure.local.gateway import AuthorizerContextError, Gateway
from infrastructure.local.runtime import Runtime
from tests.support import ApiClient


def test_unknown_paths_give_404_and_wrong_methods_405(api: ApiClient) -> None:
    assert api.get("/no/such/thing").status == 404
    wrong = api.call("DELETE", "/customers")
    assert wrong.status == 405
    assert wrong.headers["Allow"] == "GET, POST"


def test_protected_routes_need_a_session_cookie(api: ApiClient) -> None:
    missing = api.get("/me")
    assert (missing.status, missing.error_code) == (401, "unauthenticated")
    unknown = api.get("/me", token="not-a-session")
    assert (unknown.status, unknown.error_code) == (401, "unauthenticated")


def test_static_segments_win_over_path_parameters(api: ApiClient) -> None:
    token = api.login("admin")
    assert api.get("/customers/export", token=token).headers["Content-Type"].startswith("text/csv")


def test_the_authorizer_context_must_be_flat(runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    gateway: Gateway = runtime.gateway
    real_invoke = gateway.lambdas.invoke

    def nested_context(logical_id: str, event: dict[str, object]) -> object:
        result = real_invoke(logical_id, event)
        if logical_id == gateway.template.authorizer_function:
            return {**result, "context": {"links": ["a", "b"]}}
        return result

    token = ApiClient(gateway).login("admin")
    monkeypatch.setattr(gateway.lambdas, "invoke", nested_context)
    with pytest.raises(AuthorizerContextError):
        ApiClient(gateway).get("/me", token=token)


def test_swagger_ui_and_the_document_are_served(runtime: Runtime) -> None:
    from werkzeug.test import Client

    client = Client(runtime.gateway)
    assert client.get("/openapi.json").json["info"]["title"] == "Kundeportal API"  # type: ignore[index]
    page = client.get("/docs").get_data(as_text=True)
    assert "SwaggerUIBundle" in page
    assert "https://" not in page.split("<script>")[0]  # assets inline: works offline
