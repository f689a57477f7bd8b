"""Editing the pair: names, program, whose journal, cadence, start, and the agreement as a real document."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, Select, TextArea

from mentorlog.journal import pair_life
from mentorlog.tui.fields import FieldError, read_date
from mentorlog.tui.screens.form import FormMixin, labelled
from mentorlog.tui.screens.setup import PROGRAMS, ROLES
from mentorlog.tui.widgets.choices import choose
from mentorlog.tui.widgets.date_input import DateInput

if TYPE_CHECKING:
    from mentorlog.models import Pair


class PairForm(FormMixin, Screen[int | None]):
    """Saved as one edit of the pair: its earlier version (the agreement's too) is kept, and restorable."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(classes="form", id="pair-form"):
            yield Label("Edit the pair", classes="form-title")
            yield from labelled("Mentor's name", Input(), "mentor_name")
            yield from labelled("Mentee's name", Input(), "mentee_name")
            yield from labelled("Program", Select(PROGRAMS, allow_blank=False), "program")
            yield from labelled("Whose journal is this?", Select(ROLES, allow_blank=False), "role")
            yield from labelled("Days between sessions", Input(type="integer"), "cadence")
            yield from labelled("Started", DateInput(today=self.mlapp.today, happened=True), "started")
            yield from labelled(
                "Agreement: expectations, boundaries, how feedback is given", TextArea(classes="document"), "agreement"
            )
        yield Footer()

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#mentor_name", Input).focus()
        self.filled()

    def _fill(self) -> None:
        pair = self.pair()
        self.opened_at = pair.updated_at
        self.query_one("#mentor_name", Input).value = pair.mentor_name
        self.query_one("#mentee_name", Input).value = pair.mentee_name
        choose(self.query_one("#program", Select), PROGRAMS, pair.program)
        choose(self.query_one("#role", Select), ROLES, pair.owner_role)
        self.query_one("#cadence", Input).value = str(pair.cadence_days)
        self.query_one("#started", DateInput).query_one(Input).value = str(pair.started_on)
        self.query_one("#agreement", TextArea).load_text(pair.agreement)

    def take_theirs(self) -> None:
        self._fill()
        self.filled()

    def prepare(self) -> Callable[[sqlite3.Connection], Pair]:
        cadence = self.query_one("#cadence", Input).value.strip()
        if not cadence.isdigit() or not 1 <= int(cadence) <= 365:
            raise FieldError("cadence", "days between sessions is a whole number from 1 to 365")
        given = {
            "mentor": self.query_one("#mentor_name", Input).value,
            "mentee": self.query_one("#mentee_name", Input).value,
            "program": str(self.query_one("#program", Select).value),
            "role": str(self.query_one("#role", Select).value),
            "cadence_days": int(cadence),
            "started_on": read_date(self.query_one("#started", DateInput), "started"),
            "agreement": self.query_one("#agreement", TextArea).text,
        }
        expected = self.opened_at

        def write(s: sqlite3.Connection) -> Pair:
            return pair_life.edit_pair(s, self.pair(s), expected=expected, **given)  # type: ignore[arg-type]

        return write

    def saved(self, result: object) -> None:
        self.notify("The version before is kept: h on the Pair screen shows it", title="Pair saved")
        super().saved(getattr(result, "id", None))
