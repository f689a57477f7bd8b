"""check: is the journal file sound?"""

from __future__ import annotations

from mentorlog.cli.context import Context
from mentorlog.db.integrity import check_journal
from mentorlog.words import plural


def check(ctx: Context) -> int:
    journal = ctx.journal()
    assert journal.found is not None
    findings = check_journal(journal.found)
    problems = [f for f in findings if not f.ok]
    if ctx.args.json:
        from mentorlog.cli.json_out import dumps

        found = [{"ok": f.ok, "what": f.what} for f in findings]
        ctx.print(dumps({"journal": str(journal.path), "ok": not problems, "findings": found}))
        return 1 if problems else 0
    ctx.print(f"Journal {journal.path}")
    for finding in findings:
        ctx.print(f"  {'ok ' if finding.ok else 'BAD'}  {finding.what}")
    if problems:
        ctx.note(f"{plural(len(problems), 'problem')} found in {journal.path}")
        return 1
    return 0
