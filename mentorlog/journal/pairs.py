"""Creating, listing and choosing mentoring pairs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from mentorlog.errors import Invalid, NotFound
from mentorlog.journal import validate
from mentorlog.models import (
    DEFAULT_RUBRIC,
    Competency,
    Entry,
    EntryKind,
    Pair,
    Program,
    Role,
    key,
    utcnow,
)


@dataclass(frozen=True)
class PairSummary:
    pair: Pair
    sessions: int
    entries: int
    last_session_on: dt.date | None


def create_pair(
    s: Session,
    *,
    mentor: str,
    mentee: str,
    today: dt.date,
    program: str = Program.INDUCTION,
    role: str = Role.MENTOR,
    cadence_days: int = 14,
    started_on: dt.date | None = None,
    agreement: str = "",
) -> Pair:
    """A new pair with the default competency rubric seeded."""
    pair = Pair(
        mentor_name=validate.line(mentor, "mentor name", required=True),
        mentee_name=validate.line(mentee, "mentee name", required=True),
        program=validate.choice(program, Program, "program"),
        owner_role=validate.choice(role, Role, "role"),
        cadence_days=validate.positive(cadence_days, "cadence (days)", high=365) or 14,
        started_on=validate.day(started_on, "started on") or today,
        agreement=validate.text(agreement, "agreement"),
        last_used_at=utcnow(),
    )
    if pair.mentor_name.casefold() == pair.mentee_name.casefold():
        raise Invalid("mentor and mentee must be two different people")
    s.add(pair)
    s.flush()
    for position, name in enumerate(DEFAULT_RUBRIC, start=1):
        s.add(Competency(pair_id=key(pair), name=name, position=position))
    s.flush()
    return pair


def has_pair(s: Session) -> bool:
    """Whether the journal holds a pair yet: one row looked at, not every entry counted."""
    return s.exec(select(Pair.id).limit(1)).first() is not None


def list_pairs(s: Session) -> list[PairSummary]:
    sessions = func.sum(func.iif(col(Entry.kind) == EntryKind.SESSION, 1, 0))
    last = func.max(func.iif(col(Entry.kind) == EntryKind.SESSION, col(Entry.on), None))
    rows = s.exec(
        select(Pair, func.count(col(Entry.id)), sessions, last)
        .join(Entry, col(Entry.pair_id) == col(Pair.id), isouter=True)
        .group_by(col(Pair.id))
        .order_by(col(Pair.id))
    ).all()
    return [
        PairSummary(pair, int(sessions or 0), int(count or 0), _as_date(last_on))
        for pair, count, sessions, last_on in rows
    ]


def resolve_pair(s: Session, ref: str | None) -> Pair:
    """The pair named by id or name; without a name, the only pair or the last one used."""
    if ref is None or not ref.strip():
        last_used = select(Pair).order_by(col(Pair.last_used_at).desc().nulls_last(), col(Pair.id).desc()).limit(1)
        pair = s.exec(last_used).first()
        if pair is None:
            raise NotFound(
                "no mentoring pair in this journal yet: create one with "
                "'mentorlog init --mentor NAME --mentee NAME' (or try 'mentorlog demo')"
            )
        return pair
    ref = ref.strip()
    if ref.lstrip("#").isdigit():
        number = int(ref.lstrip("#"))
        pair = s.get(Pair, number) if number <= validate.LARGEST_ID else None
        if pair is None:
            raise NotFound(f"no pair #{ref.lstrip('#')} (see 'mentorlog pairs')")
        return pair
    wanted = ref.casefold()
    pairs = s.exec(select(Pair)).all()
    exact = [p for p in pairs if wanted in (p.mentor_name.casefold(), p.mentee_name.casefold())]
    matches = exact or [p for p in pairs if wanted in p.mentor_name.casefold() or wanted in p.mentee_name.casefold()]
    if not matches:
        raise NotFound(f"no pair with a mentor or mentee named {ref!r} (see 'mentorlog pairs')")
    if len(matches) > 1:
        ids = ", ".join(f"#{p.id} {p.label}" for p in matches)
        raise Invalid(f"{ref!r} names more than one pair ({ids}): use the pair's number")
    return matches[0]


def mark_used(s: Session, pair: Pair) -> None:
    """Remember the pair as the most recently used, without counting it as an edit."""
    pair.last_used_at = utcnow()
    s.add(pair)


def competencies(s: Session, pair: Pair) -> list[Competency]:
    return list(
        s.exec(select(Competency).where(Competency.pair_id == pair.id).order_by(col(Competency.position))).all()
    )


def _as_date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
