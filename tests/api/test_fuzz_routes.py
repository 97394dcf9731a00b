"""Every route of the route table, driven with generated bodies, headers, path parameters and methods: no answer
is a 500, and every error answer is `{"error", "message"}` (plus `"field"`), whoever asks.

Property-based (hypothesis), with a fixed seed so the suite is the same on every run; each route gets its own
examples. Found before: 60 KB of `[` (RecursionError on every JSON route), a lone surrogate in a password, a
blank email on forgot-username, a number of 5,000 digits.
"""
from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import app
from tests.support.accounts import PASSWORD, SECRETARIAT_PASSWORD, log_in

ROUTES = sorted(app.routes)
FIELDS = ("username", "password", "code", "phone", "name", "email", "employer_id", "employee_id", "first_sick_day",
          "date", "percentage", "identifier", "accept_terms", "terms_version", "end_other_sessions", "first_name",
          "last_name", "personnel_number", "date_of_birth", "start_date", "contract_hours", "vangnet", "q", "")
ODD = ["\x00", "\ud800", "\udfff", "\u202e", "\u200b", "’", "Zoë", "<script>", "../", "%00", " ", "9" * 30]

text = st.lists(st.one_of(st.characters(), st.sampled_from(ODD)), max_size=12).map("".join)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                    text, st.sampled_from(["2026-12-01", "01-12-2026", "0612345678", "+31612345678", "abc123"]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.one_of(st.sampled_from(FIELDS), text), inner, max_size=4)),
    max_leaves=8)
bodies = st.one_of(
    st.none(),
    st.dictionaries(st.one_of(st.sampled_from(FIELDS), text), values, max_size=6).map(
        lambda d: json.dumps(d, ensure_ascii=True).encode()),  # ensure_ascii keeps lone surrogates as \udxxx
    values.map(lambda v: json.dumps(v, ensure_ascii=True).encode()),
    st.binary(max_size=200),
    st.integers(min_value=1, max_value=20_000).map(lambda n: b"[" * n),
    st.integers(min_value=1, max_value=20_000).map(lambda n: b'{"a":' * n),
)
header_text = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40)
headers = st.fixed_dictionaries({}, optional={
    "Content-Type": st.sampled_from(["application/json", "text/plain", "application/json; charset=utf-8",
                                     "application/x-www-form-urlencoded", "multipart/form-data", "*/*", ""]),
    "X-CSRF-Token": header_text,
    "Idempotency-Key": header_text,
    "Accept": st.sampled_from(["application/json", "image/png", "*/*", "text/csv"]),
    "Cookie": header_text,
})
methods = st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH"])
who = st.sampled_from(["anonymous", "werkgever", "secretariaat"])


@pytest.fixture
def signed_in(new_browser, outbox, werkgever, secretariat, totp_key):
    """A werkgever's and the secretariat's browsers, signed in once for all examples of a route."""
    werkgever_browser, secretariat_browser = new_browser(), new_browser()
    log_in(werkgever_browser, outbox, "wjansen", PASSWORD, "+31612345678")
    log_in(secretariat_browser, outbox, "secretariaat", SECRETARIAT_PASSWORD, "+31687654321")
    return {"anonymous": new_browser(), "werkgever": werkgever_browser, "secretariaat": secretariat_browser}


def _path(route: str, parameters: list[str]) -> str:
    parts, params = [], iter(parameters)
    for part in route.split("/"):
        # a lone surrogate travels as its (invalid) UTF-8 bytes, percent-encoded, as a client could send it
        value = (next(params, "x") or "x").encode("utf-8", "surrogatepass")
        parts.append(quote(value, safe="") if part.startswith("{") else part)
    return "/".join(parts)


@pytest.mark.parametrize("route", ROUTES)
@settings(max_examples=12, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(data=st.data())
def test_no_route_answers_500_and_every_error_is_in_our_shape(signed_in, route, data):
    # Given anyone, any method the route has or not, any path parameters, headers and body
    method = data.draw(st.one_of(st.sampled_from(sorted(app.routes[route])), methods), label="method")
    parameters = data.draw(st.lists(text, min_size=3, max_size=3), label="path parameters")
    sent_headers = data.draw(headers, label="headers")
    raw = data.draw(bodies, label="body")
    browser = signed_in[data.draw(who, label="who")]
    # When the request reaches the API
    answer = browser.request(method, _path(route, parameters), raw=raw or b"", headers=sent_headers,
                             csrf="X-CSRF-Token" not in sent_headers)
    # Then it is never a 500, and an error says what went wrong in our shape
    assert answer.status < 500 or answer.error == "delivery_failed", (answer.status, answer.body)
    if answer.status >= 400:
        assert isinstance(answer.body, dict) and {"error", "message"} <= set(answer.body) <= {
            "error", "message", "field", "errors"}, answer.body
        assert isinstance(answer.body["message"], str) and answer.body["message"]
        # an invalid form lists every field's problem, each with a message to show beside its field
        for problem in answer.body.get("errors", []):
            assert set(problem) == {"field", "message"} and problem["message"], answer.body
