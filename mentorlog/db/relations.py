"""The record kinds a pair holds, and how each names its parent: by uid, never by local id.

This is the shape records travel in (a JSON export, a trash item, an edit's history): a
kind's list name, its table, and its parents, which are the schema's foreign keys (but
the pair's): `milestone.goal_id` travels as `"goal": "<uid>"`. A nullable key is an
optional parent (an action item may belong to no session).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from mentorlog.db.schema import TABLES
from mentorlog.db.tables import ALL

# The kinds in the order a merge writes them: every parent before its children.
ORDER = (
    ("competencies", "competency"), ("tags", "tag"), ("goals", "goal"), ("milestones", "milestone"),
    ("progress_updates", "progress_update"), ("entries", "entry"), ("ratings", "rating"),
    ("action_items", "action_item"),
)  # fmt: skip
# What belongs to this journal only: local ids, and how its user keeps the pairs (chosen, archived, deleted).
LOCAL_ONLY = frozenset({"id", "chosen_at", "archived_on", "deleted_at"})
_FOREIGN = re.compile(r"FOREIGN KEY\((\w+)\) REFERENCES (\w+) \(id\)")


class Kind(NamedTuple):
    name: str  # the list it travels in
    table: str
    # JSON field -> (the column holding the parent's id, the parent kind's list name)
    parents: dict[str, tuple[str, str]]
    optional_parents: frozenset[str] = frozenset()

    def skipped(self) -> frozenset[str]:
        """Columns a record of this kind does not carry: local ids, its pair, its parents' ids."""
        return LOCAL_ONLY | {"pair_id"} | {column for column, _ in self.parents.values()}

    def carried(self) -> list[str]:
        """The columns it carries, in table order."""
        skip = self.skipped()
        return [name for name in ALL[self.table].names if name not in skip]


def _kinds() -> tuple[Kind, ...]:
    list_of = {table: name for name, table in ORDER}
    ddl = {statement.split()[2]: statement for statement in TABLES if statement.startswith("CREATE TABLE")}
    found = []
    for name, table in ORDER:
        parents: dict[str, tuple[str, str]] = {}
        optional = set()
        for column, parent in _FOREIGN.findall(ddl[table]):
            if parent == "pair":
                continue
            key = column.removesuffix("_id")
            parents[key] = (column, list_of[parent])
            if ALL[table].by_name[column].nullable:
                optional.add(key)
        found.append(Kind(name, table, parents, frozenset(optional)))
    return tuple(found)


KINDS = _kinds()
BY_NAME = {kind.name: kind for kind in KINDS}
BY_TABLE = {kind.table: kind for kind in KINDS}
