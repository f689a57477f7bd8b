"""Lists in a sentence, as every message and help text writes them."""

from __future__ import annotations


def listed(words: list[str], last: str = "or") -> str:
    """`a, b or c`."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {last} {words[-1]}"
