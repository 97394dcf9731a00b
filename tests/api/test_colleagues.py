"""Collega's: the employer's own beheerder sets colleagues' roles, never giving more than they have themselves;
het secretariaat names the beheerder."""
from __future__ import annotations

import pytest

from chalicelib.domain.roles import EmployerRole
from chalicelib.services import roles
from tests.support.accounts import PASSWORD, log_in
from tests.support.organisation import MANAGER_PHONE


def _names(answer) -> set[str]:
    assert answer.status == 200, answer.body
    return {row["first_name"] for row in answer.body["employees"]}


@pytest.fixture
def hr_beheerder(deps, employer, werkgever, new_browser, outbox):
    """Wim, verzuimbeheerder and beheerder of the employer (named by het secretariaat), signed in again."""
    roles.set_role(deps, werkgever.user_id, employer["employer_id"],
                   roles.RoleChange(role=EmployerRole.VERZUIMBEHEERDER, beheerder=True))
    browser = new_browser()
    log_in(browser, outbox, "wjansen", PASSWORD, "+31612345678")
    return browser


def test_a_user_who_is_no_beheerder_manages_no_colleagues(organisation, werkgever_browser, manager_of):
    lea = manager_of(organisation.nachtploeg)

    listed = werkgever_browser.get("/api/colleagues")
    changed = werkgever_browser.put(f"/api/colleagues/{lea.user_id}/role", {"role": "verzuimbeheerder"})

    assert (listed.status, listed.error) == (403, "not_beheerder")
    assert (changed.status, changed.error) == (403, "not_beheerder")
    assert werkgever_browser.get("/api/auth/me").body["beheerder"] is False


def test_the_beheerder_lists_colleagues_and_sets_a_role_which_takes_effect_at_the_next_sign_in(
        organisation, manager_of, hr_beheerder, outbox):
    lea = manager_of(organisation.nachtploeg)
    assert hr_beheerder.get("/api/auth/me").body["beheerder"] is True

    listed = {c["name"]: c for c in hr_beheerder.get("/api/colleagues").body["colleagues"]}
    answer = hr_beheerder.put(f"/api/colleagues/{lea.user_id}/role",
                              {"role": "leidinggevende", "department_ids": [organisation.kantoor]})

    assert listed["Wim Jansen"]["manageable"] is False and listed["Wim Jansen"]["role"]["beheerder"] is True
    assert listed["Lea Leider 1"]["manageable"] is True
    assert listed["Lea Leider 1"]["role"]["department_ids"] == [organisation.nachtploeg]
    assert answer.status == 200, answer.body
    assert answer.body["role"] == {"employer_id": answer.body["role"]["employer_id"], "role": "leidinggevende",
                                   "department_ids": [organisation.kantoor], "beheerder": False}
    assert lea.get("/api/employees").status == 401
    log_in(lea, outbox, "leider1", PASSWORD, f"{MANAGER_PHONE[:-1]}1")
    assert _names(lea.get("/api/employees?filter=alle")) == {"Bob"}


def test_a_leidinggevende_beheerder_gives_no_more_than_they_have(deps, employer, werkgever, organisation,
                                                                   manager_of, new_browser, outbox):
    # Given Lea 2, leidinggevende of Magazijn and beheerder, and Lea 1, leidinggevende of its team Nachtploeg
    tom = manager_of(organisation.nachtploeg)
    lea_id = manager_of(organisation.magazijn).user_id
    roles.set_role(deps, lea_id, employer["employer_id"], roles.RoleChange(
        role=EmployerRole.LEIDINGGEVENDE, department_ids=frozenset({organisation.magazijn}), beheerder=True))
    lea = new_browser()
    log_in(lea, outbox, "leider2", PASSWORD, f"{MANAGER_PHONE[:-1]}2")

    def role(user_id, body):
        return lea.put(f"/api/colleagues/{user_id}/role", body)

    # Then she may give Lea 1 all of Magazijn and make her beheerder, which she is herself
    ok = role(tom.user_id, {"role": "leidinggevende", "department_ids": [organisation.magazijn], "beheerder": True})
    assert ok.status == 200, ok.body
    # but not Kantoor, nor the whole employer; nor touch Wim, who sees more than she does; nor her own role
    for refused, error in ((role(tom.user_id, {"role": "leidinggevende", "department_ids": [organisation.kantoor]}),
                            "more_than_yours"),
                           (role(tom.user_id, {"role": "verzuimbeheerder"}), "more_than_yours"),
                           (role(werkgever.user_id, {"role": "leidinggevende",
                                                     "department_ids": [organisation.magazijn]}), "more_than_yours"),
                           (role(lea_id, {"role": "leidinggevende",
                                               "department_ids": [organisation.nachtploeg]}), "own_role")):
        assert (refused.status, refused.error) == (403, error), refused.body
    listed = {c["name"]: c["manageable"] for c in lea.get("/api/colleagues").body["colleagues"]}
    assert (listed["Wim Jansen"], listed["Lea Leider 1"], listed["Lea Leider 2"]) == (False, True, False)


def test_another_employers_user_is_not_a_colleague(organisation, hr_beheerder, other_employer_browser):
    other = other_employer_browser.get("/api/auth/me").body["user_id"]

    answer = hr_beheerder.put(f"/api/colleagues/{other}/role", {"role": "verzuimbeheerder"})

    assert (answer.status, answer.error) == (404, "user_unknown")
    assert "Anne Anders" not in {c["name"] for c in hr_beheerder.get("/api/colleagues").body["colleagues"]}


def test_het_secretariaat_names_a_beheerder(employer, werkgever, secretariat_browser):
    answer = secretariat_browser.put(f"/api/admin/users/{werkgever.user_id}/role",
                                     {"employer_id": employer["employer_id"], "role": "verzuimbeheerder",
                                      "beheerder": True})

    assert answer.status == 200 and answer.body["roles"][0]["beheerder"] is True
    users = secretariat_browser.get(f"/api/admin/employers/{employer['employer_id']}/users").body["users"]
    assert [u["beheerder"] for u in users if u["username"] == "wjansen"] == [True]


def test_the_beheerder_invites_a_leidinggevende_who_activates_with_that_role_from_the_start(
        organisation, manager_of, deps, employer, outbox, new_browser):
    # Given Lea, leidinggevende of Magazijn and beheerder
    lea_id = manager_of(organisation.magazijn).user_id
    roles.set_role(deps, lea_id, employer["employer_id"], roles.RoleChange(
        role=EmployerRole.LEIDINGGEVENDE, department_ids=frozenset({organisation.magazijn}), beheerder=True))
    lea = new_browser()
    log_in(lea, outbox, "leider1", PASSWORD, f"{MANAGER_PHONE[:-1]}1")

    # When she invites Nico as leidinggevende of Nachtploeg, and tries to invite someone as verzuimbeheerder
    invited = lea.post("/api/colleagues", {"name": "Nico Nacht", "email": "nico@jansen.nl",
                                           "role": "leidinggevende", "department_ids": [organisation.nachtploeg]})
    too_much = lea.post("/api/colleagues", {"name": "Hans HR", "email": "hans@jansen.nl",
                                            "role": "verzuimbeheerder"})

    # Then Nico is invited with his role already set, and got the link; Hans is not, and got nothing
    assert invited.status == 201, invited.body
    assert invited.body["status"] == "invited" and invited.body["role"]["department_ids"] == [organisation.nachtploeg]
    assert len(outbox.emails("nico@jansen.nl")) == 1
    assert (too_much.status, too_much.error) == (403, "more_than_yours") and outbox.emails("hans@jansen.nl") == []
    listed = {c["name"]: c for c in lea.get("/api/colleagues").body["colleagues"]}
    assert listed["Nico Nacht"]["role"]["role"] == "leidinggevende"


def test_invitations_by_one_beheerder_are_limited_per_day(hr_beheerder, outbox):
    bad = hr_beheerder.post("/api/colleagues", {"name": "Typo", "email": "geen-adres", "role": "verzuimbeheerder"})
    assert (bad.status, bad.error) == (422, "email_invalid")  # refused before it counts
    for number in range(20):
        answer = hr_beheerder.post("/api/colleagues", {"name": f"Collega {number}", "email": f"c{number}@jansen.nl",
                                                       "role": "verzuimbeheerder"})
        assert answer.status == 201, answer.body

    refused = hr_beheerder.post("/api/colleagues", {"name": "Nog een", "email": "nog@jansen.nl",
                                                    "role": "verzuimbeheerder"})

    assert (refused.status, refused.error) == (429, "invites_exhausted")
    assert outbox.emails("nog@jansen.nl") == []


def test_the_beheerder_deactivates_and_reactivates_a_colleague_but_not_one_with_more_rights(
        organisation, manager_of, deps, employer, werkgever, outbox, new_browser):
    tom = manager_of(organisation.nachtploeg)
    lea_id = manager_of(organisation.magazijn).user_id
    roles.set_role(deps, lea_id, employer["employer_id"], roles.RoleChange(
        role=EmployerRole.LEIDINGGEVENDE, department_ids=frozenset({organisation.magazijn}), beheerder=True))
    lea = new_browser()
    log_in(lea, outbox, "leider2", PASSWORD, f"{MANAGER_PHONE[:-1]}2")

    off = lea.post(f"/api/colleagues/{tom.user_id}/deactivate")
    assert off.status == 200 and off.body["status"] == "deactivated"
    assert tom.get("/api/employees").status == 401
    on = lea.post(f"/api/colleagues/{tom.user_id}/reactivate")
    assert on.status == 200 and on.body["status"] == "active"
    hr = lea.post(f"/api/colleagues/{werkgever.user_id}/deactivate")
    assert (hr.status, hr.error) == (403, "more_than_yours")
    assert (lea.post(f"/api/colleagues/{lea_id}/deactivate").error, lea.post(
        f"/api/colleagues/{tom.user_id}/reactivate").error) == ("own_role", "not_deactivated")
