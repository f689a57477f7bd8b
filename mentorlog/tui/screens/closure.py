"""Closing a pairing: when and why, the final assessments, a closing reflection, and what becomes of
each open goal and action item, all saved as one closing (journal.pair_life.close_pair)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Label, Select, Static, TextArea

from mentorlog.db.tables import ACTION, GOAL
from mentorlog.journal import pair_life
from mentorlog.kinds import EndReason, EntryKind, GoalStatus, Rater
from mentorlog.tui.fields import FieldError, read_date
from mentorlog.tui.screens.form import FormMixin, labelled
from mentorlog.tui.widgets.date_input import DateInput
from mentorlog.words import plural

if TYPE_CHECKING:
    from mentorlog.journal.pair_life import Closing

REASONS = [
    ("Completed: the pairing ran its course", EndReason.COMPLETED.value),
    ("Ended early: the mentee moved school", EndReason.MOVED.value),
    ("Ended early: the mentee left teaching", EndReason.LEFT_TEACHING.value),
    ("Other", EndReason.OTHER.value),
]
GOAL_CHOICES = [("achieved", "achieved"), ("dropped", "dropped"), ("carried on (stays as it is)", "carried")]
ITEM_CHOICES = [("done", "done"), ("dropped (to the trash)", "dropped")]
RATERS = {Rater.SELF.value: "the mentee's self-assessment", Rater.MENTOR.value: "the mentor's assessment"}


class ClosureForm(FormMixin, Screen[int | None]):
    """The final assessments are written with the assessment form (F2, F3) and linked here; without
    them, the latest of each rater is linked."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "f2",
            "assess('self')",
            "Mentee's final assessment",
            key_display="F2",
            id="closure.self",
            tooltip="Record the mentee's final self-assessment",
        ),
        Binding(
            "f3",
            "assess('mentor')",
            "Mentor's final assessment",
            key_display="F3",
            id="closure.mentor",
            tooltip="Record the mentor's final assessment",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.finals: dict[str, int] = {}  # rater -> the assessment recorded here

    def compose(self) -> ComposeResult:
        app = self.mlapp
        pair = self.pair()
        self.open_goals = GOAL.select(app.connection, "pair_id = ? AND status IN (?, ?, ?)",
                                      (pair.id, GoalStatus.DRAFT, GoalStatus.ACTIVE, GoalStatus.PAUSED))  # fmt: skip
        self.open_items = ACTION.select(app.connection, "pair_id = ? AND done_on IS NULL", (pair.id,))
        yield Header()
        with VerticalScroll(classes="form", id="closure"):
            yield Label(f"Close the pairing of {pair.label}", classes="form-title")
            yield Label("Once closed, the pair is read-only (it can be reopened), and its health is measured to "
                        "its end.", classes="form-help")  # fmt: skip
            yield from labelled("Ended on", DateInput("today", today=app.today, happened=True), "ended_on")
            yield from labelled("Why", Select(REASONS, prompt="choose a reason"), "reason")
            yield Label("Final assessments", classes="field-label")
            yield Static(id="finals", classes="form-help")
            with Horizontal(classes="form-buttons"):
                yield Button("Mentee's self-assessment (F2)", id="assess-self")
                yield Button("Mentor's assessment (F3)", id="assess-mentor")
            yield from labelled("Closing reflection: what we achieved", TextArea(), "achieved")
            yield from labelled("What comes next for the mentee", TextArea(), "next_steps")
            if self.open_goals:
                yield Label(f"Open goals ({len(self.open_goals)}): what becomes of each?", classes="field-label")
                for goal in self.open_goals:
                    yield from labelled(f"#{goal.id} {goal.title}", Select(GOAL_CHOICES, prompt="choose"),
                                        f"goal-{goal.id}")  # fmt: skip
            if self.open_items:
                yield Label(f"Open action items ({len(self.open_items)}): what becomes of each?",
                            classes="field-label")  # fmt: skip
                for item in self.open_items:
                    yield from labelled(f"#{item.id} [{item.owner}] {item.text}", Select(ITEM_CHOICES, prompt="choose"),
                                        f"item-{item.id}")  # fmt: skip
        yield Footer()

    def on_mount(self) -> None:
        self._show_finals()
        self.query_one("#reason", Select).focus()
        self.filled()

    def _show_finals(self) -> None:
        latest = pair_life.latest_assessments(self.mlapp.connection, self.pair())
        lines = []
        for rater, named in RATERS.items():
            if rater in self.finals:
                lines.append(f"✓ {named}: #{self.finals[rater]}, recorded now")
            elif rater in latest:
                lines.append(f"• {named}: the latest, #{latest[rater]}, is linked (or record a final one)")
            else:
                lines.append(f"• {named}: none yet (record one)")
        self.query_one("#finals", Static).update("\n".join(lines))

    @on(Button.Pressed, "#assess-self")
    def _self(self) -> None:
        self.action_assess(Rater.SELF.value)

    @on(Button.Pressed, "#assess-mentor")
    def _mentor(self) -> None:
        self.action_assess(Rater.MENTOR.value)

    def action_assess(self, rater: str) -> None:
        from mentorlog.tui.screens.entry_form import EntryForm

        def recorded(entry_id: int | None) -> None:
            if entry_id:
                self.finals[rater] = entry_id
                self._show_finals()

        self.app.push_screen(EntryForm(EntryKind.ASSESSMENT, rater=rater), recorded)

    def prepare(self) -> Callable[[sqlite3.Connection], Closing]:
        on = read_date(self.query_one("#ended_on", DateInput), "ended_on")
        reason = self.query_one("#reason", Select).value
        if not isinstance(reason, str):
            raise FieldError("reason", "say why the pairing ends")
        goals = {goal.id or 0: self._chosen(f"goal-{goal.id}") for goal in self.open_goals}
        items = {item.id or 0: self._chosen(f"item-{item.id}") for item in self.open_items}
        latest = pair_life.latest_assessments(self.mlapp.connection, self.pair())
        finals = [self.finals.get(rater) or latest.get(rater) for rater in RATERS]
        achieved = self.query_one("#achieved", TextArea).text
        next_steps = self.query_one("#next_steps", TextArea).text

        def write(s: sqlite3.Connection) -> Closing:
            return pair_life.close_pair(
                s, self.pair(s), on=on or self.mlapp.today, reason=reason, achieved=achieved, next_steps=next_steps,
                final_assessments=[n for n in finals if n], goals=goals, items=items,
            )  # fmt: skip

        return write

    def _chosen(self, field: str) -> str:
        value = self.query_one(f"#{field}", Select).value
        if not isinstance(value, str):
            raise FieldError(field, "choose what becomes of it")
        return value

    def saved(self, result: object) -> None:
        closing: Closing = result  # type: ignore[assignment]
        self.notify(
            f"Closed on {closing.pair.ended_on}; {plural(len(closing.final_assessments), 'final assessment')} linked. "
            "The pair is read-only now (o reopens it).",
            title="Pairing closed",
        )
        super().saved(closing.pair.id)
