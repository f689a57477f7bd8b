"""The Markdown timeline, section by section: what each kind's spec holds, in its order, and what hangs
off an entry (tags, goals, action items, ratings) only when the entry leaves."""

from __future__ import annotations

import datetime as dt
import io

from mentorlog.db import Journal
from mentorlog.db.tables import ENTRY
from mentorlog.db.writes import insert
from mentorlog.exchange.markdown import export
from mentorlog.exchange.options import ExportOptions
from mentorlog.journal import entries, goals
from mentorlog.journal.assessments import record_assessment
from mentorlog.journal.entry_fields import NextStep
from mentorlog.journal.ratings import RatingInput
from mentorlog.journal.sharing import Scope
from mentorlog.models import Pair
from tests.journals import TODAY

DAY = dt.date(2026, 11, 2)


def timeline(journal: Journal, pair: Pair, scope: Scope | None = None) -> str:
    out = io.StringIO()
    export(journal.connection, ExportOptions(pair, TODAY, scope or Scope()), out)
    text = out.getvalue()
    return text[text.index("## Timeline\n\n") + len("## Timeline\n\n") : text.index("## Growth\n\n")]


def test_a_session_in_full(journal: Journal, pair: Pair) -> None:
    with journal.write() as c:
        goal = goals.add_goal(c, pair, title="Exit tickets", today=TODAY)
        entries.add_entry(
            c, pair, kind="session", on=DAY, title="Week [1]", body="We met.\n\n# Plans", tags=["zeta", "alpha"],
            goal_ids=[goal.goal.id or 0], duration_min=45, mode="video", agenda="Pacing", focus="Time",
            next_session_on=dt.date(2026, 11, 16), next_session_focus="Questioning", usefulness=4,
            next_steps=[NextStep("Try <b>cold calls</b>", due_on=dt.date(2026, 11, 9))],
        )  # fmt: skip
    assert timeline(journal, pair) == (
        "### 2026-11-02 · Session: Week \\[1\\]\n\n"
        "by the mentor · 45 min · video · usefulness 4/5 · evidence for goal 1 · tags: alpha, zeta\n\n"
        "We met.\n\n#### Plans\n\n"
        "**Agenda**\n\nPacing\n\n"
        "**Challenges and concerns**\n\nTime\n\n"
        "Next session on 2026-11-16: Questioning\n\n"
        "**Action items**\n\n- [ ] Try &lt;b&gt;cold calls&lt;/b&gt; (mentee, due 2026-11-09, overdue)\n\n"
    )


def test_each_kind_its_own_fields_newest_first(journal: Journal, pair: Pair) -> None:
    with journal.write() as c:
        entries.add_entry(
            c, pair, kind="observation", on=DAY, title="Period 3", context="Year 8 maths",
            strengths=["Clear aims", "1. Warm"], growth_areas=["Wait time"], agreed_next_step="Pause",
        )  # fmt: skip
        entries.add_entry(
            c, pair, kind="reflection", on=DAY, title="Me", went_well="Pace", confidence=3, author="mentee"
        )
        record_assessment(c, pair, [RatingInput("1", 3, "Seen | twice")], rater="self", on=DAY + dt.timedelta(1))
        entries.add_entry(c, pair, kind="note", on=DAY - dt.timedelta(1), title="Aside", private=True)
    text = timeline(journal, pair)
    sections = text.split("### ")[1:]
    assert [s.split("\n")[0] for s in sections] == [
        "2026-11-03 · Assessment: Self-assessment: 1 competency",
        "2026-11-02 · Reflection: Me",
        "2026-11-02 · Observation: Period 3",
    ]
    assessment, reflection, observation = sections
    assert assessment.startswith(
        "2026-11-03 · Assessment: Self-assessment: 1 competency\n\nself-assessment by the mentee\n\n| Competency |"
    )
    assert "| Classroom management | 3 Applying | Seen \\| twice |\n\n" in assessment
    assert (
        reflection == "2026-11-02 · Reflection: Me\n\nby the mentee · confidence 3/5\n\n**What went well**\n\nPace\n\n"
    )
    assert observation == (
        "2026-11-02 · Observation: Period 3\n\nby the mentor · Year 8 maths\n\n"
        "**Agreed next step**\n\nPause\n\n"
        "**Glows**\n\n- Clear aims\n- 1\\. Warm\n\n**Grows**\n\n- Wait time\n\n"
    )
    private = timeline(journal, pair, Scope(include_private=True))
    assert "### 2026-11-01 · Note: Aside\n\nby the mentor · private\n\n" in private


def test_a_kind_this_version_does_not_know_shows_its_title_body_and_facts(journal: Journal, pair: Pair) -> None:
    with journal.write() as c:  # as a newer mentorlog, or another program, might have written it
        insert(c, ENTRY, {"pair_id": pair.id, "kind": "debrief", "on": DAY, "title": "Later", "body": "Text",
                          "agenda": "not this kind's"})  # fmt: skip
    assert timeline(journal, pair) == "### 2026-11-02 · Debrief: Later\n\nby the mentor\n\nText\n\n"


def test_what_hangs_off_a_private_entry_stays_with_it(journal: Journal, pair: Pair) -> None:
    with journal.write() as c:
        goal = goals.add_goal(c, pair, title="G", today=TODAY)
        entries.add_entry(
            c, pair, kind="session", on=DAY, title="Secret", private=True, tags=["hidden-tag"],
            goal_ids=[goal.goal.id or 0], next_steps=[NextStep("hidden step")],
        )  # fmt: skip
        record_assessment(c, pair, [RatingInput("1", 2, "hidden evidence")], rater="mentor", on=DAY, private=True)
    text = timeline(journal, pair)
    assert text == "No entries in this export.\n\n"
    whole = io.StringIO()
    export(journal.connection, ExportOptions(pair, TODAY, Scope()), whole)
    assert not any(secret in whole.getvalue() for secret in ("Secret", "hidden-tag", "hidden step", "hidden evidence"))
