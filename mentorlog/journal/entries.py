"""Journal entries of every kind, with their tags, goal links and action items."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from mentorlog.errors import Invalid, NotFound
from mentorlog.journal import ratings as ratings_
from mentorlog.journal import trash, validate, versions
from mentorlog.journal.entry_fields import KIND_FIELDS, check_new_entry, kind_fields
from mentorlog.journal.entry_fields import NextStep as NextStep
from mentorlog.journal.entry_fields import split_title as split_title
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
    key,
    utcnow,
)


@dataclass
class EntryView:
    entry: Entry
    tags: list[str] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    actions: list[ActionItem] = field(default_factory=list)


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
    new = check_new_entry(
        kind=kind,
        on=on,
        title=title,
        body=body,
        author=author or pair.owner_role,
        private=private,
        tags=tags,
        next_steps=next_steps,
        **fields,
    )
    entry = Entry(pair_id=key(pair), **new.columns())
    s.add(entry)
    s.flush()
    _link(s, pair, entry, tags=new.tags, goal_ids=goal_ids)
    for step in new.next_steps:
        s.add(ActionItem(pair_id=key(pair), entry_id=key(entry), text=step.text, owner=step.owner, due_on=step.due_on,
                         private=new.private))  # fmt: skip
    s.flush()
    return entry


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
    ratings: Sequence[ratings_.RatingInput] | None = None,
    **fields: Any,
) -> Entry:
    """Change what is given and leave the rest; tags, goal links and (an assessment's) ratings, when given,
    replace the old ones. However much changes, it is one edit: one earlier version is kept."""
    entry = get_entry(s, pair, entry_id).entry
    unknown = set(fields) - KIND_FIELDS.get(entry.kind, frozenset())
    if unknown:
        raise Invalid(f"a {entry.kind} has no {', '.join(sorted(unknown))}")
    resolved = None
    if ratings is not None:
        if entry.kind != EntryKind.ASSESSMENT:
            raise Invalid(f"entry #{entry_id} is a {entry.kind}, not an assessment")
        if not ratings:
            raise Invalid("an assessment needs at least one rating")
        resolved = ratings_.resolve(s, pair, ratings)
    with versions.keeping_version(s, entry):
        if on is not None:
            entry.on = validate.day(on, "date") or on
        if title is not None:
            entry.title = validate.line(title, "title", required=True)
        if body is not None:
            entry.body = validate.text(body, "body")
        if author is not None:
            entry.author = validate.choice(author, Role, "author")
        if private is not None and entry.private != bool(private):
            entry.private = bool(private)
            # Its session's next steps are private with it, or shared with it.
            for item in s.exec(select(ActionItem).where(ActionItem.entry_id == entry_id)):
                item.private = entry.private
                s.add(item)
        for name, value in kind_fields(fields).items():
            setattr(entry, name, value)
        s.add(entry)
        relinked = False
        if tags is not None:
            old_tags = s.exec(select(EntryTag).where(EntryTag.entry_id == entry_id)).all()
            relinked |= versions.tag_names(s, entry_id) != sorted(validate.tags(tags))
            for link in old_tags:
                s.delete(link)
        if goal_ids is not None:
            old_goals = s.exec(select(EntryGoal).where(EntryGoal.entry_id == entry_id)).all()
            relinked |= {link.goal_id for link in old_goals} != set(goal_ids)
            for goal_link in old_goals:
                s.delete(goal_link)
        if resolved is not None:
            relinked |= ratings_.replace_ratings(s, entry, resolved)
        if relinked:  # links are part of the entry: a merge elsewhere must see it as edited
            entry.updated_at = utcnow()
            s.add(entry)
        s.flush()
        _link(s, pair, entry, tags=tags or (), goal_ids=goal_ids or ())
        s.flush()
    return entry


def delete_entry(s: Session, pair: Pair, entry_id: int, *, open_actions: str = "keep") -> Entry:
    """Remove an entry with its ratings, tags and goal links, to the trash. Its action items stay,
    unlinked (and private if it was); its open ones go to the trash too with `open_actions="delete"`."""
    if open_actions not in ("keep", "delete"):
        raise Invalid(f"open action items are kept or deleted with the session (not {open_actions!r})")
    view = get_entry(s, pair, entry_id)
    entry = view.entry
    if open_actions == "delete":
        for item in view.actions:
            if item.done_on is None:
                trash.discard(s, pair, item, f"action item: {item.text}")
    trash.discard(s, pair, entry, f"{entry.kind} {entry.on}: {entry.title}")
    return entry


def _link(s: Session, pair: Pair, entry: Entry, *, tags: Sequence[str], goal_ids: Sequence[int]) -> None:
    for name in validate.tags(tags):
        s.add(EntryTag(entry_id=key(entry), tag_id=key(versions.tag_for(s, name))))
    for goal_id in dict.fromkeys(goal_ids):
        goal = get_goal(s, pair, goal_id)
        s.add(EntryGoal(entry_id=key(entry), goal_id=key(goal)))


def get_entry(s: Session, pair: Pair, entry_id: int) -> EntryView:
    entry = s.get(Entry, entry_id)
    if entry is None or entry.pair_id != pair.id:
        raise NotFound(f"no entry #{entry_id} for {pair.label}")
    tags = versions.tag_names(s, entry_id)
    goals = list(
        s.exec(
            select(Goal).join(EntryGoal, col(EntryGoal.goal_id) == col(Goal.id)).where(EntryGoal.entry_id == entry_id)
        )
    )
    actions = list(s.exec(select(ActionItem).where(ActionItem.entry_id == entry_id).order_by(col(ActionItem.id))))
    return EntryView(entry, tags, goals, actions)


def last_session(s: Session, pair: Pair) -> Entry | None:
    """The most recent session: cadence and prep start from it."""
    return s.exec(
        select(Entry)
        .where(Entry.pair_id == pair.id, Entry.kind == EntryKind.SESSION)
        .order_by(col(Entry.on).desc(), col(Entry.id).desc())
        .limit(1)  # the ORM reads every row of a result before .first() returns one
    ).first()
