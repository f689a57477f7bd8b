"""Goals: the list with progress and pace; the detail with SMART check, milestones, progress, evidence."""

from __future__ import annotations

import sqlite3
from typing import ClassVar

from rich.markup import escape
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Label, Sparkline, Static

from mentorlog.journal import goals
from mentorlog.journal.goals import GoalView
from mentorlog.rules.status import TRANSITIONS
from mentorlog.tui.layout import PACE_STYLE, WIDE
from mentorlog.tui.screens.base import guarded
from mentorlog.tui.screens.records import Focused, RecordScreen
from mentorlog.tui.widgets.tables import keeping_cursor
from mentorlog.words import plural


class GoalsScreen(RecordScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "new_goal", "New goal", id="goals.new", tooltip="Set a new SMART goal"),
        Binding(
            "e",
            "edit",
            "Edit",
            id="goals.edit",
            tooltip="Edit what has the focus: the goal, or the milestone or progress update under the cursor",
        ),
        Binding("p", "progress", "Progress", id="goals.progress", tooltip="Record progress on the goal"),
        Binding("m", "milestone", "Milestone", id="goals.milestone", tooltip="Add a milestone to the goal"),
        Binding(
            "x",
            "tick",
            "Tick milestone",
            id="goals.tick",
            tooltip="Tick the milestone under the cursor done (again: not done)",
        ),
        Binding("s", "status", "Status", id="goals.status", tooltip="Change the goal's status"),
        Binding(
            "delete",
            "delete",
            "Delete (asks)",
            show=False,
            id="goals.delete",
            tooltip="Delete the goal, milestone or progress update that has the focus (asks)",
        ),
    ]

    def __init__(self, pair_id: int) -> None:
        super().__init__(pair_id)
        self.views: dict[int, GoalView] = {}
        self.selected: int | None = None
        self._title_width: int | None = None
        self._detail_of: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="goals-layout"):
            yield DataTable(id="goal-list", cursor_type="row")
            with VerticalScroll(id="goal-detail"):
                yield Static(id="goal-head")
                yield Static(id="goal-smart")
                yield Label("Milestones", classes="panel-title")
                yield DataTable(id="milestones", cursor_type="row", show_header=False)
                yield Label("Progress", id="progress-title", classes="panel-title")
                yield Sparkline([], id="goal-sparkline")
                yield DataTable(id="progress-table", cursor_type="row", show_header=False)
                yield Label("Evidence from the journal", classes="panel-title")
                yield DataTable(id="evidence", cursor_type="row", show_header=False)
        yield Footer()

    @guarded
    def on_mount(self) -> None:
        self.query_one("#milestones", DataTable).add_columns("", "milestone", "when")
        self.query_one("#progress-table", DataTable).add_columns("on", "value", "note")
        self.query_one("#evidence", DataTable).add_columns("date", "kind", "title")
        self.reload()
        self.query_one("#goal-list", DataTable).focus()

    def on_resize(self) -> None:
        self.reload()

    def _columns(self) -> None:
        """The list's columns for this width: the title takes what the fixed columns leave (and wraps)."""
        width = self.app.size.width
        room = width * 55 // 100 if width >= WIDE else width
        title_width = max(16, room - (3 + 8 + 11 + 8 + 9) - 12 - 3)
        if title_width == self._title_width:
            return
        self._title_width = title_width
        goal_list = self.query_one("#goal-list", DataTable)
        goal_list.clear(columns=True)
        for label, column in (("#", 3), ("goal", title_width), ("status", 8), ("progress", 11), ("pace", 8),
                              ("due", 9)):  # fmt: skip
            goal_list.add_column(label, width=column)

    def read_journal(self) -> None:
        self._columns()
        app = self.mlapp
        listed = goals.list_goals(app.connection, self.pair(), today=app.today)
        self.views = {v.goal.id or 0: v for v in listed}
        table = self.query_one("#goal-list", DataTable)
        keep = self.selected
        with keeping_cursor(table):  # a goal deleted: the cursor rests on the next one
            table.clear()
            for view in listed:
                goal = view.goal
                pace = view.pace or "-"
                table.add_row(
                    str(goal.id), Text(goal.title), goal.status,
                    view.shown(6),
                    Text(str(pace), style=PACE_STYLE.get(view.pace, "") if view.pace else ""),
                    f"{goal.due_on:%d %b %y}" if goal.due_on else "", key=str(goal.id), height=None,
                )  # fmt: skip
        if keep in self.views:
            self.select_goal(keep)
        elif listed:
            row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
            self.show_detail(int(row_key or 0))
        else:
            self.selected = None
            self.query_one("#goal-head", Static).update("No goals yet: press c to set one.")

    def select_goal(self, goal_id: int) -> None:
        table = self.query_one("#goal-list", DataTable)
        if str(goal_id) in {key.value for key in table.rows}:
            table.move_cursor(row=table.get_row_index(str(goal_id)))
        self.show_detail(goal_id)

    @on(DataTable.RowHighlighted, "#goal-list")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail(int(event.row_key.value or 0))

    @guarded
    def show_detail(self, goal_id: int) -> None:
        app = self.mlapp
        self.selected = goal_id
        view = goals.goal_detail(app.connection, self.pair(), goal_id, today=app.today)
        goal = view.goal
        facts = [
            ("Specific", goal.specific), ("Measure", goal.measure), ("Unit", goal.unit),
            ("Baseline → target", f"{goal.baseline:g} → {goal.target:g}" if goal.baseline is not None
             and goal.target is not None else ""),
            ("Plan", goal.achievable), ("Why it matters", goal.relevant), ("Competency", goal.competency or ""),
            ("Rated by", (goal.rater or "") if goal.kind == "rubric" else ""), ("Starts", str(goal.starts_on or "")),
            ("Due", str(goal.due_on or "")),
        ]  # fmt: skip
        head = [f"[b]#{goal.id} {escape(goal.title)}[/]  ·  {goal.status}  ·  {goal.kind}"]
        pace = f"  [{PACE_STYLE.get(view.pace, '')}]{view.pace}[/]" if view.pace else ""
        head.append(f"{view.shown(20).rstrip()}{pace}")
        head += [f"[dim]{name}:[/] {escape(value)}" for name, value in facts if value]
        self.query_one("#goal-head", Static).update("\n".join(head))
        smart = [f"[b]SMART[/]  {view.smart.badge()}"]
        smart += [f"  [yellow]{x.letter}[/] {x.name}: {escape(x.hint)}" for x in view.smart.failing]
        self.query_one("#goal-smart", Static).update("\n".join(smart))
        same_goal = goal_id == self._detail_of  # another goal's rows start at the top; the same goal's stay
        self._detail_of = goal_id
        milestones = self.query_one("#milestones", DataTable)
        with keeping_cursor(milestones, keep=same_goal):
            milestones.clear()
            for m in view.milestones:
                when = f"done {m.done_on}" if m.done_on else (f"due {m.due_on}" if m.due_on else "")
                milestones.add_row("☑" if m.done_on else "☐", Text(m.title), when, key=str(m.id))
        values = [u.value for u in view.updates]
        sparkline = self.query_one("#goal-sparkline", Sparkline)
        sparkline.data = values
        sparkline.display = len(values) > 1
        self.query_one("#progress-title", Label).update(f"Progress ({plural(len(values), 'update')})")
        history = self.query_one("#progress-table", DataTable)
        with keeping_cursor(history, keep=same_goal):
            history.clear()
            for u in reversed(view.updates):
                key = str(getattr(u, "entry_id", u.id))  # a rubric goal's points are its assessments
                history.add_row(str(u.on), f"{u.value:g} {goal.unit}".strip(), Text(u.note), key=key)
        evidence = self.query_one("#evidence", DataTable)
        with keeping_cursor(evidence, keep=same_goal):
            evidence.clear()
            for entry in view.evidence:
                evidence.add_row(f"{entry.on:%d %b}", entry.kind, Text(entry.title), key=str(entry.id))

    @on(DataTable.RowSelected, "#evidence")
    def _open_evidence(self, event: DataTable.RowSelected) -> None:
        self.mlapp.show_entry(int(event.row_key.value or 0))

    # -- actions -------------------------------------------------------------------------------

    def _after(self, _: object) -> None:
        self.reload()

    def action_new_goal(self) -> None:
        from mentorlog.tui.screens.goal_form import GoalForm

        self.app.push_screen(GoalForm(), self._after)

    def _row(self, table_id: str) -> int | None:
        """The record under the cursor of the milestones or progress table, when that table has the focus."""
        focused = self.focused
        if isinstance(focused, DataTable) and focused.id == table_id and focused.row_count:
            return int(focused.coordinate_to_cell_key(focused.cursor_coordinate).row_key.value or 0)
        return None

    def focused_record(self) -> Focused | None:
        view = self.views.get(self.selected or 0)
        if view is None:
            return None
        if (milestone_id := self._row("milestones")) is not None:
            title = next((m.title for m in view.milestones if m.id == milestone_id), "")
            return Focused("milestone", milestone_id, f"the milestone “{title}”")
        if (update_id := self._row("progress-table")) is not None:
            if view.goal.kind == "rubric":  # its points are assessments: the entry is what changes
                return Focused("entry", update_id, f"assessment #{update_id}")
            on = next((str(u.on) for u in view.updates if u.id == update_id), "")
            return Focused("progress_update", update_id, f"the progress update of {on}")
        return Focused("goal", view.goal.id or 0, f"goal #{view.goal.id} “{view.goal.title}”")

    def action_edit(self) -> None:
        """Edit the row that has the focus: a milestone row edits the milestone, not its goal."""
        from mentorlog.tui.screens.goal_form import GoalForm
        from mentorlog.tui.screens.small_forms import MilestoneForm, ProgressForm

        record = self.focused_record()
        if record is None or not self.selected:
            return
        if record.kind == "entry":
            from mentorlog.tui.screens.entry_form import EntryForm

            self.app.push_screen(EntryForm("assessment", record.id), self._after)
        elif record.kind == "milestone":
            self.app.push_screen(MilestoneForm(self.selected, record.id), self._after)
        elif record.kind == "progress_update":
            self.app.push_screen(ProgressForm(self.selected, record.id), self._after)
        else:
            self.app.push_screen(GoalForm(self.selected), self._after)

    @on(DataTable.RowSelected, "#milestones, #progress-table")
    def _open_row(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_progress(self) -> None:
        from mentorlog.tui.screens.small_forms import ProgressForm

        view = self.views.get(self.selected or 0)
        if view is not None and view.goal.kind == "rubric":
            self.notify(f"This goal's progress is the latest rating of {view.goal.competency} by the "
                        f"{view.goal.rater or 'mentee'}: n, a writes an assessment",
                        title="Progress from assessments")  # fmt: skip
            return
        if self.selected:
            self.app.push_screen(ProgressForm(self.selected), self._after)

    def action_milestone(self) -> None:
        from mentorlog.tui.screens.small_forms import MilestoneForm

        if self.selected:
            self.app.push_screen(MilestoneForm(self.selected), self._after)

    def action_tick(self) -> None:
        table = self.query_one("#milestones", DataTable)
        if not table.row_count:
            self.notify("This goal has no milestones: m adds one")
            return
        milestone_id = int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or 0)
        app = self.mlapp
        view = self.views.get(self.selected or 0)
        done = next((m for m in view.milestones if m.id == milestone_id), None) if view else None
        ticked = done is not None and done.done_on is not None

        def tick(s: sqlite3.Connection) -> object:
            pair = self.pair(s)
            if ticked:
                return goals.reopen_milestone(s, pair, milestone_id)
            return goals.complete_milestone(s, pair, milestone_id, on=app.today)

        app.writes.run(tick, done=lambda _: self.reload())

    def action_status(self) -> None:
        from mentorlog.tui.screens.pickers import StatusPicker

        view = self.views.get(self.selected or 0)
        if view is None:
            return

        def change(status: str | None) -> None:
            goal_id = self.selected
            if status and goal_id:
                app = self.mlapp
                app.writes.run(
                    lambda s: goals.set_status(s, self.pair(s), goal_id, status, on=app.today, today=app.today),
                    done=lambda _: self.reload(),
                )

        self.app.push_screen(StatusPicker(view.goal.status, sorted(TRANSITIONS[view.goal.status])), change)

    def action_delete(self) -> None:
        """Delete what is focused: a milestone, a progress update, or else the goal; always asks."""
        from mentorlog.tui.screens.confirm import Confirm

        view = self.views.get(self.selected or 0)
        if view is None:
            return
        focused = self.focused
        app = self.mlapp
        if isinstance(focused, DataTable) and focused.id in ("milestones", "progress-table") and focused.row_count:
            row_id = int(focused.coordinate_to_cell_key(focused.cursor_coordinate).row_key.value or 0)
            milestone = focused.id == "milestones"
            cells = [str(cell) for cell in focused.get_row_at(focused.cursor_row)]
            what = f"the milestone “{cells[1]}”" if milestone else f"the progress update of {cells[0]} ({cells[1]})"

            def delete_row(sure: bool | None) -> None:
                if sure:
                    delete = goals.delete_milestone if milestone else goals.delete_progress
                    app.writes.run(lambda s: delete(s, self.pair(s), row_id), done=lambda _: self.reload())

            self.app.push_screen(Confirm(f"Delete {what}? (It goes to the trash.)"), delete_row)
            return

        def delete_goal(sure: bool | None) -> None:
            goal_id = self.selected
            if sure and goal_id:

                def gone(_: object) -> None:
                    self.selected = None
                    self.reload()

                app.writes.run(lambda s: goals.delete_goal(s, self.pair(s), goal_id), done=gone)

        self.app.push_screen(Confirm(f"Delete goal #{view.goal.id} “{view.goal.title}” and its progress?"), delete_goal)
