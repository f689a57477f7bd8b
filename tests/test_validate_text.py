"""The one rule for free text (mentorlog/validate.checked), typed or imported."""

from __future__ import annotations

import re

import pytest

from mentorlog import validate
from mentorlog.errors import Invalid
from mentorlog.exchange import json_fields


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("", ""),
        ("plain", "plain"),
        ("two\r\nlines\rhere", "two\nlines\nhere"),
        ("Cafe\u0301", "Café"),
        ("tab\there", "tab\there"),
    ],
)
def test_text_is_stored_with_newlines_and_nfc(given: str, stored: str) -> None:
    assert validate.checked(given) == stored
    assert json_fields.text(given, one_line=False) == stored  # an import stores what typing stores
    assert validate.text(f"  {given}  ", "notes") == stored  # typing also trims


@pytest.mark.parametrize(
    ("given", "one_line", "message"),
    [
        ("bell\x07", False, "contains a control character (U+0007)"),
        ("x" * (validate.MAX_TEXT + 1), False, "is too long"),
        ("x" * (validate.MAX_TITLE + 1), True, f"at most {validate.MAX_TITLE}"),
        ("two\nlines", True, "must be one line"),
        ("carriage\rreturn", True, "must be one line"),
    ],
)
def test_text_is_refused_by_one_rule_with_the_field_named_by_the_caller(
    given: str, one_line: bool, message: str
) -> None:
    with pytest.raises(Invalid, match=re.escape(message)):
        validate.checked(given, one_line=one_line)
    with pytest.raises(Invalid, match=re.escape(message)):
        json_fields.text(given, one_line=one_line)
    typed = validate.line if one_line else validate.text
    with pytest.raises(Invalid, match=f"^title .*{re.escape(message)}"):
        typed(given, "title")


def test_text_is_measured_as_stored_after_normalising() -> None:
    """150 × U+0958 is 300 characters once NFC: it used to be stored, then refused by the journal's own export."""
    with pytest.raises(Invalid, match=r"too long \(300 characters"):
        validate.checked("\u0958" * 150, one_line=True)
    assert len(validate.checked("\u0958" * 100, one_line=True)) == 200


def test_a_lone_surrogate_is_refused_by_the_one_rule() -> None:
    for given in ("bad \udcff byte", "\ud800"):
        with pytest.raises(Invalid, match="not valid text"):
            validate.checked(given)
