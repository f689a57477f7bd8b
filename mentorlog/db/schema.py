"""The schema: its version, the file's identity, and the full-text search index.

A mentorlog file is recognised by `PRAGMA application_id` and versioned by
`PRAGMA user_version`; both live in the SQLite header, so a file can be judged
without reading a table.
"""

from __future__ import annotations

from sqlalchemy import Connection

from mentorlog.models import SQLModel

APPLICATION_ID = 0x4D4C4F47  # "MLOG"
SCHEMA_VERSION = 1

# Every text an entry holds, with its ratings' evidence and the action items it created,
# so one FTS5 row per entry answers a search over all of them.
_ENTRY_TEXT_FIELDS = (
    "body", "agenda", "whats_working", "focus", "next_session_focus", "context",
    "strengths", "growth_areas", "agreed_next_step", "went_well", "challenging",
    "learned", "next_step",
)  # fmt: skip
_GOAL_TEXT_FIELDS = ("specific", "measure", "unit", "achievable", "relevant", "competency")


def _joined(alias: str, fields: tuple[str, ...]) -> str:
    return " || ' ' || ".join(f"coalesce({alias}.{name}, '')" for name in fields)


SEARCH_DDL = [
    "CREATE VIRTUAL TABLE entry_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')",
    f"""CREATE VIEW entry_search_source AS
        SELECT e.id AS id, e.title AS title,
               {_joined("e", _ENTRY_TEXT_FIELDS)}
               || ' ' || coalesce((SELECT group_concat(r.evidence, ' ') FROM rating r WHERE r.entry_id = e.id), '')
               || ' ' || coalesce((SELECT group_concat(a.text, ' ') FROM action_item a WHERE a.entry_id = e.id), '')
               AS body
        FROM entry e""",
    "CREATE VIRTUAL TABLE goal_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')",
    f"""CREATE VIEW goal_search_source AS
        SELECT g.id AS id, g.title AS title,
               {_joined("g", _GOAL_TEXT_FIELDS)}
               || ' ' || coalesce((SELECT group_concat(m.title, ' ') FROM milestone m WHERE m.goal_id = g.id), '')
               || ' ' || coalesce((SELECT group_concat(p.note, ' ') FROM progress_update p WHERE p.goal_id = g.id), '')
               AS body
        FROM goal g""",
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


TRIGGER_DDL = [
    *_triggers("entry", "entry", "id"),
    *_triggers("rating", "entry", "entry_id"),
    *_triggers("action_item", "entry", "entry_id"),
    *_triggers("goal", "goal", "id"),
    *_triggers("milestone", "goal", "goal_id"),
    *_triggers("progress_update", "goal", "goal_id"),
]


def create_schema(connection: Connection) -> None:
    """Create the current schema in an empty database and stamp its identity."""
    SQLModel.metadata.create_all(connection)
    for statement in SEARCH_DDL + TRIGGER_DDL:
        connection.exec_driver_sql(statement)
    connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")


def rebuild_search(connection: Connection) -> None:
    """Rebuild both search indexes from the records (used by migrations and repair)."""
    for index in ("entry", "goal"):
        connection.exec_driver_sql(f"DELETE FROM {index}_fts")
        connection.exec_driver_sql(
            f"INSERT INTO {index}_fts(rowid, title, body) SELECT id, title, body FROM {index}_search_source"
        )
