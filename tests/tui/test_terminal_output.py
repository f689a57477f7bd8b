"""Nothing in the journal reaches the terminal as a command from any screen of the TUI.

Text is put into the file behind mentorlog's back (as another program, or a future bug,
could), then every screen is rendered and each line Textual would send is read back.
"""

from __future__ import annotations

import sqlite3

from mentorlog.db import Journal
from mentorlog.journal import actions, assessments, entries, goals, pairs
from mentorlog.journal.assessments import RatingInput
from mentorlog.terminal import UNSAFE
from mentorlog.tui.app import MentorlogApp
from tests.conftest import TODAY

HOSTILE = "Bad \x1b]0;PWNED\x07 \x1b[31mred \x1b]52;c;ZXZpbA==\x07 \u202eevil\u202c a\rb z\u200bw \x9b6n"
LINK = "[click](http://x\x1b]8;;\x07evil)"


def hostile_journal(journal: Journal) -> None:
    with journal.write() as s:
        pair = pairs.create_pair(s, mentor="Ana", mentee="Sam", today=TODAY)
        goal = goals.add_goal(s, pair, title="Goal", today=TODAY, milestones=["step"]).goal
        entry = entries.add_entry(s, pair, kind="session", on=TODAY, title="Session", body="body", tags=["t"],
                                  goal_ids=[goal.id or 0], next_steps=[entries.NextStep("item")])  # fmt: skip
        entries.add_entry(s, pair, kind="observation", on=TODAY, title="Obs", strengths=["glow"], growth_areas=["g"])
        assessments.record_assessment(s, pair, [RatingInput("1", 3, "ev")], rater="self", on=TODAY)
        actions.add_action(s, pair, "another")
        goals.record_progress(s, pair, goal.id or 0, 1.0, on=TODAY, today=TODAY, note="note")
        entries.update_entry(s, pair, entry.id or 0, title="Session edited")
    raw = sqlite3.connect(journal.path)
    for table, columns in {
        "pair": ("mentor_name", "agreement"),
        "entry": ("title", "body", "agenda", "context"),
        "goal": ("title", "specific", "measure"),
        "milestone": ("title",),
        "progress_update": ("note",),
        "action_item": ("text",),
        "competency": ("name",),
        "rating": ("evidence",),
        "tag": ("name",),
    }.items():
        for column in columns:
            value = HOSTILE + (" " + LINK if column == "body" else "")
            raw.execute(f"UPDATE {table} SET {column} = ? || id", (value,))  # names stay unique
    raw.commit()
    raw.close()


def sent(app: MentorlogApp) -> list[str]:
    """Every piece of text, and every link, of the lines the screen would write."""
    found = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            if segment.control:
                continue
            found.append(segment.text)
            if segment.style is not None and segment.style.link:
                found.append(segment.style.link)
    return found


async def test_no_screen_sends_a_stored_control_or_override(empty_journal: Journal) -> None:
    hostile_journal(empty_journal)
    app = MentorlogApp(empty_journal, today=TODAY)
    seen: dict[str, list[str]] = {}
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        seen["dashboard"] = sent(app)
        for key, name in (("2", "goals"), ("3", "journal"), ("4", "growth")):
            await pilot.press(key)
            await pilot.pause(0.3)
            seen[name] = sent(app)
        await pilot.press("h")  # the entry's history
        await pilot.pause()
        seen["history"] = sent(app)
        await pilot.press("escape")
        await pilot.press("e")  # the edit form, holding the stored text
        await pilot.pause()
        seen["form"] = sent(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("1")
        await pilot.press("p")
        await pilot.pause()
        seen["prep"] = sent(app)
        await pilot.press("escape")
        await pilot.press("ctrl+t")
        await pilot.pause()
        seen["trash"] = sent(app)
    for screen, texts in seen.items():
        bad = [text for text in texts if UNSAFE.search(text)]
        assert not bad, (screen, bad[:3])
    assert any("␛]0;PWNED" in text for text in seen["dashboard"]), "a control is shown, as a stand-in"
    assert any("␛]0;PWNED" in text for text in seen["journal"])
