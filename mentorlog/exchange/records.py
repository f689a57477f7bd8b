"""Everything an export needs of one pair, read in a handful of queries."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Text, func, type_coerce
from sqlmodel import Session, col, select

from mentorlog.models import (
    ActionItem,
    Competency,
    Entry,
    EntryGoal,
    EntryKind,
    EntryTag,
    Goal,
    Milestone,
    Pair,
    ProgressUpdate,
    Rating,
    Tag,
)
from mentorlog.rules.cadence import next_session_date


@dataclass(frozen=True)
class Scope:
    """Which entries leave the file: a date range and whether private ones go too."""

    start: dt.date | None = None
    end: dt.date | None = None
    include_private: bool = False


# An entry as exports read it: a plain row with the Entry's attributes, not an ORM
# object (building 100,000 of those, and JSON-decoding two empty lists each, was
# most of an export's time).
EntryRow = Any
LIST_COLUMNS = ("strengths", "growth_areas")


@dataclass
class PairRecords:
    pair: Pair
    competencies: list[Competency]
    goals: list[Goal]
    milestones: dict[int, list[Milestone]]
    updates: dict[int, list[ProgressUpdate]]
    entries: list[EntryRow]  # oldest first
    ratings: dict[int, list[Rating]]
    tags: dict[int, list[Tag]]
    entry_goals: dict[int, list[int]]
    actions: list[ActionItem]
    private_left_out: int = 0

    @property
    def sessions(self) -> list[EntryRow]:
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


def _in_scope(query: Any, scope: Scope, pair_id: int | None) -> Any:
    query = query.where(col(Entry.pair_id) == pair_id)
    if not scope.include_private:
        query = query.where(col(Entry.private).is_(False))
    if scope.start is not None:
        query = query.where(col(Entry.on) >= scope.start)
    if scope.end is not None:
        query = query.where(col(Entry.on) <= scope.end)
    return query


def _entries(s: Session, pair_id: int | None, scope: Scope) -> list[EntryRow]:
    table = Entry.__table__  # type: ignore[attr-defined]
    columns = [type_coerce(c, Text).label(c.name) if c.name in LIST_COLUMNS else c for c in table.c]
    query = _in_scope(select(*columns), scope, pair_id).order_by(col(Entry.on), col(Entry.id))
    rows = []
    for row in s.connection().execute(query):
        data = row._asdict()
        for name in LIST_COLUMNS:
            raw = data[name]
            data[name] = [] if raw in (None, "[]") else json.loads(raw)
        rows.append(SimpleNamespace(**data))
    return rows


def _by_goal(s: Session, model: Any, pair_id: int | None, *order: Any) -> dict[int, list[Any]]:
    """A goal's milestones or progress updates, for every goal of the pair in one query."""
    found: dict[int, list[Any]] = defaultdict(list)
    query = select(model).join(Goal, col(Goal.id) == model.goal_id).where(Goal.pair_id == pair_id).order_by(*order)
    for record in s.exec(query):
        found[record.goal_id].append(record)
    return found


def load(s: Session, pair: Pair, scope: Scope) -> PairRecords:
    pair_id = pair.id
    competencies = list(
        s.exec(select(Competency).where(Competency.pair_id == pair_id).order_by(col(Competency.position))).all()
    )
    goals = list(s.exec(select(Goal).where(Goal.pair_id == pair_id).order_by(col(Goal.id))).all())
    milestones = _by_goal(s, Milestone, pair_id, col(Milestone.position), col(Milestone.id))
    updates = _by_goal(s, ProgressUpdate, pair_id, col(ProgressUpdate.on), col(ProgressUpdate.id))

    entries = _entries(s, pair_id, scope)
    private_left_out = 0
    if not scope.include_private:
        everything = Scope(scope.start, scope.end, include_private=True)
        counted = _in_scope(select(func.count()).select_from(Entry), everything, pair_id)
        private_left_out = int(s.exec(counted.where(col(Entry.private).is_(True))).one())

    ratings: dict[int, list[Rating]] = defaultdict(list)
    rating_query = (
        select(Rating)
        .join(Entry, col(Entry.id) == col(Rating.entry_id))
        .join(Competency, col(Competency.id) == col(Rating.competency_id))
        .order_by(col(Competency.position))
    )
    for rating in s.exec(_in_scope(rating_query, scope, pair_id)):
        ratings[rating.entry_id].append(rating)
    tags: dict[int, list[Tag]] = defaultdict(list)
    tag_query = (
        select(EntryTag.entry_id, Tag)
        .join(Tag, col(Tag.id) == col(EntryTag.tag_id))
        .join(Entry, col(Entry.id) == col(EntryTag.entry_id))
        .order_by(col(Tag.name))
    )
    for entry_id, tag in s.exec(_in_scope(tag_query, scope, pair_id)):
        tags[entry_id].append(tag)
    entry_goals: dict[int, list[int]] = defaultdict(list)
    link_query = (
        select(EntryGoal.entry_id, EntryGoal.goal_id)
        .join(Entry, col(Entry.id) == col(EntryGoal.entry_id))
        .order_by(col(EntryGoal.goal_id))
    )
    for entry_id, goal_id in s.exec(_in_scope(link_query, scope, pair_id)):
        entry_goals[entry_id].append(goal_id)
    actions = list(s.exec(select(ActionItem).where(ActionItem.pair_id == pair_id).order_by(col(ActionItem.id))).all())
    return PairRecords(
        pair=pair,
        competencies=competencies,
        goals=goals,
        milestones=milestones,
        updates=updates,
        entries=entries,
        ratings=ratings,
        tags=tags,
        entry_goals=entry_goals,
        actions=actions,
        private_left_out=private_left_out,
    )
