"""Everything an export needs of one pair, read in a handful of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from mentorlog.models import (
    ActionItem,
    Competency,
    Entry,
    EntryGoal,
    EntryTag,
    Goal,
    Milestone,
    Pair,
    ProgressUpdate,
    Rating,
    Tag,
)


@dataclass(frozen=True)
class Scope:
    """Which entries leave the file: a date range and whether private ones go too."""

    start: dt.date | None = None
    end: dt.date | None = None
    include_private: bool = False

    def admits(self, entry: Entry) -> bool:
        if entry.private and not self.include_private:
            return False
        if self.start is not None and entry.on < self.start:
            return False
        return self.end is None or entry.on <= self.end


@dataclass
class PairRecords:
    pair: Pair
    competencies: list[Competency]
    goals: list[Goal]
    milestones: dict[int, list[Milestone]]
    updates: dict[int, list[ProgressUpdate]]
    entries: list[Entry]  # oldest first
    ratings: dict[int, list[Rating]]
    tags: dict[int, list[Tag]]
    entry_goals: dict[int, list[int]]
    actions: list[ActionItem]
    private_left_out: int = 0
    outside_range: int = 0
    all_entries: dict[int, Entry] = field(default_factory=dict)


def load(s: Session, pair: Pair, scope: Scope) -> PairRecords:
    pair_id = pair.id
    competencies = list(
        s.exec(select(Competency).where(Competency.pair_id == pair_id).order_by(col(Competency.position))).all()
    )
    goals = list(s.exec(select(Goal).where(Goal.pair_id == pair_id).order_by(col(Goal.id))).all())
    milestones: dict[int, list[Milestone]] = defaultdict(list)
    for milestone in s.exec(
        select(Milestone)
        .join(Goal, col(Goal.id) == col(Milestone.goal_id))
        .where(Goal.pair_id == pair_id)
        .order_by(col(Milestone.position), col(Milestone.id))
    ):
        milestones[milestone.goal_id].append(milestone)
    updates: dict[int, list[ProgressUpdate]] = defaultdict(list)
    for update in s.exec(
        select(ProgressUpdate)
        .join(Goal, col(Goal.id) == col(ProgressUpdate.goal_id))
        .where(Goal.pair_id == pair_id)
        .order_by(col(ProgressUpdate.on), col(ProgressUpdate.id))
    ):
        updates[update.goal_id].append(update)

    every = list(s.exec(select(Entry).where(Entry.pair_id == pair_id).order_by(col(Entry.on), col(Entry.id))).all())
    entries = [entry for entry in every if scope.admits(entry)]
    private_left_out = sum(1 for entry in every if entry.private and not scope.include_private)
    outside = len(every) - len(entries) - private_left_out
    kept = {entry.id for entry in entries}

    ratings: dict[int, list[Rating]] = defaultdict(list)
    for rating in s.exec(
        select(Rating)
        .join(Entry, col(Entry.id) == col(Rating.entry_id))
        .join(Competency, col(Competency.id) == col(Rating.competency_id))
        .where(Entry.pair_id == pair_id)
        .order_by(col(Competency.position))
    ):
        if rating.entry_id in kept:
            ratings[rating.entry_id].append(rating)
    tags: dict[int, list[Tag]] = defaultdict(list)
    for entry_id, tag in s.exec(
        select(EntryTag.entry_id, Tag)
        .join(Tag, col(Tag.id) == col(EntryTag.tag_id))
        .join(Entry, col(Entry.id) == col(EntryTag.entry_id))
        .where(Entry.pair_id == pair_id)
        .order_by(col(Tag.name))
    ):
        if entry_id in kept:
            tags[entry_id].append(tag)
    entry_goals: dict[int, list[int]] = defaultdict(list)
    for entry_id, goal_id in s.exec(
        select(EntryGoal.entry_id, EntryGoal.goal_id)
        .join(Entry, col(Entry.id) == col(EntryGoal.entry_id))
        .where(Entry.pair_id == pair_id)
        .order_by(col(EntryGoal.goal_id))
    ):
        if entry_id in kept:
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
        outside_range=outside,
        all_entries={e.id: e for e in every if e.id is not None},
    )
