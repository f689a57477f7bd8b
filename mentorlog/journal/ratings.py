"""Ratings against the rubric: naming a competency and a level, and writing an assessment's ratings.

Kept apart from assessments.py so an edit of an entry (journal.entries.update_entry)
can replace an assessment's ratings inside the one version that edit keeps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, select

from mentorlog.errors import Invalid, NotFound
from mentorlog.journal import validate
from mentorlog.journal.pairs import competencies
from mentorlog.models import Competency, Entry, Pair, Rating, key
from mentorlog.rules.growth import LEVELS

Resolved = dict[int, tuple[Competency, int, str]]  # competency id -> (competency, level, evidence)


@dataclass(frozen=True)
class RatingInput:
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


def resolve(s: Session, pair: Pair, ratings: Sequence[RatingInput]) -> Resolved:
    """Each rating checked against the pair's rubric; Invalid or NotFound names the first one wrong."""
    rubric = competencies(s, pair)
    resolved: Resolved = {}
    for rating in ratings:
        competency = find_competency(rubric, rating.competency)
        if key(competency) in resolved:
            raise Invalid(f"{competency.name} is rated twice")
        resolved[key(competency)] = (competency, parse_level(rating.level), validate.text(rating.evidence, "evidence"))
    return resolved


def write_ratings(s: Session, entry: Entry, resolved: Resolved) -> None:
    for competency, level, evidence in resolved.values():
        s.add(Rating(entry_id=key(entry), competency_id=key(competency), level=level, evidence=evidence))
    s.flush()


def replace_ratings(s: Session, entry: Entry, resolved: Resolved) -> bool:
    """Make the entry's ratings these; whether anything changed. A rating keeps its uid while its
    competency stays rated, so a merge elsewhere updates it in place."""
    remaining = dict(resolved)
    changed = False
    for old in s.exec(select(Rating).where(Rating.entry_id == entry.id)).all():
        new = remaining.pop(old.competency_id, None)
        if new is None:
            s.delete(old)
            changed = True
        elif (old.level, old.evidence) != new[1:]:
            old.level, old.evidence = new[1], new[2]
            s.add(old)
            changed = True
    s.flush()
    write_ratings(s, entry, remaining)
    return changed or bool(remaining)
