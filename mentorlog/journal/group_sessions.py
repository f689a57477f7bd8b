"""A session held with several of a mentor's mentees at once: one session entry in each pair.

The entries share a group uid and are written in one transaction; each is its pair's own (its
action items, its private flag, its goal links), counts for its pair's contact time and health,
and shows the others' names in its timeline. The fields the group shared — the date, the
minutes, the agenda and the notes — can be edited for all of them at once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from mentorlog.db.tables import ENTRY
from mentorlog.db.transactions import action
from mentorlog.errors import Invalid
from mentorlog.journal import entries, versions
from mentorlog.journal.pair_writes import pair_action, require_open
from mentorlog.kinds import EntryKind
from mentorlog.stamps import new_uid
from mentorlog.words import listed

if TYPE_CHECKING:
    from mentorlog.models import Entry, Pair

# What the group shared: an edit of one of them may reach every session of the group.
SHARED = ("on", "duration_min", "agenda", "body")


@action
def add_group_session(
    connection: sqlite3.Connection,
    pairs: Sequence[Pair],
    *,
    goal_ids: Sequence[int] = (),
    **session: Any,
) -> list[Entry]:
    """One session entry in each of `pairs` (the first is the one `goal_ids` are of), sharing a group."""
    if len(pairs) < 2:
        raise Invalid("a group session is held with at least two pairs: name the others (--with)")
    seen: dict[int, Pair] = {}
    for pair in pairs:
        if pair.id in seen:
            raise Invalid(f"{pair.ref} is named twice: a group session has each pair once")
        seen[pair.id or 0] = pair
    closed = [pair for pair in pairs if pair.ended_on is not None]
    if closed:
        raise Invalid(
            f"{listed([p.ref for p in closed], 'and')} {'is' if len(closed) == 1 else 'are'} closed: a group "
            "session is held with open pairs only; nothing was saved"
        )
    session = {name: value for name, value in session.items() if name != "kind"}  # a session, whatever it said
    group = new_uid()
    made = []
    for n, pair in enumerate(pairs):
        require_open(connection, pair)
        made.append(entries.add_entry(connection, pair, kind=EntryKind.SESSION, group_uid=group,
                                      goal_ids=goal_ids if n == 0 else (), **session))  # fmt: skip
    return made


def siblings(connection: sqlite3.Connection, entry: Entry) -> list[Entry]:
    """The other sessions of `entry`'s group (in pairs not in the trash), by pair."""
    if not entry.group_uid:
        return []
    return ENTRY.select(
        connection, "entry.group_uid = ? AND entry.id != ? AND pair.deleted_at IS NULL", (entry.group_uid, entry.id),
        "entry.pair_id", joins="JOIN pair ON pair.id = entry.pair_id",
    )  # fmt: skip


@pair_action
def update_session(
    connection: sqlite3.Connection, pair: Pair, entry_id: int, *, reach_group: bool = False, **changes: Any
) -> Entry:
    """Edit a session (entries.update_entry); with `reach_group`, the shared fields it now has (date, minutes,
    agenda, notes) become the group's other sessions' too, in the same transaction: each is an edit of
    its own, with its earlier version kept. The sessions of closed pairs are left as they are."""
    edited = entries.update_entry(connection, pair, entry_id, **changes)
    if not reach_group:
        return edited
    for other in siblings(connection, edited):
        ended = connection.execute("SELECT ended_on FROM pair WHERE id = ?", (other.pair_id,)).fetchone()[0]
        if ended is not None:
            continue
        shared = {name: getattr(edited, name) for name in SHARED if getattr(other, name) != getattr(edited, name)}
        if shared:
            versions.edit(connection, ENTRY, other.id or 0, shared)
    return edited
