"""When AWS fails: a Dutch answer with a next step, nothing half-written, the user's action not lost, and ops
see it. Each scenario injects the fault above moto (tests/support/faults.py), checks the status, the shape and
the Dutch sentence, what is stored afterwards, and that the user can finish once the fault has cleared."""
from __future__ import annotations

import pyotp
import pytest

from chalicelib import observability, store
from chalicelib.domain import codes
from chalicelib.services import admin, environments
from chalicelib.store.models import Absence, Invitation, UsernameClaim
from tests.support.accounts import PASSWORD
from tests.support.faults import Killed
from tests.support.people import JAN

PHONE = "+31612345678"
EMAIL = "petra@bakkerij.nl"


def in_our_shape(answer) -> None:
    assert isinstance(answer.body, dict) and {"error", "message"} <= set(answer.body) <= {"error", "message",
                                                                                          "field"}, answer.body
    assert "Code" not in answer.body


@pytest.fixture
def counted(monkeypatch) -> list[str]:
    """The metrics counted in this test (ops' view of the failures)."""
    seen: list[str] = []
    count = observability.count
    monkeypatch.setattr(observability, "count", lambda metric, value=1: seen.append(metric) or count(metric, value))
    for module in ("chalicelib.services.notices", "chalicelib.services.invitations", "chalicelib.services.auth"):
        monkeypatch.setattr(f"{module}.count", lambda metric, value=1: seen.append(metric) or count(metric, value))
    return seen


def test_a_throttled_read_answers_503_busy_in_dutch_and_works_once_it_clears(werkgever_browser, faults, counted):
    faults.fail("dynamodb", "Query", "ProvisionedThroughputExceededException")

    answer = werkgever_browser.get("/api/tasks")

    assert answer.status == 503 and answer.error == "busy" and answer.headers["Retry-After"] == "60"
    in_our_shape(answer)
    assert "Probeer het over een minuut opnieuw" in answer.body["message"]
    assert observability.Metric.DYNAMODB_FAILED in counted
    assert werkgever_browser.get("/api/tasks").status == 200


def test_who_am_i_with_its_batch_read_throttled_answers_503_busy_and_works_once_it_clears(werkgever_browser, faults,
                                                                                          counted):
    faults.fail("dynamodb", "BatchGetItem", "ProvisionedThroughputExceededException")

    answer = werkgever_browser.get("/api/auth/me")

    assert answer.status == 503 and answer.error == "busy"
    in_our_shape(answer)
    assert observability.Metric.DYNAMODB_FAILED in counted
    assert werkgever_browser.get("/api/auth/me").body["name"] == "Wim Jansen"


def test_a_failed_write_of_a_ziekmelding_keeps_nothing_and_the_retry_makes_exactly_one(werkgever_browser, faults):
    employee = werkgever_browser.post("/api/employees", JAN).body["employee_id"]
    report = {"employee_id": employee, "first_sick_day": "2026-09-01", "vangnet": False, "work_accident": False,
              "third_party_liable": False}
    faults.fail("dynamodb", "TransactWriteItems", "InternalServerError")

    failed = werkgever_browser.post("/api/absences", report, headers={"Idempotency-Key": "ziek-1"})

    assert failed.status == 503 and failed.error == "unavailable" and "Retry-After" in failed.headers
    in_our_shape(failed)
    assert list(Absence.scan()) == []
    first = werkgever_browser.post("/api/absences", report, headers={"Idempotency-Key": "ziek-1"})
    again = werkgever_browser.post("/api/absences", report, headers={"Idempotency-Key": "ziek-1"})
    assert first.status == 201 and again.status == 200 and again.body["absence_id"] == first.body["absence_id"]
    assert len(list(Absence.scan())) == 1


@pytest.mark.usefixtures("totp_key")
def test_kms_down_tells_an_app_user_which_second_factors_still_work(werkgever_browser, new_browser, outbox, clock,
                                                                   faults, counted):
    secret = werkgever_browser.post("/api/account/app").body["secret"]
    werkgever_browser.post("/api/account/app/confirm", {"code": pyotp.TOTP(secret).at(clock.now)})
    clock.advance(30)
    browser = new_browser()
    browser.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
    faults.fail("kms", "Decrypt", "KMSInternalException")

    answer = browser.post("/api/auth/code", {"code": pyotp.TOTP(secret).at(clock.now)})

    assert answer.status == 503 and answer.error == "app_code_unavailable"
    assert "SMS-code" in answer.body["message"] and "back-up code" in answer.body["message"]
    assert observability.Metric.KMS_FAILED in counted
    assert store.users.find_by_username("wjansen").failed_count == 0, "an outage is not the user's failure"
    # The SMS way in still works
    assert browser.post("/api/auth/code/resend").status == 200
    assert browser.post("/api/auth/code", {"code": outbox.last_code(PHONE)}).status == 200


@pytest.mark.usefixtures("totp_key")
def test_kms_refusing_during_app_setup_answers_in_our_shape_and_changes_nothing(werkgever_browser, werkgever,
                                                                                faults):
    faults.fail("kms", "Encrypt", "AccessDeniedException")

    answer = werkgever_browser.post("/api/account/app")

    assert answer.status == 503 and answer.error == "unavailable"
    in_our_shape(answer)
    assert store.users.get(werkgever.user_id).totp_pending is None
    assert werkgever_browser.post("/api/account/app").status == 200


def test_a_failed_sms_resend_keeps_the_old_code_and_the_users_limit(browser, werkgever, outbox, clock, faults,
                                                                    counted):
    browser.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
    old_code = outbox.last_code(PHONE)
    clock.advance(31)
    faults.fail("sns", "Publish", "InternalErrorException")

    failed = browser.post("/api/auth/code/resend")

    assert failed.status == 502 and failed.error == "delivery_failed" and "back-up code" in failed.body["message"]
    assert observability.Metric.SMS_FAILED in counted
    # The resend that failed spent nothing: the next one goes at once (no 30-second wait), and the old code
    # would still have worked
    assert browser.post("/api/auth/code/resend").status == 200
    assert store.logins.get(codes.token_hash(browser.cookies["vp_login"])).code_hash != codes.code_hash(
        old_code, store.logins.get(codes.token_hash(browser.cookies["vp_login"])).code_salt)


def test_while_sns_fails_the_old_code_still_logs_in(browser, werkgever, outbox, clock, faults):
    browser.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
    old_code = outbox.last_code(PHONE)
    clock.advance(31)
    faults.fail("sns", "Publish", "InternalErrorException")
    assert browser.post("/api/auth/code/resend").status == 502

    assert browser.post("/api/auth/code", {"code": old_code}).status == 200


def test_a_login_whose_sms_fails_still_reaches_the_code_page_with_the_backup_code(browser, werkgever, faults):
    faults.fail("sns", "Publish", "InternalErrorException")

    answer = browser.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})

    assert answer.status == 200 and answer.body["sms_sent"] is False and "back-up code" in answer.body["message"]
    assert "vp_login" in browser.cookies


def test_a_failed_resend_of_an_invitation_keeps_the_old_link(secretariat_browser, employer, new_browser, outbox,
                                                             faults):
    user = secretariat_browser.post("/api/admin/users", {"name": "Petra de Bakker", "email": EMAIL,
                                                         "employer_id": employer["employer_id"]}).body
    token = outbox.last_invitation_token(EMAIL)
    faults.fail("ses", "SendEmail", "Throttling")

    failed = secretariat_browser.post(f"/api/admin/users/{user['user_id']}/resend-invitation")

    assert failed.status == 502 and failed.error == "delivery_failed"
    assert new_browser().get(f"/api/invitations/{token}").status == 200, "the link she has still works"
    assert secretariat_browser.post(f"/api/admin/users/{user['user_id']}/resend-invitation").status == 200


def test_a_failed_invitation_leaves_nothing_and_the_retry_gets_the_same_username(secretariat_browser, employer,
                                                                                faults):
    invite = {"name": "Petra de Bakker", "email": EMAIL, "employer_id": employer["employer_id"]}
    faults.fail("ses", "SendEmail", "MessageRejected")

    failed = secretariat_browser.post("/api/admin/users", invite)

    assert failed.status == 502 and "opnieuw" in failed.body["message"]
    assert store.users.find_by_username("pdebakker") is None
    assert UsernameClaim.count(store.users.username_key("pdebakker")) == 0
    assert list(Invitation.scan()) == []
    again = secretariat_browser.post("/api/admin/users", invite)
    assert again.status == 201 and again.body["username"] == "pdebakker"


def test_an_invitation_whose_undo_failed_is_not_created_twice(secretariat_browser, employer, faults):
    invite = {"name": "Petra de Bakker", "email": EMAIL, "employer_id": employer["employer_id"]}
    faults.fail("ses", "SendEmail", "MessageRejected")
    # the undo: the request's second transaction on the usernames (the first created the account)
    faults.fail("dynamodb", "TransactWriteItems", "ThrottlingException", table="usernames", after=1)

    secretariat_browser.post("/api/admin/users", invite)
    retry = secretariat_browser.post("/api/admin/users", invite)

    assert retry.status == 409 and retry.error == "already_invited"
    assert "Uitnodiging opnieuw versturen" in retry.body["message"]
    assert store.users.find_by_username("pdebakker2") is None


def test_a_failed_onboarding_sms_keeps_the_confirmed_number(secretariat_browser, employer, new_browser, outbox,
                                                           faults):
    secretariat_browser.post("/api/admin/users", {"name": "Petra de Bakker", "email": EMAIL,
                                                  "employer_id": employer["employer_id"]})
    token, browser = outbox.last_invitation_token(EMAIL), new_browser()
    browser.post(f"/api/invitations/{token}/phone", {"phone": "0611223344"})
    browser.post(f"/api/invitations/{token}/phone/confirm", {"code": outbox.last_code("+31611223344")})
    faults.fail("sns", "Publish", "InternalErrorException")

    failed = browser.post(f"/api/invitations/{token}/phone", {"phone": "0655443322"})

    assert failed.status == 502
    invitation = store.invitations.get(codes.token_hash(token))
    assert invitation.phone == "+31611223344" and invitation.phone_verified


def test_forgot_password_with_ses_down_answers_the_same_and_a_retry_sends_at_once(browser, werkgever, outbox,
                                                                                  faults, counted):
    faults.fail("ses", "SendEmail", "Throttling")

    failed = browser.post("/api/auth/forgot-password", {"identifier": "wjansen"})
    retry = browser.post("/api/auth/forgot-password", {"identifier": "wjansen"})

    assert failed.status == retry.status == 200 and failed.body == retry.body  # nothing tells whether it exists
    assert observability.Metric.EMAIL_FAILED in counted
    assert any("wachtwoord-herstellen.html#" in m.body for m in outbox.emails("wim@jansen.nl"))


def test_a_throttled_idle_clock_write_does_not_fail_the_request(werkgever_browser, clock, faults):
    clock.advance(61)
    faults.fail("dynamodb", "UpdateItem", "ThrottlingException", table="sessions")

    assert werkgever_browser.get("/api/auth/me").status == 200


def test_a_wrong_code_whose_answer_was_lost_is_counted_once(browser, werkgever, faults):
    browser.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
    faults.lose_answer("dynamodb", "UpdateItem", table="users")

    browser.post("/api/auth/code", {"code": "zzzzzz"})

    assert store.users.get(werkgever.user_id).failed_count == 1


def test_a_partial_recovery_whose_answer_was_lost_is_appended_once(werkgever_browser, faults):
    employee = werkgever_browser.post("/api/employees", JAN).body["employee_id"]
    absence = werkgever_browser.post("/api/absences", {
        "employee_id": employee, "first_sick_day": "2026-09-01", "vangnet": False, "work_accident": False,
        "third_party_liable": False}, headers={"Idempotency-Key": "k"}).body
    faults.lose_answer("dynamodb", "UpdateItem", table="absences")

    answer = werkgever_browser.post(f"/api/absences/{absence['absence_id']}/recovery",
                                    {"date": "2026-09-10", "percentage": 50})

    assert answer.status == 200 and answer.body["recovery_steps"] == [{"from_date": "2026-09-10", "percentage": 50}]


def test_a_resend_claim_whose_answer_was_lost_still_sends_the_sms(browser, werkgever, outbox, clock, faults):
    browser.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})
    sent = len(outbox.sms(PHONE))
    clock.advance(31)
    # the claim's second write, which starts the account's first window of resends
    faults.lose_answer("dynamodb", "UpdateItem", table="rate-limits", after=1)

    answer = browser.post("/api/auth/code/resend")

    assert answer.status == 200 and len(outbox.sms(PHONE)) == sent + 1


def test_an_sms_budget_spend_whose_answer_was_lost_counts_once(browser, werkgever, outbox, faults):
    faults.lose_answer("dynamodb", "TransactWriteItems", table="rate-limits")

    browser.post("/api/auth/login", {"username": "wjansen", "password": PASSWORD})

    from chalicelib.store.models import RateLimit
    counts = {item.key.split("#")[1]: int(item.count) for item in RateLimit.scan() if item.key.startswith("sms#")}
    assert counts["account"] == 1 and counts["portal"] == 1


def test_a_revoke_that_died_after_its_transaction_is_completed_by_its_retry(werkgever_browser, werkgever,
                                                                            secretariat_browser, deps, faults):
    other = admin.create_employer(deps, "Aannemer Zuid BV")["employer_id"]
    secretariat_browser.post(f"/api/admin/users/{werkgever.user_id}/employers", {"employer_id": other})
    assert len(werkgever_browser.get("/api/auth/me").body["environments"]) == 2
    faults.kill("dynamodb", "TransactWriteItems", table="employer-access")

    with pytest.raises(Killed):
        environments.revoke(deps, werkgever.user_id, other)
    retry = secretariat_browser.request("DELETE", f"/api/admin/users/{werkgever.user_id}/employers/{other}")

    assert retry.status == 404 and retry.error == "access_unknown"
    assert [e["name"] for e in werkgever_browser.get("/api/auth/me").body["environments"]] == ["Bakkerij Jansen BV"]


def test_an_end_date_whose_ziek_uit_dienst_planning_failed_is_planned_when_the_change_is_sent_again(
        werkgever_browser, faults):
    # Given Jan is sick, and DynamoDB throttles the transaction that plans his ziek-uit-dienstmelding
    jan = werkgever_browser.post("/api/employees", JAN).body["employee_id"]
    absence = werkgever_browser.post("/api/absences", {"employee_id": jan, "first_sick_day": "2026-09-14"},
                                     headers={"Idempotency-Key": "k-uit-dienst"}).body
    faults.fail("dynamodb", "TransactWriteItems", "ProvisionedThroughputExceededException", table="tasks")

    # When the end of his employment is saved: the change lands, the planning does not (503)
    failed = werkgever_browser.put(f"/api/employees/{jan}", {"end_date": "2026-10-31"})
    assert failed.status == 503 and failed.error == "busy"
    in_our_shape(failed)

    # Then sending the same change again plans the report: nothing stays half done
    assert werkgever_browser.put(f"/api/employees/{jan}", {"end_date": "2026-10-31"}).status == 200
    tasks = werkgever_browser.get(f"/api/absences/{absence['absence_id']}").body["tasks"]
    assert [(t["due"], t["status"]) for t in tasks if t["code"] == "ziek_uit_dienst"] == [("2026-10-31", "open")]
