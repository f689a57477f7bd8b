"""JSON export and merge import: lossless, idempotent, newest wins, and refusals that change nothing."""

from __future__ import annotations

import copy
import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from mentorlog.db import Journal, open_journal
from mentorlog.errors import Invalid
from mentorlog.exchange.json_export import to_document
from mentorlog.exchange.json_import import Report, import_pairs, read_document
from mentorlog.exchange.options import ExportOptions
from mentorlog.journal import assessments, entries, pairs
from mentorlog.journal.sharing import Scope
from mentorlog.models import Pair
from tests.journals import TODAY, JournalSpec, build, journal_spec

EVERYTHING = Scope(include_private=True)
# One exported_at for every export, so two exports of the same records compare equal; later than any
# record's stamp, as a real export's is (a stamp after its file's export is clamped to it on import).
NOW = dt.datetime.now(dt.UTC).replace(microsecond=0) + dt.timedelta(days=1)


def export(journal: Journal, scope: Scope = EVERYTHING, pair_name: str | None = None) -> dict[str, Any]:
    with journal.read() as s:
        pair = pairs.resolve_pair(s, pair_name)
        return to_document(s, ExportOptions(pair, TODAY, scope), now=NOW)


def load(journal: Journal, document: dict[str, Any] | str, **kwargs: Any) -> Report:
    text = document if isinstance(document, str) else json.dumps(document)
    with journal.write() as s:
        return import_pairs(s, read_document(text, "export.json"), **({"role": "mentor"} | kwargs))


def dump(journal: Journal) -> list[tuple[Any, ...]]:
    """Every row of every table, to prove a refused import changed nothing."""
    with journal.read() as connection:
        names = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return [(name, *row) for name in names for row in connection.execute(f"SELECT * FROM '{name}'")]


@pytest.fixture
def empty(tmp_path: Path) -> Journal:
    return open_journal(tmp_path / "empty.db", create=True)


def test_demo_round_trip_is_identical(demo: tuple[Journal, Pair], empty: Journal) -> None:
    journal, _ = demo
    first = export(journal)
    report = load(empty, first)
    assert report.counts["entries"].added == len(first["pairs"][0]["entries"]) > 20
    assert report.counts["ratings"].added > 0 and report.counts["action_items"].added > 0
    assert export(empty) == first
    assert "chosen_at" not in first["pairs"][0] and "id" not in first["pairs"][0]["entries"][0]


def test_importing_twice_is_the_same_as_once(demo: tuple[Journal, Pair], empty: Journal) -> None:
    journal, _ = demo
    document = export(journal)
    load(empty, document)
    before = dump(empty)
    again = load(empty, document)
    assert again.changed == 0
    assert all(c.added == c.updated == 0 for c in again.counts.values())
    assert again.counts["entries"].unchanged == len(document["pairs"][0]["entries"])
    assert dump(empty) == before


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=journal_spec)
def test_round_trip_of_generated_journals(spec: JournalSpec) -> None:
    with tempfile.TemporaryDirectory() as folder:
        journal, _ = build(spec, Path(folder) / "a.db")
        copy_ = open_journal(Path(folder) / "b.db", create=True)
        try:
            first = export(journal)
            load(copy_, first)
            assert export(copy_) == first
            assert load(copy_, first).changed == 0
        finally:
            journal.close()
            copy_.close()


def test_newer_updated_at_wins_either_way(demo: tuple[Journal, Pair], empty: Journal) -> None:
    journal, pair = demo
    load(empty, export(journal))
    with journal.write() as s:
        entry = entries.add_entry(s, pair, kind="note", on=TODAY, title="Shared note", body="v1")
        entry_id = int(entry.id or 0)
    load(empty, export(journal))
    with journal.write() as s:
        entries.update_entry(s, pair, entry_id, body="v2 from the mentor", tags=["planning"])
    newer = export(journal)
    report = load(empty, newer)
    assert (report.counts["entries"].updated, report.counts["entries"].added) == (1, 0)
    assert export(empty) == newer
    # An older copy does not overwrite the newer one.
    stale = copy.deepcopy(newer)
    note = next(e for e in stale["pairs"][0]["entries"] if e["title"] == "Shared note")
    note["body"] = "old text"
    note["updated_at"] = "2000-01-01T00:00:00.000000+00:00"
    assert load(empty, stale).counts["entries"].updated == 0
    assert export(empty) == newer


def test_editing_ratings_keeps_their_uids_and_marks_the_assessment_edited(demo: tuple[Journal, Pair]) -> None:
    journal, pair = demo
    with journal.write() as s:
        entry = assessments.record_assessment(
            s, pair, [assessments.RatingInput("1", 2), assessments.RatingInput("2", 3)], rater="self", on=TODAY
        )
        entry_id, stamp = int(entry.id or 0), entry.updated_at
        uids = {r.uid for _, r in assessments.ratings_detail(s, entry)}
    with journal.write() as s:
        edited = assessments.update_ratings(
            s, pair, entry_id, [assessments.RatingInput("1", 4), assessments.RatingInput("2", 3)]
        )
        assert {r.uid for _, r in assessments.ratings_detail(s, edited)} == uids
        assert edited.updated_at > stamp


def test_the_mentor_mentee_exchange(tmp_path: Path) -> None:
    mentor = open_journal(tmp_path / "mentor.db", create=True)
    mentee = open_journal(tmp_path / "mentee.db", create=True)
    with mentor.write() as s:
        pair = pairs.create_pair(s, mentor="Maria Okafor", mentee="Jordan Lee", today=TODAY, role="mentor")
        entries.add_entry(
            s, pair, kind="session", on=TODAY, title="First session", agenda="Routines", tags=["planning"]
        )
    with mentee.write() as s:
        pair = pairs.create_pair(s, mentor="maria okafor", mentee="Jordan Lee", today=TODAY, role="mentee")
        entries.add_entry(
            s, pair, kind="reflection", on=TODAY, title="After the session", went_well="Timer", tags=["planning"]
        )
        entries.add_entry(s, pair, kind="note", on=TODAY, title="Just for me", private=True)
        assessments.record_assessment(s, pair, [assessments.RatingInput("1", 2)], rater="self", on=TODAY)
    shared = export(mentee, Scope())  # without private entries
    assert [e["title"] for e in shared["pairs"][0]["entries"]] == ["After the session", "Self-assessment: 1 competency"]

    report = load(mentor, shared)
    assert report.counts["pairs"].added == 0, "the pair is recognised by its names"
    assert report.counts["competencies"].added == 0, "the rubric is matched by name"
    with mentor.read() as s:
        assert len(pairs.list_pairs(s)) == 1
        pair = pairs.resolve_pair(s, None)
        assert pair.owner_role == "mentor", "whose journal it is does not change"
        titles = {
            (e["title"], e["author"])
            for e in to_document(s, ExportOptions(pair, TODAY, EVERYTHING))["pairs"][0]["entries"]
        }
    assert ("After the session", "mentee") in titles
    assert ("Self-assessment: 1 competency", "mentee") in titles
    assert ("First session", "mentor") in titles
    assert not any(title == "Just for me" for title, _ in titles)
    with mentor.read() as s:
        tags = s.execute("SELECT name FROM tag").fetchall()
        assert tags == [("planning",)], "a tag is the same tag in both files when its name is"
    # And back: the mentee gets the mentor's session, nothing doubles.
    load(mentee, export(mentor, Scope()))
    assert load(mentee, export(mentor, Scope())).changed == 0
    with mentee.read() as s:
        assert len(pairs.list_pairs(s)) == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json at all", "is not valid JSON"),
        ("", "is empty"),
        ('{"format": "mentorlog", "version": 1, "pairs": [', "cut short"),
        ("[1, 2, 3]", "not a mentorlog export"),
        ('{"format": "jrnl", "entries": []}', "not a mentorlog export"),
        ('{"format": "mentorlog", "version": 99, "pairs": []}', "newer mentorlog (format v99"),
        ('{"format": "mentorlog", "version": "1", "pairs": []}', "no valid version"),
        ('{"format": "mentorlog", "version": 1, "pairs": {}}', '"pairs" must be a list'),
        ('{"format": "mentorlog", "version": 1, "pairs": [NaN]}', "NaN"),
    ],
)
def test_refused_documents_change_nothing(demo: tuple[Journal, Pair], text: str, message: str) -> None:
    journal, _ = demo
    before = dump(journal)
    with pytest.raises(Invalid, match=message.replace("(", r"\(")):
        load(journal, text)
    assert dump(journal) == before


def _broken(document: dict[str, Any], how: str) -> dict[str, Any]:
    broken = copy.deepcopy(document)
    pair = broken["pairs"][0]
    if how == "missing parent":
        pair["milestones"][0]["goal"] = "00000000-0000-4000-8000-000000000000"
    elif how == "missing rating entry":
        pair["ratings"][-1]["entry"] = "00000000-0000-4000-8000-000000000001"
    elif how == "bad date":
        pair["entries"][-1]["on"] = "2026-02-30"
    elif how == "bad kind":
        pair["entries"][-1]["kind"] = "diary"
    elif how == "number as text":
        pair["progress_updates"][0]["value"] = "six"
    elif how == "duplicate uid":
        pair["entries"].append(copy.deepcopy(pair["entries"][0]))
    elif how == "control character":
        pair["entries"][0]["body"] = "bell\x07"
    elif how == "no uid":
        del pair["goals"][0]["uid"]
    elif how == "rated twice":
        pair["ratings"][1]["competency"] = pair["ratings"][0]["competency"]
    return broken


@pytest.mark.parametrize(
    ("how", "message"),
    [
        ("missing parent", "goal 00000000-0000-4000-8000-000000000000 is neither in the file nor in this journal"),
        ("missing rating entry", "its entry .* is not in the file"),
        ("bad date", r"entries\[\d+\]: on must be an ISO date"),
        ("bad kind", "kind must be one of"),
        ("number as text", "value must be a finite number"),
        ("duplicate uid", "appears twice"),
        ("control character", "control character"),
        ("no uid", "uid is missing"),
        ("rated twice", "contradicts itself or this journal"),
    ],
)
def test_bad_records_are_refused_whole(demo: tuple[Journal, Pair], empty: Journal, how: str, message: str) -> None:
    journal, _ = demo
    document = export(journal)
    before = dump(empty)
    with pytest.raises(Invalid, match=message):
        load(empty, _broken(document, how))
    assert dump(empty) == before


@pytest.mark.parametrize("kind", ["competencies", "milestones", "action_items"])
@pytest.mark.parametrize("newer", [False, True])
def test_a_uid_of_another_pair_here_is_refused_unchanged_or_newer(
    demo: tuple[Journal, Pair], kind: str, newer: bool
) -> None:
    journal, _ = demo
    document = export(journal)
    with journal.write() as s:
        other = pairs.create_pair(s, mentor="Noor Haddad", mentee="Leo Park", today=TODAY)
        other_values = {"uid": other.uid, "mentor_name": other.mentor_name, "mentee_name": other.mentee_name}
    pair = document["pairs"][0] | other_values  # the file is about the other pair: its records are not
    fresh = {name: [] for name in ("competencies", "tags", "goals", "milestones", "progress_updates", "entries")}
    fresh |= {"ratings": [], "action_items": []}
    theirs = copy.deepcopy(pair[kind][0])
    if kind == "milestones":  # its goal is new here: only the milestone itself is the demo pair's
        goal = dict(pair["goals"][0], uid="new-goal")
        fresh["goals"], theirs["goal"] = [goal], "new-goal"
    if kind == "action_items":
        theirs["entry"] = None
    if newer:
        theirs["updated_at"] = "2030-01-01T00:00:00.000000+00:00"
    fresh[kind] = [*fresh[kind], theirs]
    document["pairs"] = [pair | fresh]
    with pytest.raises(Invalid, match=f"{kind}\\[\\d\\]: uid {theirs['uid']} belongs to another pair"):
        load(journal, document)


HOSTILE = [
    'quote " and back\\slash', "tab\there", "line\nbreak\r\nand\rcr", "é, ☕, 😀, 中文", "bidi \u202e override",
    "zero\u200bwidth", "para\u2029sep", "del\x7f", "nul-free but \x1b[31m escape", "</script><b>", "%s %d %%",
]  # fmt: skip


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_every_record_line_is_what_json_dumps_writes(demo: tuple[Journal, Pair], text: str) -> None:
    """The export's lines are written by SQLite; each must be exactly json.dumps(record, ensure_ascii=False)
    (made terminal-safe), whatever the text holds, and a list an older mentorlog stored with \\u
    escapes comes out as this one writes it."""
    from mentorlog.exchange.json_export import export as write_export
    from mentorlog.journal.entries import NextStep
    from mentorlog.journal.ratings import RatingInput
    from mentorlog.terminal import json_safe

    journal, pair = demo
    one = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())  # what typing takes
    with journal.write() as s:
        entry = entries.add_entry(s, pair, kind="session", on=TODAY, title=one[:80] or "t",
                                  next_steps=[NextStep(one or "step")], tags=["odd"])  # fmt: skip
        assessments.record_assessment(s, pair, [RatingInput("1", 3, one)], rater="self", on=TODAY)
        # Stored as they are, past typing's checks: an older file, another tool, an import of long ago.
        legacy = json.dumps(["café ☕", text], ensure_ascii=True)  # as SQLAlchemy's JSON type stored lists
        s.execute("UPDATE entry SET body = ?, agenda = ?, growth_areas = ? WHERE id = ?",
                  (text, text, legacy, entry.id))  # fmt: skip
    out = __import__("io").StringIO()
    with journal.read() as s:
        write_export(s, ExportOptions(pair, TODAY, EVERYTHING), out, now=NOW)
    lines = [line.strip().removesuffix(",") for line in out.getvalue().splitlines()]
    records = [line for line in lines if line.startswith('{"')]
    assert len(records) > 50
    for line in records:
        assert line == json_safe(json.dumps(json.loads(line), ensure_ascii=False)), line[:200]
    document = json.loads(out.getvalue())
    found = next(e for e in document["pairs"][0]["entries"] if e["uid"] == entry.uid)
    assert (found["body"], found["agenda"], found["growth_areas"]) == (text, text, ["café ☕", text])
