"""What a main screen shares about the record that has focus: `h` shows its versions, ctrl+z undoes its last edit.

One way for every kind of record (journal.history): the screen says which record its focus
is on (`focused_record`), and the keys do the rest.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from textual.binding import Binding, BindingType

from mentorlog.journal import history
from mentorlog.tui.screens.base import PairScreen


class Focused(NamedTuple):
    kind: str  # a kind history keeps: entry, goal, milestone, progress_update, action_item
    id: int
    what: str  # as the history's title names it: "the milestone “Chart”"


def summary(version: history.Version) -> str:
    """Any record's version in a line: its title or text, and how its notes began."""
    fields = version.fields
    head = str(fields.get("title") or fields.get("text") or fields.get("name") or "")
    if "value" in fields:
        head = f"{fields.get('on', '')}: {fields['value']}" + (f" · {fields['note']}" if fields.get("note") else "")
    body = str(fields.get("body", "")).strip().splitlines()
    done = f" · done {fields['done_on']}" if fields.get("done_on") else ""
    return (f"{head} · {body[0][:40]}" if body else head) + done


class RecordScreen(PairScreen):
    """A main screen listing records: history and undo of the one that has focus."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("h", "history", "History", show=False, id="record.history",
                tooltip="The earlier versions of what has the focus (an entry, goal, milestone, progress, item)"),
        Binding("ctrl+z", "undo", "Undo last edit", show=False, id="record.undo",
                tooltip="Undo the last edit of what has the focus, and say what it undid"),
    ]  # fmt: skip

    def focused_record(self) -> Focused | None:
        """The record the focus is on, if any."""
        return None

    def action_history(self) -> None:
        from mentorlog.tui.screens.history import HistoryScreen

        record = self.focused_record()
        if record is None:
            self.notify("Move to an entry, goal, milestone, progress update or action item first")
            return
        found = history.record_versions(self.mlapp.connection, self.pair(), record.kind, record.id)
        self.app.push_screen(HistoryScreen(record.what, found, summary=summary))

    def action_undo(self) -> None:
        record = self.focused_record()
        if record is None:
            self.notify("Move to what you want to undo first")
            return

        def undone(result: history.Undone) -> None:
            self.notify(str(result))
            self.reload()

        self.mlapp.writes.run(lambda s: history.undo_edit(s, self.pair(s), record.kind, record.id), done=undone)
