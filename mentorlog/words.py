"""Lists and counts in a sentence, as every message and help text writes them."""

from __future__ import annotations


def listed(words: list[str], last: str = "or") -> str:
    """`a, b or c`."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {last} {words[-1]}"


def plural(count: float, noun: str, many: str | None = None) -> str:
    """`1 item`, `2 items`, `0 items`, `1.5 days`: the one plural rule (`many` where adding an s is wrong)."""
    shown = f"{count:,}" if isinstance(count, int) else f"{count:g}"
    return f"{shown} {noun if count == 1 else many or noun + 's'}"
