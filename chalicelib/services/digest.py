"""The weekly email about open tasks: a planner queues one message per user, a sender sends each once per week.

Planner: a paged Query on the employers that have open tasks (sparse index), their users (index) and the users
given access to them; one SQS message per eligible user, in batches of 10. Sender: per message, the user's
open-task count (BatchGetItem of their employers' counters; where the user is leidinggevende, a counting Query
of their departments' open tasks instead: a user who may see no open task gets no email), a conditional claim
keyed on user and ISO week (so a retried batch, a second planner run or a replayed event never sends twice), SES,
and the claim confirmed. SES throttling backs off and retries, then fails the message so SQS retries it later (and after
maxReceiveCount moves it to the dead-letter queue); a rejected address (hard bounce) is recorded, not retried.

Exactly once when a sender dies: its claim's lease is shorter than SQS's redelivery, so the message comes back
to find the claim stale and sends; a claim another sender holds fails the message for a later retry rather than
dropping it. An email SES took is recorded as sent by SES's own Send event (tagged with user and week), so a
sender that dies after SES's call, or cannot write `sent`, does not cause a second email.
"""
from __future__ import annotations

import json
import random
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from .. import store
from ..domain import accounts
from ..domain.errors import InvalidInput
from ..notify import templates
from ..notify.ports import SendFailed, SendRejected, SendThrottled
from ..observability import Metric, count, logger
from ..queue import BATCH, Queue
from ..store import records
from . import environments
from .deps import Deps

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse

TAG_USER, TAG_WEEK = "digest_user", "digest_week"
CLAIM_KEEP_SECONDS = 60 * 24 * 3600  # the claims of a week are kept well past that week, then TTL removes them
THROTTLE_TRIES = 4
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def parse_week(text: str) -> str:
    """A week like 2026-W48, checked to exist."""
    match = _WEEK.match(text or "")
    if match:
        try:
            date.fromisocalendar(int(match[1]), int(match[2]), 1)
            return text
        except ValueError:
            pass
    raise InvalidInput(f"Onbekende week '{text}': gebruik de vorm 2026-W48.", code="week_invalid", field="week")


# A planner run stops taking new employers when less than this is left of its Lambda time, and hands over.
PLANNER_RESERVE_SECONDS = 30


@dataclass
class PlanReport:
    week: str
    employers: int = 0
    employers_cleared: int = 0
    users: int = 0
    batches: int = 0
    user_ids: list[str] = field(default_factory=list)
    resume_after: str | None = None  # set when the run stopped early: the last employer it finished


def eligible(deps: Deps, user: records.User) -> bool:
    """Active werkgever users who can log in, with an address that has not hard-bounced."""
    status = accounts.effective_status(user.status, user.failed_count, deps.settings.lockout_threshold)
    return (user.role == accounts.Role.WERKGEVER.value and status is accounts.Status.ACTIVE
            and not user.email_bounced_at)


def plan(deps: Deps, week: str, queue: Queue, *, dry_run: bool = False, start_after: str | None = None,
         time_left: Callable[[], float] | None = None) -> PlanReport:
    """Queue one message per eligible user of every employer with open tasks; each user once per run.

    With `time_left` (seconds, from the Lambda context) the run stops between employers when its time runs
    short and names where to go on (`resume_after`); a user queued by two runs is still sent one email (the
    sender's claim).
    """
    report = PlanReport(week)
    pending: list[dict] = []
    seen: set[str] = set()
    for employer in store.digests.employers_with_open_tasks(start_after=start_after):
        if time_left is not None and report.employers and time_left() < PLANNER_RESERVE_SECONDS:
            break
        report.resume_after = employer.employer_id
        report.employers += 1
        if (employer.open_tasks or 0) <= 0:
            if not dry_run and store.digests.clear_flag(employer.employer_id):
                report.employers_cleared += 1
            continue
        for user in _users_of(employer.employer_id):
            if user.user_id in seen or not eligible(deps, user):
                continue
            seen.add(user.user_id)
            report.user_ids.append(user.user_id)
            pending.append({"user_id": user.user_id, "week": week})
            if len(pending) == BATCH:
                report.batches += _flush(queue, pending, dry_run)
    else:
        report.resume_after = None  # every employer done
    report.batches += _flush(queue, pending, dry_run)
    report.users = len(seen)
    logger.info("digest planned", extra={"week": week, "employers": report.employers, "users": report.users,
                                         "batches": report.batches, "dry_run": dry_run,
                                         "resume_after": report.resume_after})
    return report


def _users_of(employer_id: str) -> list[records.User]:
    return [*store.users.list_for_employer(employer_id),
            *store.users.get_many(store.employer_access.users_of(employer_id))]


def _flush(queue: Queue, pending: list[dict], dry_run: bool) -> int:
    if not pending:
        return 0
    if not dry_run:
        queue.send_batch(list(pending))
    pending.clear()
    return 1


def send_one(deps: Deps, user_id: str, week: str, *, sleep: Callable[[float], None] = time.sleep,
             before_send: Callable[[], None] = lambda: None) -> str:
    """Send one user's email of `week`, at most once. Returns what happened; raises to have SQS retry."""
    user = store.users.get(user_id)
    if user is None or not eligible(deps, user):
        count(Metric.DIGEST_SKIPPED)
        return "not_eligible"
    open_tasks = environments.open_task_count(user)
    if open_tasks == 0:
        count(Metric.DIGEST_SKIPPED)
        return "nothing_open"
    claim_id = uuid.uuid4().hex
    claim = store.digests.claim(user_id, week, deps.now(), deps.settings.digest_claim_seconds, CLAIM_KEEP_SECONDS,
                                claim_id)
    if claim is store.digests.Claim.DONE:
        return "already_sent"
    if claim is store.digests.Claim.HELD:
        raise ClaimHeld(user_id, week)
    message = templates.weekly_digest(open_tasks, deps.settings.portal_url)
    for attempt in range(THROTTLE_TRIES):
        try:
            before_send()
            deps.email.send_email(user.email, message.subject, message.body, tags=send_tags(user_id, week))
            break
        except SendThrottled:
            count(Metric.DIGEST_THROTTLED)
            if attempt == THROTTLE_TRIES - 1:
                _release(user_id, week, claim_id)
                raise
            sleep(0.2 * 2 ** attempt * (1 + random.random()))
        except SendRejected:
            store.digests.finish(user_id, week, "bounced", deps.now())
            store.users.mark_email_bounced(user_id, deps.now())
            count(Metric.DIGEST_BOUNCED)
            logger.warning("digest address rejected", extra={"user_id": user_id, "week": week})
            return "bounced"
        except SendFailed:
            _release(user_id, week, claim_id)
            raise
    count(Metric.DIGEST_SENT)
    count(Metric.EMAIL_SENT)
    if not store.digests.finish_if_possible(user_id, week, "sent", deps.now()):
        # Not raised: a retried message could send again. SES's Send event records it (record_feedback).
        logger.warning("digest sent, its record left to SES's Send event", extra={"user_id": user_id, "week": week})
    return "sent"


class ClaimHeld(Exception):
    """Another sender claimed this user's email moments ago: SQS brings the message back after the lease, to
    find it sent, or its sender dead and the claim free."""


def send_tags(user_id: str, week: str) -> dict[str, str]:
    """What SES hands back in its Send event, so that the event can record the email as sent."""
    return {TAG_USER: user_id, TAG_WEEK: week}


def _release(user_id: str, week: str, claim_id: str) -> None:
    """Give the claim back after a failed send. If that fails too, the claim goes stale within the lease, before
    SQS brings the message back: the retry re-takes it."""
    if not store.digests.release_if_possible(user_id, week, claim_id):
        logger.warning("digest claim not released; it goes stale", extra={"user_id": user_id, "week": week})


class Pacer:
    """Keeps one sender under its share of SES's rate: `rate` per second shared by `senders` senders."""

    def __init__(self, rate: float, senders: int, *, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic):
        self.interval = max(1, senders) / rate
        self._sleep = sleep
        self._clock = clock
        self._last: float | None = None

    def wait(self) -> None:
        now = self._clock()
        if self._last is not None and now - self._last < self.interval:
            self._sleep(self.interval - (now - self._last))
            now = self._clock()
        self._last = now


def handle_batch(deps: Deps, event: dict, context: Any = None, *, sleep: Callable[[float], None] = time.sleep,
                 pacer: Pacer | None = None, outcomes: list[str] | None = None) -> PartialItemFailureResponse:
    """The SQS sender: each record one user; only failed records are reported for retry (partial batch).

    Raises when every record failed (Powertools' default), so Lambda retries the batch as a whole.
    """
    from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response

    pacer = pacer or Pacer(deps.settings.ses_send_rate, deps.settings.digest_sender_concurrency, sleep=sleep)

    def record_handler(record: Any) -> str:
        body = json.loads(record.body)
        outcome = send_one(deps, body["user_id"], parse_week(body["week"]), sleep=sleep, before_send=pacer.wait)
        if outcomes is not None:
            outcomes.append(outcome)
        return outcome

    return process_partial_response(event=event, record_handler=record_handler,
                                    processor=BatchProcessor(event_type=EventType.SQS), context=context)


def run_planner(deps: Deps, event: dict | None = None, context: Any = None,
                hand_over: Callable[[str, dict], None] | None = None) -> dict:
    """The scheduled planner (Monday 08:00 Europe/Amsterdam): this ISO week unless the event names one.

    When its Lambda time runs short it invokes itself (asynchronously) to go on after the last employer done, so
    any number of users fits: each run handles what fits in its time.
    """
    from ..queue import SqsQueue, invoke_async

    event = event or {}
    week = parse_week(event.get("week") or iso_week(deps.today()))
    time_left = (lambda: context.get_remaining_time_in_millis() / 1000) if context is not None else None
    report = plan(deps, week, SqsQueue(deps.settings.digest_queue_url, deps.settings.region),
                  start_after=event.get("resume_after"), time_left=time_left)
    if report.resume_after:
        (hand_over or invoke_async)(context.invoked_function_arn, {"week": week, "resume_after": report.resume_after})
    return {"week": report.week, "employers": report.employers, "users": report.users, "batches": report.batches,
            "resume_after": report.resume_after}


@dataclass
class LocalRun:
    plan: PlanReport
    outcomes: dict[str, int]
    failed: int


def run_here(deps: Deps, week: str, *, dry_run: bool = False, sleep: Callable[[float], None] = time.sleep) -> LocalRun:
    """`manage.py send-digest`: the planner into a list, then the sender on it in SQS-sized batches."""
    from ..queue import ListQueue

    queue = ListQueue()
    report = plan(deps, week, queue, dry_run=dry_run)
    outcomes: list[str] = []
    failed = 0
    for start in range(0, len(queue.records), BATCH):
        event = {"Records": queue.records[start:start + BATCH]}
        try:
            failed += len(handle_batch(deps, event, sleep=sleep, outcomes=outcomes)["batchItemFailures"])
        except Exception:  # every record of the batch failed; each was logged by the batch processor
            logger.exception("digest batch failed")
            failed += len(event["Records"])
    return LocalRun(report, {name: outcomes.count(name) for name in sorted(set(outcomes))}, failed)


def record_feedback(deps: Deps, event: dict) -> dict[str, int]:
    """SES's events via SNS. A permanent bounce stops the weekly email to that address; a Send event of a weekly
    email records it as sent (the commit record when its sender died after SES took it, or lost SES's answer).

    The stack's configuration set publishes events (`"eventType": "Bounce"`); an identity's own feedback
    notifications say `"notificationType": "Bounce"`. Both are understood.
    """
    marked = confirmed = 0
    for record in event.get("Records", []):
        try:
            notice = json.loads(record["Sns"]["Message"])
        except (KeyError, TypeError, ValueError):
            logger.warning("ses feedback not understood")
            continue
        if not isinstance(notice, dict):
            logger.warning("ses feedback not understood")
            continue
        kind = notice.get("eventType") or notice.get("notificationType")
        if kind == "Send":
            confirmed += _confirm_sent(deps, notice)
        elif kind == "Bounce":
            marked += _record_bounce(deps, notice)
    return {"marked": marked, "confirmed": confirmed}


def _confirm_sent(deps: Deps, notice: dict) -> int:
    tags = (notice.get("mail") or {}).get("tags") or {}
    user, week = (tags.get(TAG_USER) or [None])[0], (tags.get(TAG_WEEK) or [None])[0]
    if not user or not week or not _WEEK.match(week):
        return 0  # not a weekly email
    return int(store.digests.confirm_sent(user, week, deps.now(), CLAIM_KEEP_SECONDS))


def _record_bounce(deps: Deps, notice: dict) -> int:
    bounce = notice.get("bounce") or {}
    if bounce.get("bounceType") != "Permanent":
        return 0
    marked = 0
    for recipient in bounce.get("bouncedRecipients", []):
        for user in store.users.find_by_email(recipient.get("emailAddress", "")):
            store.users.mark_email_bounced(user.user_id, deps.now())
            count(Metric.DIGEST_BOUNCED)
            marked += 1
    return marked
