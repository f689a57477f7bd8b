"""Lists and counts in a sentence, as every message and help text writes them."""

from __future__ import annotations


def listed(words: list[str], last: str = "or") -> str:
    """`a, b or c`."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {last} {words[-1]}"


def plural(count: int, noun: str, many: str | None = None) -> str:
    """`1 item`, `2 items`, `0 items`: the one plural rule (`many` where adding an s is wrong)."""
    return f"{count:,} {noun if count == 1 else many or noun + 's'}"
