"""A date field that shows, as you type, the date it understood (or why it cannot)."""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label

from mentorlog import dates
from mentorlog.errors import DateError


class DateInput(Vertical):
    DEFAULT_CSS = """
    DateInput { height: auto; }
    DateInput > Label.understood { width: 100%; color: $text-muted; padding: 0 1; }
    DateInput > Label.understood.-invalid { color: $error; }
    """

    def __init__(
        self, value: str = "", *, today: dt.date, prefer: dates.Prefer = "past", optional: bool = False,
        happened: bool = False, placeholder: str = "today, Dec 3, next fri, in 2 weeks…", id: str | None = None,
    ) -> None:  # fmt: skip
        """`happened`: the day something took place, so not after today (an entry's date)."""
        super().__init__(id=id)
        self.today = today
        self.prefer: dates.Prefer = prefer
        self.optional = optional
        self.happened = happened
        self._initial = value
        self._placeholder = placeholder

    def compose(self) -> ComposeResult:
        yield Input(self._initial, placeholder=self._placeholder)
        yield Label("", classes="understood")

    def on_mount(self) -> None:
        self._show()

    @on(Input.Changed)
    def _changed(self) -> None:
        # Shown as typed; the event goes on, so the form hears it too (the live SMART check, its draft).
        self._show()

    @property
    def text(self) -> str:
        return self.query_one(Input).value

    @property
    def date(self) -> dt.date | None:
        """The date typed, None if left empty (and optional); raises DateError otherwise."""
        if not self.text.strip():
            if self.optional:
                return None
            raise DateError("a date is needed here")
        dayfirst = getattr(getattr(self.app, "settings", None), "date_order", "mdy") == "dmy"
        day = dates.parse_date(self.text, today=self.today, prefer=self.prefer, order="dmy" if dayfirst else "mdy")
        if self.happened and day > self.today:
            raise DateError(f"{day} is in the future: give the day it happened")
        return day

    def _show(self) -> None:
        label = self.query_one(".understood", Label)
        try:
            day = self.date
        except DateError as exc:
            label.update(str(exc))
            label.add_class("-invalid")
            return
        label.remove_class("-invalid")
        label.update("no date" if day is None else f"→ {dates.describe(day, today=self.today)}")
