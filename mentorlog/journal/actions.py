"""Action items: the next steps each person carries from one session to the next."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import case
from sqlmodel import Session, col, select

from mentorlog.errors import Invalid, NotFound
from mentorlog.journal import trash, validate
from mentorlog.models import ActionItem, Pair, Role, key


def add_action(
    s: Session,
    pair: Pair,
    text: str,
    *,
    owner: str = Role.MENTEE,
    due_on: dt.date | None = None,
    private: bool = False,
) -> ActionItem:
    item = ActionItem(
        pair_id=key(pair),
        text=validate.line(text, "action item", required=True),
        owner=validate.choice(owner, Role, "owner"),
        due_on=validate.day(due_on, "due date"),
        private=bool(private),
    )
    s.add(item)
    s.flush()
    return item


def list_actions(s: Session, pair: Pair, *, today: dt.date, include_done: bool = False) -> list[ActionItem]:
    """Open items, overdue first, then by due date (undated last); done ones after, if asked."""
    query = select(ActionItem).where(ActionItem.pair_id == pair.id)
    if not include_done:
        query = query.where(col(ActionItem.done_on).is_(None))
    overdue = case((col(ActionItem.due_on) < today, 0), else_=1)
    query = query.order_by(
        col(ActionItem.done_on).is_not(None),
        overdue,
        col(ActionItem.due_on).is_(None),
        col(ActionItem.due_on),
        col(ActionItem.id),
    )
    return list(s.exec(query))


def complete_action(s: Session, pair: Pair, action_id: int, *, on: dt.date) -> ActionItem:
    item = get_action(s, pair, action_id)
    if item.done_on is not None:
        raise Invalid(f"action item #{action_id} was already done on {item.done_on}")
    item.done_on = validate.day(on, "done on")
    s.add(item)
    s.flush()
    return item


def is_overdue(item: ActionItem, today: dt.date) -> bool:
    return item.done_on is None and item.due_on is not None and item.due_on < today


def get_action(s: Session, pair: Pair, action_id: int) -> ActionItem:
    item = s.get(ActionItem, action_id)
    if item is None or item.pair_id != pair.id:
        raise NotFound(f"no action item #{action_id} for {pair.label} (see 'mentorlog todo list')")
    return item


def update_action(
    s: Session,
    pair: Pair,
    action_id: int,
    *,
    text: str,
    owner: str,
    due_on: dt.date | None,
    private: bool | None = None,
) -> ActionItem:
    item = get_action(s, pair, action_id)
    item.text = validate.line(text, "action item", required=True)
    item.owner = validate.choice(owner, Role, "owner")
    item.due_on = validate.day(due_on, "due date")
    if private is not None:
        item.private = bool(private)
    s.add(item)
    s.flush()
    return item


def reopen_action(s: Session, pair: Pair, action_id: int) -> ActionItem:
    item = get_action(s, pair, action_id)
    item.done_on = None
    s.add(item)
    s.flush()
    return item


def delete_action(s: Session, pair: Pair, action_id: int) -> ActionItem:
    item = get_action(s, pair, action_id)
    trash.discard(s, pair, item, f"action item: {item.text}")
    return item
