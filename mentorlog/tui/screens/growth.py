"""Growth: competency levels over time, self and mentor side by side, change and gap; confidence."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Label, Sparkline

from mentorlog.journal.assessments import pair_growth
from mentorlog.journal.overview import confidence_trend
from mentorlog.rules.progress import sparkline
from mentorlog.tui.screens.base import PairScreen


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

    def on_mount(self) -> None:
        table = self.query_one("#competencies", DataTable)
        table.add_columns("competency", "self", "trend", "Δ self", "mentor", "trend", "Δ mentor", "gap")
        self.reload()
        table.focus()

    def reload(self) -> None:
        app = self.mlapp
        with app.journal.read() as s:
            pair = app.current_pair(s)
            rows = pair_growth(s, pair)
            confidence = confidence_trend(s, pair)
        table = self.query_one("#competencies", DataTable)
        table.clear()
        for row in rows:
            latest_self = str(row.self_levels[-1][1]) if row.self_levels else "-"
            latest_mentor = str(row.mentor_levels[-1][1]) if row.mentor_levels else "-"
            table.add_row(
                Text(row.competency), latest_self, sparkline([level for _, level in row.self_levels]),
                _signed(row.self_change), latest_mentor, sparkline([level for _, level in row.mentor_levels]),
                _signed(row.mentor_change), _signed(row.gap), key=row.competency,
            )  # fmt: skip
        rated = sum(1 for row in rows if row.self_levels or row.mentor_levels)
        self.query_one("#growth-note", Label).update(
            "gap = the mentee's latest level minus the mentor's: above 0, the mentee rates higher"
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
