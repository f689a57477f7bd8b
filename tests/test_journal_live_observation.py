"""A live observation's capture: stamped lines, marks, kept on disk after every change, filed as one entry."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from mentorlog import paths
from mentorlog.db import Journal
from mentorlog.errors import Invalid
from mentorlog.journal import entries, goals, live_observation
from mentorlog.journal.live_observation import EVIDENCE, GLOW, GROW, QUESTION
from mentorlog.models import Pair
from tests.conftest import TODAY, Run

NINE = dt.datetime(2026, 11, 22, 9, 0, 0)  # noqa: DTZ001 - a lesson's clock is the wall clock, local time


def test_lines_are_stamped_and_any_line_carries_marks(journal: Journal, pair: Pair) -> None:
    capture = live_observation.start(journal, pair, now=NINE, context="Year 8 science, P2")
    with pytest.raises(Invalid, match="type a line first"):
        capture.mark(GLOW)
    capture.add("  Students   enter, timer on the board ", NINE + dt.timedelta(seconds=75))
    capture.mark(GLOW)
    capture.add("Noise rises in group work", NINE + dt.timedelta(minutes=12))
    capture.mark(GROW)
    capture.mark(GROW)  # the same mark again takes it off
    capture.mark(QUESTION)
    with pytest.raises(Invalid, match="names the goal"):
        capture.mark(EVIDENCE)
    with pytest.raises(Invalid, match="empty line"):
        capture.add("   ", NINE)
    capture.add("Signal works first time", NINE + dt.timedelta(minutes=20))
    capture.mark(EVIDENCE, goal_id=3)
    capture.mark(QUESTION, line=0)  # an earlier line, a second mark
    capture.mark(EVIDENCE, goal_id=5, line=2)  # evidence for a second goal
    with pytest.raises(Invalid, match="no line 9"):
        capture.mark(GLOW, line=8)
    assert [line.shown() for line in capture.lines] == [
        "09:01:15  Students enter, timer on the board  [glow, question]",
        "09:12:00  Noise rises in group work  [question]",
        "09:20:00  Signal works first time  [evidence #3 #5]",
    ]
    assert capture.counts() == {"lines": 3, GLOW: 1, GROW: 0, QUESTION: 2, EVIDENCE: 1}
    assert capture.goal_ids() == [3, 5]
    assert capture.script() == (
        "- 09:01:15 Students enter, timer on the board\n- 09:12:00 Noise rises in group work\n"
        "- 09:20:00 Signal works first time\n\n**Questions**\n\n- Students enter, timer on the board\n"
        "- Noise rises in group work"
    )


def test_a_capture_saved_by_an_earlier_mentorlog_resumes(journal: Journal, pair: Pair) -> None:
    target = paths.observations_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    old = {"journal": str(journal.path.resolve()), "pair_id": pair.id, "started_at": "2026-11-22T09:00:00",
           "context": "", "lines": [{"at": "09:00:00", "text": "Timer", "mark": "evidence", "goal_id": 2},
                                    {"at": "09:01:00", "text": "Calm", "mark": None, "goal_id": None}]}  # fmt: skip
    target.write_text(json.dumps({str(journal.path.resolve()): old}))
    resumed = live_observation.load(journal)
    assert resumed is not None and [(x.marks, x.goal_ids) for x in resumed.lines] == [(["evidence"], [2]), ([], [])]


def test_every_change_is_on_disk_and_a_new_process_resumes_it(journal: Journal, pair: Pair) -> None:
    capture = live_observation.start(journal, pair, now=NINE)
    capture.add("First line", NINE)
    live_observation.save(capture, None)
    capture.mark(GLOW)
    live_observation.save(capture, None)
    assert paths.observations_path().stat().st_mode & 0o777 == 0o600, "private text"
    resumed = live_observation.load(journal)
    assert resumed == capture and resumed is not capture
    other = SimpleNamespace(path=journal.path.with_name("other.db"), sealing=None)
    assert live_observation.load(other) is None, "one capture per journal"  # type: ignore[arg-type]
    live_observation.discard(journal)
    assert live_observation.load(journal) is None


def test_a_damaged_capture_file_is_not_resumed(journal: Journal, pair: Pair) -> None:
    target = paths.observations_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("{not json")
    assert live_observation.load(journal) is None
    target.write_text(json.dumps({str(journal.path.resolve()): {"journal": "x", "lines": [{"bad": 1}]}}))
    assert live_observation.load(journal) is None
    live_observation.start(journal, pair, now=NINE)  # a new capture replaces what could not be read
    assert live_observation.load(journal) is not None


def test_ending_files_one_observation_entry(journal: Journal, pair: Pair) -> None:
    with journal.write() as s:
        goal = goals.add_goal(s, pair, title="Calmer transitions", today=TODAY).goal
    capture = live_observation.start(journal, pair, now=NINE, context="Year 8")
    for n, (text, mark) in enumerate([("Timer on", GLOW), ("Slow start", GROW), ("Why group B?", QUESTION),
                                      ("Signal works", EVIDENCE), ("Plain note", None)]):  # fmt: skip
        capture.add(text, NINE + dt.timedelta(minutes=n))
        if mark:
            capture.mark(mark, goal.id if mark == EVIDENCE else None)
    with journal.write() as s:
        filed = live_observation.file_entry(s, pair, capture, context="Year 8 science", next_step="Try a countdown")
        entry_id = filed.id
    with journal.read() as s:
        view = entries.get_entry(s, pair, entry_id or 0)
    e = view.entry
    assert (e.kind, e.on, e.author, e.context) == ("observation", TODAY, "mentor", "Year 8 science")
    assert e.title == "Live observation: Year 8 science"
    assert (e.strengths, e.growth_areas, e.agreed_next_step) == (["Timer on"], ["Slow start"], "Try a countdown")
    assert "- 09:04:00 Plain note" in e.body and "**Questions**\n\n- Why group B?" in e.body
    assert [g.id for g in view.goals] == [goal.id]


def test_an_empty_capture_is_not_filed(journal: Journal, pair: Pair, tmp_path: Path) -> None:
    capture = live_observation.start(journal, pair, now=NINE)
    with journal.write() as s, pytest.raises(Invalid, match="nothing was captured"):
        live_observation.file_entry(s, pair, capture)


def test_observe_needs_a_terminal(run: Run, tmp_path: Path) -> None:
    result = run("--db", str(tmp_path / "j.db"), "observe")
    assert (result.code, result.err.strip()) == (
        1,
        "mentorlog: mentorlog observe needs a terminal: it opens the live capture screen",
    )
