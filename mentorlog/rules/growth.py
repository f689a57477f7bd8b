"""Competency growth from assessments: levels over time, change, and self/mentor gap."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

LEVELS = ("Beginning", "Exploring", "Applying", "Integrating", "Innovating")


@dataclass(frozen=True)
class RatingPoint:
    on: dt.date
    rater: str  # "self" or "mentor"
    competency: str
    level: int


@dataclass
class CompetencyGrowth:
    competency: str
    self_levels: list[tuple[dt.date, int]] = field(default_factory=list)
    mentor_levels: list[tuple[dt.date, int]] = field(default_factory=list)

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
    rows: dict[str, CompetencyGrowth] = {name: CompetencyGrowth(name) for name in order}
    for point in sorted(points, key=lambda p: p.on):
        row = rows.setdefault(point.competency, CompetencyGrowth(point.competency))
        series = row.self_levels if point.rater == "self" else row.mentor_levels
        series.append((point.on, point.level))
    return list(rows.values())


def level_name(level: int) -> str:
    return LEVELS[level - 1] if 1 <= level <= len(LEVELS) else str(level)


def _change(series: list[tuple[dt.date, int]]) -> int | None:
    if len(series) < 2:
        return None
    return series[-1][1] - series[0][1]
