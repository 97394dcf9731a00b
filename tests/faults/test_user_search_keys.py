"""Gebruiker zoeken finds no one who is not there: an invitation undone takes its search keys with it."""
from __future__ import annotations

from chalicelib.store.models import UserSearchKey


def test_a_user_whose_invitation_could_not_be_sent_is_not_found(secretariat_browser, employer, faults):
    # Given an invitation whose email could not be sent (the user is removed again)
    faults.fail("ses", "SendEmail", "ServiceUnavailable")
    answer = secretariat_browser.post("/api/admin/users", {"name": "Vera Verdwenen", "email": "vera@jansen.nl",
                                                           "employer_id": employer["employer_id"]})
    faults.clear()
    assert answer.status == 502

    # When the secretariat searches her, nobody is found, and no search key of hers is left
    found = secretariat_browser.get("/api/admin/search?q=vera")
    assert found.status == 200 and found.body["users"] == []
    assert [k.key_user for k in UserSearchKey.query("users") if "vera" in k.key_user] == []
