"""The pair's timeline: entries and goal events, newest first, a page at a time.

Paging is by keyset on (date, rank, id), never OFFSET, so the hundredth page
costs what the first does. Each source (entries, goals set, progress, milestones,
achievements) yields at most one page from an index; the pages are merged here.

`mentorlog timeline`, the TUI's journal screen and the dashboard read the same
pages, so there is one set of query plans (tests/test_db_query_plans.py).
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from mentorlog.db.transactions import reading
from mentorlog.entry_kinds import SPECS
from mentorlog.errors import Invalid

if TYPE_CHECKING:
    from mentorlog.models import Pair

# Within one day: entries first, then the day's goal events, most final first.
RANK_ENTRY, RANK_ACHIEVED, RANK_MILESTONE, RANK_PROGRESS, RANK_GOAL_SET = 5, 4, 3, 2, 1
GOAL_EVENT_KIND = "goal"
ENTRIES_ONLY = frozenset(SPECS)

Key = tuple[dt.date, int, int]
# From this many matching entries on, search walks the timeline instead of sorting the matches.
DENSE_MATCHES = 15_000


class Reader(Protocol):
    """What the timeline needs of a connection: sqlite3's execute (tests wrap it to see the SQL)."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> sqlite3.Cursor: ...


class Filters(NamedTuple):
    start: dt.date | None = None
    end: dt.date | None = None
    kinds: frozenset[str] = frozenset()  # entry kinds, or "goal" for goal events
    goal_id: int | None = None
    tag: str | None = None
    author: str | None = None
    search: str | None = None
    include_private: bool = True


NO_FILTERS = Filters()


class TimelineItem(NamedTuple):
    on: dt.date
    rank: int
    ref_id: int  # the entry's id, or the goal event's own record id
    kind: str  # an entry kind, or "goal"
    event: str  # "entry", "goal set", "progress", "milestone", "achieved"
    title: str
    author: str | None = None
    private: bool = False
    goal_id: int | None = None
    detail: Mapping[str, Any] = MappingProxyType({})
    group_uid: str | None = None  # a session held with other pairs too
    group_with: tuple[str, ...] = ()  # their names: the mentee's, in a mentor's journal

    @property
    def key(self) -> Key:
        return (self.on, self.rank, self.ref_id)


def fts_query(text_: str) -> str:
    """The user's words as a safe FTS5 query: every word must appear; `word*` is a prefix."""
    words = re.findall(r"[\w][\w'’-]*\*?", text_, flags=re.UNICODE)
    if not words:
        raise Invalid(f"nothing to search for in {text_!r}")
    parts = []
    for word in words[:32]:
        prefix = word.endswith("*")
        core = word.rstrip("*").replace('"', '""')
        parts.append(f'"{core}"' + ("*" if prefix else ""))
    return " ".join(parts)


@reading
def page(
    connection: sqlite3.Connection,
    pair: Pair,
    filters: Filters = NO_FILTERS,
    *,
    after: Key | None = None,
    limit: int = 50,
) -> list[TimelineItem]:
    """Up to `limit` items older than `after` (or the newest), newest first."""
    if limit < 1:
        raise Invalid(f"the limit must be at least 1 (not {limit})")
    pair_id = int(pair.id or 0)
    streams = [fetch(connection, pair_id, filters, after, limit) for fetch in _sources(filters)]
    merged: Iterator[TimelineItem] = heapq.merge(*streams, key=lambda item: item.key, reverse=True)
    found = [item for _, item in zip(range(limit), merged, strict=False)]
    return _with_groups(connection, pair_id, found)


def _with_groups(connection: Reader, pair_id: int, items: list[TimelineItem]) -> list[TimelineItem]:
    """Name the other pairs of the page's group sessions (one query for the page, by ix_entry_group)."""
    groups = sorted({item.group_uid for item in items if item.group_uid})
    if not groups:
        return items
    marks = ", ".join("?" for _ in groups)
    names: dict[str, list[str]] = {}
    for group, mentor, mentee, role in connection.execute(
        f"SELECT entry.group_uid, pair.mentor_name, pair.mentee_name, pair.owner_role FROM entry"
        f" JOIN pair ON pair.id = entry.pair_id WHERE entry.group_uid IN ({marks}) AND entry.pair_id != ?"
        " AND pair.deleted_at IS NULL ORDER BY pair.id",
        (*groups, pair_id),
    ):
        names.setdefault(group, []).append(mentee if role == "mentor" else mentor)
    return [item._replace(group_with=tuple(names.get(item.group_uid, ()))) if item.group_uid else item
            for item in items]  # fmt: skip


Source = Callable[[Reader, int, Filters, "Key | None", int], Iterable[TimelineItem]]


def _sources(filters: Filters) -> list[Source]:
    entry_kinds = filters.kinds - {GOAL_EVENT_KIND}
    wants_entries = not filters.kinds or bool(entry_kinds)
    # Tags and authors belong to entries; goal events have neither.
    wants_events = (not filters.kinds or GOAL_EVENT_KIND in filters.kinds) and not (filters.tag or filters.author)
    sources: list[Source] = []
    if wants_entries:
        sources.append(_entries)
    if wants_events:
        sources.extend([_goals_set, _progress, _milestones, _achieved])
    return sources


class _Where:
    """A WHERE clause built a condition at a time, with its parameters in order."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def dates(self, column: str, filters: Filters) -> None:
        if filters.start:
            self.add(f"{column} >= ?", filters.start.isoformat())
        if filters.end:
            self.add(f"{column} <= ?", filters.end.isoformat())

    def keyset(self, date_column: str, id_column: str, rank: int, after: Key | None) -> None:
        if after is None:
            return
        on, after_rank, after_id = after
        if rank < after_rank:
            self.add(f"{date_column} <= ?", on.isoformat())
        elif rank > after_rank:
            self.add(f"{date_column} < ?", on.isoformat())
        else:
            # A row value, not (on < ? OR (on = ? AND id < ?)): SQLite seeks the index to it instead of
            # walking every newer row, so a page deep in years of entries costs what the first page does.
            self.add(f"({date_column}, {id_column}) < (?, ?)", on.isoformat(), after_id)

    def run(self, connection: Reader, select: str, order: str, limit: int) -> sqlite3.Cursor:
        sql = f"{select} WHERE {' AND '.join(self.clauses)} ORDER BY {order} LIMIT ?"
        return connection.execute(sql, (*self.params, limit))


def _entries(
    connection: Reader, pair_id: int, filters: Filters, after: Key | None, limit: int
) -> Iterator[TimelineItem]:
    where = _Where()
    where.add("entry.pair_id = ?", pair_id)
    where.dates('entry."on"', filters)
    where.keyset('entry."on"', "entry.id", RANK_ENTRY, after)
    kinds = sorted(filters.kinds - {GOAL_EVENT_KIND})
    if kinds:
        where.add(f"entry.kind IN ({', '.join('?' for _ in kinds)})", *kinds)
    if filters.author:
        where.add("entry.author = ?", filters.author)
    if not filters.include_private:
        where.add("entry.private = 0")
    if filters.goal_id is not None:
        where.add("entry.id IN (SELECT entry_id FROM entry_goal WHERE goal_id = ?)", filters.goal_id)
    if filters.tag:
        tagged = "SELECT entry_tag.entry_id FROM entry_tag JOIN tag ON tag.id = entry_tag.tag_id WHERE tag.name = ?"
        where.add(f"entry.id IN ({tagged})", filters.tag.strip().lstrip("#").lower())
    if filters.search:
        _search(connection, where, fts_query(filters.search))
    rows = where.run(
        connection,
        'SELECT entry.id, entry."on", entry.kind, entry.title, entry.author, entry.private, entry.group_uid FROM entry',
        'entry."on" DESC, entry.id DESC',
        limit,
    )
    for entry_id, on, kind, title, author, private, group in rows:
        yield TimelineItem(
            on=dt.date.fromisoformat(on), rank=RANK_ENTRY, ref_id=entry_id, kind=kind, event="entry",
            title=title, author=author, private=bool(private), group_uid=group,
        )  # fmt: skip


def _search(connection: Reader, where: _Where, match: str) -> None:
    """Pick the plan by how many entries match (measured at 100k entries).

    Few matches: fetch them by rowid and sort them (about 2 µs a match).
    Many: walk the date index newest first and probe the index for each row
    (about 0.1 ms a row, but 50 hits come within a few hundred rows). A capped
    count tells which, for well under a millisecond.
    """
    counted = connection.execute(
        "SELECT count(*) FROM (SELECT 1 FROM entry_fts WHERE entry_fts MATCH ? LIMIT ?)", (match, DENSE_MATCHES)
    ).fetchone()[0]
    if counted < DENSE_MATCHES:
        where.add("entry.id IN (SELECT rowid FROM entry_fts WHERE entry_fts MATCH ?)", match)
    else:
        where.add("EXISTS (SELECT 1 FROM entry_fts WHERE entry_fts MATCH ? AND entry_fts.rowid = entry.id)", match)


def _goal_scope(where: _Where, pair_id: int, filters: Filters) -> None:
    where.add("goal.pair_id = ?", pair_id)
    if filters.goal_id is not None:
        where.add("goal.id = ?", filters.goal_id)
    if filters.search:
        where.add("goal.id IN (SELECT rowid FROM goal_fts WHERE goal_fts MATCH ?)", fts_query(filters.search))


def _goals_set(
    connection: Reader, pair_id: int, filters: Filters, after: Key | None, limit: int
) -> Iterator[TimelineItem]:
    where = _Where()
    _goal_scope(where, pair_id, filters)
    where.dates("goal.set_on", filters)
    where.keyset("goal.set_on", "goal.id", RANK_GOAL_SET, after)
    rows = where.run(
        connection, "SELECT goal.id, goal.set_on, goal.title FROM goal", "goal.set_on DESC, goal.id DESC", limit
    )
    for goal_id, on, title in rows:
        yield _goal_item(on, RANK_GOAL_SET, goal_id, "goal set", f"Goal #{goal_id} set: {title}", goal_id)


def _achieved(
    connection: Reader, pair_id: int, filters: Filters, after: Key | None, limit: int
) -> Iterator[TimelineItem]:
    where = _Where()
    _goal_scope(where, pair_id, filters)
    where.add("goal.achieved_on IS NOT NULL")
    where.dates("goal.achieved_on", filters)
    where.keyset("goal.achieved_on", "goal.id", RANK_ACHIEVED, after)
    rows = where.run(
        connection,
        "SELECT goal.id, goal.achieved_on, goal.title FROM goal",
        "goal.achieved_on DESC, goal.id DESC",
        limit,
    )
    for goal_id, on, title in rows:
        yield _goal_item(on, RANK_ACHIEVED, goal_id, "achieved", f"Goal #{goal_id} achieved: {title}", goal_id)


def _progress(
    connection: Reader, pair_id: int, filters: Filters, after: Key | None, limit: int
) -> Iterator[TimelineItem]:
    where = _Where()
    _goal_scope(where, pair_id, filters)
    where.dates('progress_update."on"', filters)
    where.keyset('progress_update."on"', "progress_update.id", RANK_PROGRESS, after)
    rows = where.run(
        connection,
        'SELECT progress_update.id, progress_update."on", progress_update.value, progress_update.note,'
        " goal.id, goal.title, goal.unit FROM progress_update JOIN goal ON goal.id = progress_update.goal_id",
        'progress_update."on" DESC, progress_update.id DESC',
        limit,
    )
    for update_id, on, value, note, goal_id, title, unit in rows:
        shown = f"{value:g}{' ' + unit if unit else ''}"
        said = f": {note}" if note else ""
        yield _goal_item(on, RANK_PROGRESS, update_id, "progress",
                         f"Progress on #{goal_id} {title}: {shown}{said}", goal_id, value=value)  # fmt: skip


def _milestones(
    connection: Reader, pair_id: int, filters: Filters, after: Key | None, limit: int
) -> Iterator[TimelineItem]:
    where = _Where()
    _goal_scope(where, pair_id, filters)
    where.add("milestone.done_on IS NOT NULL")
    where.dates("milestone.done_on", filters)
    where.keyset("milestone.done_on", "milestone.id", RANK_MILESTONE, after)
    rows = where.run(
        connection,
        "SELECT milestone.id, milestone.done_on, milestone.title, goal.id FROM milestone"
        " JOIN goal ON goal.id = milestone.goal_id",
        "milestone.done_on DESC, milestone.id DESC",
        limit,
    )
    for milestone_id, on, title, goal_id in rows:
        yield _goal_item(on, RANK_MILESTONE, milestone_id, "milestone",
                         f"Milestone done for #{goal_id}: {title}", goal_id)  # fmt: skip


def _goal_item(on: str, rank: int, ref_id: int, event: str, title: str, goal_id: int, **detail: Any) -> TimelineItem:
    return TimelineItem(
        on=dt.date.fromisoformat(on), rank=rank, ref_id=ref_id, kind=GOAL_EVENT_KIND, event=event, title=title,
        goal_id=goal_id, detail=detail,
    )  # fmt: skip


def entry_kinds() -> list[str]:
    return [*SPECS, GOAL_EVENT_KIND]
