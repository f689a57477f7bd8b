"""Contact time: the minutes a pair met, as a figure computed from its sessions, never stored. Pure."""

from __future__ import annotations

import datetime as dt


def month_start(today: dt.date) -> dt.date:
    return today.replace(day=1)


def minutes_words(minutes: int) -> str:
    """`1 h 30 min`, `45 min`, `0 min`."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" + (f" {rest} min" if rest else "")
