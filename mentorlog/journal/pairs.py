"""Creating, listing and choosing mentoring pairs."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import TYPE_CHECKING, NamedTuple

from mentorlog.db import writes
from mentorlog.db.tables import COMPETENCY, PAIR
from mentorlog.db.transactions import action, reading
from mentorlog.errors import Invalid, NotFound
from mentorlog.journal import validate
from mentorlog.kinds import DEFAULT_RUBRIC, EntryKind, Program, Role
from mentorlog.stamps import utcnow

if TYPE_CHECKING:
    from mentorlog.models import Competency, Pair


class PairSummary(NamedTuple):
    pair: Pair
    sessions: int
    entries: int
    last_session_on: dt.date | None


@action
def create_pair(
    connection: sqlite3.Connection,
    *,
    mentor: str,
    mentee: str,
    today: dt.date,
    program: str = Program.INDUCTION,
    role: str = Role.MENTOR,
    cadence_days: int = 14,
    started_on: dt.date | None = None,
    agreement: str = "",
) -> Pair:
    """A new pair with the default competency rubric seeded."""
    mentor_name = validate.line(mentor, "mentor name", required=True)
    mentee_name = validate.line(mentee, "mentee name", required=True)
    if mentor_name.casefold() == mentee_name.casefold():
        raise Invalid("mentor and mentee must be two different people")
    values = {
        "mentor_name": mentor_name,
        "mentee_name": mentee_name,
        "program": validate.choice(program, Program, "program"),
        "owner_role": validate.choice(role, Role, "role"),
        "cadence_days": validate.positive(cadence_days, "cadence (days)", high=365) or 14,
        "started_on": validate.day(started_on, "started on") or today,
        "agreement": validate.text(agreement, "agreement"),
        "last_used_at": utcnow(),
    }
    pair_id = writes.insert(connection, PAIR, values)
    for position, name in enumerate(DEFAULT_RUBRIC, start=1):
        writes.insert(connection, COMPETENCY, {"pair_id": pair_id, "name": name, "position": position})
    return get_pair(connection, pair_id)


def get_pair(connection: sqlite3.Connection, pair_id: int) -> Pair:
    found = find_pair(connection, pair_id)
    if found is None:
        raise NotFound(f"no pair #{pair_id} (see 'mentorlog pairs')")
    return found


def find_pair(connection: sqlite3.Connection, pair_id: int) -> Pair | None:
    """The pair of that number, or None if the journal holds none."""
    return PAIR.get(connection, pair_id) if 0 < pair_id <= validate.LARGEST_ID else None


def has_pair(connection: sqlite3.Connection) -> bool:
    """Whether the journal holds a pair yet: one row looked at, not every entry counted."""
    return connection.execute("SELECT 1 FROM pair LIMIT 1").fetchone() is not None


@reading
def list_pairs(connection: sqlite3.Connection) -> list[PairSummary]:
    # Three index lookups a pair rather than one GROUP BY: a caseload is a handful of pairs,
    # and a scan of every entry costs a long journal's `pairs` three times as much.
    found = []
    for pair in PAIR.select(connection):
        (entries,) = connection.execute("SELECT count(*) FROM entry WHERE pair_id = ?", (pair.id,)).fetchone()
        sessions = (pair.id, EntryKind.SESSION.value)
        (held,) = connection.execute("SELECT count(*) FROM entry WHERE pair_id = ? AND kind = ?", sessions).fetchone()
        (last,) = connection.execute('SELECT max("on") FROM entry WHERE pair_id = ? AND kind = ?', sessions).fetchone()
        found.append(PairSummary(pair, int(held), int(entries), dt.date.fromisoformat(last) if last else None))
    return found


@reading
def resolve_pair(connection: sqlite3.Connection, ref: str | None) -> Pair:
    """The pair named by id or name; without a name, the only pair or the last one used."""
    if ref is None or not ref.strip():
        found = PAIR.select(connection, order="last_used_at IS NULL, last_used_at DESC, id DESC", limit=1)
        if not found:
            raise NotFound(
                "no mentoring pair in this journal yet: create one with "
                "'mentorlog init --mentor NAME --mentee NAME' (or try 'mentorlog demo')"
            )
        return found[0]
    ref = ref.strip()
    if ref.lstrip("#").isdigit():
        number = int(ref.lstrip("#"))
        pair = PAIR.get(connection, number) if number <= validate.LARGEST_ID else None
        if pair is None:
            raise NotFound(f"no pair #{ref.lstrip('#')} (see 'mentorlog pairs')")
        return pair
    wanted = ref.casefold()
    pairs = PAIR.select(connection)
    exact = [p for p in pairs if wanted in (p.mentor_name.casefold(), p.mentee_name.casefold())]
    matches = exact or [p for p in pairs if wanted in p.mentor_name.casefold() or wanted in p.mentee_name.casefold()]
    if not matches:
        raise NotFound(f"no pair with a mentor or mentee named {ref!r} (see 'mentorlog pairs')")
    if len(matches) > 1:
        ids = ", ".join(f"#{p.id} {p.label}" for p in matches)
        raise Invalid(f"{ref!r} names more than one pair ({ids}): use the pair's number")
    return matches[0]


def mark_used(connection: sqlite3.Connection, pair: Pair) -> None:
    """Remember the pair as the most recently used, without counting it as an edit (part of the caller's
    transaction: every write names its pair)."""
    writes.update(connection, PAIR, pair.id or 0, {"last_used_at": utcnow()}, stamp=False)


def competencies(connection: sqlite3.Connection, pair: Pair) -> list[Competency]:
    return COMPETENCY.select(connection, "competency.pair_id = ?", (pair.id,), "competency.position")
