"""The one way in: every connection to a journal file is made here.

The commands, the TUI and its workers, backups, migrations, integrity checks and the judging of a
file all open a journal through `connect`, so what a journal asks of a connection beyond SQLite's
defaults (an encrypted journal's key, for one) is given in this one place, never in some of them.
`tests/test_architecture.py` fails on a `sqlite3.connect` anywhere else in mentorlog.

An encrypted journal is opened with SQLCipher (the `sqlcipher3` module of the encryption extra),
keyed raw with the 32-byte data key: the key is never a formatted passphrase, so opening costs no
key derivation. A plain journal never imports it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import ModuleType
from typing import cast

from mentorlog.errors import JournalRefused

_sqlcipher: ModuleType | None = None
# Every class sqlcipher3 raises (its Error and Warning themselves are never raised alone).
_ERRORS = (
    "InterfaceError", "DatabaseError", "DataError", "OperationalError", "IntegrityError", "InternalError",
    "ProgrammingError", "NotSupportedError",
)  # fmt: skip


def connect(
    database: str | Path,
    *,
    uri: bool = False,
    threads: bool = False,
    autocommit: bool = False,
    key: bytes | None = None,
    sqlcipher: bool = False,
) -> sqlite3.Connection:
    """A connection to `database` (a path, or a `file:` URI when `uri`); `threads`: usable from a worker thread
    (one at a time); `autocommit`: no implicit transactions (a migration opens its own); `key`: the data key of
    an encrypted journal; `sqlcipher`: a plain journal opened with SQLCipher (to attach an encrypted one)."""
    factory = sqlite3.connect if key is None and not sqlcipher else load_sqlcipher().connect
    if autocommit:
        connection = factory(database, uri=uri, check_same_thread=not threads, isolation_level=None)
    else:
        connection = factory(database, uri=uri, check_same_thread=not threads)
    if key is None:
        return cast(sqlite3.Connection, connection)
    try:
        key_connection(connection, key)
    except BaseException:
        connection.close()
        raise
    return connection


def key_connection(connection: sqlite3.Connection, key: bytes, schema: str = "main") -> None:
    """Key a fresh SQLCipher connection: the raw key (and, for a file it makes, our 16 bytes in SQLCipher's
    salt slot, which say what the file is), then temporary tables and sorts in memory only."""
    connection.execute("PRAGMA cipher_log_level = NONE")  # SQLCipher's own log goes to stderr otherwise
    connection.execute(f'PRAGMA {schema}.key = "{raw_key(key)}"')
    connection.execute("PRAGMA temp_store = MEMORY")


def raw_key(key: bytes) -> str:
    """SQLCipher's raw-key literal, built from bytes: x'<key><salt>' (nothing typed by anyone goes in)."""
    from mentorlog.db import keyfile

    if len(key) != 32:
        raise ValueError("a data key is 32 bytes")
    return f"x'{(key + keyfile.DATA_MAGIC).hex()}'"


def load_sqlcipher() -> ModuleType:
    """`sqlcipher3.dbapi2`, loaded once; JournalRefused saying how to install it where it is not."""
    global _sqlcipher
    if _sqlcipher is None:
        try:
            import sqlcipher3.dbapi2 as module  # type: ignore[import-untyped]
        except ImportError:
            raise JournalRefused(
                "an encrypted journal needs mentorlog's encryption extra, which is not installed: "
                "pip install 'mentorlog[encryption]'"
            ) from None
        _as_standard_errors(module)
        _sqlcipher = module
    return _sqlcipher


def _as_standard_errors(module: ModuleType) -> None:
    """sqlcipher3 is the standard sqlite3 module built on SQLCipher, with exception classes of its own: each is
    given the standard one of its name as a further base, so every `except sqlite3.Error` (IntegrityError,
    OperationalError...) in mentorlog catches an encrypted journal's errors as it catches a plain one's."""
    for name in _ERRORS:
        theirs, ours = getattr(module, name), getattr(sqlite3, name)
        if not issubclass(theirs, ours):
            theirs.__bases__ = (*theirs.__bases__, ours)
