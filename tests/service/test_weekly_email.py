"""The weekly email: every active werkgever with open tasks is told how many, once per week, and nothing more."""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from chalicelib import store
from chalicelib.notify.ports import SendFailed, SendRejected, SendThrottled
from chalicelib.services import absences, admin, audit, digest, employees
from chalicelib.services.absences import SickReport
from tests.support.accounts import PASSWORD
from tests.support.fakes import FakeQueue

WEEK, NEXT_WEEK = "2026-W39", "2026-W40"  # the test clock's Monday, 2026-09-21, and the next
JAN = employees.EmployeeForm(first_name="Jan", infix="de", last_name="Vries", personnel_number="1001",
                             date_of_birth="1980-04-12", start_date="2015-03-01", contract_hours="32")


def no_sleep(_seconds: float) -> None:
    pass


@dataclass
class Week:
    """One Monday: what the planner queued and what the sender did with each message."""
    planned: list[str]
    outcomes: list[str] = field(default_factory=list)


def _monday(deps, week: str = WEEK) -> Week:
    """The planner queues; the sender takes the queue's messages, as SQS hands them to its Lambda."""
    queue = FakeQueue()
    run = Week(digest.plan(deps, week, queue).user_ids)
    if queue.messages:
        digest.handle_batch(deps, {"Records": queue.records()}, sleep=no_sleep, outcomes=run.outcomes)
    return run


def _weekly(email, address: str) -> list:
    return [e for e in email.to(address) if e.subject.startswith("Verzuimportaal:")]


@pytest.fixture
def absence(deps, werkgever) -> dict:
    """Jan de Vries of Bakkerij Jansen BV reported sick a week ago: his Poortwachter tasks are open."""
    jan = employees.add(deps, werkgever, JAN)["employee_id"]
    reported, _ = absences.report_sick(deps, werkgever, SickReport(jan, "2026-09-14"), "ziek-1")
    return reported


def _colleague(deps, employer: str, username: str = "carla") -> str:
    user = admin.provision_active_user(deps, username=username, name=f"{username.title()} Collega",
                                       email=f"{username}@jansen.nl", role="werkgever", employer_id=employer,
                                       phone="0611111111", password=PASSWORD)
    return user.user_id


def test_each_werkgever_with_open_tasks_gets_one_email_with_the_count(deps, email, employer, wim, absence):
    _colleague(deps, employer)
    count = len(absence["tasks"])

    run = _monday(deps)

    assert run.outcomes == ["sent", "sent"]
    for address in ("wim@jansen.nl", "carla@jansen.nl"):
        [sent] = _weekly(email, address)
        assert sent.subject == f"Verzuimportaal: {count} taken open"
        assert f"Er staan in Verzuimportaal {count} taken voor u open." in sent.body
        assert f"{deps.settings.portal_url}/" in sent.body


def test_only_open_tasks_are_counted(deps, email, werkgever, wim, absence):
    for task in absence["tasks"][:2]:
        absences.mark_task_done(deps, werkgever, task["task_id"])

    _monday(deps)

    [sent] = _weekly(email, "wim@jansen.nl")
    assert sent.subject == f"Verzuimportaal: {len(absence['tasks']) - 2} taken open"


def test_the_email_names_no_employee_task_date_or_employer(deps, email, wim, absence):
    _monday(deps)

    [sent] = _weekly(email, "wim@jansen.nl")
    forbidden = ["Jan", "Vries", "1001", "Bakkerij", "Jansen", "Wim", wim.username, "ziek", "2026-09-14",
                 "14-09-2026", *(t["title"] for t in absence["tasks"]), *(t["due"] for t in absence["tasks"]),
                 *(f"{t['due'][8:10]}-{t['due'][5:7]}-{t['due'][:4]}" for t in absence["tasks"])]
    assert [word for word in forbidden if word.lower() in sent.text.lower()] == []


def test_one_email_per_week_however_often_the_planner_runs(deps, email, wim, absence):
    first = _monday(deps)
    again = _monday(deps)
    next_week = _monday(deps, NEXT_WEEK)

    assert (first.outcomes, again.outcomes, next_week.outcomes) == (["sent"], ["already_sent"], ["sent"])
    assert [e.tags for e in _weekly(email, "wim@jansen.nl")] == [
        digest.send_tags(wim.user_id, WEEK), digest.send_tags(wim.user_id, NEXT_WEEK)]


def test_no_email_to_a_blocked_or_deactivated_user_nor_to_an_address_that_bounced(deps, email, employer, wim,
                                                                                   absence):
    blocked, gone, bounced = (_colleague(deps, employer, name) for name in ("bert", "gerda", "bas"))
    for _ in range(deps.settings.lockout_threshold):
        store.users.record_failure(blocked, deps.settings.lockout_threshold)
    store.users.set_status(gone, "deactivated")
    store.users.mark_email_bounced(bounced, deps.now())

    run = _monday(deps)

    assert run.planned == [wim.user_id]
    assert {e.to for e in email.sent if e.subject.startswith("Verzuimportaal:")} == {"wim@jansen.nl"}


def test_a_user_blocked_after_the_planner_ran_gets_none(deps, email, wim, absence):
    queue = FakeQueue()
    digest.plan(deps, WEEK, queue)
    for _ in range(deps.settings.lockout_threshold):
        store.users.record_failure(wim.user_id, deps.settings.lockout_threshold)
    outcomes: list[str] = []

    digest.handle_batch(deps, {"Records": queue.records()}, sleep=no_sleep, outcomes=outcomes)

    assert outcomes == ["not_eligible"]
    assert _weekly(email, "wim@jansen.nl") == []


def test_no_email_once_every_task_is_done_and_the_employer_leaves_the_planners_list(deps, email, werkgever, wim,
                                                                                    absence):
    for task in absence["tasks"]:
        absences.mark_task_done(deps, werkgever, task["task_id"])

    run = _monday(deps)

    assert run.planned == [] and _weekly(email, "wim@jansen.nl") == []
    assert list(store.digests.employers_with_open_tasks()) == []


def test_a_user_with_access_to_two_employers_gets_one_email_with_both_counts(deps, email, wim, absence,
                                                                            principal_of):
    other = admin.create_employer(deps, "Zwart Transport")["employer_id"]
    store.employer_access.grant(wim.user_id, other, granted_at=deps.now(), granted_by=audit.CLI_ACTOR,
                                audit=audit.secretariat_line(deps, audit.CLI_ACTOR, "employer_access_granted", "user",
                                                             wim.user_id))
    piet_boss = store.users.get(_colleague(deps, other, "piet"))
    piet = employees.add(deps, principal_of(piet_boss), JAN)["employee_id"]
    theirs, _ = absences.report_sick(deps, principal_of(piet_boss), SickReport(piet, "2026-09-14"), "ziek-2")

    run = _monday(deps)

    assert sorted(run.outcomes) == ["sent", "sent"]
    [sent] = _weekly(email, "wim@jansen.nl")
    assert sent.subject == f"Verzuimportaal: {len(absence['tasks']) + len(theirs['tasks'])} taken open"
    [to_piet] = _weekly(email, "piet@jansen.nl")
    assert to_piet.subject == f"Verzuimportaal: {len(theirs['tasks'])} taken open"


def test_a_throttled_send_is_tried_again_and_goes_once(deps, email, wim, absence):
    email.fail_next(SendThrottled("Maximum sending rate exceeded"), times=digest.THROTTLE_TRIES - 1)

    run = _monday(deps)

    assert run.outcomes == ["sent"]
    assert len(_weekly(email, "wim@jansen.nl")) == 1


def test_a_failed_send_goes_back_to_the_queue_and_the_retry_sends_it_once(deps, email, wim, absence):
    queue = FakeQueue()
    digest.plan(deps, WEEK, queue)
    email.fail_next(SendFailed("SES is down"))
    with pytest.raises(Exception, match="All records failed"):
        digest.handle_batch(deps, {"Records": queue.records()}, sleep=no_sleep)
    assert _weekly(email, "wim@jansen.nl") == []
    outcomes: list[str] = []

    digest.handle_batch(deps, {"Records": queue.records()}, sleep=no_sleep, outcomes=outcomes)

    assert outcomes == ["sent"] and len(_weekly(email, "wim@jansen.nl")) == 1


def test_an_address_ses_rejects_gets_no_more_weekly_emails(deps, email, wim, absence):
    email.fail_next(SendRejected("on the suppression list"))

    assert _monday(deps).outcomes == ["bounced"]
    assert _monday(deps, NEXT_WEEK).planned == []
    assert _weekly(email, "wim@jansen.nl") == []
