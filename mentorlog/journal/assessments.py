"""Assessments against the pair's competency rubric, and the growth they show."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select

from mentorlog.db import rows
from mentorlog.errors import Invalid, NotFound
from mentorlog.journal import validate, versions
from mentorlog.journal.entries import add_entry, get_entry
from mentorlog.journal.pairs import competencies
from mentorlog.models import Competency, Entry, EntryKind, Pair, Rater, Rating, Role, key, utcnow
from mentorlog.rules.growth import LEVELS, CompetencyGrowth, RatingPoint, growth


@dataclass(frozen=True)
class RatingInput:
    competency: str  # a name, an unambiguous part of one, or its number in the rubric
    level: int | str
    evidence: str = ""


def find_competency(rubric: Sequence[Competency], ref: str) -> Competency:
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
    resolved = _resolve(s, pair, ratings)
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
    _write_ratings(s, entry, resolved)
    return entry


def update_ratings(s: Session, pair: Pair, entry_id: int, ratings: Sequence[RatingInput]) -> Entry:
    """Replace an assessment's ratings with these."""
    entry = get_entry(s, pair, entry_id).entry
    if entry.kind != EntryKind.ASSESSMENT:
        raise Invalid(f"entry #{entry_id} is a {entry.kind}, not an assessment")
    if not ratings:
        raise Invalid("an assessment needs at least one rating")
    resolved = _resolve(s, pair, ratings)
    with versions.keeping_version(s, entry):
        # A rating keeps its uid while its competency stays rated, so merges elsewhere update it in place.
        changed = False
        for old in s.exec(select(Rating).where(Rating.entry_id == entry_id)).all():
            new = resolved.pop(old.competency_id, None)
            if new is None:
                s.delete(old)
                changed = True
            elif (old.level, old.evidence) != new[1:]:
                old.level, old.evidence = new[1], new[2]
                s.add(old)
                changed = True
        s.flush()
        _write_ratings(s, entry, resolved)
        if changed or resolved:
            entry.updated_at = utcnow()
            s.add(entry)
            s.flush()
    return entry


def _resolve(s: Session, pair: Pair, ratings: Sequence[RatingInput]) -> dict[int, tuple[Competency, int, str]]:
    rubric = competencies(s, pair)
    resolved: dict[int, tuple[Competency, int, str]] = {}
    for rating in ratings:
        competency = find_competency(rubric, rating.competency)
        if key(competency) in resolved:
            raise Invalid(f"{competency.name} is rated twice")
        resolved[key(competency)] = (competency, parse_level(rating.level), validate.text(rating.evidence, "evidence"))
    return resolved


def _write_ratings(s: Session, entry: Entry, resolved: dict[int, tuple[Competency, int, str]]) -> None:
    for competency, level, evidence in resolved.values():
        s.add(Rating(entry_id=key(entry), competency_id=key(competency), level=level, evidence=evidence))
    s.flush()


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
