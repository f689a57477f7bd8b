"""Showing a stored value in a Select, whatever it is.

A journal can hold a value no form offers: a competency typed before it had to match the
rubric, a mode or author written by another program, a level out of range. A form must
open on it, not crash: the value is added to the choices, marked, and stays chosen until
the user picks another (saving it as it is gets the journal's own refusal, on the field).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.widgets import Select

STORED = "{value} (as stored: not one of the choices)"


def choose(select: Select[Any], options: Sequence[tuple[str, Any]], value: Any) -> None:
    """Make `value` the choice of `select` (whose choices are `options`), offering it if it is not one."""
    if value is None:
        select.clear()
        return
    if not any(offered == value for _, offered in options):
        select.set_options([*options, (STORED.format(value=value), value)])
    select.value = value
