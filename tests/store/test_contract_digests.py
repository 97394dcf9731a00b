"""The store's promises about the weekly email: which employers are on the planner's index, and the once-per-week
send claims. Checked on moto and on the fake alike (conftest.store)."""
from __future__ import annotations

from chalicelib.store.digests import Claim
from tests.support import builders as make
from tests.support.builders import NOW

WEEK, LEASE, KEEP = "2026-W39", 120, 60 * 86400


def _with_open_tasks(store, name: str = "Bakkerij", tasks: int = 2):
    employer = make.employer(name=name)
    store.employers.create(employer, audit=make.line("secretariaat"))
    jan = make.employee(employer.employer_id)
    store.employees.create(jan)
    absence = make.absence(jan)
    opened = make.tasks(absence, *["2026-10-01"] * tasks)
    store.absences.report_sick(absence, opened, "k", NOW + 86400)
    return employer, opened


def test_the_first_claim_of_the_week_wins_and_a_second_claimer_is_held(store):
    assert store.digests.claim("user-1", WEEK, NOW, LEASE, KEEP, "claim-a") is Claim.CLAIMED
    assert store.digests.claim("user-1", WEEK, NOW + 5, LEASE, KEEP, "claim-b") is Claim.HELD
    assert store.digests.claim("user-1", "2026-W40", NOW + 5, LEASE, KEEP, "claim-c") is Claim.CLAIMED
    assert store.digests.claim("user-2", WEEK, NOW + 5, LEASE, KEEP, "claim-d") is Claim.CLAIMED

    found = store.digests.get("user-1", WEEK)
    assert (found.status, found.claim_id, found.claimed_at) == ("sending", "claim-a", NOW)


def test_a_claim_left_sending_past_its_lease_is_taken_over(store):
    store.digests.claim("user-1", WEEK, NOW, LEASE, KEEP, "died")

    assert store.digests.claim("user-1", WEEK, NOW + LEASE, LEASE, KEEP, "too-soon") is Claim.HELD
    assert store.digests.claim("user-1", WEEK, NOW + LEASE + 1, LEASE, KEEP, "retry") is Claim.CLAIMED
    assert store.digests.get("user-1", WEEK).claim_id == "retry"


def test_once_sent_or_bounced_the_weeks_email_is_done(store):
    store.digests.claim("user-1", WEEK, NOW, LEASE, KEEP, "a")
    store.digests.finish("user-1", WEEK, "sent", NOW + 1)
    store.digests.claim("user-2", WEEK, NOW, LEASE, KEEP, "b")
    assert store.digests.finish_if_possible("user-2", WEEK, "bounced", NOW + 1) is True

    for user in ("user-1", "user-2"):
        assert store.digests.claim(user, WEEK, NOW + 10 * LEASE, LEASE, KEEP, "later") is Claim.DONE
    assert (store.digests.get("user-1", WEEK).status, store.digests.get("user-1", WEEK).sent_at) == ("sent", NOW + 1)
    assert store.digests.get("user-2", WEEK).status == "bounced"


def test_a_claim_is_released_only_by_its_own_sender(store):
    store.digests.claim("user-1", WEEK, NOW, LEASE, KEEP, "mine")

    store.digests.release("user-1", WEEK, "someone-elses")
    assert store.digests.get("user-1", WEEK).claim_id == "mine"
    assert store.digests.release_if_possible("user-1", WEEK, "mine") is True
    assert store.digests.get("user-1", WEEK) is None
    assert store.digests.claim("user-1", WEEK, NOW + 1, LEASE, KEEP, "retry") is Claim.CLAIMED


def test_a_sent_claim_is_not_released(store):
    store.digests.claim("user-1", WEEK, NOW, LEASE, KEEP, "mine")
    store.digests.finish("user-1", WEEK, "sent", NOW)

    store.digests.release("user-1", WEEK, "mine")

    assert store.digests.get("user-1", WEEK).status == "sent"


def test_ses_send_event_records_the_email_once_whatever_the_sender_did(store):
    store.digests.claim("user-1", WEEK, NOW, LEASE, KEEP, "died-after-ses")

    assert store.digests.confirm_sent("user-1", WEEK, NOW + 3, KEEP) is True
    assert store.digests.confirm_sent("user-1", WEEK, NOW + 4, KEEP) is False
    # an event for a claim that was never written (or already removed) records the email too
    assert store.digests.confirm_sent("user-2", WEEK, NOW + 5, KEEP) is True

    first, second = store.digests.get("user-1", WEEK), store.digests.get("user-2", WEEK)
    assert (first.status, first.sent_at, first.claimed_at) == ("sent", NOW + 3, NOW)
    assert (second.status, second.sent_at, second.claimed_at) == ("sent", NOW + 5, NOW + 5)
    assert store.digests.claim("user-1", WEEK, NOW + 10 * LEASE, LEASE, KEEP, "retry") is Claim.DONE


def test_employers_with_open_tasks_are_listed_by_id_and_a_run_goes_on_after_the_last(store):
    first, _ = _with_open_tasks(store, "Eerste")
    second, _ = _with_open_tasks(store, "Tweede")
    untouched = make.employer(name="Zonder taken")
    store.employers.create(untouched, audit=make.line("secretariaat"))
    low, high = sorted([first.employer_id, second.employer_id])

    listed = list(store.digests.employers_with_open_tasks())

    assert [(e.employer_id, e.open_tasks) for e in listed] == [(low, 2), (high, 2)]
    assert [e.employer_id for e in store.digests.employers_with_open_tasks(start_after=low)] == [high]
    assert list(store.digests.employers_with_open_tasks(page_size=1, start_after=high)) == []


def test_the_flag_is_cleared_only_when_no_task_is_open(store):
    employer, opened = _with_open_tasks(store, tasks=1)

    assert store.digests.clear_flag(employer.employer_id) is False
    store.absences.mark_done(employer.employer_id, opened[0].task_id, "user-wim", NOW)
    assert store.digests.clear_flag(employer.employer_id) is True
    assert store.digests.clear_flag("emp-nobody") is False

    assert list(store.digests.employers_with_open_tasks()) == []
    assert store.employers.get(employer.employer_id).open_tasks == 0
