"""Errors nobody planned for still answer in the portal's shape: `{"error", "message"}` in Dutch, with the
request id in a header — never Chalice's English `{"Code", "Message"}`."""
from __future__ import annotations

from chalicelib.services import me


def _in_our_shape(answer) -> None:
    assert isinstance(answer.body, dict) and set(answer.body) == {"error", "message"}, answer.body
    assert "Code" not in answer.body and "Message" not in answer.body


def test_an_unhandled_exception_answers_internal_error_in_dutch_with_the_request_id(
        werkgever_browser, monkeypatch):
    # Given a bug deep in a service
    def broken(*args, **kwargs):
        raise KeyError("a bug")

    monkeypatch.setattr(me, "me", broken)
    # When the portal asks who is signed in
    answer = werkgever_browser.get("/api/auth/me")
    # Then the user gets a Dutch 500 that names the request, and a header carries the same id
    assert answer.status == 500
    _in_our_shape(answer)
    assert answer.error == "internal_error"
    assert "secretariaat" in answer.body["message"]
    request_id = answer.headers["X-Request-Id"]
    assert request_id and request_id in answer.body["message"]


def test_a_method_a_route_does_not_have_answers_405_in_our_shape(browser):
    # When a client sends DELETE to the login route, which only takes POST
    answer = browser.delete("/api/auth/login")
    # Then the answer is Dutch and says which methods the route does take
    assert answer.status == 405
    _in_our_shape(answer)
    assert answer.error == "method_not_allowed"
    assert answer.headers["Allow"] == "POST"


def test_a_body_that_is_not_json_answers_415_in_our_shape(browser):
    # When a form post arrives instead of JSON
    answer = browser.post("/api/auth/login", raw=b"username=a&password=b",
                          headers={"Content-Type": "application/x-www-form-urlencoded"})
    # Then the portal says to send JSON, in Dutch
    assert answer.status == 415
    _in_our_shape(answer)
    assert answer.error == "unsupported_media_type"
    assert "JSON" in answer.body["message"]
