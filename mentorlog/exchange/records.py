"""Everything an export needs of one pair, read in a handful of queries.

What is read is what journal.sharing lets leave: private entries and what hangs off
them only when the scope includes them. Records come back as rows (db.tables) with
Python values: the Markdown and iCalendar exports read these (the JSON export writes its
lines in SQL, json_export.py).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from typing import Any, NamedTuple

from mentorlog.db.tables import ALL
from mentorlog.db.transactions import reading
from mentorlog.journal.sharing import Scope as Scope
from mentorlog.journal.sharing import action_clause, entry_clause
from mentorlog.kinds import EntryKind
from mentorlog.rules.cadence import next_session_date

# A record as exports read it: a row with its model's attributes (db.tables).
Row = Any


class PairRecords(NamedTuple):
    pair: Row
    competencies: list[Row]
    goals: list[Row]
    milestones: dict[int, list[Row]]
    updates: dict[int, list[Row]]
    entries: list[Row]  # oldest first
    ratings: dict[int, list[Row]]
    tags: dict[int, list[Row]]
    entry_goals: dict[int, list[int]]
    actions: list[Row]
    private_left_out: int = 0

    @property
    def sessions(self) -> list[Row]:
        return [e for e in self.entries if e.kind == EntryKind.SESSION]

    def next_session_on(self) -> dt.date:
        """The planned next session: the last session's own plan, else the cadence from it."""
        sessions = self.sessions
        last = sessions[-1] if sessions else None
        return next_session_date(
            last_session_on=last.on if last else None,
            last_next_session_on=last.next_session_on if last else None,
            cadence_days=self.pair.cadence_days,
            started_on=self.pair.started_on,
        )


def _by_goal(connection: sqlite3.Connection, table: str, pair_id: int, order: str) -> dict[int, list[Row]]:
    """A goal's milestones or progress updates, for every goal of the pair in one query."""
    found: dict[int, list[Row]] = defaultdict(list)
    joined = f"JOIN goal ON goal.id = {table}.goal_id"
    for record in ALL[table].select(connection, "goal.pair_id = ?", [pair_id], order, joins=joined):
        found[record.goal_id].append(record)
    return found


@reading
def load(connection: sqlite3.Connection, pair_id: int, scope: Scope) -> PairRecords:
    """The pair (which the caller has found) and everything of it the scope takes, in one snapshot."""

    def read(table: str, where: str, params: list[Any], order: str, joins: str = "") -> list[Row]:
        return ALL[table].select(connection, where, params, order, joins=joins)

    (pair,) = read("pair", "pair.id = ?", [pair_id], "id")
    where, params = entry_clause(scope, pair_id)
    private_left_out = 0
    if not scope.include_private:
        dated, dated_params = entry_clause(Scope(scope.start, scope.end, include_private=True), pair_id)
        counted = connection.execute(f"SELECT count(*) FROM entry WHERE {dated} AND entry.private = 1", dated_params)
        private_left_out = int(counted.fetchone()[0])
    ratings: dict[int, list[Row]] = defaultdict(list)
    rated = "JOIN entry ON entry.id = rating.entry_id JOIN competency ON competency.id = rating.competency_id"
    for rating in read("rating", where, params, "competency.position, rating.id", rated):
        ratings[rating.entry_id].append(rating)
    return PairRecords(
        pair=pair,
        competencies=read("competency", "competency.pair_id = ?", [pair_id], "competency.position"),
        goals=read("goal", "goal.pair_id = ?", [pair_id], "goal.id"),
        milestones=_by_goal(connection, "milestone", pair_id, "milestone.position, milestone.id"),
        updates=_by_goal(connection, "progress_update", pair_id, 'progress_update."on", progress_update.id'),
        entries=read("entry", where, params, 'entry."on", entry.id'),
        ratings=ratings,
        tags=_tags(connection, where, params),
        entry_goals=_goal_links(connection, where, params),
        actions=read("action_item", *action_clause(scope, pair_id), "action_item.id"),
        private_left_out=private_left_out,
    )


def _tags(connection: sqlite3.Connection, where: str, params: list[Any]) -> dict[int, list[Row]]:
    """Each entry's tags by name; the few tags are read once and shared, not once per entry."""
    links = (
        "SELECT entry_tag.entry_id, entry_tag.tag_id FROM entry_tag JOIN entry ON entry.id = entry_tag.entry_id"
        f" WHERE {where}"
    )
    chosen = f"tag.id IN (SELECT tag_id FROM ({links}))"
    used = {tag.id: tag for tag in ALL["tag"].select(connection, chosen, params)}
    tags: dict[int, list[Row]] = defaultdict(list)
    for entry_id, tag_id in connection.execute(links, params):
        tags[entry_id].append(used[tag_id])
    for found in tags.values():
        found.sort(key=lambda tag: tag.name)
    return tags


def _goal_links(connection: sqlite3.Connection, where: str, params: list[Any]) -> dict[int, list[int]]:
    links: dict[int, list[int]] = defaultdict(list)
    for entry_id, goal_id in connection.execute(
        "SELECT entry_goal.entry_id, entry_goal.goal_id FROM entry_goal JOIN entry ON entry.id = entry_goal.entry_id"
        f" WHERE {where} ORDER BY entry_goal.goal_id",
        params,
    ):
        links[entry_id].append(goal_id)
    return links
