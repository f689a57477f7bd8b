"""The Pair screen (5): who, what program, how often, whose journal, the agreement, and the pair's life.

Edit the pair and its agreement (e), see and restore the agreement's earlier versions (h), edit the
rubric (r), close
the pairing with its closing (c), reopen it (o), archive it once closed (a), delete it whole to the
trash (Delete, which names what goes with it).
"""

from __future__ import annotations

from typing import ClassVar

from rich.markup import escape
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Label, Static

from mentorlog.db.tables import ENTRY
from mentorlog.journal import history, pair_life
from mentorlog.tui.screens.base import PairScreen, guarded
from mentorlog.words import plural


class PairDetailsScreen(PairScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Edit", id="pair.edit", tooltip="Edit the pair: names, program, cadence, agreement"),
        Binding(
            "h",
            "history",
            "History",
            id="pair.history",
            tooltip="History of the pair: the agreement's earlier versions, restorable",
        ),
        Binding(
            "c",
            "close_pair",
            "Close pairing",
            id="pair.close",
            tooltip="Close the pairing: final assessments, closing reflection, goals and items",
        ),
        Binding("o", "reopen", "Reopen", show=False, id="pair.reopen", tooltip="Reopen the closed pairing"),
        Binding(
            "r",
            "rubric",
            "Rubric",
            id="pair.rubric",
            tooltip="The rubric editor: levels, competencies, a published standard's or your own",
        ),
        Binding(
            "a",
            "archive",
            "Archive",
            show=False,
            id="pair.archive",
            tooltip="Archive the closed pair (out of the caseload), or bring it back",
        ),
        Binding(
            "delete",
            "delete",
            "Delete pair",
            show=False,
            id="pair.delete",
            tooltip="Delete the pair with everything it holds, to the trash (asks)",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="pair-details"):
            yield Label("", id="pair-title", classes="form-title")
            yield Static(id="pair-facts")
            yield Label("Agreement", classes="panel-title")
            yield Static(id="pair-agreement")
            yield Label("", id="pair-closing-title", classes="panel-title")
            yield Static(id="pair-closing")
        yield Footer()

    @guarded
    def on_mount(self) -> None:
        self.reload()

    def read_journal(self) -> None:
        app = self.mlapp
        pair = self.pair()
        held = pair_life.holdings(app.connection, pair)
        state = "[green]open[/]"
        if pair.ended_on is not None:
            state = f"[yellow]closed on {pair.ended_on}[/] ({escape(pair.end_reason or 'no reason given')})"
            state += f", archived on {pair.archived_on}" if pair.archived_on else ""
        self.query_one("#pair-title", Label).update(f"Pair #{pair.id}: {pair.label}")
        facts = [
            ("Mentor", escape(pair.mentor_name)), ("Mentee", escape(pair.mentee_name)), ("Program", pair.program),
            ("Whose journal", f"the {pair.owner_role}'s"), ("Started", str(pair.started_on)),
            ("Cadence", f"a session every {plural(pair.cadence_days, 'day')}"), ("State", state),
            ("Holds", held.described()),
        ]  # fmt: skip
        self.query_one("#pair-facts", Static).update(
            Text.from_markup("\n".join(f"[dim]{name}:[/] {value}" for name, value in facts))
        )
        self.query_one("#pair-agreement", Static).update(
            Text(pair.agreement) if pair.agreement.strip() else Text("None written yet: e writes it.", style="dim")
        )
        closing = ENTRY.select(app.connection, "pair_id = ? AND closing = 1", (pair.id,), '"on", id')
        self.query_one("#pair-closing-title", Label).update("Closing" if pair.ended_on else "")
        self.query_one("#pair-closing", Static).update(
            Text("\n".join(f"{e.on}  {e.kind} #{e.id}: {e.title}" for e in closing)) if pair.ended_on else Text("")
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Close while open; reopen and archive once closed (the footer shows what can be done now)."""
        if action in ("close_pair", "reopen", "archive", "edit"):
            try:
                closed = self.pair().ended_on is not None
            except Exception:  # no pair (deleted): nothing here applies
                return False
            return closed if action in ("reopen", "archive") else not closed
        return True

    def action_edit(self) -> None:
        from mentorlog.tui.screens.pair_form import PairForm

        self.app.push_screen(PairForm(), lambda _: self.reload())

    def action_history(self) -> None:
        from mentorlog.tui.screens.history import HistoryScreen

        app = self.mlapp
        pair = self.pair()
        found = history.pair_versions(app.connection, pair)

        def restored(_: object) -> None:
            self.notify("The pair is as that version had it (what it replaced is kept: h)", title="Restored")
            self.reload()

        def restore(revision_id: int) -> None:
            app.writes.run(lambda s: history.restore_pair_version(s, self.pair(s), revision_id), done=restored)

        self.app.push_screen(
            HistoryScreen(f"the pair {pair.label}", found, summary=_agreement_summary, restore=restore),
            lambda _: self.reload(),
        )

    def action_rubric(self) -> None:
        from mentorlog.tui.screens.rubric import RubricScreen

        self.app.push_screen(RubricScreen(self.pair_id), lambda _: self.reload())

    def action_close_pair(self) -> None:
        from mentorlog.tui.screens.closure import ClosureForm

        self.app.push_screen(ClosureForm(), lambda _: self.reload())

    def action_reopen(self) -> None:
        app = self.mlapp
        app.writes.run(lambda s: pair_life.reopen_pair(s, self.pair(s)), done=lambda _: self.reload())

    def action_archive(self) -> None:
        app = self.mlapp
        archived = self.pair().archived_on is not None
        app.writes.run(lambda s: pair_life.archive_pair(s, self.pair(s), on=app.today, archived=not archived),
                       done=lambda _: self.reload())  # fmt: skip

    def action_delete(self) -> None:
        from mentorlog.tui.screens.confirm import Confirm

        app = self.mlapp
        pair = self.pair()
        held = pair_life.holdings(app.connection, pair)
        pair_id = pair.id or 0

        def deleted(_: object) -> None:
            app.pair_gone(pair_id, f"Deleted the pair {pair.label}: the trash (ctrl+t) restores it whole")

        def answer(sure: bool | None) -> None:
            if sure:
                app.writes.run(lambda s: pair_life.delete_pair(s, self.pair(s)), done=deleted)

        question = (f"Delete the pair {pair.label} with its {held.described()}? It goes to the trash whole, "
                    "until the trash is emptied.")  # fmt: skip
        self.app.push_screen(Confirm(question, yes="Delete the pair", no="Keep it"), answer)


def _agreement_summary(version: history.Version) -> str:
    """What a version of the pair said: its agreement's first line (and its names, if they differ)."""
    agreement = str(version.fields.get("agreement", "")).strip().splitlines()
    return agreement[0][:60] if agreement else "(no agreement)"
