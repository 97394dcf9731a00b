"""Request parsing, cookies, session checks and the mapping of domain errors to HTTP answers."""
from __future__ import annotations

import functools
import json
import re
import typing
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, StrEnum
from http.cookies import CookieError, SimpleCookie
from typing import Any

from chalice import Blueprint, Response
from chalice.app import Request

from .. import outages
from ..domain import errors
from ..observability import count_outage, logger
from ..services import sessions
from ..services.deps import Deps, default_deps
from . import contract, platform_errors

SESSION_COOKIE = "vp_session"
LOGIN_COOKIE = "vp_login"
CSRF_COOKIE = "vp_csrf"
DEVICE_COOKIE = "vp_device"
"""A browser the account signed in from (domain/lockout.py): only sent to /api/auth."""
DEVICE_COOKIE_SECONDS = 400 * 24 * 3600  # the longest a browser keeps a cookie
TRUST_COOKIE = "vp_trust"
""""Deze browser 30 dagen vertrouwen": only its hash is stored; only sent to /api/auth."""
PASSKEY_COOKIE = "vp_passkey"
""""Inloggen met passkey": the challenge's token between its options and the answer; only sent to /api/auth."""
CSRF_HEADER = "x-csrf-token"
REQUEST_ID_HEADER = "X-Request-Id"
MAX_BODY_BYTES = 64 * 1024
_STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}

_STATUS: dict[type[errors.DomainError], int] = {
    errors.MalformedRequest: 400,
    errors.InvalidCredentials: 401,
    errors.InvalidCode: 401,
    errors.NotAuthenticated: 401,
    errors.Forbidden: 403,
    errors.NotFound: 404,
    errors.Conflict: 409,
    errors.Expired: 410,
    errors.InvalidInput: 422,
    errors.AccountBlocked: 423,
    errors.RateLimited: 429,
    errors.DeliveryFailed: 502,
    errors.Unavailable: 503,
}

deps_provider: Callable[[], Deps] = default_deps
"""Swapped by tests for a Deps with fakes and a fixed clock."""


def deps() -> Deps:
    return deps_provider()


def json_response(body: Any, status: int = 200, cookies: list[str] | None = None) -> Response:
    headers: dict[str, Any] = {"Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store"}
    if cookies:
        headers["Set-Cookie"] = cookies
    return Response(body=json.dumps(body, ensure_ascii=False), status_code=status, headers=headers)


def error_response(error: errors.DomainError) -> Response:
    body: dict[str, Any] = {"error": error.code, "message": error.message}
    if error.field:
        body["field"] = error.field
    if isinstance(error, errors.InvalidInput):
        body["errors"] = [{"message": each.message, **({"field": each.field} if each.field else {})}
                          for each in error.errors]
    status = next((_STATUS[kind] for kind in type(error).__mro__ if kind in _STATUS), 400)
    answer = json_response(body, status)
    if isinstance(error, errors.Unavailable):
        answer.headers["Retry-After"] = str(error.retry_after)
    return answer


def request_id(request: Request | None) -> str:
    """API Gateway's id of this request: the `correlation_id` of its log lines and `x-amzn-RequestId`."""
    context = getattr(request, "context", None) or {}
    return str(context.get("requestId") or "onbekend")


def platform_error_response(error: platform_errors.PlatformError, request: Request | None,
                            headers: dict[str, str | list[str]] | None = None) -> Response:
    """An answer no route gives (an unhandled exception, Chalice's 405/415), in our shape with the request id."""
    answer = json_response(error.body(request_id(request)), error.status)
    answer.headers.update({**(headers or {}), REQUEST_ID_HEADER: request_id(request)})
    return answer


def answers_in_our_shape(request: Request | None, get_response: Callable[[Request | None], Response]) -> Response:
    """The outermost HTTP middleware: Chalice's own `{"Code", "Message"}` answers (405, 415, 400, its 500)
    and anything raised by a middleware become `{"error", "message"}` answers."""
    try:
        response = get_response(request)
    except Exception:
        logger.exception("unhandled error in a middleware")
        return platform_error_response(platform_errors.INTERNAL_ERROR, request)
    chalice_body = response.body
    if isinstance(chalice_body, dict) and set(chalice_body) == {"Code", "Message"}:
        error = platform_errors.CHALICE_CODES.get(chalice_body["Code"], platform_errors.INTERNAL_ERROR)
        kept = {name: value for name, value in response.headers.items() if name.lower() == "allow"}
        return platform_error_response(error, request, kept)
    return response


class Edge(StrEnum):
    """What the WAF in front of the API limits per client IP (infra/aws/edge.py makes its rules from EDGE_ROUTES,
    so a new route with a mark is covered by construction; tests/api fails a route that sends an SMS or checks a
    password without its mark)."""
    SIGN_IN = "sign-in"
    """Checks a password or a code."""
    SMS = "sms"
    """Can send an SMS (also limited over all client IPs together)."""
    RECOVERY = "recovery"
    """Sends an email to an address or username typed in."""


EDGE_ROUTES: list[tuple[str, tuple[str, ...], tuple[Edge, ...]]] = []
"""(path, methods, marks) of every marked route, filled as the blueprints are imported."""

SIGNED_IN = "signed-in"
"""`role=SIGNED_IN`: any signed-in user, whatever their role."""


@dataclass(frozen=True)
class RouteSpec:
    """What a route declares: the OpenAPI document (api/openapi.py) is made from these."""
    path: str
    methods: tuple[str, ...]
    name: str
    summary: str
    role: str | None
    statuses: tuple[int, ...]
    edge: tuple[Edge, ...]
    view: Callable[..., Any]
    declared_response: Any = None
    content_type: str = "application/json"
    headers: tuple[tuple[str, str], ...] = ()
    """Request headers the route reads: (name, what it means)."""
    login_attempt: bool = False
    """Reads the login attempt's cookie (between the password and the second factor)."""

    @property
    def request(self) -> type | None:
        return _view_types(self.view)[0]

    @property
    def query(self) -> type | None:
        return _view_types(self.view)[1]

    @property
    def response(self) -> Any:
        if self.declared_response is not None:
            return self.declared_response
        answer = _view_types(self.view)[2]
        return None if answer is Response else answer  # a Response of its own that names no type


@functools.cache
def _view_types(view: Callable[..., Any]) -> tuple[type | None, type | None, Any]:
    """The view's `request` and `query` types and its return type, resolved on first use rather than at import:
    resolving every view's annotations would add to each cold start."""
    hints = typing.get_type_hints(view)
    return hints.get("request"), hints.get("query"), hints.get("return")


ROUTES: list[RouteSpec] = []
"""Every route, filled as the blueprints are imported."""


def api_route(bp: Blueprint, path: str, methods: tuple[str, ...] = ("GET",), edge: tuple[Edge, ...] = (), *,
              role: str | Enum | None = None, status: int = 200, statuses: tuple[int, ...] = (),
              response: Any = None, content_type: str = "application/json",
              headers: dict[str, str] | None = None, login_attempt: bool = False) -> Callable:
    """Register a view. The decorator owns what every route does alike, so a view only delegates:

    - `role`: the session it needs (a role, SIGNED_IN for any, None for none: 401 without one, 403 with the wrong
      role); the view gets it as its `principal` parameter;
    - its `request` parameter, typed with a dataclass, is the body parsed by `contract.parse` (400 malformed, 422
      invalid); its `query` parameter the query string likewise; other parameters are the path's;
    - a view returning a value answers it as JSON with `status` (or returns a Response of its own; `response`
      then names its type for the document);
    - state-changing requests must carry the CSRF header; domain errors become `{"error", "message", "field"}`
      answers, AWS outages a Dutch 503, anything else a logged 500 `internal_error`;
    - `edge` marks what the WAF must limit; `headers` and `login_attempt` name what else it reads, for the document.
    """
    if edge:
        EDGE_ROUTES.append((path, methods, edge))
    role_name = role.value if isinstance(role, Enum) else role

    def decorate(view: Callable[..., Any]) -> Callable[..., Response]:
        code = view.__code__  # its parameter names (inspect.signature would import inspect at every cold start)
        parameters = code.co_varnames[:code.co_argcount + code.co_kwonlyargcount]
        ROUTES.append(RouteSpec(path, methods, view.__name__, (view.__doc__ or view.__name__).strip().split("\n")[0],
                                role_name, tuple(sorted({status, *statuses})), edge, view, response, content_type,
                                tuple((headers or {}).items()), login_attempt))

        @functools.wraps(view)
        def wrapped(**kwargs: Any) -> Response:
            request = bp.current_request
            try:
                if request.method in _STATE_CHANGING and not request.headers.get(CSRF_HEADER):
                    raise sessions.csrf_failed()
                if "principal" in parameters:
                    kwargs["principal"] = require_session(request, None if role_name == SIGNED_IN else role_name)
                request_type, query_type, _ = _view_types(view)
                if request_type is not None:
                    kwargs["request"] = contract.parse(request_type, body(request))
                if query_type is not None:
                    kwargs["query"] = contract.parse(query_type, dict(request.query_params or {}))
                answer = view(**kwargs)
                return answer if isinstance(answer, Response) else json_response(answer, status)
            except errors.DomainError as error:
                return error_response(error)
            except Exception as error:
                outage = outages.outage_of(error)
                if outage is None:
                    logger.exception("unhandled error", extra={"route": path})
                    return platform_error_response(platform_errors.INTERNAL_ERROR, request)
                logger.warning("aws service failed", exc_info=True,
                               extra={"route": path, "service": outage.service, "aws_error": outage.code})
                count_outage(outage)
                return error_response(outage.for_user())

        bp.route(path, methods=list(methods), content_types=["application/json", "text/plain"])(wrapped)
        return wrapped

    return decorate


def body(request: Request) -> dict[str, Any]:
    """The JSON object in the body; MalformedRequest (400) for anything else — not JSON, not an object, nested
    deeper than MAX_DEPTH, a blank key, or a NUL or lone surrogate in any key or text — naming the field."""
    raw = request.raw_body or b""
    if len(raw) > MAX_BODY_BYTES:
        raise errors.MalformedRequest("Het verzoek is te groot.", code="body_too_large")
    try:
        data = json.loads(raw.decode("utf-8")) if raw else {}  # type: ignore[union-attr]  # bytes: Chalice encodes a text body
    except RecursionError:
        raise _too_deep(None) from None
    except (UnicodeDecodeError, ValueError):  # ValueError also: a number of more than 4,300 digits
        raise errors.MalformedRequest("Het verzoek bevat geen geldige JSON.", code="malformed_json") from None
    if not isinstance(data, dict):
        raise errors.MalformedRequest("Het verzoek moet een JSON-object zijn.", code="malformed_json")
    _check_values(data, None, 0)
    return data


MAX_DEPTH = 8
_UNREADABLE = re.compile("[\x00\ud800-\udfff]")
"""NUL, and halves of a surrogate pair without their other half: no text we store or hash may hold them."""


def _check_values(value: Any, field: str | None, depth: int) -> None:
    """Walks the parsed body without recursion limits of its own: lists and objects at most MAX_DEPTH deep."""
    if depth > MAX_DEPTH:
        raise _too_deep(field)
    if isinstance(value, dict):
        for key, item in value.items():
            if not key.strip():
                raise errors.MalformedRequest("Het verzoek bevat een veld zonder naam.", code="blank_key",
                                              field=field)
            if _UNREADABLE.search(key):
                raise errors.MalformedRequest("Een veldnaam in het verzoek bevat een teken dat niet kan worden "
                                              "verwerkt.", code="invalid_characters", field=field)
            _check_values(item, field or key, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_values(item, field, depth + 1)
    elif isinstance(value, str):
        _check_text(value, field)


def _check_text(text: str, field: str | None) -> None:
    if _UNREADABLE.search(text):
        raise errors.MalformedRequest(f"Het veld {field} bevat een teken dat niet kan worden verwerkt (een NUL-teken "
                                      "of een los deel van een emoji). Haal het weg en probeer het opnieuw.",
                                      code="invalid_characters", field=field)


def _too_deep(field: str | None) -> errors.MalformedRequest:
    return errors.MalformedRequest(f"Het verzoek is te diep genest (hoogstens {MAX_DEPTH} niveaus).",
                                   code="too_deep", field=field)


def cookies(request: Request) -> dict[str, str]:
    jar = SimpleCookie()
    try:
        jar.load(request.headers.get("cookie", ""))
    except CookieError:
        return {}
    return {key: morsel.value for key, morsel in jar.items()}


def set_cookie(name: str, value: str, *, max_age: int, http_only: bool = True, path: str = "/") -> str:
    parts = [f"{name}={value}", f"Path={path}", f"Max-Age={max_age}", "SameSite=Strict"]
    if deps().settings.cookie_secure:
        parts.append("Secure")
    if http_only:
        parts.append("HttpOnly")
    return "; ".join(parts)


def clear_cookie(name: str, path: str = "/", http_only: bool = True) -> str:
    return set_cookie(name, "", max_age=0, path=path, http_only=http_only)


def session_cookies(new: sessions.NewSession, device_token: str | None = None,
                    trust_token: str | None = None) -> list[str]:
    """The session and CSRF cookies; for a browser the account now knows, its device cookie; for one it now
    trusts, its trust cookie."""
    settings = deps().settings
    lifetime = settings.session_absolute_seconds
    found = [set_cookie(SESSION_COOKIE, new.token, max_age=lifetime),
             set_cookie(CSRF_COOKIE, new.csrf_token, max_age=lifetime, http_only=False),
             clear_cookie(LOGIN_COOKIE, path="/api/auth")]
    if device_token:
        found.append(set_cookie(DEVICE_COOKIE, device_token, max_age=DEVICE_COOKIE_SECONDS, path="/api/auth"))
    if trust_token:
        found.append(set_cookie(TRUST_COOKIE, trust_token, max_age=settings.trusted_browser_days * 24 * 3600,
                                path="/api/auth"))
    return found


def require_session(request: Request, role: str | None = None) -> sessions.Principal:
    """The caller's checked session; 401 without one, 403 with the wrong role."""
    jar = cookies(request)
    principal = sessions.authenticate(deps(), jar.get(SESSION_COOKIE), request.headers.get(CSRF_HEADER),
                                      state_changing=request.method in _STATE_CHANGING)
    logger.append_keys(user_id=principal.user_id)
    if role is not None and principal.role != role:
        raise errors.Forbidden()
    return principal


def csv_download(name: str, text: str) -> Response:
    """A CSV file for Dutch Excel as a download named `name`, never cached (it holds an employer's data)."""
    return Response(body=text, status_code=200, headers={
        "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": f'attachment; filename="{name}"',
        "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"})
