"""Field types: how a value of each type is asked for, given, checked, stored and shown — said once.

An entry kind's fields (entry_kinds.SPECS) each have one of these types, and every surface
reads the type instead of testing which it is: the form asks with the widget the type names
(tui/field_widgets.py holds one widget per name), `log` takes the option the type builds,
the journal and the JSON import check a value with the type's `check`, and `show`, the
entry view and the Markdown export lay a field out where the type places it. A new type is
a class here (and, if it needs one, a widget); a rubric's levels or an activity checklist is
data: a Scale's labels, a Checklist's options.
"""

# No `from __future__ import annotations`: entry_kinds' NamedTuples compile string annotations.
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from mentorlog import validate
from mentorlog.errors import Invalid

ReadDay = Callable[[str, str], "dt.date | None"]  # (text, "future" or "past"): the user's words as a day

# Where a field is laid out in `show`, the entry view and the Markdown export.
SECTION = "section"  # under a heading of its own
LIST = "list"  # bullets under a heading
FACT = "fact"  # in the entry's one-line facts
NEXT = "next"  # the "Next session on DATE: focus" line
BY = "by"  # who the entry is by (an assessment's rater), in its heading

# The form widgets a type is asked with (tui/field_widgets.py makes, fills and reads each).
AREA, LINES, LINE_WIDGET, WHOLE = "area", "lines", "line", "whole"
SELECT, DATE_WIDGET, CHECKS = "select", "date", "checks"


class FieldType:
    """A type of field; a subclass says what differs from free text."""

    stored = "text"  # the codec kind of its column (db.tables)
    nullable = False  # whether its column may hold NULL ("nothing said")
    place = SECTION
    widget = AREA
    metavar = "T"
    repeated = False  # given several times on the command line, once per item
    searched = True  # free text the full-text search covers
    blank = "(not said)"  # a choice left empty, as the form's select shows it
    free = True  # free text, checked as text is (an import checks many at once)
    users_values = False  # what it takes is the user's own (config.toml): its hint is read only when shown

    def check(self, value: Any, what: str) -> Any:
        """The value as the journal stores it (as Python holds it); Invalid says what is wrong."""
        return validate.text(value, what)

    def imported(self, value: Any, what: str) -> Any:
        """A JSON value checked as typing checks it (the import then stores it by its column's kind)."""
        return self.check(value, what)

    def kept(self, value: Any, what: str, stored: Any) -> Any:
        """`check` for an edit of a record that holds `stored`: what it already holds stays valid (a checklist
        item the program's list no longer offers is kept, not refused)."""
        return self.check(value, what)

    def argument(self, text: str) -> Any:
        """The command line's text as the value `check` takes (argparse's `type`); Invalid if it is none."""
        return text

    def given(self, value: Any, read_day: "ReadDay") -> Any:
        """An option's value (argparse's, after `argument`) as `check` takes it; dates are read in words."""
        return value

    def choices(self) -> list[tuple[str, Any]]:
        """(label, value) for a form's select or checklist; empty for a type typed freely."""
        return []

    def hint(self) -> str:
        """What the command line's option takes, for its help."""
        return ""

    def shown(self, value: Any) -> str:
        """One value in words."""
        return str(value)

    def fact(self, name: str, value: Any) -> str:
        """The field in an entry's facts line."""
        return self.shown(value)


class Text(FieldType):
    """Several lines."""


class Line(FieldType):
    """One line, asked for in a one-line input (stored as text, as typed)."""

    widget = LINE_WIDGET


class Items(FieldType):
    """A list of one-line items, one a line in the form, `--option` once per item."""

    stored = "list"
    place = LIST
    widget = LINES
    repeated = True
    free = False

    def check(self, value: Any, what: str) -> list[str]:
        if isinstance(value, str) or not isinstance(value, Sequence):
            raise Invalid(f"{what} must be a list of texts (not {value!r:.40})")
        return [validate.line(item, what, required=True) for item in value or []]

    def imported(self, value: Any, what: str) -> list[str]:
        # Kept as written (typing trims each item; a file is taken as it is, so it round-trips).
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise Invalid(f"{what} must be a list of texts")
        for item in value:
            if not item.strip() or "\n" in item or len(item) > validate.MAX_TITLE:
                raise Invalid(f"{what} must be a list of lines of 1 to {validate.MAX_TITLE} characters")
        return [validate.checked(item, one_line=True) for item in value]


class Checklist(Items):
    """Items from a list of options (a session's activities): ticked, not typed. The options may be
    the user's (config.toml), so they are asked for when needed, never at import."""

    widget = CHECKS
    searched = False
    users_values = True

    def __init__(self, options: "Sequence[str] | Callable[[], Sequence[str]]") -> None:
        self._options = options

    @property
    def options(self) -> tuple[str, ...]:
        found = self._options() if callable(self._options) else self._options
        return tuple(found)

    def check(self, value: Any, what: str) -> list[str]:
        ticked = super().check(value, what)
        if not ticked:
            return []
        options = self.options
        folded = {option.casefold(): option for option in options}
        wrong = [item for item in ticked if item.casefold() not in folded]
        if wrong:
            raise Invalid(f"{what} must be among {', '.join(options)} (not {wrong[0]!r})")
        return list(dict.fromkeys(folded[item.casefold()] for item in ticked))

    def kept(self, value: Any, what: str, stored: Any) -> list[str]:
        held = {item.casefold(): item for item in stored or []}
        ticked = Items.check(self, value, what)
        new = [item for item in ticked if item.casefold() not in held]
        self.check(new, what)  # a new item must be one the list offers
        offered = {option.casefold(): option for option in self.options} if new else {}
        return list(dict.fromkeys(held.get(item.casefold()) or offered[item.casefold()] for item in ticked))

    def choices(self) -> list[tuple[str, Any]]:
        return [(option, option) for option in self.options]

    def hint(self) -> str:
        return "one of " + ", ".join(self.options)


class Time(FieldType):
    """A clock time (a session's start): `15:30`, `9:05`, `3:30pm`, `3pm`; stored as `HH:MM`, or nothing."""

    nullable = True
    searched = free = False
    place = FACT
    widget = LINE_WIDGET
    metavar = "HH:MM"
    blank = ""

    def check(self, value: Any, what: str) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if not isinstance(value, str):
            raise Invalid(f"{what} must be a time such as 15:30 (not {value!r:.40})")
        return clock(value, what)

    def argument(self, text: str) -> str:
        return clock(text, "start")

    def hint(self) -> str:
        return "HH:MM, such as 15:30 or 3:30pm"

    def fact(self, name: str, value: Any) -> str:
        return f"at {value}"


def clock(text: str, what: str) -> str:
    """`HH:MM` from `15:30`, `9:05`, `3:30pm`, `3 pm`, `12am`; Invalid naming the text otherwise."""
    words = text.strip().lower().replace(" ", "").replace(".", "")
    half = ""
    for suffix in ("am", "pm"):
        if words.endswith(suffix):
            words, half = words[: -len(suffix)], suffix
    hours, sep, minutes = words.partition(":")
    ok = (
        hours.isascii()
        and hours.isdigit()
        and len(hours) <= 2
        and (not sep or (minutes.isascii() and minutes.isdigit() and len(minutes) == 2))
    )
    wrong = Invalid(f"{what} must be a time of day such as 15:30 or 3:30pm (not {text!r:.40})")
    if not ok or (not sep and not half):
        raise wrong
    hour, minute = int(hours), int(minutes or 0)
    if half:
        if not 1 <= hour <= 12:
            raise wrong
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        raise wrong
    return f"{hour:02d}:{minute:02d}"


class Whole(FieldType):
    """A whole number from `low` to `high`, or nothing."""

    stored = "int"
    nullable = True
    searched = free = False
    place = FACT
    widget = WHOLE
    metavar = "N"

    def __init__(self, low: int, high: int, unit: str = "") -> None:
        self.low, self.high, self.unit = low, high, unit

    def check(self, value: Any, what: str) -> int | None:
        return validate.scale(value, what, low=self.low, high=self.high)

    def argument(self, text: str) -> int:
        try:
            return int(text.strip())
        except ValueError:
            raise Invalid(f"not a whole number: {text!r}") from None

    def hint(self) -> str:
        return f"{self.low}-{self.high}" + (f" {self.unit}" if self.unit else "")

    def fact(self, name: str, value: Any) -> str:
        return f"{value} {self.unit}" if self.unit else f"{name} {value}"


class Minutes(Whole):
    """A length of time in whole minutes (a session's duration)."""

    metavar = "MIN"

    def __init__(self) -> None:
        super().__init__(1, 24 * 60, "min")

    def imported(self, value: Any, what: str) -> int | None:
        # Journals written before minutes were checked on typing may hold a 0; it reads as "not said".
        return validate.scale(value, what, low=0, high=self.high)


class Scale(Whole):
    """A rating from 1 to the number of its labels, each level named ("very low" … "very high")."""

    widget = SELECT
    blank = "(not rated)"

    def __init__(self, labels: Sequence[str]) -> None:
        super().__init__(1, len(labels))
        self.labels = tuple(labels)

    def choices(self) -> list[tuple[str, Any]]:
        return [(f"{n} {label}", n) for n, label in enumerate(self.labels, start=1)]

    def fact(self, name: str, value: Any) -> str:
        return f"{name} {value}/{self.high}"


class Choice(FieldType):
    """One of a few words (a session's mode), or nothing."""

    nullable = True
    searched = free = False
    place = FACT
    widget = SELECT
    metavar = "M"

    def __init__(self, values: Sequence[str], labels: Sequence[str] = (), *, place: str = FACT) -> None:
        self.values = tuple(values)
        self.labels = tuple(labels) or self.values
        self.place = place

    def check(self, value: Any, what: str) -> str | None:
        if value is None or value == "":
            return None
        if not isinstance(value, str) or value.strip().lower() not in self.values:
            raise Invalid(f"{what} must be one of {', '.join(self.values)} (not {value!r:.40})")
        return value.strip().lower()

    def imported(self, value: Any, what: str) -> str:
        if type(value) is not str or value not in self.values:
            raise Invalid(f"{what} must be one of {', '.join(self.values)} (not {value!r:.40})")
        return value

    def choices(self) -> list[tuple[str, Any]]:
        return list(zip(self.labels, self.values, strict=True))

    def hint(self) -> str:
        return ", ".join(self.values[:-1]) + " or " + self.values[-1] if len(self.values) > 1 else self.values[0]


class Date(FieldType):
    """A day (a session's next one): words such as `next fri` on the command line and in the form."""

    stored = "date"
    nullable = True
    searched = free = False
    place = NEXT
    widget = DATE_WIDGET
    metavar = "DATE"

    def __init__(self, prefer: str = "future") -> None:
        self.prefer = prefer  # which of two readings of "fri" a bare weekday means: the next one, here

    def given(self, value: Any, read_day: "ReadDay") -> Any:
        return read_day(value, self.prefer) if value is not None else None

    def check(self, value: Any, what: str) -> dt.date | None:
        if value is not None and not isinstance(value, dt.date):
            raise Invalid(f"{what} must be a date (not {value!r:.40})")
        return validate.day(value, what)

    def imported(self, value: Any, what: str) -> Any:
        return value  # JSON holds a date as ISO text: its column's kind reads and checks it
