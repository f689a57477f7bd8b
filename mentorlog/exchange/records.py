"""Everything an export needs of one pair, read in a handful of queries.

What is read is what journal.sharing lets leave: private entries and what hangs off
them only when the scope includes them. Records come back as rows (db.tables) with
Python values: the Markdown and iCalendar exports read these (the JSON export writes its
lines in SQL, json_export.py). Of the entries, only their count by kind and the last
session are read here: the Markdown timeline reads its own rows (md_timeline.py).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from typing import Any, NamedTuple

from mentorlog.db.tables import ALL
from mentorlog.db.transactions import reading
from mentorlog.journal.goal_view import GoalView, Rated, compose
from mentorlog.journal.goals import rated_points
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
    kinds: dict[str, int]  # how many entries of each kind leave
    last_session: Row | None  # the latest session that leaves
    actions: list[Row]
    private_left_out: int = 0
    rated: dict[int, list[Rated]] = {}  # noqa: RUF012 - a NamedTuple's default: each rubric goal's ratings

    def view(self, goal: Row, today: dt.date) -> GoalView:
        """A goal with its progress, composed as the screens compose it (goal_view)."""
        goal_id = goal.id or 0
        return compose(goal, self.milestones.get(goal_id, []), self.updates.get(goal_id, []), [], today,
                       self.rated.get(goal_id, []))  # fmt: skip

    @property
    def entries(self) -> int:
        return sum(self.kinds.values())

    @property
    def sessions(self) -> int:
        return self.kinds.get(EntryKind.SESSION, 0)

    def next_session_on(self) -> dt.date:
        """The planned next session: the last session's own plan, else the cadence from it."""
        last = self.last_session
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
    kinds = dict(connection.execute(f"SELECT kind, count(*) FROM entry WHERE {where} GROUP BY kind", params))
    sessions = ALL["entry"].select(
        connection,
        f"{where} AND entry.kind = ?",
        [*params, EntryKind.SESSION],
        'entry."on" DESC, entry.id DESC',
        limit=1,
    )
    goals = read("goal", "goal.pair_id = ?", [pair_id], "goal.id")
    return PairRecords(
        pair=pair,
        competencies=read("competency", "competency.pair_id = ?", [pair_id], "competency.position"),
        goals=goals,
        milestones=_by_goal(connection, "milestone", pair_id, "milestone.position, milestone.id"),
        updates=_by_goal(connection, "progress_update", pair_id, 'progress_update."on", progress_update.id'),
        kinds=kinds,
        last_session=sessions[0] if sessions else None,
        actions=read("action_item", *action_clause(scope, pair_id), "action_item.id"),
        private_left_out=private_left_out,
        rated=rated_points(connection, pair_id, goals, scope),
    )
