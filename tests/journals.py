"""Generated journals full of hostile text, for the exchange property tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st

from mentorlog.db import Journal, open_journal
from mentorlog.journal import actions, assessments, entries, goals, pairs
from mentorlog.journal.entries import NextStep
from mentorlog.models import DEFAULT_RUBRIC, Pair
from mentorlog.validate import is_control

TODAY = dt.date(2026, 11, 22)

# What a user might type that means something to Markdown, HTML or a table.
HOSTILE = [
    "# Heading",
    "## Sub",
    "###### six",
    "Setext\n===",
    "Under\n---",
    "```",
    "```python\nx = 1",
    "~~~",
    "````",
    "<!-- open comment",
    "<pre>",
    "<script>alert(1)</script>",
    "<div>",
    "> # quoted heading",
    "1. # listed heading",
    "- item\n  # nested",
    "| a | b |",
    "|---|",
    "a | b",
    "\\",
    "\\|",
    "`code`",
    "``",
    "*",
    "_",
    "[x]: http://example.com",
    "    indented code",
    "🎉🧑‍🏫",
    "שלום עולם",
    "\u202eevil",
    "trailing ##",
    "#",
    "   ",
    "",
    # What a coordinator's renderer must never make live (HTML on, or Python-Markdown).
    "<img src=x onerror=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<svg onload=alert(1)>",
    "<a href='javascript:alert(1)'>x</a>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](jav&#x61;script:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x]( javascript:alert(1) )",
    "\\[x\\](javascript:alert(1))",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "![pixel](http://tracker.example/p.png)",
    "`<script>alert(2)</script>`",
    "```\n<script>alert(3)</script>\n```",
    "    <script>alert(4)</script>",
    "[ok](https://example.com/a_b)",
    "<style>*{display:none}</style>",
]
_plain = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"),
    max_size=40,
).map(lambda t: "".join(ch for ch in t if not is_control(ch)))
piece = st.one_of(st.sampled_from(HOSTILE), _plain)
long_text = st.lists(piece, max_size=6).flatmap(
    lambda parts: st.sampled_from(["\n", " ", "\n\n"]).map(lambda sep: sep.join(parts))
)
one_line = st.lists(piece, min_size=1, max_size=4).map(lambda parts: " ".join(" ".join(parts).split())[:200])
day = st.integers(min_value=0, max_value=120).map(lambda n: TODAY - dt.timedelta(days=n))


@dataclass
class EntrySpec:
    kind: str
    on: dt.date
    title: str
    body: str
    texts: dict[str, str]
    glows: list[str]
    private: bool
    tags: list[str]
    goals: list[int]
    steps: list[str] = field(default_factory=list)


@dataclass
class GoalSpec:
    title: str
    specific: str
    unit: str
    milestones: list[str]
    notes: list[str]


@dataclass
class JournalSpec:
    goals: list[GoalSpec]
    entries: list[EntrySpec]
    actions: list[str]
    agreement: str


TEXT_FIELDS = {
    "session": ("agenda", "whats_working", "focus", "next_session_focus"),
    "observation": ("context", "focus", "agreed_next_step"),
    "reflection": ("went_well", "challenging", "learned", "next_step"),
    "note": (),
    "assessment": (),
}

goal_spec = st.builds(
    GoalSpec,
    title=one_line,
    specific=long_text,
    unit=st.sampled_from(["min", "%", "|", "", "# x", "`"]),
    milestones=st.lists(one_line, max_size=3),
    notes=st.lists(long_text, max_size=3),
)


@st.composite
def entry_spec(draw: st.DrawFn, goal_count: int) -> EntrySpec:
    kind = draw(st.sampled_from(list(TEXT_FIELDS)))
    return EntrySpec(
        kind=kind,
        on=draw(day),
        title=draw(one_line),
        body=draw(long_text),
        texts={name: draw(long_text) for name in TEXT_FIELDS[kind]},
        glows=draw(st.lists(one_line, max_size=3)) if kind == "observation" else [],
        private=draw(st.booleans()),
        tags=draw(st.lists(st.sampled_from(["planning", "c#", "x|y", "émoji🎉", "*star*"]), max_size=2)),
        goals=draw(st.lists(st.integers(0, max(goal_count - 1, 0)), max_size=2)) if goal_count else [],
        steps=draw(st.lists(one_line, max_size=2)) if kind == "session" else [],
    )


journal_spec = st.lists(goal_spec, max_size=3).flatmap(
    lambda gs: st.builds(
        JournalSpec,
        goals=st.just(gs),
        entries=st.lists(entry_spec(len(gs)), max_size=6),
        actions=st.lists(one_line, max_size=3),
        agreement=long_text,
    )
)


def build(spec: JournalSpec, path: Path) -> tuple[Journal, Pair]:
    """Write the spec through the journal's own actions, as a user would."""
    journal = open_journal(path, create=True)
    with journal.write() as s:
        pair = pairs.create_pair(
            s, mentor="Ana | Lopez", mentee="# Sam `Rivera`", today=TODAY, agreement=spec.agreement
        )
        goal_ids = []
        for g in spec.goals:
            view = goals.add_goal(
                s, pair, title=_title(g.title), specific=g.specific, today=TODAY, unit=g.unit.strip(),
                baseline=0, target=10, due_on=TODAY + dt.timedelta(days=30),
                milestones=[_title(m) for m in g.milestones],
            )  # fmt: skip
            goal_id = int(view.goal.id or 0)
            goal_ids.append(goal_id)
            for n, note in enumerate(g.notes):
                goals.record_progress(
                    s, pair, goal_id, n + 1.5, on=TODAY - dt.timedelta(days=n), today=TODAY, note=note
                )
        for e in spec.entries:
            linked = [goal_ids[i] for i in e.goals]
            if e.kind == "assessment":
                ratings = [
                    assessments.RatingInput(name, 1 + i % 5, e.body) for i, name in enumerate(DEFAULT_RUBRIC[:3])
                ]
                assessments.record_assessment(s, pair, ratings, rater="self", on=e.on, note=e.body, private=e.private)
                continue
            extra: dict[str, object] = dict(e.texts)
            if e.kind == "observation":
                extra["strengths"] = [_title(x) for x in e.glows]
                extra["growth_areas"] = [_title(x) + " grow" for x in e.glows]
            entries.add_entry(
                s, pair, kind=e.kind, on=e.on, title=_title(e.title), body=e.body, private=e.private,
                tags=e.tags, goal_ids=linked, next_steps=[NextStep(_title(t)) for t in e.steps], **extra,
            )  # fmt: skip
        for text in spec.actions:
            actions.add_action(s, pair, _title(text), due_on=TODAY)
    return journal, pair


def _title(text: str) -> str:
    return text.strip() or "untitled"
