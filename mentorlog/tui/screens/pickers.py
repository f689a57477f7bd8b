"""Choosing which kind of entry to write."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, SelectionList
from textual.widgets.option_list import Option

from mentorlog import templates
from mentorlog.entry_kinds import SPECS
from mentorlog.templates import Template
from mentorlog.tui.widgets.tables import LIST_KEYS, list_move


def entry_choices() -> list[tuple[str, str, str]]:
    """(key, kind, what it holds) for each kind of entry, as SPECS holds them now."""
    return [(spec.key, kind, f"{kind.capitalize()}: {spec.summary}") for kind, spec in SPECS.items()]


GROUP = "group"  # a session held with several pairs (journal.group_sessions)
TEMPLATE_MARK = ":"  # "session:debrief": a session from the template session-debrief.md


def _templates() -> list[Template]:
    """Every kind's templates in the config folder (none if it cannot be read: the kinds are offered still)."""
    try:
        return [t for kind in SPECS for t in templates.templates(kind)]
    except OSError:
        return []


class KindPicker(ModalScreen[str | None]):
    """The kind of entry to write; with `group`, a session held with several pairs is offered too."""

    def __init__(self, *, group: bool = False) -> None:
        super().__init__()
        self.group = group

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("g", f"pick('{GROUP}')", "Group session", show=False, id="new-entry.group"),
        *(
            Binding(key, f"pick('{kind}')", kind.capitalize(), show=False, id=f"new-entry.{kind}")
            for key, kind, _ in entry_choices()
        ),
        Binding("escape", "pick('')", "Cancel", id="new-entry.cancel"),
        *LIST_KEYS,
    ]

    def action_list_move(self, step: int) -> None:
        list_move(self.focused, step)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("New entry", classes="dialog-question")
            group = [("g", GROUP, "Group session: one session held with several of your mentees")] if self.group else []
            yield OptionList(
                *(Option(f"[b]{key}[/]  {text}", id=kind) for key, kind, text in [*entry_choices(), *group]),
                *(Option(f"   {t.label}", id=f"{t.kind}{TEMPLATE_MARK}{t.name}") for t in _templates()),
                id="kinds",
            )  # fmt: skip

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def on_key(self, event: events.Key) -> None:
        """A kind declared after this screen's bindings were (a program's own) is picked by its key too."""
        bound = {binding.key for binding in self.BINDINGS if isinstance(binding, Binding)}
        for key, kind, _ in entry_choices():
            if event.key == key and key not in bound:
                event.stop()
                self.action_pick(kind)

    def action_pick(self, kind: str) -> None:
        if kind == GROUP and not self.group:
            return
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


class GroupPicker(ModalScreen[list[int] | None]):
    """The other pairs a group session was held with (at least one), space to tick, Enter to go on."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="group-picker.cancel"),
        Binding("enter", "done", "Go on", id="group-picker.done", priority=True),
        *LIST_KEYS,
    ]

    def __init__(self, others: list[tuple[int, str]]) -> None:
        super().__init__()
        self.others = others

    def action_list_move(self, step: int) -> None:
        list_move(self.focused, step)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("A group session: who else was there? (space ticks, Enter goes on)", classes="dialog-question")
            yield SelectionList[int](*((name, pair_id) for pair_id, name in self.others), id="group-pairs")

    def on_mount(self) -> None:
        self.query_one("#group-pairs", SelectionList).focus()

    def action_done(self) -> None:
        chosen = list(self.query_one("#group-pairs", SelectionList).selected)
        if not chosen:
            self.notify("Tick at least one other pair (space), or Escape", severity="warning")
            return
        self.dismiss(chosen)
