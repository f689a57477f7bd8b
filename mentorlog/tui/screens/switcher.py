"""Switch pair: one key away on every screen (and "Switch pair…" in the palette), fuzzy by name."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, OptionList
from textual.widgets.option_list import Option

from mentorlog.journal import pairs

if TYPE_CHECKING:
    from mentorlog.models import Pair
    from mentorlog.tui.app import MentorlogApp


class Switcher(ModalScreen[int | None]):
    """The answer is the pair to open (None: stay where you are)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="switcher.cancel"),
        Binding("down", "move(1)", "Down", show=False, id="switcher.down"),
        Binding("up", "move(-1)", "Up", show=False, id="switcher.up"),
    ]

    def __init__(self, question: str = "Switch to which pair?") -> None:
        super().__init__()
        self.question = question

    @property
    def mlapp(self) -> MentorlogApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="switcher"):
            yield Label(self.question, classes="dialog-question")
            yield Input(placeholder="type part of a name", id="switch-name")
            yield OptionList(id="switch-pairs")
            yield Checkbox("Show archived pairs too", id="switch-archived")

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#switch-name", Input).focus()

    @on(Input.Changed, "#switch-name")
    @on(Checkbox.Changed, "#switch-archived")
    def _refilter(self) -> None:
        self._fill()

    def _fill(self) -> None:
        archived = self.query_one("#switch-archived", Checkbox).value
        found = pairs.live_pairs(self.mlapp.connection, archived=archived)
        typed = self.query_one("#switch-name", Input).value.strip()
        if typed:
            matcher = Matcher(typed)
            scored = [(matcher.match(pair.label), pair) for pair in found]
            found = [pair for score, pair in sorted(scored, key=lambda s: -s[0]) if score > 0]
        options = self.query_one("#switch-pairs", OptionList)
        options.clear_options()
        options.add_options([Option(_shown(pair, self.mlapp.pair_id), id=str(pair.id)) for pair in found])
        if found:
            options.highlighted = 0

    def action_move(self, step: int) -> None:
        options = self.query_one("#switch-pairs", OptionList)
        (options.action_cursor_down if step > 0 else options.action_cursor_up)()

    @on(Input.Submitted, "#switch-name")
    def _take_highlighted(self) -> None:
        options = self.query_one("#switch-pairs", OptionList)
        if options.highlighted is not None and options.option_count:
            self.dismiss(int(options.get_option_at_index(options.highlighted).id or 0))

    @on(OptionList.OptionSelected, "#switch-pairs")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))


def _shown(pair: Pair, current: int | None) -> str:
    state = ""
    if pair.ended_on is not None:
        state = f" · closed {pair.ended_on}" + (" · archived" if pair.archived_on else "")
    here = "  (open now)" if pair.id == current else ""
    return f"#{pair.id}  {pair.label} · {pair.program}{state}{here}"
