"""A lesson on disk: saved once by the teacher, loaded by every student without spaCy, corrected, exported."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from widget_analysis import widget_analysis

import toolkit
from toolkit.widgets.answers import answer_key
from toolkit.widgets.classroom import student_app
from toolkit.widgets.lesson import (
    LESSONS_ENV,
    NAME_MAX,
    inside,
    lessons_dir,
    list_lessons,
    load_lesson,
    safe_name,
    save_lesson,
)

HOSTILE = ["../../etc/passwd", "/etc/passwd", "a\x00b", "x" * 1000, "..", ".", "", "~/.ssh/id_rsa", "C:\\Windows\\x",
           "..\\..\\boot.ini", "\u202eevil", "a/../../b"]


@pytest.fixture()
def lesson(tmp_path):
    return save_lesson(widget_analysis(), "a", folder=tmp_path)


@pytest.mark.parametrize("name", HOSTILE)
def test_file_names_never_leave_the_lessons_folder(tmp_path, name):
    slug = safe_name(name)
    assert slug and len(slug) <= NAME_MAX and "/" not in slug and "\\" not in slug and "\x00" not in slug
    assert not slug.startswith(".")
    path = inside(tmp_path, name, suffix=".json")
    assert path.resolve().parent == tmp_path.resolve()
    # The same names as a lesson and as a student stay inside too.
    saved = save_lesson(widget_analysis(), "a", name=name, folder=tmp_path)
    assert saved.path.resolve().parent == tmp_path.resolve()
    answers = saved.save_answers(name, {0: {"hedged": "no"}})
    assert answers.resolve().is_relative_to(saved.path.resolve())
    assert load_lesson(saved.name, folder=tmp_path).answers(name) == {0: {"hedged": "no"}}


def test_a_symlink_out_of_the_folder_is_refused(tmp_path):
    (tmp_path / "out").symlink_to("/etc", target_is_directory=True)
    with pytest.raises(ValueError, match="outside"):
        inside(tmp_path, "out", "passwd")


def test_lessons_live_in_a_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(LESSONS_ENV, raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert lessons_dir() == tmp_path / ".local" / "share" / "newsclaims" / "lessons"
    assert Path(toolkit.__file__).parent not in lessons_dir().parents
    monkeypatch.setenv(LESSONS_ENV, str(tmp_path / "mine"))
    save_lesson(widget_analysis(), "b")
    assert list_lessons() == ["b"] and (tmp_path / "mine" / "b" / "lesson.json").is_file()


def test_a_saved_lesson_holds_the_tables_and_the_key(lesson):
    again = load_lesson("a", folder=lesson.path.parent)
    assert (again.name, again.article_id, again.title) == ("a", "a", "Bridge <b>unsafe</b>, officials say")
    assert again.analysis.claims["claim_id"].tolist() == [0, 1, 2, 3]  # article b's tables are not saved
    assert set(again.analysis.articles["article_id"]) == {"a"}
    expected = answer_key(widget_analysis(), "a")
    got = again.key()
    for col in ("claim_id", "source", "anonymity", "hedged", "denied", "denial", "excerpt_html", "content_start"):
        assert got[col].tolist() == expected[col].tolist(), col
    assert got["denied_by"].tolist() == expected["denied_by"].tolist()
    assert again.text == widget_analysis().article_text("a")
    with pytest.raises(FileNotFoundError, match="no lesson called 'nope'"):
        load_lesson("nope", folder=lesson.path.parent)


def test_a_student_session_never_imports_spacy(lesson):
    code = (
        "import sys\n"
        "from toolkit.widgets import load_lesson, student_app\n"
        f"lesson = load_lesson('a', folder={str(lesson.path.parent)!r})\n"
        "ui, state = student_app(lesson)\n"
        "ui.student.value = 'Ada'\n"
        "ui.questions[0]['hedged'].value = 'no'\n"
        "print(state.total, state.score, 'spacy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.split() == ["16", "1", "False"], out.stderr
    # The check can fail: the analysis side does import spaCy.
    heavy = subprocess.run([sys.executable, "-c", "import sys, toolkit; toolkit.analyze; print('spacy' in sys.modules)"],
                           capture_output=True, text=True, check=True, timeout=120)
    assert heavy.stdout.strip() == "True"


def test_corrections_sit_beside_the_article_and_change_the_key(lesson):
    lesson.save_corrections({0: {"hedged": "yes", "source": "City officials"}, 3: {"dropped": True}})
    assert (lesson.path / "a.key.json").is_file() and (lesson.path / "a.txt").is_file()
    saved = json.loads((lesson.path / "a.key.json").read_text(encoding="utf-8"))
    assert saved["claims"] == {"0": {"hedged": "yes", "source": "City officials"}, "3": {"dropped": True}}
    key = load_lesson("a", folder=lesson.path.parent).key().set_index("claim_id")
    assert list(key.index) == [0, 1, 2]
    assert key.loc[0, "hedged"] == "yes" and key.loc[0, "source"] == "City officials"
    assert sorted(key.loc[0, "corrected"]) == ["hedged", "source"] and key.loc[1, "corrected"] == []
    assert lesson.machine_key().set_index("claim_id").loc[0, "hedged"] == "no"  # the machine's answer is kept
    with pytest.raises(ValueError, match="not an answer"):
        lesson.save_corrections({1: {"hedged": "maybe"}})


def test_the_exercise_marks_against_the_corrected_key(lesson):
    ui, state = student_app(lesson)
    ui.questions[0]["hedged"].value = "no"
    assert state.score == 1
    lesson.save_corrections({0: {"hedged": "yes"}, 3: {"dropped": True}})
    ui, state = student_app(lesson)
    assert 3 not in ui.questions and state.total == 12
    assert "City officials" not in ui.questions[0]["source"].options
    ui.questions[0]["hedged"].value = "no"
    assert state.score == 0
    ui.questions[0]["hedged"].value = "yes"
    assert state.score == 1


def test_an_app_opened_before_the_correction_follows_it_when_the_student_gives_a_name(lesson):
    # `make classroom STUDENTS=30` runs the app in 30 kernels when the server starts; the teacher
    # may correct the key after that, and no student may be marked against the old one.
    ui, state = student_app(lesson)
    assert state.total == 16 and 3 in ui.questions
    lesson.save_corrections({0: {"hedged": "yes"}, 3: {"dropped": True}})
    lesson.save_answers("Ada", {0: {"hedged": "yes"}, 3: {"hedged": "no"}})
    ui.student.value = "Ada"
    assert state.total == 12 and 3 not in ui.questions and len(ui.picker.options) == 3
    assert state.score == 1 and state.answers == {0: {"hedged": "yes"}}  # the dropped claim's answer is gone
    assert ui.questions[0]["hedged"].value == "yes"


def test_the_key_exports_as_labelled_data(lesson):
    lesson.save_corrections({1: {"hedged": "no"}, 3: {"dropped": True}})
    text = lesson.text
    table = pd.read_csv(io.StringIO(lesson.export_key("csv")), keep_default_na=False)
    assert table["claim"].tolist() == [1, 2, 3, 4] and table["claim_id"].tolist() == [0, 1, 2, 3]
    for row in table.to_dict("records"):
        assert text[row["start"] : row["end"]] == row["text"]
    assert table["dropped"].tolist() == [False, False, False, True]
    assert table.loc[1, "hedged"] == "no" and table.loc[1, "corrected"] == "hedged"
    lines = [json.loads(line) for line in lesson.export_key("jsonl").splitlines()]
    assert [r["claim"] for r in lines] == [1, 2, 3, 4]
    assert all(text[r["start"] : r["end"]] == r["text"] for r in lines)


def test_answers_are_saved_and_resumed_by_name(lesson):
    ui, state = student_app(lesson)
    ui.questions[1]["hedged"].value = "yes"  # before a name: kept on screen, not saved
    assert "Type your name" in ui.status.value and not (lesson.path / "answers").exists()
    ui.student.value = "Ada Lovelace"
    ui.questions[0]["source"].value = "Officials"
    assert state.score == 2
    assert lesson.answers("Ada Lovelace") == {0: {"source": "Officials"}, 1: {"hedged": "yes"}}
    # Re-running the cell (or restarting the app): a fresh exercise, the same name brings it all back.
    ui2, state2 = student_app(load_lesson("a", folder=lesson.path.parent))
    assert state2.score == 0
    ui2.student.value = "ada lovelace"
    assert state2.score == 2 and ui2.questions[0]["source"].value == "Officials"
    assert "Welcome back" in ui2.status.value
    # Another student starts afresh and does not see Ada's answers.
    ui3, state3 = student_app(lesson)
    ui3.student.value = "Grace"
    assert state3.answered == 0 and lesson.answers("Grace") == {}
    assert sorted(p.name for p in (lesson.path / "answers").iterdir()) == ["ada-lovelace.json"]


def test_saving_again_keeps_corrections_and_answers(lesson):
    lesson.save_corrections({0: {"hedged": "yes"}})
    lesson.save_answers("Ada", {1: {"hedged": "yes"}})
    again = save_lesson(widget_analysis(), "a", folder=lesson.path.parent)
    assert again.corrections() == {"0": {"hedged": "yes"}} and again.answers("Ada") == {1: {"hedged": "yes"}}


def test_the_toolkit_api_still_works_lazily():
    assert callable(toolkit.analyze) and callable(toolkit.load_articles) and callable(toolkit.scorecard)
    assert {"analyze", "exercise", "load_model"} <= set(dir(toolkit))
    with pytest.raises(AttributeError):
        toolkit.nope  # noqa: B018
    assert os.path.basename(toolkit.widgets.lesson.__file__) == "lesson.py"


def test_feedback_never_quotes_evidence_the_teacher_corrected(lesson):
    from toolkit.widgets.answers import why

    machine = lesson.key().set_index("claim_id")
    assert why("denied", machine.loc[0]).startswith("It is denied in the article by \u201cJane Doe\u201d")
    lesson.save_corrections({0: {"denied": "no"}, 3: {"hedged": "yes", "source": "The city"}})
    key = lesson.key().set_index("claim_id")
    assert why("denied", key.loc[0]) == "Nobody in the article denies this claim."
    assert why("hedged", key.loc[3]) == "It is softened: the writer does not vouch for it."
    assert why("source", key.loc[3]) == "The source is The city."
    lesson.save_corrections({1: {"denied": "yes"}})
    assert why("denied", lesson.key().set_index("claim_id").loc[1]) == "Someone in the article denies it."


def test_the_students_file_is_named_after_the_lesson(lesson):
    ui, _ = student_app(lesson)
    ui.student.value = "Ada"
    ui.questions[0]["hedged"].value = "no"
    ui.export_button.click()
    assert 'download="answers-Ada-a.csv"' in "".join(o["data"]["text/html"] for o in ui.export_out.outputs)


def test_the_classroom_is_reachable_from_toolkit():
    from toolkit.widgets import classroom, lesson, teacher

    assert toolkit.student_app is classroom.student_app and toolkit.teacher_app is teacher.teacher_app
    assert toolkit.save_lesson is lesson.save_lesson and toolkit.load_lesson is lesson.load_lesson


def _widgets_made(build) -> int:  # type: ignore[no-untyped-def]
    from ipywidgets.widgets.widget import _instances

    before = set(_instances)
    build()
    return len(set(_instances) - before)


def test_the_page_opens_with_only_the_first_card_built(lesson):
    # Every widget's state goes to the student's browser when the page opens: the cards not reached
    # yet must not be made then (eagerly, a 21-claim lesson sent 850 widgets before the first card).
    made: list = []
    opened = _widgets_made(lambda: made.append(student_app(lesson)))
    ui, _state = made[0]
    rest = _widgets_made(lambda: list(ui.cards.values()))
    per_card = rest / (len(ui.cards) - 1)
    assert per_card >= 10 and opened < 2 * per_card + 40  # one card plus the page's own widgets
    assert _widgets_made(lambda: list(ui.cards.values())) == 0  # a card is made once


def test_answers_saved_for_cards_not_built_yet_count_and_show_when_reached(lesson):
    ui, state = student_app(lesson)
    ui.student.value = "Ada"
    ui.questions[2]["hedged"].value = "yes"
    ui2, state2 = student_app(load_lesson("a", folder=lesson.path.parent))
    ui2.student.value = "Ada"
    assert state2.answered == 1 and state2.answers[2] == {"hedged": "yes"}  # counted before card 3 is made
    ui2.picker.value = 2
    assert ui2.questions[2]["hedged"].value == "yes" and "toolkit-wrong" in _feedback_text(ui2.feedback[2])
    # A saved answer that is no longer a choice (the teacher changed the key) is not counted.
    lesson.save_answers("Bob", {0: {"source": "Nobody on this card", "hedged": "no"}})
    ui3, state3 = student_app(lesson)
    ui3.student.value = "Bob"
    assert state3.answers[0] == {"hedged": "no"}


def _feedback_text(out) -> str:  # type: ignore[no-untyped-def]
    return "".join(o["data"].get("text/html", "") for o in out.outputs)
