"""Zwangerschaps- en bevallingsverlof (Wazo art. 3:1), against hand-computed cases.

One pregnancy throughout: expected on Sunday 10 January 2027, so the day after is 11 January; six weeks before
that is 30 November 2026 and four weeks before it 14 December 2026.
"""
from __future__ import annotations

from datetime import date

import pytest

from chalicelib.domain import wazo
from chalicelib.domain.errors import InvalidInput

EXPECTED = date(2027, 1, 10)
FOUR_WEEKS = date(2026, 12, 14)
SIX_WEEKS = date(2026, 11, 30)


def test_the_leave_may_begin_from_six_to_four_weeks_before_the_day_after_the_expected_date():
    assert wazo.start_window(EXPECTED) == (SIX_WEEKS, FOUR_WEEKS)
    assert wazo.default_start(EXPECTED) == FOUR_WEEKS
    for allowed in (SIX_WEEKS, FOUR_WEEKS):
        wazo.check_start(EXPECTED, allowed)


@pytest.mark.parametrize("outside", [date(2026, 11, 29), date(2026, 12, 15)])
def test_a_first_day_outside_that_window_is_refused_and_the_message_names_the_window(outside):
    with pytest.raises(InvalidInput) as refused:
        wazo.check_start(EXPECTED, outside)
    assert refused.value.field == "starts_on"
    assert "30-11-2026 tot en met 14-12-2026" in refused.value.message


def test_four_weeks_before_and_born_on_the_expected_date_is_sixteen_weeks_with_twelve_after_the_birth():
    # 14 Dec – 10 Jan is 28 days of zwangerschapsverlof; the 14 untaken days of the six weeks go after the birth:
    # 70 + 14 = 84 days from 11 January, the last on 4 April.
    leave = wazo.periods(EXPECTED, FOUR_WEEKS)
    assert (leave.pregnancy_from, leave.pregnancy_until) == (FOUR_WEEKS, EXPECTED)
    assert (leave.maternity_from, leave.maternity_until) == (date(2027, 1, 11), date(2027, 4, 4))
    assert leave.total_days == 16 * 7


def test_six_weeks_before_leaves_the_ten_weeks_after_the_birth():
    leave = wazo.periods(EXPECTED, SIX_WEEKS)
    assert leave.maternity_until == date(2027, 3, 21)  # 10 January + 70 days
    assert leave.total_days == 16 * 7


def test_a_birth_a_week_late_adds_that_week_and_keeps_the_leave_after_the_birth():
    leave = wazo.periods(EXPECTED, FOUR_WEEKS, date(2027, 1, 17))
    assert leave.pregnancy_until == date(2027, 1, 17)
    assert (leave.maternity_from, leave.maternity_until) == (date(2027, 1, 18), date(2027, 4, 11))
    assert leave.total_days == 17 * 7


def test_a_birth_ten_days_early_moves_the_untaken_days_after_it_and_ends_on_the_same_day():
    # 14–31 December is 18 days taken, so 42 − 18 = 24 days more than the ten weeks: 31 December + 94 days.
    leave = wazo.periods(EXPECTED, FOUR_WEEKS, date(2026, 12, 31))
    assert (leave.maternity_from, leave.maternity_until) == (date(2027, 1, 1), date(2027, 4, 4))
    assert leave.total_days == 16 * 7


def test_a_birth_before_the_leave_began_is_sixteen_weeks_of_bevallingsverlof_only():
    leave = wazo.periods(EXPECTED, FOUR_WEEKS, date(2026, 12, 1))
    assert (leave.pregnancy_from, leave.pregnancy_until) == (None, None)
    assert (leave.first_day, leave.maternity_until) == (date(2026, 12, 2), date(2027, 3, 23))
    assert leave.total_days == 16 * 7


def test_the_application_is_due_two_weeks_before_the_leave_and_the_birth_date_two_weeks_after_the_birth():
    planned = {task.code: task.due for task in wazo.tasks_for_leave(EXPECTED, FOUR_WEEKS)}
    assert planned == {"wazo_aanvraag_uwv": date(2026, 11, 30), "bevallingsdatum_uwv": date(2027, 1, 24)}
    later = {task.code: task.due for task in wazo.tasks_for_leave(EXPECTED, FOUR_WEEKS, date(2027, 1, 17))}
    assert later["bevallingsdatum_uwv"] == date(2027, 1, 31)


def test_a_birth_date_in_the_future_or_far_before_the_expected_date_is_refused():
    with pytest.raises(InvalidInput) as future:
        wazo.check_birth(EXPECTED, date(2027, 1, 9), today=date(2027, 1, 8))
    assert future.value.code == "date_in_future"
    with pytest.raises(InvalidInput) as early:
        wazo.check_birth(EXPECTED, date(2026, 8, 1), today=date(2027, 1, 8))
    assert early.value.code == "birth_too_early"
    wazo.check_birth(EXPECTED, date(2027, 1, 8), today=date(2027, 1, 8))


def test_a_sick_day_counts_as_leave_from_its_first_to_its_last_day():
    assert wazo.overlaps(FOUR_WEEKS, FOUR_WEEKS, date(2027, 4, 4))
    assert wazo.overlaps(date(2027, 4, 4), FOUR_WEEKS, date(2027, 4, 4))
    assert not wazo.overlaps(date(2027, 4, 5), FOUR_WEEKS, date(2027, 4, 4))
    assert not wazo.overlaps(date(2026, 12, 13), FOUR_WEEKS, date(2027, 4, 4))
