"""Two windows edited the same record: both versions side by side, and the user decides which stays."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

MINE, THEIRS = "mine", "theirs"
# (what the field is, what is stored now, what the form holds)
Row = tuple[str, str, str]


class ConflictDialog(ModalScreen[str | None]):
    """Answers MINE (save the form over it: the other version stays in the history), THEIRS (drop what
    the form holds, show what is stored), or None (back to the form, nothing decided)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "answer('mine')", "Save mine", id="conflict.mine"),
        Binding("t", "answer('theirs')", "Take theirs", id="conflict.theirs"),
        Binding("escape", "answer('')", "Keep editing", id="conflict.back"),
    ]

    def __init__(self, what: str, rows: list[Row]) -> None:
        super().__init__()
        self.what, self.rows = what, rows

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="conflict"):
            yield Label(
                f"{self.what} was changed in another window since you opened it. Which version stays?",
                classes="dialog-question",
            )
            with VerticalScroll(id="conflict-rows"):
                for name, theirs, mine in self.rows or [("(no field differs)", "", "")]:
                    shown = Text()
                    shown.append(f"{name}\n", style="bold")
                    shown.append("  saved there: ", style="dim")
                    shown.append(f"{theirs or '(empty)'}\n")
                    shown.append("  yours here:  ", style="dim")
                    shown.append(mine or "(empty)")
                    yield Static(shown, classes="conflict-row")
            yield Label("Saving yours keeps theirs as an earlier version (h shows it, ctrl+z brings it back).")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save mine (m)", variant="primary", id="mine")
                yield Button("Take theirs (t)", id="theirs")
                yield Button("Keep editing (esc)", id="back")

    def on_mount(self) -> None:
        self.query_one("#back", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_answer("" if event.button.id == "back" else str(event.button.id))

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer or None)
