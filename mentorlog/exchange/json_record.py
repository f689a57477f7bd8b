"""One record of a JSON export read into the values the journal stores, its parents and links by uid.

Shared by the document's records (json_read), and its history and trash (json_history).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from mentorlog.db.relations import Kind
from mentorlog.errors import Invalid
from mentorlog.exchange.json_fields import decode, tag_name
from mentorlog.exchange.json_format import ENTRY_LINKS, plan

SPACE = re.compile(r"\s")


@dataclass
class Incoming:
    where: str
    values: dict[str, Any]
    refs: dict[str, str | None] = field(default_factory=dict)
    links: dict[str, list[str]] = field(default_factory=dict)

    @property
    def uid(self) -> str:
        return str(self.values["uid"])


def read_record(kind: Kind, raw: Any, where: str) -> Incoming:
    if not isinstance(raw, dict):
        raise Invalid(f"{where} must be an object")
    values = decode(plan(kind.table), raw, where)
    check_uid(values["uid"], where)
    incoming = Incoming(where, values)
    for name in kind.parents:
        ref = raw.get(name)
        if ref is None and name in kind.optional_parents:
            incoming.refs[name] = None
            continue
        if not isinstance(ref, str) or not ref:
            raise Invalid(f"{where}: {name} must be the uid of its {name}")
        check_uid(ref, f"{where}: {name}")  # a reference is a uid as any record's is (and quoted in a message)
        incoming.refs[name] = ref
    if kind.name == "entries":
        for name in ENTRY_LINKS:
            links = raw.get(name, [])
            if not isinstance(links, list) or not all(isinstance(x, str) and x.strip() for x in links):
                raise Invalid(f"{where}: {name} must be a list of texts")
            if name == "tags":
                try:
                    links = [tag_name(x) for x in links]
                except Invalid as exc:
                    raise Invalid(f"{where}: a tag {exc}") from None
            incoming.links[name] = list(dict.fromkeys(links))
    return incoming


def check_uid(uid: str, where: str) -> None:
    if not 1 <= len(uid) <= 36 or SPACE.search(uid):
        raise Invalid(f"{where}: uid must be 1 to 36 characters without spaces (not {uid!r:.40})")
