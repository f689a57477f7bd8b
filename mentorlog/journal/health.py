"""The relationship's health from the whole journal, for the dashboard and `mentorlog status`.

Small queries on the pair's indexes fetch dates and ratings only (the growth rows are
the Growth screen's, assessments.pair_growth); the figures are rules.health's, the
same functions the Markdown export uses on what it exports.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import TYPE_CHECKING

from mentorlog.db.transactions import reading
from mentorlog.journal import assessments
from mentorlog.journal.sharing import EVERYTHING, Scope, action_clause, entry_clause
from mentorlog.rules.health import Health, summarize

if TYPE_CHECKING:
    from mentorlog.models import Pair


def _day(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


@reading
def pair_health(connection: sqlite3.Connection, pair: Pair, *, today: dt.date, scope: Scope = EVERYTHING) -> Health:
    """The figures from what `scope` takes: the whole journal (the dashboard), or what an export carries,
    so a figure that leaves the file is never shaped by what stays home."""
    pair_id = int(pair.id or 0)
    entries, params = entry_clause(scope, pair_id)

    def rated(kind: str, column: str) -> list[tuple[dt.date, int | None]]:
        sql = f'SELECT "on", {column} FROM entry WHERE {entries} AND kind = ?'
        return [(dt.date.fromisoformat(on), value) for on, value in connection.execute(sql, (*params, kind))]

    items, item_params = action_clause(scope, pair_id)
    actions = [
        (_day(due), _day(done))
        for due, done in connection.execute(f"SELECT due_on, done_on FROM action_item WHERE {items}", item_params)
    ]
    goals = [
        (_day(due), _day(achieved), status)
        for due, achieved, status in connection.execute(
            "SELECT due_on, achieved_on, status FROM goal WHERE pair_id = ?", (pair_id,)
        )
    ]
    return summarize(
        sessions=rated("session", "usefulness"),
        reflections=rated("reflection", "confidence"),
        actions=actions,
        goals=goals,
        growth_rows=assessments.pair_growth(connection, pair, scope=scope),
        started_on=pair.started_on,
        ended_on=pair.ended_on,
        cadence_days=pair.cadence_days,
        today=today,
    )
