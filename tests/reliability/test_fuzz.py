"""Hostile input everywhere a user's text goes in: a result or a clear error, never a crash."""

from __future__ import annotations

import copy
import datetime as dt
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mentorlog.dates import parse_date
from mentorlog.db import open_journal
from mentorlog.errors import DateError, Invalid
from mentorlog.exchange.json_export import to_document
from mentorlog.exchange.json_import import import_pairs, read_document
from mentorlog.exchange.options import ExportOptions
from mentorlog.journal import pairs
from mentorlog.journal.sharing import Scope
from tests.conftest import TODAY, Run
from tests.journals import HOSTILE, build, journal_spec

EDGES = ["NaN", "nan", "inf", "-inf", "1e309", "-0", "0", "9" * 40, "1e-400", "0x10", "١٢", "½", "Ⅻ", "+", "-"]
hostile_text = st.one_of(
    st.text(max_size=60),
    st.sampled_from(HOSTILE + EDGES),
    st.text(alphabet=st.characters(categories=("Cc", "Cf", "Zs", "Zl", "Zp", "So", "Nd", "No")), max_size=20),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)


@settings(max_examples=400, deadline=None)
@given(text=hostile_text, prefer=st.sampled_from(["past", "future"]), order=st.sampled_from(["mdy", "dmy"]))
def test_date_parser_gives_a_date_or_a_clear_error(text: str, prefer: str, order: str) -> None:
    try:
        day = parse_date(text, today=TODAY, prefer=prefer, order=order)  # type: ignore[arg-type]
    except DateError as exc:
        message = str(exc)
        assert message and "\n" not in message and "Traceback" not in message
        return
    assert isinstance(day, dt.date)
    assert dt.date(1, 1, 1) <= day <= dt.date(9999, 12, 31)


def test_dates_that_are_not_dates_are_errors() -> None:
    for text in ["2026-02-30", "32 march", "25:00", "NaN", "inf", "1e309", "\x00", "today\x00", "🎉", "9" * 40]:
        try:
            day = parse_date(text, today=TODAY)
        except DateError:
            continue
        raise AssertionError(f"{text!r} was read as {day}")


COMMANDS = [
    ["log", "note"], ["log", "session"], ["log", "reflection"], ["goal", "add"], ["goal", "progress", "1"],
    ["goal", "show"], ["goal", "status", "1"], ["assess"], ["todo", "add"], ["todo", "done"], ["timeline", "--search"],
    ["timeline", "--from"], ["show"], ["export", "--from"], ["export", "--format"], ["init", "--mentor"],
    ["goal", "milestone", "1"], ["log", "note", "x", "--on"], ["log", "reflection", "x", "--confidence"],
    ["goal", "add", "x", "--target"], ["goal", "progress", "1"], ["todo", "add", "x", "--due"], ["--pair"],
]  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from(COMMANDS), args=st.lists(hostile_text, min_size=1, max_size=3))
def test_any_cli_argument_gives_a_result_or_one_clear_line(
    run_with_pair: Run, command: list[str], args: list[str]
) -> None:
    assume(all("\x00" not in a for a in args))  # a NUL cannot reach argv from a shell
    if "--out" in args:
        return
    result = run_with_pair(*command, *args)
    assert result.code in (0, 1, 2), result
    assert "Traceback" not in result.err and "unexpected error" not in result.err, result.err
    if result.code != 0:
        assert result.err.strip().count("\n") == 0 or result.code == 2, result.err


def _mutations(document: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    pair = document["pairs"][0]
    paths = [(kind, i, field) for kind, items in pair.items() if isinstance(items, list)
             for i, item in enumerate(items[:3]) if isinstance(item, dict) for field in item]  # fmt: skip
    values = st.one_of(
        hostile_text,
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=False),
        st.lists(st.integers(), max_size=2),
        st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    )

    def mutate(choice: tuple[str, int, str], value: object) -> dict[str, Any]:
        changed = copy.deepcopy(document)
        kind, i, field = choice
        changed["pairs"][0][kind][i][field] = value
        return changed

    return st.builds(mutate, st.sampled_from(paths), values)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data(), spec=journal_spec)
def test_the_importer_merges_or_refuses_any_document(data: st.DataObject, spec: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source, pair = build(spec, Path(folder) / "a.db")
        with source.read() as s:
            document = to_document(s, ExportOptions(pair, TODAY, Scope(include_private=True)))
        source.close()
        assume(any(isinstance(v, list) and v for v in document["pairs"][0].values()))
        mutated = data.draw(_mutations(document))
        target = open_journal(Path(folder) / "b.db", create=True)
        try:
            text = json.dumps(mutated, ensure_ascii=False)
            try:
                with target.write() as s:
                    import_pairs(s, read_document(text, "fuzz.json"), role="mentor")
            except Invalid as exc:
                assert "\n" not in str(exc) and "Traceback" not in str(exc)
                with target.read() as s:
                    assert pairs.list_pairs(s) == [], "a refused import changed nothing"
        finally:
            target.close()


@settings(max_examples=200, deadline=None)
@given(raw=st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode)))
def test_the_importer_refuses_garbage_in_one_line(raw: bytes) -> None:
    try:
        read_document(raw, "garbage.json")
    except Invalid as exc:
        assert "\n" not in str(exc)
