"""Dossier zoeken at scale: DynamoDB requests and items read per search, one large employer among many.

Run from the repo root: `.venv/bin/python bench/search.py [RUNS] [--quick]`. Prints figures; asserts no timing,
but exits 1 if it sees any Scan request (the search must be a Query on the employer's own partition).
moto in-process, no AWS account. One employer gets 10,000 employees, the others 100-200 each (`--quick`: 1,000
and 10-20), written with batch writes of exactly the items store.employees.create() writes (checked first).
The searches go through services.employees.search as a werkgever of the large and of a small employer, with 10
employers in the tables and again with 100: the requests and items read are what carry over to DynamoDB. The large
employer's employees are spread over 50 afdelingen, and the same searches run as a leidinggevende of one of them;
the first Medewerkers page and Rapportages too, as that leidinggevende and as HR of the large employer.
"""
from __future__ import annotations

import datetime
import random
import statistics
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import support
from moto import mock_aws
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table
from pynamodb.models import Model

from chalicelib import store
from chalicelib.domain.employees import clean_employee
from chalicelib.domain.roles import Scope
from chalicelib.services import admin, employees, reports
from chalicelib.services.deps import Deps
from chalicelib.services.sessions import Principal
from chalicelib.store import records
from chalicelib.store.models import Employee, EmployeeSearchKey, PersonnelNumberClaim

_ARGS = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
QUICK = "--quick" in sys.argv[1:]
RUNS = int(_ARGS[0]) if _ARGS else (5 if QUICK else 30)
BIG_EMPLOYEES = 1_000 if QUICK else 10_000
OTHER_EMPLOYEES = (10, 20) if QUICK else (100, 200)
SMALL_EMPLOYEES = 15 if QUICK else 150
CHECK_EMPLOYEES = 300  # more than 200 personnel numbers start with "1": the Query stops at its limit
FEW_EMPLOYERS, MANY_EMPLOYERS = 10, 100
DEPARTMENTS = 50  # afdelingen of the large employer, its employees spread evenly
SEED = 20_260_301
NOW = 1_790_000_000
TODAY = datetime.date(2026, 9, 21)

# (label, query). The personnel number is one every employer has (numbers run from 100001 in each, at least 10).
SEARCHES = [
    ("full last name", "Jansen"),
    ("partial name", "Dijk"),
    ("common first name", "Jan"),
    ("accent-free (Çelik)", "Celik"),
    ("last name, infix", "Vries, de"),
    ("personnel number", "100012"),
    ("no match", "Bestaatniet"),
]

# Dutch names with rough shares: a few common ones, a long tail. Weights are relative.
FIRST_NAMES = ["Jan", "Daan", "Sanne", "Emma", "Lucas", "Sem", "Julia", "Anna", "Noah", "Tess", "Bram", "Lotte",
               "Pieter", "Kees", "Fleur", "Thijs", "Anouk", "Ruben", "Lieke", "Mohamed", "Fatima", "Zoë", "Chloë",
               "René", "André", "Noëlle", "Joël", "Ayşe", "Maarten", "Willem", "Eva", "Sophie", "Mila", "Levi",
               "Finn", "Luuk", "Roos", "Iris", "Femke", "Wouter", "Hendrik", "Gerrit", "Johanna", "Maria", "Ingrid",
               "Hans", "Karin", "Mark", "Linda", "Sandra", "Janneke", "Jannes", "Sven", "Yusuf", "Priya", "Bilal",
               "Annelies", "Marloes", "Jeroen", "Martijn"]
COMMON_LAST_NAMES = [("de", "Jong"), (None, "Jansen"), ("de", "Vries"), ("van den", "Berg"), ("van", "Dijk"),
                     (None, "Bakker"), (None, "Janssen"), (None, "Visser"), (None, "Smit"), (None, "Meijer"),
                     ("de", "Boer"), (None, "Mulder"), ("de", "Groot"), (None, "Bos"), (None, "Vos"),
                     (None, "Peters"), (None, "Hendriks"), ("van", "Leeuwen"), (None, "Dekker"), (None, "Brouwer"),
                     ("de", "Wit"), (None, "Dijkstra"), (None, "Smits"), ("de", "Graaf"), (None, "Schouten"),
                     (None, "Willems"), ("van der", "Meer"), ("van der", "Linden"), (None, "Kok"), (None, "Jacobs"),
                     ("de", "Haan"), (None, "Vermeulen"), ("van den", "Heuvel"), ("van der", "Veen"),
                     ("van den", "Broek"), ("de", "Bruijn"), (None, "Çelik"), (None, "Yılmaz"), (None, "Öztürk"),
                     (None, "Müller"), ("van 't", "Hof"), (None, "Dijkman"), (None, "Vriesema"),
                     (None, "Vries-Jansen"), (None, "El Amrani")]
COMMON_LAST_SHARE = 0.15  # the listed names together; the rest is the tail below
TAIL_STARTS = ["Ber", "Hol", "Wes", "Kor", "Lan", "Mee", "Ros", "Stee", "Ter", "Valk", "Wil", "Zand", "Ged", "Haver",
               "Kam", "Lin", "Mol", "Nij", "Oost", "Pol", "Rie", "Sloot", "Tim", "Veld", "Wou", "Bijl", "Eg", "Fen"]
TAIL_ENDS = ["khout", "ster", "terink", "gers", "man", "hof", "enburg", "ink", "stra", "kamp", "beek", "huis", "veld",
             "ema", "inga", "broek", "lo", "horst", "mans", "sma", "ert", "werf", "dam", "kes", "ing", "meijer"]
# Planted in every employer, so a small one has a hit for every search too.
PLANTED = [("Jan", "de", "Vries"), ("Zoë", None, "Çelik"), ("Daan", None, "Jansen"), ("Eva", "van", "Dijk")]


# --- moto, made to answer a table Query from the partition alone ------------------------------------------------
# moto's Table.query gathers candidates by sorting every item of the table (all partitions) and comparing
# DynamoType objects in Python: about 5 s for one Query among 50,000 keys, growing with the other employers' data,
# which DynamoDB does not do. For a Query on a table's own key (no index) the bench hands moto only the queried
# partition (and, for begins_with on a string sort key, only its items with that prefix); moto then sorts, pages
# and counts them itself, so the items, their order and ScannedCount are what unpatched moto answers (checked
# against unpatched moto before the runs). A string's cast_value is its value: the shortcut skips moto's type checks.
_moto_query = Table.query
_moto_cast_value = DynamoType.cast_value.fget


def _fast_cast_value(self: DynamoType) -> Any:
    return self.value if self.type == "S" else _moto_cast_value(self)


def _partition_query(self: Table, hash_key: Any, range_comparison: str | None, range_objs: list, limit: int,
                     exclusive_start_key: Any, scan_index_forward: bool, projection_expressions: Any,
                     index_name: str | None = None, *args: Any, **kwargs: Any) -> Any:
    legacy_filters = set(kwargs) - {"hash_key_conditions", "range_key_conditions"}
    if index_name or not self.range_key_attr or hash_key is None:
        return _moto_query(self, hash_key, range_comparison, range_objs, limit, exclusive_start_key,
                           scan_index_forward, projection_expressions, index_name, *args, **kwargs)
    items = list(self.items.get(hash_key, {}).values())
    if range_comparison == "BEGINS_WITH" and range_objs[0].type == "S" and not legacy_filters:
        prefix = range_objs[0].value
        items = [item for item in items if item.range_key.type == "S" and item.range_key.value.startswith(prefix)]
    self.all_items = lambda: list(items)  # an instance attribute: only this call sees it
    try:
        return _moto_query(self, hash_key, range_comparison, range_objs, limit, exclusive_start_key,
                           scan_index_forward, projection_expressions, index_name, *args, **kwargs)
    finally:
        del self.all_items


def speed_up_moto(on: bool) -> None:
    Table.query = _partition_query if on else _moto_query
    DynamoType.cast_value = property(_fast_cast_value if on else _moto_cast_value)


# --- the employees -------------------------------------------------------------------------------------------------
class People:
    """Deterministic names, personnel numbers and ids."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        tail = [start + end for start in TAIL_STARTS for end in TAIL_ENDS]
        common_weights = [1 / (rank + 5) for rank in range(len(COMMON_LAST_NAMES))]
        scale = COMMON_LAST_SHARE / sum(common_weights)
        tail_weight = (1 - COMMON_LAST_SHARE) / len(tail)
        self.last_names = COMMON_LAST_NAMES + [(None, name) for name in tail]
        self.last_weights = [w * scale for w in common_weights] + [tail_weight] * len(tail)
        self.first_weights = [1 / (rank + 20) for rank in range(len(FIRST_NAMES))]

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def employer(self, count: int) -> list[dict]:
        """`count` employees' form data, the planted names first; numbers 100001 upwards."""
        names = list(PLANTED)
        while len(names) < count:
            infix, last = self.rng.choices(self.last_names, self.last_weights)[0]
            names.append((self.rng.choices(FIRST_NAMES, self.first_weights)[0], infix, last))
        return [{"first_name": first, "infix": infix, "last_name": last, "personnel_number": str(100_001 + i),
                 "date_of_birth": f"{self.rng.randint(1960, 2004)}-{self.rng.randint(1, 12):02d}-"
                                  f"{self.rng.randint(1, 28):02d}",
                 "start_date": f"{self.rng.randint(2022, 2025)}-{self.rng.randint(1, 12):02d}-01",
                 "contract_hours": self.rng.choice(["40", "38", "36", "32", "24", "16,5"])}
                for i, (first, infix, last) in enumerate(names[:count])]


def as_added(employer_id: str, employee_id: str, data: dict, department_id: str | None = None) -> records.Employee:
    """The record services.employees.add() builds from this form (in an afdeling, when given)."""
    fields = clean_employee(data, today=TODAY)
    return records.Employee(employer_id=employer_id, employee_id=employee_id, created_at=NOW,
                            **employees.stored_attributes(fields), department_id=department_id,
                            afdeling_id=department_id, department_since=TODAY.isoformat() if department_id else None)


def as_created(employer_id: str, employee_id: str, data: dict, department_id: str | None = None) -> list[Model]:
    """The items store.employees.create() writes for what services.employees.add() builds from this form."""
    employee = as_added(employer_id, employee_id, data, department_id)
    claim = PersonnelNumberClaim(store.employees.number_key(employer_id, employee.personnel_number),
                                 employee_id=employee_id)
    return [claim, store.employees.employee_item(employee), *store.employees.search_keys(employee)]


def stored(employer_id: str, employee_id: str, personnel_number: str) -> tuple:
    """An employee's three kinds of items as stored, the employer id left out: GetItem and Query only."""
    employee = Employee.get(employer_id, employee_id).serialize()
    employee.pop("employer_id")
    claim = PersonnelNumberClaim.get(store.employees.number_key(employer_id, personnel_number)).serialize()
    claim["key"]["S"] = claim["key"]["S"].removeprefix(employer_id)
    keys = [item.serialize() for item in EmployeeSearchKey.query(employer_id)]
    for key in keys:
        key.pop("employer_id")
    return employee, claim, keys


def check_items_as_created(people: People) -> int:
    """Writes each of a few employees through store.employees.create() for one employer and through the bench's
    batch writes for another (same id); stops unless the stored items are the same."""
    sample = people.employer(len(PLANTED) + 4)
    for number, data in enumerate(sample):
        employee_id = people.uuid()
        created, batched = f"check-create-{number}", f"check-batch-{number}"
        if not store.employees.create(as_added(created, employee_id, data)):
            raise SystemExit(f"store.employees.create refused {data}")
        support.batch_write(as_created(batched, employee_id, data))
        by_create = stored(created, employee_id, data["personnel_number"])
        by_batch = stored(batched, employee_id, data["personnel_number"])
        if by_create != by_batch:
            raise SystemExit(f"batch-written items differ from create():\n{by_create}\n{by_batch}")
    return len(sample)


def check_moto_shortcut(deps: Deps, people: People, instruments: support.Instruments) -> int:
    """Every search, and a prefix matching more keys than the 200 read, with moto as shipped and with the
    shortcut, on a few small employers: the answers, requests and items read must be the same. Returns the number
    of comparisons."""
    employer_ids: list[str] = []
    fill(deps, people, employer_ids, [CHECK_EMPLOYEES, 40, 40])
    principals = [Principal("bench-check", "werkgever", employer_id, "bench", NOW) for employer_id in employer_ids[:2]]
    calls = [lambda p=p, q=q: employees.search(deps, p, q) for p in principals for _, q in SEARCHES]
    calls.append(lambda: store.employees.search_candidates(Scope(employer_ids[0]), "1"))  # every personnel number
    for call in calls:
        answers = []
        for on in (True, False):
            speed_up_moto(on)
            _, meter, found = instruments.measure(call)
            answers.append((found, meter.operations("dynamodb"), meter.items_read))
        if answers[0] != answers[1]:
            raise SystemExit(f"the moto shortcut changes what moto answers: {answers[0]} vs {answers[1]}")
    speed_up_moto(True)
    return len(calls)


# --- the run -------------------------------------------------------------------------------------------------------
@dataclass
class Result:
    """One search for one employer: its runs."""
    results: set[int] = field(default_factory=set)
    times: list[float] = field(default_factory=list)
    meters: list[support.Meter] = field(default_factory=list)


@dataclass
class Tenant:
    label: str
    principal: Principal


def fill(deps: Deps, people: People, employer_ids: list[str], sizes: list[int],
         departments: int = 0) -> tuple[int, int]:
    """One employer per size, with its employees (batch writes); the first one's spread over `departments`
    afdelingen. Returns the employees and items written."""
    written_employees = written_items = 0
    for number, size in enumerate(sizes):
        employer_id = admin.create_employer(deps, f"Werkgever {len(employer_ids) + 1:03d} BV")["employer_id"]
        employer_ids.append(employer_id)
        spread_over = afdelingen(employer_id, departments if number == 0 else 0)
        items = [item for i, data in enumerate(people.employer(size)) for item in as_created(
            employer_id, people.uuid(), data, spread_over[i % len(spread_over)] if spread_over else None)]
        support.batch_write(items)
        written_employees += size
        written_items += len(items)
    return written_employees, written_items


def afdelingen(employer_id: str, count: int) -> list[str]:
    """`count` afdelingen of the employer, made as "Afdeling toevoegen" makes them; their ids."""
    ids = [f"afd-{n:02d}" for n in range(count)]
    for n, department_id in enumerate(ids):
        store.departments.create(records.Department(employer_id=employer_id, department_id=department_id,
                                                    name=f"Afdeling {n + 1}", created_at=NOW))
    return ids


def measure_lists(deps: Deps, instruments: support.Instruments, tenants: list[Tenant]) -> list[tuple[str, ...]]:
    """The first Medewerkers page and Rapportages (the default twelve months) as each tenant: rows of
    (tenant, what, shown, items read, requests)."""
    rows = []
    for tenant in tenants:
        for what, call in (
                ("Medewerkers, page 1", lambda p=tenant.principal: len(employees.list_page(
                    deps, p, employees.EmployeeListQuery(filter="alle"))["employees"])),
                ("Rapportages", lambda p=tenant.principal: len(reports.report(
                    deps, p, reports.ReportQuery())["months"]))):
            call()
            _, meter, shown = instruments.measure(call)
            rows.append((tenant.label, what, str(shown), f"{meter.items_read:,}", operations(meter)))
    return rows


def run_searches(deps: Deps, instruments: support.Instruments, tenants: list[Tenant]) -> dict[tuple[str, str], Result]:
    results: dict[tuple[str, str], Result] = {}
    for tenant in tenants:
        for label, query in SEARCHES:
            result = results[tenant.label, label] = Result()
            employees.search(deps, tenant.principal, query)  # warms botocore's and pynamodb's caches
            for _ in range(RUNS):
                elapsed, meter, found = instruments.measure(
                    lambda principal=tenant.principal, query=query: employees.search(deps, principal, query))
                result.results.add(len(found))
                result.times.append(elapsed)
                result.meters.append(meter)
    return results


# --- the report ----------------------------------------------------------------------------------------------------
def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else values[0]


def spread(values: list) -> str:
    low, high = min(values), max(values)
    return f"{low:g}" if low == high else f"{low:g}-{high:g}"


def operations(meter: support.Meter) -> str:
    return " + ".join(f"{count} {name}" for name, count in meter.by_operation("dynamodb").items())


def print_table(tenants: list[Tenant], results: dict[tuple[str, str], Result]) -> None:
    header = (f"{'employer':<21} {'search':<20} {'query':<12} {'results':>7} {'read':>5} {'keys':>5} {'empl.':>5}  "
              f"{'DynamoDB requests':<26} {'p50':>6} {'p95':>6} {'moto':>6}")
    print(header)
    print("-" * len(header))
    for tenant in tenants:
        for label, query in SEARCHES:
            result = results[tenant.label, label]
            ops = {operations(m) for m in result.meters}
            print(f"{tenant.label:<21} {label:<20} {query:<12} {spread(sorted(result.results)):>7} "
                  f"{spread([m.items_read for m in result.meters]):>5} {spread([m.scanned for m in result.meters]):>5} "
                  f"{spread([m.items_read - m.scanned for m in result.meters]):>5}  {' | '.join(sorted(ops)):<26} "
                  f"{ms(statistics.median(result.times)):>6} {ms(p95(result.times)):>6} "
                  f"{ms(statistics.median(m.moto_s for m in result.meters)):>6}")


def print_comparison(tenants: list[Tenant], few: dict, many: dict) -> bool:
    header = (f"{'employer':<21} {'search':<20} {'read @10':>8} {'read @100':>9} {'requests @10':>12} "
              f"{'requests @100':>13} {'p50 @10':>8} {'p50 @100':>8}  same cost")
    print(header)
    print("-" * len(header))
    all_same = True
    for tenant in tenants:
        for label, _ in SEARCHES:
            a, b = few[tenant.label, label], many[tenant.label, label]
            read_a, read_b = spread([m.items_read for m in a.meters]), spread([m.items_read for m in b.meters])
            req_a = spread([m.requests("dynamodb") for m in a.meters])
            req_b = spread([m.requests("dynamodb") for m in b.meters])
            same = (read_a, req_a, {operations(m) for m in a.meters}) == (read_b, req_b,
                                                                          {operations(m) for m in b.meters})
            all_same &= same
            print(f"{tenant.label:<21} {label:<20} {read_a:>8} {read_b:>9} {req_a:>12} {req_b:>13} "
                  f"{ms(statistics.median(a.times)):>8} {ms(statistics.median(b.times)):>8}  {'yes' if same else 'NO'}")
    return all_same


def main() -> None:
    started = time.perf_counter()
    instruments = support.Instruments().install()
    people = People(SEED)
    with mock_aws():  # the checks get their own moto, emptied when they are done
        support.create_tables(verified_sender=False)
        checked = check_items_as_created(people)
        compared = check_moto_shortcut(support.portal_deps(support.Clock(NOW)), people, instruments)
    fill_requests: Counter[str] = Counter()
    rng = random.Random(SEED + 1)
    sizes = [BIG_EMPLOYEES, SMALL_EMPLOYEES] + [rng.randint(*OTHER_EMPLOYEES) for _ in range(MANY_EMPLOYERS - 2)]
    with mock_aws():
        support.create_tables(verified_sender=False)
        deps = support.portal_deps(support.Clock(NOW))
        employer_ids: list[str] = []
        fill_s, meter, (employees_few, items_few) = instruments.measure(
            lambda: fill(deps, people, employer_ids, sizes[:FEW_EMPLOYERS], DEPARTMENTS))
        fill_requests.update(meter.by_operation("dynamodb"))
        tenants = [Tenant(f"large ({BIG_EMPLOYEES:,} empl.)",
                          Principal("bench-werkgever-groot", "werkgever", employer_ids[0], "bench", NOW)),
                   Tenant(f"small ({SMALL_EMPLOYEES} empl.)",
                          Principal("bench-werkgever-klein", "werkgever", employer_ids[1], "bench", NOW)),
                   Tenant(f"manager 1 of {DEPARTMENTS} afd.",
                          Principal("bench-leidinggevende", "werkgever", employer_ids[0], "bench", NOW,
                                    employer_role="leidinggevende", department_ids=frozenset({"afd-00"})))]
        few = run_searches(deps, instruments, tenants)
        more_s, meter, (more_employees, more_items) = instruments.measure(
            lambda: fill(deps, people, employer_ids, sizes[FEW_EMPLOYERS:]))
        fill_requests.update(meter.by_operation("dynamodb"))
        fill_s += more_s
        many = run_searches(deps, instruments, tenants)
        lists = measure_lists(deps, instruments, [tenants[0], tenants[2]])
    total_s = time.perf_counter() - started

    print(f"Dossier zoeken benchmark · {support.where_and_when()}{' · --quick' if QUICK else ''}")
    print(f"services.employees.search as a werkgever, on moto in-process · {RUNS} runs per search · times in ms")
    print(f"Tables: {MANY_EMPLOYERS} employers, {employees_few + more_employees:,} employees "
          f"({BIG_EMPLOYEES:,} at the large employer, {SMALL_EMPLOYEES} at the small one, the other "
          f"{MANY_EMPLOYERS - 2} {OTHER_EMPLOYEES[0]}-{OTHER_EMPLOYEES[1]} each), {items_few + more_items:,} "
          "employee, personnel-number and search-key items.")
    print(f"Written with {fill_requests.total():,} requests "
          f"({', '.join(f'{n:,} {op}' for op, n in fill_requests.most_common())}) in "
          f"{fill_s:.0f} s; the items are those store.employees.create() writes "
          f"(checked on {checked} employees).")
    print()
    print("results = employees returned (the page shows at most 50) · read = items DynamoDB reads: "
          "keys = ScannedCount")
    print("of the Query on employee-search, empl. = employees returned by BatchGetItem · DynamoDB requests = "
          "per search")
    print("(a | between different runs) · p50/p95 = the search's in-process time · moto = the part of it spent inside")
    print("moto answering; DynamoDB's own latency is not in these figures.")
    print()
    print(f"With {MANY_EMPLOYERS} employers in the tables:")
    print_table(tenants, many)
    print()
    print(f"Cost against the number of employers: {FEW_EMPLOYERS} employers ({employees_few:,} employees) vs "
          f"{MANY_EMPLOYERS} ({employees_few + more_employees:,}):")
    same = print_comparison(tenants, few, many)
    print()
    print(f"The large employer as HR and as the leidinggevende of one of its {DEPARTMENTS} afdelingen "
          f"({BIG_EMPLOYEES // DEPARTMENTS} employees):")
    header = f"{'employer':<21} {'page':<20} {'shown':>5} {'read':>7}  DynamoDB requests"
    print(header)
    print("-" * len(header))
    for label, what, shown, read, requests in lists:
        print(f"{label:<21} {what:<20} {shown:>5} {read:>7}  {requests}")
    print("(Rapportages: shown = months; it reads every employee and absence in scope, no absences in this bench.)")
    print()
    print(f"Items read and requests {'do not change' if same else 'CHANGE'} with the number of other employers. "
          "Each search")
    print("is a Query on the employer's own partition of employee-search (begins_with of the longest query word,")
    print("200 keys a page, more pages only while fewer than 50 match) and BatchGetItem of those employees in the")
    print("employer's partition (100 keys a request); when keys are left unread, a Query of the employer's absent")
    print("employees. Only the request and item counts carry over to AWS; moto's time does not.")
    print("moto shortcut (a table Query served from its own partition) against moto as shipped: the same answers,")
    print(f"requests and items read in {compared} comparisons.")
    print(f"Scan requests seen in this process: {instruments.scans}. Whole run: {total_s:.0f} s.")
    if instruments.scans:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
