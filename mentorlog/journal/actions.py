"""Action items: the next steps each person carries from one session to the next."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import TYPE_CHECKING, Any

from mentorlog import validate
from mentorlog.db import writes
from mentorlog.db.tables import ACTION
from mentorlog.db.transactions import reading
from mentorlog.errors import Invalid, NotFound
from mentorlog.journal import trash, versions
from mentorlog.journal.pair_writes import pair_action
from mentorlog.kinds import Role

if TYPE_CHECKING:
    from mentorlog.models import ActionItem, Pair


@pair_action
def add_action(
    connection: sqlite3.Connection,
    pair: Pair,
    text: str,
    *,
    owner: str = Role.MENTEE,
    due_on: dt.date | None = None,
    private: bool = False,
) -> ActionItem:
    values = {
        "pair_id": pair.id,
        "text": validate.line(text, "action item", required=True),
        "owner": validate.choice(owner, Role, "owner"),
        "due_on": validate.day(due_on, "due date"),
        "private": bool(private),
    }
    item_id = writes.insert(connection, ACTION, values)
    return get_action(connection, pair, item_id)


# Open items (yours first: the owner whose journal this is), overdue first, then by due date (undated
# last); done ones after.
_ORDER = "done_on IS NOT NULL, {mine}CASE WHEN due_on < ? THEN 0 ELSE 1 END, due_on IS NULL, due_on, id"


@reading
def list_actions(
    connection: sqlite3.Connection,
    pair: Pair,
    *,
    today: dt.date,
    include_done: bool = False,
    yours_first: bool = True,
) -> list[ActionItem]:
    """Open items, yours first (`yours_first`: a session's prep takes both people's together), overdue
    first, then by due date (undated last); done ones after, if asked."""
    where = "pair_id = ?" if include_done else "pair_id = ? AND done_on IS NULL"
    order = _ORDER.format(mine="owner != ?, " if yours_first else "")
    params = (pair.id, pair.owner_role, today.isoformat()) if yours_first else (pair.id, today.isoformat())
    found = connection.execute(f"SELECT {ACTION.selected} FROM action_item WHERE {where} ORDER BY {order}", params)
    return ACTION.rows(found)


def is_overdue(item: ActionItem, today: dt.date) -> bool:
    return item.done_on is None and item.due_on is not None and item.due_on < today


def get_action(connection: sqlite3.Connection, pair: Pair, action_id: int) -> ActionItem:
    item = ACTION.get(connection, action_id) if action_id <= validate.LARGEST_ID else None
    if item is None or item.pair_id != pair.id:
        raise NotFound(f"no action item #{action_id} for {pair.ref} (see 'mentorlog todo list')")
    return item


def _edit(
    connection: sqlite3.Connection,
    pair: Pair,
    item: ActionItem,
    changes: dict[str, Any],
    expected: dt.datetime | None = None,
) -> ActionItem:
    versions.edit(connection, ACTION, item.id or 0, changes, expected=expected)
    return get_action(connection, pair, item.id or 0)


@pair_action
def complete_action(connection: sqlite3.Connection, pair: Pair, action_id: int, *, on: dt.date) -> ActionItem:
    item = get_action(connection, pair, action_id)
    if item.done_on is not None:
        raise Invalid(f"action item #{action_id} was already done on {item.done_on}")
    return _edit(connection, pair, item, {"done_on": validate.day(on, "done on")})


@pair_action
def update_action(
    connection: sqlite3.Connection,
    pair: Pair,
    action_id: int,
    *,
    text: str,
    owner: str,
    due_on: dt.date | None,
    private: bool | None = None,
    expected: dt.datetime | None = None,
) -> ActionItem:
    """Edit an action item; `expected` as update_entry's."""
    item = get_action(connection, pair, action_id)
    changes: dict[str, Any] = {
        "text": validate.line(text, "action item", required=True),
        "owner": validate.choice(owner, Role, "owner"),
        "due_on": validate.day(due_on, "due date"),
    }
    if private is not None:
        changes["private"] = bool(private)
    return _edit(connection, pair, item, changes, expected)


@pair_action
def reopen_action(connection: sqlite3.Connection, pair: Pair, action_id: int) -> ActionItem:
    """Open an action item ticked done by mistake again."""
    item = get_action(connection, pair, action_id)
    if item.done_on is None:
        raise Invalid(f"action item #{action_id} is not done")
    return _edit(connection, pair, item, {"done_on": None})


@pair_action
def delete_action(connection: sqlite3.Connection, pair: Pair, action_id: int) -> ActionItem:
    item = get_action(connection, pair, action_id)
    trash.discard(connection, pair, ACTION, action_id, f"action item: {item.text}")
    return item
