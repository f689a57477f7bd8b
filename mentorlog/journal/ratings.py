"""Ratings against the rubric: naming a competency and a level, and writing an assessment's ratings.

Kept apart from assessments.py so an edit of an entry (journal.entries.update_entry)
can replace an assessment's ratings inside the one version that edit keeps.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from mentorlog import validate
from mentorlog.db import writes
from mentorlog.db.tables import COMPETENCY, RATING
from mentorlog.errors import Invalid, NotFound
from mentorlog.journal.pairs import competencies
from mentorlog.rules.growth import LEVELS

if TYPE_CHECKING:
    from mentorlog.models import Competency, Pair, Rating

Resolved = dict[int, tuple["Competency", int, str]]  # competency id -> (competency, level, evidence)


class RatingInput(NamedTuple):
    competency: str  # a name, an unambiguous part of one, or its number in the rubric
    level: int | str
    evidence: str = ""


def find_competency(rubric: Sequence[Competency], ref: str) -> Competency:
    """The competency `ref` names: its number, its name, a unique start of it or a word in it."""
    wanted = ref.strip().casefold()
    if not wanted:
        raise Invalid("a rating needs a competency, as NAME=LEVEL")
    if wanted.isdigit():
        for competency in rubric:
            if competency.position == int(wanted):
                return competency
        raise NotFound(f"no competency number {wanted} (the rubric has {len(rubric)})")
    for test in (
        lambda c: c.name.casefold() == wanted,
        lambda c: c.name.casefold().startswith(wanted),
        lambda c: wanted in c.name.casefold(),
    ):
        matches = [c for c in rubric if test(c)]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            names = "; ".join(c.name for c in matches)
            raise Invalid(f"{ref!r} matches more than one competency ({names})")
    raise NotFound(f"no competency matches {ref!r} (the rubric: {'; '.join(c.name for c in rubric)})")


def parse_level(value: int | str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        level = value
    else:
        text = str(value).strip()
        names = {name.casefold(): n for n, name in enumerate(LEVELS, start=1)}
        if text.casefold() in names:
            return names[text.casefold()]
        if not text.lstrip("-").isdigit():
            raise Invalid(f"a level is a number from 1 to 5 or a level name (not {text!r})")
        level = int(text)
    if not 1 <= level <= 5:
        raise Invalid(f"a level is from 1 (Beginning) to 5 (Innovating), not {level}")
    return level


def resolve(connection: sqlite3.Connection, pair: Pair, ratings: Sequence[RatingInput]) -> Resolved:
    """Each rating checked against the pair's rubric; Invalid or NotFound names the first one wrong."""
    rubric = competencies(connection, pair)
    resolved: Resolved = {}
    for rating in ratings:
        competency = find_competency(rubric, rating.competency)
        if competency.id in resolved:
            raise Invalid(f"{competency.name} is rated twice")
        resolved[competency.id or 0] = (competency, parse_level(rating.level),
                                        validate.text(rating.evidence, "evidence"))  # fmt: skip
    return resolved


def write_ratings(connection: sqlite3.Connection, entry_id: int, resolved: Resolved) -> None:
    for competency, level, evidence in resolved.values():
        writes.insert(connection, RATING, {"entry_id": entry_id, "competency_id": competency.id,
                                           "level": level, "evidence": evidence})  # fmt: skip


def replace_ratings(connection: sqlite3.Connection, entry_id: int, resolved: Resolved) -> None:
    """Make the entry's ratings these. A rating keeps its uid while its competency stays rated, so a
    merge elsewhere updates it in place."""
    remaining = dict(resolved)
    for old in RATING.select(connection, "entry_id = ?", (entry_id,)):
        new = remaining.pop(old.competency_id, None)
        if new is None:
            writes.delete(connection, RATING, "id = ?", (old.id,))
        elif (old.level, old.evidence) != new[1:]:
            writes.update(connection, RATING, old.id or 0, {"level": new[1], "evidence": new[2]})
    write_ratings(connection, entry_id, remaining)


def rated(connection: sqlite3.Connection, entry_id: int) -> list[tuple[Competency, Rating]]:
    """An assessment's ratings with their competencies, in rubric order."""
    found = connection.execute(
        f"SELECT {COMPETENCY.selected}, {RATING.selected} FROM rating JOIN competency"
        " ON competency.id = rating.competency_id WHERE rating.entry_id = ? ORDER BY competency.position",
        (entry_id,),
    ).fetchall()
    width = len(COMPETENCY.columns)
    return [(COMPETENCY.row(row[:width]), RATING.row(row[width:])) for row in found]
