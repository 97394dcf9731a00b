"""Every Poortwachter task explains itself to an employer: what, who, the deadline and why, what to do here."""
from __future__ import annotations

from datetime import date

import pytest

from chalicelib.domain import poortwachter, task_guide
from chalicelib.domain.poortwachter import tasks_for_case

SICK = date(2026, 3, 2)


@pytest.mark.parametrize("step", list(poortwachter.DEFINITIONS))
def test_every_step_of_the_timeline_is_explained_in_full(step):
    explained = task_guide.guidance(step)

    for text in (explained.what, explained.who, explained.deadline, explained.in_portal):
        assert len(text) > 10 and text[0].isupper() and text.endswith((".", "\u201d."))
    assert "Afronden" in explained.in_portal


def test_every_planned_task_finds_its_step_also_each_evaluation():
    planned = tasks_for_case(SICK, vangnet=True)
    evaluations = [t.code for t in planned if t.code.startswith("evaluatie_plan_van_aanpak_w")]

    assert len(evaluations) > 5
    assert {task_guide.step_of(code) for code in evaluations} == {"evaluatie_plan_van_aanpak"}
    assert all(task_guide.step_of(t.code) in task_guide.GUIDE for t in planned)


def test_the_arbodienst_task_says_the_portals_ziekmelding_is_not_that_report():
    explained = task_guide.guidance("ziekmelding_arbodienst")

    assert "uw ziekmelding in dit portaal is niet deze melding" in explained.what
    assert "arbodienst" in explained.who


def test_reports_to_uwv_say_the_portal_does_not_send_them():
    for step in ("melding_42e_week", "ziek_uit_dienst", "hersteldmelding_uwv", "vangnet_ziekmelding_uwv"):
        explained = task_guide.guidance(step)
        assert explained.who == "U meldt bij UWV." and "werkgeversportaal van UWV" in explained.in_portal


def test_the_instructiekaart_anchor_of_a_step():
    assert task_guide.help_anchor("probleemanalyse") == "taak-probleemanalyse"
