"""The weekly open-task email: who gets it, what it says (and does not say), exactly once per user per week."""
from __future__ import annotations

import json

import pytest

import manage
from chalicelib import store
from chalicelib.notify.ports import SendRejected, SendThrottled
from chalicelib.queue import ListQueue
from chalicelib.services import admin, digest, environments
from tests.support.accounts import PASSWORD
from tests.support.people import JAN

WEEK = "2026-W39"  # the test clock's Monday, 2026-09-21


def no_sleep(_seconds: float) -> None:
    pass


def run(deps, week=WEEK, **kw):
    return digest.run_here(deps, week, sleep=no_sleep, **kw)


def digests(outbox, to=None):
    return [m for m in outbox.emails(to) if m.subject.startswith("Verzuimportaal:")]


@pytest.fixture
def absence(werkgever_browser):
    """Jan de Vries of Bakkerij Jansen BV reported sick: his Poortwachter tasks are open."""
    jan = werkgever_browser.post("/api/employees", JAN).body["employee_id"]
    return werkgever_browser.post("/api/absences", {"employee_id": jan, "first_sick_day": "2026-09-14"},
                                  headers={"Idempotency-Key": "digest"}).body


@pytest.fixture
def colleague(deps, employer):
    return admin.provision_active_user(deps, username="collega", name="Carla Collega", email="carla@jansen.nl",
                                       role="werkgever", employer_id=employer["employer_id"], phone="0611111111",
                                       password=PASSWORD)


def test_iso_week_of_the_monday():
    from datetime import date

    assert digest.iso_week(date(2026, 9, 21)) == WEEK
    assert digest.iso_week(date(2027, 1, 1)) == "2026-W53"


def test_each_user_with_open_tasks_gets_one_email_with_the_count(deps, absence, colleague, werkgever, outbox):
    result = run(deps)

    assert result.outcomes == {"sent": 2} and result.failed == 0
    for address in ("wim@jansen.nl", "carla@jansen.nl"):
        [email] = digests(outbox, address)
        assert f"{len(absence['tasks'])} taken" in email.subject
        assert f"Er staan in Verzuimportaal {len(absence['tasks'])} taken voor u open." in email.body
        assert f"{deps.settings.portal_url}/" in email.body


def test_the_email_names_no_employee_task_date_or_employer(deps, absence, werkgever, outbox):
    run(deps)

    [email] = digests(outbox, "wim@jansen.nl")
    text = f"{email.subject}\n{email.body}"
    forbidden = ["Jan", "Vries", "1001", "Bakkerij", "Jansen", "Wim", werkgever.username]
    forbidden += [t["title"] for t in absence["tasks"]]
    forbidden += [t["due"] for t in absence["tasks"]]
    forbidden += [f"{t['due'][8:10]}-{t['due'][5:7]}-{t['due'][:4]}" for t in absence["tasks"]]
    forbidden += ["2026-09-14", "14-09-2026", "ziek"]
    assert [word for word in forbidden if word.lower() in text.lower()] == []


def test_a_second_run_in_the_same_week_sends_nothing(deps, absence, werkgever, outbox):
    run(deps)

    again = run(deps)

    assert again.outcomes == {"already_sent": 1}
    assert len(digests(outbox, "wim@jansen.nl")) == 1


def test_next_week_the_email_comes_again(deps, absence, werkgever, outbox):
    run(deps)

    run(deps, "2026-W40")

    assert len(digests(outbox, "wim@jansen.nl")) == 2


def test_a_replayed_sqs_batch_sends_nothing_twice(deps, client, absence, colleague, werkgever, outbox):
    queue = ListQueue()
    digest.plan(deps, WEEK, queue)
    event = {"Records": queue.records}

    first = client.lambda_.invoke("digest_sender", event)
    replay = client.lambda_.invoke("digest_sender", event)

    assert first.payload == replay.payload == {"batchItemFailures": []}
    assert len(digests(outbox)) == 2


def test_users_without_open_tasks_get_nothing(deps, werkgever, outbox, absence):
    for task in absence["tasks"]:
        store.absences.mark_done(werkgever.employer_id, task["task_id"], werkgever.user_id, deps.now())

    result = run(deps)

    assert result.plan.users == 0 and digests(outbox) == []
    assert result.plan.employers_cleared == 1, "the employer leaves the planner's index"
    assert list(store.digests.employers_with_open_tasks()) == []


def test_blocked_deactivated_and_invited_users_get_nothing(deps, absence, werkgever, colleague, employer, outbox):
    for _ in range(deps.settings.lockout_threshold):
        store.users.record_failure(colleague.user_id, deps.settings.lockout_threshold)
    admin.deactivate(deps, werkgever.user_id)
    from chalicelib.services import invitations

    invitations.invite(deps, name="Ina Nieuw", email="ina@jansen.nl", employer_id=employer["employer_id"], phone=None)

    result = run(deps)

    assert result.plan.users == 0 and digests(outbox) == []


def test_a_user_with_two_employers_gets_one_email_with_both_counts(deps, absence, werkgever, outbox, werkgever_browser):
    other = admin.create_employer(deps, "Tweede BV")
    environments.grant(deps, werkgever.user_id, other["employer_id"])
    werkgever_browser.post("/api/auth/environment", {"employer_id": other["employer_id"]})
    piet = werkgever_browser.post("/api/employees", {**JAN, "first_name": "Piet"}).body["employee_id"]
    second = werkgever_browser.post("/api/absences", {"employee_id": piet, "first_sick_day": "2026-09-01"},
                                    headers={"Idempotency-Key": "tweede"}).body

    result = run(deps)

    assert result.outcomes == {"sent": 1}
    [email] = digests(outbox, "wim@jansen.nl")
    assert f"{len(absence['tasks']) + len(second['tasks'])} taken" in email.subject


class FlakySes:
    """SES that throttles the first `throttles` sends, or rejects one address; otherwise moto's SES."""

    def __init__(self, real, throttles=0, reject=None):
        self.real, self.throttles, self.reject, self.calls = real, throttles, reject, 0

    def send_email(self, to, subject, body, tags=None):
        self.calls += 1
        if to == self.reject:
            raise SendRejected("MessageRejected")
        if self.throttles > 0:
            self.throttles -= 1
            raise SendThrottled("Throttling")
        self.real.send_email(to, subject, body, tags)


def test_ses_throttling_backs_off_and_sends_once(deps, absence, werkgever, outbox, monkeypatch):
    monkeypatch.setattr(deps, "email", FlakySes(deps.email, throttles=2))

    result = run(deps)

    assert result.outcomes == {"sent": 1} and deps.email.calls == 3
    assert len(digests(outbox)) == 1


def test_lasting_throttling_fails_only_that_message_and_a_retry_sends_it(deps, absence, werkgever, colleague,
                                                                           outbox, monkeypatch):
    queue = ListQueue()
    digest.plan(deps, WEEK, queue)
    flaky = FlakySes(deps.email, throttles=digest.THROTTLE_TRIES)
    monkeypatch.setattr(deps, "email", flaky)

    answer = digest.handle_batch(deps, {"Records": queue.records}, sleep=no_sleep)

    assert answer["batchItemFailures"] == [{"itemIdentifier": queue.records[0]["messageId"]}]
    assert len(digests(outbox)) == 1
    retried = digest.handle_batch(deps, {"Records": queue.records[:1]}, sleep=no_sleep)
    assert retried["batchItemFailures"] == [] and len(digests(outbox)) == 2


def test_a_hard_bounce_is_recorded_and_not_retried(deps, absence, werkgever, outbox, monkeypatch):
    monkeypatch.setattr(deps, "email", FlakySes(deps.email, reject="wim@jansen.nl"))
    queue = ListQueue()
    digest.plan(deps, WEEK, queue)

    answer = digest.handle_batch(deps, {"Records": queue.records}, sleep=no_sleep)

    assert answer["batchItemFailures"] == [] and deps.email.calls == 1
    assert store.users.get(werkgever.user_id).email_bounced_at == deps.now()
    assert store.digests.get(werkgever.user_id, WEEK).status == "bounced"
    assert run(deps, "2026-W40").plan.users == 0, "no more weekly emails to a bounced address"


def test_ses_bounce_notifications_stop_the_weekly_email(deps, client, absence, werkgever, outbox):
    notice = {"notificationType": "Bounce", "bounce": {"bounceType": "Permanent",
                                                       "bouncedRecipients": [{"emailAddress": "wim@jansen.nl"}]}}
    soft = {"notificationType": "Bounce", "bounce": {"bounceType": "Transient",
                                                     "bouncedRecipients": [{"emailAddress": "wim@jansen.nl"}]}}

    assert client.lambda_.invoke("email_feedback", {"Records": [{"Sns": {"Message": json.dumps(soft)}}]}
                                 ).payload["marked"] == 0
    assert client.lambda_.invoke("email_feedback", {"Records": [{"Sns": {"Message": json.dumps(notice)}}]}
                                 ).payload["marked"] == 1
    assert run(deps).plan.users == 0


def test_bounces_published_by_the_stacks_configuration_set_stop_the_weekly_email(deps, client, absence, werkgever):
    # Given SES's event publishing format, which the configuration set in infra/aws sends to the feedback topic
    event = {"eventType": "Bounce", "mail": {"destination": ["wim@jansen.nl"]},
             "bounce": {"bounceType": "Permanent", "bouncedRecipients": [{"emailAddress": "wim@jansen.nl"}]}}
    # When it reaches email_feedback through SNS
    answer = client.lambda_.invoke("email_feedback", {"Records": [{"Sns": {"Message": json.dumps(event)}}]})
    # Then the address gets no more weekly emails
    assert answer.payload["marked"] == 1
    assert run(deps).plan.users == 0


def test_a_claim_left_by_a_crashed_sender_is_taken_over_after_the_lease(deps, absence, werkgever, outbox, clock):
    assert store.digests.claim(werkgever.user_id, WEEK, clock.now, deps.settings.digest_claim_seconds, 3600,
                               "crashed") is store.digests.Claim.CLAIMED

    held = run(deps)
    assert held.outcomes == {} and held.failed == 1, "a claim held by another sender is retried, not dropped"
    clock.advance(deps.settings.digest_claim_seconds + 1)
    assert run(deps).outcomes == {"sent": 1}
    assert len(digests(outbox)) == 1


def test_dry_run_sends_and_records_nothing(deps, absence, werkgever, outbox):
    result = run(deps, dry_run=True)

    assert result.plan.users == 1 and result.outcomes == {}
    assert digests(outbox) == [] and store.digests.get(werkgever.user_id, WEEK) is None


def test_manage_send_digest(deps, absence, werkgever, outbox, capsys, monkeypatch):
    monkeypatch.setattr(digest.time, "sleep", no_sleep)

    assert manage.main(["send-digest", "--week", WEEK, "--dry-run"]) == 0
    assert "1 gebruiker(s)" in capsys.readouterr().out and digests(outbox) == []
    assert manage.main(["send-digest", "--week", WEEK]) == 0
    assert "verstuurd: 1" in capsys.readouterr().out
    assert len(digests(outbox, "wim@jansen.nl")) == 1
    assert manage.main(["send-digest", "--week", "2026-W99"]) == 1
    assert "2026-W48" in capsys.readouterr().err


def test_the_planner_queues_in_batches_of_ten(deps, employer, absence, outbox):
    for n in range(23):
        admin.provision_active_user(deps, username=f"gebruiker{n}", name=f"Gebruiker {n}", email=f"g{n}@jansen.nl",
                                    role="werkgever", employer_id=employer["employer_id"],
                                    phone=f"0612{n:06d}", password=PASSWORD)
    queue = ListQueue()

    report = digest.plan(deps, WEEK, queue)

    assert report.users == 24 and queue.requests == 3 and len(queue.records) == 24


def test_pacer_keeps_a_sender_within_its_share_of_the_ses_rate():
    now = [0.0]
    slept = []

    def sleep(seconds):
        slept.append(round(seconds, 3))
        now[0] += seconds

    pacer = digest.Pacer(14, 2, sleep=sleep, clock=lambda: now[0])
    for _ in range(8):
        pacer.wait()

    assert now[0] == pytest.approx(7 * 2 / 14)
    assert len(slept) == 7


@pytest.fixture
def five_employers(deps):
    """Five employers with open tasks (their counters, as the portal keeps them) and one user each."""
    users = []
    for n in range(5):
        employer = admin.create_employer(deps, f"Werkgever {n} BV")
        store.models.Employer(employer["employer_id"]).update(actions=[
            store.models.Employer.open_tasks.set(3), store.models.Employer.open_tasks_flag.set("open")])
        users.append(admin.provision_active_user(
            deps, username=f"baas{n}", name=f"Baas {n}", email=f"baas{n}@werkgever{n}.nl", role="werkgever",
            employer_id=employer["employer_id"], phone=f"0622{n:06d}", password=PASSWORD).user_id)
    return users


class Countdown:
    """A Lambda context whose remaining time drops by a minute at every look."""

    invoked_function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:digest-planner"

    def __init__(self, seconds):
        self.seconds = seconds

    def get_remaining_time_in_millis(self):
        self.seconds -= 60
        return self.seconds * 1000


def test_a_planner_short_of_time_stops_between_employers_and_the_next_run_goes_on(deps, five_employers):
    first = digest.plan(deps, WEEK, ListQueue(), time_left=Countdown(200).get_remaining_time_in_millis)
    rest = digest.plan(deps, WEEK, ListQueue(), start_after=first.resume_after)

    assert first.resume_after is not None and 0 < first.users < 5
    assert rest.resume_after is None
    assert sorted(first.user_ids + rest.user_ids) == sorted(five_employers)


def test_the_planner_lambda_hands_the_rest_to_a_new_run_of_itself(deps, five_employers, monkeypatch):
    monkeypatch.setattr("chalicelib.queue.SqsQueue.send_batch", lambda self, bodies: None)
    handed = []

    def hand_over(arn, payload):
        handed.append((arn, payload))

    answer = digest.run_planner(deps, {"week": WEEK}, Countdown(200), hand_over)
    runs = [answer]
    while runs[-1]["resume_after"] and len(runs) < 10:
        runs.append(digest.run_planner(deps, handed[-1][1], Countdown(200), hand_over))

    assert answer["resume_after"] and handed[0] == (Countdown.invoked_function_arn,
                                                    {"week": WEEK, "resume_after": answer["resume_after"]})
    assert runs[-1]["resume_after"] is None and len(handed) == len(runs) - 1 < 5
    assert sum(run["users"] for run in runs) == len(five_employers)
