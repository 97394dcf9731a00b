"""The weekly email exactly once per user per week, also when its sender dies or AWS fails around the send.

SQS brings a message back when its sender did not finish it (died, timed out, reported it failed) after the
queue's visibility timeout; the sender's claim on the user's email goes stale before that. SES's Send event of
an email it took records it as sent, whatever happened to the sender after the call."""
from __future__ import annotations

import json

import pytest
from aws_lambda_powertools.utilities.batch.exceptions import BatchProcessingError

from chalicelib import store
from chalicelib.queue import ListQueue
from chalicelib.services import digest
from infra.aws.access import DIGEST_REDELIVERY_SECONDS
from tests.support.faults import Killed


def no_sleep(_seconds: float) -> None:
    pass


@pytest.fixture
def week(deps) -> str:
    return digest.iso_week(deps.today())


@pytest.fixture
def message(deps, werkgever_browser, week) -> dict:
    """Wim's weekly email, as the planner queued it: one SQS event with one record."""
    employee = werkgever_browser.post("/api/employees", {
        "first_name": "Jan", "infix": "de", "last_name": "Vries", "personnel_number": "1001",
        "date_of_birth": "1980-04-12", "start_date": "2015-03-01", "contract_hours": 32}).body["employee_id"]
    werkgever_browser.post("/api/absences", {"employee_id": employee, "first_sick_day": deps.today().isoformat()},
                           headers={"Idempotency-Key": "weekly"})
    queue = ListQueue()
    assert digest.plan(deps, week, queue).users == 1
    return {"Records": queue.records}


def weekly_emails(outbox) -> list:
    return [m for m in outbox.emails("wim@jansen.nl") if m.subject.startswith("Verzuimportaal:")]


def deliver(deps, event) -> list[str]:
    """The sender on one SQS event; the ids of the messages SQS keeps to bring back (a batch whose every record
    failed raises, and Lambda's event source mapping keeps them all)."""
    try:
        answer = digest.handle_batch(deps, event, sleep=no_sleep)
    except BatchProcessingError:
        return [record["messageId"] for record in event["Records"]]
    return [failure["itemIdentifier"] for failure in answer["batchItemFailures"]]


def ses_send_event(faults) -> dict:
    """SES's Send event of the last email sent, its message tags in `mail.tags`, as SNS hands it on."""
    params = [p for service, operation, p in faults.calls if (service, operation) == ("ses", "SendEmail")][-1]
    tags = {tag["Name"]: [tag["Value"]] for tag in params.get("Tags", [])}
    event = {"eventType": "Send", "send": {},
             "mail": {"destination": params["Destination"]["ToAddresses"], "tags": tags}}
    return {"Records": [{"Sns": {"Message": json.dumps(event)}}]}


def test_a_sender_that_dies_after_its_claim_sends_on_the_redelivery(deps, message, werkgever, week, outbox, clock,
                                                                     faults):
    # Given a sender that dies right after it claimed Wim's email, before SES
    faults.kill("dynamodb", "PutItem", table="digest-sends")
    with pytest.raises(Killed):
        deliver(deps, message)
    assert weekly_emails(outbox) == []

    # When SQS hands a duplicate of the message to another sender at once, it is retried, not dropped
    assert deliver(deps, message) == [message["Records"][0]["messageId"]]
    # and when the message comes back after the visibility timeout
    clock.advance(DIGEST_REDELIVERY_SECONDS)
    kept = deliver(deps, message)

    # Then Wim gets his email, once
    assert kept == []
    assert len(weekly_emails(outbox)) == 1
    assert store.digests.get(werkgever.user_id, week).status == "sent"


def test_a_sender_that_dies_after_ses_took_the_email_sends_no_second(deps, client, message, werkgever, week, outbox,
                                                                      clock, faults):
    # Given a sender that dies right after SES took Wim's email, before it could record it
    faults.kill("ses", "SendEmail")
    with pytest.raises(Killed):
        deliver(deps, message)
    assert len(weekly_emails(outbox)) == 1

    # When SES's Send event reaches email_feedback, and SQS brings the message back
    assert client.lambda_.invoke("email_feedback", ses_send_event(faults)).payload == {"marked": 0, "confirmed": 1}
    clock.advance(DIGEST_REDELIVERY_SECONDS)
    kept = deliver(deps, message)

    # Then no second email goes
    assert kept == []
    assert len(weekly_emails(outbox)) == 1
    assert store.digests.get(werkgever.user_id, week).status == "sent"


def test_an_email_sent_but_not_recorded_is_not_sent_again_by_a_second_planner_run(deps, client, message, werkgever,
                                                                                   week, outbox, clock, faults):
    # Given SES took the email but writing "sent" failed
    faults.fail("dynamodb", "UpdateItem", "InternalServerError", table="digest-sends")
    assert deliver(deps, message) == [], "not retried: a retry could send it again"
    assert store.digests.get(werkgever.user_id, week).status == "sending"

    # When SES's Send event arrives, and the planner runs once more this week after the lease
    client.lambda_.invoke("email_feedback", ses_send_event(faults))
    clock.advance(DIGEST_REDELIVERY_SECONDS)
    queue = ListQueue()
    digest.plan(deps, week, queue)
    deliver(deps, {"Records": queue.records})

    # Then Wim has one email
    assert len(weekly_emails(outbox)) == 1
    assert store.digests.get(werkgever.user_id, week).status == "sent"


def test_a_claim_whose_release_failed_is_retaken_on_the_redelivery(deps, message, werkgever, week, outbox, clock,
                                                                    faults):
    # Given SES fails, and giving the claim back fails too
    faults.fail("ses", "SendEmail", "ServiceUnavailable")
    faults.fail("dynamodb", "DeleteItem", "InternalServerError", table="digest-sends")
    assert deliver(deps, message) == [message["Records"][0]["messageId"]]
    assert store.digests.get(werkgever.user_id, week).status == "sending"

    # When the message comes back after the visibility timeout
    clock.advance(DIGEST_REDELIVERY_SECONDS)
    kept = deliver(deps, message)

    # Then the stale claim is taken and the email goes, once
    assert kept == []
    assert len(weekly_emails(outbox)) == 1


def test_a_claim_whose_answer_was_lost_still_sends_at_once(deps, message, werkgever, week, outbox, faults):
    faults.lose_answer("dynamodb", "PutItem", table="digest-sends")

    kept = deliver(deps, message)

    assert kept == []
    assert len(weekly_emails(outbox)) == 1
    assert store.digests.get(werkgever.user_id, week).status == "sent"


def test_an_email_ses_took_while_its_answer_was_lost_is_not_sent_twice(deps, client, message, werkgever, week,
                                                                       outbox, clock, faults):
    # Given SES takes the email but its answer never reaches the sender, which gives its claim back
    faults.fail("ses", "SendEmail", "ServiceUnavailable", landed=True)
    assert deliver(deps, message) != []
    assert len(weekly_emails(outbox)) == 1

    # When SES's Send event records it, and the message comes back
    assert client.lambda_.invoke("email_feedback", ses_send_event(faults)).payload["confirmed"] == 1
    clock.advance(DIGEST_REDELIVERY_SECONDS)
    kept = deliver(deps, message)

    # Then the retry sends nothing
    assert kept == []
    assert len(weekly_emails(outbox)) == 1


def test_a_send_event_of_another_email_records_nothing(deps, client, werkgever, week, faults):
    deps.email.send_email("wim@jansen.nl", "Welkom", "Uw account is klaar.")

    assert client.lambda_.invoke("email_feedback", ses_send_event(faults)).payload == {"marked": 0, "confirmed": 0}
    assert store.digests.get(werkgever.user_id, week) is None


def test_the_claims_lease_outlasts_a_live_sender_and_ends_before_the_redelivery(deps):
    from infra.aws.access import DIGEST_SENDER

    assert DIGEST_SENDER.timeout_seconds < deps.settings.digest_claim_seconds < DIGEST_REDELIVERY_SECONDS
