"""User text in the Markdown export renders as text, in the renderers a program coordinator may use.

Generated journals full of HTML and link attacks are exported, rendered with markdown-it
(HTML on: the CommonMark preset) and with Python-Markdown (its defaults), and the HTML is
read back: only the elements Markdown itself makes, no event handler, no link but a web or
mail one, no image.
"""

from __future__ import annotations

import tempfile
from html.parser import HTMLParser
from pathlib import Path

import markdown as python_markdown
from hypothesis import HealthCheck, example, given, settings
from markdown_it import MarkdownIt

from mentorlog.exchange.md_text import block, cell, inline
from mentorlog.journal.sharing import Scope
from tests.journals import HOSTILE, JournalSpec, build, journal_spec
from tests.test_exchange_markdown import markdown

ELEMENTS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "strong", "em", "code", "pre", "table",
            "thead", "tbody", "tr", "th", "td", "blockquote", "hr", "br", "a"}  # fmt: skip
ATTRIBUTES = {"a": {"href"}, "ol": {"start"}, "th": {"style"}, "td": {"style"}, "code": {"class"}}
SCHEMES = ("http://", "https://", "mailto:")


class Inspector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ELEMENTS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name not in ATTRIBUTES.get(tag, set()):
                self.problems.append(f"<{tag} {name}=...>")
            elif name == "href" and not (value or "").strip().lower().startswith(SCHEMES):
                self.problems.append(f"<a href={value!r}>")
            elif name == "style" and not (value or "").startswith("text-align:"):
                self.problems.append(f"<{tag} style={value!r}>")


def live_html(document: str) -> list[str]:
    problems = []
    for html in (MarkdownIt("commonmark").enable("table").render(document), python_markdown.markdown(document)):
        inspector = Inspector()
        inspector.feed(html)
        problems += inspector.problems
    return problems


def test_every_hostile_piece_is_inert_in_each_place_text_goes() -> None:
    for text in HOSTILE:
        for shown in (block(text), f"### {inline(text, line_start=False)}", f"- {inline(text)}",
                      "| a |\n| --- |\n| " + cell(text) + " |"):  # fmt: skip
            assert not live_html(shown), (text, shown, live_html(shown))


def test_a_plain_web_link_stays_a_link() -> None:
    assert 'href="https://example.com/a_b"' in MarkdownIt("commonmark").render(block("[ok](https://example.com/a_b)"))
    assert "<script>" not in python_markdown.markdown(block("<script>alert(1)</script>"))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=journal_spec)
@example(spec=JournalSpec([], [], ["<img src=x onerror=alert(1)>"], "[x](javascript:alert(1))"))
def test_no_export_of_a_hostile_journal_carries_live_html(spec: JournalSpec) -> None:
    with tempfile.TemporaryDirectory() as folder:
        journal, pair = build(spec, Path(folder) / "j.db")
        try:
            document = markdown(journal, pair, Scope(include_private=True))
        finally:
            journal.close()
    assert not live_html(document)
