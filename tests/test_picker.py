"""The article picker (toolkit.widgets.picker): every source, the Analyse button, and bad input.

Tests drive the widget as a person would: they assign ``.value`` and press the button with
``button.click()``.  URLs go to the local test site or to a closed port on 127.0.0.1, never
the internet.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from toolkit.serve import free_port
from toolkit.widgets.picker import (
    MAX_PASTE_CHARS,
    MAX_UPLOAD_BYTES,
    analyse_picked,
    article_picker,
    follow,
)

ROOT = Path(__file__).resolve().parents[1]
SECOND_OUTLET = ROOT / "notebooks" / "examples" / "drones-second-outlet.txt"
STORY = "Bridge to reopen, mayor says\nThe bridge will reopen on Monday, the mayor said. Officials denied that it was unsafe.\n"


def _file(name: str, content: bytes) -> tuple[dict, ...]:
    return ({"name": name, "type": "", "size": len(content), "content": memoryview(content),
             "last_modified": datetime.now(UTC)},)



@pytest.fixture()
def picker(nlp):
    return article_picker(nlp=nlp)


def test_picker_modes(tmp_path, server):
    (tmp_path / "story.txt").write_text("Title\nShe said it rained.", encoding="utf-8")
    ui, state = article_picker(label="A", data_dir=tmp_path)
    assert state.mode == "Paste" and state.source is None
    ui.tabs.selected_index = 3
    assert state.mode == "Data" and str(state.source).endswith("story.txt")
    ui.tabs.selected_index = 1
    ui.url.value = f"{server}/ok"
    assert state.source == f"{server}/ok"
    ui.tabs.selected_index = 2
    ui.upload.value = _file("up.txt", b"Hi\nA said B.")
    assert state.mode == "Upload" and state.source["text"].tolist() == ["Hi\nA said B."]


def test_picker_opens_on_the_value_it_is_given(tmp_path):
    (tmp_path / "a.txt").write_text("A\nOne said so.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("B\nTwo said so.", encoding="utf-8")
    ui, state = article_picker(data_dir=tmp_path, value=tmp_path / "b.txt")
    assert state.mode == "Data" and Path(state.source).name == "b.txt" and ui.tabs.selected_index == 3
    # A file outside data/ is offered in the list too, read by the loader, not pasted as text.
    ui, state = article_picker(data_dir=tmp_path, value=str(SECOND_OUTLET))
    assert state.mode == "Data" and Path(state.source) == SECOND_OUTLET
    assert [label for label, _ in ui.data.options] == ["a.txt", "b.txt", SECOND_OUTLET.name]
    ui, state = article_picker(value="https://example.org/story")
    assert state.mode == "URL" and state.source == "https://example.org/story"


def test_analyse_button_fills_the_state_and_shows_busy(picker):
    ui, state = picker
    seen = []
    state.observe(lambda c: seen.append((c["new"], ui.button.disabled, ui.button.description)), names="busy")
    ui.paste.value = STORY
    ui.button.click()
    assert seen == [(True, True, "Analysing…"), (False, False, "Analyse")]
    assert state.analysis is not None and state.article_id == state.analysis.articles["article_id"].iloc[0]
    assert state.status.startswith("Analysed pasted text:") and state.warnings == []
    assert len(state.analysis.claims) >= 1 and "toolkit-problem" not in ui.status.value


def test_empty_text_is_one_plain_sentence(picker):
    ui, state = picker
    for empty in ("", "   \n  "):
        ui.paste.value = empty
        ui.button.click()
        assert state.analysis is None and state.status.startswith("No article yet")
        assert "Traceback" not in ui.status.value and "toolkit-problem" in ui.status.value
    ui.paste.value = STORY  # still usable
    ui.button.click()
    assert state.analysis is not None


def test_binary_upload_is_refused_in_words(picker):
    ui, state = picker
    ui.tabs.selected_index = 2
    ui.upload.value = _file("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    assert state.source is None and "looks like a binary file" in state.status
    ui.button.click()
    assert state.analysis is None and "binary" in state.status and "Traceback" not in ui.status.value
    ui.upload.value = _file("program.exe", b"MZ\x90\x00")
    assert "upload a .txt" in state.status


def test_upload_over_the_cap_is_refused_in_words(picker):
    ui, state = picker
    ui.tabs.selected_index = 2
    ui.upload.value = _file("huge.txt", b"word " * (MAX_UPLOAD_BYTES // 5 + 1))
    assert state.source is None and "too large" in state.status and "limit" in state.status
    ui.upload.value = _file("story.txt", STORY.encode())
    ui.button.click()
    assert state.analysis is not None and state.article_id == "story"


def test_upload_is_read_by_the_loader(picker):
    ui, state = picker
    ui.tabs.selected_index = 2
    ui.upload.value = _file("old.txt", "Caf\u00e9 to close\nThe owner said the caf\u00e9 would close.".encode("cp1252"))
    assert state.source["text"].iloc[0].startswith("Café to close")  # not a U+FFFD mess
    rows = "\n".join(['{"title": "Bridge", "text": "Bridge to reopen\\nThe mayor said it would reopen."}'])
    ui.upload.value = _file("feed.jsonl", rows.encode())
    assert state.source["text"].iloc[0].startswith("Bridge to reopen")
    ui.upload.value = _file("page.html", b"<html><body><article><h1>Dam bursts</h1><p>Police said a dam burst near "
                                         b"the town on Monday, and residents were moved.</p></article></body></html>")
    assert "Dam bursts" in state.source["text"].iloc[0] and "<p>" not in state.source["text"].iloc[0]


def test_a_5_mb_paste_is_refused_with_a_message(picker):
    ui, state = picker
    ui.paste.value = STORY * (5_000_000 // len(STORY))
    assert state.source is None and "too long" in state.status and f"{MAX_PASTE_CHARS:,}" in state.status
    ui.button.click()
    assert state.analysis is None and "too long" in state.status
    ui.paste.value = STORY
    ui.button.click()
    assert state.analysis is not None


def test_failing_and_slow_urls_are_plain_sentences(nlp, server):
    ui, state = article_picker(nlp=nlp, timeout=0.5)
    ui.tabs.selected_index = 1
    ui.url.value = f"http://127.0.0.1:{free_port()}/story"
    ui.button.click()
    assert state.analysis is None and "fetching failed" in state.status and "\n" not in state.status
    ui.url.value = f"{server}/slow"
    ui.button.click()
    assert "timed out" in state.status and not ui.button.disabled
    ui.url.value = f"{server}/missing"
    ui.button.click()
    assert "HTTP 404" in state.status
    ui.url.value = "example.org/story"
    assert state.source is None and "is not a web address" in state.status
    ui.url.value = f"{server}/ok"
    ui.button.click()
    assert state.analysis is not None and state.status.startswith(f"Analysed {server}/ok")


def test_non_english_text_is_a_warning_beside_the_analysis(picker):
    ui, state = picker
    ui.paste.value = ("Le Kremlin dément\nLe Kremlin a démenti les informations selon lesquelles la Russie aurait "
                      "demandé une aide militaire à la Chine, a déclaré le porte-parole mardi.")
    ui.button.click()
    assert state.analysis is not None and len(state.warnings) == 1
    assert state.warnings[0].startswith("Pasted text: looks like it is not English")
    assert "toolkit-warning" in ui.status.value and "&lt;string&gt;" not in ui.status.value


def test_missing_file_and_unexpected_failures_show_one_sentence(monkeypatch, tmp_path, picker):
    ui, state = picker
    gone = tmp_path / "gone.txt"
    gone.write_text(STORY, encoding="utf-8")
    ui, state = article_picker(data_dir=tmp_path)
    ui.tabs.selected_index = 3
    gone.unlink()
    ui.button.click()
    assert state.status == f"{gone}: no such file or folder."

    def boom(*args, **kwargs):
        raise RuntimeError("the model fell over\n  File 'x.py', line 1")

    monkeypatch.setattr("toolkit.widgets.picker.analyze", boom)
    ui.paste.value, ui.tabs.selected_index = STORY, 0
    ui.button.click()
    assert state.status == "The model fell over." and not state.busy and ui.button.description == "Analyse"


def test_follow_rebuilds_a_view_on_every_pick(picker):
    ui, state = picker
    pane = follow(state, lambda a: (f"claims: {len(a.claims)}", a.articles), first="first")
    assert pane.outputs[0]["data"]["text/plain"] == "'first'"
    ui.paste.value = STORY
    ui.button.click()
    assert len(pane.outputs) == 2 and pane.outputs[0]["data"]["text/plain"].startswith("'claims:")
    with pytest.raises(ValueError, match="no article yet"):
        analyse_picked(article_picker(button=False)[1])
