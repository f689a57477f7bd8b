"""Assessments against the pair's competency rubric, and the growth they show."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from mentorlog import validate
from mentorlog.db.transactions import reading
from mentorlog.errors import Invalid
from mentorlog.journal.entries import add_entry, get_entry, update_entry
from mentorlog.journal.pair_writes import pair_action
from mentorlog.journal.pairs import competencies
from mentorlog.journal.ratings import RatingInput as RatingInput
from mentorlog.journal.ratings import find_competency as find_competency
from mentorlog.journal.ratings import parse_level as parse_level
from mentorlog.journal.ratings import rated, resolve, write_ratings
from mentorlog.journal.sharing import EVERYTHING, Scope, entry_clause
from mentorlog.kinds import EntryKind, Rater, Role
from mentorlog.rules.growth import CompetencyGrowth, RatingPoint, growth, level_name

if TYPE_CHECKING:
    from mentorlog.models import Competency, Entry, Pair, Rating


def _title(rater: str, count: int) -> str:
    who = "Self-assessment" if rater == Rater.SELF else "Mentor assessment"
    return f"{who}: {count} competenc{'y' if count == 1 else 'ies'}"


@pair_action
def record_assessment(
    connection: sqlite3.Connection,
    pair: Pair,
    ratings: Sequence[RatingInput],
    *,
    rater: str,
    on: dt.date,
    note: str = "",
    private: bool = False,
    title: str = "",
    tags: Sequence[str] = (),
    goal_ids: Sequence[int] = (),
) -> Entry:
    """One assessment entry with a rating per competency named (titled by its rater and count, unless given)."""
    rater = validate.choice(rater, Rater, "rater")
    if not ratings:
        raise Invalid("an assessment needs at least one rating, as COMPETENCY=LEVEL")
    resolved = resolve(connection, pair, ratings)
    entry = add_entry(
        connection, pair, kind=EntryKind.ASSESSMENT, on=on, title=title.strip() or _title(rater, len(resolved)),
        body=note, author=Role.MENTEE if rater == Rater.SELF else Role.MENTOR, private=private, rater=rater,
        tags=tags, goal_ids=goal_ids,
    )  # fmt: skip
    write_ratings(connection, entry.id or 0, resolved)
    return entry


@pair_action
def update_assessment(
    connection: sqlite3.Connection,
    pair: Pair,
    entry_id: int,
    ratings: Sequence[RatingInput],
    *,
    on: dt.date | None = None,
    note: str | None = None,
    private: bool | None = None,
) -> Entry:
    """Change an assessment: its ratings replaced by these, and its date, note and privacy if given.
    However much changes, it is one edit, with one earlier version kept."""
    return update_entry(connection, pair, entry_id, ratings=ratings, on=on, body=note, private=private)


def update_ratings(connection: sqlite3.Connection, pair: Pair, entry_id: int, ratings: Sequence[RatingInput]) -> Entry:
    """Replace an assessment's ratings with these (one version kept, as for any edit of the entry)."""
    return update_entry(connection, pair, entry_id, ratings=ratings)


@reading
def ratings_detail(connection: sqlite3.Connection, entry: Entry) -> list[tuple[Competency, Rating]]:
    """An assessment's ratings with their competencies, in rubric order (forms and exports read these)."""
    return rated(connection, entry.id or 0)


# Every rating of the pair, oldest first: tens of thousands of small rows in a long journal.
GROWTH_SQL = """
    SELECT entry."on", entry.rater, rating.competency_id, rating.level FROM entry
    JOIN rating ON rating.entry_id = entry.id
    WHERE {entries} AND entry.kind = ?
    ORDER BY entry."on", entry.id
"""


@reading
def pair_growth(
    connection: sqlite3.Connection, pair: Pair, *, scope: Scope = EVERYTHING, ends: bool = False
) -> list[CompetencyGrowth]:
    """Each competency's levels over time, in rubric order (unrated ones too), from the assessments `scope`
    takes. With `ends`, each rater's first and latest level only: all that change and gap (the health
    figures, prep, an export's table) need of years of assessments."""
    entries, params = entry_clause(scope, int(pair.id or 0))
    # The rubric rated now, and each retired competency that was rated: its history stays in view.
    rubric = [c for c in competencies(connection, pair, retired=True)
              if c.retired_on is None or connection.execute(COUNT_SQL, (c.id, 1)).fetchone()[0]]  # fmt: skip
    names = {c.id: c.name for c in rubric}
    if ends:
        rows = _ends(connection, entries, params, [c.id for c in rubric])
    else:
        rows = connection.execute(GROWTH_SQL.format(entries=entries), (*params, EntryKind.ASSESSMENT.value)).fetchall()
    points = [RatingPoint(dt.date.fromisoformat(on), rater or Rater.SELF, names[competency_id], level)
              for on, rater, competency_id, level in rows]  # fmt: skip
    return growth(points, order=[c.name for c in rubric])


SPARSE = 400  # ratings of a competency, at most, read whole for its ends
COUNT_SQL = "SELECT count(*) FROM (SELECT 1 FROM rating WHERE competency_id = ? LIMIT ?)"  # counted up to SPARSE + 1
RATER_SQL = """
    SELECT entry."on", coalesce(entry.rater, 'self'), rating.competency_id, rating.level, entry.id
    FROM entry JOIN rating ON rating.entry_id = entry.id
    WHERE {entries} AND entry.kind = ? AND coalesce(entry.rater, 'self') = ?
    ORDER BY entry."on", entry.id
"""
SPARSE_SQL = """
    SELECT entry."on", coalesce(entry.rater, 'self'), rating.competency_id, rating.level, entry.id
    FROM rating JOIN entry ON entry.id = rating.entry_id
    WHERE rating.competency_id = ? AND {entries} AND entry.kind = ?
    ORDER BY entry."on", entry.id
"""
# A competency's first or latest rating by one rater: the pair's assessments walked in date order on
# their index until one rated it (the first assessment, mostly), not every rating of years read.
END_SQL = """
    SELECT entry."on", entry.rater, rating.competency_id, rating.level, entry.id FROM entry
    JOIN rating ON rating.entry_id = entry.id AND rating.competency_id = ?
    WHERE {entries} AND entry.kind = ? AND coalesce(entry.rater, 'self') = ?
    ORDER BY entry."on" {order}, entry.id {order} LIMIT 1
"""


def _ends(connection: sqlite3.Connection, entries: str, params: list[Any], competencies: list[int | None]) -> list[Any]:
    """Each rater's first and latest rating of each competency, read the cheapest way for how often each was
    rated: a rater of few assessments (the mentor's few beside years of self-ratings) by their assessments,
    a competency rated seldom (most of a 38-element rubric) by its own ratings, and only a competency rated
    often by a rater who rated much by walking the assessments in date order from either end."""
    kind = EntryKind.ASSESSMENT.value
    sql = f"SELECT coalesce(rater, 'self'), count(*) FROM entry WHERE {entries} AND kind = ? GROUP BY 1"
    assessed = dict(connection.execute(sql, (*params, kind)).fetchall())
    found: dict[tuple[int, int | None], Any] = {}
    wanted = set(competencies)

    def keep(rows: list[Any]) -> None:
        for row in rows[:1] + rows[-1:]:
            found[(row[4], row[2])] = row[:4]  # one point when the first is the latest

    counts: dict[int | None, int] = {}
    seldom: dict[int | None, list[Any]] = {}
    for rater, many in assessed.items():
        if many <= SPARSE:
            rows = connection.execute(RATER_SQL.format(entries=entries), (*params, kind, rater)).fetchall()
            for competency in wanted:
                keep([row for row in rows if row[2] == competency])
            continue
        for competency in competencies:
            if competency not in counts:
                counts[competency] = connection.execute(COUNT_SQL, (competency, SPARSE + 1)).fetchone()[0]
            if counts[competency] == 0:
                continue  # never rated (one new to the rubric): nothing to walk
            if counts[competency] <= SPARSE:
                if competency not in seldom:
                    seldom[competency] = connection.execute(
                        SPARSE_SQL.format(entries=entries), (competency, *params, kind)
                    ).fetchall()
                keep([row for row in seldom[competency] if row[1] == rater])
                continue
            for order in ("ASC", "DESC"):
                row = connection.execute(END_SQL.format(entries=entries, order=order),
                                         (competency, *params, kind, rater)).fetchone()  # fmt: skip
                if row is not None:
                    keep([row])
    return sorted(found.values(), key=lambda row: (row[0], row[2]))


SPARKLINE_POINTS = 60  # a sparkline shows no more than this many reflections usefully


def confidence_trend(
    connection: sqlite3.Connection, pair: Pair, *, latest: int = SPARKLINE_POINTS, scope: Scope = EVERYTHING
) -> list[tuple[dt.date, int]]:
    """The mentee's confidence from the latest reflections `scope` takes, oldest first."""
    entries, params = entry_clause(scope, int(pair.id or 0))
    found = connection.execute(
        f'SELECT "on", confidence FROM entry WHERE {entries} AND kind = ? AND confidence IS NOT NULL'
        ' ORDER BY "on" DESC, id DESC LIMIT ?',
        (*params, EntryKind.REFLECTION.value, latest),
    ).fetchall()
    return [(dt.date.fromisoformat(on), int(level)) for on, level in reversed(found)]


class GrowthView(NamedTuple):
    """What the Growth screen shows: each competency's levels over time, and the mentee's confidence."""

    rows: list[CompetencyGrowth]
    confidence: list[tuple[dt.date, int]]


@reading
def growth_view(connection: sqlite3.Connection, pair: Pair) -> GrowthView:
    return GrowthView(pair_growth(connection, pair), confidence_trend(connection, pair))


@pair_action
def change_ratings(
    connection: sqlite3.Connection,
    pair: Pair,
    entry_id: int,
    changes: Sequence[RatingInput],
    *,
    removed: Sequence[str] = (),
) -> Entry:
    """Correct an assessment: each of `changes` rates its competency anew (level and evidence), each of
    `removed` takes its rating out; the others stay. One edit of the entry: its earlier version is kept."""
    entry = get_entry(connection, pair, entry_id).entry
    if entry.kind != EntryKind.ASSESSMENT:
        raise Invalid(f"entry #{entry_id} is a {entry.kind}, not an assessment")
    active = competencies(connection, pair)
    current = {c.id: RatingInput(c.name, r.level, r.evidence) for c, r in rated(connection, entry_id)
               if c.retired_on is None}  # fmt: skip
    for ref in removed:
        found = find_competency(active, ref)
        if current.pop(found.id, None) is None:
            raise Invalid(f"assessment #{entry_id} does not rate {found.name}")
    for change in changes:
        found = find_competency(active, change.competency)
        current[found.id] = RatingInput(found.name, change.level, change.evidence)
    return update_entry(connection, pair, entry_id, ratings=list(current.values()))


def ratings_of(connection: sqlite3.Connection, entry: Entry) -> list[tuple[str, int, str]]:
    """An assessment's ratings as (competency, level, the level's name as given), in rubric order."""
    return [(competency.name, rating.level, label(rating)) for competency, rating in rated(connection, entry.id or 0)]


def label(rating: Rating) -> str:
    """The name of a rating's level, as the rubric named it when the rating was given."""
    return rating.level_label or level_name(rating.level)
