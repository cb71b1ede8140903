"""The teacher's side of the classroom: analyse an article, save it as a lesson, correct its key, export it.

:func:`key_editor` shows a lesson's key as an editable table: the teacher changes any answer
(source, named or anonymous, hedged, denied) or drops a claim, and saves; the corrections go to
``<article>.key.json`` in the lesson and the students' exercise marks against them from then on.
:func:`teacher_app` adds the article picker, the Analyse and Save buttons and the scorecard.
Students never see this: their app (:func:`toolkit.widgets.classroom.student_app`) holds neither.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path
from typing import Any

import ipywidgets as w
from IPython.display import HTML
from traitlets import HasTraits, Instance, Unicode

from ..analysis import Analysis
from ..present import scorecard_html, table_html
from .answers import CHOICES, question_text, quote
from .lesson import DROPPED, Lesson, list_lessons, load_lesson, safe_name, save_lesson
from .picker import PickerUI, article_picker, plain_sentence
from .shared import show

__all__ = ["KeyEditorUI", "TeacherState", "TeacherUI", "key_editor", "teacher_app"]

# The answers the editor offers per question; the source is free text (the machine may have missed one).
_KEY_VIEW = {"claim_id": "Claim", "content_text": "What is claimed", "source": "Source", "anonymity": "Named?",
             "hedged": "Hedged?", "denied": "Denied?"}
_STYLE = """<style>
.toolkit-key-row{border-bottom:1px solid #ddd;padding:4px 0}
</style>"""


class KeyEditorUI(w.VBox):
    """The key editor; per-claim widgets are in ``fields[claim_id][question]`` (and ``"dropped"``)."""

    fields: dict[int, dict[str, w.ValueWidget]]
    save_button: w.Button
    status: w.HTML
    export_csv: w.Button
    export_jsonl: w.Button
    export_out: w.Output
    preview: w.HTML


def _download(name: str, text: str, mime: str) -> HTML:
    data = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return HTML(f'<a download="{html.escape(name)}" href="data:{mime};base64,{data}" '
                f'class="toolkit-download">Download {html.escape(name)}</a>')


def _row_fields(rec: dict[str, Any], dropped: bool) -> dict[str, w.ValueWidget]:
    """One claim's editable answers, holding the current key's answers."""
    fields: dict[str, w.ValueWidget] = {"source": w.Text(value=str(rec["source"]), layout=w.Layout(width="14em"))}
    for q, options in CHOICES.items():
        fields[q] = w.Dropdown(options=list(options), value=rec[q], layout=w.Layout(width="11em"))
    fields[DROPPED] = w.Checkbox(value=dropped, description="Not a claim: drop it", indent=False)
    for q, widget in fields.items():
        widget.add_class(f"toolkit-fix-{q}")
    return fields


def _row(rec: dict[str, Any], fields: dict[str, w.ValueWidget]) -> w.VBox:
    label = "a denial" if rec["denial"] else "a claim"
    head = w.HTML(f"<b>Claim {int(rec['claim_id']) + 1}</b> ({label}): {html.escape(quote(rec['content_text']))}")
    pairs = [("Source", "source"), ("Named?", "anonymity"), ("Hedged?", "hedged"),
             (question_text("denied", rec), "denied")]
    cells = [w.VBox([w.HTML(f"<small>{html.escape(t)}</small>"), fields[q]]) for t, q in pairs]
    box = w.VBox([head, w.HBox([*cells, fields[DROPPED]], layout=w.Layout(flex_flow="row wrap"))])
    return box.add_class("toolkit-key-row")


def key_editor(lesson: Lesson) -> KeyEditorUI:
    """Show ``lesson``'s key for correction: edit answers, tick "drop", press Save; export it as labelled data.

    >>> import tempfile
    >>> from toolkit.types import frame
    >>> a = Analysis({"articles": frame([{"article_id": "a", "text": "Hi."}], "articles")})
    >>> key_editor(save_lesson(a, "a", folder=tempfile.mkdtemp())).fields
    {}
    """
    machine, current = lesson.machine_key(), lesson.key().set_index("claim_id")
    fields: dict[int, dict[str, w.ValueWidget]] = {}
    rows = []
    for rec in machine.to_dict("records"):
        cid = int(rec["claim_id"])
        shown = {**rec, **current.loc[cid].to_dict()} if cid in current.index else rec
        fields[cid] = _row_fields(shown, dropped=cid not in current.index)
        rows.append(_row(rec, fields[cid]))
    ui = KeyEditorUI()
    ui.fields, ui.status, ui.export_out = fields, w.HTML().add_class("toolkit-key-status"), w.Output()
    ui.save_button = w.Button(description="Save corrections", icon="save", button_style="primary",
                              layout=w.Layout(width="auto")).add_class("toolkit-key-save")
    ui.export_csv = w.Button(description="Export key (CSV)", icon="download", layout=w.Layout(width="auto"))
    ui.export_jsonl = w.Button(description="Export key (JSON Lines)", icon="download", layout=w.Layout(width="auto"))
    ui.export_csv.add_class("toolkit-key-export")
    ui.preview = w.HTML().add_class("toolkit-key-table")

    def refresh() -> None:
        key = lesson.key()
        ui.preview.value = table_html(key, columns=_KEY_VIEW, numbers=("claim_id",), wrap=("content_text",))

    def save(_button: Any = None) -> None:
        machine_by_id = machine.set_index("claim_id")
        corrections: dict[int, dict[str, Any]] = {}
        for cid, qs in fields.items():
            change = {q: f.value for q, f in qs.items() if q != DROPPED and f.value != machine_by_id.loc[cid, q]}
            if qs[DROPPED].value:
                change[DROPPED] = True
            if change:
                corrections[cid] = change
        try:
            lesson.save_corrections(corrections)
        except ValueError as exc:
            ui.status.value = f"<b>Not saved:</b> {html.escape(str(exc))}."
            return
        n = len(corrections)
        ui.status.value = f"Saved. {n} claim{'s' if n != 1 else ''} changed. Students are marked against this key."
        refresh()

    def export(fmt: str, mime: str) -> Any:
        def click(_button: Any = None) -> None:
            name = f"key-{safe_name(lesson.name)}.{fmt}"
            show(ui.export_out, _download(name, lesson.export_key(fmt), mime))

        return click

    ui.save_button.on_click(save)
    ui.export_csv.on_click(export("csv", "text/csv"))
    ui.export_jsonl.on_click(export("jsonl", "application/x-ndjson"))
    refresh()
    intro = w.HTML("<p>Change any answer the machine got wrong, or drop what is not a claim. Then press "
                   "<b>Save corrections</b>.</p>")
    ui.children = [intro, *rows, w.HBox([ui.save_button]), ui.status,
                   w.HTML("<h4>The key students are marked against</h4>"), ui.preview,
                   w.HBox([ui.export_csv, ui.export_jsonl]), ui.export_out]
    ui.add_class("toolkit-key-editor")
    return ui


class TeacherState(HasTraits):
    """What the teacher app holds: the analysis, the saved lesson, and one plain status sentence."""

    analysis = Instance(Analysis, allow_none=True)
    article_id = Unicode("")
    lesson = Instance(Lesson, allow_none=True)
    status = Unicode("")


class TeacherUI(w.VBox):
    """The teacher app; its parts are attributes for tests and notebooks."""

    picker: PickerUI
    analyse_button: w.Button
    lesson_name: w.Text
    save_button: w.Button
    status: w.HTML
    scorecard_out: w.HTML
    editor_box: w.Box
    saved: w.Dropdown
    open_button: w.Button


def _teacher_ui(picker: PickerUI, folder: str | Path | None) -> TeacherUI:
    """Make the teacher app's widgets, not yet wired or laid out (the picker brings the Analyse button)."""
    ui = TeacherUI()
    ui.picker = picker
    if picker.button is None:
        raise ValueError("the teacher app needs a picker with its Analyse button")
    ui.analyse_button = picker.button.add_class("toolkit-analyse")
    ui.lesson_name = w.Text(description="Lesson", placeholder="a short name students will use")
    ui.lesson_name.add_class("toolkit-lesson-name")
    ui.save_button = w.Button(description="Save lesson", icon="save", disabled=True).add_class("toolkit-save-lesson")
    ui.status = w.HTML().add_class("toolkit-teacher-status")
    ui.scorecard_out, ui.editor_box = w.HTML(), w.Box()
    ui.saved = w.Dropdown(options=list_lessons(folder=folder), value=None, description="Saved")
    ui.open_button = w.Button(description="Open", icon="folder-open").add_class("toolkit-open-lesson")
    return ui


def teacher_app(*, data_dir: str | Path | None = None, value: Any = None, folder: str | Path | None = None,
                nlp: Any = None) -> tuple[TeacherUI, TeacherState]:
    """Build the teacher's app: pick or paste an article, analyse it, save it as a lesson, then correct its key.

    ``folder`` is where lessons are saved (default :func:`toolkit.widgets.lesson.lessons_dir`).

    >>> ui, state = teacher_app()
    >>> state.lesson is None, ui.save_button.disabled
    (True, True)
    """
    picker, choice = article_picker(label="Article", data_dir=data_dir, value=value, nlp=nlp)
    state = TeacherState()
    ui = _teacher_ui(picker, folder)
    state.observe(lambda c: setattr(ui.status, "value", html.escape(c["new"])), names="status")

    def analysed(_change: Any = None) -> None:
        """Follow the picker: its status line is the teacher's; a new analysis shows its scorecard."""
        state.status = choice.status
        if choice.analysis is None or choice.busy:
            return
        state.analysis, state.article_id = choice.analysis, choice.article_id
        ui.lesson_name.value = ui.lesson_name.value or safe_name(state.article_id)
        ui.scorecard_out.value = scorecard_html(choice.analysis, choice.article_id).data
        ui.save_button.disabled = False
        state.status = f"{choice.status} Name the lesson and save it."

    def save(_button: Any = None) -> None:
        if state.analysis is None:
            state.status = "Analyse an article first, then save it as a lesson."
            return
        state.status = "Saving the lesson\u2026"
        try:
            state.lesson = lesson = save_lesson(state.analysis, state.article_id,
                                                name=ui.lesson_name.value.strip() or None, folder=folder)
            ui.editor_box.children = [key_editor(lesson)]
            ui.saved.options = list_lessons(folder=folder)
        except (OSError, ValueError) as exc:  # a full disk, a folder we may not write: say so, keep the app
            state.status = plain_sentence(f"The lesson could not be saved: {exc}")
            return
        state.status = f"Saved. Students open the lesson called \u201c{lesson.path.name}\u201d."

    def reopen(_button: Any = None) -> None:
        if not ui.saved.value:
            state.status = "Choose a saved lesson first."
            return
        state.lesson = lesson = load_lesson(ui.saved.value, folder=folder)
        state.analysis, state.article_id = lesson.analysis, lesson.article_id
        ui.lesson_name.value, ui.save_button.disabled = lesson.path.name, False
        ui.scorecard_out.value = scorecard_html(lesson.analysis, lesson.article_id).data
        ui.editor_box.children = [key_editor(lesson)]
        state.status = f"Opened the lesson called \u201c{lesson.path.name}\u201d."

    choice.observe(analysed, names=["status", "analysis", "busy"])
    ui.save_button.on_click(save)
    ui.open_button.on_click(reopen)
    ui.children = [
        w.HTML(_STYLE + "<h3>Who says so? Teacher's desk</h3><p>1. Choose the article. 2. Press <b>Analyse</b>. "
               "3. Name the lesson and save it. 4. Check the key below and correct it. Or open a lesson you saved before.</p>"),
        w.HBox([ui.saved, ui.open_button]), picker, ui.status,
        w.HBox([ui.lesson_name, ui.save_button]),
        w.HTML("<h4>The article's scorecard</h4>"), ui.scorecard_out, ui.editor_box,
    ]
    ui.add_class("toolkit-teacher")
    return ui, state
