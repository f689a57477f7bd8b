"""The TUI's last word before the terminal: every rendered line passes mentorlog.terminal's rules.

Textual applies an app's line filters to every line of every widget (tables, Markdown,
inputs, notifications, the header), so this one filter covers whatever a screen shows.
The characters it acts on take no cells when Textual lays a line out; a stand-in takes
one, so the line gives up as many cells at its end and stays exactly as wide.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from mentorlog.terminal import UNSAFE, visible


class TerminalSafe(LineFilter):
    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not any(_needs(segment) for segment in segments):
            return segments
        grown = 0
        out: list[Segment] = []
        for text, style, control in segments:
            if control:
                out.append(Segment(text, style, control))
                continue
            if style is not None and style.link and UNSAFE.search(style.link):
                style = style.update_link(None)  # a link with a control in it could end its OSC 8 sequence early
            if UNSAFE.search(text):
                shown = visible(text)
                grown += cell_len(shown) - cell_len(text)
                text = shown
            out.append(Segment(text, style))
        return _trim(out, grown) if grown > 0 else out


def _needs(segment: Segment) -> bool:
    if segment.control:
        return False
    link = segment.style.link if segment.style is not None else None
    return bool(UNSAFE.search(segment.text) or (link and UNSAFE.search(link)))


def _trim(segments: list[Segment], cells: int) -> list[Segment]:
    """Give up `cells` cells from the end of the line (its padding, as a rule)."""
    out = list(segments)
    index = len(out) - 1
    while cells > 0 and index >= 0:
        text, style, control = out[index]
        if control or not text:
            index -= 1
            continue
        while text and cells > 0:
            cells -= cell_len(text[-1])
            text = text[:-1]
        out[index] = Segment(text, style)
        index -= 1
    return out
