"""The pair at a glance: what the dashboard and `mentorlog status` show."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from mentorlog.journal import actions, goals, timeline
from mentorlog.journal.entries import last_session
from mentorlog.journal.goals import GoalView
from mentorlog.journal.health import pair_health
from mentorlog.models import ActionItem, Entry, EntryKind, GoalStatus, Pair
from mentorlog.rules.cadence import Cadence, cadence
from mentorlog.rules.health import Health

HEATMAP_WEEKS = 17
TREND_POINTS = 60  # a sparkline shows no more than this many reflections usefully


@dataclass(frozen=True)
class DayActivity:
    entries: int
    sessions: int


@dataclass
class Overview:
    pair: Pair
    cadence: Cadence
    open_actions: list[ActionItem]
    overdue_actions: int
    active_goals: list[GoalView]
    recent: list[timeline.TimelineItem]
    confidence: list[tuple[dt.date, int]]
    activity: dict[dt.date, DayActivity]
    activity_start: dt.date
    health: Health


def overview(s: Session, pair: Pair, *, today: dt.date, recent: int = 6) -> Overview:
    last = last_session(s, pair)
    health = cadence(
        last_session_on=last.on if last else None,
        last_next_session_on=last.next_session_on if last else None,
        cadence_days=pair.cadence_days,
        started_on=pair.started_on,
        today=today,
    )
    open_items = actions.list_actions(s, pair, today=today)
    start = today - dt.timedelta(days=today.weekday() + 7 * (HEATMAP_WEEKS - 1))
    return Overview(
        pair=pair,
        cadence=health,
        open_actions=open_items,
        overdue_actions=sum(1 for item in open_items if actions.is_overdue(item, today)),
        active_goals=goals.list_goals(s, pair, today=today, statuses={GoalStatus.ACTIVE}),
        recent=timeline.page(s, pair, timeline.Filters(kinds=timeline.ENTRIES_ONLY), limit=recent),
        confidence=confidence_trend(s, pair),
        activity=activity(s, pair, start=start, end=today),
        activity_start=start,
        health=pair_health(s, pair, today=today),
    )


def confidence_trend(s: Session, pair: Pair, *, latest: int = TREND_POINTS) -> list[tuple[dt.date, int]]:
    """The mentee's confidence from the latest reflections, oldest first."""
    rows = s.exec(
        select(col(Entry.on), col(Entry.confidence))
        .where(Entry.pair_id == pair.id, Entry.kind == EntryKind.REFLECTION, col(Entry.confidence).is_not(None))
        .order_by(col(Entry.on).desc(), col(Entry.id).desc())
        .limit(latest)
    ).all()
    return [(on, int(level)) for on, level in reversed(rows) if level is not None]


def activity(s: Session, pair: Pair, *, start: dt.date, end: dt.date) -> dict[dt.date, DayActivity]:
    """Entries and sessions per day between two dates, for the calendar heatmap."""
    sessions = func.sum(func.iif(col(Entry.kind) == EntryKind.SESSION, 1, 0))
    rows = s.exec(
        select(col(Entry.on), func.count(), sessions)
        .where(Entry.pair_id == pair.id, col(Entry.on) >= start, col(Entry.on) <= end)
        .group_by(col(Entry.on))
    ).all()
    days: dict[dt.date, DayActivity] = defaultdict(lambda: DayActivity(0, 0))
    for on, count, held in rows:
        days[on] = DayActivity(int(count), int(held or 0))
    return dict(days)
