"""GET /api/tasks/guide: what each Poortwachter step means, for the task cards; every task names its step."""
from __future__ import annotations

from tests.support.absences import open_tasks, sick
from tests.support.people import JAN


def test_the_guide_explains_every_step_in_timeline_order_without_signing_in(browser):
    answer = browser.get("/api/tasks/guide")

    assert answer.status == 200
    steps = answer.body["steps"]
    assert steps[0]["step"] == "ziekmelding_arbodienst" and steps[0]["title"] == "Ziekmelding aan de arbodienst"
    assert "niet deze melding" in steps[0]["what"]
    assert all(set(s) == {"step", "title", "what", "who", "deadline", "in_portal", "help_url"} for s in steps)
    assert [s["help_url"] for s in steps][:2] == ["/hulp.html#taak-ziekmelding_arbodienst",
                                                   "/hulp.html#taak-vangnet_ziekmelding_uwv"]


def test_each_task_of_a_ziekmelding_names_a_step_the_guide_explains(browser, werkgever_browser):
    jan = werkgever_browser.post("/api/employees", JAN).body["employee_id"]
    tasks = sick(werkgever_browser, jan, "2026-09-14").body["tasks"]
    explained = {s["step"] for s in browser.get("/api/tasks/guide").body["steps"]}

    assert {t["step"] for t in tasks} <= explained
    evaluations = [t for t in tasks if t["code"].startswith("evaluatie_plan_van_aanpak_w")]
    assert evaluations and {t["step"] for t in evaluations} == {"evaluatie_plan_van_aanpak"}
    assert {t["step"] for t in open_tasks(werkgever_browser)} <= explained
