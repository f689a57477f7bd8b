"""What a template's placeholders stand for in a pair's journal on a day (templates.py lists them).

A template's text becomes part of a new entry, which may leave the file one day: unless the
entry is private itself, nothing of a private record goes into it (journal.sharing's rule:
a private action item, a private session's planned focus and next date stay out).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import TYPE_CHECKING

from mentorlog.db.transactions import reading
from mentorlog.journal import prep
from mentorlog.words import plural

if TYPE_CHECKING:
    from mentorlog.models import Pair


@reading
def template_values(
    connection: sqlite3.Connection, pair: Pair, *, on: dt.date, today: dt.date, private: bool = False
) -> dict[str, str]:
    found = prep.prepare(connection, pair, today=today)
    shown = [item for item in found.actions if private or not item.private]
    items = "\n".join(f"- {prep.action_line(item, today)}" for item in shown) or "- (none open)"
    if hidden := len(found.actions) - len(shown):
        items += f"\n- ({plural(hidden, 'private item')} not listed)"
    last = found.last_session
    from_private = last is not None and last.private and not private
    return {
        "date": on.isoformat(), "pair": pair.label, "mentor": pair.mentor_name, "mentee": pair.mentee_name,
        "last_focus": "(the last session is private)" if from_private else (found.next_focus or "(not set)"),
        "open_items": items,
        "next_session": "(planned in a private session)" if from_private else found.next_session_on.isoformat(),
    }  # fmt: skip
