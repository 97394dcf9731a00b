"""The weekly open-task email at scale: the planner's and the sender's DynamoDB, SQS and SES cost per user.

Run from the repo root: `.venv/bin/python bench/digest.py [--quick]`. Prints figures; asserts no timing, but exits 1
if it sees any Scan request (the planner pages a sparse index; everything else is keyed).
moto in-process, no AWS account. The tables grow to 1,000, 10,000 and 50,000 werkgever users (`--quick`: 200 and
1,000), 2 per employer, written with batch writes of exactly the items the portal writes (checked first): every
employer has open tasks except 1 in 100, whose count went back to 0 with the flag still set (the planner clears
it); 10 % of the users also have access to a second employer (the planner must queue them once). At each size the
planner (services.digest.plan) queues onto a real moto SQS queue (queue.SqsQueue); then the sender
(digest.handle_batch, no sleeping, a Pacer that does not wait) runs on batches of 10 received from that queue.
DynamoDB, SQS and SES requests are counted by operation at botocore's one entry point (bench/support.py).
A full run takes about 5 minutes on a 2-core machine (the 50,000-user planner alone ~2.5 min: ~2.5 ms of moto and
botocore per request); `--quick` well under a minute.
"""
from __future__ import annotations

import ast
import bisect
import functools
import gc
import json
import math
import random
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
import support
from moto import mock_aws
from moto.core import responses as moto_responses
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table
from moto.dynamodb.responses import DynamoResult
from moto.sqs.models import Queue, SQSBackend
from pynamodb.models import Model

from chalicelib import store
from chalicelib.domain.phones import normalise_mobile
from chalicelib.domain.validation import clean_email
from chalicelib.observability import metrics
from chalicelib.queue import BATCH, ListQueue, SqsQueue
from chalicelib.services import absences, admin, audit, digest, employees, environments
from chalicelib.services.deps import Deps
from chalicelib.services.sessions import Principal
from chalicelib.settings import get_settings
from chalicelib.store.models import Employer, EmployerAccess, User, UsernameClaim

QUICK = "--quick" in sys.argv[1:]
SIZES = [200, 1_000] if QUICK else [1_000, 10_000, 50_000]
SENDER_SAMPLE = 200 if QUICK else 1_000
USERS_PER_EMPLOYER = 2
ACCESS_SHARE = 0.10  # users who also work for a second employer
EMPTY_EVERY = 100  # 1 employer in 100: its tasks all closed (count 0), the flag still set until the planner runs
CHECK_USERS = 210  # the moto-shortcut check: 105 employers, more than one page (100) of the sparse index
CHECK_READS = 20  # users whose open-task count is read both ways; CHECK_SENDS of them are then sent to
CHECK_SENDS = 20
TARGET_USERS = 100_000
HIGHER_RATES = (50.0, 100.0)
ASSUMED_ROUND_TRIP_MS = (5, 10)  # assumed AWS round trips per request, for the sequential planner's estimate
SEED = 20_260_921
NOW = 1_790_575_200  # Monday 2026-09-21 08:00 Europe/Amsterdam
PASSWORD = "een-lang-genoeg-wachtwoord"
REPO = Path(__file__).resolve().parent.parent


def no_sleep(_seconds: float) -> None:
    pass


# --- moto, made to answer a Query from the queried partition alone ------------------------------------------------
# moto answers a Query on an index by filtering and sorting every item of the table, and pages by walking the sorted
# list up to the start key: one Query of a user's employer among 50,000 users takes ~0.1 s, and the sparse index of
# 25,000 employers costs ~1 s a page. DynamoDB reads the partition only. The bench keeps, per table and index, the
# items of each index partition in moto's own order (maintained on every put, update and delete) and hands moto
# only the queried partition, from the start key on (limit + 1 items when a limit is set: moto then sets
# LastEvaluatedKey as it would). moto still matches, sorts, pages and counts them, so items, order and ScannedCount
# are what unpatched moto answers (checked against it before the runs). A Query on a table's own key gets the
# partition's items, as in bench/search.py.
_moto_query = Table.query
_moto_put_item = Table.put_item
_moto_delete_item = Table.delete_item
_moto_update_item = DynamoDBBackend.update_item
_partitions_attr = "_bench_partitions"  # on the moto Table: {index name: IndexPartitions}; deep-copied with it


@dataclass
class IndexPartitions:
    hash_attr: str
    key_attrs: list[str]  # an item is in the index only with all of these
    sort_attrs: list[str]  # moto's sort order for this index
    items: dict[Any, list] = field(default_factory=dict)  # hash value → items in moto's order
    keys: dict[Any, list] = field(default_factory=dict)  # hash value → their sort keys, alongside
    where: dict[tuple, tuple] = field(default_factory=dict)  # table key → (hash value, sort key)

    def sort_key(self, item: Any) -> tuple:
        return tuple(item.attrs[name] for name in self.sort_attrs)

    def remove(self, key: tuple) -> None:
        found = self.where.pop(key, None)
        if found is not None:
            value, sort_key = found
            at = bisect.bisect_left(self.keys[value], sort_key)
            del self.items[value][at], self.keys[value][at]

    def add(self, item: Any) -> None:
        if all(item.attrs.get(name) for name in self.key_attrs):
            value, sort_key = item.attrs[self.hash_attr].value, self.sort_key(item)
            keys = self.keys.setdefault(value, [])
            at = bisect.bisect_right(keys, sort_key)
            keys.insert(at, sort_key)
            self.items.setdefault(value, []).insert(at, item)
            self.where[_table_key(item)] = value, sort_key


def _table_key(item: Any) -> tuple:
    return item.hash_key.value, item.range_key.value if item.range_key is not None else None


def _index_partitions(table: Table, index_name: str) -> IndexPartitions | None:
    """The index's partitions, built from the table the first time it is queried; None if not a plain index."""
    known = table.__dict__.setdefault(_partitions_attr, {})
    if index_name in known:
        return known[index_name]
    index = next(i for i in table.all_indexes() if i.name == index_name)
    hashes = [k["AttributeName"] for k in index.schema if k["KeyType"] == "HASH"]
    ranges = [k["AttributeName"] for k in index.schema if k["KeyType"] == "RANGE"]
    if len(hashes) != 1 or len(ranges) > 1:
        known[index_name] = None
        return None
    # As Table.query builds them for an index.
    hash_attrs = hashes + [table.hash_key_attr]
    if ranges:
        range_attrs = ranges + [table.range_key_attr]
    else:
        range_attrs = [table.range_key_attr or table.hash_key_attr, table.range_key_attr]
    partitions = IndexPartitions(hashes[0], hashes + ranges, table._generate_attr_to_sort_by(hash_attrs, range_attrs))
    grouped: dict[Any, list] = {}
    for item in table.all_items():
        if all(item.attrs.get(name) for name in partitions.key_attrs):
            grouped.setdefault(item.attrs[partitions.hash_attr].value, []).append((partitions.sort_key(item), item))
    for value, members in grouped.items():
        members.sort(key=lambda member: member[0])
        partitions.keys[value] = [sort_key for sort_key, _ in members]
        partitions.items[value] = [item for _, item in members]
        partitions.where.update((_table_key(item), (value, sort_key)) for sort_key, item in members)
    known[index_name] = partitions
    return partitions


def _reindex(table: Table, key: tuple, item: Any | None) -> None:
    for partitions in table.__dict__.get(_partitions_attr, {}).values():
        if partitions is not None:
            partitions.remove(key)
            if item is not None:
                partitions.add(item)


def _put_item(self: Table, *args: Any, **kwargs: Any) -> Any:
    item = _moto_put_item(self, *args, **kwargs)
    _reindex(self, _table_key(item), item)
    return item


def _delete_item(self: Table, hash_key: Any, range_key: Any) -> Any:
    item = _moto_delete_item(self, hash_key, range_key)
    if item is not None:
        _reindex(self, _table_key(item), None)
    return item


def _update_item(self: DynamoDBBackend, table_name: str, *args: Any, **kwargs: Any) -> Any:
    item = _moto_update_item(self, table_name, *args, **kwargs)  # changes the stored item in place
    _reindex(self.get_table(table_name), _table_key(item), item)
    return item


def _partition_query(self: Table, hash_key: Any, range_comparison: str | None, range_objs: list, limit: int,
                     exclusive_start_key: Any, scan_index_forward: bool, projection_expressions: Any,
                     index_name: str | None = None, consistent_read: bool = False, filter_expression: Any = None,
                     hash_key_conditions: list | None = None, range_key_conditions: list | None = None,
                     **filter_kwargs: Any) -> Any:
    def moto(items: list | None = None) -> Any:
        if items is not None:
            self.all_items = lambda: list(items)  # an instance attribute: only this call sees it
        try:
            return _moto_query(self, hash_key, range_comparison, range_objs, limit, exclusive_start_key,
                               scan_index_forward, projection_expressions, index_name, consistent_read,
                               filter_expression, hash_key_conditions=hash_key_conditions,
                               range_key_conditions=range_key_conditions, **filter_kwargs)
        finally:
            self.__dict__.pop("all_items", None)

    if filter_kwargs or range_comparison or range_key_conditions or scan_index_forward is False:
        return moto()
    if not index_name:
        if not self.range_key_attr or hash_key is None:
            return moto()
        return moto(list(self.items.get(hash_key, {}).values()))
    partitions = _index_partitions(self, index_name)
    if partitions is None or len(hash_key_conditions or []) != 1 or hash_key_conditions[0][0] != partitions.hash_attr:
        return moto()
    value = hash_key_conditions[0][1].value
    items = partitions.items.get(value, [])
    start = 0
    if exclusive_start_key:
        after = tuple(DynamoType(exclusive_start_key[name]) for name in partitions.sort_attrs)
        start = bisect.bisect_right(partitions.keys[value], after)
    return moto(items[start:start + limit + 1] if limit else items[start:])


# moto's SendMessage reads the queue's attributes for ContentBasedDeduplication, which computes the approximate message
# counts by walking every message in the queue (twice, each asking the clock): quadratic in the messages queued, a
# day for 50,000. That attribute is a FIFO queue's only (moto leaves it out of a standard queue's), so while a
# SendMessage runs on a standard queue the bench answers moto's attributes with an empty dict: the same .get().
_moto_send_message = SQSBackend.send_message
_moto_queue_attributes = Queue.attributes
_sending: list[bool] = []


def _send_message(self: SQSBackend, *args: Any, **kwargs: Any) -> Any:
    _sending.append(True)
    try:
        return _moto_send_message(self, *args, **kwargs)
    finally:
        _sending.pop()


@property
def _queue_attributes(self: Queue) -> dict[str, Any]:
    return {} if _sending and not self.fifo_queue else _moto_queue_attributes.fget(self)


# moto serializes every DynamoDB answer by walking the operation's response shape attribute by attribute: about half
# of moto's time per request. A DynamoDB answer is already in its wire form (AttributeValue dicts) when moto has it,
# so for the item operations the bench writes it with json.dumps. In the checks before the runs both are made for
# every request and must parse to the same answer with the same status and headers.
_moto_execute_result = DynamoResult.execute_result
_JSON_AS_IS = {"GetItem", "BatchGetItem", "Query", "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem"}
_serializer = {"compare": False, "compared": 0}


def _execute_result(self: DynamoResult, context: Any) -> Any:
    if context.operation_model.name not in _JSON_AS_IS:
        return _moto_execute_result(self, context)
    version = context.service_model.metadata.get("jsonVersion", "1.0")
    answer = 200, {"Content-Type": f"application/x-amz-json-{version}"}, json.dumps(self.result)
    if _serializer["compare"]:
        status, headers, body = _moto_execute_result(self, context)
        if (status, headers, json.loads(body)) != (answer[0], answer[1], json.loads(answer[2])):
            raise SystemExit(f"json.dumps differs from moto's serializer for {context.operation_model.name}:\n"
                             f"{(status, headers, body)}\n{answer}")
        _serializer["compared"] += 1
    return answer


# moto lists its handler's methods (inspect.getmembers) on every request; the list never changes.
_moto_method_names = moto_responses.method_names_from_class


def speed_up_moto(on: bool) -> None:
    """The Query shortcut on or off; the index partitions are kept up to date either way."""
    Table.query = _partition_query if on else _moto_query


def keep_index_partitions() -> None:
    """The index partitions follow every write; SendMessage skips the message counts (see above)."""
    SQSBackend.send_message = _send_message
    Queue.attributes = _queue_attributes
    DynamoResult.execute_result = _execute_result
    moto_responses.method_names_from_class = functools.lru_cache(maxsize=None)(_moto_method_names)
    Table.put_item = _put_item
    Table.delete_item = _delete_item
    DynamoDBBackend.update_item = _update_item


# --- the werkgevers ------------------------------------------------------------------------------------------------
class People:
    """Deterministic ids and names; one argon2 hash shared by every user (hashing 50,000 would be the bench)."""

    def __init__(self, seed: int, deps: Deps) -> None:
        self.rng = random.Random(seed)
        self.password_hash = deps.passwords.hash(PASSWORD)
        self.users = 0
        self.employer_ids: list[str] = []

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))


def employer_item(employer_id: str, name: str, open_tasks: int) -> Employer:
    """An employer as admin.create_employer() writes it, after its employees' absences opened `open_tasks` tasks
    (or closed them all again: count 0, flag still set)."""
    return Employer(employer_id, name=name, name_key=store.employers.name_key(name), created_at=NOW,
                    open_tasks=open_tasks, open_tasks_flag="open", has_employees=True)


def user_items(user_id: str, username: str, name: str, email: str, employer_id: str, password_hash: str,
               phone: str = "0612345678") -> list[Model]:
    """The user and username claim admin.provision_active_user() writes (store.users.create's transaction)."""
    user = User(user_id, username=username, username_key=store.users.username_key(username),
                email=clean_email(email), email_key=store.users.email_key(email), name=name, role="werkgever",
                employer_id=employer_id, status="active", failed_count=0, password_hash=password_hash,
                phone=normalise_mobile(phone), terms_version=get_settings().terms_version,
                terms_accepted_at=NOW, created_at=NOW)
    return [UsernameClaim(user.username_key, user_id=user_id), user]


def access_item(user_id: str, employer_id: str) -> EmployerAccess:
    """What environments.grant() writes (besides its audit entry, which the digest never reads)."""
    return EmployerAccess(user_id, employer_id, granted_at=NOW, granted_by=audit.CLI_ACTOR)


@dataclass
class Filled:
    employers: int = 0
    empty_employers: int = 0
    users: int = 0
    grants: int = 0
    items: int = 0
    seconds: float = 0.0
    requests: int = 0


def fill(people: People, users: int, instruments: support.Instruments) -> Filled:
    """`users` more werkgever users, 2 per employer; 10 % of them with access to a second employer."""
    start = time.perf_counter()
    filled = Filled()
    items: list[Model] = []
    new_users: list[tuple[str, str]] = []  # (user, own employer)
    for _ in range(users // USERS_PER_EMPLOYER):
        number = len(people.employer_ids) + 1
        employer_id = people.uuid()
        empty = number % EMPTY_EVERY == 0
        items.append(employer_item(employer_id, f"Werkgever {number:05d} BV", 0 if empty else people.rng.randint(1, 6)))
        filled.employers += 1
        filled.empty_employers += empty
        people.employer_ids.append(employer_id)
        for _ in range(USERS_PER_EMPLOYER):
            people.users += 1
            user_id = people.uuid()
            items += user_items(user_id, f"werkgever{people.users:06d}", f"Werkgever {people.users}",
                                f"w{people.users}@werkgever{number:05d}.nl", employer_id, people.password_hash)
            new_users.append((user_id, employer_id))
    for user_id, own in people.rng.sample(new_users, round(len(new_users) * ACCESS_SHARE)):
        other = own
        while other == own:  # environments.grant refuses the user's own employer
            other = people.rng.choice(people.employer_ids)
        items.append(access_item(user_id, other))
        filled.grants += 1
    filled.users = len(new_users)
    filled.items = len(items)
    gc.disable()  # the fill only adds objects; collecting would rescan a heap that only grows
    try:
        _, meter, _ = instruments.measure(lambda: support.batch_write(items))
    finally:
        gc.enable()
    gc.collect()
    gc.freeze()  # the tables as filled: later collections need not walk them again
    filled.requests = meter.requests()
    filled.seconds = time.perf_counter() - start
    return filled


# --- checks before the runs ----------------------------------------------------------------------------------------
def _without(item: Model, **replace: str) -> dict:
    """An item as stored (GetItem), with the named string attributes set to a placeholder."""
    model = type(item)
    keys = [getattr(item, name) for name in (model._hash_keyname, model._range_keyname) if name]
    stored = model.get(*keys)
    data = stored.serialize()
    for name, value in replace.items():
        data[name] = {"S": value}
    return data


def check_items_as_written(deps: Deps) -> list[str]:
    """Writes an employer with open tasks, a user and an access grant through the portal's code and the same
    through the bench's batch writes; stops unless the stored items are the same (ids aside)."""
    employer_id = admin.create_employer(deps, "Controle BV")["employer_id"]
    owner = admin.provision_active_user(deps, username="controle-portal", name="Carla Controle",
                                        email="carla@controle.nl", role="werkgever", employer_id=employer_id,
                                        phone="0611111111", password=PASSWORD)
    principal = Principal(owner.user_id, "werkgever", employer_id, "bench", NOW)
    employee = employees.add(deps, principal, employees.EmployeeForm(
        first_name="Jan", infix="de", last_name="Vries", personnel_number="1001", date_of_birth="1980-04-12",
        start_date="2015-03-01", contract_hours="32"))
    absence, _ = absences.report_sick(deps, principal, absences.SickReport(
        employee_id=employee["employee_id"], first_sick_day="2026-09-14"), "bench-check")
    other_id = admin.create_employer(deps, "Controle Twee BV")["employer_id"]
    environments.grant(deps, owner.user_id, other_id)

    portal_employer = Employer.get(employer_id)
    bench_employer = employer_item("check-employer", "Controle BV", len(absence["tasks"]))
    bench_user_id = "check-user"
    bench_claim, bench_user = user_items(bench_user_id, "controle-bench", "Carla Controle", "carla@controle.nl",
                                         employer_id, owner.password_hash, phone="0611111111")
    bench_access = access_item(bench_user_id, other_id)
    support.batch_write([bench_employer, bench_claim, bench_user, bench_access])
    pairs = [
        ("employer", _without(portal_employer, employer_id="E"), _without(bench_employer, employer_id="E")),
        ("user", _without(User.get(owner.user_id), user_id="U", username="N", username_key="N"),
         _without(bench_user, user_id="U", username="N", username_key="N")),
        ("username claim", _without(UsernameClaim.get(store.users.username_key(owner.username)), username_key="N",
                                    user_id="U"),
         _without(bench_claim, username_key="N", user_id="U")),
        ("employer access", _without(EmployerAccess.get(owner.user_id, other_id), user_id="U"),
         _without(bench_access, user_id="U")),
    ]
    for name, by_portal, by_bench in pairs:
        if by_portal != by_bench:
            raise SystemExit(f"the bench's {name} item differs from the portal's:\n{by_portal}\n{by_bench}")
    return [name for name, _, _ in pairs]


def check_moto_shortcut(deps: Deps, people: People, instruments: support.Instruments) -> int:
    """The planner (dry run, then for real, then dry again) and the sender's reads, with moto as shipped and with the
    shortcut: the users queued, the requests and the items read must be the same. Returns the comparisons made."""
    fill(people, CHECK_USERS, instruments)
    week = digest.iso_week(deps.today())
    user_ids = digest.plan(deps, week, ListQueue(), dry_run=True).user_ids
    calls: list[Callable[[], Any]] = [lambda: digest.plan(deps, week, ListQueue(), dry_run=True).user_ids]
    calls += [lambda u=u: environments.open_task_count(User.get(u)) for u in user_ids[:CHECK_READS]]
    compared = 0

    def compare() -> None:
        nonlocal compared
        for call in calls:
            answers = []
            for on in (True, False):
                speed_up_moto(on)
                _, meter, answer = instruments.measure(call)
                answers.append((answer, Counter(meter.calls), meter.items_read))
            if answers[0] != answers[1]:
                raise SystemExit(f"the moto shortcut changes what moto answers: {answers[0]} vs {answers[1]}")
            compared += 1

    compare()
    speed_up_moto(True)
    cleared = digest.plan(deps, week, ListQueue()).employers_cleared  # clears flags: the partitions must follow
    if not cleared:
        raise SystemExit("the check planned no employer to clear")
    compare()
    speed_up_moto(True)
    queue = ListQueue()
    queue.send_batch([{"user_id": u, "week": week} for u in user_ids[:CHECK_SENDS]])
    outcomes: list[str] = []
    for start in range(0, len(queue.records), BATCH):
        digest.handle_batch(deps, {"Records": queue.records[start:start + BATCH]}, sleep=no_sleep, outcomes=outcomes)
    if outcomes != ["sent"] * CHECK_SENDS:
        raise SystemExit(f"the check's sends did not all go out: {outcomes}")
    return compared


# --- the runs ------------------------------------------------------------------------------------------------------
@dataclass
class PlannerRun:
    size: int
    filled: Filled
    report: digest.PlanReport
    seconds: float
    meter: support.Meter
    queue_url: str


def run_planner(deps: Deps, instruments: support.Instruments, queue_url: str) -> tuple[float, support.Meter, Any]:
    queue = SqsQueue(queue_url, deps.settings.region)
    queue._client  # noqa: B018 (the client is built before the clock starts, as in a warm Lambda)
    return instruments.measure(lambda: digest.plan(deps, digest.iso_week(deps.today()), queue))


@dataclass
class SenderRun:
    users: int
    seconds: float
    meter: support.Meter
    outcomes: Counter
    failed: int
    sqs_meter: support.Meter


def run_sender(deps: Deps, instruments: support.Instruments, queue_url: str, sample: int) -> SenderRun:
    """Batches of 10 received from the queue, handed to handle_batch as Lambda's SQS mapping would; the messages
    of a handled batch are deleted (the mapping does that). The receive and delete requests are metered apart."""
    sqs = boto3.client("sqs", region_name=deps.settings.region)
    arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    pacer = digest.Pacer(deps.settings.ses_send_rate, deps.settings.digest_sender_concurrency, sleep=no_sleep,
                         clock=lambda: 0.0)
    outcomes: list[str] = []
    run = SenderRun(0, 0.0, support.Meter(), Counter(), 0, support.Meter())
    while run.users < sample:
        _, sqs_meter, received = instruments.measure(lambda: sqs.receive_message(
            QueueUrl=queue_url, MaxNumberOfMessages=BATCH, AttributeNames=["All"]).get("Messages", []))
        if not received:
            break
        event = {"Records": [{"messageId": m["MessageId"], "receiptHandle": m["ReceiptHandle"], "body": m["Body"],
                              "attributes": m.get("Attributes", {}), "messageAttributes": {},
                              "md5OfBody": m["MD5OfBody"], "eventSource": "aws:sqs", "eventSourceARN": arn,
                              "awsRegion": deps.settings.region} for m in received]}
        elapsed, meter, answer = instruments.measure(
            lambda event=event: digest.handle_batch(deps, event, sleep=no_sleep, pacer=pacer, outcomes=outcomes))
        failed = {f["itemIdentifier"] for f in answer["batchItemFailures"]}
        done = [{"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(received)
                if m["MessageId"] not in failed]
        _, delete_meter, _ = instruments.measure(
            lambda done=done: sqs.delete_message_batch(QueueUrl=queue_url, Entries=done) if done else None)
        run.users += len(received)
        run.failed += len(failed)
        run.seconds += elapsed
        run.meter.add(meter)
        run.sqs_meter.add(sqs_meter)
        run.sqs_meter.add(delete_meter)
    run.outcomes = Counter(outcomes)
    return run


# --- the report ----------------------------------------------------------------------------------------------------
def per(value: float, users: int) -> str:
    return f"{value / users:.3f}"


def duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    hours, rest = divmod(round(seconds), 3600)
    return f"{hours} h {rest // 60:02d} min" if hours else f"{rest // 60} min {rest % 60:02d} s"


def planner_timeout() -> int | None:
    """The planner Lambda's timeout as infra/aws/access.py declares it."""
    try:
        tree = ast.parse((REPO / "infra" / "aws" / "access.py").read_text())
    except OSError:
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "DIGEST_PLANNER" for t in node.targets):
            value = node.value.args[2] if isinstance(node.value, ast.Call) and len(node.value.args) > 2 else None
            return value.value if isinstance(value, ast.Constant) else None
    return None


def print_planner(runs: list[PlannerRun]) -> None:
    print("Planner (digest.plan → SqsQueue), one run per size on the grown tables · per user = per werkgever user "
          "in the tables")
    totals = (f"{'users':>7} {'employers':>9} {'cleared':>7} {'queued':>7} {'SQS msgs':>8} {'SendMsgBatch':>12}")
    per_user = (f"{'DDB req':>7} {'Query':>6} {'BatchGet':>8} {'Update':>6} {'read':>6} {'SQS msg':>7} "
                f"{'SQS req':>7}")
    timing = f"{'wall s':>6} {'s/1000':>6} {'moto %':>6}"
    print(f"{'':<{len(totals)}} │ {' per user '.center(len(per_user), '─')} │")
    header = f"{totals} │ {per_user} │ {timing}"
    print(header)
    print("-" * len(header))
    for run in runs:
        ddb, users = run.meter.by_operation("dynamodb"), run.size
        other = {op: n for op, n in ddb.items() if op not in ("Query", "BatchGetItem", "UpdateItem")}
        print(f"{users:>7,} {run.report.employers:>9,} {run.report.employers_cleared:>7,} {run.report.users:>7,} "
              f"{run.meter.messages:>8,} {run.meter.requests('sqs', 'SendMessageBatch'):>12,} │ "
              f"{per(sum(ddb.values()), users):>7} {per(ddb['Query'], users):>6} {per(ddb['BatchGetItem'], users):>8} "
              f"{per(ddb['UpdateItem'], users):>6} {per(run.meter.items_read, users):>6} "
              f"{per(run.meter.messages, users):>7} {per(run.meter.requests('sqs'), users):>7} │ "
              f"{run.seconds:>6.1f} {run.seconds / users * 1000:>6.2f} {100 * run.meter.moto_s / run.seconds:>5.0f}%"
              + (f"  other: {other}" if other else ""))


def print_sender(run: SenderRun) -> None:
    ddb = run.meter.by_operation("dynamodb")
    ops = " + ".join(f"{n / run.users:.2f} {op}" for op, n in sorted(ddb.items()))
    print(f"\nSender (digest.handle_batch on {run.users:,} messages received from the {SIZES[0]:,}-user run's queue, "
          f"the tables at {SIZES[-1]:,} users, "
          f"batches of {BATCH}; no sleeping, a Pacer that does not wait)")
    print(f"  outcomes: {dict(run.outcomes)}; failed records: {run.failed}")
    print(f"  per user: {sum(ddb.values()) / run.users:.2f} DynamoDB requests ({ops}), "
          f"{run.meter.items_read / run.users:.2f} items read, "
          f"{run.meter.requests('ses', 'SendEmail') / run.users:.2f} SES SendEmail, "
          f"{run.meter.requests('sqs') / run.users:.2f} SQS requests inside the handler")
    print(f"  in-process time: {1000 * run.seconds / run.users:.2f} ms per user "
          f"({100 * run.meter.moto_s / run.seconds:.0f}% inside moto); "
          f"the mapping's receive + delete (not the handler's): {run.sqs_meter.requests('sqs') / run.users:.2f} "
          f"SQS requests per user")


def print_aws(deps: Deps, runs: list[PlannerRun], sender: SenderRun) -> None:
    settings = deps.settings
    rate, senders = settings.ses_send_rate, settings.digest_sender_concurrency
    largest = runs[-1]
    planner_per_user = largest.seconds / largest.size
    planner_moto = planner_per_user * TARGET_USERS
    planner_requests = (largest.meter.requests() / largest.size) * TARGET_USERS
    ses_bound = TARGET_USERS / rate
    send_s = sender.seconds / sender.users
    send_requests = sender.meter.requests() / sender.users
    timeout = planner_timeout()
    print(f"\n{TARGET_USERS:,} users end to end in AWS (SES rate {rate:g}/s from settings.ses_send_rate, "
          f"{senders} senders from settings.digest_sender_concurrency)")
    print(f"  SES bound: {TARGET_USERS:,} / {rate:g} per s = {ses_bound:,.0f} s = {duration(ses_bound)}")
    print(f"  planner, extrapolated from moto ({1000 * planner_per_user:.2f} ms per user at {largest.size:,}): "
          f"{duration(planner_moto)}")
    print(f"  end to end: at most {duration(ses_bound + planner_moto)} (SES bound + planner; the senders start on "
          f"the first batch queued, so nearer {duration(max(ses_bound, planner_moto))})")
    print(f"  the planner is sequential: {planner_requests:,.0f} requests (DynamoDB + SQS) for {TARGET_USERS:,} "
          f"users; at an assumed round trip of "
          + " / ".join(f"{ms} ms that is {duration(planner_requests * ms / 1000)}" for ms in ASSUMED_ROUND_TRIP_MS)
          + (f"; the planner Lambda's timeout is {timeout} s (infra/aws/access.py)" if timeout else ""))
    if timeout:
        fits = int(timeout / (planner_requests / TARGET_USERS) / (ASSUMED_ROUND_TRIP_MS[0] / 1000))
        print(f"  → at {ASSUMED_ROUND_TRIP_MS[0]} ms a round trip, one {timeout} s planner run reaches about "
              f"{fits:,} users" + (f": {TARGET_USERS:,} do NOT fit in one run" if fits < TARGET_USERS else ""))
    interval = senders / rate
    print(f"  pacing: each of the {senders} senders waits {interval:.3f} s between sends (Pacer interval = "
          f"concurrency / rate = {senders} / {rate:g}), so together they send {rate:g}/s at most; the SQS mapping's "
          f"maximum concurrency must equal digest_sender_concurrency")
    print(f"  a sender keeps up while its own time per send ({1000 * send_s:.1f} ms in-process here, "
          f"{send_requests:.1f} requests) stays under that interval")
    header = (f"  {'SES rate':>8} {'100k takes':>11} {'concurrency (moto time)':>24} "
              + " ".join(f"{f'concurrency (+{ms} ms/req)':>23}" for ms in ASSUMED_ROUND_TRIP_MS)
              + f" {'interval':>9}")
    print(header)
    for quota in (rate, *HIGHER_RATES):
        needed = [max(2, math.ceil(quota * send_s))]  # an SQS mapping's maximum concurrency is at least 2
        needed += [max(2, math.ceil(quota * (send_s + send_requests * ms / 1000))) for ms in ASSUMED_ROUND_TRIP_MS]
        print(f"  {quota:>6g}/s {duration(TARGET_USERS / quota):>11} {needed[0]:>24} "
              + " ".join(f"{n:>23}" for n in needed[1:]) + f" {f'{needed[-1] / quota:.3f} s':>9}")
    print("  concurrency = ceil(rate × time per send), at least 2; interval = the Pacer's wait per sender at the "
          "last column's concurrency. Set DIGEST_SENDER_CONCURRENCY and the mapping's maximum concurrency to it.")


def main() -> None:
    instruments = support.Instruments(after_each=metrics.clear_metrics).install()
    keep_index_partitions()
    started = time.perf_counter()
    clock = support.Clock(NOW)
    settings = get_settings()

    def new_deps() -> Deps:
        support.create_tables()
        return support.portal_deps(clock)

    with mock_aws():
        deps = new_deps()
        _serializer["compare"] = True
        checked = check_items_as_written(deps)
        compared = check_moto_shortcut(deps, People(SEED + 1, deps), instruments)
        _serializer["compare"] = False
    check_s = time.perf_counter() - started

    runs: list[PlannerRun] = []
    with mock_aws():
        deps = new_deps()
        speed_up_moto(True)
        people = People(SEED, deps)
        sqs = boto3.client("sqs", region_name=settings.region)
        for size in SIZES:
            filled = fill(people, size - people.users, instruments)
            queue_url = sqs.create_queue(QueueName=f"digest-bench-{size}")["QueueUrl"]
            elapsed, meter, report = run_planner(deps, instruments, queue_url)
            runs.append(PlannerRun(size, filled, report, elapsed, meter, queue_url))
            print(f"  … {size:,} users: filled in {filled.seconds:.1f} s, planned in {elapsed:.1f} s",
                  file=sys.stderr, flush=True)
        # The first size's queue: the same users, now among the largest tables (moto's ReceiveMessage walks every
        # message of the queue, asking the clock for each: a 50,000-message queue would time moto, not the sender).
        sender = run_sender(deps, instruments, runs[0].queue_url, SENDER_SAMPLE)

    print(f"digest benchmark · {support.where_and_when()}{' · --quick' if QUICK else ''}")
    print(f"moto in-process · week {digest.iso_week(deps.today())} · {USERS_PER_EMPLOYER} werkgever users per "
          f"employer, {100 * ACCESS_SHARE:.0f}% with access to a second employer, 1 employer in {EMPTY_EVERY} with "
          f"count 0 and the flag still set")
    print(f"Checked first: the batch-written {', '.join(checked)} items equal the portal's; {compared} planner and "
          f"sender reads answer the same with and without the bench's moto Query shortcut; {_serializer['compared']:,} "
          f"DynamoDB answers written by json.dumps equal moto's serializer's ({check_s:.0f} s).")
    print("Fill (BatchWriteItem, 25 items a request; employers, users, username claims, access grants): "
          + "; ".join(f"+{r.filled.users:,} users, {r.filled.items:,} items in {r.filled.requests:,} requests, "
                      f"{r.filled.seconds:.1f} s" for r in runs))
    print()
    print_planner(runs)
    print("queued = users with open tasks, each once (access to a second employer deduplicated); the users of the "
          "cleared employers have none unless they have access elsewhere. read = items read (ScannedCount of a "
          "Query, items of a BatchGetItem). Update = clearing the flag of an employer whose count is 0. "
          "wall s = the planner's time on moto; moto % = of it, inside moto.")
    print_sender(sender)
    print_aws(deps, runs, sender)
    print("\nmoto latency is not AWS latency: the request, message and item counts per user carry over; the times "
          "are in-process on this machine and say only that the planner's own work is small.")
    if instruments.scans:
        print(f"\nScan requests seen: {instruments.scans} — the digest must not scan.", file=sys.stderr)
        raise SystemExit(1)
    print(f"No Scan request in the whole run. Total run time {time.perf_counter() - started:.0f} s.")


if __name__ == "__main__":
    main()
