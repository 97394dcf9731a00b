"""The weekly open-task email: which employers may have open tasks, and the once-per-week send claims."""
from __future__ import annotations

from typing import Iterator

from pynamodb.exceptions import DeleteError, DoesNotExist, PutError

from .conditions import condition_failed, conditional_update
from .models import DigestSend, Employer


def employers_with_open_tasks(page_size: int = 100, start_after: str | None = None) -> Iterator[Employer]:
    """Employers flagged as having open tasks, by id: a paged Query on the sparse with_open_tasks index,
    after the employer `start_after` when a planner run continues where an earlier one stopped."""
    start = None if start_after is None else {"open_tasks_flag": {"S": "open"}, "employer_id": {"S": start_after}}
    return Employer.with_open_tasks.query("open", page_size=page_size, last_evaluated_key=start)


def clear_flag(employer_id: str) -> bool:
    """Take an employer off the index, only if its count is still 0 (a task may have opened meanwhile)."""
    return conditional_update(Employer(employer_id), [Employer.open_tasks_flag.remove()],
                              Employer.open_tasks <= 0)


def claim(user_id: str, week: str, now: int, lease: int, keep: int) -> bool:
    """Claim this week's email for a user: a new claim, or one left `sending` longer than `lease` ago."""
    item = DigestSend(f"{user_id}#{week}", status="sending", claimed_at=now, expires_at=now + keep)
    stale = (DigestSend.status == "sending") & (DigestSend.claimed_at < now - lease)
    try:
        item.save(condition=DigestSend.user_week.does_not_exist() | stale)
    except PutError as error:
        if condition_failed(error):
            return False
        raise
    return True


def finish(user_id: str, week: str, status: str, now: int) -> None:
    DigestSend(f"{user_id}#{week}").update(actions=[DigestSend.status.set(status), DigestSend.sent_at.set(now)])


def release(user_id: str, week: str, claimed_at: int) -> None:
    """Give a claim back after a failed send, so a retry may send."""
    try:
        DigestSend(f"{user_id}#{week}").delete(condition=(DigestSend.status == "sending")
                                               & (DigestSend.claimed_at == claimed_at))
    except DeleteError as error:
        if not condition_failed(error):
            raise


def get(user_id: str, week: str) -> DigestSend | None:
    try:
        return DigestSend.get(f"{user_id}#{week}")
    except DoesNotExist:
        return None

