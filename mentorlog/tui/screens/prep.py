"""Session prep: what the next session should pick up, and a session started from it."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.markup import escape
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, Static

from mentorlog.journal import prep as session_prep
from mentorlog.kinds import EntryKind
from mentorlog.tui.pair_bound import PairBound
from mentorlog.tui.screens.base import guarded

if TYPE_CHECKING:
    from mentorlog.tui.app import MentorlogApp


class PrepScreen(PairBound, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "s",
            "start_session",
            "Start session",
            id="prep.start-session",
            tooltip="Start a session entry with this as its agenda",
        ),
        Binding("escape", "app.pop_screen", "Back", id="prep.back"),
    ]

    def __init__(self, pair_id: int) -> None:
        super().__init__()
        self.bind_pair(pair_id)

    @property
    def mlapp(self) -> MentorlogApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="prep"):
            yield Label(id="prep-title", classes="form-title")
            yield Static(id="prep-body")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    @guarded
    def reload(self) -> None:
        app = self.mlapp
        self.prep = session_prep.prepare(app.connection, self.pair(), today=app.today)
        prep = self.prep
        last = f"last session {prep.last_session.on}" if prep.last_session else "no session yet"
        self.query_one("#prep-title", Label).update(f"Session prep · next session {prep.next_session_on} · {last}")
        parts = []
        for title, lines in session_prep.sections(prep):
            parts.append(f"[b]{escape(title)}[/]")
            if not lines:
                parts.append("  [dim](none)[/]")
            for n, line in enumerate(lines):
                late = title.startswith("Action") and prep.is_overdue(prep.actions[n])
                parts.append(f"  {'[red]' if late else ''}• {escape(line)}{'[/]' if late else ''}")
            parts.append("")
        parts.append("[dim]s starts a session with this as its agenda; tick the action items done there.[/]")
        self.query_one("#prep-body", Static).update(Text.from_markup("\n".join(parts)))

    def action_start_session(self) -> None:
        from mentorlog.tui.screens.entry_form import EntryForm

        prep = self.prep
        follow_up = [(item.id or 0, session_prep.action_line(item, prep.today)) for item in prep.actions]
        form = EntryForm(EntryKind.SESSION, agenda=session_prep.agenda(prep), follow_up=follow_up)

        def done(saved: int | None) -> None:
            if saved:
                self.dismiss(None)

        self.app.push_screen(form, done)
