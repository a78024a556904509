"""Every request body the API accepts is bounded: each string has a maximum length, each list a maximum number
of items, each free-form object a maximum number of keys. Walks the committed OpenAPI document, so a new route or
model that forgets a limit fails here."""

from __future__ import annotations

from typing import Any

from infrastructure.openapi import load_committed_document


def unbounded(schema: dict[str, Any], components: dict[str, Any], path: str, seen: set[str]) -> list[str]:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        if name in seen:
            return []
        return unbounded(components[name], components, f"{path}<{name}>", seen | {name})
    found: list[str] = []
    for option in schema.get("anyOf", []) + schema.get("oneOf", []) + schema.get("allOf", []):
        found += unbounded(option, components, path, seen)
    kind = schema.get("type")
    # A date is parsed as one (pydantic refuses anything longer than a date or time can be written in).
    bounded_by_format = schema.get("format") in {"date", "date-time"}
    if kind == "string" and not bounded_by_format and not {"maxLength", "enum", "const"} & schema.keys():
        found.append(f"{path}: string without maxLength")
    if kind == "array":
        if "maxItems" not in schema:
            found.append(f"{path}: list without maxItems")
        found += unbounded(schema.get("items", {}), components, f"{path}[]", seen)
    if kind == "object":
        for name, inner in schema.get("properties", {}).items():
            found += unbounded(inner, components, f"{path}.{name}", seen)
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            if "maxProperties" not in schema:
                found.append(f"{path}: object without maxProperties")
            found += unbounded(extra, components, f"{path}{{}}", seen)
    return found


def test_every_request_body_is_bounded() -> None:
    document = load_committed_document()
    assert document is not None
    components = document.get("components", {}).get("schemas", {})
    problems: list[str] = []
    bodies = 0
    for route, operations in document["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if content:
                bodies += 1
                problems += unbounded(content["schema"], components, f"{method.upper()} {route}", set())
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query":
                    problems += unbounded(
                        parameter.get("schema", {}), components, f"{route}?{parameter['name']}", set()
                    )
    assert bodies >= 10  # the walk reached the request bodies
    assert not problems, "\n".join(problems)
