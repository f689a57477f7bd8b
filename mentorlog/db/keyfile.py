"""An encrypted journal's header: what it is, and its data key wrapped by the passphrase.

An encrypted journal is two files: the database (SQLCipher, every page encrypted and authenticated
with a random 256-bit data key) and its header beside it, `journal.db-key`. SQLCipher leaves no room
in the database for a header of our own: its first 16 bytes, the one part it keeps in the clear,
are ours to choose, and they say "an encrypted mentorlog journal" and its format (`DATA_MAGIC`), so
a file is recognised as one from its own bytes even without its header. The header holds:

    magic "MLOGKEY\\0" | format u16 | kdf u8 | aead u8 | memory KiB u32 | passes u32 | lanes u32
    | salt 16 | nonce 12 | wrapped data key 32 + tag 16 | SHA-256 of all before 32

The passphrase, through Argon2id with the header's own random salt and parameters, gives the key
that unwraps the data key (AES-256-GCM); the associated data is the header's first part (magic to
salt), so a header whose version, algorithms or parameters were changed does not unwrap, and
parameters below `MINIMUM` are refused before any passphrase is tried (no downgrade). The checksum
tells an edited or damaged header from a wrong passphrase. A passphrase change writes a new header
only: the data, encrypted with the data key, is not rewritten.

Only the standard library is used here: judging a file must not load the encryption extra.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple, cast

from mentorlog.errors import JournalRefused
from mentorlog.files import ENCRYPTED_MAGIC, KEY_FILE_MAGIC, KEY_SUFFIX

FORMAT = 1  # of the header and the data file's first 16 bytes alike
# The data file's first 16 bytes: SQLCipher's salt slot, given by us when the file is made.
DATA_PREFIX = ENCRYPTED_MAGIC
DATA_MAGIC = DATA_PREFIX + bytes([FORMAT])
MAGIC = KEY_FILE_MAGIC
ARGON2ID, AES256_GCM = 1, 1
_FIXED = struct.Struct(">8sHBBIII16s")  # magic .. salt: the associated data
NONCE, WRAPPED, DIGEST = 12, 32 + 16, 32
SIZE = _FIXED.size + NONCE + WRAPPED + DIGEST


class Kdf(NamedTuple):
    """Argon2id's cost: memory in KiB, passes, lanes."""

    memory_kib: int
    passes: int
    lanes: int


# RFC 9106's second recommended option (64 MiB, 3 passes, 4 lanes): about 0.1 to 0.25 s here.
DEFAULT = Kdf(64 * 1024, 3, 4)
MINIMUM = Kdf(64 * 1024, 3, 1)  # no header asking for less is believed: it would be a downgrade
MAXIMUM = Kdf(4 * 1024 * 1024, 64, 64)  # nor for so much it would exhaust the machine


class Header(NamedTuple):
    kdf: Kdf
    salt: bytes
    nonce: bytes
    wrapped: bytes  # the data key and the AEAD tag

    def associated_data(self) -> bytes:
        return _FIXED.pack(MAGIC, FORMAT, ARGON2ID, AES256_GCM, *self.kdf, self.salt)

    def encode(self) -> bytes:
        body = self.associated_data() + self.nonce + self.wrapped
        return body + sha256(body)

    def digest(self) -> str:
        """What names this header (a cached unlock applies to it alone: a new passphrase, a new key)."""
        return sha256(self.encode()).hex()


def sha256(data: bytes) -> bytes:
    """SHA-256 from the interpreter's own module: hashlib loads OpenSSL's bindings first, 2.5 ms of every
    command on an encrypted journal (quick capture's budget there is 1.2x a plain journal's, ~10 ms)."""
    return _sha256_of()(data).digest()


def _sha256_of() -> Callable[[bytes], Any]:
    for name in ("_sha2", "_sha256"):  # Python 3.12 on; 3.11
        try:
            return cast(Callable[[bytes], Any], __import__(name).sha256)
        except (ImportError, AttributeError):
            continue
    from hashlib import sha256 as found

    return found


def key_path(journal: Path) -> Path:
    """Where the header of the journal at `journal` (symlinks resolved) is."""
    return journal.with_name(journal.name + KEY_SUFFIX)


def data_format(head: bytes) -> int | None:
    """The encryption format of a file that begins with `head`, None if it is not an encrypted journal."""
    if len(head) >= len(DATA_MAGIC) and head.startswith(DATA_PREFIX):
        return head[len(DATA_PREFIX)]
    return None


def decode(data: bytes, shown: Path) -> Header:
    """The header in `data` (read from `shown`), or JournalRefused saying what is wrong with it."""
    if not data.startswith(MAGIC):
        raise JournalRefused(f"{shown} is not a mentorlog key file; the journal beside it cannot be opened")
    if len(data) >= len(MAGIC) + 2 and int.from_bytes(data[8:10], "big") > FORMAT:
        version = int.from_bytes(data[8:10], "big")
        raise JournalRefused(
            f"{shown} was written by a newer mentorlog (encryption format v{version}; this one reads v{FORMAT}): "
            "upgrade mentorlog to open the journal"
        )
    body, digest = data[:-DIGEST], data[-DIGEST:]
    if len(data) != SIZE or sha256(body) != digest:
        raise JournalRefused(
            f"{shown} is damaged or was edited: the journal cannot be unlocked with it; left untouched"
        )
    _, version, kdf_id, aead_id, memory, passes, lanes, salt = _FIXED.unpack(body[: _FIXED.size])
    if version != FORMAT or kdf_id != ARGON2ID or aead_id != AES256_GCM:
        raise JournalRefused(f"{shown} names an encryption this mentorlog does not know; left untouched")
    kdf = Kdf(memory, passes, lanes)
    if any(low > value or value > high for low, value, high in zip(MINIMUM, kdf, MAXIMUM, strict=True)):
        raise JournalRefused(
            f"{shown} asks for a key derivation outside what mentorlog accepts ({memory} KiB, {passes} passes, "
            f"{lanes} lanes): it was edited, and is refused; left untouched"
        )
    rest = body[_FIXED.size :]
    return Header(kdf, salt, rest[:NONCE], rest[NONCE:])


def read(journal: Path, shown: Path) -> Header:
    """The header of the encrypted journal at `journal` (shown to the user as `shown`)."""
    where = key_path(journal)
    try:
        with open(where, "rb") as handle:
            data = handle.read(SIZE + 1)
    except FileNotFoundError:
        raise JournalRefused(
            f"{shown} is an encrypted mentorlog journal, but its key file {key_path(shown)} is missing: "
            "the journal cannot be opened without it (copy it back from where the journal came from)"
        ) from None
    except OSError as exc:
        raise JournalRefused(f"cannot read {where}: {exc.strerror or exc}") from None
    return decode(data, key_path(shown))


def write(journal: Path, header: Header) -> None:
    """Put `header` beside `journal`, whole or not at all (a kill leaves the old header or the new one)."""
    place(key_path(journal), header.encode())


def place(target: Path, data: bytes) -> None:
    """`data` at `target`, 0600, whole or not at all (files.replace_whole: written beside, synced, renamed)."""
    import io

    from mentorlog.files import replace_whole

    replace_whole(target, io.BytesIO(data))
