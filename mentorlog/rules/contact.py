"""Contact time: the minutes a pair met, as a figure computed from its sessions, never stored. Pure.

A program asks for contact time one of two ways (config.toml): an average per week
(`hours_per_week`, California's "at least one hour a week"), or a total over a period
(`hours_total` from `hours_from` to `hours_to`, Massachusetts' 50-hour log). The figure
says how much was met, per week and per month, by mode and by activity, and against
the requirement: on track, or behind by how much and what it would take to catch up.
Weeks start on Monday; a session belongs to the week and the month of its date, so a
week across a month end is one week and its minutes split between the two months.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from typing import NamedTuple

from mentorlog.words import plural

NO_MODE = "not said"
CATCH_UP_WEEKS = 4  # an average per week is caught up over the next month, as a coordinator would ask


def month_start(today: dt.date) -> dt.date:
    return today.replace(day=1)


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def minutes_words(minutes: float) -> str:
    """`1 h 30 min`, `45 min`, `0 min`."""
    hours, rest = divmod(round(minutes), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" + (f" {rest} min" if rest else "")


class Session(NamedTuple):
    """A session as contact time reads it."""

    on: dt.date
    minutes: int | None  # None: not recorded
    mode: str | None
    activities: tuple[str, ...] = ()
    group: bool = False  # held with several pairs at once
    starts_at: str | None = None
    private: bool = False


class Requirement(NamedTuple):
    """What the program asks: an average per week, or a total over a period (config.Requirement's values)."""

    per_week: float | None = None  # hours
    total: float | None = None  # hours
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def set(self) -> bool:
        return self.per_week is not None or self.total is not None


class Standing(NamedTuple):
    """The figure against the requirement, at `until`."""

    required: float  # minutes due by now
    met: float  # minutes held in the requirement's period up to now
    behind: float  # minutes short now (0 when on track)
    catch_up_per_week: float | None  # minutes a week from now on that meet it (None: the period has ended)
    weeks_left: float | None
    words: str


class ContactTime(NamedTuple):
    start: dt.date
    end: dt.date  # inclusive
    total: int  # minutes
    sessions: int
    untimed: int  # sessions with no minutes recorded
    group_minutes: int
    weeks: list[tuple[dt.date, int]]  # every week of the period (its Monday), with its minutes
    months: list[tuple[dt.date, int]]  # every month of the period (its first day), with its minutes
    by_mode: list[tuple[str, int]]  # most first
    by_activity: list[tuple[str, int]]  # minutes of the sessions that did it, most first
    standing: Standing | None

    @property
    def week_count(self) -> float:
        return max((self.end - self.start).days + 1, 1) / 7

    @property
    def average_per_week(self) -> float:
        return self.total / self.week_count

    def summary(self) -> str:
        """`5 h 15 min in 7 sessions (24 min a week on average); on track (...)`."""
        head = (
            f"{minutes_words(self.total)} in {plural(self.sessions, 'session')}"
            f" ({minutes_words(self.average_per_week)} a week on average)"
        )
        if self.untimed:
            head += f"; {plural(self.untimed, 'session')} without minutes"
        if self.standing is None:
            return head + "; no requirement set"
        return f"{head}; {self.standing.words}"

    def short(self) -> str:
        """The figure in a few words, for a panel or a caseload row: `5 h 15 min, 24 min a week; on track`."""
        head = f"{minutes_words(self.total)}, {minutes_words(self.average_per_week)} a week"
        if self.standing is None:
            return head
        s = self.standing
        if s.catch_up_per_week is None and s.behind:
            return f"{head}; short by {minutes_words(s.behind)}"
        return f"{head}; " + (f"behind by {minutes_words(s.behind)}" if s.behind else "on track")

    def line(self) -> str:
        """The one line the dashboard, the caseload and every export show."""
        return f"Contact time since {self.start}: {self.summary()}"


def contact_time(
    sessions: Iterable[Session], *, start: dt.date, end: dt.date, requirement: Requirement | None = None
) -> ContactTime:
    """The figure over `start`..`end` (inclusive) from the sessions in it; the requirement read at `end`."""
    days: Counter[dt.date] = Counter()
    modes: Counter[str] = Counter()
    activities: Counter[str] = Counter()
    count = untimed = group = 0
    for s in sessions:
        if not start <= s.on <= end:
            continue
        count += 1
        if not s.minutes:
            untimed += 1
            continue
        days[s.on] += s.minutes
        modes[s.mode or NO_MODE] += s.minutes
        for activity in s.activities:
            activities[activity] += s.minutes
        if s.group:
            group += s.minutes
    weeks: Counter[dt.date] = Counter()
    months: Counter[dt.date] = Counter()
    for day, minutes in days.items():
        weeks[week_start(day)] += minutes
        months[month_start(day)] += minutes
    return from_sums(weeks, months, modes, activities, sessions=count, untimed=untimed, group=group, start=start,
                     end=end, requirement=requirement)  # fmt: skip


def from_sums(
    weeks: dict[dt.date, int],
    months: dict[dt.date, int],
    modes: dict[str, int],
    activities: dict[str, int],
    *,
    sessions: int,
    untimed: int,
    group: int,
    start: dt.date,
    end: dt.date,
    requirement: Requirement | None = None,
) -> ContactTime:
    """The figure from minutes summed by week (its Monday), month (its first day), mode and activity (as SQL
    sums them), over `start`..`end`."""
    end = max(end, start)
    every_week = _every(week_start(start), end, lambda d: d + dt.timedelta(days=7))
    every_month = _every(month_start(start), end, _next_month)
    total = sum(weeks.values())
    figure = ContactTime(
        start=start,
        end=end,
        total=total,
        sessions=sessions,
        untimed=untimed,
        group_minutes=group,
        weeks=[(w, weeks.get(w, 0)) for w in every_week],
        months=[(m, months.get(m, 0)) for m in every_month],
        by_mode=Counter(modes).most_common(),
        by_activity=Counter(activities).most_common(),
        standing=None,
    )
    if requirement is not None and requirement.set:
        figure = figure._replace(standing=standing(figure, requirement, sessions_total=total))
    return figure


def totals(
    total: int, sessions: int, untimed: int, *, start: dt.date, end: dt.date, requirement: Requirement | None = None
) -> ContactTime:
    """The figure from its totals alone (what a one-line summary needs): no weeks, months, modes or activities."""
    end = max(end, start)
    figure = ContactTime(start, end, total, sessions, untimed, 0, [], [], [], [], None)
    if requirement is not None and requirement.set:
        figure = figure._replace(standing=standing(figure, requirement, sessions_total=total))
    return figure


def standing(figure: ContactTime, requirement: Requirement, *, sessions_total: int) -> Standing:
    """On track, or behind by how much, and what a week from now on would take to catch up."""
    today = figure.end
    if requirement.per_week is not None:
        per_week = requirement.per_week * 60
        required = per_week * figure.week_count
        behind = max(0.0, required - sessions_total)
        asked = f"the program asks {minutes_words(per_week)} a week"
        if not behind:
            return Standing(required, sessions_total, 0, None, None, f"on track ({asked})")
        catch_up = per_week + behind / CATCH_UP_WEEKS
        return Standing(
            required, sessions_total, behind, catch_up, CATCH_UP_WEEKS,
            f"behind by {minutes_words(behind)} ({asked}): {minutes_words(catch_up)} a week for the next"
            f" {plural(CATCH_UP_WEEKS, 'week')} catches up",
        )  # fmt: skip
    assert requirement.total is not None
    total = requirement.total * 60
    start = requirement.start or figure.start
    end = requirement.end or _a_year_after(start)
    span = max((end - start).days + 1, 1)
    elapsed = min(max((today - start).days + 1, 0), span)
    required = total * elapsed / span
    behind = max(0.0, required - sessions_total)
    left_days = (end - today).days
    asked = f"the program asks {minutes_words(total)} from {start} to {end}"
    if sessions_total >= total:
        return Standing(required, sessions_total, 0, 0, 0, f"met: {minutes_words(total)} reached ({asked})")
    remaining = total - sessions_total
    if left_days <= 0:
        return Standing(required, sessions_total, remaining, None, None,
                        f"short by {minutes_words(remaining)}: the period has ended ({asked})")  # fmt: skip
    weeks_left = left_days / 7
    per_week = remaining / max(weeks_left, 1)
    pace = f"{minutes_words(remaining)} to go, {minutes_words(per_week)} a week until {end}"
    if not behind:
        return Standing(required, sessions_total, 0, per_week, weeks_left, f"on track ({asked}): {pace}")
    return Standing(required, sessions_total, behind, per_week, weeks_left,
                    f"behind by {minutes_words(behind)} ({asked}): {pace} catches up")  # fmt: skip


def _a_year_after(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1) - dt.timedelta(days=1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _every(first: dt.date, end: dt.date, step: Callable[[dt.date], dt.date]) -> list[dt.date]:
    found, day = [], first
    while day <= end:
        found.append(day)
        day = step(day)
    return found
