"""A mentor's caseload: every pair, where it stands, and who needs a check-in first (rules.caseload).

What the Caseload screen, `mentorlog pairs` and `todo list --all-pairs` show. A handful of pairs,
each read by its indexes (the last session and contact by kind and date, the open action items by
pair and state, this month's sessions by kind and date), never a scan of years of entries.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import TYPE_CHECKING, NamedTuple

from mentorlog.db.tables import ACTION
from mentorlog.db.transactions import reading
from mentorlog.journal import goals, pairs
from mentorlog.journal.contact import pair_contact
from mentorlog.journal.entries import last_session
from mentorlog.kinds import EntryKind, GoalStatus, Role
from mentorlog.rules.cadence import cadence
from mentorlog.rules.caseload import CheckIn, Standing, check_in, need_order
from mentorlog.rules.contact import ContactTime, Requirement, month_start
from mentorlog.rules.progress import Pace

if TYPE_CHECKING:
    from mentorlog.models import ActionItem, Pair


class PairStanding(NamedTuple):
    pair: Pair
    standing: Standing
    check_in: CheckIn
    last_contact_on: dt.date | None
    contact: ContactTime | None = None  # contact time since the start (or the program's period)

    @property
    def other(self) -> str:
        """The other person of the pair: the mentee in a mentor's journal."""
        return self.pair.mentee_name if self.pair.owner_role == Role.MENTOR else self.pair.mentor_name


@reading
def caseload(
    connection: sqlite3.Connection, *, today: dt.date, everything: bool = False, requirement: Requirement | None = None
) -> list[PairStanding]:
    """The open pairs (`everything`: closed and archived ones too, after them), who needs you first."""
    found = [
        standing_of(connection, pair, today=today, requirement=requirement) for pair in pairs.live_pairs(connection)
    ]
    open_ones = sorted((s for s in found if s.pair.ended_on is None), key=lambda s: need_order(s.standing))
    if not everything:
        return open_ones
    closed = sorted((s for s in found if s.pair.ended_on is not None),
                    key=lambda s: s.pair.ended_on or dt.date.min, reverse=True)  # fmt: skip
    return open_ones + closed


def standing_of(
    connection: sqlite3.Connection, pair: Pair, *, today: dt.date, requirement: Requirement | None = None
) -> PairStanding:
    last = last_session(connection, pair)
    kinds = (EntryKind.SESSION.value, EntryKind.OBSERVATION.value)
    (contact,) = connection.execute(
        'SELECT max("on") FROM entry WHERE pair_id = ? AND kind IN (?, ?)', (pair.id, *kinds)
    ).fetchone()
    contact_on = dt.date.fromisoformat(contact) if contact else None
    counts = {
        owner: (int(open_), int(overdue or 0))
        for owner, open_, overdue in connection.execute(
            "SELECT owner, count(*), sum(due_on < ?) FROM action_item WHERE pair_id = ? AND done_on IS NULL"
            " GROUP BY owner",
            (today.isoformat(), pair.id),
        )
    }
    yours = counts.get(pair.owner_role, (0, 0))
    theirs = counts.get(Role.MENTEE if pair.owner_role == Role.MENTOR else Role.MENTOR, (0, 0))
    behind = sum(
        1
        for view in goals.list_goals(connection, pair, today=today, statuses={GoalStatus.ACTIVE})
        if view.pace in (Pace.BEHIND, Pace.OVERDUE)
    )
    (minutes,) = connection.execute(
        'SELECT coalesce(sum(duration_min), 0) FROM entry WHERE pair_id = ? AND kind = ? AND "on" BETWEEN ? AND ?',
        (pair.id, EntryKind.SESSION.value, month_start(today).isoformat(), today.isoformat()),
    ).fetchone()
    standing = Standing(
        cadence=cadence(
            last_session_on=last.on if last else None,
            last_next_session_on=last.next_session_on if last else None,
            cadence_days=pair.cadence_days,
            started_on=pair.started_on,
            today=today,
        ),
        cadence_days=pair.cadence_days,
        days_since_contact=(today - contact_on).days if contact_on else None,
        yours_open=yours[0], yours_overdue=yours[1], theirs_open=theirs[0], theirs_overdue=theirs[1],
        goals_behind=behind,
        minutes_this_month=int(minutes),
    )  # fmt: skip
    other = pair.mentee_name if pair.owner_role == Role.MENTOR else pair.mentor_name
    flag = check_in(standing, their_name=other) if pair.ended_on is None else CheckIn(False, [])
    figure = pair_contact(connection, pair, today=today, requirement=requirement, brief=True)
    return PairStanding(pair, standing, flag, contact_on, figure)


class Promise(NamedTuple):
    """An open action item of yours, and whom it was promised to."""

    pair: Pair
    item: ActionItem
    whom: str


@reading
def your_promises(connection: sqlite3.Connection, *, today: dt.date) -> list[Promise]:
    """What you promised whom, across the open pairs: your open action items, overdue first, then by due date."""
    found = []
    for pair in pairs.live_pairs(connection, archived=False):
        if pair.ended_on is not None:
            continue
        whom = pair.mentee_name if pair.owner_role == Role.MENTOR else pair.mentor_name
        items = ACTION.select(connection, "pair_id = ? AND done_on IS NULL AND owner = ?", (pair.id, pair.owner_role))
        found += [Promise(pair, item, whom) for item in items]

    def order(promise: Promise) -> tuple[int, int, dt.date, int]:
        due = promise.item.due_on
        return (0 if due is not None and due < today else 1, due is None, due or dt.date.max, promise.item.id or 0)

    return sorted(found, key=order)
