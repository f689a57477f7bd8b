"""init, pairs and status: the pair and how it stands."""

from __future__ import annotations

from mentorlog.cli.context import Context
from mentorlog.cli.json_out import dumps
from mentorlog.journal import pairs
from mentorlog.words import plural


def init(ctx: Context) -> int:
    a = ctx.args
    started = ctx.date(a.started, "--started")
    connection = ctx.writer(create=True)
    pair = pairs.create_pair(
        connection,
        mentor=a.mentor,
        mentee=a.mentee,
        today=ctx.today,
        program=a.program,
        role=a.role,
        cadence_days=a.cadence,
        started_on=started,
        agreement=a.agreement,
    )
    rubric = pairs.competencies(connection, pair)
    ctx.print(f"Created pair #{pair.id}: {pair.mentor_name} (mentor) & {pair.mentee_name} (mentee)")
    ctx.print(
        f"  {pair.program}, a session every {plural(pair.cadence_days, 'day')} from {pair.started_on}; "
        f"this is the {pair.owner_role}'s journal"
    )
    ctx.print(
        f"  rubric: {plural(len(rubric), 'competency', 'competencies')} ({', '.join(c.name for c in rubric[:3])}, ...)"
    )
    ctx.print(f"  journal: {ctx.journal().path}")
    count = pairs.pair_count(connection)
    if count > 1:
        ctx.print(
            f"  this journal now holds {plural(count, 'pair')}: commands without --pair use the one chosen with "
            f"'mentorlog pair use NAME|ID' (#{pair.id} for this one)"
        )
    return 0


def use(ctx: Context) -> int:
    """Choose the default pair: every command without --pair, and the TUI, are about it from now on."""
    connection = ctx.writer()
    pair = pairs.choose_pair(connection, ctx.args.ref)
    ctx.print(f"Commands without --pair are now about #{pair.id} {pair.label}")
    return 0


def list_pairs(ctx: Context) -> int:
    connection = ctx.reader()
    summaries = pairs.list_pairs(connection)
    default = pairs.default_pair_id(connection) if len(summaries) > 1 else None
    if ctx.args.json:
        ctx.print(dumps([_pair_json(summary) for summary in summaries]))
        return 0
    if not summaries:
        ctx.print("No pairs yet: create one with 'mentorlog init --mentor NAME --mentee NAME'.")
    for summary in summaries:
        pair = summary.pair
        last = f", last {summary.last_session_on}" if summary.last_session_on else ""
        ended = f", ended {pair.ended_on}" if pair.ended_on else ""
        chosen = "  (default)" if pair.id == default else ""
        ctx.print(
            f"#{pair.id}  {pair.label}  {pair.program}  since {pair.started_on}{ended}  "
            f"every {pair.cadence_days} d  {plural(summary.sessions, 'session')}{last}, "
            f"{plural(summary.entries, 'entry', 'entries')}{chosen}"
        )
    if len(summaries) > 1 and default is None:
        ctx.print("None is chosen: 'mentorlog pair use NAME|ID' picks the one commands without --pair are about.")
    return 0


def _pair_json(summary: pairs.PairSummary) -> dict[str, object]:
    pair = summary.pair
    return {
        "id": pair.id,
        "uid": pair.uid,
        "mentor_name": pair.mentor_name,
        "mentee_name": pair.mentee_name,
        "program": pair.program,
        "started_on": pair.started_on,
        "ended_on": pair.ended_on,
        "cadence_days": pair.cadence_days,
        "owner_role": pair.owner_role,
        "sessions": summary.sessions,
        "entries": summary.entries,
        "last_session_on": summary.last_session_on,
    }


def status(ctx: Context) -> int:
    """The journal at a glance: what a mentor wants to see before anything else."""
    # Here rather than at the top: `pairs` and `init` need none of it.
    from mentorlog.cli.render import overdue_note
    from mentorlog.journal.overview import overview
    from mentorlog.rules import health as health_rules
    from mentorlog.rules.cadence import since_last
    from mentorlog.rules.progress import progress_bar as bar

    today = ctx.today
    if ctx.args.command is None and not ctx.journal_path.exists():
        return _welcome(ctx)
    connection = ctx.reader()
    if ctx.args.command is None and not pairs.has_pair(connection):
        return _welcome(ctx)
    view = overview(connection, ctx.pair(connection), today=today, recent=5)
    pair, health = view.pair, view.cadence
    ctx.print(f"{pair.label} · {pair.program} · pair #{pair.id} · {pair.owner_role}'s journal")
    since = since_last(health.days_since_last)
    late = f", {health.days_late} d late" if health.days_late else ""
    ctx.print(f"Next session {health.next_session_on} ({health.state}{late}); {since}; cadence {pair.cadence_days} d")
    ctx.print()
    ctx.print(f"Action items ({len(view.open_actions)} open)")
    for item in view.open_actions[:8]:
        private = "  (private)" if item.private else ""
        ctx.print(f"  #{item.id} [{item.owner}] {item.text}  {overdue_note(item.due_on, today)}".rstrip() + private)
    ctx.print()
    ctx.print(f"Active goals ({len(view.active_goals)})")
    for goal_view in view.active_goals:
        pace = f"  {goal_view.pace}" if goal_view.pace else ""
        ctx.print(f"  #{goal_view.goal.id} {bar(goal_view.percent)}{pace}  {goal_view.goal.title}")
    ctx.print()
    ctx.print("Recent entries")
    for event in view.recent:
        ctx.print(
            f"  {event.on}  {event.kind:<11} #{event.ref_id} {event.title}{' (private)' if event.private else ''}"
        )
    ctx.print()
    ctx.print("Relationship health")
    recent_months = view.health.months[-12:]
    if recent_months:
        ctx.print("  " + " ".join(f"{m.first_day:%b}" for m in recent_months) + "  sessions against the cadence:")
        glyphs = " ".join(f"{health_rules.heat(m):^3}" for m in recent_months)
        ctx.print(f"  {glyphs}  {health_rules.HEAT_KEY}")
    for line in health_rules.describe(view.health, cadence_days=pair.cadence_days):
        ctx.print(f"  {line}")
    return 0


def _welcome(ctx: Context) -> int:
    ctx.print("Welcome to mentorlog: a journal for one mentor and one mentee, kept in one file you own.")
    ctx.print(f"Your journal lives at {ctx.journal_path}")
    ctx.print()
    ctx.print("Start it:            mentorlog init --mentor NAME --mentee NAME [--role mentee]")
    ctx.print("Or explore a sample: mentorlog demo")
    ctx.print("Every command:       mentorlog --help")
    return 0
