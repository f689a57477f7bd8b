"""The full-text search index: what it covers, its DDL, and keeping it in step.

Standard library only: a journal is created, and a first import loaded, without SQLAlchemy.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from mentorlog.entry_kinds import searched

# What each search index covers: the record's own text fields, then the text of
# child records (table, text column, key to the record), so one FTS5 row per
# entry or goal answers a search over all of them. An entry's are every text its kind holds.
SEARCH_INDEXES: dict[str, tuple[tuple[str, ...], tuple[tuple[str, str, str], ...]]] = {
    "entry": (("body", *searched()), (("rating", "evidence", "entry_id"), ("action_item", "text", "entry_id"))),
    "goal": (
        ("specific", "measure", "unit", "achievable", "relevant", "competency"),
        (("milestone", "title", "goal_id"), ("progress_update", "note", "goal_id")),
    ),
}  # fmt: skip


def _search_ddl(table: str) -> list[str]:
    fields, children = SEARCH_INDEXES[table]
    parts = [f"coalesce(t.{name}, '')" for name in fields] + [
        f"coalesce((SELECT group_concat(c.{column}, ' ') FROM {child} c WHERE c.{key} = t.id), '')"
        for child, column, key in children
    ]
    body = " || ' ' || ".join(parts)
    return [
        f"CREATE VIRTUAL TABLE {table}_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')",
        f"CREATE VIEW {table}_search_source AS SELECT t.id AS id, t.title AS title, {body} AS body FROM {table} t",
    ]


def _refresh(index: str, key: str) -> str:
    return (
        f"DELETE FROM {index}_fts WHERE rowid = {key}; "
        f"INSERT INTO {index}_fts(rowid, title, body) "
        f"SELECT id, title, body FROM {index}_search_source WHERE id = {key};"
    )


def _triggers(table: str, index: str, key_column: str) -> list[str]:
    """Keep `{index}_fts` in step with inserts, updates and deletes on `table`."""
    new, old = f"new.{key_column}", f"old.{key_column}"
    return [
        f"CREATE TRIGGER {table}_fts_ai AFTER INSERT ON {table} BEGIN {_refresh(index, new)} END",
        f"CREATE TRIGGER {table}_fts_au AFTER UPDATE ON {table} BEGIN "
        f"{_refresh(index, old)} {_refresh(index, new)} END",
        f"CREATE TRIGGER {table}_fts_ad AFTER DELETE ON {table} BEGIN {_refresh(index, old)} END",
    ]


SEARCH_DDL = [statement for table in SEARCH_INDEXES for statement in _search_ddl(table)]
TRIGGER_DDL = [
    statement
    for index, (_, children) in SEARCH_INDEXES.items()
    for table, key in ((index, "id"), *((child, key) for child, _, key in children))
    for statement in _triggers(table, index, key)
]


TRIGGER_NAMES = [
    f"{table}_fts_{event}"
    for index, (_, children) in SEARCH_INDEXES.items()
    for table in (index, *(child for child, _, _ in children))
    for event in ("ai", "au", "ad")
]


@contextmanager
def bulk_load(connection: sqlite3.Connection) -> Iterator[None]:
    """Inserts inside skip the search triggers; the index is built once at the end (same transaction)."""
    for name in TRIGGER_NAMES:
        connection.execute(f"DROP TRIGGER {name}")
    yield
    for index in SEARCH_INDEXES:
        connection.execute(f"DELETE FROM {index}_fts")
        connection.execute(
            f"INSERT INTO {index}_fts(rowid, title, body) SELECT id, title, body FROM {index}_search_source"
        )
    for statement in TRIGGER_DDL:
        connection.execute(statement)
