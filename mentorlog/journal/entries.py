"""Journal entries of every kind, with their tags, goal links and action items."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from mentorlog.errors import Invalid, NotFound
from mentorlog.journal import trash, validate, versions
from mentorlog.journal.goals import get_goal
from mentorlog.models import (
    ActionItem,
    Entry,
    EntryGoal,
    EntryKind,
    EntryTag,
    Goal,
    Pair,
    Role,
    SessionMode,
    Tag,
    key,
    utcnow,
)

TITLE_LENGTH = 80

# The kind-specific fields an entry of each kind may carry.
KIND_FIELDS: dict[str, frozenset[str]] = {
    EntryKind.SESSION: frozenset({
        "duration_min", "mode", "agenda", "whats_working", "focus",
        "next_session_on", "next_session_focus", "usefulness",
    }),
    EntryKind.OBSERVATION: frozenset({"context", "focus", "strengths", "growth_areas", "agreed_next_step"}),
    EntryKind.REFLECTION: frozenset({"went_well", "challenging", "learned", "next_step", "confidence"}),
    EntryKind.ASSESSMENT: frozenset({"rater"}),
    EntryKind.NOTE: frozenset(),
}  # fmt: skip
_TEXT_FIELDS = frozenset({
    "agenda", "whats_working", "focus", "next_session_focus", "context", "agreed_next_step",
    "went_well", "challenging", "learned", "next_step",
})  # fmt: skip


@dataclass(frozen=True)
class NextStep:
    """An action item agreed in a session."""

    text: str
    owner: str = Role.MENTEE
    due_on: dt.date | None = None


@dataclass
class EntryView:
    entry: Entry
    tags: list[str] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)


def split_title(text: str) -> tuple[str, str]:
    """Quick capture: the first sentence or line is the title, the rest the body."""
    text = text.strip()
    first_line, _, rest = text.partition("\n")
    for mark in (". ", "? ", "! "):
        head, sep, tail = first_line.partition(mark)
        if sep and len(head) < TITLE_LENGTH:
            return head + mark.strip(), (tail + ("\n" + rest if rest else "")).strip()
    if len(first_line) <= TITLE_LENGTH:
        return first_line, rest.strip()
    cut = first_line.rfind(" ", 0, TITLE_LENGTH)
    cut = cut if cut > 20 else TITLE_LENGTH
    return first_line[:cut].rstrip() + "…", text


def add_entry(
    s: Session,
    pair: Pair,
    *,
    kind: str,
    on: dt.date,
    title: str,
    body: str = "",
    author: str | None = None,
    private: bool = False,
    tags: Sequence[str] = (),
    goal_ids: Sequence[int] = (),
    next_steps: Sequence[NextStep] = (),
    **fields: Any,
) -> Entry:
    """Write one entry with its tags, goal links and (for a session) its action items."""
    kind = validate.choice(kind, EntryKind, "kind")
    unknown = set(fields) - KIND_FIELDS[kind]
    if unknown:
        raise Invalid(f"a {kind} has no {', '.join(sorted(unknown))}")
    if next_steps and kind != EntryKind.SESSION:
        raise Invalid("only a session creates action items")
    entry = Entry(
        pair_id=key(pair),
        kind=kind,
        on=on,
        author=validate.choice(author or pair.owner_role, Role, "author"),
        private=bool(private),
        title=validate.line(title, "title", required=True),
        body=validate.text(body, "body"),
        **_kind_fields(fields),
    )
    s.add(entry)
    s.flush()
    _link(s, pair, entry, tags=tags, goal_ids=goal_ids)
    for step in next_steps:
        s.add(
            ActionItem(
                pair_id=key(pair),
                entry_id=key(entry),
                text=validate.line(step.text, "action item", required=True),
                owner=validate.choice(step.owner, Role, "owner"),
                due_on=step.due_on or entry.next_session_on,
            )
        )
    s.flush()
    return entry


def _kind_fields(fields: dict[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for name, value in fields.items():
        if name in _TEXT_FIELDS:
            clean[name] = validate.text(value, name.replace("_", " "))
        elif name in ("strengths", "growth_areas"):
            label = "glow" if name == "strengths" else "grow"
            clean[name] = [validate.line(item, label, required=True) for item in value or []]
        elif name in ("usefulness", "confidence"):
            clean[name] = validate.scale(value, name)
        elif name == "duration_min":
            clean[name] = validate.positive(value, "duration (minutes)", high=24 * 60)
        elif name == "mode":
            clean[name] = validate.choice(value, SessionMode, "mode") if value else None
        else:
            clean[name] = value
    return clean


def update_entry(
    s: Session,
    pair: Pair,
    entry_id: int,
    *,
    on: dt.date | None = None,
    title: str | None = None,
    body: str | None = None,
    author: str | None = None,
    private: bool | None = None,
    tags: Sequence[str] | None = None,
    goal_ids: Sequence[int] | None = None,
    **fields: Any,
) -> Entry:
    """Change what is given and leave the rest; tags and goal links, when given, replace the old ones."""
    entry = get_entry(s, pair, entry_id).entry
    unknown = set(fields) - KIND_FIELDS[entry.kind]
    if unknown:
        raise Invalid(f"a {entry.kind} has no {', '.join(sorted(unknown))}")
    with versions.keeping_version(s, entry):
        if on is not None:
            entry.on = on
        if title is not None:
            entry.title = validate.line(title, "title", required=True)
        if body is not None:
            entry.body = validate.text(body, "body")
        if author is not None:
            entry.author = validate.choice(author, Role, "author")
        if private is not None:
            entry.private = bool(private)
        for name, value in _kind_fields(fields).items():
            setattr(entry, name, value)
        s.add(entry)
        relinked = False
        if tags is not None:
            old_tags = s.exec(select(EntryTag).where(EntryTag.entry_id == entry_id)).all()
            relinked |= _tag_names(s, old_tags) != sorted(validate.tags(tags))
            for link in old_tags:
                s.delete(link)
        if goal_ids is not None:
            old_goals = s.exec(select(EntryGoal).where(EntryGoal.entry_id == entry_id)).all()
            relinked |= {link.goal_id for link in old_goals} != set(goal_ids)
            for goal_link in old_goals:
                s.delete(goal_link)
        if relinked:  # links are part of the entry: a merge elsewhere must see it as edited
            entry.updated_at = utcnow()
        s.flush()
        _link(s, pair, entry, tags=tags or (), goal_ids=goal_ids or ())
        s.flush()
    return entry


def delete_entry(s: Session, pair: Pair, entry_id: int) -> Entry:
    """Remove an entry with its ratings, tags and goal links; its action items stay, unlinked."""
    entry = get_entry(s, pair, entry_id).entry
    trash.discard(s, pair, entry, f"{entry.kind} {entry.on}: {entry.title}")
    return entry


def _tag_names(s: Session, links: Sequence[EntryTag]) -> list[str]:
    names = {tag.id: tag.name for tag in s.exec(select(Tag).where(col(Tag.id).in_([x.tag_id for x in links])))}
    return sorted(names[x.tag_id] for x in links)


def _link(s: Session, pair: Pair, entry: Entry, *, tags: Sequence[str], goal_ids: Sequence[int]) -> None:
    for name in validate.tags(tags):
        tag = s.exec(select(Tag).where(Tag.name == name)).first()
        if tag is None:
            tag = Tag(name=name)
            s.add(tag)
            s.flush()
        s.add(EntryTag(entry_id=key(entry), tag_id=key(tag)))
    for goal_id in dict.fromkeys(goal_ids):
        goal = get_goal(s, pair, goal_id)
        s.add(EntryGoal(entry_id=key(entry), goal_id=key(goal)))


def get_entry(s: Session, pair: Pair, entry_id: int) -> EntryView:
    entry = s.get(Entry, entry_id)
    if entry is None or entry.pair_id != pair.id:
        raise NotFound(f"no entry #{entry_id} for {pair.label}")
    tags = list(
        s.exec(
            select(Tag.name).join(EntryTag, col(EntryTag.tag_id) == col(Tag.id)).where(EntryTag.entry_id == entry_id)
        )
    )
    goals = list(
        s.exec(
            select(Goal).join(EntryGoal, col(EntryGoal.goal_id) == col(Goal.id)).where(EntryGoal.entry_id == entry_id)
        )
    )
    actions = list(s.exec(select(ActionItem).where(ActionItem.entry_id == entry_id).order_by(col(ActionItem.id))))
    return EntryView(entry, sorted(tags), goals, actions)


def last_session(s: Session, pair: Pair) -> Entry | None:
    """The most recent session: cadence and prep start from it."""
    return s.exec(
        select(Entry)
        .where(Entry.pair_id == pair.id, Entry.kind == EntryKind.SESSION)
        .order_by(col(Entry.on).desc(), col(Entry.id).desc())
        .limit(1)  # the ORM reads every row of a result before .first() returns one
    ).first()
