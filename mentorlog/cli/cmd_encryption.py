"""`mentorlog encrypt | decrypt | passphrase | unlock | lock`: the encrypted journal (db.encryption)."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from mentorlog.cli.context import Context
from mentorlog.cli.unlocking import NEW_PASSPHRASE_ENV, new_passphrase, old_passphrase, unwrap
from mentorlog.errors import Invalid, JournalRefused
from mentorlog.state_files import reseal
from mentorlog.words import plural

if TYPE_CHECKING:
    from mentorlog.db import keyfile

NO_RECOVERY = (
    "there is no recovery: without the passphrase, or without the key file kept beside the journal "
    "({key}), nothing and nobody can open it again"
)
LONGEST_UNLOCK = dt.timedelta(days=7)


def encrypt(ctx: Context) -> int:
    from mentorlog.db import encryption, keyfile
    from mentorlog.db.identity import encrypted_header

    path = ctx.journal_path
    real = Path(os.path.realpath(path))
    if encrypted_header(path) is not None:  # no journal there: refused too, before anything is asked
        raise JournalRefused(f"{path} is already encrypted; 'mentorlog passphrase' changes its passphrase")
    encryption.require()  # the extra not installed: said before the passphrase is asked for
    # Said before the passphrase is asked for: a forgotten one loses the journal.
    ctx.note(f"encrypting {path}: " + NO_RECOVERY.format(key=keyfile.key_path(path)))
    passphrase = new_passphrase(path)
    done = encryption.encrypt(path, passphrase)
    made = encrypted_header(path)
    if made is not None and done.key is not None:
        ctx.unlocker.learn(made, done.key)
    journal = ctx.journal()  # opened with the new key, not asked again (an older journal is upgraded here)
    reseal(real, None, journal.sealing)  # a draft or a live observation kept in the clear is sealed
    ctx.print(f"Encrypted {path} ({plural(done.records, 'record')} in {plural(done.tables, 'table')}); its key file is "
              f"{keyfile.key_path(path)}: keep the two together")  # fmt: skip
    ctx.print("  the plaintext file it replaced is removed (the disk may keep its old blocks until reused)")
    plain = _plaintext_copies(real)
    if plain:
        ctx.print(f"  still plaintext: {plural(len(plain), 'backup')} made before, e.g. {plain[0]}; remove them, "
                  "or keep them somewhere safe")  # fmt: skip
    return 0


def decrypt(ctx: Context) -> int:
    from mentorlog.db import encryption

    path = ctx.journal_path
    out = Path(ctx.args.out).expanduser() if ctx.args.out else None
    real = Path(os.path.realpath(path))
    journal = ctx.journal()
    sealing = journal.sealing
    ctx.close()  # nothing of this run may hold the file being replaced
    done = encryption.decrypt(path, ctx.unlock, out=out)
    if out is None:
        reseal(real, sealing, None)
        from mentorlog import unlocked

        unlocked.forget(real)
        ctx.print(f"Decrypted {path} ({plural(done.records, 'record')}): it is plaintext now, readable by anyone "
                  "who can read the file")  # fmt: skip
    else:
        ctx.print(
            f"Wrote a plaintext copy of {path} to {out} ({plural(done.records, 'record')}); the journal stays encrypted"
        )
    return 0


def passphrase(ctx: Context) -> int:
    from mentorlog.db import encryption

    path = ctx.journal_path
    header = _header(path)  # a journal that is not encrypted is told before any passphrase is asked
    old = old_passphrase(path)
    key = unwrap(header, old, path)  # a wrong old passphrase is told before the new one is asked for

    def unlock(shown: Path, found: keyfile.Header) -> bytes:
        return key if found.digest() == header.digest() else unwrap(found, old, shown)

    new = new_passphrase(path, env=(NEW_PASSPHRASE_ENV,))
    written = encryption.rewrap(path, unlock, new)
    from mentorlog import unlocked

    unlocked.forget(Path(os.path.realpath(path)))
    ctx.print(f"Changed the passphrase of {path} ({written} rewritten; the data was not re-encrypted)")
    ctx.print("  a copy of the old key file still opens the journal with the old passphrase: if the old one may be "
              "known, 'mentorlog decrypt' then 'mentorlog encrypt' gives the journal a new data key")  # fmt: skip
    return 0


def unlock(ctx: Context) -> int:
    from mentorlog import unlocked

    path = ctx.journal_path
    real = Path(os.path.realpath(path))
    header = _header(path)
    lasting = duration(ctx.args.lasting)
    key = unwrap(header, old_passphrase(path), path)
    until = dt.datetime.now(dt.UTC) + lasting
    where = unlocked.keep(real, header.digest(), key, until)
    local = until.astimezone().strftime("%Y-%m-%d %H:%M")
    ctx.print(f"Unlocked {path} until {local}: the key is kept in {where}; 'mentorlog lock' forgets it sooner")
    return 0


def lock(ctx: Context) -> int:
    from mentorlog import unlocked

    path = ctx.journal_path
    if unlocked.forget(Path(os.path.realpath(path))):
        ctx.print(f"Locked {path}: the next command asks for its passphrase")
    else:
        ctx.print(f"{path} was not unlocked; nothing to forget")
    return 0


def duration(text: str) -> dt.timedelta:
    """`8h`, `30m`, `1h30m`, `2d`: how long an unlock lasts (at most a week)."""
    found = re.fullmatch(r"\s*(?:(\d+)d)?\s*(?:(\d+)h)?\s*(?:(\d+)m)?\s*", text.lower())
    if not text.strip() or found is None or not any(found.groups()):
        raise Invalid(f"--for takes a time such as 8h, 30m or 1h30m (not {text!r})")
    days, hours, minutes = (int(part or 0) for part in found.groups())
    lasting = dt.timedelta(days=days, hours=hours, minutes=minutes)
    if lasting <= dt.timedelta(0) or lasting > LONGEST_UNLOCK:
        raise Invalid(f"--for is at least a minute and at most 7 days (not {text!r})")
    return lasting


def _header(path: Path) -> keyfile.Header:
    from mentorlog.db.identity import encrypted_header

    header = encrypted_header(path)
    if header is None:
        raise JournalRefused(f"{path} is not encrypted: 'mentorlog encrypt' gives it a passphrase")
    return header


def _plaintext_copies(real: Path) -> list[Path]:
    """The backups of this journal that are not encrypted (made before it was)."""
    from mentorlog.exchange.restore import candidates
    from mentorlog.files import SQLITE_MAGIC

    plain = []
    for path in candidates(real):
        try:
            with open(path, "rb") as handle:
                if handle.read(16) == SQLITE_MAGIC:
                    plain.append(path)
        except OSError:
            continue
    return plain
