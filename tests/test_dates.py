"""Every form of PRODUCT.md §1's date parser, with its edges, and the errors."""

from __future__ import annotations

import datetime as dt

import pytest

from mentorlog.dates import describe, parse_date
from mentorlog.errors import DateError

SUNDAY = dt.date(2026, 11, 22)
MONDAY = dt.date(2026, 11, 23)
D = dt.date

CASES = [
    # (text, today, prefer, expected)
    ("2026-12-03", SUNDAY, "past", D(2026, 12, 3)),
    ("2026-1-5", SUNDAY, "past", D(2026, 1, 5)),
    ("  2024-02-29 ", SUNDAY, "past", D(2024, 2, 29)),
    ("today", SUNDAY, "past", SUNDAY),
    ("TODAY", SUNDAY, "future", SUNDAY),
    ("yesterday", SUNDAY, "past", D(2026, 11, 21)),
    ("tomorrow", SUNDAY, "past", D(2026, 11, 23)),
    ("yesterday", D(2026, 3, 1), "past", D(2026, 2, 28)),
    ("tomorrow", D(2028, 2, 28), "past", D(2028, 2, 29)),
    # dateutil's forms
    ("Dec 3", SUNDAY, "future", D(2026, 12, 3)),
    ("3 Dec 2026", SUNDAY, "past", D(2026, 12, 3)),
    ("December 3, 2026", SUNDAY, "past", D(2026, 12, 3)),
    ("3rd of December 2025", SUNDAY, "past", D(2025, 12, 3)),
    # a day without a year lands on the preferred side of today
    ("Dec 3", SUNDAY, "past", D(2025, 12, 3)),
    ("Nov 22", SUNDAY, "past", SUNDAY),
    ("Nov 22", SUNDAY, "future", SUNDAY),
    ("Jan 10", SUNDAY, "future", D(2027, 1, 10)),
    ("Feb 29", SUNDAY, "past", D(2024, 2, 29)),
    ("Feb 29", SUNDAY, "future", D(2028, 2, 29)),
    # bare weekdays: the past one for events (today counts), the coming one for due dates
    ("monday", SUNDAY, "past", D(2026, 11, 16)),
    ("monday", SUNDAY, "future", MONDAY),
    ("monday", MONDAY, "past", MONDAY),
    ("monday", MONDAY, "future", D(2026, 11, 30)),
    ("fri", SUNDAY, "past", D(2026, 11, 20)),
    ("Thurs", SUNDAY, "future", D(2026, 11, 26)),
    # last / next / this
    ("last monday", MONDAY, "past", D(2026, 11, 16)),
    ("last monday", SUNDAY, "future", D(2026, 11, 16)),
    ("next monday", MONDAY, "past", D(2026, 11, 30)),
    ("next monday", SUNDAY, "past", MONDAY),
    ("next fri", SUNDAY, "past", D(2026, 11, 27)),
    ("this sunday", SUNDAY, "past", SUNDAY),
    ("next week", SUNDAY, "past", D(2026, 11, 29)),
    ("last month", D(2026, 3, 31), "past", D(2026, 2, 28)),
    # in N units / N units ago / +Nd
    ("in 3 weeks", SUNDAY, "past", D(2026, 12, 13)),
    ("in a week", SUNDAY, "past", D(2026, 11, 29)),
    ("in 1 month", D(2026, 1, 31), "future", D(2026, 2, 28)),
    ("in 1 month", D(2028, 1, 31), "future", D(2028, 2, 29)),
    ("in 2 years", D(2028, 2, 29), "future", D(2030, 2, 28)),
    ("2 days ago", SUNDAY, "past", D(2026, 11, 20)),
    ("a month ago", D(2026, 3, 31), "past", D(2026, 2, 28)),
    ("+10d", SUNDAY, "past", D(2026, 12, 2)),
    ("+ 2w", SUNDAY, "past", D(2026, 12, 6)),
    ("-3d", D(2026, 3, 2), "past", D(2026, 2, 27)),
    ("+1m", D(2026, 12, 31), "past", D(2027, 1, 31)),
    ("+1y", SUNDAY, "past", D(2027, 11, 22)),
]


@pytest.mark.parametrize(("text", "today", "prefer", "expected"), CASES)
def test_reads_every_form(text: str, today: dt.date, prefer: str, expected: dt.date) -> None:
    assert parse_date(text, today=today, prefer=prefer) == expected  # type: ignore[arg-type]


ERRORS = [
    ("2026-02-30", "February 2026 has no day 30"),
    ("2026-13-01", "no month 13"),
    ("2025-02-29", "February 2025 has no day 29"),
    ("32 march", "32 march"),
    ("25:00", "time"),
    ("10:00", "time"),
    ("3pm", "time"),
    ("Apr 31", "no day 31"),
    ("Feb 30", "Feb 30"),
    ("banana", "banana"),
    ("", "no date"),
    ("   ", "no date"),
    ("Dec", "Dec"),
    ("2026", "2026"),
    ("in 3 fortnights", "fortnights"),
    ("next blursday", "blursday"),
    ("3 Dec 26", "year in full"),
    ("+99999d", "not a date"),
    ("x" * 500, "not a date"),
]


@pytest.mark.parametrize(("text", "fragment"), ERRORS)
def test_unreadable_text_is_an_error_naming_it(text: str, fragment: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_date(text, today=SUNDAY)
    assert fragment in str(caught.value)
    assert "\n" not in str(caught.value)


def test_far_future_shift_is_an_error_not_a_crash() -> None:
    with pytest.raises(DateError):
        parse_date("+9999y", today=dt.date(9000, 1, 1))


def test_describe_shows_what_was_understood() -> None:
    assert describe(D(2026, 12, 3), today=SUNDAY) == "Thu 3 Dec 2026 (in 11 days)"
    assert describe(SUNDAY, today=SUNDAY).endswith("(today)")
    assert describe(D(2026, 11, 20), today=SUNDAY).endswith("(2 days ago)")
