"""First run: set up the pair, or open the demo."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Select, TextArea

from mentorlog.journal import pairs
from mentorlog.kinds import Program, Role
from mentorlog.tui.fields import FieldError, read_date
from mentorlog.tui.screens.form import FormMixin, labelled
from mentorlog.tui.widgets.date_input import DateInput

PROGRAMS = [
    ("Induction: a novice with an experienced teacher", Program.INDUCTION.value),
    ("Peer mentoring", Program.PEER.value),
    ("Peer group", Program.PEER_GROUP.value),
    ("Administrative", Program.ADMINISTRATIVE.value),
    ("Teacher and student teacher", Program.TEACHER_STUDENT.value),
    ("Other", Program.OTHER.value),
]
ROLES = [("I am the mentor", Role.MENTOR.value), ("I am the mentee", Role.MENTEE.value)]


class SetupScreen(FormMixin, Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Create journal", priority=True, id="setup.create"),
        Binding(
            "ctrl+d",
            "demo",
            "Open the demo",
            priority=True,
            id="setup.demo",
            tooltip="Open the demo: a sample pair with three months of history",
        ),
        Binding("escape", "cancel", "Quit", show=False, id="setup.quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="setup", classes="form"):
            yield Label("Welcome to mentorlog", classes="form-title")
            yield Label(
                "A journal for one mentor and one mentee, in one file you own. Tell it who you are, "
                "or look around the demo first.",
                classes="form-help",
            )
            yield from labelled("Mentor's name", Input(placeholder="type the mentor's full name"), "mentor_name")
            yield from labelled("Mentee's name", Input(placeholder="type the mentee's full name"), "mentee_name")
            yield from labelled("Program", Select(PROGRAMS, allow_blank=False), "program")
            yield from labelled("Whose journal is this?", Select(ROLES, allow_blank=False), "role")
            yield from labelled("Days between sessions", Input("14", type="integer"), "cadence")
            yield from labelled("Started", DateInput("today", today=self.mlapp.today), "started")
            yield from labelled(
                "Agreement: expectations, boundaries, how feedback is given",
                TextArea(classes="tall"),
                "agreement",
            )
            with Horizontal(classes="form-buttons"):
                yield Button("Create journal (ctrl+s)", variant="primary", id="create")
                yield Button("Open the demo (ctrl+d)", id="demo")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#mentor_name", Input).focus()
        self.filled()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "create":
            self.action_save()
        else:
            self.action_demo()

    def action_demo(self) -> None:
        self.mlapp.open_demo()

    def action_cancel(self) -> None:
        self.app.exit()

    def prepare(self) -> Callable[[sqlite3.Connection], int | None]:
        app = self.mlapp
        cadence = self.query_one("#cadence", Input).value.strip()
        if not cadence.isdigit() or not 1 <= int(cadence) <= 365:
            raise FieldError("cadence", "days between sessions is a whole number from 1 to 365")
        started = read_date(self.query_one("#started", DateInput), "started")
        given = {
            "mentor": self.query_one("#mentor_name", Input).value,
            "mentee": self.query_one("#mentee_name", Input).value,
            "program": str(self.query_one("#program", Select).value),
            "role": str(self.query_one("#role", Select).value),
            "agreement": self.query_one("#agreement", TextArea).text,
        }

        def write(s: sqlite3.Connection) -> int | None:
            pair = pairs.create_pair(s, **given, cadence_days=int(cadence), started_on=started, today=app.today)  # type: ignore[arg-type]
            return pair.id

        return write

    def saved(self, result: object) -> None:
        self.app.pop_screen()
        self.mlapp.open_pair(int(result))  # type: ignore[call-overload]
