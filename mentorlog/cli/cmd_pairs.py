"""init, pairs and status: the pair and how it stands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mentorlog.cli.context import Context
from mentorlog.cli.json_out import dumps
from mentorlog.cli.json_shapes import action_json, contact_json, goal_json_of, pair_json
from mentorlog.journal import pairs
from mentorlog.words import plural

if TYPE_CHECKING:
    from mentorlog.journal.caseload import PairStanding
    from mentorlog.rules.contact import Requirement


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
        agreement=ctx.read_text(a.agreement),
        new=a.new,
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
    """The caseload: every open pair, who needs a check-in first, and why (`--all`: closed and archived too)."""
    from mentorlog.journal.caseload import caseload
    from mentorlog.rules.caseload import contact_words, next_session_words
    from mentorlog.rules.contact import minutes_words

    connection = ctx.reader()
    found = caseload(connection, today=ctx.today, everything=ctx.args.all, requirement=_requirement(ctx))
    default = pairs.default_pair_id(connection) if len(found) > 1 else None
    if ctx.args.json:
        ctx.print(dumps([_standing_json(standing, default) for standing in found]))
        return 0
    if not found:
        more = "" if ctx.args.all else " (closed ones: 'mentorlog pairs --all')"
        ctx.print(f"No open pairs: create one with 'mentorlog init --mentor NAME --mentee NAME'{more}.")
        return 0
    open_ones = [s for s in found if s.pair.ended_on is None]
    needing = sum(1 for s in open_ones if s.check_in.needed)
    ctx.print(f"Caseload on {ctx.today}: {plural(len(open_ones), 'open pair')}, {needing} needing a check-in")
    for standing in found:
        pair, figures = standing.pair, standing.standing
        ctx.print()
        if pair.ended_on is not None:
            archived = f", archived {pair.archived_on}" if pair.archived_on else ""
            ctx.print(f"  #{pair.id} {pair.label}  closed {pair.ended_on} ({pair.end_reason or 'no reason'}){archived}")
            continue
        chosen = "  (default)" if pair.id == default else ""
        flag = "● " if standing.check_in.needed else "  "
        ctx.print(f"{flag}#{pair.id} {pair.label} · {pair.program}{chosen}")
        if standing.check_in.needed:
            ctx.print(f"    needs a check-in: {'; '.join(standing.check_in.reasons)}")
        ctx.print(
            f"    next session {next_session_words(figures.cadence, today=ctx.today)} · last contact "
            f"{contact_words(figures.days_since_contact)} · {minutes_words(figures.minutes_this_month)} this month"
        )
        ctx.print(
            f"    action items: yours {figures.yours_open} open ({figures.yours_overdue} overdue), "
            f"{standing.other}'s {figures.theirs_open} open ({figures.theirs_overdue} overdue) · "
            f"{plural(figures.goals_behind, 'goal')} behind pace"
        )
        if standing.contact is not None:
            ctx.print(f"    contact time since {standing.contact.start}: {standing.contact.short()}")
    if len(open_ones) > 1 and default is None:
        ctx.print()
        ctx.print("None is chosen: 'mentorlog pair use NAME|ID' picks the one commands without --pair are about.")
    return 0


def _standing_json(standing: PairStanding, default: int | None) -> dict[str, object]:
    pair, figures = standing.pair, standing.standing
    open_ = pair.ended_on is None
    return {
        "id": pair.id,
        "uid": pair.uid,
        "mentor_name": pair.mentor_name,
        "mentee_name": pair.mentee_name,
        "program": pair.program,
        "owner_role": pair.owner_role,
        "started_on": pair.started_on,
        "ended_on": pair.ended_on,
        "end_reason": pair.end_reason,
        "archived_on": pair.archived_on,
        "cadence_days": pair.cadence_days,
        "chosen": pair.id == default,
        "next_session_on": figures.cadence.next_session_on if open_ else None,
        "days_late": figures.cadence.days_late if open_ else 0,
        "last_contact_on": standing.last_contact_on,
        "days_since_contact": figures.days_since_contact,
        "yours_open": figures.yours_open,
        "yours_overdue": figures.yours_overdue,
        "theirs_open": figures.theirs_open,
        "theirs_overdue": figures.theirs_overdue,
        "goals_behind": figures.goals_behind,
        "minutes_this_month": figures.minutes_this_month,
        "contact": contact_json(standing.contact),
        "needs_check_in": standing.check_in.needed,
        "reasons": standing.check_in.reasons,
    }


def status(ctx: Context) -> int:
    """The journal at a glance: what a mentor wants to see before anything else."""
    # Here rather than at the top: `pairs` and `init` need none of it.
    from mentorlog.cli.render import overdue_note
    from mentorlog.journal.overview import overview
    from mentorlog.rules import health as health_rules
    from mentorlog.rules.cadence import since_last

    today = ctx.today
    if ctx.args.command is None and not ctx.journal_path.exists():
        return _welcome(ctx)
    connection = ctx.reader()
    if ctx.args.command is None and not pairs.has_pair(connection):
        return _welcome(ctx)
    view = overview(connection, ctx.pair(connection), today=today, recent=5, requirement=_requirement(ctx))
    pair, health = view.pair, view.cadence
    if ctx.args.json:
        ctx.print(dumps({
            "pair": pair_json(pair),
            "next_session": {"on": health.next_session_on, "state": str(health.state), "days_late": health.days_late,
                             "days_since_last": health.days_since_last},
            "open_actions": [action_json(item, today) for item in view.open_actions],
            "active_goals": [goal_json_of(goal_view) for goal_view in view.active_goals],
            "recent": [{"on": e.on, "kind": e.kind, "id": e.ref_id, "title": e.title, "private": e.private}
                       for e in view.recent],
            "health": health_rules.describe(view.health, cadence_days=pair.cadence_days),
            "contact": contact_json(view.contact),
        }))  # fmt: skip
        return 0
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
        ctx.print(f"  #{goal_view.goal.id} {goal_view.shown()}{pace}  {goal_view.goal.title}")
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
    ctx.print(f"  {view.contact.line()}")
    return 0


def _requirement(ctx: Context) -> Requirement | None:
    """The program's contact-time requirement from config.toml; one that cannot be read is named, not used."""
    settings = ctx.settings
    if settings.requirement_problem:
        ctx.note(settings.requirement_problem)
        return None
    return settings.requirement


def _welcome(ctx: Context) -> int:
    ctx.print("Welcome to mentorlog: a journal for one mentor and one mentee, kept in one file you own.")
    ctx.print(f"Your journal lives at {ctx.journal_path}")
    ctx.print()
    ctx.print("Start it:            mentorlog init --mentor NAME --mentee NAME [--role mentee]")
    ctx.print("Or explore a sample: mentorlog demo")
    ctx.print("Every command:       mentorlog --help")
    return 0
