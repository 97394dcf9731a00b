"""The OpenAPI 3.1 document, made from the route table (`http.ROUTES`) and the types each route declares.

Served by the local stand-in at /api/openapi.json and written to docs/openapi.json (`make openapi`; a test
checks the committed file is current). Error codes are read from the code itself: every domain error raised
with a code, under the status its class maps to (`http._STATUS`), and the platform's own (`platform_errors`).
"""
from __future__ import annotations

import ast
import functools
import re
from pathlib import Path
from typing import Any

from ..domain import errors
from . import contract, platform_errors
from .http import (
    _STATUS,
    CSRF_HEADER,
    LOGIN_COOKIE,
    ROUTES,
    SESSION_COOKIE,
    SIGNED_IN,
    RouteSpec,
)

TITLE = "Verzuimportaal API"
VERSION = "1"
_PACKAGE = Path(__file__).resolve().parent.parent
_PATH_PARAMETER = re.compile(r"{(\w+)}")
_STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
_DESCRIPTIONS = {
    400: "Het verzoek kan niet worden gelezen (geen JSON, geen object, een veld van het verkeerde type, "
         "een ontbrekende CSRF-header of Idempotency-Key).",
    401: "Niet ingelogd, of de sessie is verlopen.",
    403: "Geen toegang met deze rol, of de CSRF-controle faalde.",
    404: "Bestaat niet (of niet voor deze werkgever).",
    409: "Kan nu niet: de toestand is intussen anders.",
    410: "Verlopen (een code, link of inlogpoging).",
    422: "Een waarde voldoet niet aan een regel; `field` noemt het veld.",
    423: "Het account is geblokkeerd.",
    429: "Te vaak geprobeerd; het bericht zegt wanneer het weer kan.",
    500: "Onverwachte fout; het bericht noemt het verzoeknummer voor het secretariaat.",
    502: "Een SMS of e-mail kon niet worden verstuurd.",
    503: "Een dienst die het portaal nodig heeft is even niet beschikbaar (`Retry-After`).",
}


def document() -> dict[str, Any]:
    components: dict[str, Any] = {"Error": _error_schema()}
    paths: dict[str, dict[str, Any]] = {}
    for route in sorted(ROUTES, key=lambda r: r.path):
        for method in route.methods:
            paths.setdefault(route.path, {})[method.lower()] = _operation(route, method, components)
    return {
        "openapi": "3.1.0",
        "info": {"title": TITLE, "version": VERSION,
                 "description": "The portal's own API, used by its pages on the same origin. Flows, cookies and "
                                "idempotency are described in docs/api.md."},
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {"schemas": dict(sorted(components.items())), "securitySchemes": _SECURITY,
                       "responses": {str(status): _error_response(status) for status in sorted(_codes_by_status())}},
    }


_SECURITY = {
    "session": {"type": "apiKey", "in": "cookie", "name": SESSION_COOKIE,
                "description": "The session cookie set by /api/auth/code (HttpOnly, SameSite=Strict)."},
    "csrf": {"type": "apiKey", "in": "header", "name": CSRF_HEADER,
             "description": "The value of the vp_csrf cookie; every POST, PUT and DELETE carries it."},
    "login_attempt": {"type": "apiKey", "in": "cookie", "name": LOGIN_COOKIE,
                      "description": "The login attempt between the password and the second factor."},
}


def _operation(route: RouteSpec, method: str, components: dict[str, Any]) -> dict[str, Any]:
    operation: dict[str, Any] = {"operationId": f"{route.name}_{method.lower()}" if len(route.methods) > 1
                                 else route.name,
                                 "summary": route.summary, "tags": [route.path.split("/")[2]]}
    parameters = [{"name": name, "in": "path", "required": True, "schema": {"type": "string", "maxLength": 200}}
                  for name in _PATH_PARAMETER.findall(route.path)]
    parameters += [{"name": name, "in": "header", "required": True, "description": meaning,
                    "schema": {"type": "string", "maxLength": 64, "pattern": "^[A-Za-z0-9-]+$"}}
                   for name, meaning in route.headers]
    if route.query is not None:
        query = contract.schema(route.query, components)
        schema = components[query["$ref"].rsplit("/", 1)[1]]
        parameters += [{"name": name, "in": "query", "required": name in schema.get("required", []),
                        "schema": prop} for name, prop in schema["properties"].items()]
    if parameters:
        operation["parameters"] = parameters
    if route.request is not None:
        operation["requestBody"] = {"required": True, "content": {
            "application/json": {"schema": contract.schema(route.request, components)}}}
    changing = method in _STATE_CHANGING
    if route.role is not None:
        operation["security"] = [{"session": [], "csrf": []} if changing else {"session": []}]
    elif route.login_attempt:
        operation["security"] = [{"login_attempt": [], "csrf": []}]
    else:
        operation["security"] = [{"csrf": []}] if changing else [{}]
    if route.role is not None and route.role != SIGNED_IN:
        operation["x-role"] = route.role
    if route.edge:
        operation["x-edge-limits"] = [mark.value for mark in route.edge]
    responses: dict[str, Any] = {}
    for status in route.statuses:
        responses[str(status)] = _success(route, components)
    errors_here = {400 if changing or route.request or route.query else None, 503, 500}
    if route.role is not None:
        errors_here |= {401, 403}
    if changing:
        errors_here.add(403)
    if route.request is not None or route.query is not None:
        errors_here.add(422)
    if "{" in route.path:
        errors_here.add(404)
    for status in sorted(s for s in errors_here if s is not None):
        responses[str(status)] = {"$ref": f"#/components/responses/{status}"}
    responses["default"] = {"description": "Any other error, in the same shape.",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    operation["responses"] = responses
    return operation


def _success(route: RouteSpec, components: dict[str, Any]) -> dict[str, Any]:
    if route.response is None:
        return {"description": "OK"}
    if route.content_type != "application/json":
        return {"description": "OK", "content": {route.content_type: {"schema": {"type": "string"}}}}
    return {"description": "OK",
            "content": {"application/json": {"schema": contract.schema(route.response, components)}}}


def _error_schema() -> dict[str, Any]:
    return {"type": "object", "required": ["error", "message"], "additionalProperties": False,
            "description": "Every error: a stable code, a Dutch sentence that says what to do, the field if any. "
                           "A 422 also lists the error of every invalid field of the request in `errors` (the "
                           "first is the one of `message` and `field`), for a form's error summary.",
            "properties": {"error": {"type": "string", "enum": sorted(set().union(*_codes_by_status().values()))},
                           "message": {"type": "string"}, "field": {"type": "string"},
                           "errors": {"type": "array", "minItems": 1, "items": {
                               "type": "object", "required": ["message"], "additionalProperties": False,
                               "properties": {"field": {"type": "string"}, "message": {"type": "string"}}}}}}


def _error_response(status: int) -> dict[str, Any]:
    codes = ", ".join(f"`{code}`" for code in sorted(_codes_by_status()[status]))
    answer: dict[str, Any] = {"description": f"{_DESCRIPTIONS.get(status, 'Fout.')} Codes: {codes}.",
                              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    if status == 503:
        answer["headers"] = {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconden."}}
    return answer


@functools.cache
def _codes_by_status() -> dict[int, frozenset[str]]:
    """Every error code the portal can answer, by status: read from the source (each domain error raised with a
    code), the error classes' own codes, and the platform's."""
    classes = {cls.__name__: cls for cls in _subclasses(errors.DomainError)}
    found: dict[int, set[str]] = {}

    def add(cls: type[errors.DomainError], code: str) -> None:
        status = next((_STATUS[kind] for kind in cls.__mro__ if kind in _STATUS), 400)
        found.setdefault(status, set()).add(code)

    for cls in classes.values():
        if cls is not errors.DomainError:
            add(cls, cls.code)
    for source in sorted(_PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            code = next((k.value.value for k in node.keywords if k.arg == "code" and isinstance(k.value, ast.Constant)
                         and isinstance(k.value.value, str)), None)
            if name in classes and code:
                add(classes[name], code)
    for error in platform_errors.ALL:
        found.setdefault(error.status, set()).add(error.code)
    return {status: frozenset(codes) for status, codes in found.items()}


def _subclasses(cls: type[errors.DomainError]) -> list[type[errors.DomainError]]:
    return [cls, *(sub for direct in cls.__subclasses__() for sub in _subclasses(direct))]
