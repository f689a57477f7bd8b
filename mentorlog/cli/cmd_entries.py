"""assess: rating the rubric (`log` is in cmd_log, `timeline` in cmd_timeline)."""

from __future__ import annotations

from mentorlog.cli.context import Context
from mentorlog.cli.parser import UsageError
from mentorlog.journal import assessments
from mentorlog.kinds import Rater, own_rater


def assess(ctx: Context) -> int:
    a = ctx.args
    if a.edit is not None:
        return _correct(ctx)
    on = ctx.date(a.on, "--on", happened=True) or ctx.today
    ratings = [_rating(text) for text in a.ratings]
    connection = ctx.writer()
    pair = ctx.pair(connection)
    rater = a.rater or own_rater(pair.owner_role)
    entry = assessments.record_assessment(connection, pair, ratings, rater=rater, on=on, note=a.note, private=a.private)
    rated = assessments.ratings_of(connection, entry)
    who = "self-assessment" if entry.rater == Rater.SELF else "mentor assessment"
    ctx.print(f"Recorded {who} #{entry.id}{ctx.whose(connection, pair)} on {entry.on}:")
    for name, level, label in rated:
        ctx.print(f"  {name}: {level} ({label})")
    return 0


def _correct(ctx: Context) -> int:
    """`assess --edit ID C=LEVEL[:evidence] C=-`: the assessment's ratings corrected, one edit of it."""
    a = ctx.args
    if a.rater or a.on or a.note or a.private:
        raise UsageError("mentorlog assess: --edit changes ratings only (its date, rater and note: the TUI's form)")
    given = [_rating(text) for text in a.ratings]
    removed = [r.competency for r in given if r.level == "-"]
    changes = [r for r in given if r.level != "-"]
    connection = ctx.writer()
    pair = ctx.pair(connection)
    entry = assessments.change_ratings(connection, pair, a.edit, changes, removed=removed)
    ctx.print(f"Corrected assessment #{entry.id}{ctx.whose(connection, pair)} of {entry.on}:")
    for name, level, label in assessments.ratings_of(connection, entry):
        ctx.print(f"  {name}: {level} ({label})")
    return 0


def _rating(text: str) -> assessments.RatingInput:
    name, sep, rest = text.partition("=")
    if not sep or not name.strip() or not rest.strip():
        raise UsageError(f"mentorlog assess: write each rating as COMPETENCY=LEVEL[:evidence] (not {text!r})")
    level, _, evidence = rest.partition(":")
    return assessments.RatingInput(name.strip(), level.strip(), evidence.strip())
