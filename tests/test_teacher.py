"""The teacher's key editor and app, driven by assigning `.value` and clicking."""

from __future__ import annotations

import base64
import io
import json
import re

import pandas as pd
import pytest
import textstat
from widget_analysis import widget_analysis

from toolkit.widgets.classroom import student_app
from toolkit.widgets.lesson import load_lesson, save_lesson
from toolkit.widgets.teacher import key_editor, teacher_app


def _html(out) -> str:
    return "".join(o["data"].get("text/html", "") for o in out.outputs)


def _readable(text: str) -> str:
    """The status line, checked: one plain sentence or two a 14-year-old reads easily (grade 8 at most)."""
    plain = re.sub(r"<[^>]+>", "", text)
    assert textstat.flesch_kincaid_grade(plain) <= 8, plain
    return plain


def _download(out) -> str:
    return base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)", _html(out)).group(1)).decode()


@pytest.fixture()
def lesson(tmp_path):
    return save_lesson(widget_analysis(), "a", name="Bridge lesson", folder=tmp_path)


def test_the_editor_shows_the_key_and_saves_corrections(lesson):
    ui = key_editor(lesson)
    assert sorted(ui.fields) == [0, 1, 2, 3]
    assert ui.fields[0]["hedged"].value == "no" and ui.fields[0]["source"].value == "Officials"
    assert re.search(r"<td[^>]*>1</td>", ui.preview.value) and not re.search(r"<td[^>]*>0</td>", ui.preview.value)
    cells = re.sub(r"<style>.*?</style>", "", ui.preview.value, flags=re.S)
    assert "NA" not in cells and "[" not in cells  # no <NA>, no raw lists
    ui.fields[0]["hedged"].value = "yes"
    ui.fields[1]["source"].value = "Reuters"
    ui.fields[1]["anonymity"].value = "named"
    ui.fields[3]["dropped"].value = True
    ui.save_button.click()
    assert "Saved. 3 claims changed" in ui.status.value
    saved = json.loads((lesson.path / "a.key.json").read_text(encoding="utf-8"))["claims"]
    assert saved == {"0": {"hedged": "yes"}, "1": {"source": "Reuters", "anonymity": "named"}, "3": {"dropped": True}}
    assert "Reuters" in ui.preview.value and "repairs were delayed" not in ui.preview.value
    # From then on the exercise marks against the corrected key.
    sui, state = student_app(load_lesson("Bridge lesson", folder=lesson.path.parent))
    assert state.total == 12 and "Reuters" in sui.questions[1]["source"].options
    sui.questions[1]["source"].value = "Reuters"
    sui.questions[0]["hedged"].value = "yes"
    assert state.score == 2
    # Reopening the editor shows the corrections; undoing one and saving removes it.
    again = key_editor(lesson)
    assert again.fields[0]["hedged"].value == "yes" and again.fields[3]["dropped"].value
    again.fields[0]["hedged"].value = "no"
    again.save_button.click()
    assert "0" not in json.loads((lesson.path / "a.key.json").read_text(encoding="utf-8"))["claims"]


def test_the_editor_exports_labelled_data(lesson):
    ui = key_editor(lesson)
    ui.fields[2]["denied"].value = "no"
    ui.save_button.click()
    ui.export_csv.click()
    assert 'download="key-Bridge-lesson.csv"' in _html(ui.export_out)
    table = pd.read_csv(io.StringIO(_download(ui.export_out)), keep_default_na=False)
    text = lesson.text
    assert all(text[r["start"] : r["end"]] == r["text"] for r in table.to_dict("records"))
    assert table.loc[table["claim"] == 3, "denied"].item() == "no"
    ui.export_jsonl.click()
    rows = [json.loads(line) for line in _download(ui.export_out).splitlines()]
    assert [r["claim"] for r in rows] == [1, 2, 3, 4] and rows[2]["corrected"] == "denied"


def test_the_teacher_app_analyses_saves_and_corrects(tmp_path, nlp):
    ui, state = teacher_app(folder=tmp_path, nlp=nlp)
    ui.analyse_button.click()
    assert "No article yet" in ui.status.value and state.analysis is None
    ui.picker.paste.value = "Bridge closed, officials say\nThe bridge is unsafe, officials said on Monday."
    ui.analyse_button.click()
    assert state.analysis is not None and "claims found" in ui.status.value, ui.status.value
    assert "<table" in ui.scorecard_out.value and "&lt;NA&gt;" not in ui.scorecard_out.value
    ui.lesson_name.value = "../../Monday bridge"
    ui.save_button.click()
    assert state.lesson is not None and state.lesson.path.parent == tmp_path
    assert "Monday-bridge" in _readable(ui.status.value)
    editor = ui.editor_box.children[0]
    editor.fields[0]["hedged"].value = "yes"
    editor.save_button.click()
    _readable(editor.status.value)
    assert load_lesson("Monday bridge", folder=tmp_path).key().loc[0, "hedged"] == "yes"


def test_the_teacher_app_says_what_went_wrong_in_one_sentence(tmp_path, nlp):
    ui, state = teacher_app(folder=tmp_path, nlp=nlp)
    ui.picker.paste.value = "   "
    ui.analyse_button.click()
    assert state.analysis is None and ui.save_button.disabled
    assert "Traceback" not in ui.status.value and ui.status.value.endswith(".")


def test_the_teacher_app_reopens_a_saved_lesson(lesson):
    ui, state = teacher_app(folder=lesson.path.parent)
    assert list(ui.saved.options) == ["Bridge-lesson"]
    ui.open_button.click()
    assert "Choose a saved lesson" in ui.status.value
    ui.saved.value = "Bridge-lesson"
    ui.open_button.click()
    assert state.lesson.path == lesson.path and "tk-scorecard" in ui.scorecard_out.value
    editor = ui.editor_box.children[0]
    editor.fields[1]["hedged"].value = "no"
    editor.save_button.click()
    assert lesson.key().set_index("claim_id").loc[1, "hedged"] == "no"


def test_a_failing_load_is_one_plain_sentence(tmp_path, nlp):
    ui, state = teacher_app(folder=tmp_path, nlp=nlp)
    ui.picker.url.value = "http://127.0.0.1:9/nothing-here"
    ui.picker.tabs.selected_index = 1
    ui.analyse_button.click()
    assert state.analysis is None and not ui.analyse_button.disabled
    assert "Traceback" not in ui.status.value and ui.status.value.endswith(".")


def test_a_lesson_that_cannot_be_saved_is_one_plain_sentence(tmp_path, nlp):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the lessons folder should be", encoding="utf-8")
    ui, state = teacher_app(folder=blocked, nlp=nlp)
    ui.picker.paste.value = "Bridge closed, officials say\nThe bridge is unsafe, officials said on Monday."
    ui.analyse_button.click()
    ui.save_button.click()
    assert state.lesson is None and ui.status.value.startswith("The lesson could not be saved")
    assert "Traceback" not in ui.status.value and ui.status.value.endswith(".")
