"""Turning a journal encrypted, plain again, or giving it a new passphrase: each safe against a kill.

`encrypt`: SQLCipher's own export writes every table, index and search index into a new file keyed
with a random data key (its first bytes say what it is, db.keyfile); the copy is verified (integrity,
and a record count per table against the journal's, taken while the journal is locked against
writers); the header goes beside the journal, then the copy takes the journal's name in one rename.
A kill before that rename leaves the plain journal (a header beside a plain file is ignored), after
it the encrypted one: one of the two always opens. The plaintext original is gone with that rename
(its blocks are the file system's to reuse: they are not wiped, which on a flash disk nothing can
promise).

`decrypt` the other way; its plaintext is made in memory and reaches the disk only as the finished
file, so a kill leaves no plaintext copy beside an encrypted journal. `rewrap` writes a new header
only (the data key stays; the pages are not rewritten): old header or new, whole, after a kill.

Each refuses while another mentorlog has the journal open: its -wal and -shm (which the last
connection to close removes) say so.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple

from mentorlog import editing, files
from mentorlog.db import damage, keyfile, keywrap
from mentorlog.db.connecting import connect, key_connection, load_sqlcipher
from mentorlog.db.identity import Found, Unlock, judge
from mentorlog.db.schema import SCHEMA_VERSION
from mentorlog.errors import JournalRefused


class Converted(NamedTuple):
    journal: Path
    tables: int
    records: int
    key: bytes | None = None  # the new data key of a journal just encrypted


def require() -> None:
    """JournalRefused, saying how to install it, where the encryption extra is not installed (both halves)."""
    keywrap.require()
    load_sqlcipher()


def encrypt(path: Path, passphrase: str) -> Converted:
    """Encrypt the plain journal at `path` in place under `passphrase`."""
    require()
    found = _plain(path)
    real = found.path
    _clear_stale_header(real, path)
    for leftover in files.leftovers(real.parent, real.name):
        leftover.unlink(missing_ok=True)
    data_key = keywrap.new_data_key()
    temp = files.temporary_name(real.parent, real.name)
    try:
        counts = _export_encrypted(real, temp, data_key, path)
        _verify(temp, counts, path, key=data_key)
        keyfile.write(real, keywrap.wrap(data_key, passphrase))
        _refuse_if_open(real, path)
        os.replace(temp, real)
        files.sync_folder(real.parent)
    except BaseException:
        temp.unlink(missing_ok=True)
        Path(f"{temp}-journal").unlink(missing_ok=True)
        if keyfile.data_format(_head(real)) is None:
            keyfile.key_path(real).unlink(missing_ok=True)  # the journal is still plain: no header beside it
        raise
    return Converted(path, len(counts), sum(counts.values()), data_key)


def decrypt(path: Path, unlock: Unlock, *, out: Path | None = None) -> Converted:
    """Make the encrypted journal at `path` plain: in place, or (`out`) a plain copy at a new path."""
    found = judge(path, unlock=unlock)
    if found is None:
        raise JournalRefused(f"no journal at {path}")
    if found.key is None:
        raise JournalRefused(f"{path} is not encrypted; nothing to decrypt")
    real = found.path
    if out is not None:
        target = files.writable(out).target
        if os.path.lexists(out) or target.exists():
            raise JournalRefused(
                f"cannot decrypt to {out}: a file is there already; left untouched (choose a new name)"
            )
    else:
        _writable(found, path)
        target = real
    with _plaintext(real, found.key, path) as (plain, counts):
        _place_plain(plain, target, path, replace=out is None)
    if out is None:
        keyfile.key_path(real).unlink(missing_ok=True)
        files.sync_folder(real.parent)
    return Converted(out or path, len(counts), sum(counts.values()))


def rewrap(path: Path, unlock: Unlock, passphrase: str) -> Path:
    """Give the encrypted journal at `path` a new passphrase: a new header, the same data key."""
    found = judge(path, unlock=unlock)
    if found is None:
        raise JournalRefused(f"no journal at {path}")
    if found.key is None:
        raise JournalRefused(f"{path} is not encrypted: 'mentorlog encrypt' gives it a passphrase")
    _writable(found, path)
    keyfile.write(found.path, keywrap.wrap(found.key, passphrase))
    return keyfile.key_path(path)


def _plain(path: Path) -> Found:
    head = _head(Path(os.path.realpath(path)))
    if keyfile.data_format(head) is not None:
        raise JournalRefused(f"{path} is already encrypted; 'mentorlog passphrase' changes its passphrase")
    found = judge(path, newest=SCHEMA_VERSION)
    if found is None:
        raise JournalRefused(f"no journal at {path} (create one with 'mentorlog init' first)")
    _writable(found, path)
    return found


def _writable(found: Found, path: Path) -> None:
    if not found.folder_writable or not found.writable:
        raise JournalRefused(f"{path} or its folder cannot be written; left untouched")


def _head(real: Path) -> bytes:
    try:
        with open(real, "rb") as handle:
            return handle.read(16)
    except OSError:
        return b""


def _clear_stale_header(real: Path, shown: Path) -> None:
    """A header beside a plain journal is what a kill during an earlier `encrypt` left: it goes. Anything
    else of that name is not ours to remove."""
    stale = keyfile.key_path(real)
    if not stale.exists():
        return
    if not stale.read_bytes().startswith(keyfile.MAGIC):
        raise JournalRefused(f"{keyfile.key_path(shown)} is in the way (not a mentorlog key file); left untouched")
    stale.unlink()


def _refuse_if_open(real: Path, shown: Path) -> None:
    if any(Path(f"{real}{suffix}").exists() for suffix in ("-wal", "-shm", "-journal")):
        raise JournalRefused(
            f"{shown} is open in another mentorlog (its -wal or -shm is beside it): close that first; left untouched"
        )


def _tables(connection: sqlite3.Connection, schema: str = "main") -> list[str]:
    """The tables that hold records: a search index's virtual table is counted by its own tables (its
    content and index), and cannot be read in an attached file whose schema this connection just wrote."""
    rows = connection.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' "
        "ORDER BY name"
    )
    return [name for (name,) in rows if not name.startswith("sqlite_")]


def _counts(connection: sqlite3.Connection, schema: str = "main") -> dict[str, int]:
    return {
        name: int(connection.execute(f'SELECT count(*) FROM {schema}."{name}"').fetchone()[0])
        for name in _tables(connection, schema)
    }


def _export_encrypted(real: Path, temp: Path, data_key: bytes, shown: Path) -> dict[str, int]:
    """Every table of the plain journal into the new file `temp`, keyed; the journal's counts, taken under
    its write lock (no writer can change it between the copy and the count)."""
    guard = connect(real, autocommit=True)
    source = connect(real, autocommit=True, sqlcipher=True)
    try:
        guard.execute("PRAGMA busy_timeout = 10000")
        guard.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        guard.execute("BEGIN IMMEDIATE")
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        source.execute("PRAGMA cipher_log_level = NONE")
        source.execute("ATTACH DATABASE ? AS encrypted", (str(temp),))
        key_connection(source, data_key, "encrypted")
        source.execute("SELECT sqlcipher_export('encrypted')")
        for pragma in ("user_version", "application_id"):
            value = int(source.execute(f"PRAGMA main.{pragma}").fetchone()[0])
            source.execute(f"PRAGMA encrypted.{pragma} = {value}")
        counts = _counts(source)
        source.execute("PRAGMA encrypted.journal_mode = WAL")  # as every journal is: opening it writes nothing
        source.execute("DETACH DATABASE encrypted")
        guard.execute("ROLLBACK")
    except sqlite3.Error as exc:
        raise JournalRefused(f"cannot encrypt {shown}: {exc}; left untouched") from None
    finally:
        source.close()
        guard.close()
    return counts


@contextlib.contextmanager
def _plaintext(real: Path, data_key: bytes, shown: Path) -> Iterator[tuple[BinaryIO, dict[str, int]]]:
    """The journal's plaintext as a verified SQLite file (an open handle) and its records, counted by table. SQLCipher's
    export writes it into a file in a folder in memory (the user's runtime folder, or /dev/shm) whose name is
    removed as soon as SQLite has it open (no -journal: it needs none), and it is read back through a
    descriptor of ours: for all but that moment a kill leaves nothing of it (and what one left then, the next
    `decrypt` clears). It is verified there, on the same connection, before anything is written."""
    folder = editing.memory_folder() or real.parent
    for leftover in files.leftovers(folder, real.name):
        leftover.unlink(missing_ok=True)
    staged = files.temporary_name(folder, real.name)
    handle = open(staged, "w+b")  # noqa: SIM115 - closed below, after the caller has copied it
    os.chmod(staged, 0o600)
    source = connect(real, autocommit=True, key=data_key)
    try:
        source.execute("PRAGMA busy_timeout = 10000")
        source.execute("ATTACH DATABASE ? AS plain KEY ''", (str(staged),))
        source.execute("PRAGMA plain.journal_mode = OFF")
        source.execute("SELECT count(*) FROM plain.sqlite_master").fetchone()  # SQLite has the file open now
        staged.unlink()
        source.execute("BEGIN")
        source.execute("SELECT sqlcipher_export('plain')")
        for pragma in ("user_version", "application_id"):
            value = int(source.execute(f"PRAGMA main.{pragma}").fetchone()[0])
            source.execute(f"PRAGMA plain.{pragma} = {value}")
        source.execute("COMMIT")
        counts = _counts(source)
        _verify_connection(source, counts, shown, schema="plain")
        source.execute("DETACH DATABASE plain")
    except sqlite3.Error as exc:
        handle.close()
        if damage.is_damage(exc):
            raise JournalRefused(f"cannot decrypt {shown}: it is damaged ({exc}); left untouched") from None
        raise JournalRefused(f"cannot decrypt {shown}: {exc}; left untouched") from None
    except BaseException:
        handle.close()
        raise
    finally:
        source.close()
        staged.unlink(missing_ok=True)
    try:
        yield handle, counts
    finally:
        handle.close()


def _place_plain(plain: BinaryIO, target: Path, shown: Path, *, replace: bool) -> None:
    """The verified plaintext, copied whole (an unnamed file until it is, where the system allows): over the
    encrypted journal, or at a new path."""
    if replace:
        _refuse_if_open(target, shown)
    elif os.path.lexists(target):
        raise JournalRefused(f"cannot decrypt to {target}: a file appeared there meanwhile; left untouched")
    try:
        files.replace_whole(target, plain)
    except files.WriteFailed as exc:
        raise JournalRefused(f"cannot decrypt {shown}: {exc}") from None
    wal = connect(target)
    try:
        wal.execute("PRAGMA journal_mode = WAL")  # as every journal is: opening it writes nothing
    finally:
        wal.close()


def _verify(temp: Path, counts: dict[str, int], shown: Path, *, key: bytes) -> None:
    check = connect(temp, key=key)
    try:
        _verify_connection(check, counts, shown)
    finally:
        check.close()


def _verify_connection(check: sqlite3.Connection, counts: dict[str, int], shown: Path, schema: str = "main") -> None:
    try:
        problem = check.execute(f"PRAGMA {schema}.integrity_check(1)").fetchone()[0]
        found = _counts(check, schema)
    except sqlite3.Error as exc:
        raise JournalRefused(f"the converted copy of {shown} did not verify ({exc}); left untouched") from None
    if problem != "ok" or found != counts:
        differ = sorted(name for name in counts.keys() | found.keys() if counts.get(name) != found.get(name))
        why = problem if problem != "ok" else "records differ in " + ", ".join(differ)
        raise JournalRefused(f"the converted copy of {shown} did not verify ({why}); left untouched")
