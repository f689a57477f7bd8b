"""Asking before anything is thrown away."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label


class Confirm(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            with VerticalScroll(classes="dialog-body"):  # a long question scrolls; the answers stay in sight
                yield Label(self.question, classes="dialog-question")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self.yes} (y)", variant="error", id="yes")
                yield Button(f"{self.no} (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class Choose(ModalScreen[str | None]):
    """A question with more than two answers, each a button and a key; Escape answers None."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "answer('')", "Cancel", id="choose.cancel")]

    def __init__(
        self, question: str, choices: list[tuple[str, str, str]], *, danger: frozenset[str] | None = None
    ) -> None:
        """`choices`: (key, label, answer) in the order shown; the last one has the focus. `danger`: the
        answers that throw something away (shown in red); by default every answer but cancelling."""
        super().__init__()
        self.question, self.choices, self.danger = question, choices, danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            with VerticalScroll(classes="dialog-body"):
                yield Label(self.question, classes="dialog-question")
            with Vertical(classes="dialog-choices"):
                for key, label, answer in self.choices:
                    risky = answer in self.danger if self.danger is not None else bool(answer)
                    yield Button(f"{label} ({key})", id=f"choice-{answer or 'cancel'}", compact=True,
                                 variant="error" if risky else "default")  # fmt: skip

    def on_mount(self) -> None:
        self.query(Button).last().focus()

    def on_key(self, event: events.Key) -> None:
        for key, _, answer in self.choices:
            if event.key == key:
                event.stop()
                self.dismiss(answer or None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        answer = (event.button.id or "").removeprefix("choice-")
        self.dismiss(None if answer == "cancel" else answer)

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer or None)
