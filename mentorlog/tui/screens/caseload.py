"""The caseload: every pair, who needs you first and why, and what you promised whom. Enter opens a pair.

What a mentor with five mentees and fifteen minutes between lessons wants first: the pairs that
need a check-in at the top, each with the reason in words (an overdue next session is said, not
only coloured), then the rest by their next session (rules.caseload says how a check-in is
decided, and help shows it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label

from mentorlog.journal.caseload import PairStanding, caseload, your_promises
from mentorlog.rules.caseload import Standing, contact_words, next_session_words
from mentorlog.rules.contact import minutes_words
from mentorlog.tui.layout import PRIVATE, WIDE
from mentorlog.tui.screens.base import reading_safely
from mentorlog.tui.widgets.tables import keeping_cursor
from mentorlog.words import plural

if TYPE_CHECKING:
    from mentorlog.tui.app import MentorlogApp

# How the flag is decided, for help and the screen's own legend (rules.caseload holds the rule).
CHECK_IN_RULE = (
    "● needs a check-in: the next session is overdue (or none was held since the start), no contact for "
    "longer than the cadence, an action item of theirs or yours is overdue, or a goal is behind pace"
)


class CaseloadScreen(Screen[None]):
    HELP_TEXT = CHECK_IN_RULE  # help (?) says how the flag is decided
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open pair", id="caseload.open", tooltip="Open the pair under the cursor"),
        Binding(
            "A",
            "toggle_closed",
            "Closed too",
            key_display="A",
            id="caseload.closed",
            tooltip="Show closed and archived pairs too (again: hide them)",
        ),
        Binding(
            "question_mark",
            "app.help_key",
            "Help",
            key_display="?",
            id="caseload.help",
            tooltip="Every key on this screen, and how a check-in is decided",
        ),
        Binding("q", "app.quit_key", "Quit", id="caseload.quit", tooltip="Quit mentorlog"),
        Binding(
            "ctrl+r,f5",
            "reload",
            "Refresh",
            show=False,
            id="caseload.reload",
            tooltip="Read the journal again (another mentorlog may have written to it)",
        ),
        Binding("j", "move(1)", "Down", show=False, id="caseload.down"),
        Binding("k", "move(-1)", "Up", show=False, id="caseload.up"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.everything = False
        self.standings: dict[int, PairStanding] = {}

    @property
    def mlapp(self) -> MentorlogApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="caseload"):
            yield Label("Caseload", id="caseload-title", classes="panel-title")
            yield DataTable(id="pairs", cursor_type="row")
            yield Label("What you promised whom", id="promises-title", classes="panel-title")
            yield DataTable(id="promises", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#pairs", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def on_resize(self) -> None:
        self.reload()

    def action_reload(self) -> None:
        self.reload()

    def action_move(self, step: int) -> None:
        focused = self.focused
        if isinstance(focused, DataTable):
            (focused.action_cursor_down if step > 0 else focused.action_cursor_up)()

    def reload(self) -> None:
        with reading_safely(self):
            self._read()

    def _read(self) -> None:
        app = self.mlapp
        found = caseload(
            app.connection, today=app.today, everything=self.everything, requirement=app.settings.requirement
        )
        self.standings = {s.pair.id or 0: s for s in found}
        wide = app.size.width >= WIDE
        pairs_table = self.query_one("#pairs", DataTable)
        # The name, and every figure beside it on a wide terminal; on a narrow one, the reasons below it.
        figures = [("last contact", 14), ("yours", 9), ("theirs", 9), ("goals behind", 12), ("this month", 10)]
        fixed = [("", 2), ("next session", 24 if wide else 19), *(figures if wide else [])]
        # The name (and the reasons under it) takes what the figures leave: each cell has 2 of padding.
        name_width = min(60, max(20, app.size.width - 6 - sum(width + 2 for _, width in fixed) - 2))
        columns = [fixed[0], ("pair", name_width), *fixed[1:]]
        with keeping_cursor(pairs_table):
            pairs_table.clear(columns=True)
            for label, width in columns:
                pairs_table.add_column(label, width=width)
            for standing in found:
                pairs_table.add_row(*self._cells(standing, wide), key=str(standing.pair.id), height=None)
        open_ones = [s for s in found if s.pair.ended_on is None]
        needing = sum(1 for s in open_ones if s.check_in.needed)
        self.query_one("#caseload-title", Label).update(
            f"Caseload: {plural(len(open_ones), 'open pair')}, {needing} needing a check-in"
            + (" · closed and archived ones too (A hides them)" if self.everything else "")
        )
        self._promises()

    def _cells(self, standing: PairStanding, wide: bool) -> list[Any]:
        pair, figures = standing.pair, standing.standing
        today = self.mlapp.today
        name = Text(standing.other, style="bold")
        if pair.ended_on is not None:
            archived = ", archived" if pair.archived_on else ""
            return [Text(""), name + Text(f"\nclosed {pair.ended_on}{archived}", style="dim"), Text("")] + (
                [Text("")] * 5 if wide else []
            )
        flag = Text("●", style="bold red") if standing.check_in.needed else Text("")
        late = figures.cadence.days_late and figures.cadence.state != "on cadence"
        session = Text(next_session_words(figures.cadence, today=today), style="red" if late else "")
        if standing.contact is not None:
            name += Text("\ncontact time " + standing.contact.short(), style="dim")
        if not wide:  # the figures under the name, where there is no room beside it: only what is there
            name += Text("\n" + _brief(figures), style="dim")
            if standing.check_in.needed:
                name += Text("\n" + "; ".join(standing.check_in.reasons), style="yellow")
            return [flag, name, session]
        if standing.check_in.needed:
            name += Text("\n" + "; ".join(standing.check_in.reasons), style="yellow")
        return [
            flag, name, session, contact_words(figures.days_since_contact),
            _items(figures.yours_open, figures.yours_overdue), _items(figures.theirs_open, figures.theirs_overdue),
            str(figures.goals_behind), minutes_words(figures.minutes_this_month),
        ]  # fmt: skip

    def _promises(self) -> None:
        app = self.mlapp
        table = self.query_one("#promises", DataTable)
        found = your_promises(app.connection, today=app.today)
        width = max(20, app.size.width - 4 - 18 - 14 - 6)
        with keeping_cursor(table):
            table.clear(columns=True)
            for label, column in (("to", 18), ("action item", width), ("due", 14)):
                table.add_column(label, width=column)
            for promise in found:
                item = promise.item
                overdue = item.due_on is not None and item.due_on < app.today
                due = Text(f"{item.due_on}" if item.due_on else "", style="bold red" if overdue else "")
                text = Text(item.text + (PRIVATE if item.private else ""))
                table.add_row(promise.whom, text, due, key=f"{promise.pair.id}:{item.id}", height=None)
        self.query_one("#promises-title", Label).update(
            f"What you promised whom ({len(found)} open)" if found else "What you promised whom: nothing open"
        )

    @on(DataTable.RowSelected, "#pairs")
    def _chosen(self, event: DataTable.RowSelected) -> None:
        self.mlapp.open_pair(int(event.row_key.value or 0))

    @on(DataTable.RowSelected, "#promises")
    def _promise_chosen(self, event: DataTable.RowSelected) -> None:
        self.mlapp.open_pair(int(str(event.row_key.value).split(":")[0]))

    def action_open(self) -> None:
        table = self.query_one("#pairs", DataTable)
        if table.row_count:
            self.mlapp.open_pair(int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or 0))

    def action_toggle_closed(self) -> None:
        self.everything = not self.everything
        self.reload()


def _brief(figures: Standing) -> str:
    """A pair's figures in one line (for a narrow terminal): a figure that is nothing is left out."""
    parts = [f"last contact {contact_words(figures.days_since_contact)}"]
    for whose, open_, overdue in (("yours", figures.yours_open, figures.yours_overdue),
                                  ("theirs", figures.theirs_open, figures.theirs_overdue)):  # fmt: skip
        if open_:
            parts.append(f"{whose} {open_} open" + (f", {overdue} overdue" if overdue else ""))
    if figures.goals_behind:
        parts.append(f"{plural(figures.goals_behind, 'goal')} behind")
    if figures.minutes_this_month:
        parts.append(f"{minutes_words(figures.minutes_this_month)} this month")
    return " · ".join(parts)


def _items(open_: int, overdue: int) -> Text:
    if not open_:
        return Text("none", style="dim")
    return Text(f"{open_} open" + (f"\n{overdue} overdue" if overdue else ""), style="red" if overdue else "")
