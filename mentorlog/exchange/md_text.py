"""Putting text a user wrote into a Markdown document without letting it break the outline.

Three places take user text: a block (a body, an agenda) under an entry's `###`
heading, where its own headings are pushed below that heading, and which is
Markdown the user wrote; an inline run (a title, a list item), which is text, not
Markdown: flattened to one line, every inline-syntax character and block syntax at
its start escaped, so it reads exactly as typed; and a table cell, the same, with
`|` escaped. A block is checked by
parsing it with a sentinel heading after it: if anything in it would still
swallow or outrank what follows (an unclosed fence, a heading we could not push
down), it goes in verbatim as an indented code block instead.

User text renders as text, whatever renders the document (a coordinator's
markdown-it with HTML on, Python-Markdown): every `<` is an entity, so no raw HTML
(`<script>`, `onerror=`, `<iframe>`, `<svg onload>`) exists; a link survives only as
a plain `[text](https://...)` or `mailto:` (never `javascript:` or `data:`, never an
image), every other `[` and `]` is escaped, and so is every backslash, which could
otherwise undo those escapes. Controls and bidi overrides go as they do on a terminal.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING

from mentorlog.terminal import safe

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

ATX = re.compile(r"^((?:[ ]{0,3}(?:>|[-+*]|\d{1,9}[.)])[ \t]*)*[ ]{0,3})(#{1,6})(?=[ \t]|$)")
BLOCK_STARTS = frozenset("#-+=|")
ORDERED_MARKER = re.compile(r"^(\d{1,9})([.)])")
TRAILING_HASHES = re.compile(r"(?<!\\)(#+)$")  # not one already escaped at the line's start
SENTINEL = "mentorlog-end-of-block"
# The one kind of link user text keeps: shown text, then an http(s) or mailto address with nothing an
# entity, a quote or a backslash could turn into another scheme; not an image (no `!` before it).
SAFE_LINK = re.compile(r"(?<!!)\[([^\[\]\n\\]{1,200})\]\(((?:https?://|mailto:)[^\s()<>\\&\"'`]{1,2000})\)")
_INERT = str.maketrans({"\\": "\\\\", "<": "&lt;", "[": "\\[", "]": "\\]"})
# A one-line field is text, not Markdown (PRODUCT.md §5): every character that could start inline syntax
# (emphasis, code, a link, an entity, raw HTML, GFM's strikethrough) is escaped, so `3*4 and 5*6`, `a_b_c`,
# a backquoted word and `&amp;` read exactly as typed. A backslash where both CommonMark and Python-Markdown
# take one; an entity for what Python-Markdown would show its backslash before (`&`, `<`, `>`, `~`).
_LITERAL = {**{ch: "\\" + ch for ch in "\\`*_[]!"}, "&": "&amp;", "<": "&lt;", ">": "&gt;", "~": "&#126;"}
_SYNTAX = re.compile(r"[\\`*_\[\]!&<>~]")
# Most titles are words and single spaces with none of those: such a line is its own Markdown (one match in C).
_PLAIN = re.compile(r"[^\s\\`*_\[\]!&<>~]+(?: [^\s\\`*_\[\]!&<>~]+)*")


def inert(text: str) -> str:
    """User text with no raw HTML and no link but a plain web or mail one (see the module's docstring)."""
    if "\\" not in text and "<" not in text and "[" not in text and "]" not in text:
        return text  # four searches in C, not a generator: this runs for every piece of user text
    parts = []
    last = 0
    for link in SAFE_LINK.finditer(text):
        parts.append(text[last : link.start()].translate(_INERT))
        parts.append(f"[{link.group(1).translate(_INERT)}]({link.group(2)})")
        last = link.end()
    parts.append(text[last:].translate(_INERT))
    return "".join(parts)


@cache
def parser() -> MarkdownIt:
    # Imported here: most text is plain, and markdown-it costs an export a tenth of its time.
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def lines_of(text: str) -> str:
    """Newlines as CommonMark counts them; controls shown and overrides dropped, as on a terminal."""
    return safe(text).replace("\0", "\ufffd").strip("\n")


def block(text: str, *, under: int = 3) -> str:
    """`text` as Markdown nested below a heading of level `under`."""
    raw = lines_of(text)
    text = inert(raw)
    if not _risky(text):
        return text
    demoted = _demote(text, under)
    if demoted is not None and _contained(demoted, under):
        return demoted
    return verbatim(raw)


def _risky(text: str) -> bool:
    """Whether `text` could open a heading, a fence or an HTML block: only then is it parsed.

    Plain `in` tests, not one regex: this runs for every field of every entry, and a
    multi-line pattern with alternatives cost more than the rest of an entry's Markdown.
    """
    if "#" in text or "`" in text or "~" in text or "<" in text:
        return True
    if "=" not in text and "-" not in text:
        return False
    for line in text.split("\n"):  # a setext underline: [ \t>]* then only = or only -, then [ \t]*
        core = line.lstrip(" \t>").rstrip(" \t")
        if core and (not core.strip("=") or not core.strip("-")):
            return True
    return False


def verbatim(text: str) -> str:
    """Text shown exactly as written, as an indented code block: code (so inert, and closed by the next
    unindented line) in CommonMark and in Python-Markdown alike, which a fence is not."""
    return "\n".join(f"    {line}" if line.strip() else "" for line in text.split("\n"))


def literal(text: str) -> str:
    """A one-line field as text: whitespace runs as one space, every inline-syntax character escaped."""
    if text.isprintable() and _PLAIN.fullmatch(text):
        return text
    flat = " ".join(safe(text).split())
    return _SYNTAX.sub(_escaped, flat) if _SYNTAX.search(flat) else flat


def _escaped(found: re.Match[str]) -> str:
    return _LITERAL[found.group()]


def inline(text: str, *, line_start: bool = True) -> str:
    """One line of text, read exactly as typed (`literal`), safe inside a heading and, if `line_start`, at
    the start of a list item."""
    flat = literal(text)
    if line_start and flat[:1] in BLOCK_STARTS:  # what `literal` leaves that could open a block
        flat = "\\" + flat
    if line_start and flat[:1].isdigit():
        flat = ORDERED_MARKER.sub(r"\1\\\2", flat, count=1)
    # A heading drops a trailing run of '#' as its closing sequence; keep it as text.
    return TRAILING_HASHES.sub(r"\\\1", flat, count=1) if flat.endswith("#") else flat


def cell(text: str) -> str:
    """Text for a GFM table cell: one line read as typed, `|` escaped so no cell splits."""
    return literal(text).replace("|", "\\|")


def table(header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> str:
    """A GFM table; every cell escaped, so each row has exactly the header's cells."""
    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _demote(text: str, under: int) -> str | None:
    lines = text.split("\n")
    dropped: set[int] = set()
    for token in parser().parse(text):
        if token.type != "heading_open" or token.map is None:
            continue
        start, end = token.map
        level = min(int(token.tag[1]) + under, 6)
        if token.markup in ("=", "-"):  # setext: rewrite as ATX, its text on one line
            if token.level != 0:
                return None
            words = " ".join(line.strip() for line in lines[start : end - 1])
            lines[start] = "#" * level + " " + TRAILING_HASHES.sub(r"\\\1", words, count=1)
            dropped.update(range(start + 1, end))
        else:
            lines[start], found = ATX.subn(_hashes(level), lines[start], count=1)
            if not found:
                return None
    return "\n".join(line for i, line in enumerate(lines) if i not in dropped)


def _hashes(level: int) -> Callable[[re.Match[str]], str]:
    return lambda match: match.group(1) + "#" * level


def _contained(text: str, under: int) -> bool:
    """True when every heading in `text` is below `under` and a heading after it still stands alone."""
    tokens = parser().parse(f"{text}\n\n{'#' * under} {SENTINEL}\n")
    headings = [t for t in tokens if t.type == "heading_open"]
    if len(tokens) < 3 or tokens[-2].content != SENTINEL or tokens[-3].type != "heading_open":
        return False
    last = tokens[-3]
    if last.level != 0 or last.tag != f"h{under}":
        return False
    return all(int(t.tag[1]) > under for t in headings[:-1])
