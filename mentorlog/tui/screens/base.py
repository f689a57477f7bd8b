"""What every main screen shares: reading the journal when shown and after changes."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy.exc import DBAPIError
from textual.binding import Binding, BindingType
from textual.screen import Screen

from mentorlog.errors import MentorlogError

if TYPE_CHECKING:
    from mentorlog.tui.app import MentorlogApp


class PairScreen(Screen[None]):
    """A main screen of the pair's journal; `reload()` reads what it shows."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+r,f5", "reload", "Refresh", show=False)]

    @property
    def mlapp(self) -> MentorlogApp:
        return self.app  # type: ignore[return-value]

    def on_screen_resume(self) -> None:
        # Shown again (switched to, or a form closed): another process may have written too.
        self.reload()

    def action_reload(self) -> None:
        self.reload()

    def reload(self) -> None:
        raise NotImplementedError


@contextlib.contextmanager
def reported(screen: Screen[Any]) -> Iterator[None]:
    """Run a user action; a refusal becomes a notification, never a crash (nothing was saved)."""
    try:
        yield
    except MentorlogError as exc:
        screen.notify(str(exc), title="Not saved", severity="error")
    except DBAPIError as exc:
        screen.notify(f"The journal could not be written: {exc.orig or exc}", title="Not saved", severity="error")
