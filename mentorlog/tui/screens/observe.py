"""Live observation: a full-screen capture for use in the classroom.

Each line typed is stamped with the clock and saved before the next key is read
(journal.live_observation); one key marks the last line. Leaving keeps the capture
for later; ending it files one observation entry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.markup import escape
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, DataTable, Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from mentorlog.journal import goals, live_observation
from mentorlog.journal.live_observation import EVIDENCE, GLOW, GROW, QUESTION, Capture
from mentorlog.kinds import GoalStatus
from mentorlog.tui.pair_bound import PairBound
from mentorlog.tui.screens.base import reported
from mentorlog.tui.widgets.tables import LIST_KEYS, list_move
from mentorlog.words import plural

if TYPE_CHECKING:
    from mentorlog.tui.app import MentorlogApp

MARK_STYLE = {GLOW: "green", GROW: "yellow", QUESTION: "cyan", EVIDENCE: "magenta"}


class ObservationScreen(PairBound, Screen[None]):
    """Everything typed is text (a note may well begin "- " or "+ "): marking is a key of its own, F2 to
    F5, on the line the cursor is on (the newest, unless ctrl+up/ctrl+down chose another)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "f2",
            "mark('glow')",
            "Glow",
            key_display="F2",
            priority=True,
            id="observe.glow",
            tooltip="Mark the line a glow (a strength)",
        ),
        Binding(
            "f3",
            "mark('grow')",
            "Grow",
            key_display="F3",
            priority=True,
            id="observe.grow",
            tooltip="Mark the line a grow (an area for growth)",
        ),
        Binding(
            "f4",
            "mark('question')",
            "Question",
            key_display="F4",
            priority=True,
            id="observe.question",
            tooltip="Mark the line a question to ask",
        ),
        Binding(
            "f5",
            "mark('evidence')",
            "Evidence",
            key_display="F5",
            priority=True,
            id="observe.evidence",
            tooltip="Mark the line evidence for a goal",
        ),
        Binding(
            "ctrl+up",
            "line(-1)",
            "Earlier line",
            key_display="ctrl+↑",
            priority=True,
            id="observe.earlier",
            tooltip="Choose an earlier line to mark",
        ),
        Binding(
            "ctrl+down",
            "line(1)",
            "Later line",
            key_display="ctrl+↓",
            priority=True,
            id="observe.later",
            tooltip="Choose a later line to mark",
        ),
        Binding("ctrl+s", "end", "End and file", id="observe.end", tooltip="End the observation and file it"),
        Binding("f9", "discard", "Discard", id="observe.discard", tooltip="Discard this observation (asks)"),
        Binding(
            "escape",
            "leave",
            "Leave (kept)",
            id="observe.leave",
            tooltip="Leave the observation for later (it is kept)",
        ),
    ]

    captures_keys = True  # the capture's input has the keys

    def __init__(self, capture: Capture) -> None:
        super().__init__()
        self.capture = capture
        self.bind_pair(capture.pair_id)  # the capture is about its own pair, whichever is open

    @property
    def mlapp(self) -> MentorlogApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(id="observe"):
            yield Static(id="obs-status")
            yield DataTable(id="obs-lines", cursor_type="row", zebra_stripes=True)
            yield Input(
                placeholder="What do you see? Enter stamps it. F2 glow, F3 grow, F4 question, F5 evidence",
                id="obs-input",
            )
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#obs-lines", DataTable)
        table.add_column("time", width=8, key="time")
        table.add_column("line", key="line")
        table.add_column("mark", width=26, key="mark")
        for n, line in enumerate(self.capture.lines):
            table.add_row(line.at, Text(line.text), self._mark_cell(line), key=str(n))
        table.move_cursor(row=table.row_count - 1)
        self.query_one("#obs-input", Input).focus()
        self._status()
        self.set_interval(1, self._status)

    def _status(self) -> None:
        now = self.mlapp.now()
        started = self.capture.started
        elapsed = max(0, int((now - started).total_seconds()))
        counts = self.capture.counts()
        where = f" · {escape(self.capture.context)}" if self.capture.context else ""
        self.query_one("#obs-status", Static).update(
            Text.from_markup(
                f"[b red]●[/] [b]Live observation[/]{where} · [b]{now:%H:%M:%S}[/] · "
                f"{elapsed // 3600}:{elapsed // 60 % 60:02d}:{elapsed % 60:02d} in\n"
                f"{plural(counts['lines'], 'line')} · [green]{plural(counts[GLOW], 'glow')}[/] · "
                f"[yellow]{plural(counts[GROW], 'grow')}[/] · [cyan]{plural(counts[QUESTION], 'question')}[/] · "
                f"[magenta]{counts[EVIDENCE]} evidence[/]"
            )
        )

    @staticmethod
    def _mark_cell(line: live_observation.Line) -> Text:
        if not line.marks:
            return Text("")
        return Text(line.label(), style=MARK_STYLE[line.marks[0]])

    # -- typing ------------------------------------------------------------------------------

    @on(Input.Submitted, "#obs-input")
    def _submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            return
        with reported(self):
            line = self.capture.add(event.value, self.mlapp.now())
            try:
                live_observation.save(self.capture, self.mlapp.journal.sealing)
            except BaseException:
                self.capture.lines.pop()  # not on disk, so not kept: the text stays in the input to retry
                raise
            table = self.query_one("#obs-lines", DataTable)
            table.add_row(line.at, Text(line.text), Text(""), key=str(len(self.capture.lines) - 1))
            table.move_cursor(row=table.row_count - 1)  # a new line is the one the next mark goes on
            event.input.value = ""
            self._status()

    # -- marks -------------------------------------------------------------------------------

    def _selected(self) -> int:
        table = self.query_one("#obs-lines", DataTable)
        return min(max(table.cursor_row, 0), len(self.capture.lines) - 1)

    def action_line(self, step: int) -> None:
        """Choose the line the next mark goes on, without leaving the input."""
        table = self.query_one("#obs-lines", DataTable)
        if table.row_count:
            table.move_cursor(row=min(max(table.cursor_row + step, 0), table.row_count - 1))

    def action_mark(self, mark: str) -> None:
        if not self.capture.lines:
            self.notify("Type a line first: a mark goes on a line", severity="warning")
            return
        if mark == EVIDENCE:
            self._pick_goal(self._selected())
            return
        self._apply(mark, None, self._selected())

    def _apply(self, mark: str, goal_id: int | None, index: int) -> None:
        with reported(self):
            target = self.capture.lines[index]
            before = (list(target.marks), list(target.goal_ids))
            line = self.capture.mark(mark, goal_id, line=index)
            try:
                live_observation.save(self.capture, self.mlapp.journal.sealing)
            except BaseException:
                target.marks, target.goal_ids = before  # what the screen shows is what is on disk
                raise
            self.query_one("#obs-lines", DataTable).update_cell(str(index), "mark", self._mark_cell(line))
            self._status()

    def _pick_goal(self, index: int) -> None:
        app = self.mlapp
        active = goals.list_goals(app.connection, self.pair(), today=app.today, statuses={GoalStatus.ACTIVE})
        choices = [(view.goal.id or 0, view.goal.title) for view in active]
        if not choices:
            self.notify("No active goals to give evidence for", severity="warning")
            return

        def picked(goal_id: int | None) -> None:
            if goal_id:
                self._apply(EVIDENCE, goal_id, index)
            self.query_one("#obs-input", Input).focus()

        self.app.push_screen(GoalPicker(choices), picked)

    # -- leaving -----------------------------------------------------------------------------

    def action_leave(self) -> None:
        if not self.capture.lines:
            # Nothing typed: nothing to keep, and no empty capture to take over the next start.
            live_observation.discard(self.mlapp.journal)
            self.dismiss(None)
            return
        self.notify("The observation is kept: o on the dashboard goes back to it", title="Observation")
        self.dismiss(None)

    def action_end(self) -> None:
        if not self.capture.lines:
            self.notify("Nothing captured yet: type a line, or F9 to discard", severity="warning")
            return

        def filed(entry_id: int | None) -> None:
            if entry_id is not None:
                app = self.mlapp
                self.dismiss(None)
                app.call_after_refresh(app.show_entry, entry_id)  # once the screen below is back

        self.app.push_screen(EndObservation(self.capture), filed)

    def action_discard(self) -> None:
        from mentorlog.tui.screens.confirm import Confirm

        def answer(sure: bool | None) -> None:
            if sure:
                live_observation.discard(self.mlapp.journal)
                self.notify("Observation discarded")
                self.dismiss(None)

        lines = len(self.capture.lines)
        self.app.push_screen(
            Confirm(f"Discard this observation ({plural(lines, 'line')})?", yes="Discard", no="Keep"), answer
        )


class GoalPicker(ModalScreen[int | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="goal-picker.cancel"),
        *LIST_KEYS,
    ]

    def action_list_move(self, step: int) -> None:
        list_move(self.focused, step)

    def __init__(self, choices: list[tuple[int, str]]) -> None:
        super().__init__()
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Evidence for which goal?", classes="dialog-question")
            yield OptionList(*(Option(f"#{gid} {title}", id=str(gid)) for gid, title in self.choices), id="goals")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0) or None)


class EndObservation(PairBound, ModalScreen[int | None]):
    """File the capture: its context, a title, and the agreed next step (or add that later)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "file", "File it", id="observe-end.file"),
        Binding("escape", "dismiss(None)", "Back to the capture", id="observe-end.back"),
    ]

    def __init__(self, capture: Capture) -> None:
        super().__init__()
        self.capture = capture
        self.bind_pair(capture.pair_id)  # the capture is about its own pair, whichever is open

    def compose(self) -> ComposeResult:
        counts = self.capture.counts()
        with Vertical(classes="dialog"):
            yield Label(
                f"File this observation?\n{plural(counts['lines'], 'line')} · {plural(counts[GLOW], 'glow')} · "
                f"{plural(counts[GROW], 'grow')} · {plural(counts[QUESTION], 'question')} · "
                f"{plural(len(self.capture.goal_ids()), 'goal')} evidenced",
                classes="dialog-question",
            )
            yield Label("Context (class, subject, period)")
            yield Input(self.capture.context, id="end-context")
            yield Label("Agreed next step (or add it later)")
            yield Input(id="end-next-step")
            with Horizontal(classes="dialog-buttons"):
                yield Button("File it (ctrl+s)", variant="primary", id="file")
                yield Button("Back (esc)", id="back")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "file":
            self.action_file()
        else:
            self.dismiss(None)

    @on(Input.Submitted)
    def _enter(self) -> None:
        self.action_file()

    def action_file(self) -> None:
        app: MentorlogApp = self.app  # type: ignore[assignment]
        context = self.query_one("#end-context", Input).value
        next_step = self.query_one("#end-next-step", Input).value
        capture = self.capture

        def filed(entry_id: int | None) -> None:
            # Only once the entry is committed: refused or not written, the capture stays, and says why.
            live_observation.discard(app.journal)
            app.notify(f"Observation #{entry_id} filed", title="Observation")
            self.dismiss(entry_id)

        app.writes.run(
            lambda s: live_observation.file_entry(s, self.pair(s), capture, context=context,
                                                  next_step=next_step).id,
            done=filed,
        )  # fmt: skip
