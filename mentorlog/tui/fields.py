"""What a form's fields report: a field that cannot be read, and a date read from a DateInput."""

from __future__ import annotations

import datetime as dt

from mentorlog.errors import DateError
from mentorlog.tui.widgets.date_input import DateInput


class FieldError(Exception):
    """A field's input is wrong: shown under that field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def read_date(widget: DateInput, field: str) -> dt.date | None:
    """The date typed into `widget` (None if left empty where it may be); FieldError on `field` if it is no date."""
    try:
        return widget.date
    except DateError as exc:
        raise FieldError(field, str(exc)) from None
