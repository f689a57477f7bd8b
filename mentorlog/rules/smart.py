"""The SMART check: per letter, pass or fail and a hint. It warns, never blocks."""

import datetime as dt
from typing import NamedTuple, Protocol


class SmartFields(Protocol):
    title: str
    specific: str
    kind: str
    measure: str
    unit: str
    target: float | None
    achievable: str
    relevant: str
    competency: str | None
    due_on: dt.date | None
    activated_on: dt.date | None


class Letter(NamedTuple):
    letter: str
    name: str
    passed: bool
    hint: str


class SmartCheck(NamedTuple):
    letters: tuple[Letter, ...]

    @property
    def passed(self) -> bool:
        return all(letter.passed for letter in self.letters)

    @property
    def failing(self) -> tuple[Letter, ...]:
        return tuple(letter for letter in self.letters if not letter.passed)

    def badge(self) -> str:
        """`S✓ M✓ A✗ R✓ T✓`: the compact form lists and headers use."""
        return " ".join(f"{x.letter}{'✓' if x.passed else '✗'}" for x in self.letters)


def check_smart(goal: SmartFields, *, milestones: int, today: dt.date) -> SmartCheck:
    """Check a goal against S·M·A·R·T; `milestones` is how many it has."""
    specific = goal.specific.strip()
    s_ok = len(specific.split()) >= 3 and specific.casefold() != goal.title.strip().casefold()
    m_ok = _measurable(goal) or milestones > 0
    a_ok = bool(goal.achievable.strip()) or milestones > 0
    r_ok = bool(goal.relevant.strip()) or bool((goal.competency or "").strip())
    start = getattr(goal, "starts_on", None) or goal.activated_on or today
    t_ok = goal.due_on is not None and goal.due_on > start
    if goal.due_on is None:
        t_hint = "set a due date: by when will this be reached?"
    elif not t_ok:
        t_hint = f"the due date {goal.due_on} is not after {start}: pick a date in the future"
    else:
        t_hint = f"due {goal.due_on}"
    return SmartCheck(
        (
            Letter("S", "Specific", s_ok, "describes exactly what will change"
                   if s_ok else "say what exactly will change, for whom, beyond the title"),
            Letter("M", "Measurable", m_ok, "progress can be measured"
                   if m_ok else _measure_hint(goal)),
            Letter("A", "Achievable", a_ok, "has a plan"
                   if a_ok else "add a plan or resources, or break it into milestones"),
            Letter("R", "Relevant", r_ok, "says why it matters"
                   if r_ok else "say why it matters, or tie it to a competency"),
            Letter("T", "Time-bound", t_ok, t_hint),
        )
    )  # fmt: skip


def _measurable(goal: SmartFields) -> bool:
    if goal.kind == "yes-no":  # met or not: what would show it is the measure
        return bool(goal.measure.strip())
    if goal.target is None:
        return False
    if goal.kind == "rubric":
        return bool((goal.competency or "").strip())
    return bool(goal.measure.strip()) and bool(goal.unit.strip())


def _measure_hint(goal: SmartFields) -> str:
    if goal.kind == "rubric":
        return "name the competency and the level it is to reach"
    if goal.kind == "yes-no":
        return "say what will show it is met (the measure)"
    missing = [
        name
        for name, present in (
            ("a measure", bool(goal.measure.strip())),
            ("a numeric target", goal.target is not None),
            ("a unit", bool(goal.unit.strip()) or goal.kind == "yes-no"),
        )
        if not present
    ]
    return "add " + ", ".join(missing) + ", or at least one milestone"
