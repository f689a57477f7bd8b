"""assess and timeline: rating the rubric and reading the journal back (`log` is in cmd_log)."""

from __future__ import annotations

from typing import Any

from mentorlog.cli.context import Context
from mentorlog.cli.parser import UsageError
from mentorlog.cli.render import dumps
from mentorlog.journal import assessments, timeline
from mentorlog.models import Rater, Role
from mentorlog.rules.growth import level_name


def assess(ctx: Context) -> int:
    a = ctx.args
    on = ctx.date(a.on, "--on") or ctx.today
    ratings = [_rating(text) for text in a.ratings]
    with ctx.journal().write() as s:
        pair = ctx.pair(s, used=True)
        rater = a.rater or (Rater.SELF if pair.owner_role == Role.MENTEE else Rater.MENTOR)
        entry = assessments.record_assessment(s, pair, ratings, rater=rater, on=on, note=a.note, private=a.private)
        rated = assessments.ratings_of(s, entry)
    who = "self-assessment" if entry.rater == Rater.SELF else "mentor assessment"
    ctx.print(f"Recorded {who} #{entry.id} on {entry.on}:")
    for name, level in rated:
        ctx.print(f"  {name}: {level} ({level_name(level)})")
    return 0


def _rating(text: str) -> assessments.RatingInput:
    name, sep, rest = text.partition("=")
    if not sep or not name.strip() or not rest.strip():
        raise UsageError(f"mentorlog assess: write each rating as COMPETENCY=LEVEL[:evidence] (not {text!r})")
    level, _, evidence = rest.partition(":")
    return assessments.RatingInput(name.strip(), level.strip(), evidence.strip())


def show_timeline(ctx: Context) -> int:
    a = ctx.args
    kinds = frozenset(k.strip().lower() for k in a.kind)
    unknown = kinds - set(timeline.entry_kinds())
    if unknown:
        known = ", ".join(timeline.entry_kinds())
        raise UsageError(f"mentorlog timeline: --kind is one of {known} (not {', '.join(sorted(unknown))})")
    if a.author and a.author.strip().lower() not in (Role.MENTOR, Role.MENTEE):
        raise UsageError(f"mentorlog timeline: --author is mentor or mentee (not {a.author!r})")
    filters = timeline.Filters(
        start=ctx.date(a.start, "--from"),
        end=ctx.date(a.end, "--to"),
        kinds=kinds,
        goal_id=a.goal,
        tag=a.tag,
        author=a.author.strip().lower() if a.author else None,
        search=a.search,
    )
    if filters.start and filters.end and filters.start > filters.end:
        raise UsageError(f"mentorlog timeline: --from {filters.start} is after --to {filters.end}")
    with ctx.journal().read() as s:
        items = timeline.page(s, ctx.pair(s), filters, limit=a.limit)
    if a.json:
        ctx.print(dumps([_item_json(item) for item in items]))
        return 0
    if not items:
        ctx.print("Nothing in the timeline matches.")
    for item in items:
        flags = " [private]" if item.private else ""
        who = f" ({item.author})" if item.author else ""
        ref = f"#{item.ref_id}" if item.event == "entry" else ""  # a goal event names its goal in the title
        ctx.print(f"{item.on}  {item.kind:<11} {ref:<6} {item.title}{who}{flags}")
    return 0


def _item_json(item: timeline.TimelineItem) -> dict[str, Any]:
    return {
        "on": item.on,
        "kind": item.kind,
        "event": item.event,
        "id": item.ref_id,
        "title": item.title,
        "author": item.author,
        "private": item.private,
        "goal_id": item.goal_id,
        **item.detail,
    }
