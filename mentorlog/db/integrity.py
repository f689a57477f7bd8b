"""`mentorlog check`: is the file sound, and what does it hold?

Every probe reads one consistent snapshot, so a journal another mentorlog is
writing meanwhile is judged as it was at one moment, never as half of two. Each
probe reports on its own, so a damaged page that breaks one of them still leaves
the others to say what they can. FTS5's own structural check is a write
statement; it waits for a writer as any write does, and is skipped (saying so)
when the journal stays busy or cannot be written.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable
from dataclasses import dataclass

from mentorlog.db import damage, pragmas, schema
from mentorlog.db.identity import Found
from mentorlog.db.search_index import SEARCH_INDEXES
from mentorlog.terminal import unsafe_in
from mentorlog.words import plural

PLURALS = {"entry": "entries", "progress_update": "progress updates"}
COUNTED = ("pair", "goal", "milestone", "progress_update", "entry", "rating", "action_item", "tag")
SHOWN_EXAMPLES = 5


@dataclass(frozen=True)
class Finding:
    ok: bool
    what: str


Probe = Callable[[sqlite3.Connection], Finding]


def check_journal(found: Found) -> list[Finding]:
    """Integrity, references, search index, schema version, stored text, file mode and record counts."""
    probes: list[tuple[str, Probe]] = [
        ("integrity", _integrity),
        ("references", _references),
        *((f"{index} search index", _search_index(index)) for index in SEARCH_INDEXES),
        ("schema", _schema),
        ("journal mode", lambda conn: _journal_mode(found)),
        ("stored text", _stored_text),
        ("records", _counts),
    ]
    findings: list[Finding] = []
    # Opened as any use of the journal opens it (a backup's copy becomes WAL here, as it would in use).
    connection = pragmas.connect(found.path, writable=found.writable, folder_writable=found.folder_writable,
                                 key=found.key)  # fmt: skip
    connection.create_function("mentorlog_unsafe", 1, _unsafe, deterministic=True)
    try:
        connection.execute("BEGIN")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot starts here
        for name, probe in probes:
            try:
                findings.append(probe(connection))
            except sqlite3.Error as exc:
                findings.append(Finding(False, f"{name}: {exc}"))
        connection.execute("ROLLBACK")
    finally:
        connection.close()
    findings.append(_search_structure(found))
    findings.append(_file_mode(found))
    if found.key is not None:
        findings.append(_key_file(found))
    _remember(found, findings[0])
    return findings


def _remember(found: Found, integrity: Finding) -> None:
    """A journal that fails its integrity check is damaged: no command writes to it (db.damage) until it
    passes again or a backup takes its place; one that passes is sound, whatever was noted before."""
    if integrity.ok:
        damage.clear(found.path)
    else:
        damage.record(found.path, integrity.what.removeprefix("integrity: "))


def _integrity(conn: sqlite3.Connection) -> Finding:
    rows = [row[0] for row in conn.execute("PRAGMA integrity_check(20)")]
    return Finding(rows == ["ok"], "integrity: ok" if rows == ["ok"] else f"integrity: {'; '.join(rows[:5])}")


def _references(conn: sqlite3.Connection) -> Finding:
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    return Finding(not broken, f"references: {len(broken)} broken" if broken else "references: ok")


def _search_index(index: str) -> Probe:
    def probe(conn: sqlite3.Connection) -> Finding:
        # The index's stored rows against what they index, row for row, in the same snapshot.
        stale = conn.execute(
            f"SELECT count(*) FROM {index}_search_source s LEFT JOIN {index}_fts f ON f.rowid = s.id"
            " WHERE f.rowid IS NULL OR f.title IS NOT s.title OR f.body IS NOT s.body"
        ).fetchone()[0]
        indexed = conn.execute(f"SELECT count(*) FROM {index}_fts").fetchone()[0]
        records = conn.execute(f"SELECT count(*) FROM {index}").fetchone()[0]
        if indexed != records or stale:
            return Finding(
                False,
                f"{index} search index: {plural(indexed, 'row')} for {plural(records, 'record')}, {stale} out of date",
            )
        return Finding(True, f"{index} search index: ok")

    return probe


def _search_structure(found: Found) -> Finding:
    """FTS5's integrity-check of its own index structure (an INSERT, so it waits for a writer)."""
    if not found.writable:
        return Finding(True, "search index structure: not checked (the journal is read-only)")
    connection = pragmas.connect(found.path, writable=True, folder_writable=found.folder_writable, key=found.key)
    try:
        connection.execute("BEGIN IMMEDIATE")
        for index in SEARCH_INDEXES:
            connection.execute(f"INSERT INTO {index}_fts({index}_fts) VALUES('integrity-check')")
        connection.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return Finding(True, "search index structure: not checked (another mentorlog kept the journal busy)")
        return Finding(False, f"search index structure: {exc}")
    except sqlite3.Error as exc:
        return Finding(False, f"search index structure: {exc}")
    finally:
        connection.close()
    return Finding(True, "search index structure: ok")


def _schema(conn: sqlite3.Connection) -> Finding:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    return Finding(
        version == schema.SCHEMA_VERSION, f"schema: v{version} (this mentorlog writes v{schema.SCHEMA_VERSION})"
    )


def _journal_mode(found: Found) -> Finding:
    """From the header (bytes 18 and 19 are 2 for WAL): a read-only journal is read as immutable, and
    SQLite then reports no journal mode at all."""
    if found.key is not None:  # its header is encrypted too: SQLite, keyed, says
        connection = pragmas.connect(found.path, writable=False, folder_writable=found.folder_writable, key=found.key)
        try:
            mode = "wal" if connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal" else "rollback journal"
        finally:
            connection.close()
        return Finding(mode == "wal", f"journal mode: {mode}")
    with found.path.open("rb") as handle:
        header = handle.read(20)
    mode = "wal" if header[18:20] == b"\x02\x02" else "rollback journal"
    return Finding(mode == "wal", f"journal mode: {mode}")


def _unsafe(value: object) -> str | None:
    return unsafe_in(value) if isinstance(value, str) else None


def _stored_text(conn: sqlite3.Connection) -> Finding:
    """Text a terminal would act on (escape sequences, bidi overrides...): mentorlog shows it defused,
    but it got into the file some other way than through mentorlog, and is worth knowing about."""
    examples: list[str] = []
    total = 0
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
                                             "'CREATE VIRTUAL%' AND name NOT LIKE '%fts%' ORDER BY name")]  # fmt: skip
    for table in tables:
        described = conn.execute(f"PRAGMA table_info({table})").fetchall()
        names = [row[1] for row in described]
        texts = [row[1] for row in described if row[2].upper() in ("VARCHAR", "TEXT", "JSON")]
        if "id" not in names or not texts:
            continue
        for column in texts:
            found = conn.execute(
                f'SELECT id, mentorlog_unsafe("{column}") FROM {table} WHERE mentorlog_unsafe("{column}") IS NOT NULL'
            ).fetchall()
            total += len(found)
            examples += [f"{table.replace('_', ' ')} #{row_id} {column} holds {char}" for row_id, char in found]
    if not total:
        return Finding(True, "stored text: ok")
    shown = "; ".join(examples[:SHOWN_EXAMPLES]) + ("; ..." if total > SHOWN_EXAMPLES else "")
    return Finding(False, f"stored text: {total} values hold characters a terminal would act on ({shown})")


def _counts(conn: sqlite3.Connection) -> Finding:
    counts = ", ".join(
        plural(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0], table.replace("_", " "), PLURALS.get(table))
        for table in COUNTED
    )
    return Finding(True, f"records: {counts}")


def _file_mode(found: Found) -> Finding:
    permissions = stat.S_IMODE(os.stat(found.path).st_mode)
    private = permissions & 0o077 == 0
    return Finding(private, f"file mode: {permissions:o}" + ("" if private else " (others can read it; expected 600)"))


def _key_file(found: Found) -> Finding:
    """An encrypted journal's key file: what it holds is safe to keep (the passphrase guards it), yet it is
    the user's alone as the journal is."""
    from mentorlog.db import keyfile

    where = keyfile.key_path(found.path)
    permissions = stat.S_IMODE(os.stat(where).st_mode)
    private = permissions & 0o077 == 0
    cost = f"; Argon2id, {found.header.kdf.memory_kib // 1024} MiB" if found.header else ""
    said = f"encrypted (SQLCipher{cost}): key file {where.name}, mode {permissions:o}"
    return Finding(private, said + ("" if private else " (others can read it; expected 600)"))
