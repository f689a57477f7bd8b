"""The schema as SQL: the tables and indexes, the search index, and the file's identity.

The tables are the models' own DDL (as SQLAlchemy writes it for SQLite), kept here
as text so a new journal is made with the standard library alone: a first import
or capture into a new file need not load SQLAlchemy. A test checks every table,
column, index and foreign key against the models, so they cannot drift apart.
The file's identity and version numbers live in identity.py.
"""

from __future__ import annotations

import sqlite3

from mentorlog.db.identity import APPLICATION_ID as APPLICATION_ID
from mentorlog.db.identity import SCHEMA_VERSION as SCHEMA_VERSION
from mentorlog.db.search_index import SEARCH_DDL, TRIGGER_DDL

# fmt: off
TABLES = (
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
    "CREATE UNIQUE INDEX ix_pair_uid ON pair (uid)",
    """CREATE TABLE tag (
        id INTEGER NOT NULL,
        uid VARCHAR(36) NOT NULL,
        created_at VARCHAR NOT NULL,
        updated_at VARCHAR NOT NULL,
        name VARCHAR NOT NULL,
        PRIMARY KEY (id),
        UNIQUE (name)
    )
    """,
    "CREATE UNIQUE INDEX ix_tag_uid ON tag (uid)",
    """CREATE TABLE revision (
        id INTEGER NOT NULL,
        kind VARCHAR NOT NULL,
        record_uid VARCHAR NOT NULL,
        saved_at VARCHAR NOT NULL,
        payload VARCHAR NOT NULL,
        PRIMARY KEY (id)
    )
    """,
    "CREATE INDEX ix_revision_record ON revision (kind, record_uid, id)",
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
    "CREATE INDEX ix_competency_pair_id ON competency (pair_id)",
    "CREATE UNIQUE INDEX ix_competency_uid ON competency (uid)",
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
    "CREATE INDEX ix_goal_pair_status ON goal (pair_id, status)",
    "CREATE UNIQUE INDEX ix_goal_uid ON goal (uid)",
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
    "CREATE INDEX ix_entry_activities ON entry (pair_id, kind, \"on\") WHERE activities != '[]'",
    "CREATE INDEX ix_entry_group ON entry (group_uid)",
    'CREATE INDEX ix_entry_pair_kind_on ON entry (pair_id, kind, "on", id, usefulness, confidence, duration_min,'
    " private, mode, group_uid)",
    'CREATE INDEX ix_entry_pair_on ON entry (pair_id, "on", id)',
    "CREATE UNIQUE INDEX ix_entry_uid ON entry (uid)",
    """CREATE TABLE trash_item (
        id INTEGER NOT NULL,
        pair_id INTEGER NOT NULL,
        kind VARCHAR NOT NULL,
        label VARCHAR NOT NULL,
        deleted_at VARCHAR NOT NULL,
        payload VARCHAR NOT NULL,
        PRIMARY KEY (id),
        FOREIGN KEY(pair_id) REFERENCES pair (id) ON DELETE CASCADE
    )
    """,
    "CREATE INDEX ix_trash_item_pair_id ON trash_item (pair_id)",
    """CREATE TABLE milestone (
        id INTEGER NOT NULL,
        uid VARCHAR(36) NOT NULL,
        created_at VARCHAR NOT NULL,
        updated_at VARCHAR NOT NULL,
        goal_id INTEGER NOT NULL,
        title VARCHAR NOT NULL,
        position INTEGER NOT NULL,
        due_on DATE,
        done_on DATE,
        PRIMARY KEY (id),
        FOREIGN KEY(goal_id) REFERENCES goal (id) ON DELETE CASCADE
    )
    """,
    "CREATE INDEX ix_milestone_goal_id ON milestone (goal_id)",
    "CREATE UNIQUE INDEX ix_milestone_uid ON milestone (uid)",
    """CREATE TABLE progress_update (
        id INTEGER NOT NULL,
        uid VARCHAR(36) NOT NULL,
        created_at VARCHAR NOT NULL,
        updated_at VARCHAR NOT NULL,
        goal_id INTEGER NOT NULL,
        "on" DATE NOT NULL,
        value FLOAT NOT NULL,
        confidence INTEGER,
        note VARCHAR NOT NULL,
        PRIMARY KEY (id),
        FOREIGN KEY(goal_id) REFERENCES goal (id) ON DELETE CASCADE
    )
    """,
    'CREATE INDEX ix_progress_goal_on ON progress_update (goal_id, "on", id)',
    "CREATE UNIQUE INDEX ix_progress_update_uid ON progress_update (uid)",
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
    "CREATE INDEX ix_rating_competency_id ON rating (competency_id)",
    "CREATE INDEX ix_rating_entry_id ON rating (entry_id)",
    "CREATE UNIQUE INDEX ix_rating_uid ON rating (uid)",
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
    """,
    "CREATE INDEX ix_action_item_entry_id ON action_item (entry_id)",
    "CREATE UNIQUE INDEX ix_action_item_uid ON action_item (uid)",
    "CREATE INDEX ix_action_pair_open ON action_item (pair_id, done_on, due_on)",
    """CREATE TABLE entry_tag (
        entry_id INTEGER NOT NULL,
        tag_id INTEGER NOT NULL,
        PRIMARY KEY (entry_id, tag_id),
        FOREIGN KEY(entry_id) REFERENCES entry (id) ON DELETE CASCADE,
        FOREIGN KEY(tag_id) REFERENCES tag (id) ON DELETE CASCADE
    )
    """,
    "CREATE INDEX ix_entry_tag_tag ON entry_tag (tag_id, entry_id)",
    """CREATE TABLE entry_goal (
        entry_id INTEGER NOT NULL,
        goal_id INTEGER NOT NULL,
        PRIMARY KEY (entry_id, goal_id),
        FOREIGN KEY(entry_id) REFERENCES entry (id) ON DELETE CASCADE,
        FOREIGN KEY(goal_id) REFERENCES goal (id) ON DELETE CASCADE
    )
    """,
    "CREATE INDEX ix_entry_goal_goal ON entry_goal (goal_id, entry_id)",
)
# fmt: on


def create_schema(connection: sqlite3.Connection) -> None:
    """Create the current schema in an empty database and stamp its identity, in one transaction."""
    connection.execute("BEGIN")
    try:
        for statement in (*TABLES, *SEARCH_DDL, *TRIGGER_DDL):
            connection.execute(statement)
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
