"""The relationship's health, for the dashboard, `mentorlog status` and the Markdown export.

Years of records are reduced here, in SQL on the pair's indexes (ix_entry_pair_kind_on
covers a kind's dates and ratings, ix_action_pair_open the action items' dates), to
what the figures need: sessions per month, the days sessions were held, the ratings
in time order, how many action items closed on time, each competency's first and
latest level. The figures themselves are rules.health's.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import TYPE_CHECKING

from mentorlog.db.transactions import reading
from mentorlog.journal import assessments
from mentorlog.journal.sharing import EVERYTHING, Scope, action_clause, entry_clause
from mentorlog.kinds import EntryKind
from mentorlog.rules.health import Health, Rate, end_of, summarize

if TYPE_CHECKING:
    from mentorlog.models import Pair

# An action item is on time when it was done by its due date; it is counted once it is done,
# or once its due date has passed open (late already). Without a due date it cannot be late.
ACTIONS_ON_TIME = """
    SELECT count(*) FILTER (WHERE done_on IS NOT NULL AND done_on <= due_on),
           count(*) FILTER (WHERE done_on IS NOT NULL OR due_on < ?)
    FROM action_item WHERE {items} AND due_on IS NOT NULL
"""


@reading
def pair_health(connection: sqlite3.Connection, pair: Pair, *, today: dt.date, scope: Scope = EVERYTHING) -> Health:
    """The figures from what `scope` takes: the whole journal (the dashboard), or what an export carries,
    so a figure that leaves the file is never shaped by what stays home."""
    pair_id = int(pair.id or 0)
    entries, params = entry_clause(scope, pair_id)
    last = end_of(today, pair.ended_on).isoformat()
    sessions = (*params, EntryKind.SESSION.value)

    def listed(sql: str, params: tuple[object, ...]) -> list[str]:
        # One row of text rather than thousands of rows: building a row object per session is what costs.
        (text,) = connection.execute(f"SELECT group_concat(value, ',') FROM ({sql})", params).fetchone()
        return text.split(",") if text else []

    def ratings(kind: str, column: str) -> list[int]:
        rated = f"{entries} AND kind = ? AND {column} IS NOT NULL"
        sql = f'SELECT {column} AS value FROM entry WHERE {rated} ORDER BY "on", {column}'
        return [int(value) for value in listed(sql, (*params, kind))]

    held = {
        dt.date.fromisoformat(f"{month}-01"): count
        for month, count in connection.execute(
            f'SELECT substr("on", 1, 7), count(*) FROM entry WHERE {entries} AND kind = ? AND "on" BETWEEN ? AND ?'
            " GROUP BY 1",
            (*sessions, pair.started_on.isoformat(), last),
        )
    }
    days = listed(
        f'SELECT DISTINCT "on" AS value FROM entry WHERE {entries} AND kind = ? AND "on" <= ? ORDER BY 1',
        (*sessions, last),
    )
    items, item_params = action_clause(scope, pair_id)
    hit, counted = connection.execute(ACTIONS_ON_TIME.format(items=items), (last, *item_params)).fetchone()
    goals = [
        (_day(due), _day(achieved), status)
        for due, achieved, status in connection.execute(
            "SELECT due_on, achieved_on, status FROM goal WHERE pair_id = ?", (pair_id,)
        )
    ]
    return summarize(
        held=held,
        session_days=[dt.date.fromisoformat(on) for on in days],
        usefulness=ratings(EntryKind.SESSION, "usefulness"),
        confidence=ratings(EntryKind.REFLECTION, "confidence"),
        actions_on_time=Rate(hit, counted),
        goals=goals,
        growth_rows=assessments.pair_growth(connection, pair, scope=scope, ends=True),
        started_on=pair.started_on,
        ended_on=pair.ended_on,
        cadence_days=pair.cadence_days,
        today=today,
    )


def _day(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)
