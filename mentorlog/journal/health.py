"""The relationship's health from the whole journal, for the dashboard and `mentorlog status`.

Small queries on the pair's indexes fetch dates and ratings only (the growth rows are
the Growth screen's, assessments.pair_growth); the figures are rules.health's, the
same functions the Markdown export uses on what it exports.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session

from mentorlog.db import rows
from mentorlog.journal import assessments
from mentorlog.models import Pair
from mentorlog.rules.health import Health, summarize


def _day(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def pair_health(s: Session, pair: Pair, *, today: dt.date) -> Health:
    pair_id = int(pair.id or 0)
    connection = rows.driver(s)  # dates and levels only: thousands of small rows, no ORM objects

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
    return summarize(
        sessions=rated("session", "usefulness"),
        reflections=rated("reflection", "confidence"),
        actions=actions,
        goals=goals,
        growth_rows=assessments.pair_growth(s, pair),
        started_on=pair.started_on,
        ended_on=pair.ended_on,
        cadence_days=pair.cadence_days,
        today=today,
    )
