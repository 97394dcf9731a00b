"""The stand-in's demo data: Demo BV with employees and the two demo logins, seeded idempotently."""
from chalicelib import store
from chalicelib.domain.accounts import SECRETARIAT_SCOPE
from chalicelib.store.models import Employee, Employer, User
from infra.local.seed import seed_demo


def _counts():
    return sum(1 for _ in Employer.scan()), sum(1 for _ in User.scan()), sum(1 for _ in Employee.scan())


def test_seeding_twice_adds_nothing(deps):
    seed_demo(deps, "demo-wachtwoord-2026")
    first = _counts()

    seed_demo(deps, "demo-wachtwoord-2026")

    assert first == _counts() == (1, 2, 5)


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
