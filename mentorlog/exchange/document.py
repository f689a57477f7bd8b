"""One pair as every document reads it: the read model of the Markdown, HTML, CSV and iCalendar
exports and of `report hours`.

Whatever a document shows of a pair is read here, through journal.sharing's scope (private
entries, and what hangs off them, only when asked), in one snapshot of the journal: the pair's
records (`PairRecords`), its figures (health, growth, contact time), its timeline and what hangs
off each entry, its sessions, a closed pair's closing. A format is then its layout alone: it
asks `Document` for what it shows, and each part is read once, when first asked for, so the
CSV of sessions reads no growth and the calendar no timeline. Records come back as rows
(db.tables) with Python values, the timeline as SQLite's tuples (see `timeline`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections import defaultdict
from collections.abc import Iterator, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from mentorlog.db.tables import ALL
from mentorlog.db.transactions import reading, snapshot
from mentorlog.entry_kinds import SPECS
from mentorlog.journal.contact import pair_contact
from mentorlog.journal.contact import sessions as pair_sessions
from mentorlog.journal.sharing import Scope, action_clause, entry_clause
from mentorlog.kinds import EntryKind
from mentorlog.rules.cadence import next_session_date
from mentorlog.rules.growth import level_name

if TYPE_CHECKING:
    from mentorlog.exchange.options import ExportOptions
    from mentorlog.journal.goal_view import GoalView, Rated
    from mentorlog.rules.contact import ContactTime, Session
    from mentorlog.rules.growth import CompetencyGrowth
    from mentorlog.rules.health import Health

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
        from mentorlog.journal.goal_view import compose

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
    from mentorlog.journal.goals import rated_points  # the goals' rules: not for a report of hours

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


# The columns every timeline row starts with; a slot per field of its kind's spec follows.
OWN = ("id", "kind", "on", "author", "private", "title", "body")
SLOTS_FROM = len(OWN)
ORDERS = {"newest": "DESC", "oldest": "ASC"}
CONFIDENCE_POINTS = 60  # a chart's worth of reflections


def timeline_query(where: str, order: str = "newest") -> str:
    """The timeline's SQL over the entries `where` selects: an entry's own columns, then one slot per
    field its kind's spec lists (`CASE kind WHEN 'session' THEN agenda ...`), so a kind grown by a field
    shows it with no edit here; newest first unless `order` is "oldest"."""
    slots = max((len(spec.fields) for spec in SPECS.values()), default=0)
    columns = [f'entry."{name}"' for name in OWN]
    for i in range(slots):
        whens = [
            f"WHEN '{kind}' THEN entry.\"{spec.fields[i].name}\""
            for kind, spec in SPECS.items()
            if i < len(spec.fields)
        ]
        columns.append(f"CASE entry.kind {' '.join(whens)} END")
    way = ORDERS[order]
    return f'SELECT {", ".join(columns)} FROM entry WHERE {where} ORDER BY entry."on" {way}, entry.id {way}'


class Links(NamedTuple):
    """What hangs off the entries that leave, by entry id."""

    tags: dict[int, str]  # "a, b": names in order
    goals: dict[int, str]  # "goal 1, goal 3"
    ratings: dict[int, list[tuple[str, str, str]]]  # competency, "level name", evidence
    actions: dict[int, list[Row]]  # the action items agreed in it that leave, in the order they were made


class Closing(NamedTuple):
    """A closed pair's closing, as far as it leaves: its final assessments and closing reflection."""

    entries: list[tuple[Any, ...]]  # (on, kind, rater, title, went_well, next_step), oldest first


class Document:
    """A pair as documents read it, within one snapshot (`read`); each part read when first asked for."""

    def __init__(self, connection: sqlite3.Connection, options: ExportOptions) -> None:
        self.connection, self.options = connection, options
        self.where, self.params = entry_clause(options.scope, options.pair_id)

    @cached_property
    def records(self) -> PairRecords:
        return load(self.connection, self.options.pair_id, self.options.scope)

    @cached_property
    def health(self) -> Health:
        from mentorlog.journal.health import pair_health

        return pair_health(self.connection, self.options.pair, today=self.options.today, scope=self.options.scope)

    @cached_property
    def growth(self) -> list[CompetencyGrowth]:
        """Each competency's first and latest level by each rater (what change and gap need)."""
        from mentorlog.journal.assessments import pair_growth

        return pair_growth(self.connection, self.options.pair, scope=self.options.scope, ends=True)

    @cached_property
    def confidence(self) -> list[tuple[dt.date, int]]:
        """The mentee's confidence in the latest reflections that leave, oldest first."""
        from mentorlog.journal.assessments import confidence_trend

        return confidence_trend(self.connection, self.options.pair, latest=CONFIDENCE_POINTS, scope=self.options.scope)

    @cached_property
    def contact(self) -> ContactTime:
        """Contact time over the export's dates (else the program's period), against the requirement."""
        o = self.options
        return pair_contact(self.connection, o.pair, today=o.today, requirement=o.requirement, scope=o.scope)

    @cached_property
    def contact_totals(self) -> ContactTime:
        """The same figure's totals alone (its one line), summed without reading a session."""
        o = self.options
        return pair_contact(
            self.connection, o.pair, today=o.today, requirement=o.requirement, scope=o.scope, brief=True
        )

    @cached_property
    def sessions(self) -> list[Session]:
        """The sessions that leave, oldest first, over the contact figure's days."""
        c = self.contact
        return pair_sessions(
            self.connection, self.options.pair_id, self.options.scope._replace(start=c.start, end=c.end)
        )

    def timeline(self, order: str = "newest") -> list[Any]:
        """The entries that leave, as `timeline_query` lays them out."""
        return self.connection.execute(timeline_query(self.where, order), self.params).fetchall()

    @cached_property
    def links(self) -> Links:
        """The tags, goal links (their pair's goals only), ratings and action items of the entries that leave."""
        connection, where, params = self.connection, self.where, self.params
        from_entries = f"JOIN entry ON entry.id = {{0}}.entry_id WHERE {where}"
        tags: dict[int, list[str]] = {}
        tagged = (
            f"SELECT entry_tag.entry_id, tag.name FROM entry_tag JOIN tag ON tag.id = entry_tag.tag_id {from_entries}"
        )
        for entry_id, name in connection.execute(tagged.format("entry_tag") + " ORDER BY tag.name", params):
            tags.setdefault(entry_id, []).append(name)
        goals: dict[int, list[str]] = {}
        linked = (
            "SELECT entry_goal.entry_id, entry_goal.goal_id FROM entry_goal"
            f" JOIN goal ON goal.id = entry_goal.goal_id AND goal.pair_id = entry.pair_id {from_entries}"
        )
        ordered = linked.format("entry_goal") + " ORDER BY entry_goal.goal_id"
        for entry_id, goal_id in connection.execute(ordered, params):
            goals.setdefault(entry_id, []).append(f"goal {goal_id}")
        ratings: dict[int, list[tuple[str, str, str]]] = {}
        rated = (
            "SELECT rating.entry_id, competency.name, rating.level, rating.evidence, rating.level_label FROM rating"
            f" JOIN competency ON competency.id = rating.competency_id {from_entries}"
        )
        for entry_id, name, level, evidence, given in connection.execute(
            rated.format("rating") + " ORDER BY competency.position, rating.id", params
        ):
            ratings.setdefault(entry_id, []).append((name, f"{level} {given or level_name(level)}", evidence))
        actions: dict[int, list[Row]] = {}
        for item in self.records.actions:
            if item.entry_id is not None:
                actions.setdefault(item.entry_id, []).append(item)
        return Links(
            {k: ", ".join(v) for k, v in tags.items()}, {k: ", ".join(v) for k, v in goals.items()}, ratings, actions
        )

    def entries(self, columns: Sequence[str], kind: str | None = None) -> list[tuple[Any, ...]]:
        """The entries that leave (of `kind`, or all), oldest first, as these columns of theirs."""
        picked = ", ".join(f'entry."{name}"' for name in columns)
        where, params = self.where, list(self.params)
        if kind is not None:
            where, params = f"{where} AND entry.kind = ?", [*params, kind]
        sql = f'SELECT {picked} FROM entry WHERE {where} ORDER BY entry."on", entry.id'
        return self.connection.execute(sql, params).fetchall()

    def ratings(self) -> list[tuple[Any, ...]]:
        """Every rating of the assessments that leave, oldest first: (on, rater, entry id, competency, code,
        level, level name, evidence)."""
        sql = (
            "SELECT entry.\"on\", coalesce(entry.rater, 'self'), entry.id, competency.name, competency.code,"
            " rating.level, rating.level_label, rating.evidence FROM rating"
            " JOIN entry ON entry.id = rating.entry_id JOIN competency ON competency.id = rating.competency_id"
            f' WHERE {self.where} ORDER BY entry."on", entry.id, competency.position'
        )
        return [(*row[:6], row[6] or level_name(row[5]), row[7]) for row in self.connection.execute(sql, self.params)]

    @cached_property
    def closing(self) -> Closing | None:
        """A closed pair's closing entries that leave; None while the pair is open."""
        if not self.records.pair.ended_on:
            return None
        return Closing(self.connection.execute(
            f'SELECT "on", kind, rater, title, went_well, next_step FROM entry WHERE {self.where} AND closing = 1'
            ' ORDER BY "on", id', self.params).fetchall())  # fmt: skip


@contextlib.contextmanager
def read(connection: sqlite3.Connection, options: ExportOptions) -> Iterator[Document]:
    """The pair as `options` scope it, every part from one moment of the journal."""
    with snapshot(connection):
        yield Document(connection, options)
