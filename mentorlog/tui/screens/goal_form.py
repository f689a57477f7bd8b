"""New or edited goal: every SMART field, with the S·M·A·R·T check live as you type."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, Select, Static, TextArea

from mentorlog.errors import DateError
from mentorlog.journal import goals, pairs
from mentorlog.journal.goal_view import GoalView
from mentorlog.kinds import GoalKind, Rater, own_rater
from mentorlog.rules.smart import check_smart
from mentorlog.tui.fields import FieldError, read_date
from mentorlog.tui.screens.form import FormMixin, labelled
from mentorlog.tui.widgets.choices import choose
from mentorlog.tui.widgets.date_input import DateInput

MEASURE_CHOICES = [
    ("A number: from a baseline to a target", GoalKind.NUMBER.value),
    ("Milestones: done / total", GoalKind.MILESTONES.value),
    ("Yes or no", GoalKind.YES_NO.value),
    ("A rubric level for a competency", GoalKind.RUBRIC.value),
]
GOAL_TEXT_FIELDS = ("title", "specific", "measure", "unit", "achievable", "relevant")
# The fields some kind of goal is measured by, shown only for those kinds (a competency is shown always: any
# goal may be tied to one).
MEASURE_FIELDS = tuple(dict.fromkeys(f for used in goals.KIND_FIELDS.values() for f in used if f != "competency"))
RATERS = [("the mentee (self)", Rater.SELF.value), ("the mentor", Rater.MENTOR.value)]


class GoalForm(FormMixin, Screen[int | None]):
    def __init__(self, goal_id: int | None = None) -> None:
        super().__init__()
        self.goal_id = goal_id
        self.milestones = 0

    def draft_spec(self) -> dict[str, object]:
        return {"form": "goal", "goal_id": self.goal_id}

    def compose(self) -> ComposeResult:
        app = self.mlapp
        pair = self.pair()
        rubric = [c.name for c in pairs.competencies(app.connection, pair)]
        self.rubric = [(name, name) for name in rubric]
        self.levels = tuple(pair.rubric_levels)
        yield Header()
        with VerticalScroll(classes="form"):
            yield Label("Edit goal" if self.goal_id else "New goal", classes="form-title")
            yield Static(id="smart-live")
            yield from labelled("Title", Input(placeholder="Tighten transitions between activities"), "title")
            yield from labelled("Specific: what exactly will change, for whom?", TextArea(), "specific")
            yield from labelled("Kind of measure", Select(MEASURE_CHOICES, allow_blank=False), "kind")
            yield from labelled("Measure: what is measured", Input(placeholder="average transition time"), "measure")
            yield from labelled("Unit", Input(placeholder="min"), "unit")
            yield from labelled("Baseline", Input(type="number"), "baseline")
            yield from labelled("Target", Input(type="number"), "target")
            yield from labelled("Achievable: the plan and resources", TextArea(), "achievable")
            yield from labelled("Relevant: why it matters", TextArea(), "relevant")
            yield from labelled("Competency", Select(self.rubric, prompt="(none)", allow_blank=True), "competency")
            yield from labelled("Rated by (whose ratings measure it)", Select(RATERS, allow_blank=False), "rater")
            yield from labelled("Starts (pace counts from it)", DateInput("today", today=app.today, optional=True),
                                "starts")  # fmt: skip
            yield from labelled("Due", DateInput(today=app.today, prefer="future", optional=True), "due")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#rater", Select).value = own_rater(self.pair().owner_role).value
        if self.goal_id:
            self._fill()
        self._show_kind()
        self.query_one("#title", Input).focus()
        self._smart()
        self.filled()

    def take_theirs(self) -> None:
        self._fill()
        self._smart()
        self.filled()

    def _fill(self) -> None:
        if self.goal_id:
            app = self.mlapp
            view = goals.goal_detail(app.connection, self.pair(), self.goal_id, today=app.today)
            goal = view.goal
            self.opened_at = goal.updated_at
            self.milestones = len(view.milestones)
            for name in ("title", "measure", "unit"):
                self.query_one(f"#{name}", Input).value = getattr(goal, name)
            for name in ("specific", "achievable", "relevant"):
                self.query_one(f"#{name}", TextArea).text = getattr(goal, name)
            for name in ("baseline", "target"):
                value = getattr(goal, name)
                self.query_one(f"#{name}", Input).value = "" if value is None else f"{value:g}"
            choose(self.query_one("#kind", Select), MEASURE_CHOICES, goal.kind)
            choose(self.query_one("#competency", Select), self.rubric, goal.competency or None)
            if goal.rater:
                choose(self.query_one("#rater", Select), RATERS, goal.rater)
            self.query_one("#starts", DateInput).query_one(Input).value = str(goal.starts_on or "")
            self.query_one("#due", DateInput).query_one(Input).value = str(goal.due_on or "")

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _live(self) -> None:
        self._smart()

    @on(Select.Changed, "#kind")
    def _show_kind(self) -> None:
        """Only the fields the chosen kind is measured by (goals.KIND_FIELDS); a rubric goal's baseline and target
        are levels of the pair's rubric."""
        kind = str(self.query_one("#kind", Select).value)
        used = goals.KIND_FIELDS.get(kind, ())
        for name in MEASURE_FIELDS:
            shown = name in used
            for widget in self.query(f"#{name}-label, #{name}, #{name}-error"):
                widget.display = shown
        scale = ", ".join(f"{n} {level}" for n, level in enumerate(self.levels, start=1))
        rubric = kind == GoalKind.RUBRIC.value
        self.query_one("#baseline-label", Label).update(f"From level ({scale})" if rubric else "Baseline")
        self.query_one("#target-label", Label).update("To level" if rubric else "Target")
        self.query_one("#measure-label", Label).update(
            "Measure: what will show it is met" if kind == GoalKind.YES_NO.value else "Measure: what is measured"
        )

    def _number(self, field: str) -> float | None:
        raw = self.query_one(f"#{field}", Input).value.strip()
        if not raw:
            return None
        try:
            return float(raw)
        except ValueError:
            raise FieldError(field, f"{field} is a number, such as 6 or 2.5") from None

    def _values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            name: widget.value if isinstance(widget, Input) else widget.text  # type: ignore[attr-defined]
            for name in GOAL_TEXT_FIELDS
            for widget in [self.query_one(f"#{name}")]
        }
        competency = self.query_one("#competency", Select).value
        values["competency"] = competency if isinstance(competency, str) else None
        values["kind"] = str(self.query_one("#kind", Select).value)
        values["baseline"] = self._number("baseline")
        values["target"] = self._number("target")
        values["rater"] = str(self.query_one("#rater", Select).value)
        values["starts_on"] = read_date(self.query_one("#starts", DateInput), "starts")
        values["due_on"] = read_date(self.query_one("#due", DateInput), "due")
        used = goals.KIND_FIELDS.get(values["kind"], ())
        for name in MEASURE_FIELDS:  # what this kind is not measured by is not kept (a hidden field says nothing)
            if name not in used:
                values[name] = "" if name in ("measure", "unit") else None
        return values

    def _smart(self) -> None:
        try:
            values = self._values()
        except (FieldError, DateError):
            return
        app = self.mlapp
        probe = SimpleNamespace(**values, activated_on=app.today)
        check = check_smart(probe, milestones=self.milestones, today=app.today)
        lines = [f"[b]SMART[/]  {check.badge()}"] + [f"  [yellow]{x.letter}[/] {x.hint}" for x in check.failing]
        self.query_one("#smart-live", Static).update("\n".join(lines))

    def prepare(self) -> Callable[[sqlite3.Connection], GoalView]:
        app = self.mlapp
        values = self._values()
        goal_id, expected = self.goal_id, self.opened_at

        def write(s: sqlite3.Connection) -> GoalView:
            pair = self.pair(s)
            if goal_id:
                return goals.update_goal(s, pair, goal_id, today=app.today, expected=expected, **values)
            return goals.add_goal(s, pair, today=app.today, **values)

        return write

    def saved(self, result: object) -> None:
        assert isinstance(result, GoalView)
        self.notify(f"SMART {result.smart.badge()}", title=f"Goal #{result.goal.id} saved")
        super().saved(result.goal.id)
