"""What takes longer than a keystroke (an export, a backup): a worker does it while this shows how far it is.

The work runs in a thread on a connection of its own (Journal.own_connection), so the app
stays responsive; Escape hides this and the work goes on. Either way, a message says how
it ended. The worker belongs to the app, not to this screen: hiding it cancels nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, ProgressBar

from mentorlog.crashlog import log_exception
from mentorlog.errors import MentorlogError
from mentorlog.files import WriteFailed

# The work: given how to say how far it is (0 to 1), it returns what to tell the user when done.
Job = Callable[[Callable[[float], None]], str]


class Working(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "hide", "Carry on working", id="working.hide")]

    def __init__(self, doing: str, job: Job, *, done_title: str, failed_title: str) -> None:
        super().__init__()
        self.doing, self.job = doing, job
        self.done_title, self.failed_title = done_title, failed_title
        self.finished = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="working"):
            yield Label(self.doing, classes="dialog-question")
            yield ProgressBar(total=100, show_eta=False, id="progress")
            yield Label("Esc: carry on working; this finishes in the background", classes="hint")

    def on_mount(self) -> None:
        # Kept: once hidden, this screen is detached, and a detached widget has no `app` to reach.
        self.owner = self.app
        self.owner.run_worker(self._run, thread=True, group="background", description=self.doing, exit_on_error=False)

    def _run(self) -> None:
        try:
            message = self.job(self._told)
        except (MentorlogError, WriteFailed) as exc:
            self.owner.call_from_thread(self._ended, str(exc), failed=True)
        except Exception as exc:
            where = log_exception(exc, f"the terminal UI, {self.doing.lower()}")
            self.owner.call_from_thread(self._ended, f"unexpected error; the details are in {where}", failed=True)
        else:
            self.owner.call_from_thread(self._ended, message, failed=False)

    def _told(self, fraction: float) -> None:
        self.owner.call_from_thread(self._advance, fraction)

    def _advance(self, fraction: float) -> None:
        if self.is_attached:
            self.query_one("#progress", ProgressBar).update(progress=round(fraction * 100))

    def _ended(self, message: str, *, failed: bool) -> None:
        self.finished = True
        if failed:
            self.owner.notify(message, title=self.failed_title, severity="error")
        else:
            self.owner.notify(message, title=self.done_title)
        if self.is_attached and self in self.owner.screen_stack:
            self.dismiss()

    def action_hide(self) -> None:
        self.dismiss()
