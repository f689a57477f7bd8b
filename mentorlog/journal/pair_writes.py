"""A closed pairing is read-only: every write to a pair goes through `pair_action`, which refuses it.

A pair closes with its closing (the final assessments, a closing reflection, what became of
its goals and action items) and from then on is a record of what was: nothing is added to it,
edited in it or deleted from it until it is reopened. Reading, exporting, merging another
journal's copy of it, archiving it and deleting it whole are not writes to it and stay open.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from mentorlog.db.transactions import action
from mentorlog.errors import MentorlogError

if TYPE_CHECKING:
    from mentorlog.models import Pair

P = ParamSpec("P")
R = TypeVar("R")


class PairClosed(MentorlogError):
    """A write to a closed pair: nothing was saved."""


def require_open(connection: sqlite3.Connection, pair: Pair) -> None:
    """PairClosed unless `pair` is open now (asked in the writer's transaction, not of a row read before)."""
    found = connection.execute("SELECT ended_on, deleted_at FROM pair WHERE id = ?", (pair.id,)).fetchone()
    if found is None or found[1] is not None:
        raise PairClosed(f"{pair.ref} is deleted (it is in the trash); nothing was saved")
    if found[0] is not None:
        raise PairClosed(
            f"{pair.ref} is closed (since {found[0]}): reopen it with 'mentorlog pair reopen' to change it; "
            "nothing was saved"
        )


def pair_action(
    fn: Callable[Concatenate[sqlite3.Connection, Pair, P], R],
) -> Callable[Concatenate[sqlite3.Connection, Pair, P], R]:
    """A journal function that is one user action writing to `pair`: one transaction, refused for a closed pair."""

    @functools.wraps(fn)
    def wrapped(connection: sqlite3.Connection, pair: Pair, /, *args: P.args, **kwargs: P.kwargs) -> R:
        require_open(connection, pair)
        return fn(connection, pair, *args, **kwargs)

    written = action(wrapped)
    written.writes_to_pair = True  # type: ignore[attr-defined]  # tests find every write this way
    return written
