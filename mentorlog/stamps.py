"""A record's identity and time stamps, as every writer stores them."""

from __future__ import annotations

import datetime as dt
import os

from mentorlog.codec import utc_text as utc_text


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def new_uid() -> str:
    """A random UUID (version 4, RFC 9562), as `str(uuid.uuid4())` writes it: without importing uuid,
    which costs quick capture a tenth of its start-up."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40
    raw[8] = (raw[8] & 0x3F) | 0x80
    text = raw.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
