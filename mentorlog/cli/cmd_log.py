"""log: quick capture, the command run most often: it imports what writing an entry needs and no more."""

from __future__ import annotations

from typing import Any

from mentorlog.cli.context import Context
from mentorlog.cli.parser import UsageError
from mentorlog.entry_kinds import SPECS, loggable, options
from mentorlog.journal.entry_fields import NextStep, split_title
from mentorlog.kinds import EntryKind, Role
from mentorlog.words import listed, plural

STEP_OPTIONS = ("todo", "mentor_todo")  # a session's agreed next steps, as action items


def log(ctx: Context) -> int:
    a = ctx.args
    kind = a.kind.strip().lower()
    if kind == EntryKind.ASSESSMENT:
        raise UsageError("mentorlog log: an assessment rates the rubric: use 'mentorlog assess COMPETENCY=LEVEL...'")
    if kind not in loggable():
        raise UsageError(f"mentorlog log: KIND must be {listed(list(loggable()))} (not {a.kind!r})")
    takes = {dest: kinds for dest, (_, kinds) in options().items()}
    takes |= {dest: [k for k, spec in SPECS.items() if spec.steps] for dest in STEP_OPTIONS}
    for option, kinds in takes.items():
        if getattr(a, option) not in (None, []) and kind not in kinds:
            flag = "--" + option.replace("_", "-")
            article = "an" if kind[:1] in "aeiou" else "a"
            raise UsageError(f"mentorlog log: {flag} is only for {' or '.join(kinds)} entries, not {article} {kind}")
    text = ctx.read_text(a.text)
    on = ctx.date(a.on, "--on", happened=True) or ctx.today
    title, body = (a.title, text) if a.title else split_title(text)
    steps = [NextStep(t, Role.MENTEE) for t in a.todo] + [NextStep(t, Role.MENTOR) for t in a.mentor_todo]
    wanted: dict[str, Any] = {
        "kind": kind,
        "on": on,
        "title": title,
        "body": body,
        "author": a.author,
        "private": a.private,
        "tags": a.tag,
        "next_steps": steps,
        **_kind_fields(ctx, kind),
    }
    if a.with_pairs:
        return _group_session(ctx, wanted)
    from mentorlog.journal import entries

    connection = ctx.writer()
    pair = ctx.pair(connection)
    if a.template is not None:
        wanted["body"] = _from_template(ctx, connection, pair, kind, on, wanted["body"])
    entry = entries.add_entry(connection, pair, goal_ids=a.goal, **wanted)
    private = " (private)" if entry.private else ""
    ctx.print(f"Logged {entry.kind} #{entry.id}{ctx.whose(connection, pair)} on {entry.on}{private}: {entry.title}")
    if steps:
        ctx.print(f"  {plural(len(steps), 'action item')} added")
    return 0


def _group_session(ctx: Context, wanted: dict[str, Any]) -> int:
    """`log session ... --with Lena --with Omar`: one session in this pair and in each named one."""
    from mentorlog.journal import group_sessions, pairs

    if wanted["kind"] != EntryKind.SESSION:
        raise UsageError(f"mentorlog log: --with is for a session held with several pairs, not a {wanted['kind']}")
    connection = ctx.writer()
    held = [ctx.pair(connection), *(pairs.resolve_pair(connection, ref) for ref in ctx.args.with_pairs)]
    made = group_sessions.add_group_session(connection, held, goal_ids=ctx.args.goal, **wanted)
    names = [pairs.called(connection, pair) for pair in held]
    ctx.print(f"Logged a group session on {made[0].on} with {listed(names, 'and')}: {made[0].title}")
    for pair, entry in zip(held, made, strict=True):
        ctx.print(f"  #{entry.id} for {pairs.called(connection, pair)}")
    return 0


def _from_template(ctx: Context, connection: Any, pair: Any, kind: str, on: Any, body: str) -> str:
    """The notes: the template, its placeholders filled (journal.template_values), then what was typed."""
    from mentorlog import templates
    from mentorlog.journal.template_values import template_values

    text = templates.read(templates.find(kind, ctx.args.template))
    values = template_values(connection, pair, on=on, today=ctx.today, private=ctx.args.private)
    filled, unknown = templates.fill(text, values)
    if unknown:
        ctx.note(f"template {ctx.args.template}: {templates.warning(unknown)}")
    return f"{filled.rstrip()}\n\n{body}" if body.strip() else filled


def _kind_fields(ctx: Context, kind: str) -> dict[str, Any]:
    """The kind's own fields from its options, as its field types read them."""

    def read_day(text: str, prefer: Any) -> Any:
        return ctx.date(text, "--" + field.dest.replace("_", "-"), prefer=prefer)

    found: dict[str, Any] = {}
    for field in SPECS[kind].fields:
        if field.option:
            found[field.name] = field.type.given(getattr(ctx.args, field.dest), read_day)
    return found
