"""The encrypted journal from the command line: round trips, unlocking, and every refusal.

Each refusal is one line, exit 1, the journal and its key file byte for byte as they were, and
nothing new beside them.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

import pytest

from mentorlog import unlocked
from mentorlog.db import keyfile, open_journal
from mentorlog.db.identity import encrypted_header
from mentorlog.demo import build_demo
from mentorlog.files import SQLITE_MAGIC
from tests.conftest import TODAY, Run

PASSPHRASE = "correct horse battery staple"
MARKER = "ZQX7-marker-written-into-the-journal"
FIXTURES = Path(__file__).parent / "fixtures"

# Every command that reads, as a user runs it on an encrypted journal (the TUI has its own test).
READS = [
    ("status",), ("prep",), ("pairs",), ("timeline",), ("timeline", "--search", "marker"), ("show", "1"),
    ("goal", "list"), ("todo", "list"), ("rubric", "list"), ("trash", "list"), ("check",), ("report", "hours"),
    ("export", "--format", "markdown"), ("export", "--format", "ical"), ("export", "--format", "html"),
    ("export", "--format", "csv"),
]  # fmt: skip


@pytest.fixture
def plain(tmp_path: Path, run: Run) -> Path:
    """A demo journal at MENTORLOG_DB, with a marker in a note (what must never be on disk in the clear)."""
    path = tmp_path / "journal.db"
    journal = open_journal(path, create=True)
    with journal.write() as s:
        build_demo(s, today=TODAY)
    journal.close()
    assert run("log", "note", f"{MARKER} about a student").code == 0
    return path


@pytest.fixture
def encrypted(plain: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    done = run("encrypt")
    assert done.code == 0, done.err
    monkeypatch.delenv("MENTORLOG_PASSPHRASE")
    return plain


def json_export(run: Run) -> dict[str, object]:
    done = run("export", "--format", "json", "--include-private")
    assert done.code == 0, done.err
    found = json.loads(done.out)
    found.pop("exported_at", None)
    return dict(found)


def state(folder: Path) -> dict[str, str]:
    """Every file in `folder` and what it holds (a digest): what a refusal must leave as it was."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


async def test_encrypt_every_command_and_the_tui_then_decrypt_gives_the_same_journal(
    plain: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = json_export(run)
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    done = run("encrypt")
    assert done.code == 0, done.err
    assert "there is no recovery" in done.err, "said before the passphrase is asked for"
    assert f"its key file is {plain}-key" in done.out
    data = plain.read_bytes()
    assert data.startswith(keyfile.DATA_MAGIC) and SQLITE_MAGIC not in data and MARKER.encode() not in data
    assert sorted(p.name for p in plain.parent.iterdir() if p.is_file()) == ["journal.db", "journal.db-key"]
    assert os.stat(keyfile.key_path(plain)).st_mode & 0o777 == 0o600
    for command in READS:
        result = run(*command)
        assert result.code == 0, (command, result.err)
    assert MARKER in run("timeline").out
    from mentorlog.cli.unlocking import Unlocker
    from mentorlog.tui.app import MentorlogApp
    from mentorlog.tui.screens.growth import GrowthScreen
    from mentorlog.tui.screens.journal import JournalScreen

    journal = open_journal(plain, unlock=Unlocker())
    assert journal.connection.execute("PRAGMA temp_store").fetchone()[0] == 2, "temporary tables in memory"
    app = MentorlogApp(journal, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for key, screen in (("3", JournalScreen), ("4", GrowthScreen)):  # every entry, every rating
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, screen)
    journal.close()
    assert json_export(run) == before, "an encrypted journal reads as the plain one did"
    done = run("decrypt")
    assert done.code == 0, done.err
    assert plain.read_bytes().startswith(SQLITE_MAGIC) and not keyfile.key_path(plain).exists()
    monkeypatch.delenv("MENTORLOG_PASSPHRASE")
    assert json_export(run) == before, "decrypted, with no passphrase, the same journal"


def test_writes_backups_and_restores_stay_encrypted(encrypted: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    assert run("log", "note", "Second marker note").code == 0
    assert run("goal", "add", "Wait time of five seconds", "--measure", "seconds waited", "--target", "5",
               "--due", "2027-01-31").code == 0  # fmt: skip
    done = run("backup")
    assert done.code == 0, done.err
    copies = [p for p in (encrypted.parent / "backups").iterdir() if not p.name.endswith("-key")]
    assert len(copies) == 1
    copy = copies[0]
    assert copy.read_bytes().startswith(keyfile.DATA_MAGIC), "a backup of an encrypted journal is encrypted"
    assert keyfile.key_path(copy).read_bytes() == keyfile.key_path(encrypted).read_bytes()
    out = encrypted.parent / "one-copy.db"
    assert run("backup", "--out", str(out)).code == 0
    assert out.read_bytes().startswith(keyfile.DATA_MAGIC) and keyfile.key_path(out).exists()
    fifo = encrypted.parent / "stream"
    os.mkfifo(fifo)  # a stream, as /dev/stdout is: refused before it is opened, so nothing waits on it
    refused = run("backup", "--out", str(fifo))
    assert refused.code == 1 and "two files" in refused.err
    assert run("log", "note", "After the backup").code == 0
    done = run("restore", str(copy))
    assert done.code == 0, done.err
    assert "After the backup" not in run("timeline").out and "Second marker note" in run("timeline").out
    kept = [p for p in encrypted.parent.iterdir() if "-replaced-" in p.name and not p.name.endswith("-key")]
    assert len(kept) == 1 and keyfile.key_path(kept[0]).exists(), "the replaced journal keeps its key file"


def test_unlock_keeps_the_key_in_memory_until_it_expires_and_lock_forgets_it(
    encrypted: Path, run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    refused = run("status")
    assert refused.code == 1 and "MENTORLOG_PASSPHRASE" in refused.err and "unlock" in refused.err
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    done = run("unlock", "--for", "2h")
    assert done.code == 0, done.err
    monkeypatch.delenv("MENTORLOG_PASSPHRASE")
    runtime = Path(os.environ["XDG_RUNTIME_DIR"]) / "mentorlog"
    assert f"a file in memory, in {runtime}" in done.out
    (kept,) = runtime.glob("unlocked-*")
    assert os.stat(kept).st_mode & 0o777 == 0o600 and os.stat(runtime).st_mode & 0o777 == 0o700
    assert PASSPHRASE not in kept.read_text(), "the data key is kept, never the passphrase"
    assert run("status").code == 0, "unlocked: no passphrase asked"
    header = encrypted_header(encrypted)
    assert header is not None
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=2, minutes=1)
    assert unlocked.find(encrypted, header.digest(), later) is None, "past its time it is gone"
    assert not kept.exists()
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    assert run("unlock").code == 0
    monkeypatch.delenv("MENTORLOG_PASSPHRASE")
    assert run("lock").out.startswith("Locked")
    assert run("status").code == 1 and not list(runtime.glob("unlocked-*"))
    assert "was not unlocked" in run("lock").out
    for wrong in ("0m", "8 hours", "8d", ""):
        bad = run("unlock", "--for", wrong)
        assert bad.code == 1 and "--for" in bad.err, wrong


def test_an_unlock_does_not_outlive_a_passphrase_change(
    encrypted: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    assert run("unlock").code == 0
    monkeypatch.setenv("MENTORLOG_NEW_PASSPHRASE", "a brand new passphrase")
    done = run("passphrase")
    assert done.code == 0, done.err
    assert "not re-encrypted" in done.out
    monkeypatch.delenv("MENTORLOG_NEW_PASSPHRASE")
    assert run("status").code == 1, "the old passphrase no longer opens it"
    monkeypatch.delenv("MENTORLOG_PASSPHRASE")
    assert run("status").code == 1, "nor does the unlock made under the old header"
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "a brand new passphrase")
    assert MARKER in run("timeline").out


def test_the_keyring_keeps_the_key_where_no_folder_is_in_memory(
    encrypted: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring
    from keyring.backend import KeyringBackend

    class Memory(KeyringBackend):
        priority = 1  # type: ignore[assignment]
        kept: ClassVar[dict[tuple[str, str], str]] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.kept.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.kept[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            del self.kept[(service, username)]

    monkeypatch.setattr(unlocked, "memory_folder", lambda create=True: None)  # macOS, Windows: no such folder
    before = keyring.get_keyring()
    keyring.set_keyring(Memory())
    try:
        monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
        done = run("unlock", "--for", "30m")
        monkeypatch.delenv("MENTORLOG_PASSPHRASE")
        assert done.code == 0 and "the system keyring" in done.out, done.err
        assert list(Memory.kept) == [("mentorlog", str(encrypted))]
        assert not list((Path(os.environ["XDG_RUNTIME_DIR"]) / "mentorlog").glob("unlocked-*"))
        assert run("status").code == 0
        assert run("lock").code == 0 and not Memory.kept
        assert run("status").code == 1
    finally:
        keyring.set_keyring(before)
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    nowhere = run("unlock")  # and no keyring either
    assert nowhere.code == 1 and "it would reach the disk, so it is not kept" in nowhere.err


def test_a_wrong_passphrase_is_refused_after_a_delay_that_grows(
    encrypted: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    slept: list[float] = []
    monkeypatch.setattr("mentorlog.cli.unlocking.time.sleep", slept.append)
    before = state(encrypted.parent)
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "correct horse battery stapler")
    for _ in range(4):
        done = run("status")
        assert done.code == 1 and done.err == f"mentorlog: wrong passphrase for {encrypted}; nothing was opened\n"
    assert slept == [0.5, 1.0, 2.0, 4.0]
    after = state(encrypted.parent)
    assert {k: v for k, v in after.items() if not k.startswith("xdg")} == before, "nothing written, nothing beside"
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    assert run("status").code == 0
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "wrong again, after a right one")
    run("status")
    assert slept[-1] == 0.5, "a right passphrase starts the count again"


def test_the_prompt_asks_without_echo_three_times(encrypted: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["not it at all", "nor this one", PASSPHRASE])
    asked: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    monkeypatch.setattr("mentorlog.cli.unlocking.can_ask", lambda: True)
    monkeypatch.setattr("mentorlog.cli.unlocking.ask", ask)
    monkeypatch.setattr("mentorlog.cli.unlocking.time.sleep", lambda _: None)
    assert run("status").code == 0
    assert asked == [f"Passphrase for {encrypted}: "] * 3


def test_encrypt_asks_the_new_passphrase_twice(plain: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["a passphrase typed", "a passphrase mistyped"])
    monkeypatch.setattr("mentorlog.cli.unlocking.can_ask", lambda: True)
    monkeypatch.setattr("mentorlog.cli.unlocking.ask", lambda _: next(answers))
    before = state(plain.parent)
    done = run("encrypt")
    assert done.code == 1 and "the two passphrases differ" in done.err
    assert state(plain.parent) == before
    monkeypatch.setenv("MENTORLOG_NEW_PASSPHRASE", "short")
    done = run("encrypt")
    assert done.code == 1 and "too short" in done.err and state(plain.parent) == before


def flip(path: Path, at: int) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0xFF
    path.write_bytes(bytes(data))


def weaken(path: Path) -> None:
    """The header with its memory cost lowered and its checksum made right again: a downgrade."""
    data = bytearray(keyfile.key_path(path).read_bytes())
    data[12:16] = (8 * 1024).to_bytes(4, "big")
    body = bytes(data[: -keyfile.DIGEST])
    keyfile.key_path(path).write_bytes(body + hashlib.sha256(body).digest())


def forge(path: Path) -> None:
    """The header with another salt and its checksum made right: it unwraps with no passphrase."""
    data = bytearray(keyfile.key_path(path).read_bytes())
    data[24] ^= 0x01
    body = bytes(data[: -keyfile.DIGEST])
    keyfile.key_path(path).write_bytes(body + hashlib.sha256(body).digest())


def newer_data(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[15] = keyfile.FORMAT + 1
    path.write_bytes(bytes(data))


def newer_header(path: Path) -> None:
    data = bytearray(keyfile.key_path(path).read_bytes())
    data[8:10] = (keyfile.FORMAT + 1).to_bytes(2, "big")
    keyfile.key_path(path).write_bytes(bytes(data))


REFUSALS = {
    "damaged pages": (lambda p: flip(p, 5000), "damaged"),
    "an edited header": (lambda p: flip(keyfile.key_path(p), 40), "is damaged or was edited"),
    "a downgraded header": (weaken, "outside what mentorlog accepts"),
    "a forged header": (forge, "wrong passphrase"),
    "a newer encrypted file": (newer_data, "newer mentorlog"),
    "a newer header": (newer_header, "newer mentorlog"),
    "no key file": (lambda p: keyfile.key_path(p).unlink(), "its key file"),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_a_refused_encrypted_journal_is_left_as_it_was(
    case: str, encrypted: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    damage, said = REFUSALS[case]
    damage(encrypted)
    monkeypatch.setattr("mentorlog.cli.unlocking.time.sleep", lambda _: None)
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    before = state(encrypted.parent)
    for command in (("status",), ("log", "note", "never saved"), ("backup",), ("decrypt",)):
        done = run(*command)
        assert done.code == 1, (command, done.out)
        assert said in done.err and done.err.count("\n") == 1, (command, done.err)
        assert "Traceback" not in done.err
    after = {k: v for k, v in state(encrypted.parent).items() if not k.startswith("xdg")}
    if case == "damaged pages":  # the note a damaged journal gets, plain or not (tests/test_damaged_journal.py)
        after.pop("journal.db.damaged.txt")
    assert after == {k: v for k, v in before.items() if not k.startswith("xdg")}


def test_another_journals_key_file_does_not_open_it(
    encrypted: Path, run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    other = tmp_path / "other.db"
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    assert run("--db", str(other), "init", "--mentor", "A B", "--mentee", "C D").code == 0
    assert run("--db", str(other), "encrypt").code == 0
    keyfile.key_path(encrypted).write_bytes(keyfile.key_path(other).read_bytes())
    done = run("status")
    assert done.code == 1 and "does not open with the key its key file" in done.err


def test_encrypting_twice_and_decrypting_onto_a_file_are_refused(
    encrypted: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    before = state(encrypted.parent)
    twice = run("encrypt")
    assert twice.code == 1 and "already encrypted" in twice.err and "no recovery" not in twice.err
    there = encrypted.parent / "notes.txt"
    there.write_text("mine")
    before = state(encrypted.parent)
    onto = run("decrypt", "--out", str(there))
    assert onto.code == 1 and "a file is there already" in onto.err
    assert state(encrypted.parent) == before
    copy = encrypted.parent / "plain-copy.db"
    done = run("decrypt", "--out", str(copy))
    assert done.code == 0 and copy.read_bytes().startswith(SQLITE_MAGIC), done.err
    assert encrypted.read_bytes().startswith(keyfile.DATA_MAGIC), "the journal stays encrypted"
    assert run("--db", str(copy), "timeline").out.count(MARKER) == 1
    plain_again = run("decrypt", "--db", str(copy))
    assert plain_again.code == 1 and "not encrypted" in plain_again.err


def test_without_the_extra_an_encrypted_journal_says_what_to_install(
    encrypted: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    for module in ("sqlcipher3", "sqlcipher3.dbapi2", "cryptography"):
        monkeypatch.setitem(sys.modules, module, None)
    monkeypatch.setattr("mentorlog.db.connecting._sqlcipher", None)
    before = state(encrypted.parent)
    done = run("status")
    assert done.code == 1 and "pip install 'mentorlog[encryption]'" in done.err and done.err.count("\n") == 1
    assert state(encrypted.parent) == before
    other = encrypted.with_name("plain.db")
    assert run("--db", str(other), "init", "--mentor", "A B", "--mentee", "C D").code == 0
    before = state(encrypted.parent)
    done = run("--db", str(other), "encrypt")
    assert done.code == 1 and done.err.count("\n") == 1 and "pip install 'mentorlog[encryption]'" in done.err
    assert state(encrypted.parent) == before


def test_sqlciphers_own_log_never_reaches_stderr(encrypted: Path, tmp_path: Path) -> None:
    flip(encrypted, 5000)
    env = {**os.environ, "MENTORLOG_PASSPHRASE": PASSPHRASE}
    done = subprocess.run([sys.executable, "-m", "mentorlog", "status"], env=env, capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "damaged" in done.stderr, done.stderr


def test_an_older_encrypted_journal_is_upgraded_with_an_encrypted_backup(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "journal.db"
    path.write_bytes(gzip.decompress((FIXTURES / "journal-v7.db.gz").read_bytes()))
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    done = run("encrypt")
    assert done.code == 0 and "upgraded" in done.err, done.err
    assert run("status").code == 0
    (backup,) = [p for p in tmp_path.glob("journal.db.v7-*.bak")]
    assert backup.read_bytes().startswith(keyfile.DATA_MAGIC), "the copy taken before the upgrade is encrypted"
    assert keyfile.key_path(backup).exists()
    restored = run("restore", str(backup))
    assert restored.code == 0, restored.err
    assert run("status").code == 0


def test_the_export_says_it_is_plaintext(encrypted: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    out = encrypted.parent / "notes.md"
    done = run("export", "--out", str(out))
    assert done.code == 0 and f"{out} is plaintext: the journal is encrypted" in done.err
    assert "is plaintext" in run("export").err
    for target in (encrypted, keyfile.key_path(encrypted), encrypted.with_name("copy.db")):
        if target.name == "copy.db":  # an encrypted backup (by another name) is not written over either
            assert run("backup", "--out", str(target)).code == 0
        before = target.read_bytes()
        refused = run("export", "--out", str(target))
        assert refused.code == 1 and ("never writes over" in refused.err or "open journal" in refused.err)
        assert target.read_bytes() == before
    monkeypatch.delenv("MENTORLOG_PASSPHRASE")
    assert run("decrypt", "--db", str(encrypted)).code == 1


def test_a_plain_journal_never_loads_the_extra(plain: Path) -> None:
    extra = ("sqlcipher3", "cryptography", "keyring", "hashlib")
    probe = (
        "import sys; from mentorlog.cli import main; main(['status']); "
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {extra!r}))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=dict(os.environ))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_the_prompt_is_getpass_which_never_echoes(monkeypatch: pytest.MonkeyPatch) -> None:
    import getpass

    from mentorlog.cli import unlocking

    seen: list[str] = []
    monkeypatch.setattr(getpass, "getpass", lambda prompt: seen.append(prompt) or "typed")
    assert unlocking.ask("Passphrase for journal.db: ") == "typed" and seen == ["Passphrase for journal.db: "]


def test_a_wrong_old_passphrase_changes_nothing(encrypted: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("mentorlog.cli.unlocking.time.sleep", lambda _: None)
    before = state(encrypted.parent)
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", "not the passphrase at all")
    monkeypatch.setenv("MENTORLOG_NEW_PASSPHRASE", "a brand new passphrase")
    done = run("passphrase")
    assert done.code == 1 and "wrong passphrase" in done.err and done.err.count("\n") == 1
    assert {k: v for k, v in state(encrypted.parent).items() if not k.startswith("xdg")} == before
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("MENTORLOG_NEW_PASSPHRASE", "short")
    done = run("passphrase")
    assert done.code == 1 and "too short" in done.err
    assert run("passphrase", "--db", str(encrypted.parent / "nothing.db")).code == 1


def test_a_plain_backup_restored_over_an_encrypted_journal_takes_its_key_file_aside(
    plain: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("backup").code == 0
    (copy,) = (plain.parent / "backups").iterdir()
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    done = run("encrypt")
    assert done.code == 0 and "still plaintext: 1 backup made before, e.g." in done.out, done.out
    assert run("log", "note", "only in the encrypted journal").code == 0
    monkeypatch.delenv("MENTORLOG_PASSPHRASE")
    done = run("restore", str(copy))
    assert done.code == 0, done.err
    assert plain.read_bytes().startswith(SQLITE_MAGIC) and not keyfile.key_path(plain).exists()
    (kept,) = [p for p in plain.parent.iterdir() if "-replaced-" in p.name and not p.name.endswith("-key")]
    assert kept.read_bytes().startswith(keyfile.DATA_MAGIC) and keyfile.key_path(kept).exists()
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    assert "only in the encrypted journal" in run("--db", str(kept), "timeline").out


def test_a_passphrase_is_the_same_however_its_accents_were_typed(
    plain: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    composed, decomposed = "caf\u00e9 au lait tous les matins", "cafe\u0301 au lait tous les matins"
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", composed)
    assert run("encrypt").code == 0
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", decomposed)
    assert run("status").code == 0


def test_a_report_written_to_a_file_says_it_is_plaintext(
    encrypted: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    out = encrypted.parent / "hours.txt"
    done = run("report", "hours", "--out", str(out))
    assert done.code == 0 and f"{out} is plaintext" in done.err, done.err


def test_a_live_observation_in_progress_is_sealed_by_encrypt_and_opened_by_decrypt(
    plain: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mentorlog import paths
    from mentorlog.cli.unlocking import Unlocker
    from mentorlog.journal import live_observation, pairs

    journal = open_journal(plain)
    with journal.read() as s:
        pair = pairs.resolve_pair(s, None)
    nine = dt.datetime(2026, 11, 22, 9)  # noqa: DTZ001 - the classroom's wall clock
    capture = live_observation.start(journal, pair, now=nine, context=f"{MARKER} lesson")
    journal.close()
    assert MARKER.encode() in paths.observations_path().read_bytes(), "a plain journal's, in the clear"
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    assert run("encrypt").code == 0
    assert MARKER.encode() not in paths.observations_path().read_bytes(), "sealed by encrypt"
    journal = open_journal(plain, unlock=Unlocker())
    assert live_observation.load(journal) == capture, "and resumed with the journal's key"
    journal.close()
    assert run("decrypt").code == 0
    journal = open_journal(plain)
    assert live_observation.load(journal) == capture, "opened again by decrypt"
    journal.close()


def test_check_says_the_journal_is_encrypted_and_whose_key_file_others_could_read(
    encrypted: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    done = run("check")
    assert (
        done.code == 0 and "ok   encrypted (SQLCipher; Argon2id, 64 MiB): key file journal.db-key, mode 600" in done.out
    )
    keyfile.key_path(encrypted).chmod(0o644)
    done = run("check")
    assert done.code == 1 and "BAD  encrypted" in done.out and "expected 600" in done.out


def test_a_backup_restored_after_a_passphrase_change_opens_with_the_backups_passphrase(
    encrypted: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MENTORLOG_PASSPHRASE", PASSPHRASE)
    assert run("backup").code == 0
    (copy,) = [p for p in (encrypted.parent / "backups").iterdir() if not p.name.endswith("-key")]
    monkeypatch.setenv("MENTORLOG_NEW_PASSPHRASE", "the passphrase after the change")
    assert run("passphrase").code == 0
    monkeypatch.delenv("MENTORLOG_NEW_PASSPHRASE")
    done = run("restore", str(copy))  # the backup's own passphrase opens it
    assert done.code == 0 and "it opens with the passphrase the backup had" in done.out, done.err
    assert MARKER in run("timeline").out
