"""Pilot fixtures: an app on a fresh or demo journal in tmp_path, with a fixed today."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from mentorlog.db import Journal, open_journal
from mentorlog.demo import build_demo
from mentorlog.tui.app import MentorlogApp
from tests.conftest import TODAY


@pytest.fixture
def empty_journal(tmp_path: Path) -> Iterator[Journal]:
    journal = open_journal(tmp_path / "tui.db", create=True)
    yield journal
    journal.close()


@pytest.fixture
def demo_journal(tmp_path: Path) -> Iterator[Journal]:
    journal = open_journal(tmp_path / "tui-demo.db", create=True)
    with journal.write() as s:
        build_demo(s, today=TODAY)
    yield journal
    journal.close()


@pytest.fixture
def demo_app(demo_journal: Journal) -> MentorlogApp:
    return MentorlogApp(demo_journal, today=TODAY)
