"""Every answer an API test receives is checked against the OpenAPI document the code generates: the status is
one the operation documents (or its `default`), and a JSON body matches the schema documented for it.

So the whole API suite doubles as a contract test of docs/openapi.json; schemathesis (tests/contract) fuzzes
the same document against the running stand-in.
"""
from __future__ import annotations

import functools
import re
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator


class ContractBroken(AssertionError):
    pass


@functools.cache
def _document() -> dict[str, Any]:
    import app  # noqa: F401 (the route table is complete once every blueprint is registered)
    from chalicelib.api import openapi

    return openapi.document()


@functools.cache
def _operations() -> list[tuple[re.Pattern[str], str, dict[str, Any]]]:
    found = []
    for template, methods in _document()["paths"].items():
        pattern = re.compile("^" + re.sub(r"\\{\w+\\}", "[^/]+", re.escape(template)) + "$")
        for method, operation in methods.items():
            found.append((pattern, method.upper(), operation))
    # literal paths first: /api/reports/chart.svg before a template that could match it
    return sorted(found, key=lambda entry: entry[0].pattern.count("[^/]+"))


@functools.cache
def _validator(reference: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": reference, "components": _document()["components"]})


def check(method: str, url: str, status: int, body: Any, content_type: str) -> None:
    path = urlsplit(url).path
    operation = next((op for pattern, verb, op in _operations() if verb == method and pattern.match(path)), None)
    if operation is None:
        return  # not a route of the app (a 404/405 test): the platform answers it
    responses = operation["responses"]
    documented = responses.get(str(status)) or responses.get("default")
    if documented is None:
        raise ContractBroken(f"{method} {path} answered {status}, which its operation does not document")
    if "$ref" in documented:
        documented = _document()["components"]["responses"][documented["$ref"].rsplit("/", 1)[1]]
    schema = documented.get("content", {}).get("application/json", {}).get("schema")
    if schema is None or not content_type.startswith("application/json"):
        return
    errors = sorted(_validator(schema["$ref"]).iter_errors(body) if "$ref" in schema else
                    Draft202012Validator({**schema, "components": _document()["components"]}).iter_errors(body),
                    key=lambda e: list(e.absolute_path))
    if errors:
        shown = "; ".join(f"{'/'.join(map(str, e.absolute_path)) or '(body)'}: {e.message[:200]}" for e in errors[:3])
        raise ContractBroken(f"{method} {path} {status}: the answer does not match docs/openapi.json: {shown}")
