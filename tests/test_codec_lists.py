"""A stored list reads back as written, with or without the JSON module (codec.text_list's fast path)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from mentorlog.codec import list_text, text_list


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12), max_size=6))
def test_every_list_reads_back_as_json_would(items: list[str]) -> None:
    import unicodedata

    written = list_text(items)
    assert text_list(written) == json.loads(written) == [unicodedata.normalize("NFC", item) for item in items]


def test_plain_lists_in_any_spacing_read_without_the_json_module() -> None:
    assert text_list('["Beginning","Exploring"]') == ["Beginning", "Exploring"]
    assert text_list('[ "a" , "b" ]') == ["a", "b"]
    assert text_list('["a \\"quoted\\" b"]') == ['a "quoted" b']
