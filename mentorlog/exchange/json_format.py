"""The JSON exchange format: which records and fields it carries, and how each is written and read.

A document is `{"format": "mentorlog", "version": N, "exported_at": ..., "pairs": [...]}`.
Each pair holds its own fields and one flat list per record kind (db.relations); a record
names its parent by uid (`"goal": "<uid>"`), never by the local integer id, so two journals
can merge. Fields are the tables' columns (db.tables, checked against the models), so a
column added to a model travels without a second list to keep in step; local bookkeeping
(ids, `chosen_at`) stays home. Values are the codec's; how each is checked on the way
in is json_fields.
"""

from __future__ import annotations

from mentorlog.db.relations import KINDS, LOCAL_ONLY, Kind
from mentorlog.db.tables import ALL, PAIR
from mentorlog.entry_kinds import SPECS
from mentorlog.exchange.json_fields import Plan, make_plan

FORMAT = "mentorlog"
# 2: a pair's end reason; an entry's group and closing mark. A version 1 file reads as it was
# (what it lacks takes a new record's value); an older mentorlog refuses a version 2 file, rather
# than dropping what it cannot read.
# 3: a pair's rubric (its preset and level scale); a competency's code, group, description, level
# descriptors and retirement; a rating's level name; a goal's start date and rater.
# 4: a session's activities and start time.
VERSION = 4
# An entry's many-to-many links travel inside it: tag names and goal uids.
ENTRY_LINKS = ("tags", "goals")
KIND_BY_NAME: dict[str, Kind] = {kind.name: kind for kind in KINDS}
_KIND_BY_TABLE: dict[str, Kind] = {kind.table: kind for kind in KINDS}


def fields(table: str) -> tuple[str, ...]:
    """A table's fields as a record of it travels: its columns as the store has them now."""
    if table == "pair":
        return tuple(name for name in PAIR.names if name not in LOCAL_ONLY)
    return tuple(_KIND_BY_TABLE[table].carried())


_PLANS: dict[tuple[object, ...], Plan] = {}


def plan(table: str) -> Plan:
    """How a record of the table is checked on the way in, made once for its columns and the entry
    kinds' specs as they are (a kind added with its columns is checked by its fields' types)."""
    key = (table, ALL[table].names, *map(id, SPECS.values()))
    found = _PLANS.get(key)
    if found is None:
        found = _PLANS[key] = make_plan(table, fields(table))
    return found
