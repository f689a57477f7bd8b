"""Session prep: what the next session should pick up, gathered from the journal.

The same Prep feeds the prep screen, `mentorlog prep` (plain text to print) and the
agenda a session started from it opens with.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import TYPE_CHECKING, NamedTuple

from mentorlog.db.tables import ENTRY
from mentorlog.db.transactions import reading
from mentorlog.journal import actions, assessments, goals
from mentorlog.journal.entries import last_session
from mentorlog.journal.goal_view import GoalView
from mentorlog.kinds import EntryKind, GoalStatus
from mentorlog.rules.cadence import next_session_date
from mentorlog.rules.calendar import shift
from mentorlog.rules.growth import CompetencyGrowth
from mentorlog.rules.progress import Pace

if TYPE_CHECKING:
    from mentorlog.models import ActionItem, Entry, Pair

GAPS = 3  # the biggest self/mentor gaps worth talking about
SINCE_LIMIT = 12  # reflections and observations since the last session, newest kept
CADENCES_AHEAD = 2  # goals due within this many cadences come up


class Prep(NamedTuple):
    pair: Pair
    today: dt.date
    next_session_on: dt.date
    last_session: Entry | None
    actions: list[ActionItem]  # open, overdue first
    goals: list[GoalView]  # behind pace, overdue, or due soon
    since: list[Entry]  # reflections and observations since the last session, oldest first
    gaps: list[CompetencyGrowth]  # largest self/mentor gap first

    @property
    def next_focus(self) -> str:
        return self.last_session.next_session_focus if self.last_session else ""

    def is_overdue(self, item: ActionItem) -> bool:
        return actions.is_overdue(item, self.today)


@reading
def prepare(connection: sqlite3.Connection, pair: Pair, *, today: dt.date) -> Prep:
    last = last_session(connection, pair)
    horizon = shift(today, CADENCES_AHEAD * pair.cadence_days)
    active = goals.list_goals(connection, pair, today=today, statuses={GoalStatus.ACTIVE})
    return Prep(
        pair=pair,
        today=today,
        next_session_on=next_session_date(
            last_session_on=last.on if last else None,
            last_next_session_on=last.next_session_on if last else None,
            cadence_days=pair.cadence_days,
            started_on=pair.started_on,
        ),
        last_session=last,
        actions=actions.list_actions(connection, pair, today=today, yours_first=False),
        goals=[v for v in active if v.pace in (Pace.BEHIND, Pace.OVERDUE) or _due_by(v, horizon)],
        since=_since(connection, pair, last),
        gaps=_gaps(assessments.pair_growth(connection, pair, ends=True)),
    )


def _due_by(view: GoalView, horizon: dt.date) -> bool:
    return view.goal.due_on is not None and view.goal.due_on <= horizon


def _since(connection: sqlite3.Connection, pair: Pair, last: Entry | None) -> list[Entry]:
    where = "pair_id = ? AND kind IN (?, ?)"
    params: list[object] = [pair.id, EntryKind.REFLECTION.value, EntryKind.OBSERVATION.value]
    if last is not None:
        where += ' AND "on" >= ? AND id != ?'
        params += [last.on.isoformat(), last.id]
    newest = ENTRY.select(connection, where, params, '"on" DESC, id DESC', limit=SINCE_LIMIT)
    return list(reversed(newest))


def _gaps(rows: list[CompetencyGrowth]) -> list[CompetencyGrowth]:
    differing = [row for row in rows if row.gap]
    return sorted(differing, key=lambda row: -abs(row.gap or 0))[:GAPS]


PRIVATE_MARK = " (private)"


def action_line(item: ActionItem, today: dt.date) -> str:
    due = ""
    if item.due_on:
        due = f", overdue since {item.due_on}" if actions.is_overdue(item, today) else f", due {item.due_on}"
    return f"{item.text} ({item.owner}{due}){PRIVATE_MARK if item.private else ''}"


def goal_line(view: GoalView) -> str:
    goal = view.goal
    progress = f"{view.percent:.0f}%" if view.percent is not None else "no progress yet"
    pace = f", {view.pace}" if view.pace else ""
    due = f", due {goal.due_on}" if goal.due_on else ""
    return f"#{goal.id} {goal.title}: {progress}{pace}{due}"


def entry_line(entry: Entry) -> str:
    said = entry.learned or entry.next_step or entry.agreed_next_step or entry.body
    gist = " ".join(said.split())
    gist = f": {gist[:80]}{'…' if len(gist) > 80 else ''}" if gist else ""
    return f"{entry.on} {entry.kind} #{entry.id} {entry.title}{PRIVATE_MARK if entry.private else ''}{gist}"


def gap_line(row: CompetencyGrowth) -> str:
    self_level, mentor_level = row.self_levels[-1][1], row.mentor_levels[-1][1]
    higher = "the mentee rates higher" if (row.gap or 0) > 0 else "the mentor rates higher"
    return f"{row.competency}: self {self_level}, mentor {mentor_level} ({higher})"


def sections(prep: Prep, *, shared: bool = False) -> list[tuple[str, list[str]]]:
    """The prep as titled lists of lines, in the order a session would take them; private things are
    marked, or (`shared`) left out."""
    items = [item for item in prep.actions if not (shared and item.private)]
    since = [entry for entry in prep.since if not (shared and entry.private)]
    last_private = prep.last_session is not None and prep.last_session.private
    focus = [prep.next_focus + (PRIVATE_MARK if last_private else "")] if prep.next_focus.strip() else []
    return [
        ("Action items to follow up", [action_line(item, prep.today) for item in items]),
        ("Goals behind pace or due soon", [goal_line(view) for view in prep.goals]),
        ("Last session's next focus", [] if shared and last_private else focus),
        ("Reflections and observations since the last session", [entry_line(e) for e in since]),
        ("Biggest self/mentor gaps", [gap_line(row) for row in prep.gaps]),
    ]


def agenda(prep: Prep) -> str:
    """The agenda a session started from prep opens with: each non-empty section as a Markdown list.

    A new session is written to be shared: nothing of a private entry is copied into it
    (the prep screen and `mentorlog prep` show those, marked).
    """
    parts = []
    for title, lines in sections(prep, shared=True):
        if lines:
            parts.append(f"{title}:\n" + "\n".join(f"- {line}" for line in lines))
    return "\n\n".join(parts)


def as_text(prep: Prep) -> str:
    """The prep to print: every section, saying so when one is empty."""
    pair = prep.pair
    head = f"Session prep: {pair.mentor_name} & {pair.mentee_name}, next session {prep.next_session_on}"
    last = f"last session {prep.last_session.on}" if prep.last_session else "no session yet"
    out = [head, f"({last}; prepared {prep.today})", ""]
    for title, lines in sections(prep):
        out.append(title)
        out += [f"  [ ] {line}" if title.startswith("Action") else f"  - {line}" for line in lines] or ["  (none)"]
        out.append("")
    return "\n".join(out).rstrip() + "\n"
