"""The command line: `main(argv) -> exit status`, the one place errors become messages.

Nothing here imports Textual (the TUI's command imports it when it runs), and a
command imports only its own handler's modules: quick capture (`log`) must start
about as fast as Python does. Every line it prints, result or error, goes through
mentorlog.terminal, so nothing read from a file or typed into an argument reaches
the terminal as a command.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Sequence
from typing import TextIO

from mentorlog.cli.context import Context
from mentorlog.cli.handlers import handler
from mentorlog.cli.parser import UsageError, build_parser, check_text_arguments, glue_signed_dates
from mentorlog.errors import MentorlogError
from mentorlog.terminal import safe


def main(
    argv: Sequence[str] | None = None,
    *,
    out: TextIO | None = None,
    err: TextIO | None = None,
    stdin: TextIO | None = None,
) -> int:
    """Run one command; 0 on success, 1 on a runtime error, 2 on a usage error."""
    out = out or sys.stdout
    err = err or sys.stderr

    def say(line: str) -> None:
        print(safe(line), file=err)

    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(arguments)
    try:
        check_text_arguments(arguments)
        args = parser.parse_args(glue_signed_dates(parser, arguments))
    except UsageError as exc:
        say(str(exc))
        return 2
    except SystemExit as exc:  # --help and --version end here
        return int(exc.code or 0)
    ctx = Context(args, out=out, err=err, argv=arguments, stdin=stdin)
    try:
        key = (args.command, getattr(args, f"{args.command}_command", None)) if args.command else ("tui", None)
        return handler(*key)(ctx)
    except UsageError as exc:
        say(str(exc))
        return 2
    except MentorlogError as exc:
        say(f"mentorlog: {exc}")
        return 1
    except KeyboardInterrupt:
        say("mentorlog: interrupted; nothing half-saved")
        return 130
    except BrokenPipeError:
        return 0  # the reader (head, less) went away: not an error of ours
    except Exception as exc:  # the last guard: no traceback ever reaches a user
        if isinstance(exc, sqlite3.Error):
            say(f"mentorlog: {ctx.explain_database_error(exc)}")
            return 1
        where = ctx.log_crash(exc)
        say(f"mentorlog: unexpected error: {exc.__class__.__name__}: {exc} (details in {where})")
        return 1
    finally:
        ctx.close()
