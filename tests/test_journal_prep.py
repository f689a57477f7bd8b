"""Session prep on the demo pair: what the next session should pick up, and how it prints."""

from __future__ import annotations

import datetime as dt

from mentorlog.db import Journal
from mentorlog.journal import actions, entries, pairs, prep
from mentorlog.models import Pair
from mentorlog.rules.progress import Pace
from tests.conftest import TODAY, Run


def test_prep_gathers_what_the_next_session_picks_up(demo: tuple[Journal, Pair]) -> None:
    journal, pair = demo
    with journal.write() as s:
        entries.add_entry(s, pair, kind="reflection", on=TODAY, title="Exit tickets, day one", author="mentee",
                          learned="Half the class could not name the objective")  # fmt: skip
    with journal.read() as s:
        got = prep.prepare(s, pair, today=TODAY)
        open_items = actions.list_actions(s, pair, today=TODAY, yours_first=False)
    assert got.last_session is not None and got.last_session.on == dt.date(2026, 11, 17)
    assert got.next_session_on == dt.date(2026, 12, 1) and got.next_focus == "Winter term goals"
    assert [a.id for a in got.actions] == [a.id for a in open_items] and all(a.done_on is None for a in got.actions)
    overdue = [got.is_overdue(a) for a in got.actions]
    assert overdue == sorted(overdue, reverse=True) and overdue[0], "overdue first"
    horizon = TODAY + dt.timedelta(days=2 * pair.cadence_days)
    assert got.goals and all(
        v.pace in (Pace.BEHIND, Pace.OVERDUE) or (v.goal.due_on and v.goal.due_on <= horizon) for v in got.goals
    )
    assert any(v.pace == Pace.BEHIND for v in got.goals)
    assert [e.title for e in got.since] == ["Exit tickets, day one"], "only what came after the last session"
    gaps = [abs(row.gap or 0) for row in got.gaps]
    assert 0 < len(gaps) <= prep.GAPS and gaps == sorted(gaps, reverse=True) and all(gaps)


def test_the_agenda_and_the_printout(demo: tuple[Journal, Pair], run: Run) -> None:
    journal, pair = demo
    with journal.read() as s:
        got = prep.prepare(s, pair, today=TODAY)
    agenda = prep.agenda(got)
    assert agenda.startswith("Action items to follow up:\n- Use an exit ticket in at least half of lessons")
    assert "Last session's next focus:\n- Winter term goals" in agenda
    assert "Reflections and observations" not in agenda, "an empty section stays out of the agenda"
    printed = run("--db", str(journal.path), "prep")
    assert printed.code == 0, printed.err
    assert printed.out.startswith("Session prep: Maria Okafor & Jordan Lee, next session 2026-12-01\n")
    assert "  [ ] Use an exit ticket in at least half of lessons (mentee, overdue since" in printed.out
    assert "Reflections and observations since the last session\n  (none)" in printed.out


def test_prep_before_the_first_session(journal: Journal, pair: Pair) -> None:
    with journal.write() as s:
        entries.add_entry(s, pair, kind="reflection", on=TODAY, title="First week", author="mentee")
    with journal.read() as s:
        got = prep.prepare(s, pairs.resolve_pair(s, None), today=TODAY)
    assert got.last_session is None and got.next_focus == "" and got.next_session_on == pair.started_on
    assert [e.title for e in got.since] == ["First week"]
    assert (got.actions, got.goals, got.gaps) == ([], [], [])
    assert prep.agenda(got) == "Reflections and observations since the last session:\n- " + prep.entry_line(
        got.since[0]
    )
    assert "(no session yet" in prep.as_text(got)
