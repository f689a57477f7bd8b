"""What of a text may reach a terminal: the one place that decides, for the CLI and the TUI alike.

Text in the journal may hold what no one typed: an escape sequence written into the
file by another program (a colour change, an OSC 52 clipboard write, a new window
title), a carriage return from another person's import that rewrites the line before
it, or a bidi override or invisible character that makes a line read other than it
is. None of it is ever sent to a terminal as it is:

- C0 and C1 controls (but newline and tab) are shown as visible stand-ins: ESC is ␛;
- bidi embeddings, overrides, isolates and marks are dropped, so a line reads in the
  order it is stored (text in right-to-left scripts still reads right: the terminal's
  own bidi, where it has one, needs none of them);
- invisible characters (zero-width space, word joiner, BOM, tag characters,
  interlinear annotations) are dropped; the joiners that emoji and some scripts need
  (U+200C, U+200D) stay;
- CR, CRLF and the Unicode line and paragraph separators end a line, as typed text does.

`safe` is for text shown as text; `json_safe` keeps a JSON document exact and still
safe to print (the same characters become \\u escapes); `unsafe_in` tells `check`
which stored values hold any of them.
"""

from __future__ import annotations

import re
from functools import cache

_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_INVISIBLE = "\u180e\u200b\u2060\u2061\u2062\u2063\u2064\ufeff\ufff9\ufffa\ufffb"
_TAGS = (0xE0000, 0xE007F)  # language tag characters: invisible, and used to smuggle text


class _Rules:
    """The patterns and tables, made on first use: plain ASCII output (most of a command's) needs none."""

    def __init__(self) -> None:
        # The controls that end a line, as the journal stores line ends.
        self.line_ends = re.compile("\r\n|[\r\u2028\u2029\x85]")
        table: dict[int, str | None] = {}
        for code in range(0x20):
            if chr(code) not in "\n\t":
                table[code] = chr(0x2400 + code)  # the Control Pictures block: ␀ ... ␟
        table[0x7F] = "\u2421"  # ␡
        for code in range(0x80, 0xA0):
            table[code] = "\ufffd"  # C1 controls (0x9B is a CSI on some terminals) have no pictures
        for ch in _BIDI + _INVISIBLE:
            table[ord(ch)] = None
        for code in range(_TAGS[0], _TAGS[1] + 1):
            table[code] = None
        self.table = table
        # For one rendered line of a screen, where a line end can only be shown, not obeyed.
        self.one_line = table | {ord(ch): "\u2424" for ch in "\n\u2028\u2029"}  # ␤
        self.unsafe = re.compile(
            "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff"
            + _BIDI
            + _INVISIBLE
            + f"{chr(_TAGS[0])}-{chr(_TAGS[1])}"
            + "]"
        )
        self.surrogate = re.compile("[\ud800-\udfff]")


@cache
def _rules() -> _Rules:
    return _Rules()


def __getattr__(name: str) -> re.Pattern[str]:
    """`UNSAFE`: every character `safe` would change (the TUI's line filter and the tests match it)."""
    if name == "UNSAFE":
        return _rules().unsafe
    raise AttributeError(name)


def safe(text: str) -> str:
    """`text` as it may be written to a terminal: line ends normalised, controls visible, overrides gone."""
    # Every character changed here is one Python does not call printable (Cc, Cf, Cs, Zl, Zp), so
    # printable text, ASCII or not, is left as it is without a search.
    if text.isprintable():
        return text
    rules = _rules()
    if text.isascii() and not rules.unsafe.search(text):
        return text
    text = rules.line_ends.sub("\n", text)
    # A lone surrogate (an argument the shell could not decode) cannot be written at all.
    return rules.surrogate.sub("\ufffd", text).translate(rules.table)


def safe_line(text: str) -> str:
    """`text` on one line (a title in a list, a value in a message)."""
    return " ".join(safe(text).split())


def visible(text: str) -> str:
    """`text` character for character, each one `safe` would change shown or dropped (for a laid-out line)."""
    rules = _rules()
    return rules.surrogate.sub("\ufffd", text).translate(rules.one_line)


def json_safe(document: str) -> str:
    """A JSON text with every character `safe` would change written as a \\u escape: exact, and printable."""
    if document.isprintable():  # as in safe(): nothing printable is escaped
        return document
    return _rules().unsafe.sub(lambda match: f"\\u{ord(match.group()):04x}" if ord(match.group()) < 0x10000 else
                      _surrogate_pair(ord(match.group())), document)  # fmt: skip


def _surrogate_pair(code: int) -> str:
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def unsafe_in(text: str) -> str | None:
    """The first character of `text` that `safe` would change, as U+XXXX (None if there is none)."""
    found = _rules().unsafe.search(text)
    return None if found is None else f"U+{ord(found.group()):04X}"
