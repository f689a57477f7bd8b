"""The TUI's one way to write: a user action, in one transaction, that never freezes the screen.

A write is tried at once, without waiting: nearly always the journal is free, and the
screen goes on as soon as it is saved. When another mentorlog holds the journal, the
same action is run again in a worker thread, which waits for it as the command line
does (the busy timeout); the screen stays live, says that it is waiting, and the
action's `done` (or its refusal) comes back on the UI thread when it is over. A refusal
(`MentorlogError`) goes to the caller's `refused`, or becomes a notification; an SQLite
error is explained in one line, as the command line explains it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from mentorlog.db import damage
from mentorlog.db.explain import explain, is_busy
from mentorlog.errors import MentorlogError

if TYPE_CHECKING:
    from mentorlog.tui.app import MentorlogApp

T = TypeVar("T")
# One journal function, given the connection of the thread it runs on (the UI's, or a worker's).
Action = Callable[[sqlite3.Connection], T]


class Writes:
    def __init__(self, app: MentorlogApp) -> None:
        self.app = app
        self.waiting = False

    def run(
        self,
        action: Action[T],
        *,
        done: Callable[[T], None] | None = None,
        refused: Callable[[MentorlogError], None] | None = None,
    ) -> None:
        """Run `action(connection)` as one transaction; then `done(result)`, or `refused(error)`."""
        if self.waiting:
            self.app.notify("Still waiting to save the last change: try again in a moment", severity="warning")
            return
        try:
            with self.app.journal.write(wait=False) as s:
                result = action(s)
        except MentorlogError as exc:
            self._refuse(exc, refused)
            return
        except sqlite3.Error as exc:
            if not is_busy(exc):
                self._failed(exc)
                return
            self._wait_then(action, done, refused)
            return
        if done is not None:
            done(result)

    def _wait_then(
        self, action: Action[T], done: Callable[[T], None] | None, refused: Callable[[MentorlogError], None] | None
    ) -> None:
        self.waiting = True
        self.app.notify(
            "Another mentorlog is writing to this journal: waiting for it (your change is kept)",
            title="Waiting", timeout=3,
        )  # fmt: skip

        def in_worker() -> None:
            outcome: tuple[str, Any]
            try:
                journal = self.app.journal
                with journal.own_connection() as connection:
                    journal.check_writable()  # refused at once if the file became read-only, damaged, gone
                    with journal.committing(connection):
                        outcome = ("done", action(connection))
            except MentorlogError as exc:
                outcome = ("refused", exc)
            except sqlite3.Error as exc:
                outcome = ("failed", exc)
            self.app.call_from_thread(self._finish, outcome, done, refused)

        self.app.run_worker(in_worker, thread=True, group="write", description="waiting for another writer")

    def _finish(
        self,
        outcome: tuple[str, Any],
        done: Callable[[Any], None] | None,
        refused: Callable[[MentorlogError], None] | None,
    ) -> None:
        self.waiting = False
        kind, value = outcome
        if kind == "refused":
            self._refuse(value, refused)
        elif kind == "failed":
            self._failed(value)
        else:
            self.app.notify("Saved: the other writer has finished", title="Saved")
            if done is not None:
                done(value)

    def _refuse(self, exc: MentorlogError, refused: Callable[[MentorlogError], None] | None) -> None:
        if refused is not None:
            refused(exc)
        else:
            self.app.notify(str(exc), title="Not saved", severity="error")

    def _failed(self, exc: sqlite3.Error) -> None:
        if damage.is_damage(exc):
            self.app.journal_failed(exc)
            return
        self.app.notify(explain(exc, self.app.journal.path), title="Not saved", severity="error")
