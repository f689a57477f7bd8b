"""Choosing which pair the window is about, when the journal holds several and none is chosen yet."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from mentorlog.tui.widgets.tables import LIST_KEYS, list_move

if TYPE_CHECKING:
    from mentorlog.models import Pair


class PairPicker(ModalScreen[int | None]):
    """The pairs to choose from; the answer is a pair's number (None: the user left without choosing)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="pair-picker.cancel"),
        *LIST_KEYS,
    ]

    def __init__(self, candidates: list[Pair], question: str) -> None:
        super().__init__()
        self.candidates, self.question = candidates, question

    def action_list_move(self, step: int) -> None:
        list_move(self.focused, step)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-question")
            yield OptionList(
                *(Option(f"#{pair.id}  {pair.label} · {pair.program}", id=str(pair.id)) for pair in self.candidates),
                id="pairs",
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0) or None)
