"""Relationship health: how the pair is keeping its rhythm and growing, computed from the records.

Nothing here is stored: every figure is a pure function of dates, counts and levels,
so the dashboard and the Markdown export show the same numbers and a test can pin
each one. What years of records reduce to (sessions per month, the days sessions
were held, the ratings in order, how many action items closed on time) is counted
by the journal (journal.health), in SQL, on the pair's indexes. A pair that has
ended is measured up to its end, not up to today.
"""

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from mentorlog.rules.growth import CompetencyGrowth
from mentorlog.words import plural

# A trend needs this many points before it is called rising or falling.
TREND_POINTS = 3
# Mean change between the first and the last third, in rating points, that counts as a change.
TREND_STEP = 0.5


class Month(NamedTuple):
    """One calendar month of the relationship: sessions held against what the cadence planned."""

    first_day: dt.date
    held: int
    planned: float  # the month's days inside the relationship / cadence days

    @property
    def ratio(self) -> float | None:
        return None if self.planned <= 0 else self.held / self.planned


class Rate(NamedTuple):
    """How many of the counted things went as planned (on time)."""

    hit: int
    counted: int

    @property
    def percent(self) -> float | None:
        return None if self.counted == 0 else 100 * self.hit / self.counted


class Trend(NamedTuple):
    values: tuple[int, ...]  # in time order
    direction: str | None  # "rising", "falling", "steady", or None with too few points

    @property
    def first(self) -> int | None:
        return self.values[0] if self.values else None

    @property
    def latest(self) -> int | None:
        return self.values[-1] if self.values else None


class Growth(NamedTuple):
    """The mean change in level since the first assessment, over the competencies rated twice."""

    change: float | None
    competencies: int
    rater: str | None  # "mentor" when the mentor has rated twice, else "self"


def end_of(today: dt.date, ended_on: dt.date | None) -> dt.date:
    """The last day the relationship is measured to."""
    return min(today, ended_on) if ended_on else today


def months(
    held: Mapping[dt.date, int],
    *,
    started_on: dt.date,
    ended_on: dt.date | None,
    today: dt.date,
    cadence_days: int,
) -> list[Month]:
    """Every month from the start to today (or the end), with sessions held and planned.

    `held`: sessions per month (by its first day), of those held from the start to the end.
    """
    last = end_of(today, ended_on)
    if last < started_on:
        return []
    found = []
    month = started_on.replace(day=1)
    while month <= last:
        following = _next_month(month)
        inside = (min(following - dt.timedelta(days=1), last) - max(month, started_on)).days + 1
        found.append(Month(month, held.get(month, 0), inside / max(1, cadence_days)))
        month = following
    return found


def median_days_between(sessions: Iterable[dt.date]) -> float | None:
    """The median gap between consecutive sessions; None before the second session."""
    ordered = sorted({day.toordinal() for day in sessions})  # day numbers: no timedelta per gap
    if len(ordered) < 2:
        return None
    return _median([b - a for a, b in itertools.pairwise(ordered)])


def goals_on_time(goals: Iterable[tuple[dt.date | None, dt.date | None, str]], *, today: dt.date) -> Rate:
    """Goals (due, achieved on, status) achieved by their due date, out of those decided.

    Decided: achieved, or still active or paused past the due date (missed so far).
    Drafts and dropped goals, and goals without a due date, are not counted.
    """
    hit = counted = 0
    for due, achieved_on, status in goals:
        if due is None or status in ("draft", "dropped"):
            continue
        if status == "achieved" and achieved_on is not None:
            counted += 1
            hit += achieved_on <= due
        elif due < today:
            counted += 1
    return Rate(hit, counted)


def trend(values: Iterable[int | None]) -> Trend:
    """A 1–5 rating over time (confidence, usefulness), given in time order, and which way it is going.

    The mean of the last third against the first third: a change of half a point
    or more is rising or falling, less is steady. Unrated entries (None) are left out.
    """
    ordered = tuple(value for value in values if value is not None)
    if len(ordered) < TREND_POINTS:
        return Trend(ordered, None)
    third = max(1, len(ordered) // 3)
    first = _mean(ordered[:third])
    last = _mean(ordered[-third:])
    if last - first >= TREND_STEP:
        return Trend(ordered, "rising")
    if first - last >= TREND_STEP:
        return Trend(ordered, "falling")
    return Trend(ordered, "steady")


def competency_growth(rows: Sequence[CompetencyGrowth]) -> Growth:
    """Mean change since the first assessment, by the mentor's ratings when there are two, else the mentee's."""
    for rater, changes in (
        ("mentor", [r.mentor_change for r in rows if r.mentor_change is not None]),
        ("self", [r.self_change for r in rows if r.self_change is not None]),
    ):
        if changes:
            return Growth(_mean(changes), len(changes), rater)
    return Growth(None, 0, None)


# Two figures, computed here rather than with the statistics module, which costs a command
# that shows the health (status, the dashboard) a tenth of its start-up.
def _mean(values: Sequence[float]) -> float:
    return float(sum(values)) / len(values)


def _median(values: list[int]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return float(ordered[middle]) if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _next_month(first_day: dt.date) -> dt.date:
    return (
        first_day.replace(year=first_day.year + 1, month=1)
        if first_day.month == 12
        else first_day.replace(month=first_day.month + 1)
    )


class Health(NamedTuple):
    """Every figure of the relationship's health, for the dashboard and the Markdown export."""

    months: list[Month]
    median_days_between: float | None
    actions_on_time: Rate
    goals_on_time: Rate
    confidence: Trend
    usefulness: Trend
    growth: Growth


def summarize(
    *,
    held: Mapping[dt.date, int],
    session_days: Iterable[dt.date],
    usefulness: Iterable[int | None],
    confidence: Iterable[int | None],
    actions_on_time: Rate,
    goals: Iterable[tuple[dt.date | None, dt.date | None, str]],
    growth_rows: Sequence[CompetencyGrowth],
    started_on: dt.date,
    ended_on: dt.date | None,
    cadence_days: int,
    today: dt.date,
) -> Health:
    """held: sessions per month from the start to the end (months); session_days: the days sessions were
    held, up to the end; usefulness, confidence: the sessions' and reflections' ratings in time order;
    actions_on_time: as the journal counts them; goals: (due, achieved on, status)."""
    return Health(
        months=months(held, started_on=started_on, ended_on=ended_on, today=today, cadence_days=cadence_days),
        median_days_between=median_days_between(session_days),
        actions_on_time=actions_on_time,
        goals_on_time=goals_on_time(goals, today=end_of(today, ended_on)),
        confidence=trend(confidence),
        usefulness=trend(usefulness),
        growth=competency_growth(growth_rows),
    )


HEAT_KEY = "· none  ░ under half  ▒ most  █ as planned"


def heat(month: Month) -> str:
    """One glyph for a month: · none held, ░ under half the plan, ▒ most of it, █ the plan or more."""
    ratio = month.ratio
    if ratio is None:
        return " "
    if month.held == 0:
        return "·"
    return "░" if ratio < 0.5 else "▒" if ratio < 0.9 else "█"


def describe(health: Health, *, cadence_days: int) -> list[str]:
    """The figures as sentences, the same on the dashboard and in the Markdown export."""
    lines = []
    median = health.median_days_between
    lines.append(
        f"Median {plural(median, 'day')} between sessions (planned every {cadence_days})"
        if median is not None
        else "Days between sessions: after the second session"
    )
    for label, rate in (("Action items closed on time", health.actions_on_time),
                        ("Goals achieved on time", health.goals_on_time)):  # fmt: skip
        lines.append(
            f"{label}: {rate.hit} of {rate.counted} ({rate.percent:.0f}%)"
            if rate.percent is not None
            else f"{label}: none due yet"
        )
    for label, series in (("Confidence (reflections)", health.confidence),
                          ("Usefulness (sessions)", health.usefulness)):  # fmt: skip
        if series.direction is None:
            latest = f" (latest {series.latest} of 5)" if series.latest else ""
            lines.append(f"{label}: a trend after {plural(TREND_POINTS, 'rating')}{latest}")
        else:
            lines.append(f"{label}: {series.first} → {series.latest} of 5, {series.direction}")
    growth = health.growth
    whose = "the mentor" if growth.rater == "mentor" else "the mentee"
    lines.append(
        f"Competency growth: {growth.change:+.1f} levels on average since the first assessment "
        f"({plural(growth.competencies, 'competency', 'competencies')}, {whose}'s ratings)"
        if growth.change is not None
        else "Competency growth: after a second assessment"
    )
    return lines


ARROWS = {"rising": "↑", "falling": "↓", "steady": "→"}


def compact(health: Health, *, cadence_days: int) -> list[str]:
    """The same figures in short lines, for the dashboard's narrow column."""

    def rate(value: Rate) -> str:
        return "–" if value.percent is None else f"{value.percent:.0f}%"

    def series(value: Trend) -> str:
        if value.latest is None:
            return "–"
        return f"{ARROWS.get(value.direction or '', '')}{value.latest}/5"

    median = health.median_days_between
    growth = health.growth.change
    return [
        f"sessions {median:g} d apart (plan {cadence_days} d)" if median is not None
        else f"sessions: under two so far (plan {cadence_days} d)",
        f"on time: actions {rate(health.actions_on_time)} · goals {rate(health.goals_on_time)}",
        f"confidence {series(health.confidence)} · usefulness {series(health.usefulness)}",
        "competency growth " + ("– (needs two assessments)" if growth is None else f"{growth:+.1f} levels"),
    ]  # fmt: skip
