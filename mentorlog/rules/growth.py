"""Competency growth from assessments: levels over time, change, and self/mentor gap."""

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from mentorlog.kinds import SEEDED_LEVELS

LEVELS = SEEDED_LEVELS  # the seeded scale: a rating written before rubrics had their own


class RatingPoint(NamedTuple):
    on: dt.date
    rater: str  # "self" or "mentor"
    competency: str
    level: int


class CompetencyGrowth(NamedTuple):
    competency: str
    self_levels: Sequence[tuple[dt.date, int]] = ()  # in date order
    mentor_levels: Sequence[tuple[dt.date, int]] = ()

    @property
    def self_change(self) -> int | None:
        return _change(self.self_levels)

    @property
    def mentor_change(self) -> int | None:
        return _change(self.mentor_levels)

    @property
    def gap(self) -> int | None:
        """Latest self level minus latest mentor level: > 0 means the mentee rates higher."""
        if not self.self_levels or not self.mentor_levels:
            return None
        return self.self_levels[-1][1] - self.mentor_levels[-1][1]


def growth(points: Iterable[RatingPoint], order: Iterable[str] = ()) -> list[CompetencyGrowth]:
    """One row per competency (rubric order first), each rater's levels in date order."""
    series: dict[str, tuple[list[tuple[dt.date, int]], list[tuple[dt.date, int]]]] = {name: ([], []) for name in order}
    for point in sorted(points, key=lambda p: p.on):
        by_self, by_mentor = series.setdefault(point.competency, ([], []))
        (by_self if point.rater == "self" else by_mentor).append((point.on, point.level))
    return [CompetencyGrowth(name, by_self, by_mentor) for name, (by_self, by_mentor) in series.items()]


def level_name(level: int) -> str:
    return LEVELS[level - 1] if 1 <= level <= len(LEVELS) else str(level)


def _change(series: Sequence[tuple[dt.date, int]]) -> int | None:
    if len(series) < 2:
        return None
    return series[-1][1] - series[0][1]
