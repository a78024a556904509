"""The committed openapi.json is exactly what the handlers generate; regenerate with `make openapi`."""

from infrastructure.local.template import load_template
from infrastructure.openapi import DOCUMENT_PATH, build_document, render


def test_committed_document_matches_the_code() -> None:
    assert DOCUMENT_PATH.read_text(encoding="utf-8") == render(build_document()), "run `make openapi`"


def test_every_route_is_documented() -> None:
    paths = build_document()["paths"]
    for route in load_template().routes:
        assert route.method.lower() in paths.get(route.path, {}), f"{route.method} {route.path}"
