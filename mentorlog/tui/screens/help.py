"""? and F1: every key that works on the screen underneath, read from its bindings."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label

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
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q,question_mark,f1", "dismiss", "Close"), *LIST_KEYS]

    def action_list_move(self, step: int) -> None:
        list_move(self.focused, step)

    def __init__(self, underneath: Screen[object]) -> None:
        super().__init__()
        self.underneath = underneath
        self.keys = keys_of(underneath)  # read before this dialog is up: it would hide the app's keys

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Label(f"Keys: {self.underneath.__class__.__name__.removesuffix('Screen')}", classes="dialog-question")
            yield DataTable(id="keys", cursor_type="row", show_header=False)

    def on_mount(self) -> None:
        table = self.query_one("#keys", DataTable)
        table.add_columns("key", "does")
        for key, description in self.keys:
            table.add_row(key, description)
        for key, description in GENERAL:
            table.add_row(key, description)
        table.focus()


def keys_of(screen: Screen[object]) -> list[tuple[str, str]]:
    """(key, description) for every binding active on `screen`, app-wide ones and hidden ones included."""
    rows: dict[str, str] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.description:
            rows.setdefault(binding.description, binding.key_display or screen.app.get_key_display(binding))
    return sorted(((key, description) for description, key in rows.items()), key=lambda row: row[1])
