"""`mentorlog ARGS` with the Markdown export's escaping taken out: what the rest of it costs.

A measure, not a way to export (the document it writes does not hold user text safely).
The export reads, lays out and writes exactly as it does; only md_text's block, inline
and table cells come back as given. run.py times it beside the real export and jrnl's:
no escaping can make the export faster than this.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from mentorlog.cli import main
from mentorlog.exchange import markdown, md_timeline


def as_given(text: str, **_: object) -> str:
    return text


def plain_table(header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows]) + "\n"


for module in (markdown, md_timeline):
    module.block = module.inline = as_given  # type: ignore[assignment]
    module.table = plain_table  # type: ignore[assignment]

if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
