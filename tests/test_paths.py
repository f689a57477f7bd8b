from __future__ import annotations

from pathlib import Path

import pytest

from mentorlog import paths


def test_default_journal_is_in_the_user_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MENTORLOG_DB")
    data_home = tmp_path / "xdg" / "xdg_data_home"
    assert paths.default_journal_path() == data_home / "mentorlog" / "journal.db"
    assert paths.demo_journal_path() == data_home / "mentorlog" / "demo.db"
    assert paths.config_path() == tmp_path / "xdg" / "xdg_config_home" / "mentorlog" / "config.toml"


def test_mentorlog_db_overrides_the_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MENTORLOG_DB", "~/elsewhere/j.db")
    assert paths.default_journal_path() == Path("~/elsewhere/j.db").expanduser()
