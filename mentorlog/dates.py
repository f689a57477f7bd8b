"""Reading the dates people type: ISO, dateutil's forms and relative words.

Every form either gives one certain date or raises `DateError` naming the text:
`2026-02-30`, `32 march` or `25:00` are errors, never guesses. A bare weekday
(or a day without a year) means the past one for when something happened
(`prefer="past"`) and the coming one for when something is due (`prefer="future"`).
A numeric date such as `3/4/2026` is read in the day order the user set (`order`,
config.toml's date_order): March 4 in "mdy", 3 April in "dmy"; one impossible in that
order (`31/12` in "mdy") is an error naming the order. Only years 1900 to 2100 are
dates of a mentoring journal.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from mentorlog.errors import DateError
from mentorlog.validate import EARLIEST, LATEST
from mentorlog.words import plural

Prefer = Literal["past", "future"]
Order = Literal["mdy", "dmy"]

WEEKDAYS = {
    "monday": 0, "mon": 0,
    "tuesday": 1, "tue": 1, "tues": 1,
    "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3,
    "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip

UNITS = {
    "d": "days", "day": "days", "days": "days",
    "w": "weeks", "wk": "weeks", "week": "weeks", "weeks": "weeks",
    "m": "months", "mo": "months", "month": "months", "months": "months",
    "y": "years", "yr": "years", "year": "years", "years": "years",
}  # fmt: skip

NAMED_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1}

_ISO = re.compile(r"\d{4}([-/.])\d{1,2}\1\d{1,2}")  # year first: never in doubt, whatever the day order
_SIGNED = re.compile(r"([+-])\s*(\d{1,4})\s*([a-z]+)")
_IN = re.compile(r"in\s+(\d{1,4}|an?)\s+([a-z]+)")
_AGO = re.compile(r"(\d{1,4}|an?)\s+([a-z]+)\s+ago")
_WEEKDAY = re.compile(r"(?:(last|next|this)\s+)?([a-z]+)")
_NEXT_LAST_UNIT = re.compile(r"(next|last)\s+(week|month|year)")
_TIME_LIKE = re.compile(r"\d\s*:\s*\d|\b\d{1,2}\s*(am|pm)\b")
_FOUR_DIGITS = re.compile(r"\b\d{4}\b")
_NUMERIC = re.compile(r"(\d{1,2})\s*([/.-])\s*(\d{1,2})(?:\s*\2\s*(\d{1,4}))?")
ORDER_NAMES = {
    "mdy": 'month first, as date_order "mdy" in config.toml says',
    "dmy": 'day first, as date_order "dmy" in config.toml says',
}


def parse_date(text: str, *, today: dt.date, prefer: Prefer = "past", order: Order = "mdy") -> dt.date:
    """The date `text` names, relative to `today`; raises DateError if unsure."""
    day = _parse(text, today, prefer, order)
    if not EARLIEST <= day <= LATEST:
        raise DateError(f"not a date for the journal: {_show(text)} is {day} (years 1900 to 2100)")
    return day


def _parse(text: str, today: dt.date, prefer: Prefer, order: Order) -> dt.date:
    raw = text
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        raise DateError("no date given")
    if len(cleaned) > 40:
        raise DateError(f"not a date: {_show(raw)}")
    for reader in (_iso, _named, _relative, _weekday):
        result = reader(cleaned, today, prefer)
        if result is not None:
            return result
    numeric = _NUMERIC.fullmatch(cleaned)
    if numeric:
        return _numeric(numeric, raw, today, prefer, order)
    return _calendar(cleaned, raw, today, prefer, order == "dmy")


def _numeric(match: re.Match[str], raw: str, today: dt.date, prefer: Prefer, order: Order) -> dt.date:
    """`3/4`, `3/4/2026`, `03.04.2026`: the day and the month in the user's order, never guessed."""
    first, _, second, year_text = match.groups()
    month, day = (int(first), int(second)) if order == "mdy" else (int(second), int(first))
    if not 1 <= month <= 12 or day < 1:
        raise DateError(f"not a real date: {_show(raw)} (read {ORDER_NAMES[order]}: there is no month {month})")
    if year_text is None:
        return _nearest_year(month, day, raw, today, prefer)
    if len(year_text) != 4:
        raise DateError(f"not a date: {_show(raw)} (write the year in full)")
    year = int(year_text)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(f"not a real date: {_show(raw)} ({_why_invalid(year, month, day)})") from None


def describe(day: dt.date, *, today: dt.date) -> str:
    """How a form shows the date it understood: `Thu 3 Dec 2026 (in 11 days)`."""
    delta = (day - today).days
    if delta == 0:
        rel = "today"
    elif delta == 1:
        rel = "tomorrow"
    elif delta == -1:
        rel = "yesterday"
    elif delta > 0:
        rel = f"in {plural(delta, 'day')}"
    else:
        rel = f"{plural(-delta, 'day')} ago"
    return f"{day:%a} {day.day} {day:%b %Y} ({rel})"


def _show(text: str) -> str:
    shown = text if len(text) <= 40 else text[:37] + "..."
    return repr(shown)


def _iso(text: str, today: dt.date, prefer: Prefer) -> dt.date | None:
    if not _ISO.fullmatch(text):
        return None
    year, month, day = (int(part) for part in re.split(r"[-/.]", text))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(f"not a real date: {text!r} ({_why_invalid(year, month, day)})") from None


def _why_invalid(year: int, month: int, day: int) -> str:
    if not 1 <= month <= 12:
        return "there is no month " + str(month)
    if year < 1:
        return "year must be 1 or later"
    return f"{dt.date(year, month, 1):%B %Y} has no day {day}"


def _named(text: str, today: dt.date, prefer: Prefer) -> dt.date | None:
    if text in NAMED_DAYS:
        return today + dt.timedelta(days=NAMED_DAYS[text])
    match = _NEXT_LAST_UNIT.fullmatch(text)
    if match:
        sign = 1 if match.group(1) == "next" else -1
        return _shift(today, sign, 1, match.group(2))
    return None


def _relative(text: str, today: dt.date, prefer: Prefer) -> dt.date | None:
    for pattern, sign in ((_SIGNED, None), (_IN, 1), (_AGO, -1)):
        match = pattern.fullmatch(text)
        if not match:
            continue
        if sign is None:
            sign_text, count_text, unit_text = match.groups()
            sign = 1 if sign_text == "+" else -1
        else:
            count_text, unit_text = match.groups()
        count = 1 if count_text in ("a", "an") else int(count_text)
        if unit_text not in UNITS:
            raise DateError(f"not a date: {text!r} (unknown unit {unit_text!r}; use days, weeks, months or years)")
        return _shift(today, sign, count, unit_text)
    return None


def _shift(today: dt.date, sign: int, count: int, unit_text: str) -> dt.date:
    unit = UNITS[unit_text]
    try:
        from dateutil.relativedelta import relativedelta  # imported when a date is typed, not on every start

        # relativedelta keeps month ends sane: Jan 31 + 1 month is Feb 28/29.
        return today + relativedelta(**{unit: sign * count})  # type: ignore[arg-type]
    except (ValueError, OverflowError):
        raise DateError(f"date out of range: {sign * count:+d} {unit} from {today}") from None


def _weekday(text: str, today: dt.date, prefer: Prefer) -> dt.date | None:
    match = _WEEKDAY.fullmatch(text)
    if not match or match.group(2) not in WEEKDAYS:
        return None
    which, name = match.groups()
    target = WEEKDAYS[name]
    back = (today.weekday() - target) % 7  # days since the most recent one, 0 if today
    ahead = (target - today.weekday()) % 7  # days to the coming one, 0 if today
    if which == "last":
        return today - dt.timedelta(days=back or 7)
    if which == "next":
        return today + dt.timedelta(days=ahead or 7)
    if which == "this":
        return today + dt.timedelta(days=ahead)
    # A bare weekday: logging "monday" on a Monday means today; a due "friday"
    # said on a Friday means next week, since the user would have said "today".
    if prefer == "past":
        return today - dt.timedelta(days=back)
    return today + dt.timedelta(days=ahead or 7)


def _calendar(text: str, raw: str, today: dt.date, prefer: Prefer, dayfirst: bool) -> dt.date:
    from dateutil import parser as du_parser

    if _TIME_LIKE.search(text):
        raise DateError(f"not a date: {_show(raw)} (looks like a time; give a day such as 'Dec 3')")
    try:
        # _parse reports which parts the text gave (parse() would fill the rest in from a default).
        parsed, _ = du_parser.parser()._parse(text, dayfirst=dayfirst)  # type: ignore[attr-defined]
    except (ValueError, OverflowError, TypeError):
        parsed = None
    if parsed is None or parsed.month is None or parsed.day is None:
        raise DateError(f"not a date: {_show(raw)} (try 2026-12-03, 'Dec 3', 'next fri', 'in 2 weeks' or '3 days ago')")
    if any(getattr(parsed, part, None) is not None for part in ("hour", "minute", "second", "tzname")):
        raise DateError(f"not a date: {_show(raw)} (give a day without a time)")
    year = parsed.year
    if year is not None and str(year) not in _FOUR_DIGITS.findall(text):
        # dateutil reads "32 march" as March 2032; a year must be written in full.
        raise DateError(f"not a date: {_show(raw)} (write the year in full, or check the day)")
    if year is not None:
        try:
            return dt.date(year, parsed.month, parsed.day)
        except ValueError:
            raise DateError(f"not a real date: {_show(raw)} ({_why_invalid(year, parsed.month, parsed.day)})") from None
    return _nearest_year(parsed.month, parsed.day, raw, today, prefer)


def _nearest_year(month: int, day: int, raw: str, today: dt.date, prefer: Prefer) -> dt.date:
    """A day without a year: this year's, unless that falls on the wrong side of today."""
    step = -1 if prefer == "past" else 1
    # Eight years always reach a leap year, for "Feb 29".
    for offset in range(0, 9):
        year = today.year + step * offset
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if (prefer == "past" and candidate <= today) or (prefer == "future" and candidate >= today):
            return candidate
    if month == 2 and day == 29:
        raise DateError(f"not a real date: {_show(raw)}")
    # No year was given: the month never has that day (saying "February 2026" of a due date next
    # year would name a month the user never meant).
    reason = f"there is no month {month}" if not 1 <= month <= 12 else f"{dt.date(2000, month, 1):%B} has no day {day}"
    raise DateError(f"not a real date: {_show(raw)} ({reason})")
