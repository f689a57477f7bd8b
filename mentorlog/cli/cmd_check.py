"""check: is the journal file sound?"""

from __future__ import annotations

from mentorlog.cli.context import Context
from mentorlog.db.integrity import check_journal


def check(ctx: Context) -> int:
    journal = ctx.journal()
    assert journal.found is not None
    findings = check_journal(journal.found)
    ctx.print(f"Journal {journal.path}")
    for finding in findings:
        ctx.print(f"  {'ok ' if finding.ok else 'BAD'}  {finding.what}")
    problems = [f for f in findings if not f.ok]
    if problems:
        ctx.note(f"{len(problems)} problem{'s' if len(problems) > 1 else ''} found in {journal.path}")
        return 1
    return 0
