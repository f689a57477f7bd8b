"""The sample journal: an induction pair's first three months, ending at `today`.

Everything is written through the journal's own actions, so the demo obeys the
same rules as a user's journal and exercises every kind of record.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from mentorlog.db import open_journal
from mentorlog.db.identity import read_identity
from mentorlog.db.transactions import action
from mentorlog.errors import Invalid
from mentorlog.journal import actions, assessments, entries, goals, pairs
from mentorlog.journal.assessments import RatingInput
from mentorlog.journal.entries import NextStep

if TYPE_CHECKING:
    from mentorlog.models import Pair

DayFn = Callable[[int], dt.date]

MENTOR, MENTEE = "Maria Okafor", "Jordan Lee"
AGREEMENT = (
    "We meet every other Tuesday after school for 45 minutes. Jordan sets the agenda; "
    "Maria observes once a month. Feedback is specific, private and given within two days: "
    "glows first, then one or two grows. Either of us can move a meeting with a day's notice."
)

SESSIONS = [
    # (day, title, agenda, what's working, focus, usefulness, mentee steps, mentor steps)
    (1, "Getting started: norms and first goals",
     "Introductions, our agreement, what the first month looks like",
     "Jordan knows every student's name already; labs are well prepared",
     "Transitions between activities take 5-7 minutes; noise after lunch",
     4, ["Time three transitions in period 3", "Draft a class routines chart"],
     ["Share my transition signals and timer routine"]),
    (15, "Routines chart and transition data",
     "Review transition timings; routines chart draft; learning objectives",
     "Routines chart is up and students reference it",
     "Still ~5.5 min transitions; objectives are activity-based, not learning-based",
     4, ["Post a learning objective on the board every day", "Try the countdown timer for two weeks"],
     ["Send objective stems that worked for me"]),
    (29, "Objectives and the first observation debrief",
     "Debrief of the observation; objective stems; questioning",
     "Timer is working in periods 1 and 3; objectives posted daily",
     "Questions are mostly recall; a few students dominate discussion",
     5, ["Plan three higher-order questions per lesson", "Use cold call with wait time in one lesson a day"],
     []),
    (43, "Exit tickets and checking for understanding",
     "How do we know they learned it? Exit ticket formats",
     "Transitions down to about 4 minutes; students like the timer",
     "No routine check for understanding at the end of lessons",
     4, ["Use an exit ticket in at least half of lessons", "Bring three exit tickets to sort together"],
     ["Find the department's exit ticket bank"]),
    (57, "Mid-point review and self-assessment",
     "Review goals at two months; compare self and mentor ratings",
     "Clear growth in classroom routines; objectives now routine",
     "Exit tickets slipping on busy days; marking load is heavy",
     5, ["Co-plan the ecosystems unit with objectives mapped to assessments"],
     ["Observe period 3 again, focus on questioning"]),
    (71, "Unit planning together",
     "Ecosystems unit plan; assessment map",
     "Unit plan is coherent; questioning visibly stronger",
     "Differentiation for the two newcomers to English",
     4, ["Prepare visuals and sentence frames for the newcomers", "Share the unit plan at the department meeting"],
     []),
    (85, "Questioning and the second observation",
     "Debrief of observation 3; next steps for the winter term",
     "Higher-order questions in every lesson; wait time is natural now",
     "Exit tickets still under target; keeping energy up before the break",
     5, ["Plan exit tickets into every lesson plan template", "Pick one lesson to video for self-review"],
     ["Send the video reflection protocol"]),
]  # fmt: skip

STILL_OPEN = "Use an exit ticket in at least half of lessons"

REFLECTIONS = [
    # (day, title, went well, challenging, learned, next step, confidence)
    (3, "First week with a mentor",
     "Labs ran safely and students were curious", "Getting everyone back from group work",
     "Routines have to be taught, not announced", "Write down the routines I want", 2),
    (17, "The timer helps",
     "Period 3 transitions felt calmer with the countdown", "After-lunch energy is still hard",
     "A visible signal beats raising my voice", "Use the timer in every period", 2),
    (31, "Observation feedback",
     "Maria noticed my lab setup and clear instructions", "Hearing that only four students answered questions",
     "I ask questions I already know the class can answer", "Plan questions before the lesson", 3),
    (47, "Exit tickets, first try",
     "Exit tickets showed me who missed the main idea", "Finding time for them at the end",
     "Stopping five minutes early is worth it", "Build the ticket into the plan, not the end", 3),
    (62, "Two months in",
     "Looking back at the transition data: 6 minutes down to 3.5", "Marking load on weekends",
     "Small routines compound", "Batch marking with a simple rubric", 4),
    (83, "Questioning is changing my lessons",
     "A 'why do you think so?' discussion that went for ten minutes", "Keeping quieter students in",
     "Wait time matters more than the question", "Try think-pair-share before cold call", 4),
]  # fmt: skip

OBSERVATIONS = [
    # (day, title, context, focus, glows, grows, agreed next step, goals by index)
    (10, "Period 3: states of matter lab", "Grade 7 science, period 3", "Transitions and routines",
     ["Materials laid out before students arrived", "Clear safety briefing"],
     ["Transitions took 6 minutes; no signal for attention", "Instructions given while students were moving"],
     "Try a countdown timer and a single attention signal", [0]),
    (44, "Period 3: food webs discussion", "Grade 7 science, period 3", "Questioning and participation",
     ["Warm, respectful tone", "Objective on the board and referred to twice", "Transition under 4 minutes"],
     ["Mostly recall questions", "Four students answered most questions"],
     "Plan three 'why/how' questions and use wait time", [0, 3]),
    (80, "Period 3: ecosystems inquiry", "Grade 7 science, period 3", "Higher-order questioning",
     ["Questions asked students to predict and justify", "Wait time of 3-5 seconds", "Smooth transitions"],
     ["Newcomers to English had few ways in", "No exit ticket at the end"],
     "Sentence frames for discussion; exit ticket in the plan", [3, 2]),
]  # fmt: skip


def write_demo_file(path: Path, *, today: dt.date) -> Pair:
    """Rebuild the demo journal at `path` from scratch (it is ours: never the user's journal)."""
    remove_demo_file(path)
    journal = open_journal(path, create=True)
    try:
        return build_demo(journal.writing(), today=today)
    finally:
        journal.close()


def remove_demo_file(path: Path) -> None:
    """Remove a demo journal before it is built again; anything else at the path is refused, untouched."""
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise Invalid(f"{path} is not a demo journal (a link, a folder or a device): left untouched")
    if path.exists():
        read_identity(path)  # JournalRefused for a file that is not a mentorlog journal at all
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)


@action
def build_demo(s: sqlite3.Connection, *, today: dt.date) -> Pair:
    """Write the demo pair into an empty journal; its last three months end at `today`."""
    start = today - dt.timedelta(days=90)
    start -= dt.timedelta(days=start.weekday())  # a Monday, so sessions fall on Tuesdays

    def day(offset: int) -> dt.date:
        return start + dt.timedelta(days=offset)

    pair = pairs.create_pair(
        s, mentor=MENTOR, mentee=MENTEE, today=today, program="induction", role="mentor",
        cadence_days=14, started_on=start, agreement=AGREEMENT,
    )  # fmt: skip
    goal_ids = _goals(s, pair, day, today)
    _sessions(s, pair, day, today)
    for offset, title, context, focus, glows, grows, step, linked in OBSERVATIONS:
        entries.add_entry(
            s, pair, kind="observation", on=day(offset), title=title, author="mentor", context=context,
            focus=focus, strengths=glows, growth_areas=grows, agreed_next_step=step,
            goal_ids=[goal_ids[i] for i in linked], tags=["observation"],
        )  # fmt: skip
    for offset, title, well, hard, learned, step, confidence in REFLECTIONS:
        entries.add_entry(
            s, pair, kind="reflection", on=day(offset), title=title, author="mentee", went_well=well,
            challenging=hard, learned=learned, next_step=step, confidence=confidence,
        )  # fmt: skip
    _assessments(s, pair, day)
    entries.add_entry(
        s, pair, kind="note", on=day(50), title="Marking load", author="mentor", private=True,
        body="Jordan looked tired today. Ask about weekend marking next time; suggest the rubric bank.",
        tags=["wellbeing"],
    )  # fmt: skip
    entries.add_entry(
        s, pair, kind="note", on=day(66), title="Department meeting", author="mentor",
        body="Jordan volunteered to share the **ecosystems unit** plan in December. Good sign of confidence.",
        tags=["planning"], goal_ids=[goal_ids[1]],
    )  # fmt: skip
    actions.add_action(
        s, pair, "Book the library for the research lesson", owner="mentee", due_on=today - dt.timedelta(days=2)
    )
    return pair


def _goals(s: sqlite3.Connection, pair: Pair, d: DayFn, today: dt.date) -> list[int]:
    transitions = goals.add_goal(
        s, pair, title="Tighten transitions between activities", today=today, set_on=d(1),
        specific="Cut the time period 3 takes to move between activities, using one signal and a timer",
        measure="average transition time in period 3", unit="min", baseline=6, target=2, due_on=d(120),
        achievable="Countdown timer, a taught attention signal, routines practised in week one; Maria models hers",
        relevant="Six lost minutes a transition is about two hours of learning a week",
        competency="Classroom management",
    ).goal  # fmt: skip
    for offset, value, note, confidence in (
        (8, 6.0, "timed three transitions", 2), (22, 5.5, "timer in period 3 only", 3),
        (36, 4.5, "signal taught and practised", 3), (50, 4.0, "", 4),
        (64, 3.5, "students start the timer themselves", 4), (78, 3.0, "", 4),
    ):  # fmt: skip
        goals.record_progress(s, pair, transitions.id or 0, value, on=d(offset), today=today, note=note,
                              confidence=confidence)  # fmt: skip
    objectives = goals.add_goal(
        s, pair, title="Write a clear learning objective for every lesson", today=today, set_on=d(15),
        specific="Each lesson states what students will learn, posted and revisited at the end",
        kind="milestones", measure="milestones done", due_on=d(110),
        achievable="Objective stems from Maria; co-planning one unit", competency="Lesson planning and curriculum",
        milestones=["Draft objective stems with Maria", "Post objectives daily for two weeks",
                    "Co-plan a unit with objectives mapped to assessments",
                    "Share the unit plan at the department meeting"],
    ).goal  # fmt: skip
    view = goals.view(s, objectives, today=today)
    for milestone, offset in zip(view.milestones[:3], (16, 40, 70), strict=True):
        goals.complete_milestone(s, pair, milestone.id or 0, on=d(offset))
    tickets = goals.add_goal(
        s, pair, title="Check for understanding with exit tickets", today=today, set_on=d(43),
        specific="End lessons with a short exit ticket and use the results to plan the next lesson",
        measure="share of lessons ending with an exit ticket", unit="%", baseline=0, target=80, due_on=d(100),
        achievable="Department exit ticket bank; five minutes reserved in the plan",
        relevant="Know who learned it before moving on", competency="Assessment and feedback",
    ).goal  # fmt: skip
    for offset, value in ((45, 20), (60, 45), (75, 50)):
        goals.record_progress(s, pair, tickets.id or 0, value, on=d(offset), today=today)
    questioning = goals.add_goal(
        s,
        pair,
        title="Ask more higher-order questions",
        today=today,
        set_on=d(29),
        kind="rubric",
        specific="Plan and ask 'why' and 'how' questions that make students reason, with wait time",
        measure="Instructional strategies level (mentor rating)",
        baseline=2,
        target=4,
        due_on=d(150),
        achievable="Three planned questions per lesson; cold call with wait time",
        competency="Instructional strategies",
        rater="mentor",
    ).goal  # fmt: skip  (its progress is the mentor's ratings of that competency: _assessments)
    chart = goals.add_goal(
        s, pair, title="Set up a class routines chart", today=today, set_on=d(1), kind="yes-no",
        specific="A chart of the five routines for entering, labs, groups, tidying and leaving, taught to all classes",
        measure="chart up and taught", due_on=d(21), relevant="Routines make transitions possible",
    ).goal  # fmt: skip
    goals.record_progress(s, pair, chart.id or 0, 1, on=d(18), today=today, note="taught to all five classes")
    goals.set_status(s, pair, chart.id or 0, "achieved", on=d(18), today=today)
    goals.add_goal(s, pair, title="Start a parent newsletter", today=today, set_on=d(66), status="draft")
    return [transitions.id or 0, objectives.id or 0, tickets.id or 0, questioning.id or 0]


# What each session did, from the CAL's checklist (config.CAL_ACTIVITIES).
DEMO_ACTIVITIES = (
    ("planning instruction", "reflecting/problem-solving"),
    ("observing and conferencing", "analyzing student work"),
    ("analyzing student work", "determining instructional groups"),
    ("planning instruction", "developing/reviewing the individual learning plan"),
)


def _sessions(s: sqlite3.Connection, pair: Pair, d: DayFn, today: dt.date) -> None:
    for number, (offset, title, agenda, working, focus, useful, mentee, mentor) in enumerate(SESSIONS):
        next_on = d(offset + 14)
        entry = entries.add_entry(
            s, pair, kind="session", on=d(offset), title=title, author="mentor", duration_min=45,
            mode="in-person", starts_at="15:30", activities=list(DEMO_ACTIVITIES[number % len(DEMO_ACTIVITIES)]),
            agenda=agenda, whats_working=working, focus=focus, next_session_on=next_on,
            next_session_focus=SESSIONS[number + 1][2] if number + 1 < len(SESSIONS) else "Winter term goals",
            usefulness=useful, tags=["session"],
            next_steps=[NextStep(t, "mentee") for t in mentee] + [NextStep(t, "mentor") for t in mentor],
        )  # fmt: skip
        view = entries.get_entry(s, pair, entry.id or 0)
        for item in view.actions:
            # Steps were done before the next session, but for one that slipped and the last session's.
            if next_on <= today and item.text != STILL_OPEN:
                actions.complete_action(s, pair, item.id or 0, on=next_on - dt.timedelta(days=2))


def _assessments(s: sqlite3.Connection, pair: Pair, d: DayFn) -> None:
    rounds = [
        (2, "self", [2, 3, 2, 3, 2, 1, 3, 3, 3]),
        (3, "mentor", [2, 2, 2, 3, 2, 2, 3, 3, 2]),
        (60, "self", [4, 4, 3, 4, 3, 2, 4, 4, 3]),
        (62, "mentor", [3, 3, 3, 4, 2, 2, 4, 4, 3]),
    ]
    rubric = pairs.competencies(s, pair)
    for offset, rater, levels in rounds:
        ratings = [RatingInput(str(c.position), level) for c, level in zip(rubric, levels, strict=True)]
        note = "Start of the induction year." if offset < 10 else "Two months in."
        assessments.record_assessment(s, pair, ratings, rater=rater, on=d(offset), note=note)
