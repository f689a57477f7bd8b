"""The journal's records as SQLModel tables (PRODUCT.md §1).

Every record has an integer id, a stable `uid` (what exchange and merge use) and
UTC `created_at` / `updated_at`. Kind-specific entry fields live as nullable
columns on `entry` so the timeline reads one table.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, Index, String, TypeDecorator, UniqueConstraint, text
from sqlmodel import Field, SQLModel

# The vocabularies live apart so quick capture can use them without declaring the tables.
from mentorlog.kinds import DEFAULT_RUBRIC as DEFAULT_RUBRIC
from mentorlog.kinds import SEEDED_LEVELS as SEEDED_LEVELS
from mentorlog.kinds import EntryKind as EntryKind
from mentorlog.kinds import GoalKind as GoalKind
from mentorlog.kinds import GoalStatus as GoalStatus
from mentorlog.kinds import Program as Program
from mentorlog.kinds import Rater as Rater
from mentorlog.kinds import Role as Role
from mentorlog.kinds import SessionMode as SessionMode
from mentorlog.stamps import new_uid as new_uid
from mentorlog.stamps import utc_text
from mentorlog.stamps import utcnow as utcnow


def key(record: SQLModel) -> int:
    """A written record's id (SQLModel types it optional until the row exists)."""
    value = getattr(record, "id", None)
    if value is None:
        raise RuntimeError(f"{type(record).__name__} has no id yet: flush it before linking to it")
    return int(value)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes stored as ISO text, so they sort and round-trip exactly."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where UTC is required")
        return utc_text(value)

    def process_result_value(self, value: str | None, dialect: Any) -> dt.datetime | None:
        return None if value is None else dt.datetime.fromisoformat(value)


class Record(SQLModel):
    """The columns every record shares."""

    # Tables are never validated as pydantic models: building their schemas at import only costs startup.
    model_config = {"defer_build": True}

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(default_factory=new_uid, unique=True, index=True, max_length=36)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Pair(Record, table=True):
    __tablename__ = "pair"

    mentor_name: str
    mentee_name: str
    program: str = Program.INDUCTION
    started_on: dt.date
    ended_on: dt.date | None = None  # set by closing the pairing: from then on the pair is read-only
    end_reason: str | None = None  # kinds.EndReason, with ended_on
    cadence_days: int = 14
    owner_role: str = Role.MENTOR
    agreement: str = ""
    # When the user last chose this pair as the one commands without --pair use (`pair use`, the
    # TUI's switcher); the latest choice is the default. Local to this journal, never exported.
    chosen_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    # A closed pair put out of the way (not in the switcher or the caseload); local, never exported.
    archived_on: dt.date | None = None
    # Deleted to the trash with everything under it, restorable whole until the trash is emptied.
    deleted_at: dt.datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The rubric the pair rates against: the preset it came from, and its level scale (3-5 names).
    rubric_preset: str = "seeded"
    rubric_levels: list[str] = Field(default_factory=lambda: list(SEEDED_LEVELS),
                                     sa_column=Column(JSON, nullable=False))  # fmt: skip

    @property
    def label(self) -> str:
        return f"{self.mentor_name} & {self.mentee_name}"

    @property
    def ref(self) -> str:
        return f"pair #{self.id} ({self.label})"


class Competency(Record, table=True):
    __tablename__ = "competency"
    __table_args__ = (UniqueConstraint("pair_id", "name"),)

    pair_id: int = Field(foreign_key="pair.id", ondelete="CASCADE", index=True)
    name: str
    position: int
    code: str = ""  # as the standard numbers it: "CSTP 2.3", "3b"
    group_name: str = ""  # the standard or domain it sits under
    description: str = ""
    descriptors: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))  # each level's
    retired_on: dt.date | None = None  # no longer rated; its ratings stay


class Goal(Record, table=True):
    __tablename__ = "goal"
    __table_args__ = (Index("ix_goal_pair_status", "pair_id", "status"),)

    pair_id: int = Field(foreign_key="pair.id", ondelete="CASCADE")
    title: str
    specific: str = ""
    kind: str = GoalKind.NUMBER
    measure: str = ""
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    achievable: str = ""
    relevant: str = ""
    competency: str | None = None
    set_on: dt.date
    activated_on: dt.date | None = None
    due_on: dt.date | None = None
    status: str = GoalStatus.ACTIVE
    achieved_on: dt.date | None = None
    starts_on: dt.date | None = None  # pace counts from it (else from activation)
    rater: str | None = None  # a rubric goal: whose ratings measure it (kinds.Rater)


class Milestone(Record, table=True):
    __tablename__ = "milestone"

    goal_id: int = Field(foreign_key="goal.id", ondelete="CASCADE", index=True)
    title: str
    position: int = 0
    due_on: dt.date | None = None
    done_on: dt.date | None = None


class ProgressUpdate(Record, table=True):
    __tablename__ = "progress_update"
    __table_args__ = (Index("ix_progress_goal_on", "goal_id", "on", "id"),)

    goal_id: int = Field(foreign_key="goal.id", ondelete="CASCADE")
    on: dt.date
    value: float
    confidence: int | None = None
    note: str = ""


class Entry(Record, table=True):
    __tablename__ = "entry"
    __table_args__ = (
        Index("ix_entry_pair_on", "pair_id", "on", "id"),
        # Covers a kind's dates and ratings too: the health figures read years of them (journal.health); and a
        # session's minutes, mode, group and privacy: contact time sums them (journal.contact).
        Index(
            "ix_entry_pair_kind_on",
            "pair_id",
            "kind",
            "on",
            "id",
            "usefulness",
            "confidence",
            "duration_min",
            "private",
            "mode",
            "group_uid",
        ),
        Index("ix_entry_group", "group_uid"),  # a group session's entries in the other pairs
        # The sessions that recorded what was done: contact time by activity reads them alone.
        Index("ix_entry_activities", "pair_id", "kind", "on", sqlite_where=text("activities != '[]'")),
    )

    pair_id: int = Field(foreign_key="pair.id", ondelete="CASCADE")
    kind: str
    on: dt.date
    author: str = Role.MENTOR
    private: bool = False
    title: str = ""
    body: str = ""
    # session
    duration_min: int | None = None
    mode: str | None = None
    agenda: str = ""
    whats_working: str = ""
    focus: str = ""  # a session's challenges, or what an observation looked at
    next_session_on: dt.date | None = None
    next_session_focus: str = ""
    usefulness: int | None = None
    starts_at: str | None = None  # "HH:MM", when the session started (the calendar's event)
    activities: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))  # what was done
    # observation
    context: str = ""
    strengths: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    growth_areas: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    agreed_next_step: str = ""
    # reflection
    went_well: str = ""
    challenging: str = ""
    learned: str = ""
    next_step: str = ""
    confidence: int | None = None
    # assessment
    rater: str | None = None
    # One session held with several pairs at once shares its group's uid, in each pair's entry.
    group_uid: str | None = Field(default=None, max_length=36)
    # Part of the pair's closing: a final assessment, or the closing reflection.
    closing: bool = False


class Rating(Record, table=True):
    __tablename__ = "rating"
    __table_args__ = (UniqueConstraint("entry_id", "competency_id"),)

    entry_id: int = Field(foreign_key="entry.id", ondelete="CASCADE", index=True)
    competency_id: int = Field(foreign_key="competency.id", ondelete="CASCADE", index=True)
    level: int
    evidence: str = ""
    level_label: str = ""  # the level's name when it was given: a rubric's scale may change after


class ActionItem(Record, table=True):
    __tablename__ = "action_item"
    __table_args__ = (Index("ix_action_pair_open", "pair_id", "done_on", "due_on"),)

    pair_id: int = Field(foreign_key="pair.id", ondelete="CASCADE")
    entry_id: int | None = Field(default=None, foreign_key="entry.id", ondelete="SET NULL", index=True)
    text: str
    owner: str = Role.MENTEE
    due_on: dt.date | None = None
    done_on: dt.date | None = None
    # Never leaves this file unless asked: an item of a private session is private with it, and stays
    # private when that session is deleted and the item kept.
    private: bool = False


class Tag(Record, table=True):
    __tablename__ = "tag"

    name: str = Field(unique=True)


class EntryTag(SQLModel, table=True):
    __tablename__ = "entry_tag"
    __table_args__ = (Index("ix_entry_tag_tag", "tag_id", "entry_id"),)

    entry_id: int = Field(foreign_key="entry.id", ondelete="CASCADE", primary_key=True)
    tag_id: int = Field(foreign_key="tag.id", ondelete="CASCADE", primary_key=True)


class EntryGoal(SQLModel, table=True):
    """An entry offered as evidence for a goal."""

    __tablename__ = "entry_goal"
    __table_args__ = (Index("ix_entry_goal_goal", "goal_id", "entry_id"),)

    entry_id: int = Field(foreign_key="entry.id", ondelete="CASCADE", primary_key=True)
    goal_id: int = Field(foreign_key="goal.id", ondelete="CASCADE", primary_key=True)


class TrashItem(SQLModel, table=True):
    """A deleted record with everything that went with it, as JSON, until restored or emptied."""

    __tablename__ = "trash_item"

    id: int | None = Field(default=None, primary_key=True)
    pair_id: int = Field(foreign_key="pair.id", ondelete="CASCADE", index=True)
    kind: str  # the table the record came from
    label: str  # what the user saw: "session 2026-11-03: Unit planning"
    deleted_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    payload: str


class Revision(SQLModel, table=True):
    """A record's fields as they were before one edit: its history, and what undo goes back to."""

    __tablename__ = "revision"
    __table_args__ = (Index("ix_revision_record", "kind", "record_uid", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    record_uid: str
    saved_at: dt.datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    payload: str
