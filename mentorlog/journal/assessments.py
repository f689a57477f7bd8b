"""Assessments against the pair's competency rubric, and the growth they show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlmodel import Session, col, select

from mentorlog.db import rows
from mentorlog.errors import Invalid
from mentorlog.journal import validate
from mentorlog.journal.entries import add_entry, update_entry
from mentorlog.journal.pairs import competencies
from mentorlog.journal.ratings import RatingInput as RatingInput
from mentorlog.journal.ratings import find_competency as find_competency
from mentorlog.journal.ratings import parse_level as parse_level
from mentorlog.journal.ratings import resolve, write_ratings
from mentorlog.models import Competency, Entry, EntryKind, Pair, Rater, Rating, Role, key
from mentorlog.rules.growth import CompetencyGrowth, RatingPoint, growth


def record_assessment(
    s: Session,
    pair: Pair,
    ratings: Sequence[RatingInput],
    *,
    rater: str,
    on: dt.date,
    note: str = "",
    private: bool = False,
) -> Entry:
    """One assessment entry with a rating per competency named."""
    rater = validate.choice(rater, Rater, "rater")
    if not ratings:
        raise Invalid("an assessment needs at least one rating, as COMPETENCY=LEVEL")
    resolved = resolve(s, pair, ratings)
    who = "Self-assessment" if rater == Rater.SELF else "Mentor assessment"
    entry = add_entry(
        s,
        pair,
        kind=EntryKind.ASSESSMENT,
        on=on,
        title=f"{who}: {len(resolved)} competenc{'y' if len(resolved) == 1 else 'ies'}",
        body=note,
        author=Role.MENTEE if rater == Rater.SELF else Role.MENTOR,
        private=private,
        rater=rater,
    )
    write_ratings(s, entry, resolved)
    return entry


def update_ratings(s: Session, pair: Pair, entry_id: int, ratings: Sequence[RatingInput]) -> Entry:
    """Replace an assessment's ratings with these (one version kept, as for any edit of the entry)."""
    return update_entry(s, pair, entry_id, ratings=ratings)


def ratings_detail(s: Session, entry: Entry) -> list[tuple[Competency, Rating]]:
    """An assessment's ratings with their competencies, in rubric order (forms and exports read these)."""
    rows = s.exec(
        select(Competency, Rating)
        .join(Rating, col(Rating.competency_id) == col(Competency.id))
        .where(Rating.entry_id == entry.id)
        .order_by(col(Competency.position))
    ).all()
    return [(competency, rating) for competency, rating in rows]


# Every rating of the pair: tens of thousands of small rows in a long journal, read on the session's
# own connection (the ORM's per-value processing took most of the dashboard's health figures).
GROWTH_SQL = """
    SELECT entry."on", entry.rater, competency.name, rating.level FROM entry
    JOIN rating ON rating.entry_id = entry.id
    JOIN competency ON competency.id = rating.competency_id
    WHERE entry.pair_id = ? AND entry.kind = ?
    ORDER BY entry."on", entry.id
"""


def pair_growth(s: Session, pair: Pair) -> list[CompetencyGrowth]:
    found = rows.driver(s).execute(GROWTH_SQL, (key(pair), EntryKind.ASSESSMENT.value))
    points = [
        RatingPoint(dt.date.fromisoformat(on), rater or Rater.SELF, name, level) for on, rater, name, level in found
    ]
    return growth(points, order=[c.name for c in competencies(s, pair)])


def ratings_of(s: Session, entry: Entry) -> list[tuple[str, int]]:
    """An assessment's ratings as (competency, level), in rubric order."""
    rows = s.exec(
        select(Competency.name, Rating.level)
        .join(Rating, col(Rating.competency_id) == col(Competency.id))
        .where(Rating.entry_id == entry.id)
        .order_by(col(Competency.position))
    ).all()
    return [(name, level) for name, level in rows]
