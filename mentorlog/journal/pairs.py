"""Creating, listing and choosing mentoring pairs.

A pair deleted to the trash (`deleted_at`) is in no list and answers to no name until it is
restored; an archived one (closed, then put away) is left out of lists unless they ask for
everything, but is still found by its number or name.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import TYPE_CHECKING, NamedTuple

from mentorlog import validate
from mentorlog.codec import text_list
from mentorlog.db import writes
from mentorlog.db.tables import COMPETENCY, PAIR
from mentorlog.db.transactions import action, reading
from mentorlog.errors import Invalid, MentorlogError, NotFound
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
    new: bool = False,
) -> Pair:
    """A new pair with the default competency rubric seeded; a second pair of the same two people is made
    only when asked for (`new`): a forgotten `init` must not make an empty twin that hides the first."""
    mentor_name = validate.line(mentor, "mentor name", required=True)
    mentee_name = validate.line(mentee, "mentee name", required=True)
    if name_key(mentor_name) == name_key(mentee_name):
        raise Invalid("mentor and mentee must be two different people")
    twin = None if new else twin_of(connection, mentor_name, mentee_name)
    if twin is not None:
        raise Invalid(
            f"{twin.ref} is these two already: use it (--pair {twin.id}), or make a second pair of the same "
            "two people on purpose with --new"
        )
    values = {
        "mentor_name": mentor_name,
        "mentee_name": mentee_name,
        "program": validate.choice(program, Program, "program"),
        "owner_role": validate.choice(role, Role, "role"),
        "cadence_days": validate.positive(cadence_days, "cadence (days)", high=365) or 14,
        "started_on": validate.day(started_on, "started on") or today,
        "agreement": validate.text(agreement, "agreement"),
    }
    pair_id = writes.insert(connection, PAIR, values)
    for position, name in enumerate(DEFAULT_RUBRIC, start=1):  # the seeded preset (rubric_presets)
        writes.insert(connection, COMPETENCY, {"pair_id": pair_id, "name": name, "position": position})
    return get_pair(connection, pair_id)


def get_pair(connection: sqlite3.Connection, pair_id: int) -> Pair:
    found = find_pair(connection, pair_id)
    if found is None:
        raise NotFound(f"no pair #{pair_id} (see 'mentorlog pairs')")
    return found


LIVE = "pair.deleted_at IS NULL"  # not in the trash


def find_pair(connection: sqlite3.Connection, pair_id: int) -> Pair | None:
    """The pair of that number, or None if the journal holds none (or it is in the trash)."""
    if not 0 < pair_id <= validate.LARGEST_ID:
        return None
    return PAIR.one(connection, f"pair.id = ? AND {LIVE}", (pair_id,))


def live_pairs(connection: sqlite3.Connection, *, archived: bool = True) -> list[Pair]:
    """Every pair not in the trash (and not archived, unless `archived`), by number."""
    return PAIR.select(connection, LIVE if archived else f"{LIVE} AND pair.archived_on IS NULL")


def has_pair(connection: sqlite3.Connection) -> bool:
    """Whether the journal holds a pair yet: one row looked at, not every entry counted."""
    return connection.execute(f"SELECT 1 FROM pair WHERE {LIVE} LIMIT 1").fetchone() is not None


def name_key(name: str) -> str:
    """A name as two spellings of the same person compare: case, accents and spaces aside."""
    import unicodedata

    bare = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def twin_of(connection: sqlite3.Connection, mentor: str, mentee: str) -> Pair | None:
    """A pair (not in the trash) of the same mentor and mentee, whatever the case, accents or spaces."""
    wanted = (name_key(mentor), name_key(mentee))
    return next((p for p in live_pairs(connection) if (name_key(p.mentor_name), name_key(p.mentee_name)) == wanted),
                None)  # fmt: skip


@reading
def list_pairs(connection: sqlite3.Connection, *, archived: bool = True) -> list[PairSummary]:
    # Three index lookups a pair rather than one GROUP BY: a caseload is a handful of pairs,
    # and a scan of every entry costs a long journal's `pairs` three times as much.
    found = []
    for pair in live_pairs(connection, archived=archived):
        (entries,) = connection.execute("SELECT count(*) FROM entry WHERE pair_id = ?", (pair.id,)).fetchone()
        sessions = (pair.id, EntryKind.SESSION.value)
        (held,) = connection.execute("SELECT count(*) FROM entry WHERE pair_id = ? AND kind = ?", sessions).fetchone()
        (last,) = connection.execute('SELECT max("on") FROM entry WHERE pair_id = ? AND kind = ?', sessions).fetchone()
        found.append(PairSummary(pair, int(held), int(entries), dt.date.fromisoformat(last) if last else None))
    return found


def default_pair(connection: sqlite3.Connection) -> Pair:
    """The pair a command without `--pair` is about: the only pair, else the one the user chose last
    (`choose_pair`), else the only one still active. Never a side effect of what was written last: with
    several active pairs and none chosen, NoPairChosen names them all."""
    found = live_pairs(connection)
    if not found:
        raise NotFound(
            "no mentoring pair in this journal yet: create one with "
            "'mentorlog init --mentor NAME --mentee NAME' (or try 'mentorlog demo')"
        )
    if len(found) == 1:
        return found[0]
    chosen = [p for p in found if p.chosen_at is not None]
    if chosen:
        return max(chosen, key=lambda p: (p.chosen_at, p.id))
    active = [p for p in found if p.ended_on is None]
    if len(active) == 1:
        return active[0]
    raise NoPairChosen(active or found)


class NoPairChosen(MentorlogError):
    """Several pairs, and none chosen: a write could land on the wrong mentee, so nothing is guessed."""

    def __init__(self, candidates: list[Pair]) -> None:
        self.candidates = candidates
        listed = ", ".join(f"#{p.id} {p.label}" for p in candidates)
        super().__init__(
            f"this journal holds {len(candidates)} active pairs and none is chosen ({listed}): "
            "say which with --pair, or choose one with 'mentorlog pair use NAME|ID'"
        )


@reading
def resolve_pair(connection: sqlite3.Connection, ref: str | None) -> Pair:
    """The pair named by id or name; without one, the default pair (`default_pair`)."""
    if ref is None or not ref.strip():
        return default_pair(connection)
    ref = ref.strip()
    if ref.lstrip("#").isdigit():
        pair = find_pair(connection, int(ref.lstrip("#")[:20]))
        if pair is None:
            raise NotFound(f"no pair #{ref.lstrip('#')} (see 'mentorlog pairs --all')")
        return pair
    wanted = name_key(ref)
    pairs = live_pairs(connection)
    exact = [p for p in pairs if wanted in (name_key(p.mentor_name), name_key(p.mentee_name))]
    matches = exact or [p for p in pairs if wanted in name_key(p.mentor_name) or wanted in name_key(p.mentee_name)]
    if not matches:
        raise NotFound(f"no pair with a mentor or mentee named {ref!r} (see 'mentorlog pairs')")
    if len(matches) > 1:
        # An archived pair gives way to an open one of the same name: "Sam" is the Sam of now.
        current = [p for p in matches if p.archived_on is None]
        if len(current) == 1:
            return current[0]
        ids = ", ".join(f"#{p.id} {p.label}" for p in matches)
        raise Invalid(f"{ref!r} names more than one pair ({ids}): use the pair's number")
    return matches[0]


@action
def choose_pair(connection: sqlite3.Connection, ref: str) -> Pair:
    """Make the pair `ref` names the default of every command without `--pair` (and the pair the TUI
    opens on). A setting of this journal's, not an edit of the pair: no version kept, nothing exported."""
    pair = resolve_pair(connection, ref)
    writes.update(connection, PAIR, pair.id or 0, {"chosen_at": utcnow()}, stamp=False)
    return get_pair(connection, pair.id or 0)


def default_pair_id(connection: sqlite3.Connection) -> int | None:
    """The default pair's number, or None where there is none (no pair, or several and none chosen)."""
    try:
        return default_pair(connection).id
    except (NotFound, NoPairChosen):
        return None


def pair_count(connection: sqlite3.Connection) -> int:
    (count,) = connection.execute(f"SELECT count(*) FROM pair WHERE {LIVE}").fetchone()
    return int(count)


def called(connection: sqlite3.Connection, pair: Pair) -> str:
    """How a confirmation names the pair it wrote to: the other person of the pair (the mentee in a
    mentor's journal), or the pair in full where that name alone could mean another pair too."""
    other = pair.mentee_name if pair.owner_role == Role.MENTOR else pair.mentor_name
    sharing = connection.execute(
        f"SELECT count(*) FROM pair WHERE id != ? AND {LIVE} AND (mentee_name = ? COLLATE NOCASE"
        " OR mentor_name = ? COLLATE NOCASE)",
        (pair.id, other, other),
    ).fetchone()[0]
    return other if not sharing else f"{pair.label} (pair #{pair.id})"


def rubric_levels(connection: sqlite3.Connection, pair: Pair) -> tuple[str, ...]:
    """The pair's level scale as the journal holds it now (a rubric edit in the same transaction changes it)."""
    (raw,) = connection.execute("SELECT rubric_levels FROM pair WHERE id = ?", (pair.id,)).fetchone()
    return tuple(text_list(raw))


def competencies(connection: sqlite3.Connection, pair: Pair, *, retired: bool = False) -> list[Competency]:
    """The pair's rubric in order: the competencies rated now, or (`retired`) the retired ones after them."""
    where = "competency.pair_id = ?" + ("" if retired else " AND competency.retired_on IS NULL")
    return COMPETENCY.select(connection, where, (pair.id,), "competency.retired_on IS NOT NULL, competency.position")
