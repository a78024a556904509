"""The local runtime resolves template.yaml's Secrets Manager dynamic references as CloudFormation would."""

from __future__ import annotations

import pytest

from infrastructure.local.backend import function_environment, physical_names
from infrastructure.local.template import load_template


@pytest.fixture(autouse=True)
def endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:1")  # queue names include it; nothing is called


def test_every_function_gets_the_same_generated_cursor_signing_key() -> None:
    # Given the template's generated secret behind a {{resolve:secretsmanager:...}} reference in Globals
    template = load_template()
    names = physical_names(template, {})
    # When the functions' environment is resolved
    environment = function_environment(template, names)
    # Then the key is a real value, long enough to sign with, and a new start generates another one
    key = environment["CURSOR_SIGNING_KEY"]
    assert "{{resolve" not in key
    assert len(key) >= 32
    assert function_environment(template, physical_names(template, {}))["CURSOR_SIGNING_KEY"] != key


def test_a_dynamic_reference_to_an_unknown_secret_is_an_error() -> None:
    names = physical_names(load_template(), {})
    with pytest.raises(ValueError, match="cannot resolve"):
        names.resolve({"Fn::Sub": "{{resolve:secretsmanager:no-such-secret:SecretString}}"})
