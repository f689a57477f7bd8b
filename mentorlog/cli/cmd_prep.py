"""prep: the next session's agenda material, as plain text to print or read before the session."""

from __future__ import annotations

from mentorlog.cli.context import Context
from mentorlog.journal import prep as session_prep


def prep(ctx: Context) -> int:
    connection = ctx.reader()
    gathered = session_prep.prepare(connection, ctx.pair(connection), today=ctx.today)
    if ctx.args.json:
        from mentorlog.cli.json_out import dumps
        from mentorlog.cli.json_shapes import action_json, goal_json_of

        last = gathered.last_session
        ctx.print(dumps({
            "next_session_on": gathered.next_session_on,
            "last_session": None if last is None else {"id": last.id, "on": last.on, "title": last.title},
            "next_focus": gathered.next_focus,
            "open_actions": [action_json(item, ctx.today) for item in gathered.actions],
            "goals_to_discuss": [goal_json_of(view) for view in gathered.goals],
            "since_last_session": [{"id": e.id, "on": e.on, "kind": e.kind, "title": e.title} for e in gathered.since],
            "gaps": [{"competency": g.competency, "gap": g.gap} for g in gathered.gaps],
            "agenda": session_prep.as_text(gathered),
        }))  # fmt: skip
        return 0
    ctx.print(session_prep.as_text(gathered).rstrip("\n"))
    return 0
