"""The passphrase of an encrypted journal, asked in the terminal UI's own window before it opens.

A small app of its own: the journal cannot be opened (so MentorlogApp cannot start) until it is
unlocked. The passphrase is typed into a masked field, never shown; it is tried in a worker (the key
derivation takes a moment, and a wrong passphrase waits a delay that grows, cli.unlocking), and after
three wrong ones the window closes, nothing opened. Escape closes it too. The app returns the data key.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from mentorlog.errors import MentorlogError
from mentorlog.terminal import safe

TRIES = 3


class UnlockApp(App[bytes | None]):
    """Asks for the passphrase of the journal at `shown`; `attempt(passphrase)` gives its data key or raises."""

    CSS_PATH = "mentorlog.tcss"
    TITLE = "mentorlog"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "give_up", "Cancel", id="unlock.cancel")]

    def __init__(self, shown: Path, attempt: Callable[[str], bytes]) -> None:
        super().__init__()
        self.shown, self.attempt = shown, attempt
        self.tries_left = TRIES
        self.refusal: str | None = None  # the last reason a passphrase was refused, for the command to say

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="unlock"):
            yield Label(Text(safe(f"{self.shown} is encrypted.")), classes="dialog-question")
            yield Label("Its passphrase (not shown as you type; esc: cancel)")
            yield Input(password=True, id="passphrase")
            yield Static("", id="unlock-said")

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()

    @on(Input.Submitted, "#passphrase")
    def submitted(self, event: Input.Submitted) -> None:
        field = event.input
        if not field.value:
            return
        passphrase, field.value = field.value, ""
        field.disabled = True
        self.query_one("#unlock-said", Static).update("Unlocking…")
        self.try_passphrase(passphrase)

    @work(thread=True, exclusive=True)
    def try_passphrase(self, passphrase: str) -> None:
        try:
            key = self.attempt(passphrase)
        except MentorlogError as exc:
            self.call_from_thread(self.refused, str(exc))
            return
        self.call_from_thread(self.exit, key)

    def refused(self, why: str) -> None:
        self.tries_left -= 1
        self.refusal = why
        if self.tries_left <= 0:
            self.exit(None)
            return
        self.query_one("#unlock-said", Static).update(Text(safe(f"{why}. Try again ({self.tries_left} left).")))
        field = self.query_one("#passphrase", Input)
        field.disabled = False
        field.focus()

    def action_give_up(self) -> None:
        self.exit(None)
