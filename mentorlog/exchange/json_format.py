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
from mentorlog.db.tables import PAIR
from mentorlog.exchange.json_fields import Plan, make_plan

FORMAT = "mentorlog"
# 2: a pair's end reason; an entry's group and closing mark. A version 1 file reads as it was
# (what it lacks takes a new record's value); an older mentorlog refuses a version 2 file, rather
# than dropping what it cannot read.
VERSION = 2
# An entry's many-to-many links travel inside it: tag names and goal uids.
ENTRY_LINKS = ("tags", "goals")
PAIR_FIELDS = tuple(name for name in PAIR.names if name not in LOCAL_ONLY)
KIND_BY_NAME: dict[str, Kind] = {kind.name: kind for kind in KINDS}
# Each table's fields as a record of it travels, and how they are checked on the way in.
FIELDS: dict[str, tuple[str, ...]] = {"pair": PAIR_FIELDS, **{kind.table: tuple(kind.carried()) for kind in KINDS}}
PLANS: dict[str, Plan] = {table: make_plan(table, names) for table, names in FIELDS.items()}
