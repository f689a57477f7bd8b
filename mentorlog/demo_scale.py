"""A journal of any size for measuring: several pairs, years of every kind of entry, from a seed.

`mentorlog demo --no-tui --entries N --seed S`. The same seed gives the same journal
(uids and timestamps included). Rows go in as bulk inserts with chosen ids, in one
transaction, and the search index is built once at the end rather than row by row
by its triggers: 100,000 entries take seconds, not minutes.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mentorlog.db import open_journal, writes
from mentorlog.db.search_index import bulk_load
from mentorlog.db.tables import ALL
from mentorlog.db.transactions import transaction
from mentorlog.demo import remove_demo_file
from mentorlog.kinds import DEFAULT_RUBRIC, SEEDED_LEVELS, EntryKind

MAX_ENTRIES = 2_000_000
SPAN_DAYS = 30 * 365  # the longest a generated pair runs: a career, and never before 1900


def span_days(entries: int) -> int:
    """How many days back a generated pair of `entries` starts: about ten entries a week, so a large
    journal spans years, but never more than a career (100,000 entries in one pair at that pace would
    start before 1900, a date the journal does not hold, and its own export would not import)."""
    return min(max(90, entries * 7 // 10), SPAN_DAYS)


PEOPLE = [
    ("Maria Okafor", "Jordan Lee"), ("Maria Okafor", "Priya Shah"), ("David Chen", "Sam Rivera"),
    ("Amara Nwosu", "Lucas Martin"), ("Helen Brooks", "Tomás García"), ("David Chen", "Aisha Khan"),
]  # fmt: skip
EVERYDAY_KINDS = (
    [EntryKind.SESSION] * 3 + [EntryKind.REFLECTION] * 3 + [EntryKind.NOTE] * 2 + [EntryKind.OBSERVATION] * 2
)
ASSESSMENT_EVERY = 20  # one entry in twenty is an assessment
# Every column of an entry as a new one holds it (a kind's fields empty), so each kind sets only its own
# and a column added to the entry table needs nothing here.
BLANK_ENTRY = {name: ALL["entry"].default(name) for name in ALL["entry"].names if name not in ("id", "uid")}
TAGS = [
    "behaviour", "transitions", "questioning", "exit-tickets", "planning", "marking", "parents", "lab",
    "literacy", "numeracy", "differentiation", "wellbeing", "timetable", "observation", "data", "routines",
    "feedback", "group-work", "homework", "assessment", "inclusion", "ict", "trips", "department",
]  # fmt: skip
SUBJECTS = [
    "period 1",
    "period 3",
    "the year 8 group",
    "the lab class",
    "after lunch",
    "the reading group",
    "form time",
]
OPENERS = [
    "Transitions in {s} took about {n} minutes today.",
    "We looked at how questions land in {s}.",
    "Students in {s} settled quickly once the timer went up.",
    "Exit tickets from {s} showed {n} of 28 had the main idea.",
    "Cold call with wait time worked better in {s} than last week.",
    "Noise rose in {s} during group work; the signal needed repeating {n} times.",
    "Planning for {s} now starts from the learning objective, not the activity.",
    "Marking load is heavy this week; {n} sets still to return.",
]
MIDDLES = [
    "The routines chart is referenced without prompting.",
    "A few students still dominate discussion, so names go on sticks next time.",
    "Differentiated starters helped the two newest arrivals get going.",
    "Feedback was specific and timely; glows first, then one grow.",
    "Objective stems from the department bank made the aims clearer.",
    "The seating plan change cut off-task talk at the back.",
    "Checking for understanding before the task saved ten minutes of re-explaining.",
    "Parents' evening prep took more time than expected.",
]
CLOSERS = [
    "Next: try the countdown in {s} and time it again.",
    "Bring three exit tickets to sort together.",
    "Plan three higher-order questions for {s}.",
    "Ask the department about moderation dates.",
    "Keep the timer routine for two more weeks and compare.",
]
GOALS = [
    ("Transitions under 3 minutes", "minutes per transition", "minutes", 6.0, 3.0),
    ("Exit ticket in most lessons", "share of lessons with an exit ticket", "%", 10.0, 60.0),
    ("Higher-order questions", "higher-order questions per lesson", "questions", 1.0, 4.0),
    ("Marking turned round in a week", "days to return marking", "days", 12.0, 7.0),
    ("Calm starts after lunch", "minutes to settle", "minutes", 8.0, 3.0),
]


@dataclass
class _Rows:
    """Rows per table, with the next free id of each."""

    by_table: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    next_id: dict[str, int] = field(default_factory=dict)

    def add(self, table: str, row: dict[str, Any]) -> int:
        row_id = self.next_id.get(table, 1)
        self.next_id[table] = row_id + 1
        if table not in ("entry_tag", "entry_goal"):
            row["id"] = row_id
        columns = ALL[table]
        for name in columns.names:  # a column this writer does not set takes a new record's value
            if name not in row and name not in ("id", "uid", "created_at", "updated_at"):
                row[name] = columns.default(name)
        self.by_table.setdefault(table, []).append(row)
        return row_id


class _Writer:
    def __init__(self, entries: int, seed: int, today: dt.date, pairs: int | None = None) -> None:
        self.rng = random.Random(seed)
        self.total = entries
        self.pairs = pairs
        self.today = today
        self.rows = _Rows()
        self.tag_ids: list[int] = []
        # Composing every text afresh was most of the time; a few hundred of each length read as varied.
        self.texts = {parts: [self._compose(parts) for _ in range(400)] for parts in range(2, 6)}

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def stamp(self, day: dt.date) -> dict[str, Any]:
        moment = dt.datetime.combine(day, dt.time(16), tzinfo=dt.UTC) + dt.timedelta(seconds=self.rng.randrange(7200))
        return {"uid": self.uid(), "created_at": moment, "updated_at": moment}

    def text(self, parts: int = 3) -> str:
        return self.rng.choice(self.texts[parts])

    def _compose(self, parts: int) -> str:
        s, n = self.rng.choice(SUBJECTS), self.rng.randrange(2, 9)
        pools = [OPENERS, *[MIDDLES] * max(0, parts - 2), CLOSERS]
        return " ".join(self.rng.choice(pool).format(s=s, n=n) for pool in pools)

    def build(self) -> _Rows:
        self.tag_ids = [self.rows.add("tag", {"name": name, **self.stamp(self.today)}) for name in TAGS]
        pairs = self.pairs or max(1, min(len(PEOPLE), self.total // 100, 2 + self.total // 5000))
        for index in range(pairs):
            share = self.total // pairs + (1 if index < self.total % pairs else 0)
            self.pair(index, share)
        return self.rows

    def pair(self, index: int, entries: int) -> None:
        days = span_days(entries)
        start = self.today - dt.timedelta(days=days)
        mentor, mentee = PEOPLE[index]
        pair_id = self.rows.add("pair", {
            "mentor_name": mentor, "mentee_name": mentee, "program": "induction", "started_on": start,
            "cadence_days": 14, "owner_role": "mentor", "agreement": "We meet every other week for 45 minutes.",
            "chosen_at": None, **self.stamp(start),
        })  # fmt: skip
        rubric = [
            self.rows.add("competency", {"pair_id": pair_id, "name": name, "position": n, **self.stamp(start)})
            for n, name in enumerate(DEFAULT_RUBRIC, start=1)
        ]
        goal_ids = [self.goal(pair_id, start, days) for _ in range(max(3, entries // 400))]
        for n in range(entries):
            day = start + dt.timedelta(days=n * days // max(1, entries))
            self.entry(pair_id, day, n, rubric, goal_ids)

    def goal(self, pair_id: int, start: dt.date, days: int) -> int:
        title, measure, unit, baseline, target = self.rng.choice(GOALS)
        set_on = start + dt.timedelta(days=self.rng.randrange(days))
        due = set_on + dt.timedelta(days=self.rng.choice((42, 60, 90)))
        achieved = due if due < self.today and self.rng.random() < 0.6 else None
        goal_id = self.rows.add("goal", {
            "pair_id": pair_id, "title": title, "specific": f"{title}, measured each week", "kind": "number",
            "measure": measure, "unit": unit, "baseline": baseline, "target": target,
            "achievable": "Small weekly steps agreed in sessions", "relevant": "Part of the induction plan",
            "competency": self.rng.choice(DEFAULT_RUBRIC), "set_on": set_on, "activated_on": set_on, "due_on": due,
            "status": "achieved" if achieved else "active", "achieved_on": achieved, **self.stamp(set_on),
        })  # fmt: skip
        for position in range(1, 4):
            on = set_on + dt.timedelta(days=position * 14)
            self.rows.add("milestone", {
                "goal_id": goal_id, "title": f"Step {position}: {self.rng.choice(CLOSERS).format(s='class', n=2)}",
                "position": position, "due_on": on, "done_on": on if on < self.today else None, **self.stamp(set_on),
            })  # fmt: skip
        for week in range(6):
            on = set_on + dt.timedelta(days=week * 7)
            if on > self.today:
                break
            value = round(baseline + (target - baseline) * week / 5 + self.rng.uniform(-0.5, 0.5), 1)
            self.rows.add("progress_update", {
                "goal_id": goal_id, "on": on, "value": value, "confidence": self.rng.randrange(2, 6),
                "note": self.text(2), **self.stamp(on),
            })  # fmt: skip
        return goal_id

    def entry(self, pair_id: int, day: dt.date, n: int, rubric: list[int], goal_ids: list[int]) -> None:
        kind = EntryKind.ASSESSMENT if n % ASSESSMENT_EVERY == ASSESSMENT_EVERY - 1 else self.rng.choice(EVERYDAY_KINDS)
        row: dict[str, Any] = BLANK_ENTRY | {
            "pair_id": pair_id, "kind": kind, "on": day, "author": "mentor", "private": self.rng.random() < 0.03,
            "title": self.text(2)[:80], "body": self.text(3 + self.rng.randrange(3)), **self.stamp(day),
        }  # fmt: skip
        if kind == EntryKind.SESSION:
            row |= {"duration_min": 45, "mode": "in-person", "agenda": self.text(2), "whats_working": self.text(2),
                    "focus": self.text(2), "next_session_on": day + dt.timedelta(days=14),
                    "next_session_focus": self.text(2), "usefulness": self.rng.randrange(3, 6)}  # fmt: skip
        elif kind == EntryKind.OBSERVATION:
            row |= {"context": f"Observed {self.rng.choice(SUBJECTS)}", "focus": self.text(2),
                    "strengths": [self.rng.choice(MIDDLES)], "growth_areas": [self.rng.choice(MIDDLES)],
                    "agreed_next_step": self.text(2)}  # fmt: skip
        elif kind == EntryKind.REFLECTION:
            row |= {"author": "mentee", "went_well": self.text(2), "challenging": self.text(2),
                    "learned": self.text(2), "next_step": self.text(2),
                    "confidence": self.rng.randrange(1, 6)}  # fmt: skip
        elif kind == EntryKind.ASSESSMENT:
            row |= {"author": "mentee", "rater": "self", "title": f"Self-assessment {day}"}
        entry_id = self.rows.add("entry", row)
        if kind == EntryKind.ASSESSMENT:
            for competency in rubric:
                level = self.rng.randrange(1, 6)
                self.rows.add("rating", {"entry_id": entry_id, "competency_id": competency, "level": level,
                                         "level_label": SEEDED_LEVELS[level - 1], "evidence": self.text(2),
                                         **self.stamp(day)})  # fmt: skip
        if kind == EntryKind.SESSION:
            for owner in ("mentee", "mentor")[: self.rng.randrange(1, 3)]:
                due = day + dt.timedelta(days=14)
                self.rows.add("action_item", {
                    "pair_id": pair_id, "entry_id": entry_id, "text": self.rng.choice(CLOSERS).format(s="class", n=3),
                    "owner": owner, "due_on": due, "done_on": due if due < self.today else None,
                    "private": row.get("private", False), **self.stamp(day),
                })  # fmt: skip
        for tag in self.rng.sample(self.tag_ids, self.rng.randrange(0, 4)):
            self.rows.add("entry_tag", {"entry_id": entry_id, "tag_id": tag})
        if self.rng.random() < 0.2:
            self.rows.add("entry_goal", {"entry_id": entry_id, "goal_id": self.rng.choice(goal_ids)})


TABLE_ORDER = ("tag", "pair", "competency", "goal", "milestone", "progress_update", "entry", "rating", "action_item",
         "entry_tag", "entry_goal")  # fmt: skip


def write_scaled_journal(
    path: Path, *, entries: int, seed: int, today: dt.date, pairs: int | None = None
) -> dict[str, int]:
    """Write a new journal of `entries` entries at `path` (shared by `pairs` pairs, or as many as
    a journal that size would have); the count of rows per table."""
    rows = _Writer(entries, seed, today, pairs).build()
    remove_demo_file(path)  # the caller has made sure it is a demo file, never the user's journal
    journal = open_journal(path, create=True)
    try:
        connection = journal.writing()
        with transaction(connection), bulk_load(connection):
            for table in TABLE_ORDER:
                writes.insert_many(connection, ALL[table], rows.by_table.get(table, []))
    finally:
        journal.close()
    return {table: len(rows.by_table.get(table, [])) for table in TABLE_ORDER}
