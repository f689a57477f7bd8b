"""One plural rule: "1 update", never "1 updates" (words.plural), wherever a count meets a noun."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import mentorlog
from mentorlog.words import listed, plural

# Nouns a count is written before somewhere in mentorlog: a count followed by one of these in an
# f-string ("{n} sessions") is a count that can be 1, and must go through plural().
COUNTED = re.compile(
    r"^ (updates|items|sessions|glows|grows|entries|goals|questions|lines|records|pairs|days|competencies|"
    r"ratings|milestones|backups|versions|weeks|months|assessments|reflections|rows|problems|minutes|hours)\b"
)


def test_counts_go_through_the_one_plural_rule() -> None:
    found = []
    for path in Path(mentorlog.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            for before, after in zip(node.values, node.values[1:], strict=False):
                if (
                    isinstance(before, ast.FormattedValue)
                    and not _is_text(before.value)
                    and isinstance(after, ast.Constant)
                    and isinstance(after.value, str)
                    and COUNTED.match(after.value)
                ):
                    found.append(f"{path.name}:{node.lineno} {{{ast.unparse(before.value)}}}{after.value[:20]}")
    assert not found, "counts written without words.plural: " + "; ".join(found)


@pytest.mark.parametrize(
    ("count", "noun", "many", "said"),
    [(1, "update", None, "1 update"), (0, "update", None, "0 updates"), (2, "entry", "entries", "2 entries"),
     (1_200, "item", None, "1,200 items"), (1.5, "day", None, "1.5 days"), (1.0, "day", None, "1 day")],
)  # fmt: skip
def test_plural(count: float, noun: str, many: str | None, said: str) -> None:
    assert plural(count, noun, many) == said


def test_listed() -> None:
    assert listed(["a"]) == "a" and listed(["a", "b", "c"]) == "a, b or c"


def _is_text(expression: ast.expr) -> bool:
    """`{' or '.join(kinds)} entries`: a list of words before the noun, not a count."""
    return (
        isinstance(expression, ast.Call)
        and isinstance(expression.func, ast.Attribute)
        and (expression.func.attr == "join")
    )
