"""Dashboard: the pair, the next session, action items, goals, recent entries, trends."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.markup import escape
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Header, Label, Sparkline, Static

from mentorlog import dates
from mentorlog.entry_kinds import spec_of
from mentorlog.journal import actions
from mentorlog.journal.overview import Overview, overview
from mentorlog.rules import health
from mentorlog.rules.cadence import CadenceState, since_last
from mentorlog.tui.layout import PACE_STYLE, PRIVATE, TALL, WIDE
from mentorlog.tui.screens.base import guarded
from mentorlog.tui.screens.records import Focused, RecordScreen
from mentorlog.tui.widgets.heatmap import Heatmap
from mentorlog.tui.widgets.tables import keeping_cursor

RIGHT_WIDTH = 44
RECENT, RECENT_TALL = 6, 16

if TYPE_CHECKING:
    from mentorlog.models import ActionItem


def health_markup(view: Overview) -> str:
    """The months so far as sessions against the cadence, then each health figure on a line."""
    lines = []
    months = view.health.months[-12:]
    if months:
        cells = " ".join(f"[dim]{m.first_day.strftime('%b')[0]}[/]{health.heat(m)}" for m in months)
        lines.append(cells + "  [dim]sessions/plan[/]")
    lines += [escape(line) for line in health.compact(view.health, cadence_days=view.pair.cadence_days)]
    lines.append(escape(f"Contact time {view.contact.short()}"))
    return "\n".join(lines)


class DashboardScreen(RecordScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "o",
            "observe",
            "Observe",
            id="dashboard.observe",
            tooltip="Live observation: capture a lesson as it happens, line by line",
        ),
        Binding(
            "p",
            "prep",
            "Prep",
            id="dashboard.prep",
            tooltip="Session prep: what the next session should pick up; start it from there",
        ),
        Binding(
            "a",
            "add_action",
            "Add action item",
            id="dashboard.add-action",
            tooltip="Add an action item for the mentor or the mentee",
        ),
        Binding(
            "x",
            "toggle_action",
            "Done",
            id="dashboard.done",
            tooltip="Mark the action item done; a done one (d shows them): open again",
        ),
        Binding(
            "d",
            "show_done",
            "Done items",
            show=False,
            id="dashboard.show-done",
            tooltip="Show the done action items too (again: only the open ones)",
        ),
        Binding(
            "e",
            "edit_action",
            "Edit",
            show=False,
            id="dashboard.edit-action",
            tooltip="Edit what has the focus: the action item, goal or entry",
        ),
        Binding(
            "delete",
            "delete_action",
            "Delete item",
            show=False,
            id="dashboard.delete-action",
            tooltip="Delete the action item (asks)",
        ),
        Binding("enter", "open", "Open", show=False, id="dashboard.open", tooltip="Open the goal or entry"),
    ]

    def __init__(self, pair_id: int) -> None:
        super().__init__(pair_id)
        self._view: Overview | None = None  # what the last reload read
        self._shown: Overview | None = None  # what the tables show
        self._widths: tuple[int, int] | None = None
        self._tall = False
        self._read_as: tuple[object, ...] = ()  # and for which pair, day and state of the journal
        self.show_done = False  # the done action items listed after the open ones (d)
        self._done: set[int | None] = set()  # the ids of the done ones shown

    def compose(self) -> ComposeResult:
        yield Header()
        # One column on a narrow terminal (everything at full width, scrolling), two on a wide one.
        with VerticalScroll(id="dashboard"), Container(id="dash-columns"):
            with Vertical(id="dash-left"):
                yield Static(id="pair-summary")
                yield Static(id="agreement-line")
                yield Label("Action items", id="actions-title", classes="panel-title")
                yield DataTable(id="actions", cursor_type="row", zebra_stripes=True)
                yield Label("Active goals", id="goals-title", classes="panel-title")
                yield DataTable(id="goals", cursor_type="row")
            with Vertical(id="dash-right"):
                yield Label("Recent entries", id="recent-title", classes="panel-title")
                yield DataTable(id="recent", cursor_type="row")
                yield Label("Relationship health", classes="panel-title")
                yield Static(id="health")
                yield Label("Confidence (reflections)", id="confidence-title", classes="panel-title")
                yield Sparkline([], id="confidence")
                yield Label("Sessions and entries", classes="panel-title")
                yield Heatmap(id="heatmap")
        yield Footer()

    @guarded
    def on_mount(self) -> None:
        self.reload()

    def on_resize(self) -> None:
        self.reload()  # the columns follow the terminal; the figures are read again only if they changed

    def _columns(self) -> bool:
        """Fit the tables' text columns to the terminal (the rest of each row has fixed widths); whether
        they changed. A title wraps rather than being cut: every column gets the room there is."""
        width = self.app.size.width
        wide = width >= WIDE
        # What a table may take: its column's width less padding, a scrollbar and the focus border.
        right = max(RIGHT_WIDTH, min(80, width * 2 // 5)) if wide else width - 2
        left = width - right - 3 if wide else width - 2
        left, right = left - 4, right - 4
        widths = (left, right)
        if widths == self._widths:
            return False
        self._widths = widths
        self.query_one("#dash-right").styles.width = right + 4 if wide else "100%"
        for table_id, columns in (
            ("#actions", (("who", 6), ("action item", left - 6 - 6 - 10), ("due", 6))),
            ("#goals", (("goal", left - 10 - 8 - 10), ("progress", 10), ("pace", 8))),
            ("#recent", (("date", 6), ("entry", right - 6 - 8))),
        ):
            table = self.query_one(table_id, DataTable)
            table.clear(columns=True)
            for label, column_width in columns:
                table.add_column(label, width=max(8, column_width))
        return True

    def read_journal(self) -> None:
        # Shown again, refocused or refreshed: read again only if the journal, the pair or the day
        # changed (a launch shows the screen three times; at 100,000 entries a read is 0.3 s).
        app = self.mlapp
        read_as = (app.pair_id, app.today, app.journal.data_version())
        if self._view is None or read_as != self._read_as:
            # As many recent entries as a tall terminal shows: no read on resize.
            self._view = overview(
                app.connection, self.pair(), today=app.today, recent=RECENT_TALL, requirement=app.settings.requirement
            )
            self._read_as = read_as
        self._show(self._view)

    def _show(self, view: Overview) -> None:
        tall = self.app.size.height >= TALL
        if not self._columns() and view is self._shown and tall == self._tall:
            return  # a resize that changed no column: nothing to draw again (the cursor stays put)
        self._shown, self._tall = view, tall
        app = self.mlapp
        self._summary(view)
        self._actions(view)
        self._goals(view)
        self._recent(view)
        sparkline = self.query_one("#confidence", Sparkline)
        sparkline.data = [level for _, level in view.confidence]
        sparkline.display = bool(view.confidence)
        trend = view.confidence
        self.query_one("#confidence-title", Label).update(
            f"Confidence (reflections): {trend[0][1]} → {trend[-1][1]} of 5"
            if trend
            else "Confidence: no reflections yet"
        )
        self.query_one(Heatmap).show(view.activity, start=view.activity_start, today=app.today)
        self.query_one("#health", Static).update(Text.from_markup(health_markup(view)))

    def _summary(self, view: Overview) -> None:
        pair, health, today = view.pair, view.cadence, self.mlapp.today
        state = {
            CadenceState.ON_CADENCE: "[green]on cadence[/]",
            CadenceState.DUE: "[yellow]due today[/]",
            CadenceState.LATE: f"[red]{health.days_late} d late[/]",
            CadenceState.NO_SESSIONS: "[yellow]no sessions yet[/]",
        }[health.state]
        since = "" if health.days_since_last is None else f" · {since_last(health.days_since_last)}"
        agreement = " ".join(pair.agreement.split()) or "no agreement written yet"
        text = Text.from_markup(
            f"[b]{escape(pair.mentor_name)}[/] & [b]{escape(pair.mentee_name)}[/] · {pair.program} · "
            f"every {pair.cadence_days} d\n"
            f"Next session [b]{dates.describe(health.next_session_on, today=today)}[/] · {state}{since}"
        )
        self.query_one("#agreement-line", Static).update(Text(agreement))
        self.query_one("#pair-summary", Static).update(text)

    def _actions(self, view: Overview) -> None:
        table = self.query_one("#actions", DataTable)
        today = self.mlapp.today
        listed = view.open_actions
        if self.show_done:
            every = actions.list_actions(self.mlapp.connection, self.pair(), today=today, include_done=True)
            listed = listed + [item for item in every if item.done_on is not None]
        with keeping_cursor(table):
            table.clear()
            for item in listed:
                overdue = actions.is_overdue(item, today)
                due = Text(f"{item.due_on:%d %b}" if item.due_on else "", style="bold red" if overdue else "")
                if item.done_on is not None:
                    due = Text(f"✓{item.done_on:%d %b}", style="dim")
                text = ("✓ " if item.done_on else "") + item.text + (PRIVATE if item.private else "")
                table.add_row(item.owner, Text(text, style="dim" if item.done_on else ""), due, key=str(item.id),
                              height=None)  # fmt: skip
        self._done = {item.id for item in listed if item.done_on is not None}
        late = f", [red]{view.overdue_actions} overdue[/]" if view.overdue_actions else ""
        count = f"{len(view.open_actions)} open{late}" if view.open_actions else "none open: a adds one"
        self.query_one("#actions-title", Label).update(f"Action items ({count})")

    def _goals(self, view: Overview) -> None:
        self.query_one("#goals-title", Label).update(
            "Active goals" if view.active_goals else "Active goals (none yet: 2, then c sets one)"
        )
        table = self.query_one("#goals", DataTable)
        with keeping_cursor(table):
            table.clear()
            for goal_view in view.active_goals:
                pace = goal_view.pace
                shown = Text(str(pace or "-"), style=PACE_STYLE.get(pace, "") if pace else "")
                bar = goal_view.shown(4)
                table.add_row(Text(goal_view.goal.title), bar, shown, key=str(goal_view.goal.id), height=None)

    def _recent(self, view: Overview) -> None:
        self.query_one("#recent-title", Label).update(
            "Recent entries" if view.recent else "Recent entries (none yet: n writes one)"
        )
        table = self.query_one("#recent", DataTable)
        with keeping_cursor(table):
            table.clear()
            shown = view.recent[: RECENT_TALL if self.app.size.height >= TALL else RECENT]
            for item in shown:
                mark = Text(f"{spec_of(item.kind).mark} ", style="dim")
                title = mark + Text(item.title + (PRIVATE if item.private else ""))
                table.add_row(f"{item.on:%d %b}", title, key=str(item.ref_id), height=None)

    # -- actions -------------------------------------------------------------------------------

    def action_observe(self) -> None:
        self.mlapp.observe()

    def action_prep(self) -> None:
        self.mlapp.prep()

    def _selected_action(self) -> int | None:
        table = self.query_one("#actions", DataTable)
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return int(row_key.value or 0)

    def action_add_action(self) -> None:
        from mentorlog.tui.screens.small_forms import ActionForm

        self.app.push_screen(ActionForm(), lambda _: self.reload())

    def action_edit_action(self) -> None:
        """Edit the row that has the focus: an action item, a goal, or an entry."""
        from mentorlog.tui.screens.entry_form import EntryForm
        from mentorlog.tui.screens.goal_form import GoalForm
        from mentorlog.tui.screens.small_forms import ActionForm

        record = self.focused_record()
        if record is None:
            action_id = self._selected_action()
            record = Focused("action_item", action_id, "") if action_id is not None else None
        if record is None:
            return
        if record.kind == "goal":
            self.app.push_screen(GoalForm(record.id), lambda _: self.reload())
        elif record.kind == "entry":
            kind = next((item.kind for item in (self._view.recent if self._view else []) if item.ref_id == record.id),
                        "note")  # fmt: skip
            self.app.push_screen(EntryForm(kind, record.id), lambda _: self.reload())
        else:
            self.app.push_screen(ActionForm(record.id), lambda _: self.reload())

    def action_show_done(self) -> None:
        self.show_done = not self.show_done
        self._shown = None  # drawn again, with or without them
        self.reload()
        self.notify("Done action items shown: x opens one again" if self.show_done else "Only open action items")

    def action_toggle_action(self) -> None:
        """Tick the item done, or open a done one again (ctrl+z undoes either)."""
        action_id = self._selected_action()
        if action_id is None:
            self.notify("No open action items")
            return
        app = self.mlapp
        reopen = action_id in self._done

        def ticked(item: ActionItem) -> None:
            said = f"Open again: {item.text}" if reopen else f"Done: {item.text} (ctrl+z undoes)"
            self.notify(said, title="Action item")
            self.reload()

        if reopen:
            app.writes.run(lambda s: actions.reopen_action(s, self.pair(s), action_id), done=ticked)
        else:
            app.writes.run(lambda s: actions.complete_action(s, self.pair(s), action_id, on=app.today), done=ticked)

    def focused_record(self) -> Focused | None:
        focused = self.focused
        if not isinstance(focused, DataTable) or not focused.row_count:
            return None
        row_id = int(focused.coordinate_to_cell_key(focused.cursor_coordinate).row_key.value or 0)
        what = str(focused.get_row_at(focused.cursor_row)[1])
        kind = {"actions": "action_item", "goals": "goal", "recent": "entry"}.get(focused.id or "")
        if kind is None:
            return None
        return Focused(kind, row_id, f"“{what.strip()}”")

    def action_delete_action(self) -> None:
        from mentorlog.tui.screens.confirm import Confirm

        action_id = self._selected_action()
        if action_id is None:
            return

        def delete(sure: bool | None) -> None:
            if sure:
                app = self.mlapp
                app.writes.run(lambda s: actions.delete_action(s, self.pair(s), action_id),
                               done=lambda _: self.reload())  # fmt: skip

        table = self.query_one("#actions", DataTable)
        text = str(table.get_row(str(action_id))[1])
        self.app.push_screen(Confirm(f"Delete the action item “{text}”? (It goes to the trash.)"), delete)

    @on(DataTable.RowSelected, "#recent")
    def _open_entry(self, event: DataTable.RowSelected) -> None:
        self.mlapp.show_entry(int(event.row_key.value or 0))

    @on(DataTable.RowSelected, "#goals")
    def _open_goal(self, event: DataTable.RowSelected) -> None:
        self.mlapp.show_goal(int(event.row_key.value or 0))

    def action_open(self) -> None:
        focused = self.focused
        if isinstance(focused, DataTable):
            focused.action_select_cursor()
