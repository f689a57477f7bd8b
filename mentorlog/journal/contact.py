"""A pair's contact time (rules.contact) from its sessions, as far as a scope lets them count.

The journal's own screens count every session (sharing.EVERYTHING); a document handed to a
program counts what leaves (journal.sharing), so a private session's minutes stay home
unless asked for. The sessions are read from the kind-and-date index, which carries their
minutes; only a session that lists activities is read further.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import TYPE_CHECKING

from mentorlog.codec import text_list
from mentorlog.journal.sharing import EVERYTHING, Scope, entry_clause
from mentorlog.kinds import EntryKind
from mentorlog.rules.contact import NO_MODE, ContactTime, Requirement, Session, from_sums, totals

if TYPE_CHECKING:
    from mentorlog.models import Pair

SESSIONS_SQL = """
    SELECT "on", duration_min, mode, activities, group_uid IS NOT NULL, starts_at, private
    FROM entry WHERE {where} AND kind = ? ORDER BY "on", id
"""


def sessions(connection: sqlite3.Connection, pair_id: int, scope: Scope = EVERYTHING) -> list[Session]:
    """The pair's sessions that `scope` takes, oldest first."""
    where, params = entry_clause(scope, pair_id)
    rows = connection.execute(SESSIONS_SQL.format(where=where), (*params, EntryKind.SESSION.value))
    return [
        Session(dt.date.fromisoformat(on), minutes, mode, tuple(text_list(done)),
                bool(group), starts_at, bool(private))
        for on, minutes, mode, done, group, starts_at, private in rows
    ]  # fmt: skip


def period(pair: Pair, today: dt.date, requirement: Requirement, start: dt.date | None = None,
           end: dt.date | None = None) -> tuple[dt.date, dt.date]:  # fmt: skip
    """The days a figure covers: from `start`, else the program's period, else the pair's start; to `end`,
    else today (a closed pair's end, a program period's end, whichever comes first)."""
    first = start or requirement.start or pair.started_on
    last = end or min(today, pair.ended_on or today, requirement.end or today)
    return first, last


def pair_contact(
    connection: sqlite3.Connection,
    pair: Pair,
    *,
    today: dt.date,
    requirement: Requirement | None = None,
    scope: Scope = EVERYTHING,
    brief: bool = False,
) -> ContactTime:
    """The pair's contact time over `scope`'s dates (or its period), against the program's requirement.
    `brief`: its totals only (a one-line summary), summed from the index without reading a session."""
    requirement = requirement or Requirement()
    start, end = period(pair, today, requirement, scope.start, scope.end)
    scoped = scope._replace(start=start, end=end)
    if brief:
        where, params = entry_clause(scoped, int(pair.id or 0))
        count, total, untimed = connection.execute(
            f"SELECT count(*), coalesce(sum(duration_min), 0), count(*) - count(nullif(duration_min, 0)) FROM entry"
            f" WHERE {where} AND kind = ?",
            (*params, EntryKind.SESSION.value),
        ).fetchone()
        return totals(int(total), int(count), int(untimed), start=start, end=end, requirement=requirement)
    where, params = entry_clause(scoped, int(pair.id or 0))
    session = (*params, EntryKind.SESSION.value)
    # Summed by SQLite: by week (its Monday) and by month from the kind-and-date index, which carries the
    # minutes; by mode and by activity from the sessions themselves. Never a row object a session.
    weeks: dict[dt.date, int] = {}
    months: dict[dt.date, int] = {}
    count = untimed = 0
    for week, month, minutes, held, without in connection.execute(
        f"SELECT date(\"on\", 'weekday 0', '-6 days'), substr(\"on\", 1, 7), sum(duration_min), count(*),"
        f" count(*) - count(nullif(duration_min, 0)) FROM entry WHERE {where} AND kind = ? GROUP BY 1, 2", session,
    ):  # fmt: skip
        count, untimed = count + held, untimed + without
        if minutes:  # a week across a month end is two rows: its minutes in each month
            monday = dt.date.fromisoformat(week)
            weeks[monday] = weeks.get(monday, 0) + int(minutes)
            first = dt.date.fromisoformat(f"{month}-01")
            months[first] = months.get(first, 0) + int(minutes)
    modes: dict[str, int] = {}
    group = 0
    for mode, minutes, grouped in connection.execute(
        f"SELECT coalesce(mode, ?), sum(duration_min), sum(CASE WHEN group_uid IS NOT NULL THEN duration_min END)"
        f" FROM entry WHERE {where} AND kind = ? AND duration_min > 0 GROUP BY 1", (NO_MODE, *session),
    ):  # fmt: skip
        modes[mode] = int(minutes)
        group += int(grouped or 0)
    activities = dict(connection.execute(
        # The partial index holds only the sessions that list activities: SQLite's planner would take the
        # kind-and-date index (every session) for the same terms.
        f"SELECT done.value, sum(entry.duration_min) FROM entry INDEXED BY ix_entry_activities,"
        f" json_each(entry.activities) AS done"
        f" WHERE {where} AND entry.kind = ? AND entry.duration_min > 0 AND entry.activities != '[]'"
        " GROUP BY done.value", session,
    ))  # fmt: skip
    return from_sums(weeks, months, modes, activities, sessions=count, untimed=untimed, group=group, start=start,
                     end=end, requirement=requirement)  # fmt: skip
