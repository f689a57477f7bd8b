"""Choosing which kind of entry to write."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from mentorlog.entry_kinds import SPECS
from mentorlog.tui.widgets.tables import LIST_KEYS, list_move

ENTRY_CHOICES = tuple((spec.key, kind, f"{kind.capitalize()}: {spec.summary}") for kind, spec in SPECS.items())


class KindPicker(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(key, f"pick('{kind}')", kind.capitalize(), show=False, id=f"new-entry.{kind}")
            for key, kind, _ in ENTRY_CHOICES
        ),
        Binding("escape", "pick('')", "Cancel", id="new-entry.cancel"),
        *LIST_KEYS,
    ]

    def action_list_move(self, step: int) -> None:
        list_move(self.focused, step)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("New entry", classes="dialog-question")
            yield OptionList(
                *(Option(f"[b]{key}[/]  {text}", id=kind) for key, kind, text in ENTRY_CHOICES), id="kinds"
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_pick(self, kind: str) -> None:
        self.dismiss(kind or None)


class StatusPicker(ModalScreen[str | None]):
    """The statuses a goal may move to from where it is."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="status-picker.cancel"),
        *LIST_KEYS,
    ]

    def action_list_move(self, step: int) -> None:
        list_move(self.focused, step)

    def __init__(self, current: str, allowed: list[str]) -> None:
        super().__init__()
        self.current, self.allowed = current, allowed

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"The goal is {self.current}. Make it:", classes="dialog-question")
            yield OptionList(*(Option(status, id=status) for status in self.allowed), id="statuses")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
