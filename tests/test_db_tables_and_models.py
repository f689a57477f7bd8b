"""models.py is the one declaration of the data model; what the runtime knows of it is checked here.

The store reads and writes through db.tables (columns, codec kinds, defaults, from the
schema SQL) and the JSON format carries db.relations' kinds: each is compared with the
SQLModel tables, so a one-word change to a model fails here until the rest follows.
"""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import JSON, Boolean, Date, Float, Integer, String
from sqlmodel import SQLModel

from mentorlog import codec, models
from mentorlog.db import Journal, open_journal
from mentorlog.db.relations import BY_TABLE, KINDS, LOCAL_ONLY
from mentorlog.db.search_index import SEARCH_INDEXES
from mentorlog.db.tables import ALL, DEFAULTS
from mentorlog.exchange.json_format import fields
from mentorlog.models import Pair
from tests.conftest import Run
from tests.heavy_modules import heavy_after

FIXTURES = Path(__file__).parent / "fixtures"
MODEL_TABLES = {table.name: table for table in SQLModel.metadata.sorted_tables}


def kind_of(column: Any) -> str:
    """The codec kind a model's column is: what its SQLAlchemy type stores."""
    kind = column.type
    if isinstance(kind, models.UTCDateTime):
        return "stamp"
    kind = getattr(kind, "impl_instance", kind)  # a TypeDecorator (SQLModel's AutoString) stores as its impl
    for sa_type, name in ((Date, "date"), (Boolean, "bool"), (Integer, "int"),
                          (Float, "float"), (JSON, "list"), (String, "text")):  # fmt: skip
        if isinstance(kind, sa_type):
            return name
    raise AssertionError(f"{column} has a type the codec does not know: {kind!r}")


def model_default(model: type[SQLModel], name: str) -> Any:
    field = model.model_fields[name]
    if field.default_factory is not None:
        made = field.default_factory()  # type: ignore[call-arg]
        return made if isinstance(made, list) else "made"  # a uid or a stamp: made when written
    return field.default


def test_the_store_knows_every_table_and_column_as_the_models_declare_them() -> None:
    assert set(ALL) == set(MODEL_TABLES)
    for name, table in MODEL_TABLES.items():
        ours = ALL[name]
        assert ours.names == tuple(c.name for c in table.columns), name
        for column in table.columns:
            mine = ours.by_name[column.name]
            assert mine.kind == kind_of(column), f"{name}.{column.name}"
            assert mine.nullable == (bool(column.nullable) and not column.primary_key), f"{name}.{column.name}"


def test_a_new_record_takes_the_models_defaults() -> None:
    for name, table in ALL.items():
        model = _model(name)
        for column in table.columns:
            if column.name in ("id", "uid", "created_at", "updated_at", "deleted_at", "saved_at"):
                continue
            field = model.model_fields[column.name]
            if field.is_required():
                continue  # the caller always gives it
            assert table.default(column.name) == model_default(model, column.name), f"{name}.{column.name}"
    assert all((table, column) in {(t, c.name) for t in ALL for c in ALL[t].columns} for table, column in DEFAULTS)


def _model(table: str) -> type[SQLModel]:
    for candidate in vars(models).values():
        if isinstance(candidate, type) and getattr(candidate, "__tablename__", None) == table:
            return candidate
    raise AssertionError(f"no model for {table}")


def test_the_json_format_carries_each_kind_with_its_parents_by_uid() -> None:
    assert [kind.table for kind in KINDS] == [
        "competency", "tag", "goal", "milestone", "progress_update", "entry", "rating", "action_item",
    ]  # fmt: skip
    for kind in KINDS:
        table = MODEL_TABLES[kind.table]
        foreign = {c.name: next(iter(c.foreign_keys)).column.table.name for c in table.columns if c.foreign_keys}
        expected = {col.removesuffix("_id"): (col, BY_TABLE[parent].name) for col, parent in foreign.items()
                    if parent != "pair"}  # fmt: skip
        assert kind.parents == expected, kind.name
        assert kind.optional_parents == {key for key, (col, _) in expected.items() if table.c[col].nullable}
        carried = [c.name for c in table.columns if c.name not in LOCAL_ONLY | {"pair_id"} and not c.foreign_keys]
        assert list(fields(kind.table)) == carried, kind.name
    assert list(fields("pair")) == [c.name for c in MODEL_TABLES["pair"].columns if c.name not in LOCAL_ONLY]


def test_the_search_index_covers_text_columns_that_exist() -> None:
    for table, (indexed, children) in SEARCH_INDEXES.items():
        for name in indexed:
            assert ALL[table].by_name[name].kind in ("text", "list"), f"{table}.{name}"
        for child, column, key in children:
            assert ALL[child].by_name[column].kind == "text" and key in ALL[child].by_name


def test_every_kind_of_value_round_trips_through_the_codec() -> None:
    values = {"text": "Café", "int": 3, "float": 2.5, "bool": True, "date": dt.date(2026, 12, 3),
              "stamp": dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC), "list": ["a", "b"]}  # fmt: skip
    assert set(values) == set(codec.TO_SQL) == set(codec.FROM_SQL) == set(codec.TO_JSON) == set(codec.FROM_JSON)
    for kind, value in values.items():
        assert codec.from_sql(kind, codec.to_sql(kind, value)) == value, kind
        assert codec.from_json(kind, codec.to_json(kind, value)) == value, kind
        convert = codec.SQL_TO_JSON[kind]
        stored = codec.to_sql(kind, value)
        assert (stored if convert is None else convert(stored)) == codec.to_json(kind, value), kind
    with pytest.raises(ValueError, match="naive"):
        codec.to_sql("stamp", dt.datetime(2026, 12, 3, 9, 0))  # noqa: DTZ001 - the refusal is the point


def test_a_row_read_holds_the_values_a_model_would(demo: tuple[Journal, Pair]) -> None:
    _, pair = demo
    as_model = Pair.model_validate(pair.values())
    for column in MODEL_TABLES["pair"].columns:
        assert getattr(pair, column.name) == getattr(as_model, column.name), column.name
    assert isinstance(pair.started_on, dt.date) and isinstance(pair.created_at, dt.datetime)
    assert pair.created_at.tzinfo is not None


def test_a_migrated_journal_declares_what_the_store_reads(tmp_path: Path) -> None:
    old = tmp_path / "v1.db"
    old.write_bytes(gzip.decompress((FIXTURES / "journal-v1.db.gz").read_bytes()))
    journal = open_journal(old)
    try:
        for name, table in ALL.items():
            declared = journal.connection.execute(f"PRAGMA table_info({name})").fetchall()
            assert [(row[1], codec.kind_of(row[1], row[2])) for row in declared] == [
                (c.name, c.kind) for c in table.columns
            ], name
    finally:
        journal.close()


def test_the_markdown_export_loads_neither_sqlalchemy_nor_textual(demo: tuple[Journal, Pair], tmp_path: Path) -> None:
    journal, _ = demo
    db = ["--db", str(journal.path)]
    assert heavy_after([*db, "export", "--out", str(tmp_path / "x.md")], [*db, "export", "--format", "json"]) == (
        [0, 0],
        [],
    )


def test_an_export_names_its_pair_by_name_or_number_and_upgrades_an_older_file(tmp_path: Path, run: Run) -> None:
    db = tmp_path / "j.db"
    assert run("--db", str(db), "init", "--mentor", "Ana Lopez", "--mentee", "Sam Rivera").code == 0
    assert run("--db", str(db), "log", "note", "Timer routine worked").code == 0
    by_name = run("--db", str(db), "export", "--pair", "Sam")
    assert by_name.code == 0 and "Timer routine worked" in by_name.out
    unknown = run("--db", str(db), "export", "--pair", "7")
    assert (unknown.code, unknown.err.strip()) == (1, "mentorlog: no pair #7 (see 'mentorlog pairs --all')")
    old = tmp_path / "v1.db"
    old.write_bytes(gzip.decompress((FIXTURES / "journal-v1.db.gz").read_bytes()))
    migrated = run("--db", str(old), "export")
    assert migrated.code == 0 and "upgraded" in migrated.err and "## Timeline" in migrated.out
