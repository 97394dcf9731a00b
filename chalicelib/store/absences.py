"""Absences and their Poortwachter tasks: a ziekmelding and a hersteldmelding are each one transaction."""
from __future__ import annotations

from pynamodb.exceptions import DoesNotExist
from pynamodb.expressions.condition import Condition, size
from pynamodb.expressions.update import Action

from ..domain import wazo
from ..domain.roles import Scope
from . import departments, employees, records
from .audit import Line, add, audited_update
from .conditions import conditional_update
from .mapping import to_item, to_record
from .models import Absence, Employee, Employer, Leave, RequestKey, Task
from .transactions import Transaction, transaction


class AlreadyAbsent(Exception):
    """The employee has an open absence already."""


TTL_GRACE_SECONDS = 7 * 24 * 3600


def _absence(item: Absence) -> records.Absence:
    return to_record(records.Absence, item)


def absence_item(absence: records.Absence) -> Absence:
    """The item of an absence: TTL's backstop (`expires_at`) a week after its removal time, if it has one, its
    department's key (the by_department index) and, while open with a RIV gap, the keys of the riv_by_* indexes."""
    gap = absence.status == "open" and absence.riv_gap is not None
    return to_item(absence, expires_at=absence.purge_at + TTL_GRACE_SECONDS if absence.purge_at else None,
                   department_key=department_key(absence.employer_id, absence.department_id),
                   riv_employer_id=absence.employer_id if gap else None,
                   riv_department_key=department_key(absence.employer_id, absence.department_id) if gap else None)


def _task(item: Task) -> records.Task:
    return to_record(records.Task, item)


def task_item(task: records.Task) -> Task:
    """The item of a task, with its index keys: by due date, and on the sparse open_by_due index while open."""
    is_open = task.status == "open"
    return to_item(task, due_key=f"{task.due}#{task.task_id}", open_employer_id=task.employer_id if is_open else None,
                   open_department_key=department_key(task.employer_id, task.department_id) if is_open else None)


def department_key(employer_id: str, department_id: str | None) -> str | None:
    """The open_by_department partition of a department's open tasks (None: the employee has no department)."""
    return f"{employer_id}#{department_id}" if department_id else None


def _riv_actions(absence: records.Absence, gap: str | None, department_id: str | None) -> list[Action]:
    """What puts an open absence on the riv_by_* indexes at its gap, or takes it off (None)."""
    if gap is None:
        return [Absence.riv_gap.remove(), Absence.riv_employer_id.remove(), Absence.riv_department_key.remove()]
    key = department_key(absence.employer_id, department_id)
    return [Absence.riv_gap.set(gap), Absence.riv_employer_id.set(absence.employer_id),
            Absence.riv_department_key.set(key) if key else Absence.riv_department_key.remove()]


def _closed_actions() -> list[Action]:
    """What takes a task off both open indexes."""
    return [Task.open_employer_id.remove(), Task.open_department_key.remove()]


def get(scope: Scope, absence_id: str) -> records.Absence | None:
    """One GetItem; another employer's absence, or one of an employee out of the caller's scope, is not found."""
    try:
        absence = _absence(Absence.get(scope.employer_id, absence_id))
    except DoesNotExist:
        return None
    return absence if in_scope(scope, absence.employee_id) else None


def in_scope(scope: Scope, employee_id: str) -> bool:
    """Whether the employee is in scope: always for the whole employer, else by the employee's own department (a
    GetItem of the employee: their record is where the department is kept, so a move takes effect at once)."""
    return scope.whole_employer or employees.get(scope, employee_id) is not None


def for_employee(employer_id: str, employee_id: str) -> list[records.Absence]:
    """Every absence of one employee of this employer, oldest first: one Query on the by_employee index."""
    return [_absence(a) for a in Absence.by_employee.query(employee_id,
                                                           filter_condition=Absence.employer_id == employer_id)]


# Set on the employee while an absence is open: `open_absence_id` and the absent_by_employer index key.
_ABSENT_ATTRIBUTES = (Employee.open_absence_id, Employee.absent_employer_id)


def not_on_leave(day: str) -> Condition:
    """The employee's zwangerschaps- en bevallingsverlof (if any) does not hold `day`."""
    return (Employee.leave_from.does_not_exist() | (Employee.leave_from > day)
            | (Employee.leave_until < day))


def absent_actions(absence: records.Absence) -> list:
    """Mark the employee as sick with this absence (cleared again by the hersteldmelding)."""
    return [Employee.open_absence_id.set(absence.absence_id), Employee.absent_employer_id.set(absence.employer_id)]


def of_employer(employer_id: str) -> list[records.Absence]:
    """Every absence of the employer, open and closed: one Query on its partition (paged by 1 MB)."""
    return [_absence(a) for a in Absence.query(employer_id)]


_PERIOD_ATTRIBUTES = ["employer_id", "absence_id", "employee_id", "first_sick_day", "recovered_on", "steps"]


def sick_periods(scope: Scope) -> list[records.SickPeriod]:
    """Every absence in scope as the figures see it, only those attributes: one Query on the employer's partition,
    or for a leidinggevende one on by_department per department covered."""
    if scope.whole_employer:
        found = Absence.query(scope.employer_id, attributes_to_get=_PERIOD_ATTRIBUTES)
        return [to_record(records.SickPeriod, a) for a in found]
    return [to_record(records.SickPeriod, a) for d in sorted(departments.covered_by(scope))
            for a in Absence.by_department.query(f"{scope.employer_id}#{d}", attributes_to_get=_PERIOD_ATTRIBUTES)]


def _request_key(employer_id: str, key: str) -> str:
    return f"{employer_id}#{key}"


def reported_with(employer_id: str, key: str) -> str | None:
    """The id of the absence a ziekmelding with this Idempotency-Key made, if one did (within the key's life)."""
    try:
        return RequestKey.get(_request_key(employer_id, key)).record_id
    except DoesNotExist:
        return None


def report_sick(absence: records.Absence, tasks: list[records.Task], request_key: str, key_expires_at: int, *,
                audit: Line | None = None) -> bool:
    """Write the absence, its tasks, the employee's open-absence mark, the request key and the audit line, or
    nothing.

    False when the request key was used already (a retry); AlreadyAbsent when the employee is absent, or on leave
    on the first sick day (the service tells which from the employee's record).
    """
    key = RequestKey(_request_key(absence.employer_id, request_key), record_id=absence.absence_id,
                     expires_at=key_expires_at)
    with transaction() as tx:
        tx.save(key, condition=RequestKey.key.does_not_exist())
        tx.update(Employee(absence.employer_id, absence.employee_id),
                  actions=absent_actions(absence),
                  condition=Employee.employee_id.exists() & Employee.open_absence_id.does_not_exist()
                  & not_on_leave(absence.first_sick_day))
        tx.save(absence_item(absence), condition=Absence.absence_id.does_not_exist())
        for task in tasks:
            tx.save(task_item(task))
        adjust_open_tasks(tx, absence.employer_id, len(tasks))
        add(tx, audit)
    if tx.committed or tx.refused_at(0):
        return tx.committed
    if tx.refused_at(1):
        raise AlreadyAbsent()
    raise RuntimeError(f"ziekmelding refused by an unexpected condition: {tx.refused}")


def report_recovery(absence: records.Absence, recovered_on: str, closed_task_ids: list[str],
                    new_tasks: list[records.Task], *,
                    done_task_ids: tuple[str, ...] = (), absence_purge_at: int | None = None,
                    tasks_purge_at: int | None = None, audit: Line | None = None) -> bool:
    """Close the absence and the tasks that no longer apply, free the employee; False if closed meanwhile.

    The closed and done tasks get their removal time (`tasks_purge_at`), the absence its own if the employment
    has ended (`absence_purge_at`); tasks that stay open get theirs when they are done.
    """
    purge = _purge_actions(absence_purge_at) if absence_purge_at else []
    task_purge: list[Action] = [Task.purge_at.set(tasks_purge_at)] if tasks_purge_at else []
    with transaction() as tx:
        tx.update(Absence(absence.employer_id, absence.absence_id),
                  actions=[Absence.status.set("closed"), Absence.recovered_on.set(recovered_on), *purge,
                           *_riv_actions(absence, None, None)],
                  condition=Absence.status == "open")
        tx.update(Employee(absence.employer_id, absence.employee_id),
                  actions=[attribute.remove() for attribute in _ABSENT_ATTRIBUTES],
                  condition=Employee.open_absence_id == absence.absence_id)
        for task_id in closed_task_ids:
            tx.update(Task(absence.employer_id, task_id),
                      actions=[Task.status.set("closed"), *_closed_actions(), *task_purge],
                      condition=Task.status == "open")
        for task_id in done_task_ids if task_purge else ():
            tx.update(Task(absence.employer_id, task_id), actions=task_purge, condition=Task.status == "done")
        for task in new_tasks:
            tx.save(task_item(task))
        adjust_open_tasks(tx, absence.employer_id, len(new_tasks) - len(closed_task_ids))
        add(tx, audit)
    return tx.committed


def correct_first_day(absence: records.Absence, first_sick_day: str, case_start: str, due_dates: dict[str, str], *,
                      riv_gap: str | None = None, audit: Line | None = None) -> bool:
    """A corrected first sick day, its open tasks' new due dates (task id → date) and, while open, the case's new
    RIV gap, or nothing.

    False when the absence changed meanwhile (its first day or status) or a task was closed meanwhile.
    """
    with transaction() as tx:
        tx.update(Absence(absence.employer_id, absence.absence_id),
                  actions=[Absence.first_sick_day.set(first_sick_day), Absence.case_start.set(case_start),
                           *(_riv_actions(absence, riv_gap, absence.department_id)
                             if absence.status == "open" else [])],
                  condition=(Absence.first_sick_day == absence.first_sick_day) & (Absence.status == absence.status))
        for task_id, due in due_dates.items():
            tx.update(Task(absence.employer_id, task_id),
                      actions=[Task.due.set(due), Task.due_key.set(f"{due}#{task_id}")],
                      condition=Task.status == "open")
        add(tx, audit)
    return tx.committed


def replan_task(absence: records.Absence, current: records.Task | None, planned: records.Task | None, *,
                audit: Line | None = None) -> bool:
    """An event task of an open case planned, moved or withdrawn (the ziek-uit-dienstmelding when the end of the
    employment changes), with the open-task count, or nothing.

    `current` is the open task as read (None: there is none), `planned` what it must become (None: withdrawn; the
    same task id: its due date moves). False when the case closed or the task changed meanwhile.
    """
    if current is None and planned is None:
        return True
    with transaction() as tx:
        tx.condition_check(Absence, absence.employer_id, absence.absence_id, condition=Absence.status == "open")
        if current is not None and planned is not None and current.task_id == planned.task_id:
            tx.update(Task(absence.employer_id, current.task_id),
                      actions=[Task.due.set(planned.due), Task.due_key.set(f"{planned.due}#{planned.task_id}")],
                      condition=(Task.status == "open") & (Task.due == current.due))
        else:
            if current is not None:
                tx.update(Task(absence.employer_id, current.task_id),
                          actions=[Task.status.set("closed"), *_closed_actions()],
                          condition=Task.status == "open")
            if planned is not None:
                tx.save(task_item(planned), condition=Task.task_id.does_not_exist())
            adjust_open_tasks(tx, absence.employer_id, (planned is not None) - (current is not None))
        add(tx, audit)
    return tx.committed


def add_recovery_step(absence: records.Absence, step: records.RecoveryStep, *, audit: Line | None = None) -> bool:
    """Append a partial recovery to the steps the caller read, once: a repeat of this write (botocore resends it
    when its answer was lost) finds the list grown and is not appended again."""
    steps = len(absence.steps)
    grown = size(Absence.steps) == steps
    if steps == 0:
        grown = Absence.steps.does_not_exist() | grown
    if audited_update(Absence(absence.employer_id, absence.absence_id),
                      [Absence.steps.set(Absence.steps.append([to_item(step)]))],
                      (Absence.status == "open") & grown, audit):
        return True
    now = get(Scope(absence.employer_id), absence.absence_id)
    return now is not None and len(now.steps) == steps + 1 and now.steps[-1].from_date == step.from_date


def move(employee: records.Employee) -> int:
    """After a move: the employee's absences and their tasks carry the employee's department, and their open tasks
    are in that department's open list. One UpdateItem per item that differs, so running it again after an
    interruption completes it. Returns the number of items changed."""
    new = employee.department_id
    changed = 0
    for absence in for_employee(employee.employer_id, employee.employee_id):
        if absence.department_id != new:
            key = department_key(absence.employer_id, new)
            gap = absence.status == "open" and absence.riv_gap is not None
            changed += conditional_update(
                Absence(absence.employer_id, absence.absence_id),
                [Absence.department_id.set(new) if new else Absence.department_id.remove(),
                 Absence.department_key.set(key) if key else Absence.department_key.remove(),
                 *([Absence.riv_department_key.set(key) if key else Absence.riv_department_key.remove()]
                   if gap else [])],
                Absence.absence_id.exists())
        changed += move_tasks(tasks_of(absence.absence_id), new)
    return changed


def move_tasks(tasks: list[records.Task], new: str | None) -> int:
    """The tasks of one case (or leave) into department `new`'s lists; the number changed."""
    changed = 0
    for task in tasks:
        if task.department_id == new:
            continue
        key = department_key(task.employer_id, new) if task.status == "open" else None
        # Only as the task was read: one done or reopened meanwhile is left to the next move's run.
        changed += conditional_update(
            Task(task.employer_id, task.task_id),
            [Task.department_id.set(new) if new else Task.department_id.remove(),
             Task.open_department_key.set(key) if key else Task.open_department_key.remove()],
            Task.status == task.status)
    return changed


def set_riv_gap(absence: records.Absence, gap: str | None) -> bool:
    """The case's RIV gap after a document was released: UpdateItem, only while open and only if the gap is still
    the one read (False: it changed or closed meanwhile; read again)."""
    if gap == absence.riv_gap:
        return True
    as_read = Absence.riv_gap.does_not_exist() if absence.riv_gap is None else Absence.riv_gap == absence.riv_gap
    return conditional_update(Absence(absence.employer_id, absence.absence_id),
                              _riv_actions(absence, gap, absence.department_id),
                              (Absence.status == "open") & as_read)


def with_riv_gap(scope: Scope, before: str, limit: int) -> list[records.Absence]:
    """The open cases in scope whose RIV gap is before `before` (they miss something that day), oldest gap first,
    at most `limit`: one Query on the sparse riv_by_gap index (for a leidinggevende one per department on
    riv_by_department, merged), reading only those cases."""
    if scope.whole_employer:
        found = list(Absence.riv_by_gap.query(scope.employer_id, Absence.riv_gap < before, limit=limit))
    else:
        found = sorted((a for key in _open_keys(scope) for a in Absence.riv_by_department.query(
            key, Absence.riv_gap < before, limit=limit)), key=lambda a: (a.riv_gap or "", a.absence_id))[:limit]
    return [_absence(a) for a in found]


def tasks_of(absence_id: str) -> list[records.Task]:
    """The tasks of one absence by due date: one Query on the by_absence index."""
    return [_task(t) for t in Task.by_absence.query(absence_id)]


def open_tasks(employer_id: str, limit: int = 200) -> list[records.Task]:
    """Open tasks by due date: one Query on the sparse open_by_due index."""
    return [_task(t) for t in Task.open_by_due.query(employer_id, limit=limit)]


def _due_range(first: str | None, last: str | None) -> Condition | None:
    """The open_by_due key condition for tasks due from `first` to `last` (days, both included; None: open end).
    A key is `<due>#<task id>`, so `<last>~` sorts after every key of that day; `first` may be a whole key too
    (the position after which a page starts)."""
    if first and last:
        return Task.due_key.between(first, f"{last}~")
    if last:
        return Task.due_key < f"{last}~"
    if first:
        return Task.due_key >= first
    return None


def open_tasks_page(scope: Scope, *, first: str | None = None, last: str | None = None,
                    after: str | None = None, limit: int = 50) -> tuple[list[records.Task], str | None]:
    """One page of open tasks in scope due from `first` to `last` (days, included), by due date, after the task
    whose `due_key` is `after`: for the whole employer one Query on the sparse open_by_due index, at most
    `limit` + 1 items read; for a leidinggevende one Query of as many on open_by_department per department covered
    (departments.covered_by), merged.

    Returns the page and the `due_key` to continue after (None: this was the last page). `after` is trusted only
    as a position in the caller's own partitions: the start key is built here with the employer's id.
    """
    if not scope.whole_employer:
        low = max(first or "", f"{after}\x00" if after else "")
        if last and low > f"{last}~":  # a position past the range: nothing after it
            return [], None
        found = sorted((t for key in _open_keys(scope) for t in Task.open_by_department.query(
            key, _due_range(low or None, last), limit=limit + 1)), key=lambda t: t.due_key)
        more = len(found) > limit
        page = [_task(t) for t in found[:limit]]
        return page, (f"{page[-1].due}#{page[-1].task_id}" if more else None)
    employer_id = scope.employer_id
    start = None
    if after is not None:
        start = {"open_employer_id": {"S": employer_id}, "due_key": {"S": after},
                 "employer_id": {"S": employer_id}, "task_id": {"S": after.partition("#")[2]}}
    found = [_task(t) for t in Task.open_by_due.query(employer_id, _due_range(first, last), limit=limit + 1,
                                                      last_evaluated_key=start)]
    more = len(found) > limit
    page = found[:limit]
    return page, (f"{page[-1].due}#{page[-1].task_id}" if more else None)


def open_due_dates(scope: Scope, last: str, limit: int) -> list[str]:
    """The due dates of the open tasks in scope due up to `last` (included), at most `limit`, by date: one Query
    on the open_by_due index (for a leidinggevende one per department on open_by_department) reading only
    `due_key` — what the home page's counts need."""
    if scope.whole_employer:
        keys = [t.due_key for t in Task.open_by_due.query(scope.employer_id, _due_range(None, last), limit=limit,
                                                          attributes_to_get=["due_key"])]
    else:
        keys = sorted(t.due_key for key in _open_keys(scope) for t in Task.open_by_department.query(
            key, _due_range(None, last), limit=limit, attributes_to_get=["due_key"]))[:limit]
    return [k.partition("#")[0] for k in keys]


def count_open(scope: Scope) -> int:
    """How many tasks are open in a leidinggevende's departments: a counting Query per department (the employer's
    own count is its counter, `employers.open_tasks`)."""
    return sum(Task.open_by_department.count(key) for key in _open_keys(scope))


def _open_keys(scope: Scope) -> list[str]:
    return [f"{scope.employer_id}#{d}" for d in sorted(departments.covered_by(scope))]


def all_open_tasks(employer_id: str) -> list[records.Task]:
    """Every open task of an employer: the open_by_due index, page by page."""
    return [_task(t) for t in Task.open_by_due.query(employer_id, page_size=200)]


def existing(employer_id: str, absence_ids: list[str]) -> set[str]:
    """Which of these absences still exist: BatchGetItem (keys only), 100 a request."""
    ids = list(dict.fromkeys(absence_ids))
    return {a.absence_id for a in Absence.batch_get([(employer_id, i) for i in ids],
                                                    attributes_to_get=["employer_id", "absence_id"])} if ids else set()


def delete_orphaned_task(task: records.Task) -> bool:
    """An open task whose absence is gone (TTL removed it while the job was down): the task goes and the
    employer's count goes down by one, together; False if it was closed meanwhile."""
    with transaction() as tx:
        tx.delete(Task(task.employer_id, task.task_id), condition=Task.status == "open")
        adjust_open_tasks(tx, task.employer_id, -1)
    return tx.committed


def get_task(scope: Scope, task_id: str) -> records.Task | None:
    """One GetItem; another employer's task, or one of an employee out of the caller's scope, is not found."""
    try:
        task = _task(Task.get(scope.employer_id, task_id))
    except DoesNotExist:
        return None
    return task if in_scope(scope, task.employee_id) else None


def mark_done(employer_id: str, task_id: str, user_id: str, now: int, purge_at: int | None = None, *,
              done_on: str | None = None, note: str | None = None, audit: Line | None = None) -> bool:
    """Done (who, when, on which day, with an optional note) and one open task fewer for the employer; False if it
    was not open any more."""
    purge = [Task.purge_at.set(purge_at)] if purge_at else []
    proof = [*([Task.done_on.set(done_on)] if done_on else []), *([Task.done_note.set(note)] if note else [])]
    with transaction() as tx:
        tx.update(Task(employer_id, task_id),
                  actions=[Task.status.set("done"), *_closed_actions(),
                           Task.done_by.set(user_id), Task.done_at.set(now), *proof, *purge],
                  condition=Task.status == "open")
        adjust_open_tasks(tx, employer_id, -1)
        add(tx, audit)
    return tx.committed


def reopen(task: records.Task, *, audit: Line | None = None) -> bool:
    """A done task open again (Heropenen): back in the open_by_due index, its proof removed, one open task more for
    the employer; False when it changed meanwhile (reopened, or done again) or its case was closed (a leave's
    task: its leave was removed)."""
    with transaction() as tx:
        if wazo.is_leave_task(task.code):  # a leave's tasks may be reopened while the leave is there
            tx.condition_check(Leave, task.employer_id, task.absence_id, condition=Leave.leave_id.exists())
        else:
            tx.condition_check(Absence, task.employer_id, task.absence_id, condition=Absence.status == "open")
        tx.update(Task(task.employer_id, task.task_id),
                  actions=[Task.status.set("open"), Task.open_employer_id.set(task.employer_id),
                           *([Task.open_department_key.set(key)] if (key := department_key(
                               task.employer_id, task.department_id)) else []),
                           Task.done_by.remove(), Task.done_at.remove(), Task.done_on.remove(),
                           Task.done_note.remove(), Task.purge_at.remove()],
                  condition=(Task.status == "done") & (Task.done_at == task.done_at))
        adjust_open_tasks(tx, task.employer_id, 1)
        add(tx, audit)
    return tx.committed


def adjust_open_tasks(tx: Transaction, employer_id: str, change: int) -> None:
    """Keep the employer's open-task count in the transaction that opens or closes tasks."""
    if change:
        opened = [Employer.open_tasks_flag.set("open")] if change > 0 else []
        tx.update(Employer(employer_id), actions=[Employer.open_tasks.add(change), *opened],
                  condition=Employer.employer_id.exists())


def _purge_actions(purge_at: int) -> list:
    """An absence's removal time and its TTL backstop."""
    return [Absence.purge_at.set(purge_at), Absence.expires_at.set(purge_at + TTL_GRACE_SECONDS)]


def set_purge_at(absence: records.Absence, purge_at: int | None) -> None:
    """The absence's removal time after the employment's end changed (None: keep, the employment continues)."""
    actions = _purge_actions(purge_at) if purge_at else [Absence.purge_at.remove(), Absence.expires_at.remove()]
    Absence(absence.employer_id, absence.absence_id).update(actions=actions, condition=Absence.status == "closed")


def set_tasks_purge_at(tasks: list[records.Task], purge_at: int | None) -> None:
    """New removal times for the closed and done tasks of a closed case (open tasks get theirs when done)."""
    for task in tasks:
        if task.status != "open":
            action = Task.purge_at.set(purge_at) if purge_at else Task.purge_at.remove()
            Task(task.employer_id, task.task_id).update(actions=[action], condition=Task.status == task.status)


def delete_expired(absence: records.Absence, tasks: list[records.Task], now: int) -> int:
    """Remove what of an absence has passed its bewaartermijn: its expired tasks, or, once the absence itself has
    expired, the absence with every task (one still open lowers the employer's open-task count)."""
    gone = absence.purge_at is not None and absence.purge_at <= now
    expired = [t for t in tasks if gone or (t.purge_at and t.purge_at <= now)]
    delete_tasks(expired)
    if gone:
        Absence(absence.employer_id, absence.absence_id).delete()
    return len(expired) + gone


def delete_tasks(tasks: list[records.Task]) -> None:
    """Remove these tasks; each one still open lowers its employer's open-task count, in its own transaction."""
    still_open = [t for t in tasks if t.status == "open"]
    for task in still_open:
        with transaction() as tx:  # refused: done meanwhile, and deleted below all the same
            tx.delete(Task(task.employer_id, task.task_id), condition=Task.status == "open")
            adjust_open_tasks(tx, task.employer_id, -1)
    with Task.batch_write() as batch:
        for task in tasks:
            if task not in still_open:
                batch.delete(Task(task.employer_id, task.task_id))
