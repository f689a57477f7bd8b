"""The relationship's health from the whole journal, for the dashboard and `mentorlog status`.

Six small queries on the pair's indexes fetch dates and ratings only; the figures
are rules.health's, the same functions the Markdown export uses on what it exports.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from mentorlog.kinds import EntryKind
from mentorlog.rules.growth import RatingPoint, growth
from mentorlog.rules.health import Health, summarize


def _day(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def pair_health(connection: sqlite3.Connection, pair: Any, *, today: dt.date) -> Health:
    """`pair` is anything with the Pair's attributes (an ORM Pair or a plain row)."""
    pair_id = int(pair.id)

    def rated(kind: str, column: str) -> list[tuple[dt.date, int | None]]:
        sql = f'SELECT "on", {column} FROM entry WHERE pair_id = ? AND kind = ?'
        return [(dt.date.fromisoformat(on), value) for on, value in connection.execute(sql, (pair_id, kind))]

    actions = [
        (_day(due), _day(done))
        for due, done in connection.execute("SELECT due_on, done_on FROM action_item WHERE pair_id = ?", (pair_id,))
    ]
    goals = [
        (_day(due), _day(achieved), status)
        for due, achieved, status in connection.execute(
            "SELECT due_on, achieved_on, status FROM goal WHERE pair_id = ?", (pair_id,)
        )
    ]
    points = [
        RatingPoint(dt.date.fromisoformat(on), rater or "self", name, level)
        for on, rater, name, level in connection.execute(
            'SELECT entry."on", entry.rater, competency.name, rating.level FROM rating'
            " JOIN entry ON entry.id = rating.entry_id JOIN competency ON competency.id = rating.competency_id"
            " WHERE entry.pair_id = ? AND entry.kind = ?",  # the kind: the index goes straight to assessments
            (pair_id, EntryKind.ASSESSMENT.value),
        )
    ]
    order = [name for (name,) in connection.execute(
        "SELECT name FROM competency WHERE pair_id = ? ORDER BY position", (pair_id,)
    )]  # fmt: skip
    return summarize(
        sessions=rated("session", "usefulness"),
        reflections=rated("reflection", "confidence"),
        actions=actions,
        goals=goals,
        growth_rows=growth(points, order),
        started_on=pair.started_on,
        ended_on=pair.ended_on,
        cadence_days=pair.cadence_days,
        today=today,
    )
