"""The weekly open-task email: which employers may have open tasks, and the once-per-week send claims."""
from __future__ import annotations

from collections.abc import Iterator
from enum import Enum

from pynamodb.exceptions import DeleteError, DoesNotExist, PutError, PynamoDBException

from . import records
from .conditions import condition_failed, conditional_update
from .mapping import to_record
from .models import DigestSend, Employer


def employers_with_open_tasks(page_size: int = 100, start_after: str | None = None) -> Iterator[records.Employer]:
    """Employers flagged as having open tasks, by id: a paged Query on the sparse with_open_tasks index,
    after the employer `start_after` when a planner run continues where an earlier one stopped. Lazy: a page is
    read when the caller gets that far."""
    start = None if start_after is None else {"open_tasks_flag": {"S": "open"}, "employer_id": {"S": start_after}}
    items = Employer.with_open_tasks.query("open", page_size=page_size, last_evaluated_key=start)
    return (to_record(records.Employer, item) for item in items)


def clear_flag(employer_id: str) -> bool:
    """Take an employer off the index, only if its count is still 0 (a task may have opened meanwhile)."""
    return conditional_update(Employer(employer_id), [Employer.open_tasks_flag.remove()],
                              Employer.open_tasks <= 0)


class Claim(Enum):
    CLAIMED = "claimed"
    """This sender may send: a new claim, a stale one re-taken, or its own whose answer was lost."""
    DONE = "done"
    """The email of that week went (or its address bounced)."""
    HELD = "held"
    """Another sender claimed it less than the lease ago and may be sending now."""


def claim(user_id: str, week: str, now: int, lease: int, keep: int, claim_id: str) -> Claim:
    """Claim this week's email for a user: a new claim, or one left `sending` longer than `lease` ago (its
    sender died). A repeat of this very write (botocore resends it when its answer was lost) finds its own mark."""
    item = DigestSend(_key(user_id, week), status="sending", claimed_at=now, claim_id=claim_id,
                      expires_at=now + keep)
    stale = (DigestSend.status == "sending") & (DigestSend.claimed_at < now - lease)
    try:
        item.save(condition=DigestSend.user_week.does_not_exist() | stale)
    except PutError as error:
        if not condition_failed(error):
            raise
        current = get(user_id, week)
        if current is not None and current.claim_id == claim_id:
            return Claim.CLAIMED
        return Claim.HELD if current is None or current.status == "sending" else Claim.DONE
    return Claim.CLAIMED


def finish(user_id: str, week: str, status: str, now: int) -> None:
    DigestSend(_key(user_id, week)).update(actions=[DigestSend.status.set(status), DigestSend.sent_at.set(now)])


def finish_if_possible(user_id: str, week: str, status: str, now: int) -> bool:
    """`finish`, False instead of an error when DynamoDB fails (the caller has a backstop: SES's Send event)."""
    try:
        finish(user_id, week, status, now)
    except PynamoDBException:
        return False
    return True


def release_if_possible(user_id: str, week: str, claim_id: str) -> bool:
    """`release`, False instead of an error when DynamoDB fails (the claim then goes stale within its lease)."""
    try:
        release(user_id, week, claim_id)
    except PynamoDBException:
        return False
    return True


def confirm_sent(user_id: str, week: str, now: int, keep: int) -> bool:
    """SES's record that it accepted the email (its Send event): the week's email went, whatever the sender did
    after its call — died, lost the answer, or failed to write `sent`. False if it was already recorded."""
    return conditional_update(DigestSend(_key(user_id, week)), [
        DigestSend.status.set("sent"), DigestSend.sent_at.set(DigestSend.sent_at | now),
        DigestSend.claimed_at.set(DigestSend.claimed_at | now),
        DigestSend.expires_at.set(DigestSend.expires_at | now + keep)],
        DigestSend.status.does_not_exist() | (DigestSend.status == "sending"))


def release(user_id: str, week: str, claim_id: str) -> None:
    """Give a claim back after a failed send, so a retry may send."""
    try:
        DigestSend(_key(user_id, week)).delete(condition=(DigestSend.status == "sending")
                                               & (DigestSend.claim_id == claim_id))
    except DeleteError as error:
        if not condition_failed(error):
            raise


def _key(user_id: str, week: str) -> str:
    return f"{user_id}#{week}"


def get(user_id: str, week: str) -> DigestSend | None:
    try:
        return DigestSend.get(_key(user_id, week), consistent_read=True)
    except DoesNotExist:
        return None

