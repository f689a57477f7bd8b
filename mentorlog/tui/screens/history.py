"""A record's earlier versions, newest first: when each was replaced, and what it held; `r` restores one.

One screen for every record kind the history keeps (an entry, the pair and its agreement): the
caller says how to sum a version up in a line, and, where a version can be put back, how.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from mentorlog.journal.history import Version
from mentorlog.tui.widgets.tables import LIST_KEYS, list_move


def entry_summary(version: Version) -> str:
    """An entry's version: its title, and how its notes began."""
    body = str(version.fields.get("body", "")).strip().splitlines()
    return f"{version.title} · {body[0][:40]}" if body else version.title


class HistoryScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,h", "dismiss", "Close", id="history.close"),
        Binding(
            "r",
            "restore",
            "Restore this version",
            id="history.restore",
            tooltip="Put the record back as this version had it (what it replaces is kept)",
        ),
        *LIST_KEYS,
    ]

    def __init__(
        self,
        what: str,
        versions: list[Version],
        *,
        summary: Callable[[Version], str] = entry_summary,
        restore: Callable[[int], None] | None = None,
        undo_hint: bool = True,
    ) -> None:
        """`what`: the record, as the title names it; `restore(revision_id)` puts a version back."""
        super().__init__()
        self.what, self.versions, self.summary, self.restorer = what, versions, summary, restore
        self.undo_hint = undo_hint

    def action_list_move(self, step: int) -> None:
        list_move(self.focused, step)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.restorer is not None and bool(self.versions) if action == "restore" else True

    def compose(self) -> ComposeResult:
        hint = " (ctrl+z undoes the last edit)" if self.undo_hint and self.restorer is None else ""
        hint = " (r puts the chosen one back)" if self.restorer is not None else hint
        with Vertical(classes="dialog help"):
            yield Label(f"Earlier versions of {self.what}{hint}", classes="dialog-question")
            yield DataTable(id="versions", cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one("#versions", DataTable)
        table.add_columns("replaced", "what it held")
        for version in self.versions:
            table.add_row(f"{version.saved_at.astimezone():%Y-%m-%d %H:%M}", self.summary(version), key=str(version.id))
        if not self.versions:
            table.add_row("", "never edited")
        table.focus()

    def action_restore(self) -> None:
        table = self.query_one("#versions", DataTable)
        if self.restorer is None or not self.versions or not table.row_count:
            return
        revision = int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or 0)
        self.dismiss(None)
        self.restorer(revision)
