"""Growth: competency levels over time, self and mentor side by side, change and gap; confidence."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Label, Sparkline

from mentorlog.journal.assessments import growth_view
from mentorlog.rules.progress import sparkline
from mentorlog.tui.layout import WIDE
from mentorlog.tui.screens.base import PairScreen, guarded
from mentorlog.tui.widgets.tables import keeping_cursor


def _signed(value: int | None) -> Text:
    if value is None:
        return Text("-", style="dim")
    style = "green" if value > 0 else ("red" if value < 0 else "")
    return Text(f"{value:+d}", style=style)


class GrowthScreen(PairScreen):
    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="growth"):
            yield Label("Competencies: levels 1 Beginning … 5 Innovating", classes="panel-title")
            yield DataTable(id="competencies", cursor_type="row")
            yield Label("", id="growth-note")
            yield Label("Confidence (reflections)", id="growth-confidence-title", classes="panel-title")
            yield Sparkline([], id="growth-confidence")
        yield Footer()

    @guarded
    def on_mount(self) -> None:
        self._trend = 0
        self.reload()
        self.query_one("#competencies", DataTable).focus()

    def on_resize(self) -> None:
        self.reload()

    def _columns(self) -> None:
        """Every column in sight at any width: the trends take what is spare, the name wraps if it must."""
        width = self.app.size.width
        trend = 6 if width < WIDE else min(20, 6 + (width - WIDE) // 4)
        if trend == self._trend:
            return
        self._trend = trend
        fixed = 4 + trend + 5 + 6 + trend + 6 + 4 + 2 * 8 + 6  # the columns, their padding, a scrollbar
        table = self.query_one("#competencies", DataTable)
        table.clear(columns=True)
        for label, column in (("competency", max(16, width - fixed)), ("self", 4), ("trend", trend), ("Δ", 5),
                              ("mentor", 6), ("trend", trend), ("Δ", 6), ("gap", 4)):  # fmt: skip
            table.add_column(label, width=column)

    def read_journal(self) -> None:
        app = self.mlapp
        growth = growth_view(app.connection, self.pair())
        rows, confidence = growth.rows, growth.confidence
        self._columns()
        table = self.query_one("#competencies", DataTable)
        span = self._trend  # the latest ratings, as many as the trend column holds
        with keeping_cursor(table):
            table.clear()
            for row in rows:
                latest_self = str(row.self_levels[-1][1]) if row.self_levels else "-"
                latest_mentor = str(row.mentor_levels[-1][1]) if row.mentor_levels else "-"
                table.add_row(
                    Text(row.competency), latest_self, sparkline([level for _, level in row.self_levels][-span:]),
                    _signed(row.self_change), latest_mentor,
                    sparkline([level for _, level in row.mentor_levels][-span:]),
                    _signed(row.mentor_change), _signed(row.gap), key=row.competency, height=None,
                )  # fmt: skip
        rated = sum(1 for row in rows if row.self_levels or row.mentor_levels)
        self.query_one("#growth-note", Label).update(
            "Δ = the change since the first rating; gap = the mentee's latest level minus the mentor's "
            "(above 0, the mentee rates higher)"
            if rated
            else "No assessments yet: n then a rates the rubric."
        )
        trend = self.query_one("#growth-confidence", Sparkline)
        trend.data = [level for _, level in confidence]
        trend.display = bool(confidence)
        if confidence:
            first, last = confidence[0], confidence[-1]
            self.query_one("#growth-confidence-title", Label).update(
                f"Confidence (reflections): {first[1]} on {first[0]:%d %b} → {last[1]} on {last[0]:%d %b}"
            )
