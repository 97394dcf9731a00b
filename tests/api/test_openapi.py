"""The OpenAPI document is made from the code: every route with its types, valid OpenAPI 3.1, and committed
as docs/openapi.json exactly as the code makes it (`make openapi`)."""
from __future__ import annotations

import json

from openapi_spec_validator import validate

import app as chalice_app
from infra.local import openapi as local_openapi

DOCUMENT = json.loads(local_openapi.text())


def test_the_document_is_valid_openapi_3_1():
    validate(DOCUMENT)
    assert DOCUMENT["openapi"] == "3.1.0"


def test_the_committed_document_is_what_the_code_makes():
    committed = local_openapi.DOCUMENT.read_text(encoding="utf-8")
    assert committed == local_openapi.text(), "docs/openapi.json is stale: run `make openapi` and commit it"


def test_every_route_of_the_app_is_in_the_document_with_its_methods():
    routes = {(path, method.lower()) for path, methods in chalice_app.app.routes.items() for method in methods}
    documented = {(path, method) for path, operations in DOCUMENT["paths"].items() for method in operations}
    assert routes == documented


def test_every_json_answer_and_request_body_has_a_type():
    untyped = [f"{method.upper()} {path}" for path, operations in DOCUMENT["paths"].items()
               for method, operation in operations.items()
               for status, answer in operation["responses"].items()
               if status.startswith("2") and "content" not in answer]
    assert untyped == []


def test_signed_in_routes_name_the_session_and_writes_the_csrf_header():
    for path, operations in DOCUMENT["paths"].items():
        for method, operation in operations.items():
            if "x-role" in operation or "401" in operation["responses"]:
                requirement = operation["security"][0]
                assert "session" in requirement, f"{method} {path}"
                assert ("csrf" in requirement) == (method != "get"), f"{method} {path}"


def test_error_codes_are_listed_under_their_status():
    responses = DOCUMENT["components"]["responses"]
    assert "`required`" in responses["422"]["description"]
    assert "`wrong_type`" in responses["400"]["description"]
    assert "`csrf_failed`" in responses["403"]["description"]
    assert "`busy`" in responses["503"]["description"]
    assert "already_recovered" in DOCUMENT["components"]["schemas"]["Error"]["properties"]["error"]["enum"]
