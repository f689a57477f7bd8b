"""Lists that don't surprise: a table filled again keeps its cursor where the user left it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from textual.binding import Binding, BindingType
from textual.widgets import DataTable, OptionList


@contextlib.contextmanager
def keeping_cursor(table: DataTable[Any], *, keep: bool = True) -> Iterator[None]:
    """Refill `table` inside the block; the cursor stays on the same row if it is still there, else at
    the same place (the row after one just deleted), never back at the top (unless not `keep`)."""
    if not keep:
        yield
        return
    row = table.cursor_row
    key = None
    if table.row_count and 0 <= row < table.row_count:
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    yield
    if not table.row_count:
        return
    if key is not None and key in {k.value for k in table.rows}:
        table.move_cursor(row=table.get_row_index(key))
    else:
        table.move_cursor(row=min(max(row, 0), table.row_count - 1))


# j and k move in a dialog's list, as they do in every screen's (PairScreen.action_move).
LIST_KEYS: list[BindingType] = [
    Binding("j", "list_move(1)", "Down", show=False, id="list.down"),
    Binding("k", "list_move(-1)", "Up", show=False, id="list.up"),
]


def list_move(widget: object, step: int) -> None:
    """Move the cursor of the focused list, a DataTable or an OptionList."""
    if isinstance(widget, DataTable | OptionList):
        (widget.action_cursor_down if step > 0 else widget.action_cursor_up)()
