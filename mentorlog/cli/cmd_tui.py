"""Opening the terminal UI: the one place the command line imports Textual, lazily."""

from __future__ import annotations

import os

from mentorlog.cli.context import TODAY_ENV, Context


def open_tui(ctx: Context) -> int:
    """The TUI on a terminal; the plain status when output goes to a pipe or a file."""
    if not (ctx.out.isatty() and os.isatty(0)):
        from mentorlog.cli.cmd_pairs import status

        return status(ctx)
    journal = ctx.journal(create=True)
    from mentorlog.tui.app import MentorlogApp

    app = MentorlogApp(journal, today=ctx.today if os.environ.get(TODAY_ENV) else None)
    app.run()
    return app.return_code or 0
