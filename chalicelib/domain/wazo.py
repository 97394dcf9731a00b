"""Zwangerschaps- en bevallingsverlof (Wet arbeid en zorg, hoofdstuk 3): leave, not sickness.

A pregnancy and a birth are not sick leave: the leave is registered apart from the ziekmeldingen, never counts
in the verzuim figures (DOMAIN.md, the Vernet definitions) and has its own tasks for the employer, who applies for
the employee's WAZO-uitkering at UWV. Sickness *because of* the pregnancy before the leave is a ziekmelding with
the vangnet (Ziektewet art. 29a; see SickReport.pregnancy_related), which this module does not handle.

The periods, for one child (Wazo art. 3:1):
- zwangerschapsverlof begins between six and four weeks before the day after the expected date of birth
  (lid 2: the employee chooses; four weeks is the latest, so the portal offers it) and lasts until the birth;
- bevallingsverlof begins the day after the birth and lasts ten weeks (lid 3), plus the days of the six weeks
  before the day after the expected date that were not taken as zwangerschapsverlof (lid 4: a later start, or a
  birth before the expected date). Together at least sixteen weeks; a birth after the expected date lengthens it.
A multiple birth (20 weeks, from ten to eight weeks before) is not covered here.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .errors import InvalidInput
from .poortwachter import Actor, OnRecovery, TaskDefinition

# Fixed by law (Wazo art. 3:1, one child).
EARLIEST_WEEKS_BEFORE = 6
LATEST_WEEKS_BEFORE = 4
WEEKS_AFTER_BIRTH = 10
LEAVE_WEEKS = 16
# UWV: the employer applies for the WAZO-uitkering at least two weeks before the leave begins.
APPLICATION_WEEKS_BEFORE = 2
# UWV asks for the date of birth "zo snel mogelijk"; this portal plans it two weeks after the (expected) birth.
BIRTH_REPORT_DAYS = 14
# A birth this long before the expected date is no date that belongs to this pregnancy (a typing error).
_EARLIEST_BIRTH_WEEKS_BEFORE = 20

WAZO_AANVRAAG = TaskDefinition(
    "wazo_aanvraag_uwv", "WAZO-uitkering aanvragen bij UWV", Actor.WERKGEVER, None, on_recovery=OnRecovery.KEEPS)
BEVALLINGSDATUM = TaskDefinition(
    "bevallingsdatum_uwv", "Bevallingsdatum doorgeven aan UWV", Actor.WERKGEVER, None, on_recovery=OnRecovery.KEEPS)
DEFINITIONS: dict[str, TaskDefinition] = {d.code: d for d in (WAZO_AANVRAAG, BEVALLINGSDATUM)}


def is_leave_task(code: str) -> bool:
    """Whether a task belongs to a leave (its `absence_id` is then a leave's id) rather than to a ziekmelding."""
    return code in DEFINITIONS


@dataclass(frozen=True)
class Periods:
    """The leave's two parts, first and last day each (both inclusive). `pregnancy_*` are None when the child was
    born before the zwangerschapsverlof would have begun."""
    pregnancy_from: date | None
    pregnancy_until: date | None
    maternity_from: date
    maternity_until: date

    @property
    def first_day(self) -> date:
        return self.pregnancy_from or self.maternity_from

    @property
    def total_days(self) -> int:
        return (self.maternity_until - self.first_day).days + 1


@dataclass(frozen=True)
class PlannedLeaveTask:
    code: str
    title: str
    due: date


def start_window(expected: date) -> tuple[date, date]:
    """The first and the last day the zwangerschapsverlof may begin on: six and four weeks before the day after
    the expected date of birth."""
    day_after = expected + timedelta(days=1)
    return (day_after - timedelta(weeks=EARLIEST_WEEKS_BEFORE), day_after - timedelta(weeks=LATEST_WEEKS_BEFORE))


def default_start(expected: date) -> date:
    """Four weeks before: the latest the law allows, the longest bevallingsverlof after the birth."""
    return start_window(expected)[1]


def check_start(expected: date, starts_on: date) -> None:
    """The chosen first day of the zwangerschapsverlof lies in the window of Wazo art. 3:1 lid 2."""
    earliest, latest = start_window(expected)
    if not earliest <= starts_on <= latest:
        raise InvalidInput(
            f"Het zwangerschapsverlof begint tussen zes en vier weken voor de uitgerekende datum: kies een dag van "
            f"{earliest:%d-%m-%Y} tot en met {latest:%d-%m-%Y}.", code="leave_start_outside_window",
            field="starts_on")


def check_birth(expected: date, born_on: date, today: date) -> None:
    """A date of birth is not in the future and belongs to this pregnancy."""
    if born_on > today:
        raise InvalidInput(f"De bevallingsdatum kan niet na vandaag ({today:%d-%m-%Y}) liggen.",
                           code="date_in_future", field="born_on")
    earliest = expected - timedelta(weeks=_EARLIEST_BIRTH_WEEKS_BEFORE)
    if born_on < earliest:
        raise InvalidInput(f"De bevallingsdatum ligt meer dan {_EARLIEST_BIRTH_WEEKS_BEFORE} weken voor de "
                           f"uitgerekende datum ({expected:%d-%m-%Y}). Controleer de datum.",
                           code="birth_too_early", field="born_on")


def periods(expected: date, starts_on: date, born_on: date | None = None) -> Periods:
    """The zwangerschaps- and bevallingsverlof; before the birth is known, as if on the expected date."""
    birth = born_on or expected
    window_end = min(birth, expected) + timedelta(days=1)  # the six weeks run up to the day after the expected date
    taken = max(0, (window_end - starts_on).days)
    untaken = max(0, EARLIEST_WEEKS_BEFORE * 7 - taken)
    maternity_from = birth + timedelta(days=1)
    maternity_until = birth + timedelta(days=WEEKS_AFTER_BIRTH * 7 + untaken)
    if starts_on > birth:  # born before the leave would have begun: only bevallingsverlof
        return Periods(None, None, maternity_from, maternity_until)
    return Periods(starts_on, birth, maternity_from, maternity_until)


def tasks_for_leave(expected: date, starts_on: date, born_on: date | None = None) -> list[PlannedLeaveTask]:
    """The employer's tasks for a leave: the application two weeks before it begins, the date of birth after."""
    birth = born_on or expected
    return [
        PlannedLeaveTask(WAZO_AANVRAAG.code, WAZO_AANVRAAG.title,
                         starts_on - timedelta(weeks=APPLICATION_WEEKS_BEFORE)),
        PlannedLeaveTask(BEVALLINGSDATUM.code, BEVALLINGSDATUM.title, birth + timedelta(days=BIRTH_REPORT_DAYS)),
    ]


def overlaps(first_sick_day: date, leave_from: date, leave_until: date) -> bool:
    """Whether a ziekmelding from `first_sick_day` would begin during the leave: sickness then is leave (Wazo)."""
    return leave_from <= first_sick_day <= leave_until
