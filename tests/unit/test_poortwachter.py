"""The Poortwachter timeline: due dates from the first sick day, combined cases, events and recovery."""
from datetime import date

import pytest

from chalicelib.domain.poortwachter import (
    Actor,
    PlannedTask,
    case_start,
    definition,
    end_of_week,
    task_on_employment_end,
    task_on_recovery,
    tasks_closed_by_recovery,
    tasks_for_case,
)

# Monday 5 January 2026 is day 1 of week 1; week 1 ends on Sunday 11 January (5 + 6).
SICK = date(2026, 1, 5)


def _due(tasks: list[PlannedTask]) -> dict[str, date]:
    return {task.code: task.due for task in tasks}


def test_week_one_is_the_first_sick_day_and_the_six_days_after_it():
    assert end_of_week(SICK, 1) == date(2026, 1, 11)
    assert end_of_week(SICK, 2) == date(2026, 1, 18)


def test_legal_deadlines_fall_at_the_end_of_their_week():
    # Given a first sick day of 5 January 2026 and no vangnet
    # When the case's tasks are planned
    due = _due(tasks_for_case(SICK, vangnet=False))

    # Then each due date is SICK + (7 × week − 1) days:
    assert due["ziekmelding_arbodienst"] == date(2026, 1, 11)   # week 1: +6
    assert due["probleemanalyse"] == date(2026, 2, 15)          # week 6: +41 → 5 Jan + 41 = 15 Feb
    assert due["plan_van_aanpak"] == date(2026, 3, 1)           # week 8: +55 → 1 Mar
    assert due["melding_42e_week"] == date(2026, 10, 25)        # week 42: +293 → 25 Oct
    assert due["eerstejaarsevaluatie"] == date(2027, 1, 3)      # week 52: +363 → 3 Jan 2027
    assert due["reintegratieverslag"] == date(2027, 10, 3)      # week 91: +636 → 3 Oct 2027
    assert due["wia_aanvraag"] == date(2027, 10, 17)            # week 93: +650 → 17 Oct 2027
    assert due["einde_loondoorbetaling"] == date(2028, 1, 2)    # week 104: +727 → 2 Jan 2028


def test_vangnet_report_is_planned_only_when_a_vangnet_applies():
    without = _due(tasks_for_case(SICK, vangnet=False))
    with_vangnet = _due(tasks_for_case(SICK, vangnet=True))

    assert "vangnet_ziekmelding_uwv" not in without
    assert with_vangnet["vangnet_ziekmelding_uwv"] == date(2026, 2, 15)  # within 6 weeks: +41


def test_plan_is_evaluated_every_six_weeks_after_week_eight_until_the_wage_duty_ends():
    tasks = tasks_for_case(SICK, vangnet=False)

    evaluations = [t for t in tasks if t.code.startswith("evaluatie_plan_van_aanpak")]
    # weeks 14, 20, …, 98: fifteen evaluations; week 104 is the end of wage payment, not an evaluation
    assert [t.code for t in evaluations] == [f"evaluatie_plan_van_aanpak_w{w}" for w in range(14, 104, 6)]
    assert evaluations[0].due == date(2026, 4, 12)  # week 14: +97 → 5 Jan + 97 = 12 Apr
    assert evaluations[0].title == "Evaluatie plan van aanpak (week 14)"


def test_tasks_are_listed_by_due_date():
    dues = [task.due for task in tasks_for_case(SICK, vangnet=True)]

    assert dues == sorted(dues)


def test_configurable_weeks_move_their_tasks():
    # Given a sector that evaluates the first year in week 50, files WIA in week 91 and evaluates every 4 weeks
    due = _due(tasks_for_case(SICK, vangnet=False, first_year_evaluation_week=50, wia_week=91,
                              plan_evaluation_weeks=4))

    assert due["eerstejaarsevaluatie"] == date(2026, 12, 20)  # week 50: +349
    assert due["wia_aanvraag"] == date(2027, 10, 3)           # week 91: +636
    assert due["reintegratieverslag"] == date(2027, 9, 19)    # two weeks earlier, week 89: +622
    assert "evaluatie_plan_van_aanpak_w12" in due and "evaluatie_plan_van_aanpak_w14" not in due


def test_a_late_ziekmelding_skips_past_evaluations_but_keeps_overdue_legal_deadlines():
    # Given the case is entered on 1 June 2026, in week 22 of a case that started on 5 January
    due = _due(tasks_for_case(SICK, vangnet=False, today=date(2026, 6, 1)))

    # Then the evaluations of weeks 14 (12 Apr) and 20 (24 May) are left out; week 26 (5 Jul) is planned
    assert "evaluatie_plan_van_aanpak_w14" not in due and "evaluatie_plan_van_aanpak_w20" not in due
    assert due["evaluatie_plan_van_aanpak_w26"] == date(2026, 7, 5)
    # And the overdue plan van aanpak (1 Mar) stays on the list
    assert due["plan_van_aanpak"] == date(2026, 3, 1)


def test_employment_ending_while_sick_is_due_on_the_last_working_day():
    task = task_on_employment_end(date(2026, 6, 30), first_sick_day=date(2026, 3, 2))

    assert task.code == "ziek_uit_dienst" and task.due == date(2026, 6, 30)


def test_employment_ending_on_the_first_sick_day_is_still_reported():
    assert task_on_employment_end(date(2026, 3, 2), first_sick_day=date(2026, 3, 2)).due == date(2026, 3, 2)


def test_nothing_to_report_when_the_employment_goes_on_or_ended_before_the_sickness():
    assert task_on_employment_end(None, first_sick_day=date(2026, 3, 2)) is None
    assert task_on_employment_end(date(2026, 3, 1), first_sick_day=date(2026, 3, 2)) is None


def test_recovery_in_a_vangnet_case_must_be_reported_within_two_days():
    task = task_on_recovery(date(2026, 3, 30), vangnet=True)

    assert task.code == "hersteldmelding_uwv" and task.due == date(2026, 4, 1)  # 30 Mar + 2
    assert task_on_recovery(date(2026, 3, 30), vangnet=False) is None


@pytest.mark.parametrize("new_sick_day, expected_start", [
    # previous case: 1 Feb – recovery date (first day fit) 1 Mar 2026
    (date(2026, 3, 28), date(2026, 2, 1)),   # fit 1–27 Mar: 27 days apart → one case
    (date(2026, 3, 29), date(2026, 3, 29)),  # fit 1–28 Mar: 28 days apart → a new case
    (date(2026, 3, 1), date(2026, 2, 1)),    # sick again on the recovery date itself → one case
])
def test_sick_periods_less_than_four_weeks_apart_are_one_case(new_sick_day, expected_start):
    assert case_start(date(2026, 3, 1), date(2026, 2, 1), new_sick_day) == expected_start


def test_first_case_starts_on_its_own_first_sick_day():
    assert case_start(None, None, date(2026, 5, 4)) == date(2026, 5, 4)


def test_a_combined_case_runs_its_deadlines_from_the_first_period():
    # Given a first period from 5 Jan, recovered 2 Feb, sick again 16 Feb (14 days apart)
    start = case_start(date(2026, 2, 2), SICK, date(2026, 2, 16))

    # Then the 42nd-week report is counted from 5 January, not from 16 February
    assert _due(tasks_for_case(start, vangnet=False))["melding_42e_week"] == date(2026, 10, 25)


def test_recovery_closes_the_reintegration_steps_but_not_the_reports_already_owed():
    # Given a vangnet case whose tasks are all still open
    open_tasks = tasks_for_case(SICK, vangnet=True)

    # When the employee is fully fit again on 2 March
    closed = set(tasks_closed_by_recovery(open_tasks, date(2026, 3, 2)))

    # Then the steps towards re-integration close, the sick reports stay to be done
    assert {"probleemanalyse", "plan_van_aanpak", "evaluatie_plan_van_aanpak_w14", "melding_42e_week",
            "eerstejaarsevaluatie", "reintegratieverslag", "wia_aanvraag", "einde_loondoorbetaling"} <= closed
    assert "ziekmelding_arbodienst" not in closed and "vangnet_ziekmelding_uwv" not in closed


def test_ziek_uit_dienst_lapses_only_when_fit_by_the_last_working_day():
    leaving = task_on_employment_end(date(2026, 6, 30), first_sick_day=date(2026, 3, 2))

    assert tasks_closed_by_recovery([leaving], date(2026, 6, 30)) == ["ziek_uit_dienst"]
    assert tasks_closed_by_recovery([leaving], date(2026, 7, 1)) == []


def test_hersteldmelding_is_not_closed_by_the_recovery_that_created_it():
    hersteld = task_on_recovery(date(2026, 3, 30), vangnet=True)

    assert tasks_closed_by_recovery([hersteld], date(2026, 3, 30)) == []


def test_every_planned_task_has_a_dutch_definition():
    tasks = tasks_for_case(SICK, vangnet=True) + [task_on_employment_end(SICK, SICK), task_on_recovery(SICK, True)]

    for task in tasks:
        rule = definition(task.code)
        assert rule.title and isinstance(rule.actor, Actor)
    assert definition("wia_aanvraag").actor is Actor.WERKNEMER
    assert definition("evaluatie_plan_van_aanpak_w20").code == "evaluatie_plan_van_aanpak"
