"""One user action, one transaction: the journal's functions open theirs here, and nest freely.

A function that is one user action runs inside `transaction(connection)`; when it is called
from within another's transaction (an assessment writes an entry) it joins that one, so
the whole action is committed or rolled back together. Writers take the write lock at
BEGIN (IMMEDIATE), so a second writer waits there, where waiting is safe.
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
from collections.abc import Callable, Iterator
from typing import Concatenate, ParamSpec, TypeVar

from mentorlog.db import pragmas

P = ParamSpec("P")
R = TypeVar("R")


@contextlib.contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write transaction (BEGIN IMMEDIATE ... COMMIT), or the one already open on `connection`."""
    if connection.in_transaction:
        yield connection
        return
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    try:
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:  # a failed COMMIT may have rolled back already
            connection.execute("ROLLBACK")
        raise


@contextlib.contextmanager
def snapshot(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A read of several queries that sees one moment of the journal, or the transaction already open."""
    if connection.in_transaction:
        yield connection
        return
    connection.execute("BEGIN")
    try:
        yield connection
    finally:
        if connection.in_transaction:
            connection.execute("ROLLBACK")  # nothing to keep: a read


@contextlib.contextmanager
def not_waiting(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Inside, a busy journal is an error at once, not a wait (the TUI then waits in a worker)."""
    connection.execute("PRAGMA busy_timeout = 0")
    try:
        yield connection
    finally:
        connection.execute(f"PRAGMA busy_timeout = {pragmas.BUSY_TIMEOUT_MS}")


def action(fn: Callable[Concatenate[sqlite3.Connection, P], R]) -> Callable[Concatenate[sqlite3.Connection, P], R]:
    """A journal function that is one user action: its whole body is one write transaction."""

    @functools.wraps(fn)
    def wrapped(connection: sqlite3.Connection, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with transaction(connection):
            return fn(connection, *args, **kwargs)

    wrapped.one_action = True  # type: ignore[attr-defined]  # tests find every user action this way
    return wrapped


def reading(fn: Callable[Concatenate[sqlite3.Connection, P], R]) -> Callable[Concatenate[sqlite3.Connection, P], R]:
    """A journal function that reads: all its queries see one moment of the journal."""

    @functools.wraps(fn)
    def wrapped(connection: sqlite3.Connection, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with snapshot(connection):
            return fn(connection, *args, **kwargs)

    return wrapped
