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
from mentorlog.journal.pairs import competencies, rubric_levels
from mentorlog.rules.growth import LEVELS

if TYPE_CHECKING:
    from mentorlog.models import Competency, Pair, Rating

# competency id -> (competency, level, evidence, the level's name on the pair's scale)
Resolved = dict[int, tuple["Competency", int, str, str]]


class RatingInput(NamedTuple):
    competency: str  # a name, an unambiguous part of one, or its number in the rubric
    level: int | str
    evidence: str = ""


def find_competency(rubric: Sequence[Competency], ref: str) -> Competency:
    """The competency `ref` names, one way everywhere: its number in the rubric, its code (`3b`, `CSTP 2.3`),
    its name, a unique start of it, or a word in it; NotFound or Invalid names the choices."""
    wanted = " ".join(ref.split()).casefold()
    if not wanted:
        raise Invalid("a rating needs a competency, as NAME=LEVEL")
    if wanted.isdigit() and not any(c.code.casefold() == wanted for c in rubric):
        if 1 <= int(wanted) <= len(rubric):
            return rubric[int(wanted) - 1]
        raise NotFound(f"no competency number {wanted} (the rubric has {len(rubric)})")
    for test in (
        lambda c: c.code.casefold() == wanted or c.code.casefold().rsplit(" ", 1)[-1] == wanted,
        lambda c: c.name.casefold() == wanted,
        lambda c: c.name.casefold().startswith(wanted),
        lambda c: wanted in c.name.casefold(),
    ):
        matches = [c for c in rubric if test(c)]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            names = "; ".join(_named(c) for c in matches[:8]) + ("; ..." if len(matches) > 8 else "")
            raise Invalid(f"{ref!r} matches more than one competency ({names})")
    shown = "; ".join(_named(c) for c in rubric[:12]) + ("; ..." if len(rubric) > 12 else "")
    raise NotFound(f"no competency matches {ref!r} (the rubric: {shown})")


def _named(competency: Competency) -> str:
    return f"{competency.code} {competency.name}" if competency.code else competency.name


def parse_level(value: int | str, levels: Sequence[str] = LEVELS) -> int:
    """A level on the scale `levels` (the pair's rubric's): its number or its name."""
    return level_number(value, tuple(levels))


def level_number(level: int | str, levels: tuple[str, ...]) -> int:
    """A level as typed (its number, or its name in any case) on the scale `levels`; Invalid naming them."""
    shown = ", ".join(f"{n} {name}" for n, name in enumerate(levels, start=1))
    if isinstance(level, int) and not isinstance(level, bool):
        n = level
    else:
        text = str(level).strip()
        names = {name.casefold(): n for n, name in enumerate(levels, start=1)}
        if text.casefold() in names:
            return names[text.casefold()]
        if not text.lstrip("-").isdigit():
            raise Invalid(f"a level is a number or a name of the rubric's scale ({shown}), not {text!r}")
        n = int(text)
    if not 1 <= n <= len(levels):
        raise Invalid(f"a level is on the rubric's scale ({shown}), not {n}")
    return n


def resolve(connection: sqlite3.Connection, pair: Pair, ratings: Sequence[RatingInput]) -> Resolved:
    """Each rating checked against the pair's rubric; Invalid or NotFound names the first one wrong."""
    rubric = competencies(connection, pair)
    levels = rubric_levels(connection, pair)
    resolved: Resolved = {}
    for rating in ratings:
        competency = find_competency(rubric, rating.competency)
        if competency.id in resolved:
            raise Invalid(f"{competency.name} is rated twice")
        level = parse_level(rating.level, levels)
        resolved[competency.id or 0] = (competency, level, validate.text(rating.evidence, "evidence"),
                                        levels[level - 1])  # fmt: skip
    return resolved


def write_ratings(connection: sqlite3.Connection, entry_id: int, resolved: Resolved) -> None:
    for competency, level, evidence, label in resolved.values():
        writes.insert(connection, RATING, {"entry_id": entry_id, "competency_id": competency.id,
                                           "level": level, "evidence": evidence, "level_label": label})  # fmt: skip


def replace_ratings(connection: sqlite3.Connection, entry_id: int, resolved: Resolved) -> None:
    """Make the entry's ratings these (a retired competency's rating stays as it was: no form offers it).
    A rating keeps its uid while its competency stays rated, so a merge elsewhere updates it in place."""
    remaining = dict(resolved)
    rated_here = "retired_on IS NOT NULL AND id IN (SELECT competency_id FROM rating WHERE entry_id = ?)"
    retired = {c.id for c in COMPETENCY.select(connection, rated_here, (entry_id,))}
    for old in RATING.select(connection, "entry_id = ?", (entry_id,)):
        new = remaining.pop(old.competency_id, None)
        if new is None and old.competency_id in retired:
            continue  # a retired competency is rated no more, and keeps what it was rated
        if new is None:
            writes.delete(connection, RATING, "id = ?", (old.id,))
        elif (old.level, old.evidence, old.level_label) != new[1:]:
            writes.update(connection, RATING, old.id or 0, {"level": new[1], "evidence": new[2], "level_label": new[3]})
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
