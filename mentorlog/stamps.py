"""A record's identity and time stamps, as every writer stores them."""

from __future__ import annotations

import datetime as dt
import uuid


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_uid() -> str:
    return str(uuid.uuid4())


def utc_text(value: dt.datetime) -> str:
    """How a UTC time is stored: ISO text that sorts and round-trips exactly."""
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
