"""Schema migrations: a small versioned runner rather than Alembic.

Why not Alembic: one application owns this one-file schema, so there is no
branching history to manage; Alembic would add a dependency and import time to
every CLI call (quick capture must start about as fast as Python does), and its
autogenerate needs "batch mode" table copies on SQLite anyway. Here a step is a
plain function from version N-1 to N, run with the others in one transaction
(SQLite DDL is transactional), after the file has been copied beside itself with
SQLite's online backup API. A failed step rolls back and leaves the file as it was.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

from mentorlog.db import schema
from mentorlog.db.connecting import connect
from mentorlog.db.copying import link_copy, temporary_copy
from mentorlog.errors import JournalRefused

Step = Callable[[sqlite3.Connection], None]


def v2_trash_and_history(conn: sqlite3.Connection) -> None:
    """Deleted records go to a trash; every edit keeps the version before it."""
    conn.execute(
        "CREATE TABLE trash_item (id INTEGER NOT NULL, pair_id INTEGER NOT NULL, kind VARCHAR NOT NULL, "
        "label VARCHAR NOT NULL, deleted_at VARCHAR NOT NULL, payload VARCHAR NOT NULL, PRIMARY KEY (id), "
        "FOREIGN KEY(pair_id) REFERENCES pair (id) ON DELETE CASCADE)"
    )
    conn.execute("CREATE INDEX ix_trash_item_pair_id ON trash_item (pair_id)")
    conn.execute(
        "CREATE TABLE revision (id INTEGER NOT NULL, kind VARCHAR NOT NULL, record_uid VARCHAR NOT NULL, "
        "saved_at VARCHAR NOT NULL, payload VARCHAR NOT NULL, PRIMARY KEY (id))"
    )
    conn.execute("CREATE INDEX ix_revision_record ON revision (kind, record_uid, id)")


def v3_private_action_items(conn: sqlite3.Connection) -> None:
    """An action item is private on its own: an item of a private session stays private when the
    session is deleted and the item kept. The table is rebuilt, so a migrated file's schema is a new one's."""
    conn.execute("PRAGMA legacy_alter_table = ON")  # the search view keeps naming action_item, not the old copy
    conn.execute("ALTER TABLE action_item RENAME TO _action_item_v2")
    conn.execute(
        """CREATE TABLE action_item (
        id INTEGER NOT NULL,
        uid VARCHAR(36) NOT NULL,
        created_at VARCHAR NOT NULL,
        updated_at VARCHAR NOT NULL,
        pair_id INTEGER NOT NULL,
        entry_id INTEGER,
        text VARCHAR NOT NULL,
        owner VARCHAR NOT NULL,
        due_on DATE,
        done_on DATE,
        private BOOLEAN NOT NULL,
        PRIMARY KEY (id),
        FOREIGN KEY(pair_id) REFERENCES pair (id) ON DELETE CASCADE,
        FOREIGN KEY(entry_id) REFERENCES entry (id) ON DELETE SET NULL
    )
    """
    )
    conn.execute(
        "INSERT INTO action_item (id, uid, created_at, updated_at, pair_id, entry_id, text, owner, due_on, done_on,"
        " private) SELECT a.id, a.uid, a.created_at, a.updated_at, a.pair_id, a.entry_id, a.text, a.owner, a.due_on,"
        " a.done_on, coalesce((SELECT e.private FROM entry e WHERE e.id = a.entry_id), 0) FROM _action_item_v2 a"
    )
    conn.execute("DROP TABLE _action_item_v2")  # with its indexes and search triggers
    conn.execute("CREATE INDEX ix_action_item_entry_id ON action_item (entry_id)")
    conn.execute("CREATE UNIQUE INDEX ix_action_item_uid ON action_item (uid)")
    conn.execute("CREATE INDEX ix_action_pair_open ON action_item (pair_id, done_on, due_on)")
    refresh = (
        "DELETE FROM entry_fts WHERE rowid = {key}; INSERT INTO entry_fts(rowid, title, body) "
        "SELECT id, title, body FROM entry_search_source WHERE id = {key};"
    )
    conn.execute(
        "CREATE TRIGGER action_item_fts_ai AFTER INSERT ON action_item BEGIN "
        + refresh.format(key="new.entry_id") + " END"
    )  # fmt: skip
    conn.execute(
        "CREATE TRIGGER action_item_fts_au AFTER UPDATE ON action_item BEGIN "
        + refresh.format(key="old.entry_id") + " " + refresh.format(key="new.entry_id") + " END"
    )  # fmt: skip
    conn.execute(
        "CREATE TRIGGER action_item_fts_ad AFTER DELETE ON action_item BEGIN "
        + refresh.format(key="old.entry_id") + " END"
    )  # fmt: skip
    conn.execute("PRAGMA legacy_alter_table = OFF")


def v4_ratings_in_the_kind_index(conn: sqlite3.Connection) -> None:
    """The index of a pair's entries by kind and date carries their ratings too, so the health figures
    read years of sessions and reflections from the index alone."""
    conn.execute("DROP INDEX ix_entry_pair_kind_on")
    conn.execute('CREATE INDEX ix_entry_pair_kind_on ON entry (pair_id, kind, "on", id, usefulness, confidence)')


def v5_a_chosen_pair(conn: sqlite3.Connection) -> None:
    """The default pair is the one the user chose, never the one written to last: the bookkeeping of
    the last use becomes the time of the last choice, and no pair is chosen until the user says so."""
    conn.execute("ALTER TABLE pair RENAME COLUMN last_used_at TO chosen_at")
    conn.execute("UPDATE pair SET chosen_at = NULL")


def rebuild(conn: sqlite3.Connection, table: str, ddl: str) -> None:
    """Give `table` the columns of `ddl` (its CREATE TABLE as a new file has it), keeping its rows, its
    indexes and its triggers: SQLite's ALTER TABLE ADD COLUMN would append a column after the table's
    constraints, and a migrated file must have the schema of a new one. Columns new to the table take
    their defaults from `ddl`'s callers (INSERT ... SELECT names only the old ones)."""
    old = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    kept = [
        sql
        for (sql,) in conn.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL",
            (table,),
        )
    ]
    # Views, triggers and other tables' foreign keys keep naming the table, not the old copy; and the new
    # table is made under its own name (a renamed one would be stored as CREATE TABLE "name").
    conn.execute("PRAGMA legacy_alter_table = ON")
    conn.execute(f"ALTER TABLE {table} RENAME TO _{table}_old")
    conn.execute(ddl)
    columns = ", ".join(f'"{name}"' for name in old)
    conn.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _{table}_old")
    conn.execute(f"DROP TABLE _{table}_old")  # with its indexes and triggers, made again below
    for sql in kept:
        conn.execute(sql)
    conn.execute("PRAGMA legacy_alter_table = OFF")


def v6_the_pairs_life_and_group_sessions(conn: sqlite3.Connection) -> None:
    """A pairing closes (with a reason), is archived, is deleted to the trash whole; a session held with
    several pairs is one entry in each, sharing a group; a pair's final assessments and closing
    reflection are marked as its closing."""
    rebuild(
        conn,
        "pair",
        """CREATE TABLE pair (
        id INTEGER NOT NULL,
        uid VARCHAR(36) NOT NULL,
        created_at VARCHAR NOT NULL,
        updated_at VARCHAR NOT NULL,
        mentor_name VARCHAR NOT NULL,
        mentee_name VARCHAR NOT NULL,
        program VARCHAR NOT NULL,
        started_on DATE NOT NULL,
        ended_on DATE,
        end_reason VARCHAR,
        cadence_days INTEGER NOT NULL,
        owner_role VARCHAR NOT NULL,
        agreement VARCHAR NOT NULL,
        chosen_at VARCHAR,
        archived_on DATE,
        deleted_at VARCHAR,
        PRIMARY KEY (id)
    )
    """,
    )
    conn.execute("ALTER TABLE entry ADD COLUMN closing BOOLEAN NOT NULL DEFAULT 0")  # filled, then rebuilt
    rebuild(
        conn,
        "entry",
        """CREATE TABLE entry (
        id INTEGER NOT NULL,
        uid VARCHAR(36) NOT NULL,
        created_at VARCHAR NOT NULL,
        updated_at VARCHAR NOT NULL,
        pair_id INTEGER NOT NULL,
        kind VARCHAR NOT NULL,
        "on" DATE NOT NULL,
        author VARCHAR NOT NULL,
        private BOOLEAN NOT NULL,
        title VARCHAR NOT NULL,
        body VARCHAR NOT NULL,
        duration_min INTEGER,
        mode VARCHAR,
        agenda VARCHAR NOT NULL,
        whats_working VARCHAR NOT NULL,
        focus VARCHAR NOT NULL,
        next_session_on DATE,
        next_session_focus VARCHAR NOT NULL,
        usefulness INTEGER,
        context VARCHAR NOT NULL,
        strengths JSON NOT NULL,
        growth_areas JSON NOT NULL,
        agreed_next_step VARCHAR NOT NULL,
        went_well VARCHAR NOT NULL,
        challenging VARCHAR NOT NULL,
        learned VARCHAR NOT NULL,
        next_step VARCHAR NOT NULL,
        confidence INTEGER,
        rater VARCHAR,
        group_uid VARCHAR(36),
        closing BOOLEAN NOT NULL,
        PRIMARY KEY (id),
        FOREIGN KEY(pair_id) REFERENCES pair (id) ON DELETE CASCADE
    )
    """,
    )
    conn.execute("CREATE INDEX ix_entry_group ON entry (group_uid)")


def v7_the_pairs_own_rubric(conn: sqlite3.Connection) -> None:
    """A pair's rubric has its own level scale and preset; a competency its code, group, description,
    level descriptors and retirement; a rating the level's name it was given under; a goal its start
    date and (a rubric goal) whose ratings measure it."""
    levels = '["Beginning","Exploring","Applying","Integrating","Innovating"]'
    conn.execute("ALTER TABLE pair ADD COLUMN rubric_preset VARCHAR NOT NULL DEFAULT 'seeded'")
    conn.execute(f"ALTER TABLE pair ADD COLUMN rubric_levels JSON NOT NULL DEFAULT '{levels}'")
    for column in ("code", "group_name", "description"):
        conn.execute(f"ALTER TABLE competency ADD COLUMN {column} VARCHAR NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE competency ADD COLUMN descriptors JSON NOT NULL DEFAULT '[]'")
    conn.execute("ALTER TABLE competency ADD COLUMN retired_on DATE")
    conn.execute("ALTER TABLE goal ADD COLUMN starts_on DATE")
    conn.execute("ALTER TABLE goal ADD COLUMN rater VARCHAR")
    conn.execute("ALTER TABLE rating ADD COLUMN level_label VARCHAR NOT NULL DEFAULT ''")
    # Every rating so far was given on the seeded scale: it keeps that level's name.
    conn.execute(f"UPDATE rating SET level_label = coalesce(json_extract('{levels}', '$[' || (level - 1) || ']'), '')")
    rebuild(
        conn,
        "pair",
        """CREATE TABLE pair (
        id INTEGER NOT NULL,
        uid VARCHAR(36) NOT NULL,
        created_at VARCHAR NOT NULL,
        updated_at VARCHAR NOT NULL,
        mentor_name VARCHAR NOT NULL,
        mentee_name VARCHAR NOT NULL,
        program VARCHAR NOT NULL,
        started_on DATE NOT NULL,
        ended_on DATE,
        end_reason VARCHAR,
        cadence_days INTEGER NOT NULL,
        owner_role VARCHAR NOT NULL,
        agreement VARCHAR NOT NULL,
        chosen_at VARCHAR,
        archived_on DATE,
        deleted_at VARCHAR,
        rubric_preset VARCHAR NOT NULL,
        rubric_levels JSON NOT NULL,
        PRIMARY KEY (id)
    )
    """,
    )
    rebuild(
        conn,
        "competency",
        """CREATE TABLE competency (
        id INTEGER NOT NULL,
        uid VARCHAR(36) NOT NULL,
        created_at VARCHAR NOT NULL,
        updated_at VARCHAR NOT NULL,
        pair_id INTEGER NOT NULL,
        name VARCHAR NOT NULL,
        position INTEGER NOT NULL,
        code VARCHAR NOT NULL,
        group_name VARCHAR NOT NULL,
        description VARCHAR NOT NULL,
        descriptors JSON NOT NULL,
        retired_on DATE,
        PRIMARY KEY (id),
        UNIQUE (pair_id, name),
        FOREIGN KEY(pair_id) REFERENCES pair (id) ON DELETE CASCADE
    )
    """,
    )
    rebuild(
        conn,
        "goal",
        """CREATE TABLE goal (
        id INTEGER NOT NULL,
        uid VARCHAR(36) NOT NULL,
        created_at VARCHAR NOT NULL,
        updated_at VARCHAR NOT NULL,
        pair_id INTEGER NOT NULL,
        title VARCHAR NOT NULL,
        specific VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        measure VARCHAR NOT NULL,
        unit VARCHAR NOT NULL,
        baseline FLOAT,
        target FLOAT,
        achievable VARCHAR NOT NULL,
        relevant VARCHAR NOT NULL,
        competency VARCHAR,
        set_on DATE NOT NULL,
        activated_on DATE,
        due_on DATE,
        status VARCHAR NOT NULL,
        achieved_on DATE,
        starts_on DATE,
        rater VARCHAR,
        PRIMARY KEY (id),
        FOREIGN KEY(pair_id) REFERENCES pair (id) ON DELETE CASCADE
    )
    """,
    )
    rebuild(
        conn,
        "rating",
        """CREATE TABLE rating (
        id INTEGER NOT NULL,
        uid VARCHAR(36) NOT NULL,
        created_at VARCHAR NOT NULL,
        updated_at VARCHAR NOT NULL,
        entry_id INTEGER NOT NULL,
        competency_id INTEGER NOT NULL,
        level INTEGER NOT NULL,
        evidence VARCHAR NOT NULL,
        level_label VARCHAR NOT NULL,
        PRIMARY KEY (id),
        UNIQUE (entry_id, competency_id),
        FOREIGN KEY(entry_id) REFERENCES entry (id) ON DELETE CASCADE,
        FOREIGN KEY(competency_id) REFERENCES competency (id) ON DELETE CASCADE
    )
    """,
    )


def v8_session_activities_and_start(conn: sqlite3.Connection) -> None:
    """A session records what was done (its activities, a list) and when it started; the kind-and-date
    index carries a session's minutes, mode, group and privacy, so contact time (and a figure that leaves
    the file) is summed from the index alone."""
    conn.execute("ALTER TABLE entry ADD COLUMN starts_at VARCHAR")
    conn.execute("ALTER TABLE entry ADD COLUMN activities JSON NOT NULL DEFAULT '[]'")  # filled, then rebuilt
    conn.execute("DROP INDEX ix_entry_pair_kind_on")
    rebuild(
        conn,
        "entry",
        """CREATE TABLE entry (
        id INTEGER NOT NULL,
        uid VARCHAR(36) NOT NULL,
        created_at VARCHAR NOT NULL,
        updated_at VARCHAR NOT NULL,
        pair_id INTEGER NOT NULL,
        kind VARCHAR NOT NULL,
        "on" DATE NOT NULL,
        author VARCHAR NOT NULL,
        private BOOLEAN NOT NULL,
        title VARCHAR NOT NULL,
        body VARCHAR NOT NULL,
        duration_min INTEGER,
        mode VARCHAR,
        agenda VARCHAR NOT NULL,
        whats_working VARCHAR NOT NULL,
        focus VARCHAR NOT NULL,
        next_session_on DATE,
        next_session_focus VARCHAR NOT NULL,
        usefulness INTEGER,
        starts_at VARCHAR,
        activities JSON NOT NULL,
        context VARCHAR NOT NULL,
        strengths JSON NOT NULL,
        growth_areas JSON NOT NULL,
        agreed_next_step VARCHAR NOT NULL,
        went_well VARCHAR NOT NULL,
        challenging VARCHAR NOT NULL,
        learned VARCHAR NOT NULL,
        next_step VARCHAR NOT NULL,
        confidence INTEGER,
        rater VARCHAR,
        group_uid VARCHAR(36),
        closing BOOLEAN NOT NULL,
        PRIMARY KEY (id),
        FOREIGN KEY(pair_id) REFERENCES pair (id) ON DELETE CASCADE
    )
    """,
    )
    conn.execute(
        'CREATE INDEX ix_entry_pair_kind_on ON entry (pair_id, kind, "on", id, usefulness, confidence, duration_min,'
        " private, mode, group_uid)"
    )
    conn.execute("""CREATE INDEX ix_entry_activities ON entry (pair_id, kind, "on") WHERE activities != '[]'""")


# MIGRATIONS[n] upgrades a version n-1 file to version n. Version 1 is the first release.
# A step is frozen once released: it spells out its SQL rather than asking today's models.
MIGRATIONS: dict[int, Step] = {
    2: v2_trash_and_history,
    3: v3_private_action_items,
    4: v4_ratings_in_the_kind_index,
    5: v5_a_chosen_pair,
    6: v6_the_pairs_life_and_group_sessions,
    7: v7_the_pairs_own_rubric,
    8: v8_session_activities_and_start,
}


def backup_path(path: Path, version: int, now: dt.datetime) -> Path:
    """`journal.db.v1-20261201-093000.bak`, or `...-2.bak` when that name is taken."""
    base = f"{path.name}.v{version}-{now:%Y%m%d-%H%M%S}"
    candidate, n = path.with_name(f"{base}.bak"), 2
    while candidate.exists():
        candidate, n = path.with_name(f"{base}-{n}.bak"), n + 1
    return candidate


def take_backup(path: Path, version: int, now: dt.datetime, *, key: bytes | None = None) -> Path:
    """A checked copy beside the journal, named only once it is whole: a kill leaves no half a backup.
    An encrypted journal's is encrypted too, with its header beside it."""
    temp = temporary_copy(path, path.parent, key=key)
    try:
        for _ in range(100):
            backup = backup_path(path, version, now)
            try:
                link_copy(temp, backup, path if key is not None else None)  # never over a file of that name
            except FileExistsError:
                continue
            return backup
        raise FileExistsError(f"no free name for the backup of {path}")
    finally:
        temp.unlink(missing_ok=True)


def migrate(path: Path, from_version: int, *, to_version: int | None = None, key: bytes | None = None) -> Path:
    """Upgrade the file at `path` in place; returns the backup taken before."""
    target = schema.SCHEMA_VERSION if to_version is None else to_version
    steps = [(n, MIGRATIONS.get(n)) for n in range(from_version + 1, target + 1)]
    missing = [n for n, step in steps if step is None]
    if missing:
        raise JournalRefused(f"{path}: no migration to schema v{missing[0]}; file left untouched")
    try:
        backup = take_backup(path, from_version, dt.datetime.now(dt.UTC), key=key)
    except (OSError, sqlite3.Error) as exc:
        raise JournalRefused(f"{path}: could not back up before migrating ({exc}); file left untouched") from None
    connection = connect(path, autocommit=True, key=key)
    try:
        connection.execute("PRAGMA foreign_keys = OFF")  # table rebuilds must not cascade
        connection.execute("BEGIN IMMEDIATE")
        for number, step in steps:
            assert step is not None
            step(connection)
            connection.execute(f"PRAGMA user_version = {number}")
        problems = connection.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise sqlite3.IntegrityError(f"{len(problems)} broken references after migrating")
        connection.execute("COMMIT")
    except Exception as exc:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise JournalRefused(
            f"{path}: migration to schema v{target} failed ({exc}); file left as it was, backup at {backup}"
        ) from None
    finally:
        connection.close()
    return backup
