"""An unlocked journal's data key, kept until a time (`mentorlog unlock --for 8h`), and forgotten (`lock`).

It is kept in a file (0600, in a 0700 folder) of the user's runtime directory where that lives in memory
(XDG_RUNTIME_DIR, else /dev/shm: never on a disk, gone at logout), else in the system's keyring (the
`keyring` package of the encryption extra: macOS's Keychain, Windows' Credential Locker). The file comes
first because every command of an unlocked journal reads it: finding the keyring's backend costs about
0.12 s here (measured: `import keyring; keyring.get_keyring()`), more than twice quick capture itself,
and on Linux the Secret Service gives the key to any process of the user's session, as the file does.
Where neither is had, nothing is kept and `unlock` says so.

An entry names the header it unlocks (its digest): after a passphrase change, or another journal put at
the same path, an old entry no longer applies. The expiry is ours to keep (a keyring has none): an entry
past it is removed when met.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from mentorlog.editing import memory_folder
from mentorlog.errors import MentorlogError

SERVICE = "mentorlog"


class NowhereSafe(MentorlogError):
    """No folder in memory and no keyring: the key would reach a disk, so it is not kept."""


def keep(journal: Path, header: str, key: bytes, until: dt.datetime) -> str:
    """Keep `key` for the journal at `journal` (resolved) until `until`; says where it is kept."""
    entry = f"{key.hex()} {header} {until.isoformat()}"  # one line of hex and a time: read with no json
    folder = memory_folder()
    if folder is not None:
        from mentorlog.db.keyfile import place
        from mentorlog.files import WriteFailed

        try:
            place(_file(folder, journal), entry.encode("ascii"))
        except WriteFailed as exc:
            raise NowhereSafe(f"cannot keep the key in {folder}: {exc}") from None
        return f"a file in memory, in {folder}"
    if _keyring_set(str(journal), entry):
        return "the system keyring"
    raise NowhereSafe(
        "no folder in memory (XDG_RUNTIME_DIR or /dev/shm) and no system keyring to keep the key in: it would "
        "reach the disk, so it is not kept; give the passphrase to each command instead"
    )


def find(journal: Path, header: str, now: dt.datetime) -> bytes | None:
    """The key kept for this journal and this header, if not yet expired."""
    folder = memory_folder(create=False)
    raw = _file_text(folder, journal) if folder is not None else _keyring_get(str(journal))
    if raw is None:
        return None
    try:
        key_hex, kept_header, until_text = raw.split()
        until = dt.datetime.fromisoformat(until_text)
        key = bytes.fromhex(key_hex)
    except ValueError:
        _forget_quietly(journal)
        return None
    if until <= now:
        _forget_quietly(journal)
        return None
    return key if kept_header == header and len(key) == 32 else None


def forget(journal: Path) -> bool:
    """Forget any key kept for the journal; whether one was."""
    folder = memory_folder(create=False)
    if folder is None:
        return _keyring_delete(str(journal))
    try:
        _file(folder, journal).unlink()
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise NowhereSafe(f"cannot forget the key kept in {folder}: {exc.strerror or exc}") from None
    return True


def _forget_quietly(journal: Path) -> None:
    """An expired or unreadable entry goes when met; one that cannot go is not this command's error."""
    with contextlib.suppress(MentorlogError):
        forget(journal)


def _file(folder: Path, journal: Path) -> Path:
    from mentorlog.db.keyfile import sha256

    return folder / f"unlocked-{sha256(str(journal).encode('utf-8', 'surrogateescape')).hex()[:32]}"


def _file_text(folder: Path, journal: Path) -> str | None:
    try:
        return _file(folder, journal).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return None


def _keyring() -> object | None:
    """The system keyring, where one really works (not keyring's fail or null stand-ins)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # a broken keyring configuration is no keyring
        return None
    if isinstance(backend, fail.Keyring) or "null" in type(backend).__module__:
        return None
    return backend


def _keyring_set(name: str, value: str) -> bool:
    backend = _keyring()
    if backend is None:
        return False
    try:
        backend.set_password(SERVICE, name, value)  # type: ignore[attr-defined]
    except Exception:  # locked, refused, no session bus: the file in memory is used instead
        return False
    return True


def _keyring_get(name: str) -> str | None:
    backend = _keyring()
    if backend is None:
        return None
    try:
        found = backend.get_password(SERVICE, name)  # type: ignore[attr-defined]
    except Exception:
        return None
    return found if isinstance(found, str) else None


def _keyring_delete(name: str) -> bool:
    backend = _keyring()
    if backend is None:
        return False
    try:
        if backend.get_password(SERVICE, name) is None:  # type: ignore[attr-defined]
            return False
        backend.delete_password(SERVICE, name)  # type: ignore[attr-defined]
    except Exception:
        return False
    return True
