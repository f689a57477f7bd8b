"""report hours: contact time as a program asks for it (exchange/hours.py lays it out)."""

from __future__ import annotations

from pathlib import Path

from mentorlog.cli.context import Context
from mentorlog.cli.json_out import dumps
from mentorlog.errors import Invalid
from mentorlog.exchange import hours as hours_report
from mentorlog.exchange.atomic import STDOUT, export_text
from mentorlog.exchange.document import read
from mentorlog.exchange.options import ExportOptions
from mentorlog.journal.sharing import Scope


def hours(ctx: Context) -> int:
    a = ctx.args
    start, end = ctx.date(a.start, "--from"), ctx.date(a.end, "--to")
    if start and end and start > end:
        raise Invalid(f"--from {start} is after --to {end}: no days to count")
    settings = ctx.settings
    if settings.requirement_problem:
        raise Invalid(settings.requirement_problem)
    requirement = settings.requirement
    connection = ctx.reader()
    pair = ctx.pair(connection)
    options = ExportOptions(pair, ctx.today, Scope(start, end, a.include_private), requirement=requirement)
    csv = a.format == "csv" and not a.json
    with (
        read(connection, options) as doc,
        export_text(a.out, journal=ctx.journal_path, newline="" if csv else None, stdout=ctx.out) as out,
    ):
        if a.json:
            out.write(dumps(hours_report.shape(doc, log=a.log)) + "\n")
        else:
            hours_report.write(doc, out, fmt=a.format, log=a.log)
    if a.out != STDOUT:
        what = "mentoring log" if a.log else "contact time"
        print(f"Wrote the {what} of {pair.mentor_name} & {pair.mentee_name} to {Path(a.out).expanduser()}",
              file=ctx.err)  # fmt: skip
        ctx.plaintext_note(a.out)  # a report written to a file is an export, and as plaintext
    return 0
