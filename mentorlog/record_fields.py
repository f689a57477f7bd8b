"""The typed fields of every record: an entry's from its kind's spec, the others' declared here.

A column named here takes only its type's values (a choice, a range); every other column
is what its kind in the store says (text, a date, a number). The JSON import checks a
record's fields by these types, as typing checks them through the journal.
"""

from typing import Any

from mentorlog import entry_kinds
from mentorlog.errors import Invalid
from mentorlog.field_types import Choice, FieldType, Items, Whole
from mentorlog.kinds import EndReason, GoalKind, GoalStatus, Program, Rater, Role


class LevelNames(Items):
    """A rubric's level scale: 3 to 5 distinct one-line names."""

    def imported(self, value: Any, what: str) -> list[str]:
        names = super().imported(value, what)
        if not 3 <= len(names) <= 5 or len({name.casefold() for name in names}) != len(names):
            raise Invalid(f"{what} must be 3 to 5 different level names")
        return names


class Descriptors(Items):
    """What each level of a rubric looks like for a competency: at most 5 texts, any of them empty."""

    def imported(self, value: Any, what: str) -> list[str]:
        if not isinstance(value, list) or len(value) > 5 or not all(isinstance(item, str) for item in value):
            raise Invalid(f"{what} must be a list of at most 5 texts")
        return value


FIELDS: dict[tuple[str, str], FieldType] = {
    ("pair", "program"): Choice(tuple(Program)),
    ("pair", "owner_role"): Choice(tuple(Role)),
    ("pair", "end_reason"): Choice(tuple(EndReason)),
    ("pair", "cadence_days"): Whole(1, 365),
    ("goal", "kind"): Choice(tuple(GoalKind)),
    ("goal", "status"): Choice(tuple(GoalStatus)),
    ("progress_update", "confidence"): entry_kinds.FEELING,
    ("entry", "author"): Choice(tuple(Role)),
    ("action_item", "owner"): Choice(tuple(Role)),
    ("pair", "rubric_levels"): LevelNames(),
    ("competency", "descriptors"): Descriptors(),
    ("goal", "rater"): Choice(tuple(Rater)),
    ("rating", "level"): Whole(1, 5),
    ("competency", "position"): Whole(0, 10_000),
    ("milestone", "position"): Whole(0, 100_000),
}


def type_of(table: str, column: str) -> FieldType | None:
    """The column's field type, or None for a column its store kind describes alone."""
    if (table, column) == ("entry", "kind"):
        return Choice(tuple(entry_kinds.SPECS))  # read when asked: a kind added is a kind known
    if table == "entry" and (field := entry_kinds.field_named(column)) is not None:
        return field.type
    return FIELDS.get((table, column))
