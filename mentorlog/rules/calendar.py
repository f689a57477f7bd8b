"""Day arithmetic that never overflows: a stored date may be the calendar's last day."""

from __future__ import annotations

import datetime as dt


def shift(day: dt.date, days: int) -> dt.date:
    """`day` plus `days`, held at the ends of the calendar (9999-12-31 + 1 is 9999-12-31)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min
