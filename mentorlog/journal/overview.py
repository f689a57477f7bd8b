"""The pair at a glance: what the dashboard and `mentorlog status` show."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from typing import TYPE_CHECKING, NamedTuple

from mentorlog.db.transactions import reading
from mentorlog.journal import actions, goals, timeline
from mentorlog.journal.assessments import confidence_trend
from mentorlog.journal.contact import pair_contact
from mentorlog.journal.entries import last_session
from mentorlog.journal.goals import GoalView
from mentorlog.journal.health import pair_health
from mentorlog.kinds import EntryKind, GoalStatus
from mentorlog.rules.cadence import Cadence, cadence
from mentorlog.rules.contact import ContactTime, Requirement
from mentorlog.rules.health import Health

if TYPE_CHECKING:
    from mentorlog.models import ActionItem, Pair

HEATMAP_WEEKS = 17


class DayActivity(NamedTuple):
    entries: int
    sessions: int


class Overview(NamedTuple):
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
    contact: ContactTime


@reading
def overview(
    connection: sqlite3.Connection,
    pair: Pair,
    *,
    today: dt.date,
    recent: int = 6,
    requirement: Requirement | None = None,
) -> Overview:
    last = last_session(connection, pair)
    health = cadence(
        last_session_on=last.on if last else None,
        last_next_session_on=last.next_session_on if last else None,
        cadence_days=pair.cadence_days,
        started_on=pair.started_on,
        today=today,
    )
    open_items = actions.list_actions(connection, pair, today=today)
    start = today - dt.timedelta(days=today.weekday() + 7 * (HEATMAP_WEEKS - 1))
    return Overview(
        pair=pair,
        cadence=health,
        open_actions=open_items,
        overdue_actions=sum(1 for item in open_items if actions.is_overdue(item, today)),
        active_goals=goals.list_goals(connection, pair, today=today, statuses={GoalStatus.ACTIVE}),
        recent=timeline.page(connection, pair, timeline.Filters(kinds=timeline.ENTRIES_ONLY), limit=recent),
        confidence=confidence_trend(connection, pair),
        activity=activity(connection, pair, start=start, end=today),
        activity_start=start,
        health=pair_health(connection, pair, today=today),
        contact=pair_contact(connection, pair, today=today, requirement=requirement, brief=True),
    )


def activity(connection: sqlite3.Connection, pair: Pair, *, start: dt.date, end: dt.date) -> dict[dt.date, DayActivity]:
    """Entries and sessions per day between two dates, for the calendar heatmap."""
    found = connection.execute(
        'SELECT "on", count(*), sum(kind = ?) FROM entry WHERE pair_id = ? AND "on" >= ? AND "on" <= ? GROUP BY "on"',
        (EntryKind.SESSION.value, pair.id, start.isoformat(), end.isoformat()),
    )
    days: dict[dt.date, DayActivity] = defaultdict(lambda: DayActivity(0, 0))
    for on, count, held in found:
        days[dt.date.fromisoformat(on)] = DayActivity(int(count), int(held or 0))
    return dict(days)
