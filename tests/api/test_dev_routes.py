"""The deployed app has no /dev routes: the outbox exists only in the local stand-in."""
import pytest


@pytest.mark.parametrize("path", ["/dev/outbox", "/dev/outbox.html", "/api/dev/outbox"])
def test_dev_routes_do_not_exist_in_the_app(client, path):
    answer = client.http.get(path)

    assert answer.status_code in (403, 404)
    assert b"sms" not in answer.body.lower()
