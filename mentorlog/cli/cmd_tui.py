"""Opening the terminal UI: the one place the command line imports Textual, lazily."""

from __future__ import annotations

import os

from mentorlog.cli.context import TODAY_ENV, Context
from mentorlog.errors import Invalid, JournalRefused


def open_tui(ctx: Context, *, observe: str | None = None) -> int:
    """The TUI on a terminal; the plain status when output goes to a pipe or a file."""
    if not (ctx.out.isatty() and os.isatty(0)):
        from mentorlog.cli.cmd_pairs import status

        return status(ctx)
    _unlock_in_the_window(ctx)
    journal = ctx.journal(create=True)
    # `--pair` is read as every command reads it, before a window opens: an unknown name is one line.
    asked = str(ctx.pair(journal.connection).id) if getattr(ctx.args, "pair", None) else None
    from mentorlog.db import open_journal
    from mentorlog.tui.app import MentorlogApp

    told = None
    while True:
        app = MentorlogApp(journal, today=ctx.today if os.environ.get(TODAY_ENV) else None, observe=observe,
                           pair=asked)  # fmt: skip
        app.told = told
        try:
            app.run()
        finally:
            app.journal.close()  # the journal it ended on (the demo, say), so no -wal or -shm stays behind
        if app.reopen is None:
            return app.return_code or 0
        # The journal file was replaced from the TUI (a restore): open the new one, as a new start would.
        told, journal = app.reopen, open_journal(ctx.journal_path, unlock=ctx.unlock)


def observe(ctx: Context) -> int:
    """The TUI straight into a live observation (the one in progress, or a new one)."""
    if not (ctx.out.isatty() and os.isatty(0)):
        raise Invalid("mentorlog observe needs a terminal: it opens the live capture screen")
    return open_tui(ctx, observe=ctx.args.context or "")


def _unlock_in_the_window(ctx: Context) -> None:
    """An encrypted journal not unlocked otherwise (MENTORLOG_PASSPHRASE, `mentorlog unlock`) has its
    passphrase asked in the terminal UI's own look, before the journal opens."""
    from mentorlog.db.identity import encrypted_header

    path = ctx.journal_path
    try:
        header = encrypted_header(path)
    except JournalRefused:
        return  # no journal yet (it is made), or one refused: opening it says why
    if header is None or ctx.unlocker.ready(path, header):
        return
    from mentorlog.cli.unlocking import unwrap
    from mentorlog.tui.unlock import UnlockApp

    app = UnlockApp(path, lambda passphrase: unwrap(header, passphrase, path))
    key = app.run()
    if key is None:
        raise JournalRefused(app.refusal or f"{path} stays locked: no passphrase was given; nothing was opened")
    ctx.unlocker.learn(header, key)
