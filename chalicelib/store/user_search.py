"""The secretariat's reads across every employer: "Gebruiker zoeken" (table `user-search`) and the users that need
its attention (the users table's status indexes). No Scan, except in `rebuild_keys` (a one-off admin command)."""
from __future__ import annotations

from collections.abc import Iterator

from ..domain.user_search import search_keys
from . import records
from .mapping import to_record
from .models import User, UserSearchKey

SCOPE = "users"


def key_items(user: records.User) -> list[UserSearchKey]:
    """The search-key items of a user: written with the user (users.create), removed with it (users.delete)."""
    return [UserSearchKey(SCOPE, f"{key}#{user.user_id}", user_id=user.user_id)
            for key in sorted(search_keys(user.name, user.username, user.email))]


def candidates(prefix: str, limit: int = 200, start: dict | None = None) -> tuple[list[str], dict | None]:
    """Ids of users with a search key starting with `prefix`: one Query, `limit` keys a page. Returns the ids and
    where the next page starts (None: no more keys)."""
    page = UserSearchKey.query(SCOPE, UserSearchKey.key_user.startswith(prefix), limit=limit,
                               last_evaluated_key=start)
    ids = dict.fromkeys(item.user_id for item in page)
    return list(ids), page.last_evaluated_key


def blocked(threshold: int, limit: int) -> list[records.User]:
    """Active users whose failure count reached the threshold: one Query on `by_failures`, most failures first."""
    return _users(User.by_failures.query("active", User.failed_count >= threshold, limit=limit,
                                         scan_index_forward=False))


def invitations_expiring(since: int, until: int, limit: int) -> list[records.User]:
    """Invited users whose link expires (or expired) between `since` and `until`, latest expiry first: one Query
    on the sparse `by_invitation_expiry`."""
    return _users(User.by_invitation_expiry.query("invited", User.invitation_expires_at.between(since, until),
                                                  limit=limit, scan_index_forward=False))


def pending_phones(limit: int) -> list[records.User]:
    """Active users with a new mobile number not yet confirmed by SMS code: one Query on the sparse
    `by_pending_phone`."""
    return _users(User.by_pending_phone.query("active", limit=limit))


def _users(items: Iterator[User]) -> list[records.User]:
    return [to_record(records.User, item) for item in items]


def rebuild_keys() -> int:
    """Write the search keys of every user (for users made before the table existed). A Scan of the users table:
    only for `manage.py rebuild-user-search`, never on a request path. Returns the number of users."""
    count = 0
    with UserSearchKey.batch_write() as batch:
        for item in User.scan():
            for key in key_items(to_record(records.User, item)):
                batch.save(key)
            count += 1
    return count
