"""API Gateway's REST API in front of the shipped API function, as the synthesised template configures it.

A request is routed by the template's own swagger (`AWS::Serverless::Api` DefinitionBody): a path or method it
does not list never reaches the function and gets API Gateway's MISSING_AUTHENTICATION_TOKEN gateway response,
rendered from the template's `GatewayResponses` (or API Gateway's English default when the template has none).
A routed request becomes the exact REST proxy event API Gateway sends (`headers` and `multiValueHeaders`,
`requestContext` with its `requestId`, `resourcePath` and `identity`); the function's answer becomes the
HTTP answer, or a 502 when the function fails or answers in a shape API Gateway rejects.
"""
from __future__ import annotations

import json
import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from . import waf
from .lambda_runtime import LambdaFunction
from .portal import browser_headers, remember_cookies

_DEFAULT_STATUS = {"MISSING_AUTHENTICATION_TOKEN": 403, "DEFAULT_5XX": 502, "REQUEST_TOO_LARGE": 413}
MAX_PAYLOAD_BYTES = 10 * 1024 * 1024
"""API Gateway's payload limit."""


@dataclass
class HttpAnswer:
    status: int
    headers: dict[str, list[str]]
    body: Any
    reached_function: bool

    def header(self, name: str) -> str | None:
        values = {key.lower(): value for key, value in self.headers.items()}.get(name.lower())
        return values[-1] if values else None

    @property
    def error(self) -> str | None:
        return self.body.get("error") if isinstance(self.body, dict) else None


@dataclass
class RestApi:
    template_api: dict
    """The Serverless::Api's properties, intrinsic functions resolved."""
    function: LambdaFunction
    account: str
    region: str
    origin_headers: dict[str, str] = field(default_factory=dict)
    """What CloudFront adds to each /api/* request on its way to API Gateway."""
    web_acl: dict | None = None
    """The regional WAF web ACL on the API's stage, intrinsic functions resolved."""
    cookies: dict[str, str] = field(default_factory=dict)

    @property
    def stage(self) -> str:
        return self.template_api["StageName"]

    def _route(self, method: str, path: str) -> tuple[str, dict[str, str]] | None:
        for resource, methods in self.template_api["DefinitionBody"]["paths"].items():
            pattern = "^" + re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(resource)) + "$"
            match = re.match(pattern, path)
            if match and (method.lower() in methods or "x-amazon-apigateway-any-method" in methods):
                return resource, match.groupdict()
        return None

    def request(self, method: str, path: str, body: Any = None, *, headers: dict[str, str] | None = None,
                raw: str | None = None, csrf: bool = True, through_cloudfront: bool = True) -> HttpAnswer:
        """A browser's request through CloudFront to API Gateway (or, `through_cloudfront=False`, straight to
        execute-api); cookies kept like a browser keeps them."""
        sent = browser_headers(self.cookies, method, csrf, {
            "Accept": "application/json", "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36",
            **(headers or {})})
        payload = raw if raw is not None else (json.dumps(body) if body is not None else None)
        request_id = str(uuid.uuid4())
        if through_cloudfront:
            sent.update(self.origin_headers)
        refused = self._web_acl(method, f"/{self.stage}{path}", sent, request_id)
        if refused is not None:
            return refused
        if payload is not None and len(payload.encode()) > MAX_PAYLOAD_BYTES:
            return self.gateway_response("REQUEST_TOO_LARGE", request_id)
        path_only, _, query = path.partition("?")
        routed = self._route(method, path_only)
        if routed is None:
            return self.gateway_response("MISSING_AUTHENTICATION_TOKEN", request_id)
        resource, parameters = routed
        event = self.proxy_event(method, path_only, query, resource, parameters, sent, payload, request_id)
        invocation = self.function.invoke(event)
        if invocation.error is not None or not _proxy_shape(invocation.result):
            return self.gateway_response("DEFAULT_5XX", request_id)
        return self._answer(invocation.result, request_id)

    def get(self, path: str, **kw: Any) -> HttpAnswer:
        return self.request("GET", path, **kw)

    def post(self, path: str, body: Any = None, **kw: Any) -> HttpAnswer:
        return self.request("POST", path, body, **kw)

    def _web_acl(self, method: str, path: str, headers: dict[str, str], request_id: str) -> HttpAnswer | None:
        """The regional WAF's verdict, rules by priority, then the default action; None: let it through."""
        if self.web_acl is None:
            return None
        request = {"method": method, "path": path, "headers": {k.lower(): v for k, v in headers.items()}}
        for rule in sorted(self.web_acl["Rules"], key=lambda r: r["Priority"]):
            if waf.matches(rule["Statement"], request):
                return None if "Allow" in rule["Action"] else self._blocked(rule["Action"]["Block"], request_id)
        default = self.web_acl["DefaultAction"]
        return None if "Allow" in default else self._blocked(default["Block"], request_id)

    def _blocked(self, block: dict, request_id: str) -> HttpAnswer:
        custom = block.get("CustomResponse", {})
        body = self.web_acl.get("CustomResponseBodies", {}).get(custom.get("CustomResponseBodyKey"), {})
        return HttpAnswer(int(custom.get("ResponseCode", 403)), {"x-amzn-RequestId": [request_id]},
                          _parsed(body.get("Content")), False)

    def proxy_event(self, method: str, path: str, query: str, resource: str, parameters: dict[str, str],
                    headers: dict[str, str], body: str | None, request_id: str) -> dict:
        """The REST API proxy integration's event, with the headers CloudFront adds on the way."""
        api_id = self.template_api.get("_api_id", "abcdef1234")
        host = f"{api_id}.execute-api.{self.region}.amazonaws.com"
        forwarded = {**headers, "Host": host, "X-Forwarded-For": "203.0.113.7, 130.176.0.1",
                     "X-Forwarded-Proto": "https", "X-Forwarded-Port": "443",
                     "Via": "2.0 abc.cloudfront.net (CloudFront)", "X-Amz-Cf-Id": uuid.uuid4().hex,
                     "X-Amzn-Trace-Id": f"Root=1-{uuid.uuid4().hex[:8]}-{uuid.uuid4().hex[:24]}",
                     "CloudFront-Viewer-Country": "NL", "CloudFront-Is-Desktop-Viewer": "true"}
        pairs = [pair.split("=", 1) + [""] for pair in query.split("&") if pair]
        multi_query: dict[str, list[str]] = {}
        for name, value, *_ in pairs:
            multi_query.setdefault(name, []).append(value)
        now = time.time()
        return {
            "resource": resource, "path": path, "httpMethod": method,
            "headers": forwarded, "multiValueHeaders": {name: [value] for name, value in forwarded.items()},
            "queryStringParameters": {k: v[-1] for k, v in multi_query.items()} or None,
            "multiValueQueryStringParameters": multi_query or None,
            "pathParameters": parameters or None, "stageVariables": None,
            "requestContext": {
                "resourceId": "abc123", "resourcePath": resource, "httpMethod": method,
                "extendedRequestId": uuid.uuid4().hex[:16], "requestTime": time.strftime("%d/%b/%Y:%H:%M:%S +0000",
                                                                                         time.gmtime(now)),
                "path": f"/{self.stage}{path}", "accountId": self.account, "protocol": "HTTP/1.1",
                "stage": self.stage, "domainPrefix": api_id, "requestTimeEpoch": int(now * 1000),
                "requestId": request_id, "domainName": host, "apiId": api_id,
                "identity": {"cognitoIdentityPoolId": None, "accountId": None, "cognitoIdentityId": None,
                             "caller": None, "sourceIp": "130.176.0.1", "principalOrgId": None, "accessKey": None,
                             "cognitoAuthenticationType": None, "cognitoAuthenticationProvider": None,
                             "userArn": None, "userAgent": "Amazon CloudFront", "user": None},
            },
            "body": body, "isBase64Encoded": False,
        }

    def _answer(self, result: dict, request_id: str) -> HttpAnswer:
        headers: dict[str, list[str]] = {name: [str(value)] for name, value in (result.get("headers") or {}).items()}
        for name, values in (result.get("multiValueHeaders") or {}).items():
            headers[name] = [str(value) for value in values]
        headers["x-amzn-RequestId"] = [request_id]
        remember_cookies(self.cookies, headers.get("Set-Cookie", []) + headers.get("set-cookie", []))
        return HttpAnswer(int(result["statusCode"]), headers, _parsed(result.get("body")), True)

    def gateway_response(self, response_type: str, request_id: str) -> HttpAnswer:
        """What API Gateway itself answers, as the template's GatewayResponses configure it."""
        responses = self.template_api.get("GatewayResponses", {})
        fallback = "DEFAULT_5XX" if response_type in ("DEFAULT_5XX", "INTEGRATION_FAILURE",
                                                      "INTEGRATION_TIMEOUT") else "DEFAULT_4XX"
        configured = responses.get(response_type) or responses.get(fallback)
        status = _DEFAULT_STATUS.get(response_type, 400 if fallback == "DEFAULT_4XX" else 502)
        headers = {"x-amzn-RequestId": [request_id], "x-amzn-ErrorType": [response_type]}
        if configured is None:  # API Gateway's own English default
            message = {"MISSING_AUTHENTICATION_TOKEN": "Missing Authentication Token"}.get(response_type,
                                                                                         "Internal server error")
            return HttpAnswer(status, {**headers, "Content-Type": ["application/json"]}, {"message": message}, False)
        status = int(configured.get("StatusCode", status))
        for name, value in configured.get("ResponseParameters", {}).get("Headers", {}).items():
            headers[name] = [value.strip("'")]
        template = configured.get("ResponseTemplates", {}).get("application/json", "")
        body = template.replace("$context.requestId", request_id)
        return HttpAnswer(status, headers, _parsed(body), False)


def _proxy_shape(result: Any) -> bool:
    """API Gateway's rule for a Lambda proxy answer: an object with an integer statusCode and a string body."""
    return (isinstance(result, dict) and isinstance(result.get("statusCode"), int)
            and isinstance(result.get("body", ""), (str, type(None))))


def _parsed(body: str | None) -> Any:
    try:
        return json.loads(body) if body else None
    except ValueError:
        return body
