"""? and F1: every key that works on the screen underneath, read from its bindings."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label

from mentorlog.tui.keys import actions_of
from mentorlog.tui.widgets.tables import LIST_KEYS, list_move

# Keys that every list, text field and the palette understand, which live in Textual's widgets.
GENERAL = (
    ("ctrl+p", "Command palette: every action by name"),
    ("j / k, ↑ / ↓", "Move in a list"),
    ("enter", "Open the selected row"),
    ("tab / shift+tab", "Next / previous field"),
    ("escape", "Back, or cancel a form (asks if you typed anything)"),
    ("ctrl+q", "Quit from anywhere"),
)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close"),
        *LIST_KEYS,
    ]

    def action_list_move(self, step: int) -> None:
        list_move(self.focused, step)

    def __init__(self, underneath: Screen[object]) -> None:
        super().__init__()
        self.underneath = underneath
        self.keys = keys_of(underneath)  # read before this dialog is up: it would hide the app's keys

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Label(f"Keys: {self.underneath.__class__.__name__.removesuffix('Screen')}", classes="dialog-question")
            about = getattr(self.underneath, "HELP_TEXT", "")
            if about:
                yield Label(about, classes="form-help")
            yield DataTable(id="keys", cursor_type="row", show_header=False)

    KEY_WIDTH = 16

    def on_mount(self) -> None:
        table = self.query_one("#keys", DataTable)
        # The dialog's width (80 cells, or 95% of a narrower terminal) less its border, padding, the
        # table's cell padding and a scrollbar: what an action's name wraps within, never cut.
        room = min(80, self.app.size.width * 95 // 100) - 6 - (self.KEY_WIDTH + 2) - 2 - 2
        table.add_column("key", width=self.KEY_WIDTH)
        table.add_column("does", width=max(20, room))
        for key, description in [*self.keys, *GENERAL]:
            table.add_row(key, Text(description), height=None)
        table.focus()


def keys_of(screen: Screen[object]) -> list[tuple[str, str]]:
    """(key, action) for every action bound on `screen` now (tui.keys: hidden ones too, Textual's own not)."""
    return sorted(((action.key, action.name) for action in actions_of(screen)), key=lambda row: row[1])
