"""Absence figures (Vernet, calendar days) against cases computed by hand.

Reminder of the conventions: an absence's `end` is the recovery date, the first day fit again, so an absence
from 11 to end 21 January is 10 sick days (11–20). An employment's `end` is its last day.
"""
from datetime import date
from decimal import Decimal

import pytest

from chalicelib.domain.figures import (
    Absence,
    Employment,
    Period,
    duration_class,
    duration_classes,
    figures_for_period,
    gemiddelde_verzuimduur,
    meldingsfrequentie,
    monthly_series,
    months,
    nulverzuim,
    verzuimpercentage,
)

JANUARY = Period(date(2026, 1, 1), date(2026, 1, 31))  # 31 days


def full_timer(employee_id: str, start: date = date(2020, 1, 1), end: date | None = None) -> Employment:
    return Employment(employee_id, start, end, 40)


def test_a_period_counts_both_its_first_and_last_day():
    assert JANUARY.days == 31


# verzuimpercentage


def test_sick_days_of_one_full_timer_among_two():
    # Given two full-timers employed all January; A is sick 11–20 January
    staff = [full_timer("a"), full_timer("b")]
    sick = [Absence("a", date(2026, 1, 11), date(2026, 1, 21))]

    # Then 10 sick days ÷ (31 + 31) employed days = 10/62 = 16.13 %
    assert verzuimpercentage(staff, sick, JANUARY) == pytest.approx(10 / 62 * 100)


def test_part_timer_weighs_by_contract_hours():
    # Given a full-timer and a 20-hour part-timer (factor 20/40 = 0.5) who is sick all January
    staff = [full_timer("a"), Employment("b", date(2020, 1, 1), None, 20)]
    sick = [Absence("b", date(2025, 12, 20), None)]

    # Then 31 × 0.5 = 15.5 ÷ (31 × 1 + 31 × 0.5 = 46.5) = 33.33 %
    assert verzuimpercentage(staff, sick, JANUARY) == pytest.approx(15.5 / 46.5 * 100)


def test_full_time_hours_is_a_setting():
    # Given a 36-hour working week as full time, a 36-hour employee and an 18-hour one who is sick all January
    staff = [Employment("a", date(2020, 1, 1), None, Decimal("36")), Employment("b", date(2020, 1, 1), None, 18)]
    sick = [Absence("b", date(2026, 1, 1), None)]

    # Then factors are 1 and 0.5: 31 × 0.5 ÷ (31 + 15.5) = 33.33 %
    assert verzuimpercentage(staff, sick, JANUARY, full_time_hours=36) == pytest.approx(15.5 / 46.5 * 100)


def test_partial_recovery_counts_the_remaining_incapacity():
    # Given one full-timer sick from 1 January, 50 % fit again from 11 January, fully fit on 21 January
    staff = [full_timer("a")]
    sick = [Absence("a", date(2026, 1, 1), date(2026, 1, 21), steps=((date(2026, 1, 11), 0.5),))]

    # Then 1–10 Jan: 10 × 1 = 10, 11–20 Jan: 10 × 0.5 = 5; 15 ÷ 31 = 48.39 %
    assert verzuimpercentage(staff, sick, JANUARY) == pytest.approx(15 / 31 * 100)


def test_absences_spanning_the_period_boundaries_count_only_their_days_inside():
    # Given A sick 28 Dec – 4 Jan (fit 5 Jan) and B sick 20 Jan – 9 Feb (fit 10 Feb)
    staff = [full_timer("a"), full_timer("b")]
    sick = [Absence("a", date(2025, 12, 28), date(2026, 1, 5)), Absence("b", date(2026, 1, 20), date(2026, 2, 10))]

    # Then January holds 1–4 Jan = 4 days of A and 20–31 Jan = 12 days of B: 16 ÷ 62
    assert verzuimpercentage(staff, sick, JANUARY) == pytest.approx(16 / 62 * 100)


def test_employee_joining_mid_period_counts_from_the_start_date():
    # Given A employed all January and C joining on 16 January (16 days), sick 16–19 January (fit 20th)
    staff = [full_timer("a"), full_timer("c", start=date(2026, 1, 16))]
    sick = [Absence("c", date(2026, 1, 16), date(2026, 1, 20))]

    # Then 4 sick days ÷ (31 + 16 = 47) employed days = 8.51 %
    assert verzuimpercentage(staff, sick, JANUARY) == pytest.approx(4 / 47 * 100)


def test_sick_days_after_employment_ends_do_not_count():
    # Given an employee whose last day is 10 January, sick from 5 January and still sick
    staff = [full_timer("a", end=date(2026, 1, 10))]
    sick = [Absence("a", date(2026, 1, 5), None)]

    # Then 5–10 Jan = 6 sick days ÷ 10 employed days = 60 %
    assert verzuimpercentage(staff, sick, JANUARY) == pytest.approx(60.0)


def test_pregnancy_and_maternity_leave_are_not_sick_leave():
    staff = [full_timer("a")]
    leave = [Absence("a", date(2026, 1, 1), None, excluded=True)]

    assert verzuimpercentage(staff, leave, JANUARY) == 0
    assert meldingsfrequentie(staff, leave, JANUARY) == 0
    assert nulverzuim(staff, leave, JANUARY) == 100


# meldingsfrequentie


def test_reports_per_average_employee_scaled_up_to_a_year():
    # Given A all January and C from 16 January; A reports sick on 11 Jan, C on 16 Jan, and an absence that
    # began in December does not count as a new report in January
    staff = [full_timer("a"), full_timer("c", start=date(2026, 1, 16))]
    sick = [Absence("a", date(2025, 12, 28), date(2026, 1, 5)), Absence("a", date(2026, 1, 11), date(2026, 1, 21)),
            Absence("c", date(2026, 1, 16), date(2026, 1, 20))]

    # Then the average headcount is (31 + 16) / 31 = 47/31; 2 reports ÷ 47/31 = 62/47 in 31 days;
    # per year × 365/31: 62/47 × 365/31 = 730/47 = 15.53
    assert meldingsfrequentie(staff, sick, JANUARY) == pytest.approx(730 / 47)


def test_a_whole_year_is_not_scaled_even_in_a_leap_year():
    # Given one employee all of 2028 (366 days) with two reports
    year = Period(date(2028, 1, 1), date(2028, 12, 31))
    sick = [Absence("a", date(2028, 2, 29), date(2028, 3, 2)), Absence("a", date(2028, 12, 31), None)]

    # Then 2 reports ÷ 1 employee = 2.0 per year
    assert meldingsfrequentie([full_timer("a")], sick, year) == pytest.approx(2.0)


# gemiddelde verzuimduur and duration classes


def test_average_duration_of_cases_ended_in_the_period_counts_days_before_it():
    staff = [full_timer("a"), full_timer("b"), full_timer("c")]
    sick = [
        Absence("a", date(2025, 12, 28), date(2026, 1, 5)),  # last sick day 4 Jan: 28 Dec – 4 Jan = 8 days
        Absence("b", date(2026, 1, 11), date(2026, 1, 21)),  # 11–20 Jan = 10 days
        Absence("c", date(2026, 1, 25), date(2026, 2, 1)),   # last sick day 31 Jan: 25–31 Jan = 7 days
        Absence("a", date(2025, 12, 1), date(2026, 1, 1)),   # last sick day 31 Dec: ended in December
        Absence("b", date(2026, 1, 25), None),               # still sick: not ended
    ]

    # Then (8 + 10 + 7) / 3 = 8.33 days
    assert gemiddelde_verzuimduur(staff, sick, JANUARY) == pytest.approx(25 / 3)
    assert duration_classes(staff, sick, JANUARY) == {"kort": 3, "middellang": 0, "lang": 0, "extra_lang": 0}


@pytest.mark.parametrize("days, name", [(1, "kort"), (14, "kort"), (15, "middellang"), (91, "middellang"),
                                        (92, "lang"), (365, "lang"), (366, "extra_lang"), (730, "extra_lang")])
def test_duration_class_boundaries(days, name):
    assert duration_class(days) == name


# nulverzuim


def test_nulverzuim_counts_only_employees_employed_the_whole_period():
    staff = [full_timer("a"),                             # never sick → zero absence
             full_timer("b"),                             # sick since December, still sick → absent
             full_timer("c", start=date(2026, 1, 16)),    # joined mid-January → not counted at all
             full_timer("d"),                             # maternity leave only → zero absence
             full_timer("e")]                             # last sick day 31 December → zero absence in January
    sick = [Absence("b", date(2025, 12, 15), None), Absence("d", date(2026, 1, 3), None, excluded=True),
            Absence("e", date(2025, 12, 20), date(2026, 1, 1)), Absence("c", date(2026, 1, 20), None)]

    # Then a, d and e of the four employed all January: 3/4 = 75 %
    assert nulverzuim(staff, sick, JANUARY) == pytest.approx(75.0)


# an employer without data


def test_an_employer_without_employees_gets_no_figures_instead_of_an_error():
    result = figures_for_period([], [], JANUARY)

    assert result.verzuimpercentage is None and result.meldingsfrequentie is None
    assert result.gemiddelde_verzuimduur is None and result.nulverzuim is None
    assert result.duration_classes == {"kort": 0, "middellang": 0, "lang": 0, "extra_lang": 0}


def test_employees_but_no_ended_cases_have_zero_absence_and_no_average_duration():
    result = figures_for_period([full_timer("a")], [], JANUARY)

    assert result.verzuimpercentage == 0 and result.meldingsfrequentie == 0 and result.nulverzuim == 100
    assert result.gemiddelde_verzuimduur is None


def test_absences_of_unknown_employees_are_ignored():
    assert verzuimpercentage([full_timer("a")], [Absence("x", date(2026, 1, 1), None)], JANUARY) == 0


# month by month


def test_months_cover_whole_calendar_months_across_a_year_end():
    assert months(date(2025, 12, 15), date(2026, 2, 3)) == [
        Period(date(2025, 12, 1), date(2025, 12, 31)), Period(date(2026, 1, 1), date(2026, 1, 31)),
        Period(date(2026, 2, 1), date(2026, 2, 28))]


def test_monthly_series_splits_an_absence_over_the_months():
    # Given one full-timer sick 25 January – 3 February (fit 4 February)
    staff = [full_timer("a")]
    sick = [Absence("a", date(2026, 1, 25), date(2026, 2, 4))]

    series = monthly_series(staff, sick, date(2026, 1, 1), date(2026, 3, 1))

    # Then January 25–31 = 7/31, February 1–3 = 3/28, March 0; the 10-day case ends in February
    assert [f.verzuimpercentage for f in series] == pytest.approx([7 / 31 * 100, 3 / 28 * 100, 0])
    assert [f.gemiddelde_verzuimduur for f in series] == [None, 10, None]
