"""What an AWS WAF statement of our web ACLs decides for a request: the text transformations and matches the
stack uses (ByteMatch, RegexMatch, And, Or, Not), evaluated as WAF documents them. Anything else raises."""
from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote


def transform(value: str, transformations: list[dict]) -> str:
    for step in sorted(transformations, key=lambda t: t["Priority"]):
        kind = step["Type"]
        if kind == "NONE":
            continue
        if kind == "URL_DECODE":
            value = unquote(value)
        elif kind == "LOWERCASE":
            value = value.lower()
        elif kind == "UPPERCASE":
            value = value.upper()
        elif kind == "NORMALIZE_PATH":
            # multiple slashes become one, /./ and /../ are resolved (not past the start), as WAF documents
            collapsed = re.sub(r"/{2,}", "/", value)
            normalised = posixpath.normpath(collapsed) if collapsed else collapsed
            value = normalised + ("/" if collapsed.endswith("/") and normalised != "/" else "")
        else:
            raise ValueError(f"text transformation {kind} is not understood here")
    return value


def _field(field: dict, request: dict) -> str:
    if "UriPath" in field:
        return request["path"]
    if "Method" in field:
        return request["method"]
    if "SingleHeader" in field:
        return request.get("headers", {}).get(field["SingleHeader"]["Name"].lower(), "")
    raise ValueError(f"field {field} is not understood here")


def matches(statement: dict, request: dict) -> bool:
    """Does `statement` (a template's WAF Statement) match `request` = {"method", "path", "headers"}?"""
    if "AndStatement" in statement:
        return all(matches(s, request) for s in statement["AndStatement"]["Statements"])
    if "OrStatement" in statement:
        return any(matches(s, request) for s in statement["OrStatement"]["Statements"])
    if "NotStatement" in statement:
        return not matches(statement["NotStatement"]["Statement"], request)
    if "ByteMatchStatement" in statement:
        match = statement["ByteMatchStatement"]
        value = transform(_field(match["FieldToMatch"], request), match["TextTransformations"])
        wanted = match["SearchString"]
        wanted = wanted.decode() if isinstance(wanted, bytes) else wanted  # boto3 answers it as a blob
        constraint = match["PositionalConstraint"]
        return {"EXACTLY": value == wanted, "STARTS_WITH": value.startswith(wanted),
                "ENDS_WITH": value.endswith(wanted), "CONTAINS": wanted in value}[constraint]
    if "RegexMatchStatement" in statement:
        match = statement["RegexMatchStatement"]
        value = transform(_field(match["FieldToMatch"], request), match["TextTransformations"])
        return re.search(match["RegexString"], value) is not None
    raise ValueError(f"statement {list(statement)} is not understood here")
