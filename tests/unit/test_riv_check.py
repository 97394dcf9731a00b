"""The RIV-check: what UWV will look for in the dossier at this point of a case, and whether it came in time."""
from __future__ import annotations

from datetime import date, timedelta

from chalicelib.domain.documents import DocumentType
from chalicelib.domain.riv_check import PresentDocument, RivItem, RivStatus, check, first_gap, summary

# Monday 5 January 2026 is day 1 of week 1. End of week 6: 15 Feb; week 8: 1 Mar; week 14: 12 Apr; week 20: 24 May;
# week 42: 25 Oct (the 42e-weeksmelding may still be made on 26 Oct, the first day after it).
SICK = date(2026, 1, 5)


def _week(week: int, day: int = 1) -> date:
    """Day `day` (1–7) of week `week` of the case."""
    return SICK + timedelta(days=7 * (week - 1) + day - 1)


def _doc(kind: DocumentType, week: int, day: int = 1) -> PresentDocument:
    return PresentDocument(type=kind, dated=_week(week, day))


def _statuses(items: list[RivItem]) -> dict[str, RivStatus]:
    return {item.code: item.status for item in items}


PA = DocumentType.PROBLEEMANALYSE
PVA = DocumentType.PLAN_VAN_AANPAK
EVALUATIE = DocumentType.EVALUATIE


def test_in_week_4_with_nothing_yet_the_probleemanalyse_and_plan_van_aanpak_are_due():
    # Given a case in week 4 with an empty dossier
    # When the RIV-check runs
    items = check(SICK, _week(4), [])

    # Then the two steps of the coming six weeks are due, with their deadlines and what to do
    assert _statuses(items) == {"probleemanalyse": RivStatus.DUE, "plan_van_aanpak": RivStatus.DUE}
    analysis, plan = items
    assert (analysis.due, plan.due) == (date(2026, 2, 15), date(2026, 3, 1))
    assert analysis.advice == ("Vraag de bedrijfsarts om de probleemanalyse en voeg haar toe aan het dossier. "
                               "Dat moet uiterlijk 15-02-2026.")
    assert analysis.document_types == (PA,)
    assert "week 6" in analysis.basis
    assert summary(items).in_order


def test_in_week_7_without_a_probleemanalyse_it_is_missing():
    items = check(SICK, _week(7), [])

    assert _statuses(items)["probleemanalyse"] == RivStatus.MISSING
    assert items[0].advice.startswith(
        "Vraag de bedrijfsarts om de probleemanalyse en voeg haar toe aan het dossier. De termijn (15-02-2026) is "
        "verstreken")
    assert (summary(items).missing, summary(items).in_order) == (1, False)


def test_a_probleemanalyse_dated_in_week_7_came_late_and_uwv_will_see_it():
    # Given the probleemanalyse is dated in week 7, after its deadline
    items = check(SICK, _week(7, 3), [_doc(PA, 7, 2)])

    # Then it counts, but as late, and the advice says to explain the delay in the dossier
    [analysis] = [i for i in items if i.code == "probleemanalyse"]
    assert analysis.status == RivStatus.LATE
    assert "UWV ziet dat het te laat kwam" in analysis.advice and "waarom" in analysis.advice
    assert summary(items).late == 1


def test_a_document_dated_on_the_deadline_itself_is_in_time():
    items = check(SICK, _week(7), [_doc(PA, 6, 7)])

    assert _statuses(items)["probleemanalyse"] == RivStatus.PRESENT


def test_only_a_document_of_the_matching_type_counts():
    # Given a document filed as "overig" in week 5 (perhaps the probleemanalyse, but not filed as one)
    items = check(SICK, _week(7), [_doc(DocumentType.OVERIG, 5)])

    assert _statuses(items)["probleemanalyse"] == RivStatus.MISSING


def test_in_week_20_an_evaluation_in_week_13_covers_the_first_window_and_the_next_is_due():
    # Given the probleemanalyse, the plan van aanpak and an evaluation in week 13
    dossier = [_doc(PA, 5), _doc(PVA, 8), _doc(EVALUATIE, 13)]

    # When the check runs on the Monday of week 20
    items = check(SICK, _week(20), dossier)

    # Then the week-14 evaluation is present and the week-20 one is due; week 26 is beyond the six-week horizon
    assert _statuses(items) == {
        "probleemanalyse": RivStatus.PRESENT, "plan_van_aanpak": RivStatus.PRESENT,
        "evaluatie_plan_van_aanpak_w14": RivStatus.PRESENT, "evaluatie_plan_van_aanpak_w20": RivStatus.DUE}
    assert [i.due for i in items][-2:] == [date(2026, 4, 12), date(2026, 5, 24)]
    assert items[-1].title == "Evaluatie plan van aanpak (week 20)"
    assert items[-1].document_types == (
        EVALUATIE, DocumentType.BIJSTELLING_PLAN_VAN_AANPAK, DocumentType.EERSTEJAARSEVALUATIE)


def test_an_evaluation_a_week_after_its_window_makes_that_window_late_and_covers_the_next():
    # Given the only evaluation so far is dated in week 15, just after the week-14 window
    items = check(SICK, _week(22), [_doc(PA, 5), _doc(PVA, 8), _doc(EVALUATIE, 15)])

    statuses = _statuses(items)
    assert statuses["evaluatie_plan_van_aanpak_w14"] == RivStatus.LATE
    assert statuses["evaluatie_plan_van_aanpak_w20"] == RivStatus.PRESENT


def test_an_evaluation_before_the_plan_deadline_covers_no_window_and_a_long_gap_shows_as_missing():
    # Given an evaluation in week 7 and the next in week 30
    items = check(SICK, _week(31), [_doc(PA, 5), _doc(PVA, 7), _doc(EVALUATIE, 7), _doc(EVALUATIE, 30)])

    statuses = _statuses(items)
    assert (statuses["evaluatie_plan_van_aanpak_w14"], statuses["evaluatie_plan_van_aanpak_w20"]) == (
        RivStatus.MISSING, RivStatus.MISSING)
    assert statuses["evaluatie_plan_van_aanpak_w26"] == RivStatus.LATE
    assert statuses["evaluatie_plan_van_aanpak_w32"] == RivStatus.PRESENT


def test_a_bijstelling_of_the_plan_counts_as_an_evaluation():
    items = check(SICK, _week(15), [_doc(PA, 5), _doc(PVA, 8), _doc(DocumentType.BIJSTELLING_PLAN_VAN_AANPAK, 12)])

    assert _statuses(items)["evaluatie_plan_van_aanpak_w14"] == RivStatus.PRESENT


def test_a_case_recovered_in_week_10_needs_no_evaluation_and_no_42e_weeksmelding():
    # Given a case that ended in week 10, looked at half a year later
    items = check(SICK, _week(36), [_doc(PA, 6), _doc(PVA, 8)], ended=_week(10, 3))

    # Then only the steps due while sick are listed, both present
    assert _statuses(items) == {"probleemanalyse": RivStatus.PRESENT, "plan_van_aanpak": RivStatus.PRESENT}


def test_a_case_recovered_in_week_3_lists_nothing():
    assert check(SICK, _week(20), [], ended=_week(3)) == []


def test_the_42e_weeksmelding_is_missing_in_week_43():
    # Given a case in week 43 with every evaluation in place but no confirmation of the 42e-weeksmelding
    evaluations = [_doc(EVALUATIE, week) for week in range(13, 43, 6)]
    items = check(SICK, _week(43, 3), [_doc(PA, 5), _doc(PVA, 8), *evaluations])

    [melding] = [i for i in items if i.code == "melding_42e_week"]
    assert (melding.status, melding.due) == (RivStatus.MISSING, date(2026, 10, 26))
    assert "werkgeversportaal van UWV" in melding.advice and "bevestiging" in melding.advice
    assert summary(items).missing == 1


def test_a_42e_weeksmelding_on_the_first_day_after_week_42_is_in_time_a_week_later_it_is_late():
    on_time = check(SICK, _week(44), [_doc(DocumentType.MELDING_42E_WEEK, 43, 1)])
    late = check(SICK, _week(45), [_doc(DocumentType.MELDING_42E_WEEK, 44, 1)])

    assert _statuses(on_time)["melding_42e_week"] == RivStatus.PRESENT
    assert _statuses(late)["melding_42e_week"] == RivStatus.LATE


def test_the_eerstejaarsevaluatie_is_due_at_the_end_of_week_52_and_also_evaluates_the_plan():
    # Given a complete dossier up to week 49 and the eerstejaarsevaluatie in week 52
    evaluations = [_doc(EVALUATIE, week) for week in range(13, 50, 6)]
    dossier = [_doc(PA, 5), _doc(PVA, 8), *evaluations, _doc(DocumentType.MELDING_42E_WEEK, 41),
               _doc(DocumentType.EERSTEJAARSEVALUATIE, 52)]

    # When the check runs in week 54
    items = check(SICK, _week(54), dossier)

    # Then the eerstejaarsevaluatie is in time and also covers the plan's evaluation window of weeks 51–56
    statuses = _statuses(items)
    assert statuses["eerstejaarsevaluatie"] == RivStatus.PRESENT
    assert statuses["evaluatie_plan_van_aanpak_w56"] == RivStatus.PRESENT
    assert [i.due for i in items if i.code == "eerstejaarsevaluatie"] == [date(2027, 1, 3)]
    assert summary(items).in_order


def test_the_reintegratieverslag_shows_up_six_weeks_before_week_91_and_moves_with_the_wia_week():
    before = check(SICK, _week(84), [])
    shown = check(SICK, _week(86), [])
    earlier_wia = check(SICK, _week(84), [], wia_week=91)

    assert "reintegratieverslag" not in _statuses(before)
    assert [(i.status, i.due) for i in shown if i.code == "reintegratieverslag"] == [
        (RivStatus.DUE, date(2027, 10, 3))]
    assert [i.due for i in earlier_wia if i.code == "reintegratieverslag"] == [date(2027, 9, 19)]  # week 89


def test_the_probleemanalyse_is_always_listed_even_beyond_the_horizon():
    items = check(SICK, _week(1), [], horizon_weeks=2)

    assert _statuses(items) == {"probleemanalyse": RivStatus.DUE}


def test_every_step_says_what_proves_it_and_where_it_comes_from():
    items = check(SICK, _week(100), [])

    assert {i.code for i in items} >= {"probleemanalyse", "plan_van_aanpak", "melding_42e_week",
                                       "eerstejaarsevaluatie", "reintegratieverslag", "evaluatie_plan_van_aanpak_w98"}
    for item in items:
        assert item.document_types and item.basis and item.advice.endswith(".")
        assert item.status == RivStatus.MISSING
    assert [i.due for i in items] == sorted(i.due for i in items)


def test_the_first_gap_is_the_deadline_of_the_first_step_without_any_document():
    # An empty dossier: the probleemanalyse is the first gap; with it (even late), the plan van aanpak
    assert first_gap(SICK, []) == date(2026, 2, 15)
    assert first_gap(SICK, [_doc(PA, 7)]) == date(2026, 3, 1)
    # the first evaluation is due in week 14; an evaluation from before the plan's deadline does not count for it
    assert first_gap(SICK, [_doc(PA, 5), _doc(PVA, 8), _doc(EVALUATIE, 8)]) == date(2026, 4, 12)


CASES = {
    "empty": [],
    "in order until week 20": [_doc(PA, 5), _doc(PVA, 7), _doc(EVALUATIE, 13), _doc(EVALUATIE, 20)],
    "late plan, evaluation skipped": [_doc(PA, 6), _doc(PVA, 10), _doc(EVALUATIE, 30)],
    "first year complete": [_doc(PA, 6), _doc(PVA, 8), *(_doc(EVALUATIE, w) for w in range(14, 52, 6)),
                            _doc(DocumentType.MELDING_42E_WEEK, 43, 1), _doc(DocumentType.EERSTEJAARSEVALUATIE, 52)],
}


def test_a_case_misses_something_exactly_on_the_days_after_its_first_gap():
    # For each hand-made dossier and every day of the first 60 weeks: the home page's count (first gap before
    # today) agrees with the dossier's check (a step missing)
    for name, documents in CASES.items():
        gap = first_gap(SICK, documents)
        for day in range(60 * 7):
            today = SICK + timedelta(days=day)
            missing = any(item.status == RivStatus.MISSING for item in check(SICK, today, documents))
            assert missing == (gap is not None and gap < today), (name, today, gap)
