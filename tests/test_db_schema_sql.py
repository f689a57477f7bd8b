"""The schema kept as SQL (db/schema.py) is exactly what the models declare."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlalchemy as sa

from mentorlog.db.creating import create_file
from mentorlog.db.identity import APPLICATION_ID, SCHEMA_VERSION
from mentorlog.db.search_index import SEARCH_DDL, TRIGGER_DDL
from mentorlog.models import SQLModel


def _structure(path: Path) -> dict[str, object]:
    """Every table's columns, indexes (with their columns) and foreign keys, and every view and trigger."""
    connection = sqlite3.connect(path)
    try:
        objects = connection.execute("SELECT type, name, tbl_name FROM sqlite_master ORDER BY type, name").fetchall()
        found: dict[str, object] = {"objects": objects}
        for _, name, _ in (o for o in objects if o[0] == "table"):
            indexes = connection.execute(f"PRAGMA index_list('{name}')").fetchall()
            found[name] = (
                connection.execute(f"PRAGMA table_info('{name}')").fetchall(),
                sorted(
                    (index[1], index[2], index[3], connection.execute(f"PRAGMA index_info('{index[1]}')").fetchall())
                    for index in indexes
                ),
                connection.execute(f"PRAGMA foreign_key_list('{name}')").fetchall(),
            )
        found["sql"] = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type IN ('view', 'trigger') ORDER BY name"
        ).fetchall()
        return found
    finally:
        connection.close()


def test_the_schema_kept_as_sql_is_the_models(tmp_path: Path) -> None:
    from_models = tmp_path / "models.db"
    engine = sa.create_engine(f"sqlite:///{from_models}")
    with engine.begin() as connection:
        SQLModel.metadata.create_all(connection)
        for statement in SEARCH_DDL + TRIGGER_DDL:
            connection.exec_driver_sql(statement)
    engine.dispose()
    from_sql = tmp_path / "sql.db"
    create_file(from_sql)
    # A model changed: paste the new `CREATE` statements (SQLite's sqlite_master of a file made
    # with SQLModel.metadata.create_all) into db/schema.py's TABLES and add a migration.
    assert _structure(from_sql) == _structure(from_models)


def test_a_new_file_is_a_journal_of_this_version(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    create_file(path)
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        connection.close()
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["new.db"]  # no temporary file left beside it
