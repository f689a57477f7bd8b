"""One spec per entry kind (mentorlog/entry_kinds.py), held to the data model and read everywhere.

The spec names entry columns; models.py declares them. These fail on a one-word difference
either way: a spec field that is no column (or of another type), a column no kind holds.
Then each reader of the spec is checked to follow it: a field added to a kind shows up in
`show`, the Markdown export, the search index, `log`'s options and the form.
"""

from __future__ import annotations

import io

import pytest

from mentorlog import entry_kinds
from mentorlog.db.search_index import SEARCH_INDEXES
from mentorlog.db.tables import ENTRY
from mentorlog.entry_kinds import SPECS, Field, Spec
from mentorlog.field_types import Time
from mentorlog.kinds import EntryKind
from tests.journals import TODAY

EVERY_ENTRY = {
    "id",
    "uid",
    "created_at",
    "updated_at",
    "pair_id",
    "kind",
    "on",
    "author",
    "private",
    "title",
    "body",
    "group_uid",
    "closing",
}  # a group session, a closing mark: any kind's, shown apart from its fields


def test_every_kind_has_one_spec_and_its_own_picker_key() -> None:
    assert list(SPECS) == list(EntryKind)
    assert all(spec.kind == kind for kind, spec in SPECS.items())
    keys = [spec.key for spec in SPECS.values()]
    assert len(set(keys)) == len(keys)


def test_every_field_is_an_entry_column_of_its_type() -> None:
    columns = {c.name: (c.kind, c.nullable) for c in ENTRY.columns}
    for spec in SPECS.values():
        for field in spec.fields:
            assert columns.get(field.name) == (field.type.stored, field.type.nullable), (spec.kind, field.name)


def test_every_column_of_an_entry_is_common_or_a_kinds() -> None:
    held = {f.name for spec in SPECS.values() for f in spec.fields}
    assert {c.name for c in ENTRY.columns} == EVERY_ENTRY | held


def test_the_search_index_covers_every_text_a_kind_holds() -> None:
    fields = [f for spec in SPECS.values() for f in spec.fields]
    texts = {f.name for f in fields if f.type.stored in ("text", "list")}
    texts -= {f.name for f in fields if f.type.choices()}  # a word from a list
    texts -= {f.name for f in fields if isinstance(f.type, Time)}  # a clock time is not words
    assert set(SEARCH_INDEXES["entry"][0]) == {"body"} | texts
    assert all(f.type.searched == (f.name in texts) for f in fields)


def test_log_offers_each_option_of_a_spec_and_only_for_its_kinds(run_with_pair: object) -> None:
    from tests.conftest import Run

    run: Run = run_with_pair  # type: ignore[assignment]
    for dest, (field, kinds) in entry_kinds.options().items():
        value = {entry_kinds.DATE: "2026-12-01", entry_kinds.MODE: "video", entry_kinds.TIME: "3pm",
                 entry_kinds.ACTIVITIES: "planning instruction"}.get(field.type, "3")  # type: ignore[call-overload]  # fmt: skip
        for kind in entry_kinds.loggable():
            result = run("log", kind, "A title.", field.option, value)
            if kind in kinds:
                assert result.code == 0, (dest, kind, result.err)
            else:
                assert result.code == 2 and f"{field.option} is only for" in result.err, (dest, kind)


# A kind grown by one field: every reader of the spec shows it, none needs its own edit.
GROWN = Field("learned", "What the pair learned", entry_kinds.TEXT)


@pytest.fixture
def note_with_a_field(monkeypatch: pytest.MonkeyPatch) -> None:
    note = SPECS[EntryKind.NOTE]
    monkeypatch.setitem(SPECS, EntryKind.NOTE, Spec(*note[:4], fields=(GROWN,)))


def test_show_and_the_export_follow_the_spec(note_with_a_field: None, journal: object, pair: object) -> None:
    from mentorlog.cli.cmd_show import _lines
    from mentorlog.exchange.markdown import export
    from mentorlog.exchange.options import ExportOptions
    from mentorlog.journal import entries
    from mentorlog.journal.sharing import Scope
    from mentorlog.tui.widgets.entry_view import entry_markdown

    connection = journal.connection  # type: ignore[attr-defined]
    entry = entries.add_entry(
        connection, pair, kind="note", on=__import__("datetime").date(2026, 11, 1), title="T", body="", learned="Wait"
    )
    view = entries.get_entry(connection, pair, entry.id or 0)
    assert "What the pair learned:" in _lines(view, [])
    out = io.StringIO()
    export(connection, ExportOptions(pair, TODAY, Scope()), out)  # type: ignore[arg-type]
    assert "**What the pair learned**\n\nWait\n" in out.getvalue()
    assert "### What the pair learned" in entry_markdown(view)
