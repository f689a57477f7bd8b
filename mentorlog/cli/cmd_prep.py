"""prep: the next session's agenda material, as plain text to print or read before the session."""

from __future__ import annotations

from mentorlog.cli.context import Context
from mentorlog.journal import prep as session_prep


def prep(ctx: Context) -> int:
    connection = ctx.reader()
    gathered = session_prep.prepare(connection, ctx.pair(connection), today=ctx.today)
    ctx.print(session_prep.as_text(gathered).rstrip("\n"))
    return 0
