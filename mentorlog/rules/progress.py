"""How far a goal has come, and whether that is ahead of the calendar or behind it."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from enum import StrEnum

# Within this many points of the expected percent a goal counts as on track.
PACE_TOLERANCE = 10.0


class Pace(StrEnum):
    AHEAD = "ahead"
    ON_TRACK = "on track"
    BEHIND = "behind"
    OVERDUE = "overdue"
    DONE = "done"


def percent(
    *,
    kind: str,
    status: str,
    baseline: float | None,
    target: float | None,
    values: Sequence[float],
    milestones_done: int = 0,
    milestones_total: int = 0,
) -> float | None:
    """Progress 0-100, or None when nothing can be measured yet.

    Number and rubric goals use (latest - baseline) / (target - baseline), which
    is right for goals that go down too (6 min -> 2 min). Without a numeric
    target, milestones done / total. An achieved goal is 100.
    """
    if status == "achieved":
        return 100.0
    if kind == "yes-no":
        return 100.0 if values and values[-1] >= (target if target is not None else 1) else 0.0
    if target is not None and kind != "milestones":
        start = baseline if baseline is not None else (values[0] if values else None)
        if start is None or not values:
            return 0.0
        if target == start:
            return 100.0 if values[-1] == target else 0.0
        share = (values[-1] - start) / (target - start)
        return _clamp(share * 100.0)
    if milestones_total:
        return 100.0 * milestones_done / milestones_total
    return None


def pace(
    progress: float | None,
    *,
    start: dt.date | None,
    due: dt.date | None,
    today: dt.date,
    status: str = "active",
) -> Pace | None:
    """Compare progress with the share of time gone from start to due; None if unknown."""
    if status == "achieved" or (progress is not None and progress >= 100.0):
        return Pace.DONE
    if due is None or start is None:
        return None
    if today > due:
        return Pace.OVERDUE
    total = (due - start).days
    if total <= 0:
        return Pace.BEHIND
    expected = _clamp(100.0 * (today - start).days / total)
    done = progress or 0.0
    if done >= expected + PACE_TOLERANCE:
        return Pace.AHEAD
    if done >= expected - PACE_TOLERANCE:
        return Pace.ON_TRACK
    return Pace.BEHIND


def sparkline(values: Sequence[float]) -> str:
    """A Unicode sparkline (▁▂▃▄▅▆▇█) of the values, flat if they never change."""
    bars = "▁▂▃▄▅▆▇█"
    finite = [v for v in values if math.isfinite(v)]
    if not finite:
        return ""
    low, high = min(finite), max(finite)
    if high == low:
        return bars[3] * len(finite)
    scale = (len(bars) - 1) / (high - low)
    return "".join(bars[round((v - low) * scale)] for v in finite)


def progress_bar(percent: float | None, width: int = 10) -> str:
    """`██████░░░░  62%`, or blanks and a dash when nothing is measured yet."""
    if percent is None:
        return " " * width + "    -"
    filled = round(percent / 100 * width)
    return "█" * filled + "░" * (width - filled) + f" {percent:3.0f}%"


def _clamp(value: float) -> float:
    return max(0.0, min(100.0, value))
