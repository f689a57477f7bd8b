"""An entry's earlier versions, newest first: when each was replaced, and what it said."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from mentorlog.journal.history import Version
from mentorlog.tui.widgets.tables import LIST_KEYS, list_move


class HistoryScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,h", "dismiss", "Close", id="history.close"), *LIST_KEYS]

    def action_list_move(self, step: int) -> None:
        list_move(self.focused, step)

    def __init__(self, title: str, versions: list[Version]) -> None:
        super().__init__()
        self.entry_title = title
        self.versions = versions

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Label(
                f"Earlier versions of “{self.entry_title}” (ctrl+z undoes the last edit)", classes="dialog-question"
            )
            yield DataTable(id="versions", cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one("#versions", DataTable)
        table.add_columns("replaced", "title", "began with")
        for version in self.versions:
            body = str(version.fields.get("body", "")).strip().splitlines()
            table.add_row(
                f"{version.saved_at.astimezone():%Y-%m-%d %H:%M}", version.title, body[0][:40] if body else ""
            )
        if not self.versions:
            table.add_row("", "never edited", "")
        table.focus()
