"""`mentorlog check`: is the file sound, and what does it hold?"""

from __future__ import annotations

import os
import stat
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


def check_journal(journal: Journal) -> list[Finding]:
    """Integrity, references, search index, schema version, file mode and record counts."""
    findings: list[Finding] = []
    with journal.engine.connect() as conn:
        integrity = [row[0] for row in conn.execute(text("PRAGMA integrity_check"))]
        findings.append(
            Finding(
                integrity == ["ok"],
                "integrity: ok" if integrity == ["ok"] else f"integrity: {'; '.join(integrity[:5])}",
            )
        )
        broken = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
        findings.append(Finding(not broken, f"references: {len(broken)} broken" if broken else "references: ok"))
        for index in ("entry", "goal"):
            findings.append(_search_index(conn, index))
        version = conn.execute(text("PRAGMA user_version")).scalar_one()
        findings.append(
            Finding(
                version == schema.SCHEMA_VERSION, f"schema: v{version} (this mentorlog writes v{schema.SCHEMA_VERSION})"
            )
        )
        mode = conn.execute(text("PRAGMA journal_mode")).scalar_one()
        findings.append(Finding(mode == "wal", f"journal mode: {mode}"))
        counts = ", ".join(
            f"{conn.execute(text(f'SELECT count(*) FROM {table}')).scalar_one()} {table.replace('_', ' ')}"
            for table in COUNTED
        )
        findings.append(Finding(True, f"records: {counts}"))
    permissions = stat.S_IMODE(os.stat(journal.path).st_mode)
    findings.append(
        Finding(
            permissions & 0o077 == 0,
            f"file mode: {permissions:o}" + ("" if permissions & 0o077 == 0 else " (others can read it; expected 600)"),
        )
    )
    return findings


def _search_index(conn: Connection, index: str) -> Finding:
    # FTS5's own integrity-check compares the index with its stored rows; the counts
    # compare those rows with the records they index.
    try:
        conn.execute(text(f"INSERT INTO {index}_fts({index}_fts) VALUES('integrity-check')"))
        indexed = conn.execute(text(f"SELECT count(*) FROM {index}_fts")).scalar_one()
        records = conn.execute(text(f"SELECT count(*) FROM {index}")).scalar_one()
    except DBAPIError as exc:  # a damaged index reports itself as an SQL error
        return Finding(False, f"{index} search index: {exc}")
    if indexed != records:
        return Finding(False, f"{index} search index: {indexed} rows for {records} records")
    return Finding(True, f"{index} search index: ok")
