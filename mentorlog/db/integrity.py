"""`mentorlog check`: is the file sound, and what does it hold?

Each probe reports on its own, so a damaged page that breaks one of them still
leaves the others to say what they can.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from mentorlog.db import schema
from mentorlog.db.opening import Journal

COUNTED = ("pair", "goal", "milestone", "progress_update", "entry", "rating", "action_item", "tag")


@dataclass(frozen=True)
class Finding:
    ok: bool
    what: str


Probe = Callable[[Connection], Finding]


def check_journal(journal: Journal) -> list[Finding]:
    """Integrity, references, search index, schema version, file mode and record counts."""
    probes: list[tuple[str, Probe]] = [
        ("integrity", _integrity),
        ("references", _references),
        ("entry search index", lambda conn: _search_index(conn, "entry")),
        ("goal search index", lambda conn: _search_index(conn, "goal")),
        ("schema", _schema),
        ("journal mode", _journal_mode),
        ("records", _counts),
    ]
    findings: list[Finding] = []
    with journal.engine.connect() as conn:
        for name, probe in probes:
            try:
                findings.append(probe(conn))
            except DBAPIError as exc:
                findings.append(Finding(False, f"{name}: {exc.orig or exc}"))
                conn.rollback()
    findings.append(_file_mode(journal))
    return findings


def _integrity(conn: Connection) -> Finding:
    rows = [row[0] for row in conn.execute(text("PRAGMA integrity_check(20)"))]
    return Finding(rows == ["ok"], "integrity: ok" if rows == ["ok"] else f"integrity: {'; '.join(rows[:5])}")


def _references(conn: Connection) -> Finding:
    broken = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
    return Finding(not broken, f"references: {len(broken)} broken" if broken else "references: ok")


def _search_index(conn: Connection, index: str) -> Finding:
    # FTS5's integrity-check compares the index with its stored rows; the counts
    # compare those rows with the records they index.
    conn.execute(text(f"INSERT INTO {index}_fts({index}_fts) VALUES('integrity-check')"))
    indexed = conn.execute(text(f"SELECT count(*) FROM {index}_fts")).scalar_one()
    records = conn.execute(text(f"SELECT count(*) FROM {index}")).scalar_one()
    if indexed != records:
        return Finding(False, f"{index} search index: {indexed} rows for {records} records")
    return Finding(True, f"{index} search index: ok")


def _schema(conn: Connection) -> Finding:
    version = conn.execute(text("PRAGMA user_version")).scalar_one()
    return Finding(
        version == schema.SCHEMA_VERSION, f"schema: v{version} (this mentorlog writes v{schema.SCHEMA_VERSION})"
    )


def _journal_mode(conn: Connection) -> Finding:
    mode = conn.execute(text("PRAGMA journal_mode")).scalar_one()
    return Finding(mode == "wal", f"journal mode: {mode}")


def _counts(conn: Connection) -> Finding:
    counts = ", ".join(
        f"{conn.execute(text(f'SELECT count(*) FROM {table}')).scalar_one()} {table.replace('_', ' ')}"
        for table in COUNTED
    )
    return Finding(True, f"records: {counts}")


def _file_mode(journal: Journal) -> Finding:
    permissions = stat.S_IMODE(os.stat(journal.path).st_mode)
    private = permissions & 0o077 == 0
    return Finding(private, f"file mode: {permissions:o}" + ("" if private else " (others can read it; expected 600)"))
