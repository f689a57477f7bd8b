"""A damaged journal: one screen that says what is wrong and what to do, and puts a backup in its place."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Static

from mentorlog.errors import MentorlogError
from mentorlog.exchange.restore import candidates, made_at, restore_backup
from mentorlog.tui.widgets.tables import LIST_KEYS, list_move

if TYPE_CHECKING:
    from mentorlog.tui.app import MentorlogApp


class DamagedScreen(Screen[None]):
    """Nothing here writes to the journal: the only ways on are a backup put in its place, or quitting."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "restore", "Restore the chosen backup", id="damaged.restore"),
        Binding("q,escape", "app.quit", "Quit", id="damaged.quit"),
        *LIST_KEYS,
    ]

    captures_keys = True  # the app's one-letter keys (new entry, screens) have nothing to work on here

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason

    @property
    def mlapp(self) -> MentorlogApp:
        return self.app  # type: ignore[return-value]

    def action_list_move(self, step: int) -> None:
        list_move(self.focused, step)

    def compose(self) -> ComposeResult:
        journal = self.mlapp.journal.path
        self.backups = candidates(journal)
        yield Header()
        with Vertical(id="damaged"):
            yield Label("This journal is damaged", classes="form-title")
            yield Static(self.reason, classes="form-help", id="damaged-reason")
            yield Static(
                "What you typed into a form is kept as a draft, and comes back once a sound journal is open.",
                classes="form-help",
            )
            if self.backups:
                yield Label(
                    "Choose a backup and press Enter (or r): it takes the journal's place, and the damaged journal "
                    "is kept beside it (nothing is deleted).",
                    classes="form-help",
                )
                yield DataTable(id="backups", cursor_type="row")
            else:
                yield Static(
                    f"No backup was found beside it (in {journal.parent / 'backups'}). Quit with q, then "
                    "'mentorlog check' says more, and 'mentorlog restore FILE' restores a copy kept elsewhere.",
                    classes="form-help",
                )
        yield Footer()

    def on_mount(self) -> None:
        if not self.backups:
            return
        table = self.query_one("#backups", DataTable)
        table.add_columns("made", "backup", "size")
        for path in self.backups:
            try:
                stat = path.stat()
            except OSError:
                continue
            made = made_at(path)
            shown = f"{made.astimezone():%Y-%m-%d %H:%M}" if made else "?"
            table.add_row(shown, path.name, f"{stat.st_size / 1024:,.0f} KB", key=str(path))
        table.focus()

    @on(DataTable.RowSelected, "#backups")
    def _chosen(self) -> None:
        self.action_restore()

    def action_restore(self) -> None:
        from mentorlog.tui.screens.confirm import Confirm

        if not self.backups:
            return
        table = self.query_one("#backups", DataTable)
        chosen = Path(str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value))
        app = self.mlapp

        def answer(sure: bool | None) -> None:
            if not sure:
                return
            app.journal.close()  # the damaged file is moved aside: nothing of this window may hold it
            try:
                done = restore_backup(app.journal.path, chosen, unlock=app.journal.unlock_copies)
            except MentorlogError as exc:
                self.notify(str(exc), title="Not restored", severity="error", timeout=15)
                return
            app.reopen = f"Restored from {done.backup.name}; the damaged journal is kept at {done.kept}"
            app.exit()

        self.app.push_screen(
            Confirm(
                f"Put {chosen.name} in place of {app.journal.path.name}? The damaged journal is kept beside it, "
                "and mentorlog opens the restored one.",
                yes="Restore it",
                no="Not now",
            ),
            answer,
        )
