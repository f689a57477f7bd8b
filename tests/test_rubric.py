"""The pair's own rubric: presets as published, edits that keep every rating, files of one's own."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from mentorlog.rubric_presets import PRESETS
from tests.conftest import Run

# What each standard publishes, written out here apart from the presets (so a typo in either shows).
PUBLISHED = {
    "seeded": (9, ("Beginning", "Exploring", "Applying", "Integrating", "Innovating"), "Classroom management",
               "Technology integration"),
    "cstp": (6, ("Emerging", "Exploring", "Applying", "Integrating", "Innovating"),
             "Engaging and Supporting All Students in Learning", "Developing as a Professional Educator"),
    "cstp-elements": (38, ("Emerging", "Exploring", "Applying", "Integrating", "Innovating"),
                      "Using knowledge of students to engage them in learning",
                      "Demonstrating professional responsibility, integrity, and ethical conduct"),
    "danielson": (22, ("Unsatisfactory", "Basic", "Proficient", "Distinguished"),
                  "Demonstrating Knowledge of Content and Pedagogy", "Showing Professionalism"),
    "danielson-2022": (22, ("Unsatisfactory", "Basic", "Proficient", "Distinguished"),
                       "Applying Knowledge of Content and Pedagogy", "Acting in Service of Students"),
    "intasc": (10, ("Level 1", "Level 2", "Level 3"), "Learner Development", "Leadership and Collaboration"),
    "apst": (7, ("Graduate", "Proficient", "Highly Accomplished", "Lead"), "Know students and how they learn",
             "Engage professionally with colleagues, parents/carers and the community"),
    "teachers-standards": (8, ("Beginning", "Exploring", "Applying", "Integrating", "Innovating"),
                           "Set high expectations which inspire, motivate and challenge pupils",
                           "Fulfil wider professional responsibilities"),
}  # fmt: skip
DANIELSON_CODES = [f"{d}{c}" for d, n in ((1, 6), (2, 5), (3, 5), (4, 6)) for c in "abcdef"[:n]]
CSTP_ELEMENT_CODES = [f"CSTP {s}.{e}" for s, n in enumerate((6, 7, 6, 5, 7, 7), start=1) for e in range(1, n + 1)]


@pytest.mark.parametrize("name", list(PUBLISHED))
def test_each_preset_holds_what_its_standard_publishes(name: str) -> None:
    count, levels, first, last = PUBLISHED[name]
    preset = PRESETS[name]
    assert (len(preset.items), preset.levels) == (count, levels)
    assert (preset.items[0].name, preset.items[-1].name) == (first, last)
    assert len({item.name for item in preset.items}) == count
    assert 3 <= len(preset.levels) <= 5


def test_the_presets_codes_and_groups_are_the_published_ones() -> None:
    assert [item.code for item in PRESETS["danielson"].items] == DANIELSON_CODES
    assert [item.code for item in PRESETS["danielson-2022"].items] == DANIELSON_CODES
    assert [item.group for item in PRESETS["danielson"].items][::6][:2] == ["Planning and Preparation",
                                                                            "The Classroom Environment"]  # fmt: skip
    assert PRESETS["danielson"].items[DANIELSON_CODES.index("3b")].name == "Using Questioning and Discussion Techniques"
    assert [item.code for item in PRESETS["cstp-elements"].items] == CSTP_ELEMENT_CODES
    assert PRESETS["cstp-elements"].items[CSTP_ELEMENT_CODES.index("CSTP 2.3")].name == (
        "Establishing and maintaining learning environments that are physically, intellectually, and emotionally safe"
    )
    assert len({item.group for item in PRESETS["cstp-elements"].items}) == 6
    assert [
        len([i for i in PRESETS["intasc"].items if i.group == g])
        for g in ("The Learner and Learning", "Content", "Instructional Practice", "Professional Responsibility")
    ] == [3, 2, 3, 2]
    assert [item.code for item in PRESETS["apst"].items] == [str(n) for n in range(1, 8)]
    assert [item.code for item in PRESETS["teachers-standards"].items] == [f"TS{n}" for n in range(1, 9)]


def _db() -> Path:
    return Path(os.environ["MENTORLOG_DB"])


def _dump() -> list[str]:
    conn = sqlite3.connect(_db())
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_a_switch_keeps_every_past_rating_under_its_name_and_level(run_with_pair: Run) -> None:
    run = run_with_pair
    assert run("assess", "classroom=3:calm room", "reflective=5").code == 0
    switched = run("rubric", "preset", "danielson")
    assert switched.code == 0 and "22 competencies" in switched.out and "9 competencies retired" in switched.out
    assert "Classroom management: 3 (Applying)" in run("show", "1").out
    assert "Reflective practice: 5 (Innovating)" in run("show", "1").out
    rated = run("assess", "3b=distinguished", "2c=basic")
    assert rated.code == 0, rated.err
    assert "Using Questioning and Discussion Techniques: 4 (Distinguished)" in rated.out
    assert "Managing Classroom Procedures: 2 (Basic)" in rated.out
    refused = run("assess", "3b=5")
    assert refused.code == 1 and "1 Unsatisfactory, 2 Basic, 3 Proficient, 4 Distinguished" in refused.err
    back = run("rubric", "preset", "seeded")  # the nine come back, ratings and all
    assert back.code == 0 and "22 competencies retired" in back.out
    listed = json.loads(run("rubric", "list", "--json").out)
    assert [c["name"] for c in listed["competencies"]][:2] == ["Classroom management", "Lesson planning and curriculum"]
    assert listed["levels"][0] == "Beginning"
    markdown = run("export", "--out", "-").out
    assert "| Classroom management | 3 Applying | calm room |" in markdown
    assert "| Using Questioning and Discussion Techniques | 4 Distinguished |" in markdown


def test_a_competency_is_named_one_way_everywhere(run_with_pair: Run) -> None:
    run = run_with_pair
    run("rubric", "preset", "cstp-elements")
    for ref, name in (("CSTP 2.3", "Establishing and maintaining"), ("2.3", "Establishing and maintaining"),
                      ("9", "Establishing and maintaining"), ("routines", "Employing classroom routines")):  # fmt: skip
        result = run("assess", f"{ref}=2")
        assert result.code == 0 and name in result.out, (ref, result.err)
    ambiguous = run("assess", "students=2")
    assert ambiguous.code == 1 and "matches more than one competency" in ambiguous.err
    goal = run("goal", "add", "Questioning", "--kind", "rubric", "--competency", "CSTP 1.5", "--target", "4")
    assert goal.code == 0, goal.err
    assert "Promoting critical thinking" in run("goal", "show", "1").out


def test_rubric_edits_are_kept_and_each_refusal_is_one_line(run_with_pair: Run, tmp_path: Path) -> None:
    run = run_with_pair
    assert run("rubric", "add", "Family partnership", "--code", "FP", "--group", "Beyond the classroom").code == 0
    assert run("rubric", "rename", "FP", "Partnering with families").code == 0
    assert run("rubric", "move", "Partnering", "1").code == 0
    assert run("rubric", "describe", "1", "applying", "Calls every family by October").code == 0
    assert run("rubric", "retire", "technology").code == 0
    listed = json.loads(run("rubric", "list", "--json").out)["competencies"]
    assert (listed[0]["name"], listed[0]["code"], listed[0]["descriptors"][2]) == (
        "Partnering with families",
        "FP",
        "Calls every family by October",
    )
    assert "Technology integration" not in [c["name"] for c in listed]
    assert "Technology integration  (retired 2026-11-22)" in run("rubric", "list", "--retired").out

    before = _dump()
    for argv, code, said in (
        (["rubric", "preset", "marzano"], 1, "no rubric preset 'marzano': the presets are seeded, cstp"),
        (["rubric", "rename", "nobody", "X"], 1, "no competency matches 'nobody'"),
        (["rubric", "rename", "1", "Classroom management"], 1, "has a competency named 'Classroom management'"),
        (["rubric", "move", "1", "99"], 1, "a position is from 1 to 9"),
        (["rubric", "describe", "1", "7", "x"], 1, "a level is on the rubric's scale"),
        (["rubric", "move", "1"], 2, ""),
        (["rubric", "load", str(tmp_path / "missing.csv")], 1, "cannot read"),
    ):
        result = run(*argv)
        assert result.code == code, (argv, result.err)
        assert said in result.err and (code == 2 or result.err.count("\n") == 1), result.err
    assert _dump() == before


def test_the_last_active_competency_cannot_retire(run_with_pair: Run, tmp_path: Path) -> None:
    file = tmp_path / "one.csv"
    file.write_text("name\nClassroom management\n", encoding="utf-8")
    assert run_with_pair("rubric", "load", str(file)).code == 0
    refused = run_with_pair("rubric", "retire", "classroom")
    assert refused.code == 1 and "the rubric's last competency" in refused.err


def test_a_rubric_file_loads_and_its_errors_name_their_lines(run_with_pair: Run, tmp_path: Path) -> None:
    run = run_with_pair
    good = tmp_path / "district.csv"
    good.write_text(
        "code,name,group,level: Beginning,level: Developing,level: Proficient,level: Advanced\n"
        "1.1,Knows the students,Standard 1,Learns names,Knows interests,Plans from them,Students plan too\n"
        '1.2,"Routines, taught",Standard 1,,,,\n',
        encoding="utf-8",
    )
    loaded = run("rubric", "load", str(good))
    assert loaded.code == 0 and "2 competencies, levels Beginning, Developing, Proficient, Advanced" in loaded.out
    listed = json.loads(run("rubric", "list", "--json").out)
    assert listed["preset"] == "district" and listed["competencies"][1]["name"] == "Routines, taught"
    assert listed["competencies"][0]["descriptors"][3] == "Students plan too"

    toml = tmp_path / "mine.toml"
    toml.write_text('levels = ["Not yet", "Partly", "Fully"]\n\n[[competency]]\nname = "Planning"\n'
                    'descriptors = ["No plan", "A plan", "A plan from data"]\n', encoding="utf-8")  # fmt: skip
    assert run("rubric", "load", str(toml)).code == 0
    assert json.loads(run("rubric", "list", "--json").out)["levels"] == ["Not yet", "Partly", "Fully"]

    before = _dump()
    for name, text, said in (
        ("twice.csv", "name\nPlanning\nAssessment\nplanning\n", "twice.csv, line 4: 'planning' is named on line 2"),
        ("nameless.csv", "code,title\n1,Planning\n", "nameless.csv, line 1: the header has no 'name' column"),
        ("odd.csv", "name,colour\nPlanning,red\n", "odd.csv, line 1: unknown column 'colour'"),
        ("empty.csv", "name\n\n,\n", "a rubric has at least one competency"),
        ("blank.csv", "code,name\n1,\n", "blank.csv, line 2: the competency has no name"),
        ("two.csv", "name,level: A,level: B\nPlanning,x,y\n", "a rubric has 3 to 5 levels (not 2)"),
        ("bad.toml", "levels = [\n", "bad.toml: "),
        ("twice.toml", '[[competency]]\nname = "A"\n\n[[competency]]\nname = "a"\n', "twice.toml, line 4: 'a'"),
        ("rubric.xlsx", "x", "a rubric file is .csv or .toml"),
    ):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = run("rubric", "load", str(path))
        assert result.code == 1 and said in result.err and result.err.count("\n") == 1, (name, result.err)
    assert _dump() == before
