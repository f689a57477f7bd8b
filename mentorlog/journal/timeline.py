"""The pair's timeline: entries and goal events, newest first, a page at a time.

Paging is by keyset on (date, rank, id), never OFFSET, so the hundredth page
costs what the first does. Each source (entries, goals set, progress, milestones,
achievements) yields at most one page from an index; the pages are merged here.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import literal, text, tuple_
from sqlmodel import Session, col, select

from mentorlog.errors import Invalid
from mentorlog.models import (
    Entry,
    EntryGoal,
    EntryKind,
    EntryTag,
    Goal,
    Milestone,
    Pair,
    ProgressUpdate,
    Tag,
)

# Within one day: entries first, then the day's goal events, most final first.
RANK_ENTRY, RANK_ACHIEVED, RANK_MILESTONE, RANK_PROGRESS, RANK_GOAL_SET = 5, 4, 3, 2, 1
GOAL_EVENT_KIND = "goal"
ENTRIES_ONLY = frozenset(kind.value for kind in EntryKind)

Key = tuple[dt.date, int, int]
# From this many matching entries on, search walks the timeline instead of sorting the matches.
DENSE_MATCHES = 15_000


@dataclass(frozen=True)
class Filters:
    start: dt.date | None = None
    end: dt.date | None = None
    kinds: frozenset[str] = frozenset()  # entry kinds, or "goal" for goal events
    goal_id: int | None = None
    tag: str | None = None
    author: str | None = None
    search: str | None = None
    include_private: bool = True


@dataclass(frozen=True)
class TimelineItem:
    on: dt.date
    rank: int
    ref_id: int  # the entry's id, or the goal event's own record id
    kind: str  # an entry kind, or "goal"
    event: str  # "entry", "goal set", "progress", "milestone", "achieved"
    title: str
    author: str | None = None
    private: bool = False
    goal_id: int | None = None
    detail: dict[str, Any] = field(default_factory=dict)

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


def page(
    s: Session,
    pair: Pair,
    filters: Filters = Filters(),
    *,
    after: Key | None = None,
    limit: int = 50,
) -> list[TimelineItem]:
    """Up to `limit` items older than `after` (or the newest), newest first."""
    if limit < 1:
        raise Invalid(f"the limit must be at least 1 (not {limit})")
    streams = [fetch(s, pair, filters, after, limit) for fetch in _sources(filters)]
    merged: Iterator[TimelineItem] = heapq.merge(*streams, key=lambda item: item.key, reverse=True)
    return [item for _, item in zip(range(limit), merged, strict=False)]


def _sources(filters: Filters) -> list[Any]:
    entry_kinds = filters.kinds - {GOAL_EVENT_KIND}
    wants_entries = not filters.kinds or bool(entry_kinds)
    # Tags and authors belong to entries; goal events have neither.
    wants_events = (not filters.kinds or GOAL_EVENT_KIND in filters.kinds) and not (filters.tag or filters.author)
    sources: list[Any] = []
    if wants_entries:
        sources.append(_entries)
    if wants_events:
        sources.extend([_goals_set, _progress, _milestones, _achieved])
    return sources


def _keyset(date_column: Any, id_column: Any, rank: int, after: Key | None) -> Any:
    if after is None:
        return literal(True)
    on, after_rank, after_id = after
    if rank < after_rank:
        return date_column <= on
    if rank > after_rank:
        return date_column < on
    # A row value, not (on < ? OR (on = ? AND id < ?)): SQLite seeks the index to it instead of
    # walking every newer row, so a page deep in years of entries costs what the first page does.
    return tuple_(date_column, id_column) < tuple_(on, after_id)


def _dates(column: Any, filters: Filters) -> list[Any]:
    clauses = []
    if filters.start:
        clauses.append(column >= filters.start)
    if filters.end:
        clauses.append(column <= filters.end)
    return clauses


def _entries(s: Session, pair: Pair, filters: Filters, after: Key | None, limit: int) -> Iterable[TimelineItem]:
    query = select(Entry).where(Entry.pair_id == pair.id, *_dates(col(Entry.on), filters))
    query = query.where(_keyset(col(Entry.on), col(Entry.id), RANK_ENTRY, after))
    kinds = filters.kinds - {GOAL_EVENT_KIND}
    if kinds:
        query = query.where(col(Entry.kind).in_(sorted(kinds)))
    if filters.author:
        query = query.where(Entry.author == filters.author)
    if not filters.include_private:
        query = query.where(col(Entry.private).is_(False))
    if filters.goal_id is not None:
        linked = select(EntryGoal.entry_id).where(EntryGoal.goal_id == filters.goal_id)
        query = query.where(col(Entry.id).in_(linked))
    if filters.tag:
        tagged = (
            select(EntryTag.entry_id)
            .join(Tag, col(Tag.id) == col(EntryTag.tag_id))
            .where(Tag.name == filters.tag.strip().lstrip("#").lower())
        )
        query = query.where(col(Entry.id).in_(tagged))
    if filters.search:
        query = query.where(_search_clause(s, fts_query(filters.search)))
    query = query.order_by(col(Entry.on).desc(), col(Entry.id).desc()).limit(limit)
    for entry in s.exec(query):
        yield TimelineItem(
            on=entry.on,
            rank=RANK_ENTRY,
            ref_id=entry.id or 0,
            kind=entry.kind,
            event="entry",
            title=entry.title,
            author=entry.author,
            private=entry.private,
        )


def _search_clause(s: Session, match: str) -> Any:
    """Pick the plan by how many entries match (measured at 100k entries).

    Few matches: fetch them by rowid and sort them (about 2 µs a match).
    Many: walk the date index newest first and probe the index for each row
    (about 0.1 ms a row, but 50 hits come within a few hundred rows). A capped
    count tells which, for well under a millisecond.
    """
    counted = s.connection().execute(
        text("SELECT count(*) FROM (SELECT 1 FROM entry_fts WHERE entry_fts MATCH :q LIMIT :cap)"),
        {"q": match, "cap": DENSE_MATCHES},
    )
    if counted.scalar_one() < DENSE_MATCHES:
        return col(Entry.id).in_(text("SELECT rowid FROM entry_fts WHERE entry_fts MATCH :q").bindparams(q=match))
    return text("EXISTS (SELECT 1 FROM entry_fts WHERE entry_fts MATCH :dq AND entry_fts.rowid = entry.id)").bindparams(
        dq=match
    )


def _goal_scope(filters: Filters) -> list[Any]:
    clauses: list[Any] = []
    if filters.goal_id is not None:
        clauses.append(col(Goal.id) == filters.goal_id)
    if filters.search:
        matching = text("SELECT rowid FROM goal_fts WHERE goal_fts MATCH :gq").bindparams(gq=fts_query(filters.search))
        clauses.append(col(Goal.id).in_(matching))
    return clauses


def _goals_set(s: Session, pair: Pair, filters: Filters, after: Key | None, limit: int) -> Iterable[TimelineItem]:
    query = (
        select(Goal)
        .where(Goal.pair_id == pair.id, *_goal_scope(filters), *_dates(col(Goal.set_on), filters))
        .where(_keyset(col(Goal.set_on), col(Goal.id), RANK_GOAL_SET, after))
        .order_by(col(Goal.set_on).desc(), col(Goal.id).desc())
        .limit(limit)
    )
    for goal in s.exec(query):
        yield _goal_item(
            goal.set_on,
            RANK_GOAL_SET,
            goal.id,
            "goal set",
            f"Goal #{goal.id} set: {goal.title}",
            goal,
        )


def _achieved(s: Session, pair: Pair, filters: Filters, after: Key | None, limit: int) -> Iterable[TimelineItem]:
    query = (
        select(Goal)
        .where(Goal.pair_id == pair.id, col(Goal.achieved_on).is_not(None), *_goal_scope(filters))
        .where(*_dates(col(Goal.achieved_on), filters))
        .where(_keyset(col(Goal.achieved_on), col(Goal.id), RANK_ACHIEVED, after))
        .order_by(col(Goal.achieved_on).desc(), col(Goal.id).desc())
        .limit(limit)
    )
    for goal in s.exec(query):
        assert goal.achieved_on is not None
        yield _goal_item(goal.achieved_on, RANK_ACHIEVED, goal.id, "achieved",
                         f"Goal #{goal.id} achieved: {goal.title}", goal)  # fmt: skip


def _progress(s: Session, pair: Pair, filters: Filters, after: Key | None, limit: int) -> Iterable[TimelineItem]:
    query = (
        select(ProgressUpdate, Goal)
        .join(Goal, col(Goal.id) == col(ProgressUpdate.goal_id))
        .where(Goal.pair_id == pair.id, *_goal_scope(filters), *_dates(col(ProgressUpdate.on), filters))
        .where(_keyset(col(ProgressUpdate.on), col(ProgressUpdate.id), RANK_PROGRESS, after))
        .order_by(col(ProgressUpdate.on).desc(), col(ProgressUpdate.id).desc())
        .limit(limit)
    )
    for update, goal in s.exec(query):
        value = f"{update.value:g}{' ' + goal.unit if goal.unit else ''}"
        note = f": {update.note}" if update.note else ""
        yield _goal_item(update.on, RANK_PROGRESS, update.id, "progress",
                         f"Progress on #{goal.id} {goal.title}: {value}{note}", goal,
                         value=update.value)  # fmt: skip


def _milestones(s: Session, pair: Pair, filters: Filters, after: Key | None, limit: int) -> Iterable[TimelineItem]:
    query = (
        select(Milestone, Goal)
        .join(Goal, col(Goal.id) == col(Milestone.goal_id))
        .where(Goal.pair_id == pair.id, col(Milestone.done_on).is_not(None), *_goal_scope(filters))
        .where(*_dates(col(Milestone.done_on), filters))
        .where(_keyset(col(Milestone.done_on), col(Milestone.id), RANK_MILESTONE, after))
        .order_by(col(Milestone.done_on).desc(), col(Milestone.id).desc())
        .limit(limit)
    )
    for milestone, goal in s.exec(query):
        assert milestone.done_on is not None
        yield _goal_item(milestone.done_on, RANK_MILESTONE, milestone.id, "milestone",
                         f"Milestone done for #{goal.id}: {milestone.title}", goal)  # fmt: skip


def _goal_item(
    on: dt.date, rank: int, ref_id: int | None, event: str, title: str, goal: Goal, **detail: Any
) -> TimelineItem:
    return TimelineItem(
        on=on, rank=rank, ref_id=ref_id or 0, kind=GOAL_EVENT_KIND, event=event, title=title,
        goal_id=goal.id, detail=detail,
    )  # fmt: skip


def entry_kinds() -> list[str]:
    return [kind.value for kind in EntryKind] + [GOAL_EVENT_KIND]
