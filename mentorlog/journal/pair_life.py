"""A pairing's life after it begins: edited, closed with its closing, reopened, archived, deleted whole.

Editing goes through the one history mechanism (journal.versions), so the agreement's earlier
versions are kept, seen and restored as any record's are. Closing is one transaction: the end
date and reason, the final assessments and a closing reflection marked as the pair's closing, and
what became of each open goal (achieved, dropped or carried on) and action item (done, or dropped
to the trash); from then on the pair is read-only (journal.pair_writes) until it is reopened.
Archiving puts a closed pair out of the lists. Deleting moves the pair, with everything under it,
to the trash: it is kept whole, hidden, and restored whole, until the trash is emptied.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from mentorlog import validate
from mentorlog.db import writes
from mentorlog.db.tables import ACTION, ENTRY, GOAL, PAIR, TRASH
from mentorlog.db.transactions import action, reading
from mentorlog.errors import Invalid, NotFound
from mentorlog.journal import pairs, versions
from mentorlog.journal.pair_writes import pair_action
from mentorlog.kinds import EndReason, EntryKind, GoalStatus, Program, Rater, Role
from mentorlog.stamps import utcnow
from mentorlog.words import listed, plural

if TYPE_CHECKING:
    from mentorlog.models import Pair

# What becomes of an open goal, and of an open action item, when the pairing closes.
GOAL_OUTCOMES = ("achieved", "dropped", "carried")
ITEM_OUTCOMES = ("done", "dropped")


@pair_action
def edit_pair(
    connection: sqlite3.Connection,
    pair: Pair,
    *,
    mentor: str | None = None,
    mentee: str | None = None,
    program: str | None = None,
    cadence_days: int | None = None,
    started_on: dt.date | None = None,
    role: str | None = None,
    agreement: str | None = None,
    expected: dt.datetime | None = None,
) -> Pair:
    """Change what is given; one edit, its earlier version kept (the agreement's history is the pair's)."""
    current = pairs.get_pair(connection, pair.id or 0)
    changes: dict[str, Any] = {}
    if mentor is not None:
        changes["mentor_name"] = validate.line(mentor, "mentor name", required=True)
    if mentee is not None:
        changes["mentee_name"] = validate.line(mentee, "mentee name", required=True)
    names = (changes.get("mentor_name", current.mentor_name), changes.get("mentee_name", current.mentee_name))
    if pairs.name_key(names[0]) == pairs.name_key(names[1]):
        raise Invalid("mentor and mentee must be two different people")
    twin = pairs.twin_of(connection, *names) if "mentor_name" in changes or "mentee_name" in changes else None
    if twin is not None and twin.id != current.id:
        raise Invalid(f"{twin.ref} is these two already: a pair's names are its own")
    if program is not None:
        changes["program"] = validate.choice(program, Program, "program")
    if cadence_days is not None:
        changes["cadence_days"] = validate.positive(cadence_days, "cadence (days)", high=365)
    if started_on is not None:
        changes["started_on"] = validate.day(started_on, "started on")
    if role is not None:
        changes["owner_role"] = validate.choice(role, Role, "role")
    if agreement is not None:
        changes["agreement"] = validate.text(agreement, "agreement")
    if not changes:
        raise Invalid("nothing to change: give what is to change (--mentor, --agreement ...)")
    versions.edit(connection, PAIR, current.id or 0, changes, expected=expected)
    return pairs.get_pair(connection, current.id or 0)


class Closing(NamedTuple):
    """What a closed pairing left: the numbers the confirmation and the closing summary give."""

    pair: Pair
    final_assessments: list[int]  # entry ids
    reflection: int | None  # entry id
    goals: dict[str, int]  # outcome -> how many
    items: dict[str, int]


@pair_action
def close_pair(
    connection: sqlite3.Connection,
    pair: Pair,
    *,
    on: dt.date,
    reason: str,
    achieved: str = "",
    next_steps: str = "",
    final_assessments: Sequence[int] | None = None,
    goals: Mapping[int, str] | None = None,
    items: Mapping[int, str] | None = None,
    all_goals: str | None = None,
    all_items: str | None = None,
) -> Closing:
    """Close the pairing on `on`, for `reason`: every open goal and action item gets its outcome (per id in
    `goals`/`items`, else `all_goals`/`all_items`; an open one left without one refuses the closing,
    naming it). `final_assessments` (entry ids; by default the latest of each rater) and a reflection
    written of `achieved` and `next_steps` become the pair's closing."""
    validate.day(on, "closed on")
    if on < pair.started_on:
        raise Invalid(f"a pairing that began on {pair.started_on} cannot close on {on}")
    end_reason = validate.choice(reason, EndReason, "reason")
    open_goals = GOAL.select(connection, "pair_id = ? AND status IN (?, ?, ?)",
                             (pair.id, GoalStatus.DRAFT, GoalStatus.ACTIVE, GoalStatus.PAUSED))  # fmt: skip
    open_items = ACTION.select(connection, "pair_id = ? AND done_on IS NULL", (pair.id,))
    goal_outcome = _outcomes("goal", {g.id or 0: g.title for g in open_goals}, goals, all_goals, GOAL_OUTCOMES)
    item_outcome = _outcomes("action item", {i.id or 0: i.text for i in open_items}, items, all_items, ITEM_OUTCOMES)
    for goal in open_goals:
        outcome = goal_outcome[goal.id or 0]
        if outcome == "achieved":
            versions.edit(connection, GOAL, goal.id or 0, {"status": GoalStatus.ACHIEVED, "achieved_on": on,
                                                           "activated_on": goal.activated_on or on})  # fmt: skip
        elif outcome == "dropped":
            versions.edit(connection, GOAL, goal.id or 0, {"status": GoalStatus.DROPPED})
    from mentorlog.journal import trash

    for item in open_items:
        if item_outcome[item.id or 0] == "done":
            versions.edit(connection, ACTION, item.id or 0, {"done_on": on})
        else:
            trash.discard(connection, pair, ACTION, item.id or 0, f"action item: {item.text}")
    finals = (
        list(final_assessments)
        if final_assessments is not None
        else list(latest_assessments(connection, pair).values())
    )
    for entry_id in finals:
        entry = ENTRY.get(connection, entry_id)
        if entry is None or entry.pair_id != pair.id or entry.kind != EntryKind.ASSESSMENT:
            raise NotFound(f"no assessment #{entry_id} for {pair.ref}")
        versions.edit(connection, ENTRY, entry_id, {"closing": True})
    reflection = None
    if achieved.strip() or next_steps.strip():
        from mentorlog.journal import entries

        reflection = entries.add_entry(
            connection, pair, kind=EntryKind.REFLECTION, on=on, title="Closing reflection",
            author=pair.owner_role, went_well=achieved, next_step=next_steps, closing=True,
        ).id  # fmt: skip
    versions.edit(connection, PAIR, pair.id or 0, {"ended_on": on, "end_reason": end_reason})
    counts = {outcome: sum(1 for o in goal_outcome.values() if o == outcome) for outcome in GOAL_OUTCOMES}
    done = {outcome: sum(1 for o in item_outcome.values() if o == outcome) for outcome in ITEM_OUTCOMES}
    return Closing(pairs.get_pair(connection, pair.id or 0), finals, reflection, counts, done)


def _outcomes(
    what: str, open_ones: dict[int, str], given: Mapping[int, str] | None, default: str | None, allowed: Sequence[str]
) -> dict[int, str]:
    found: dict[int, str] = {}
    for record_id in open_ones:
        outcome = (given or {}).get(record_id, default)
        if outcome is None:
            left = [f"#{n} {t}" for n, t in open_ones.items() if n not in (given or {})]
            raise Invalid(
                f"say what becomes of {'this' if len(left) == 1 else 'these'} {plural(len(left), f'open {what}')} "
                f"({listed(list(allowed))}): {'; '.join(left)}"
            )
        if outcome not in allowed:
            raise Invalid(f"a {what} closes as {listed(list(allowed))} (not {outcome!r})")
        found[record_id] = outcome
    unknown = set(given or {}) - set(open_ones)
    if unknown:
        raise NotFound(f"no open {what} #{min(unknown)} in this pair")
    return found


def latest_assessments(connection: sqlite3.Connection, pair: Pair) -> dict[str, int]:
    """The latest assessment by each rater (rater -> entry id): the final ones, unless others are named."""
    found = {}
    for rater in (Rater.SELF, Rater.MENTOR):
        row = connection.execute(
            'SELECT id FROM entry WHERE pair_id = ? AND kind = ? AND rater = ? ORDER BY "on" DESC, id DESC LIMIT 1',
            (pair.id, EntryKind.ASSESSMENT.value, rater.value),
        ).fetchone()
        if row is not None:
            found[rater.value] = int(row[0])
    return found


@action
def reopen_pair(connection: sqlite3.Connection, pair: Pair) -> Pair:
    """Open a closed pairing again (out of the archive too); its closing stays as it was written."""
    current = pairs.get_pair(connection, pair.id or 0)
    if current.ended_on is None:
        raise Invalid(f"{current.ref} is not closed")
    versions.edit(connection, PAIR, current.id or 0, {"ended_on": None, "end_reason": None})
    writes.update(connection, PAIR, current.id or 0, {"archived_on": None}, stamp=False)
    return pairs.get_pair(connection, current.id or 0)


@action
def archive_pair(connection: sqlite3.Connection, pair: Pair, *, on: dt.date, archived: bool = True) -> Pair:
    """Put a closed pair out of the switcher and the caseload (`archived=False`: back into them). A way of
    keeping the lists, not an edit of the pair: no version, not exported."""
    current = pairs.get_pair(connection, pair.id or 0)
    if archived and current.ended_on is None:
        raise Invalid(f"{current.ref} is still open: close it first ('mentorlog pair close'), then archive it")
    if archived and current.archived_on is not None:
        raise Invalid(f"{current.ref} is archived already")
    if not archived and current.archived_on is None:
        raise Invalid(f"{current.ref} is not archived")
    writes.update(connection, PAIR, current.id or 0, {"archived_on": on if archived else None}, stamp=False)
    return pairs.get_pair(connection, current.id or 0)


class Holdings(NamedTuple):
    """What a pair holds: what deleting it takes to the trash with it."""

    goals: int
    entries: int
    action_items: int

    def described(self) -> str:
        parts = [plural(self.goals, "goal"), plural(self.entries, "entry", "entries"),
                 plural(self.action_items, "action item")]  # fmt: skip
        return listed(parts, "and")


@reading
def holdings(connection: sqlite3.Connection, pair: Pair) -> Holdings:
    def count(table: str) -> int:
        return int(connection.execute(f"SELECT count(*) FROM {table} WHERE pair_id = ?", (pair.id,)).fetchone()[0])

    return Holdings(count("goal"), count("entry"), count("action_item"))


@action
def delete_pair(connection: sqlite3.Connection, pair: Pair) -> Holdings:
    """Move the pair and everything under it to the trash: hidden from every list, restorable whole."""
    from mentorlog.journal import trash

    current = pairs.get_pair(connection, pair.id or 0)
    held = holdings(connection, current)
    writes.update(connection, PAIR, current.id or 0, {"deleted_at": utcnow(), "chosen_at": None}, stamp=False)
    writes.insert(connection, TRASH, {"pair_id": current.id, "kind": trash.PAIR_TRASH, "payload": "{}",
                                      "label": f"pair {current.label} ({held.described()})"})  # fmt: skip
    return held
