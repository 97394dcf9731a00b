"""The stand-in's demo data: Demo BV with employees and the two demo logins, seeded idempotently."""
from chalicelib import store
from chalicelib.domain.accounts import SECRETARIAT_SCOPE
from chalicelib.services import admin
from chalicelib.store.models import Employee, Employer, User
from infra.local.seed import seed_demo


def _counts():
    return sum(1 for _ in Employer.scan()), sum(1 for _ in User.scan()), sum(1 for _ in Employee.scan())


def test_seeding_twice_adds_nothing(deps):
    seed_demo(deps, "demo-wachtwoord-2026")
    first = _counts()

    seed_demo(deps, "demo-wachtwoord-2026")

    assert first == _counts() == (1, 4, 5)  # the three demo logins and Bram, blocked for the secretariat's home


def test_demo_logins_belong_where_the_readme_says(deps):
    seed_demo(deps, "demo-wachtwoord-2026")

    werkgever, secretariaat = store.users.find_by_username("werkgever"), store.users.find_by_username("secretariaat")
    demo_bv = store.employers.get(werkgever.employer_id)
    assert demo_bv.name == "Demo BV" and werkgever.role == "werkgever" and werkgever.phone == "+31612345678"
    assert secretariaat.role == "secretariaat" and secretariaat.employer_id == SECRETARIAT_SCOPE
    assert len(store.employees.list_for_employer(demo_bv.employer_id)) == 5


def test_demo_bv_has_one_open_absence_with_its_tasks_once(deps):
    seed_demo(deps, "demo-wachtwoord-2026")
    seed_demo(deps, "demo-wachtwoord-2026")

    werkgever = store.users.find_by_username("werkgever")
    [absence] = store.absences.for_employee(werkgever.employer_id, "demo-1004")
    assert absence.status == "open" and absence.employer_id == werkgever.employer_id
    tasks = store.absences.open_tasks(werkgever.employer_id)
    assert tasks and store.employers.get(werkgever.employer_id).open_tasks == len(tasks)


def test_demo_bv_has_one_leave_ahead_with_its_uwv_tasks_once(deps):
    seed_demo(deps, "demo-wachtwoord-2026")
    seed_demo(deps, "demo-wachtwoord-2026")

    werkgever = store.users.find_by_username("werkgever")
    [leave] = store.leaves.for_employee(werkgever.employer_id, "demo-1005")
    assert leave.starts_on > deps.today().isoformat(), "ahead: a ziekmelding of Zoë today is still possible"
    assert {t.code for t in store.absences.tasks_of(leave.leave_id)} == {"wazo_aanvraag_uwv", "bevallingsdatum_uwv"}


def test_each_demo_login_starts_with_back_up_codes_that_log_in(deps, browser):
    # Given a freshly seeded stand-in, whose banner shows each demo login's back-up codes
    backup_codes = seed_demo(deps, "demo-wachtwoord-2026")
    assert sorted(backup_codes) == ["leidinggevende", "secretariaat", "werkgever"]
    assert all(len(shown) == 10 for shown in backup_codes.values())

    # When a tester logs in as the werkgever with the password and one of those codes
    browser.post("/api/auth/login", {"username": "werkgever", "password": "demo-wachtwoord-2026"})
    signed_in = browser.post("/api/auth/backup-code", {"code": backup_codes["werkgever"][0]})

    # Then they are in, and that code is used up
    assert signed_in.status == 200 and browser.get("/api/auth/me").status == 200
    assert len(store.users.find_by_username("werkgever").backup_codes) == 9


def test_seeding_again_hands_out_no_new_codes(deps):
    # Given the demo logins were seeded once, with their codes shown
    first = seed_demo(deps, "demo-wachtwoord-2026")

    # When seeding runs again
    again = seed_demo(deps, "demo-wachtwoord-2026")

    # Then nothing new is shown and the first codes are still the ones stored
    assert again == {} and len(first["werkgever"]) == 10
    assert len(store.users.find_by_username("werkgever").backup_codes) == 10


def test_the_secretariats_home_has_a_blocked_demo_account_to_unblock(deps):
    # Given a freshly seeded stand-in
    seed_demo(deps, "demo-wachtwoord-2026")

    # When the secretariat opens its home
    attention = admin.attention(deps)

    # Then Bram of Demo BV is listed as blocked, and the demo logins are not
    assert [(u["username"], u["state_text"], u["employer_name"]) for u in attention["blocked"]["users"]] == [
        ("bblokker", "Geblokkeerd", "Demo BV")]


def test_demo_bv_has_two_afdelingen_and_a_team_with_everyone_in_one_once(deps):
    seed_demo(deps, "demo-wachtwoord-2026")
    seed_demo(deps, "demo-wachtwoord-2026")

    werkgever = store.users.find_by_username("werkgever")
    departments = {d.department_id: d for d in store.departments.list_for_employer(werkgever.employer_id)}
    assert sorted((d.name, d.parent_id and departments[d.parent_id].name) for d in departments.values()) == [
        ("Kantoor", None), ("Magazijn", None), ("Nachtploeg", "Magazijn")]
    employees = store.employees.list_for_employer(werkgever.employer_id)
    assert all(e.department_id in departments and e.department_since == e.start_date for e in employees)
    assert {departments[e.department_id].name for e in employees} == {"Kantoor", "Magazijn", "Nachtploeg"}


def test_the_demo_leidinggevende_sees_only_magazijn_and_its_team(deps):
    from chalicelib.domain.roles import scope_of

    seed_demo(deps, "demo-wachtwoord-2026")
    seed_demo(deps, "demo-wachtwoord-2026")

    lotte = store.users.find_by_username("leidinggevende")
    scope = scope_of(lotte.employer_id, lotte.employer_role, lotte.department_ids)
    seen = {e.personnel_number for e in store.employees.every(scope)}
    assert lotte.employer_role == "leidinggevende+beheerder" and seen == {"1001", "1004", "1005"}
