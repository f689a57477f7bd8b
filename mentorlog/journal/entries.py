"""Journal entries of every kind, with their tags, goal links and action items.

Quick capture imports this module and little else: what only an edit, a delete, a goal
link or a rating needs (versions, the trash, goals, ratings) is imported by the
function that needs it.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from mentorlog import validate
from mentorlog.db import writes
from mentorlog.db.tables import ACTION, ENTRY, ENTRY_GOAL, ENTRY_TAG, GOAL
from mentorlog.db.transactions import reading
from mentorlog.errors import Invalid, NotFound
from mentorlog.journal.entry_fields import NextStep as NextStep
from mentorlog.journal.entry_fields import check_new_entry, kind_fields
from mentorlog.journal.entry_fields import split_title as split_title
from mentorlog.journal.pair_writes import pair_action
from mentorlog.journal.tags import tag_id
from mentorlog.kinds import EntryKind, GoalStatus, Role

if TYPE_CHECKING:
    from mentorlog.journal.ratings import RatingInput
    from mentorlog.models import ActionItem, Competency, Entry, Goal, Pair, Rating


class EntryView(NamedTuple):
    """An entry with what hangs off it: its tags, the goals it is evidence for, the action items its
    session agreed, and (an assessment's) ratings with their competencies, in rubric order."""

    entry: Entry
    tags: list[str]
    goals: list[Goal]
    actions: list[ActionItem]
    ratings: list[tuple[Competency, Rating]]


@pair_action
def add_entry(
    connection: sqlite3.Connection,
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
    close_actions: Sequence[int] = (),
    **fields: Any,
) -> Entry:
    """Write one entry with its tags, goal links and (for a session) its action items; the open items
    it followed up (`close_actions`, ticked in a session started from prep) are done on its date."""
    new = check_new_entry(
        kind=kind, on=on, title=title, body=body, author=author or pair.owner_role, private=private, tags=tags,
        next_steps=next_steps, **fields,
    )  # fmt: skip
    entry_id = writes.insert(connection, ENTRY, {"pair_id": pair.id, **new.columns()})
    _link(connection, pair, entry_id, tags=new.tags, goal_ids=goal_ids)
    for step in new.next_steps:
        item = {"text": step.text, "owner": step.owner, "due_on": step.due_on, "private": new.private}
        writes.insert(connection, ACTION, {"pair_id": pair.id, "entry_id": entry_id, **item})
    if close_actions:
        from mentorlog.journal import actions

        for action_id in close_actions:
            if actions.get_action(connection, pair, action_id).done_on is None:  # not closed meanwhile elsewhere
                actions.complete_action(connection, pair, action_id, on=new.on)
    found = ENTRY.get(connection, entry_id)
    assert found is not None
    return found


@pair_action
def update_entry(
    connection: sqlite3.Connection,
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
    ratings: Sequence[RatingInput] | None = None,
    expected: dt.datetime | None = None,
    **fields: Any,
) -> Entry:
    """Change what is given and leave the rest; tags, goal links and (an assessment's) ratings, when given,
    replace the old ones. However much changes, it is one edit: one earlier version is kept. `expected`:
    the entry's `updated_at` when the form was opened (versions.Changed if it was edited since)."""
    from mentorlog.journal import ratings as ratings_
    from mentorlog.journal import versions

    entry = get_entry(connection, pair, entry_id).entry
    checked = kind_fields(entry.kind, fields, stored=entry)
    resolved = None
    if ratings is not None:
        if entry.kind != EntryKind.ASSESSMENT:
            raise Invalid(f"entry #{entry_id} is a {entry.kind}, not an assessment")
        if not ratings:
            raise Invalid("an assessment needs at least one rating")
        resolved = ratings_.resolve(connection, pair, ratings)
    changes: dict[str, Any] = {}
    if on is not None:
        changes["on"] = validate.day(on, "date") or on
    if title is not None:
        changes["title"] = validate.line(title, "title", required=True)
    if body is not None:
        changes["body"] = validate.text(body, "body")
    if author is not None:
        changes["author"] = validate.choice(author, Role, "author")
    if private is not None:
        changes["private"] = bool(private)
    changes |= checked
    with versions.editing(connection, ENTRY, entry_id, expected=expected):
        writes.update(connection, ENTRY, entry_id, changes, stamp=False)
        if private is not None and bool(private) != entry.private:
            # Its session's next steps are private with it, or shared with it: an edit of each, which
            # the history keeps and a merge carries.
            for item in ACTION.select(connection, "entry_id = ? AND private != ?", (entry_id, int(private))):
                versions.edit(connection, ACTION, item.id or 0, {"private": bool(private)})
        if tags is not None:
            writes.delete(connection, ENTRY_TAG, "entry_id = ?", (entry_id,))
        if goal_ids is not None:
            writes.delete(connection, ENTRY_GOAL, "entry_id = ?", (entry_id,))
        _link(connection, pair, entry_id, tags=validate.tags(tags or ()), goal_ids=goal_ids or ())
        if resolved is not None:
            ratings_.replace_ratings(connection, entry_id, resolved)
    found = ENTRY.get(connection, entry_id)
    assert found is not None
    return found


@pair_action
def delete_entry(connection: sqlite3.Connection, pair: Pair, entry_id: int, *, open_actions: str = "keep") -> Entry:
    """Remove an entry with its ratings, tags and goal links, to the trash. Its action items stay,
    unlinked (and private if it was); its open ones go to the trash too with `open_actions="delete"`."""
    from mentorlog.journal import trash

    if open_actions not in ("keep", "delete"):
        raise Invalid(f"open action items are kept or deleted with the session (not {open_actions!r})")
    view = get_entry(connection, pair, entry_id)
    entry = view.entry
    if open_actions == "delete":
        for item in view.actions:
            if item.done_on is None:
                trash.discard(connection, pair, ACTION, item.id or 0, f"action item: {item.text}")
    trash.discard(connection, pair, ENTRY, entry_id, f"{entry.kind} {entry.on}: {entry.title}")
    return entry


def _link(
    connection: sqlite3.Connection, pair: Pair, entry_id: int, *, tags: Sequence[str], goal_ids: Sequence[int]
) -> None:
    rows = [{"entry_id": entry_id, "tag_id": tag_id(connection, name)} for name in tags]
    writes.insert_many(connection, ENTRY_TAG, rows)
    if goal_ids:
        from mentorlog.journal.goals import get_goal
    for goal_id in dict.fromkeys(goal_ids):
        goal = get_goal(connection, pair, goal_id)
        writes.insert(connection, ENTRY_GOAL, {"entry_id": entry_id, "goal_id": goal.id})


@reading
def get_entry(connection: sqlite3.Connection, pair: Pair, entry_id: int) -> EntryView:
    entry = ENTRY.get(connection, entry_id) if entry_id <= validate.LARGEST_ID else None
    if entry is None or entry.pair_id != pair.id:
        raise NotFound(f"no entry #{entry_id} for {pair.ref}")
    tags = [name for (name,) in connection.execute(
        "SELECT tag.name FROM tag JOIN entry_tag ON entry_tag.tag_id = tag.id WHERE entry_tag.entry_id = ?"
        " ORDER BY tag.name", (entry_id,))]  # fmt: skip
    goals = GOAL.select(connection, "entry_goal.entry_id = ?", (entry_id,), "goal.id",
                        joins="JOIN entry_goal ON entry_goal.goal_id = goal.id")  # fmt: skip
    actions = ACTION.select(connection, "action_item.entry_id = ?", (entry_id,))
    rated = []
    if entry.kind == EntryKind.ASSESSMENT:
        from mentorlog.journal.ratings import rated as ratings_of

        rated = ratings_of(connection, entry_id)
    return EntryView(entry, tags, goals, actions, rated)


class EntryChoices(NamedTuple):
    """What an entry form offers: the pair's rubric to rate, and the goals an entry can be evidence for."""

    pair: Pair
    rubric: list[Competency]
    goals: list[Goal]  # active and paused


@reading
def entry_choices(connection: sqlite3.Connection, pair: Pair) -> EntryChoices:
    from mentorlog.journal.pairs import competencies

    goals = GOAL.select(connection, "pair_id = ? AND status IN (?, ?)",
                        (pair.id, GoalStatus.ACTIVE.value, GoalStatus.PAUSED.value))  # fmt: skip
    return EntryChoices(pair, competencies(connection, pair), goals)


def last_session(connection: sqlite3.Connection, pair: Pair) -> Entry | None:
    """The most recent session: cadence and prep start from it."""
    found = ENTRY.select(connection, "entry.pair_id = ? AND entry.kind = ?", (pair.id, EntryKind.SESSION.value),
                         'entry."on" DESC, entry.id DESC', limit=1)  # fmt: skip
    return found[0] if found else None
