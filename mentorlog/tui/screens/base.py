"""What every main screen shares: reading the journal when shown and after changes."""

from __future__ import annotations

import contextlib
import functools
import sqlite3
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar, Concatenate, ParamSpec, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable

from mentorlog.errors import MentorlogError
from mentorlog.journal import pairs
from mentorlog.tui.pair_bound import PairBound

if TYPE_CHECKING:
    from mentorlog.tui.app import MentorlogApp

S = TypeVar("S", bound=Screen[Any])


class PairScreen(PairBound, Screen[None]):
    """A main screen of one pair's journal (MentorlogApp keeps a set a pair); `reload()` reads what it shows."""

    def __init__(self, pair_id: int) -> None:
        super().__init__()
        self.bind_pair(pair_id)

    BINDINGS: ClassVar[list[BindingType]] = [
        # First in the footer, so no width of terminal ever hides them (the app's own keys come last).
        Binding(
            "question_mark",
            "app.help_key",
            "Help",
            key_display="?",
            id="screen.help",
            tooltip="Every key on this screen",
        ),
        Binding("q", "app.quit_key", "Quit", id="screen.quit", tooltip="Quit mentorlog"),
        Binding(
            "ctrl+r,f5",
            "reload",
            "Refresh",
            show=False,
            id="screen.reload",
            tooltip="Read the journal again (another mentorlog may have written to it)",
        ),
        Binding("j", "move(1)", "Down", show=False, id="screen.down"),
        Binding("k", "move(-1)", "Up", show=False, id="screen.up"),
        Binding(
            "escape", "home", "Back to the dashboard", show=False, id="screen.home", tooltip="Back to the dashboard"
        ),
    ]

    @property
    def mlapp(self) -> MentorlogApp:
        return self.app  # type: ignore[return-value]

    def on_screen_resume(self) -> None:
        # Shown again (switched to, or a form closed): another process may have written too.
        self.reload()

    def action_reload(self) -> None:
        self.reload()

    def action_move(self, step: int) -> None:
        """j and k move in whichever list has the focus, like the arrows."""
        focused = self.focused
        if isinstance(focused, DataTable):
            (focused.action_cursor_down if step > 0 else focused.action_cursor_up)()

    def action_home(self) -> None:
        """Escape: one step closer to home."""
        if not self.mlapp.current_mode.startswith("dashboard:"):
            self.mlapp.action_go("dashboard")

    def reload(self) -> None:
        """Read what the screen shows again (`read_journal`): an error of the journal file goes to the
        app, which says what it means (a damaged file: the screen that restores a backup), never a crash."""
        with reading_safely(self):
            if pairs.find_pair(self.mlapp.connection, self.pair_id) is None:
                self.mlapp.pair_gone(self.pair_id)  # deleted (here, or by another mentorlog): nothing to show
                return
            self.read_journal()

    def read_journal(self) -> None:
        raise NotImplementedError


@contextlib.contextmanager
def reading_safely(screen: Screen[Any]) -> Iterator[None]:
    """Run what reads the journal for a screen: an SQLite error of the file (damage) goes to the app."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        app: MentorlogApp = screen.app  # type: ignore[assignment]
        app.journal_failed(exc)


P = ParamSpec("P")


def guarded(method: Callable[Concatenate[S, P], None]) -> Callable[Concatenate[S, P], None]:
    """A screen's handler that reads the journal, run as `reading_safely` runs it."""

    @functools.wraps(method)
    def wrapped(screen: S, /, *args: P.args, **kwargs: P.kwargs) -> None:
        with reading_safely(screen):
            method(screen, *args, **kwargs)

    return wrapped


@contextlib.contextmanager
def reported(screen: Screen[Any]) -> Iterator[None]:
    """Run a user action; a refusal becomes a notification, never a crash (nothing was saved)."""
    try:
        yield
    except MentorlogError as exc:
        screen.notify(str(exc), title="Not saved", severity="error")
    except sqlite3.Error as exc:
        screen.notify(f"The journal could not be written: {exc}", title="Not saved", severity="error")
