"""The trash: what was deleted, newest first; `r` puts one back, `E` empties it for good."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Label

from mentorlog.journal import trash
from mentorlog.tui.pair_bound import PairBound
from mentorlog.tui.screens.base import guarded
from mentorlog.tui.widgets.tables import LIST_KEYS, keeping_cursor, list_move

if TYPE_CHECKING:
    from mentorlog.tui.app import MentorlogApp


class TrashScreen(PairBound, ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "restore", "Restore", id="trash.restore", tooltip="Restore the record, with what went with it"),
        Binding(
            "E",
            "empty",
            "Empty the trash",
            key_display="E",
            id="trash.empty",
            tooltip="Empty the trash for good (asks)",
        ),
        Binding("escape", "dismiss", "Close", id="trash.close"),
        *LIST_KEYS,
    ]

    def __init__(self, pair_id: int) -> None:
        super().__init__()
        self.bind_pair(pair_id)

    def action_list_move(self, step: int) -> None:
        list_move(self.focused, step)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help", id="trash"):
            yield Label("Trash: deleted records, newest first", classes="dialog-question")
            yield DataTable(id="trash-items", cursor_type="row")
            yield Label("", id="trash-empty", classes="form-help")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#trash-items", DataTable)
        table.add_columns("deleted", "what", "")
        self.reload()
        table.focus()

    @guarded
    def reload(self) -> None:
        app: MentorlogApp = self.app  # type: ignore[assignment]
        items = trash.list_trash(app.connection, self.pair())
        table = self.query_one("#trash-items", DataTable)
        with keeping_cursor(table):  # restoring one leaves the cursor on the next, never back at the top
            table.clear()
            for item in items:
                table.add_row(item.deleted_at, item.kind, item.label, key=str(item.id))
        self.query_one("#trash-empty", Label).update("" if items else "Nothing here: deleted records land here.")

    def _selected(self) -> int | None:
        table = self.query_one("#trash-items", DataTable)
        if not table.row_count:
            return None
        return int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or 0)

    def action_restore(self) -> None:
        trash_id = self._selected()
        if trash_id is None:
            return
        app: MentorlogApp = self.app  # type: ignore[assignment]

        def restored(item: trash.TrashView) -> None:
            self.notify(f"Restored {item.kind}: {item.label}" + (f" ({item.moved})" if item.moved else ""))
            self.reload()

        app.writes.run(lambda s: trash.restore(s, self.pair(s), trash_id), done=restored)

    def action_empty(self) -> None:
        from mentorlog.tui.screens.confirm import Confirm

        def answer(sure: bool | None) -> None:
            if sure:
                app: MentorlogApp = self.app  # type: ignore[assignment]
                app.writes.run(lambda s: trash.empty(s, self.pair(s)), done=lambda _: self.reload())

        count = self.query_one("#trash-items", DataTable).row_count
        if not count:
            self.notify("The trash is empty already")
            return
        question = f"Delete the {count} record{'s' if count != 1 else ''} in the trash for good? This cannot be undone."
        self.app.push_screen(Confirm(question, yes="Empty it"), answer)
