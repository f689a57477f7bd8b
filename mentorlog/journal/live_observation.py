"""A live observation: lines typed during a lesson, each stamped with the clock, some marked.

While the lesson runs, the capture is kept beside the journal in the state directory
(one per journal, rewritten whole and fsynced after every line and every mark), so
a closed terminal or a killed process loses nothing and the next start resumes it.
Ending it files one observation entry: the context, the timestamped script, the
glows, grows and questions as lists, and links to the goals it gave evidence for.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from mentorlog import paths, validate
from mentorlog.errors import Invalid
from mentorlog.journal import entries
from mentorlog.journal.pair_writes import pair_action
from mentorlog.kinds import EntryKind
from mentorlog.state_files import Sealing, read_entry, write_entry

if TYPE_CHECKING:
    from mentorlog.db import Journal
    from mentorlog.models import Entry, Pair

GLOW, GROW, QUESTION, EVIDENCE = "glow", "grow", "question", "evidence"
MARKS = (GLOW, GROW, QUESTION, EVIDENCE)
LINE_LIMIT = 2_000  # a line is a moment of the lesson, not an essay


@dataclass
class Line:
    at: str  # the clock time it was typed, HH:MM:SS
    text: str
    marks: list[str] = field(default_factory=list)  # in the order of MARKS; a line may carry several
    goal_ids: list[int] = field(default_factory=list)  # the goals it is evidence for (with the evidence mark)

    def label(self) -> str:
        """`glow, evidence #3`: the line's marks as the screen and `shown` write them."""
        return ", ".join(
            mark + "".join(f" #{goal}" for goal in self.goal_ids) if mark == EVIDENCE else mark for mark in self.marks
        )

    def shown(self) -> str:
        return f"{self.at}  {self.text}" + (f"  [{self.label()}]" if self.marks else "")


@dataclass
class Capture:
    journal: str  # the journal file it belongs to (resolved path)
    pair_id: int
    started_at: str  # local ISO date-time
    context: str = ""
    lines: list[Line] = field(default_factory=list)

    @property
    def started(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.started_at)

    @property
    def on(self) -> dt.date:
        return self.started.date()

    def add(self, text: str, at: dt.datetime) -> Line:
        """A typed line, stamped; blank lines are not kept."""
        clean = " ".join(validate.text(text, "a line", limit=LINE_LIMIT).split())
        if not clean:
            raise Invalid("an empty line is not kept")
        line = Line(f"{at:%H:%M:%S}", clean)
        self.lines.append(line)
        return line

    def mark(self, mark: str, goal_id: int | None = None, *, line: int | None = None) -> Line:
        """Mark a line (the last one unless `line` says which): the same mark again takes it off, and
        a line may carry several marks (evidence for several goals too)."""
        if mark not in MARKS:
            raise Invalid(f"a line is marked {', '.join(MARKS)} (not {mark!r})")
        if not self.lines:
            raise Invalid("type a line first: a mark goes on a line")
        if mark == EVIDENCE and goal_id is None:
            raise Invalid("evidence names the goal it is for")
        index = len(self.lines) - 1 if line is None else line
        if not 0 <= index < len(self.lines):
            raise Invalid(f"there is no line {index + 1} (the capture has {len(self.lines)})")
        target = self.lines[index]
        if mark == EVIDENCE:
            assert goal_id is not None
            target.goal_ids = sorted(set(target.goal_ids) ^ {goal_id})
            has = bool(target.goal_ids)
        else:
            has = mark not in target.marks
        target.marks = [m for m in MARKS if (m == mark and has) or (m != mark and m in target.marks)]
        return target

    def marked(self, mark: str) -> list[str]:
        return [line.text for line in self.lines if mark in line.marks]

    def counts(self) -> dict[str, int]:
        return {"lines": len(self.lines)} | {mark: sum(1 for x in self.lines if mark in x.marks) for mark in MARKS}

    def goal_ids(self) -> list[int]:
        return sorted({goal for line in self.lines if EVIDENCE in line.marks for goal in line.goal_ids})

    def script(self) -> str:
        """The body of the filed entry: the timestamped script, then the questions."""
        parts = ["\n".join(f"- {line.at} {line.text}" for line in self.lines)]
        if questions := self.marked(QUESTION):
            parts.append("**Questions**\n\n" + "\n".join(f"- {q}" for q in questions))
        return "\n\n".join(parts)


def start(journal: Journal, pair: Pair, *, now: dt.datetime, context: str = "") -> Capture:
    capture = Capture(
        str(journal.path.resolve()), int(pair.id or 0), now.isoformat(timespec="seconds"), context.strip()
    )
    save(capture, journal.sealing)
    return capture


def save(capture: Capture, sealing: Sealing | None) -> None:
    """Write the capture whole (0600, fsynced, renamed into place): a kill at any moment keeps the last line.
    An encrypted journal's is sealed with its key: no line of it is on disk in the clear."""
    write_entry(paths.observations_path(), capture.journal, asdict(capture), sealing)


def load(journal: Journal) -> Capture | None:
    """The capture in progress for this journal, or None."""
    raw = read_entry(paths.observations_path(), str(journal.path.resolve()), journal.sealing)
    if not isinstance(raw, dict):
        return None
    try:
        lines = [_line(line) for line in raw.get("lines", [])]
        return Capture(raw["journal"], int(raw["pair_id"]), raw["started_at"], raw.get("context", ""), lines)
    except (KeyError, TypeError, ValueError):
        return None  # not ours to read: left in the file, never half-resumed


def _line(raw: dict[str, object]) -> Line:
    """A saved line: as saved now, or as an earlier mentorlog saved it (one `mark`, one `goal_id`)."""
    if "mark" in raw or "goal_id" in raw:
        mark, goal = raw.get("mark"), raw.get("goal_id")
        marks = [str(mark)] if mark in MARKS else []
        goals = [int(goal)] if isinstance(goal, int) and mark == EVIDENCE else []
        return Line(str(raw["at"]), str(raw["text"]), marks, goals)
    line = Line(**raw)  # type: ignore[arg-type]
    if not all(m in MARKS for m in line.marks) or not all(isinstance(g, int) for g in line.goal_ids):
        raise ValueError("not a capture's line")
    return line


def discard(journal: Journal) -> None:
    write_entry(paths.observations_path(), str(journal.path.resolve()), None, None)


@pair_action
def file_entry(
    connection: sqlite3.Connection,
    pair: Pair,
    capture: Capture,
    *,
    context: str | None = None,
    next_step: str = "",
    title: str = "",
) -> Entry:
    """The observation entry the capture becomes (the caller discards the capture once this commits)."""
    if not capture.lines:
        raise Invalid("nothing was captured: type at least one line, or discard the observation")
    where = (context if context is not None else capture.context).strip()
    return entries.add_entry(
        connection,
        pair,
        kind=EntryKind.OBSERVATION,
        on=capture.on,
        title=title.strip() or f"Live observation{f': {where}' if where else ''}",
        body=capture.script(),
        author="mentor",
        goal_ids=capture.goal_ids(),
        context=where,
        strengths=capture.marked(GLOW),
        growth_areas=capture.marked(GROW),
        agreed_next_step=next_step.strip(),
    )
