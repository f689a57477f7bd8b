"""The form widget for each field type's widget name (field_types): how it is made, filled and read.

A form asks for a kind's fields by walking its spec and taking each field's widget from
WIDGETS by the name its type gives; nothing here knows a kind or a column.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from textual.widget import Widget
from textual.widgets import Input, Select, SelectionList, TextArea

from mentorlog import field_types as ft
from mentorlog.dates import Prefer
from mentorlog.entry_kinds import Field
from mentorlog.tui.fields import FieldError, read_date
from mentorlog.tui.widgets.choices import STORED, choose
from mentorlog.tui.widgets.date_input import DateInput
from mentorlog.words import plural


class Asking(NamedTuple):
    """What a form knows that a field's widget may need."""

    today: dt.date
    cadence_days: int


def lines(text: str) -> list[str]:
    """A text area's lines as list items: blank lines and bullet marks dropped."""
    return [line.strip().lstrip("-•* ").strip() for line in text.splitlines() if line.strip()]


class FieldWidget:
    """Free text in a text area."""

    def make(self, field: Field, asking: Asking, value: Any) -> Widget:
        return TextArea(str(value or ""), classes="tall" if field.tall else "")

    def fill(self, widget: Any, field: Field, value: Any) -> None:
        widget.text = str(value or "")

    def read(self, widget: Any, field: Field) -> Any:
        return widget.text


class Lines(FieldWidget):
    """A list, one item a line."""

    def make(self, field: Field, asking: Asking, value: Any) -> Widget:
        return TextArea("\n".join(value or []))

    def fill(self, widget: Any, field: Field, value: Any) -> None:
        widget.text = "\n".join(value or [])

    def read(self, widget: Any, field: Field) -> Any:
        return lines(widget.text)


class OneLine(FieldWidget):
    def make(self, field: Field, asking: Asking, value: Any) -> Widget:
        return Input(str(value or ""), placeholder=field.hint)

    def fill(self, widget: Any, field: Field, value: Any) -> None:
        widget.value = str(value or "")

    def read(self, widget: Any, field: Field) -> Any:
        return widget.value


class Number(OneLine):
    """A whole number, typed."""

    def make(self, field: Field, asking: Asking, value: Any) -> Widget:
        return Input("" if value is None else str(value), type="integer")

    def fill(self, widget: Any, field: Field, value: Any) -> None:
        widget.value = "" if value is None else str(value)

    def read(self, widget: Any, field: Field) -> Any:
        typed = widget.value.strip()
        if typed and not typed.lstrip("-").isdigit():
            raise FieldError(field.name, f"{field.what} is a whole number")
        return int(typed) if typed else None


class Choosing(FieldWidget):
    """One of the type's choices; blank ("not rated") unless the field starts on one."""

    def make(self, field: Field, asking: Asking, value: Any) -> Widget:
        choices = field.type.choices()
        if value is None:
            return Select(choices, prompt=field.type.blank)
        if not any(offered == value for _, offered in choices):
            choices = [*choices, (STORED.format(value=value), value)]
        return Select(choices, allow_blank=False, value=value)

    def fill(self, widget: Any, field: Field, value: Any) -> None:
        if value is None and not getattr(widget, "_allow_blank", True):
            return  # nothing said (a session logged without a mode): the form's own choice stays
        choose(widget, field.type.choices(), value)

    def read(self, widget: Any, field: Field) -> Any:
        return None if widget.value is Select.NULL else widget.value


class Day(FieldWidget):
    """A day in words (`next fri`), or empty."""

    def make(self, field: Field, asking: Asking, value: Any) -> Widget:
        hint = field.hint.format(cadence=plural(asking.cadence_days, "day"))
        prefer: Prefer = "past" if getattr(field.type, "prefer", "") == "past" else "future"
        return DateInput(str(value or ""), today=asking.today, prefer=prefer, optional=True, placeholder=hint)

    def fill(self, widget: Any, field: Field, value: Any) -> None:
        widget.query_one(Input).value = "" if value is None else str(value)

    def read(self, widget: Any, field: Field) -> Any:
        return read_date(widget, field.name)


class Ticks(FieldWidget):
    """Options ticked from a list; one stored that the list no longer offers (a program changed it) stays."""

    def make(self, field: Field, asking: Asking, value: Any) -> Widget:
        ticked = list(value or [])
        choices = field.type.choices()
        offered = {option for _, option in choices}
        choices += [(STORED.format(value=option), option) for option in ticked if option not in offered]
        return SelectionList[str](*((label, option, option in ticked) for label, option in choices))

    def fill(self, widget: Any, field: Field, value: Any) -> None:
        widget.deselect_all()
        for option in value or []:
            widget.select(option)

    def read(self, widget: Any, field: Field) -> Any:
        return list(widget.selected)


WIDGETS: dict[str, FieldWidget] = {
    ft.AREA: FieldWidget(), ft.LINES: Lines(), ft.LINE_WIDGET: OneLine(), ft.WHOLE: Number(),
    ft.SELECT: Choosing(), ft.DATE_WIDGET: Day(), ft.CHECKS: Ticks(),
}  # fmt: skip


def widget_for(field: Field) -> FieldWidget:
    return WIDGETS[field.type.widget]
