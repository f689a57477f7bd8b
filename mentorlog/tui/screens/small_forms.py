"""Small forms as dialogs: an action item, a progress update, a milestone."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Select

from mentorlog.journal import actions, goals
from mentorlog.kinds import Role
from mentorlog.tui.fields import FieldError, read_date
from mentorlog.tui.screens.form import FormMixin, labelled
from mentorlog.tui.widgets.choices import choose
from mentorlog.tui.widgets.date_input import DateInput

OWNERS = [("the mentee", Role.MENTEE.value), ("the mentor", Role.MENTOR.value)]


class ActionForm(FormMixin, ModalScreen[int | None]):
    """A new action item, or an edit of one."""

    def __init__(self, action_id: int | None = None) -> None:
        super().__init__()
        self.action_id = action_id

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog form"):
            yield Label("Edit action item" if self.action_id else "New action item", classes="dialog-question")
            yield from labelled("What", Input(placeholder="Time three transitions in period 3"), "action_item")
            yield from labelled("Who", Select(OWNERS, allow_blank=False), "owner")
            yield from labelled("Due", DateInput(today=self.mlapp.today, prefer="future", optional=True), "due")
            yield Checkbox("Private: never leaves this file unless asked", id="private")

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#action_item", Input).focus()
        self.filled()

    def take_theirs(self) -> None:
        self._fill()
        self.filled()

    def _fill(self) -> None:
        if self.action_id:
            app = self.mlapp
            item = actions.get_action(app.connection, self.pair(), self.action_id)
            self.opened_at = item.updated_at
            self.query_one("#action_item", Input).value = item.text
            choose(self.query_one("#owner", Select), OWNERS, item.owner)
            self.query_one("#due", DateInput).query_one(Input).value = str(item.due_on or "")
            self.query_one("#private", Checkbox).value = item.private

    def prepare(self) -> Callable[[sqlite3.Connection], int | None]:
        text = self.query_one("#action_item", Input).value
        owner = str(self.query_one("#owner", Select).value)
        due = read_date(self.query_one("#due", DateInput), "due")
        private = self.query_one("#private", Checkbox).value
        action_id, expected = self.action_id, self.opened_at

        def write(s: sqlite3.Connection) -> int | None:
            pair = self.pair(s)
            if action_id:
                item = actions.update_action(s, pair, action_id, text=text, owner=owner, due_on=due,
                                             private=private, expected=expected)  # fmt: skip
            else:
                item = actions.add_action(s, pair, text, owner=owner, due_on=due, private=private)
            return item.id

        return write


class ProgressForm(FormMixin, ModalScreen[int | None]):
    """A new progress update of a goal, or (`update_id`) a correction of one."""

    def __init__(self, goal_id: int, update_id: int | None = None) -> None:
        super().__init__()
        self.goal_id, self.update_id = goal_id, update_id

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog form"):
            yield Label("Record progress", id="progress-title", classes="dialog-question")
            yield from labelled("Value", Input(placeholder="4.5"), "value")
            yield from labelled("On", DateInput("today", today=self.mlapp.today, happened=True), "on")
            yield from labelled("Confidence we make it (1-5, optional)", Input(type="integer"), "confidence")
            yield from labelled("Note", Input(placeholder="what changed"), "note")

    def on_mount(self) -> None:
        app = self.mlapp
        view = goals.goal_detail(app.connection, self.pair(), self.goal_id, today=app.today)
        unit = f" ({view.goal.unit})" if view.goal.unit else ""
        latest = f"; latest {view.latest:g}" if view.latest is not None else ""
        verb = "Correct the progress update" if self.update_id else "Progress"
        self.query_one("#progress-title", Label).update(f"{verb} on {view.goal.title}{unit}{latest}")
        if view.goal.kind == "yes-no":
            self.query_one("#value", Input).placeholder = "met or not met (yes / no)"
        self._fill()
        self.query_one("#value", Input).focus()
        self.filled()

    def _fill(self) -> None:
        if self.update_id:
            update = goals.get_progress(self.mlapp.connection, self.pair(), self.update_id)
            self.opened_at = update.updated_at
            self.query_one("#value", Input).value = f"{update.value:g}"
            if goals.get_goal(self.mlapp.connection, self.pair(), self.goal_id).kind == "yes-no":
                self.query_one("#value", Input).value = "met" if update.value >= 1 else "not met"
            self.query_one("#on", DateInput).query_one(Input).value = str(update.on)
            self.query_one("#confidence", Input).value = str(update.confidence or "")
            self.query_one("#note", Input).value = update.note

    def take_theirs(self) -> None:
        self._fill()
        self.filled()

    def prepare(self) -> Callable[[sqlite3.Connection], int]:
        app = self.mlapp
        raw = self.query_one("#value", Input).value.strip()
        if not raw:
            raise FieldError("value", "a value: a number such as 4.5 (a yes-no goal: met or not met)")
        value = raw  # the journal reads it by the goal's kind: a number, or met / not met
        confidence_text = self.query_one("#confidence", Input).value.strip()
        confidence = int(confidence_text) if confidence_text.lstrip("-").isdigit() else None
        if confidence_text and confidence is None:
            raise FieldError("confidence", "confidence is a whole number from 1 to 5")
        on = read_date(self.query_one("#on", DateInput), "on") or app.today
        note, goal_id, update_id, expected = self.query_one("#note", Input).value, self.goal_id, self.update_id, (
            self.opened_at)  # fmt: skip

        def write(s: sqlite3.Connection) -> int:
            if update_id:
                goals.update_progress(s, self.pair(s), update_id, value=value, on=on, today=app.today, note=note,
                                      confidence=confidence, expected=expected)  # fmt: skip
            else:
                goals.record_progress(s, self.pair(s), goal_id, value, on=on, today=app.today, note=note,
                                      confidence=confidence)  # fmt: skip
            return goal_id

        return write


class MilestoneForm(FormMixin, ModalScreen[int | None]):
    """A new milestone of a goal, or (`milestone_id`) an edit of one's words and due date."""

    def __init__(self, goal_id: int, milestone_id: int | None = None) -> None:
        super().__init__()
        self.goal_id, self.milestone_id = goal_id, milestone_id

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog form"):
            yield Label("Edit milestone" if self.milestone_id else "New milestone", classes="dialog-question")
            yield from labelled("Milestone", Input(placeholder="Co-plan a unit with Maria"), "milestone")
            yield from labelled("Due", DateInput(today=self.mlapp.today, prefer="future", optional=True), "due")

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#milestone", Input).focus()
        self.filled()

    def _fill(self) -> None:
        if self.milestone_id:
            milestone = goals.get_milestone(self.mlapp.connection, self.pair(), self.milestone_id)
            self.opened_at = milestone.updated_at
            self.query_one("#milestone", Input).value = milestone.title
            self.query_one("#due", DateInput).query_one(Input).value = str(milestone.due_on or "")

    def take_theirs(self) -> None:
        self._fill()
        self.filled()

    def prepare(self) -> Callable[[sqlite3.Connection], int | None]:
        due = read_date(self.query_one("#due", DateInput), "due")
        title, goal_id, milestone_id = self.query_one("#milestone", Input).value, self.goal_id, self.milestone_id
        expected = self.opened_at

        def write(s: sqlite3.Connection) -> int | None:
            if milestone_id:
                return goals.update_milestone(s, self.pair(s), milestone_id, title=title, due_on=due,
                                              expected=expected).id  # fmt: skip
            return goals.add_milestone(s, self.pair(s), goal_id, title, due_on=due).id

        return write
