"""The data key, wrapped by a passphrase (Argon2id, then AES-256-GCM), and state sealed with it.

What `cryptography` is asked for lives here, imported only when an encrypted journal is met: a
plain journal never loads it. A wrong passphrase and a header that unwraps with no passphrase are
told apart by nothing here (the AEAD tag fails for both): db.keyfile's checksum names an edited
header first, and a wrong passphrase is told as only that.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from mentorlog.db import keyfile
from mentorlog.errors import JournalRefused

if TYPE_CHECKING:
    from mentorlog.db.keyfile import Header, Kdf

KEY_BYTES = 32
EXTRA = "pip install 'mentorlog[encryption]'"
_SEAL_INFO = b"mentorlog state sealing v1"


class WrongPassphrase(JournalRefused):
    """The passphrase does not unwrap the data key; no hint of which part of it is wrong."""


def require() -> Any:
    """The `cryptography` primitives, or JournalRefused saying how to install the extra."""
    try:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM
        from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
    except ImportError:
        raise JournalRefused(
            f"encryption needs mentorlog's encryption extra, which is not installed: {EXTRA}"
        ) from None
    return AESGCM, Argon2id


def new_data_key() -> bytes:
    return os.urandom(KEY_BYTES)


def _kek(passphrase: str, salt: bytes, kdf: Kdf) -> bytes:
    """Argon2id of the passphrase in Unicode's composed form (NFC, as RFC 8265 asks of a password): "é" typed
    as one character on one keyboard and as e and an accent on another is the same passphrase."""
    import unicodedata

    _, argon2id = require()
    passphrase = unicodedata.normalize("NFC", passphrase)
    derive = argon2id(salt=salt, length=KEY_BYTES, iterations=kdf.passes, lanes=kdf.lanes, memory_cost=kdf.memory_kib)
    return bytes(derive.derive(passphrase.encode("utf-8")))


def wrap(data_key: bytes, passphrase: str, kdf: Kdf = keyfile.DEFAULT) -> Header:
    """A new header for `data_key` under `passphrase`: a fresh salt and nonce every time."""
    aesgcm, _ = require()
    salt, nonce = os.urandom(16), os.urandom(keyfile.NONCE)
    unwrapped = keyfile.Header(kdf, salt, nonce, b"")
    wrapped = aesgcm(_kek(passphrase, salt, kdf)).encrypt(nonce, data_key, unwrapped.associated_data())
    return unwrapped._replace(wrapped=bytes(wrapped))


def unwrap(header: Header, passphrase: str, shown: str) -> bytes:
    """The data key `header` wraps, or WrongPassphrase."""
    aesgcm, _ = require()
    from cryptography.exceptions import InvalidTag

    try:
        key = aesgcm(_kek(passphrase, header.salt, header.kdf)).decrypt(
            header.nonce, header.wrapped, header.associated_data()
        )
    except InvalidTag:
        raise WrongPassphrase(f"wrong passphrase for {shown}; nothing was opened") from None
    return bytes(key)


class Sealing:
    """State kept outside the database (a form's draft, a live observation) sealed with a key derived
    from the data key: readable only by whoever can open the journal, and bound to its place (`where`)."""

    def __init__(self, data_key: bytes) -> None:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.hkdf import HKDF

        aesgcm, _ = require()
        self._aead = aesgcm(HKDF(hashes.SHA256(), KEY_BYTES, salt=None, info=_SEAL_INFO).derive(data_key))

    def seal(self, data: bytes, where: str) -> bytes:
        nonce = os.urandom(keyfile.NONCE)
        return nonce + bytes(self._aead.encrypt(nonce, data, where.encode("utf-8")))

    def unseal(self, sealed: bytes, where: str) -> bytes | None:
        from cryptography.exceptions import InvalidTag

        try:
            return bytes(self._aead.decrypt(sealed[: keyfile.NONCE], sealed[keyfile.NONCE :], where.encode("utf-8")))
        except (InvalidTag, ValueError):
            return None
