"""The classroom exercise: one card per claim with four questions, navigation, score and CSV export.

:func:`exercise` builds it from an analysis (in a notebook); :func:`student_app` from a saved
lesson (in Voilà): the student types a name, and every answer is saved in the lesson folder at
once, so re-running the cell or restarting the app and typing the same name resumes.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, Generic, TypeVar

import ipywidgets as w
import pandas as pd
from IPython.display import HTML

from ..analysis import Analysis
from .answers import (
    CHOICES,
    QUESTIONS,
    ExerciseState,
    answer_key,
    question_text,
    quote,
    why,
)
from .lesson import Lesson, load_lesson, safe_name
from .shared import NO_SOURCE, article_titles, show

__all__ = ["ExerciseUI", "exercise", "student_app"]


_Part = TypeVar("_Part")


class _OnDemand(Mapping[int, _Part], Generic[_Part]):
    """One part of every claim's card (keyed by claim_id), the card built the first time it is asked for.

    A card is some forty widgets, and every widget's state goes to the student's browser when the
    page opens: building the cards a student has not reached yet made a 21-claim lesson send
    850 widgets (0.6 MB) before the first card could show.
    """

    def __init__(self, ids: list[int], build: Callable[[int], None], parts: dict[int, _Part]) -> None:
        self._ids, self._build, self._parts = ids, build, parts

    def __getitem__(self, cid: int) -> _Part:
        if cid not in self._parts:
            if cid not in self._ids:
                raise KeyError(cid)
            self._build(cid)
        return self._parts[cid]

    def __iter__(self) -> Iterator[int]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, cid: object) -> bool:
        return cid in self._ids


class ExerciseUI(w.VBox):
    """The exercise's box; per-claim question widgets are in ``questions[claim_id][question]``.

    ``questions``, ``feedback`` and ``cards`` are read-only mappings by claim_id; a card's widgets
    are made when the card is first shown or asked for.
    """

    picker: w.Dropdown
    previous: w.Button
    next: w.Button
    student: w.Text
    questions: Mapping[int, dict[str, w.ValueWidget]]
    feedback: Mapping[int, w.Output]
    cards: Mapping[int, w.VBox]
    score_label: w.HTML
    export_button: w.Button
    export_out: w.Output
    status: w.HTML


def _feedback_html(key: pd.Series, given: dict[str, Any]) -> str:
    items = []
    for q in QUESTIONS:
        if given.get(q) is None:
            continue
        right = given[q] == key[q]
        mark = "\u2714 Right." if right else f"\u2718 Not quite: the answer is <b>{html.escape(str(key[q]))}</b>."
        items.append(
            f'<li class="{"toolkit-right" if right else "toolkit-wrong"}">{mark} {html.escape(why(q, key))}</li>'
        )
    body = f"<ul>{''.join(items)}</ul>" if items else ""
    if len(items) == len(QUESTIONS):
        ask = key["explanations"] or ["Nothing special was flagged for this claim."]
        body += "<p><b>Questions to ask about this claim:</b></p><ul>"
        body += "".join(f"<li>{html.escape(str(e))}</li>" for e in ask) + "</ul>"
    return f'<div class="toolkit-feedback">{body}</div>'


def exercise(analysis: Analysis, article_id: str) -> tuple[ExerciseUI, ExerciseState]:
    """Build a media-literacy exercise on one article: four questions per claim, checked against the analysis.

    For each claim the student answers who the source is, whether it is named or anonymous,
    whether the claim is hedged and whether it is denied in the article. Each answer is
    checked at once and explained; ``state.score`` keeps the count and the export button
    offers the answers as a CSV download (``state.to_csv()`` gives the same text).

    >>> from toolkit.types import frame
    >>> a = Analysis({"articles": frame([{"article_id": "a", "text": "Hi."}], "articles")})
    >>> ui, state = exercise(a, "a")
    >>> state.total
    0
    """
    return _Exercise(answer_key(analysis, article_id), article_id, article_titles(analysis)[article_id]).start()


def student_app(lesson: str | Path | Lesson, *, folder: str | Path | None = None) -> tuple[ExerciseUI, ExerciseState]:
    """Build the exercise on a saved lesson (by name, path or :class:`Lesson`), marked against the teacher's key.

    Answers are saved for the student as they answer and come back when the same name is
    typed again. The key itself is never shown. A lesson not saved yet shows one plain
    sentence instead of the cards.

    >>> ui, state = student_app("no such lesson", folder="/nonexistent")
    >>> state.total, "Ask your teacher" in ui.children[0].value
    (0, True)
    """
    try:
        saved = lesson if isinstance(lesson, Lesson) else load_lesson(lesson, folder=folder)
    except FileNotFoundError:
        ui = ExerciseUI([w.HTML(f"<p>There is no lesson called {html.escape(quote(str(lesson)))} yet. Ask your "
                                "teacher to save it in the teacher app.</p>")])
        return ui.add_class("toolkit-exercise"), ExerciseState()
    return _Exercise(saved.key(), saved.article_id, saved.title, lesson=saved).start()


def _question_widgets(sources: list[str]) -> dict[str, w.ValueWidget]:
    """Return the four answer widgets of one claim, all unanswered."""
    qs: dict[str, w.ValueWidget] = {
        "source": w.Dropdown(options=sources, value=None, layout=w.Layout(width="auto")),
        **{q: w.RadioButtons(options=list(options), value=None) for q, options in CHOICES.items()},
    }
    for q, widget in qs.items():
        widget.add_class(f"toolkit-q-{q}")
    return qs


def _card(pos: int, n: int, rec: dict[str, Any], qs: dict[str, w.ValueWidget], out: w.Output) -> w.VBox:
    """One claim's card: its paragraph, the four questions and the feedback pane."""
    denial = '<p class="toolkit-denial"><b>This claim is a denial.</b></p>' if rec["denial"] else ""
    header = w.HTML(
        f"<h4>Claim {int(rec['claim_id']) + 1} <small>(card {pos + 1} of {n})</small></h4>{denial}"
        f'<blockquote class="toolkit-excerpt">{rec["excerpt_html"]}</blockquote>'
        "<p><small>The highlighted words are what is claimed.</small></p>"
    )
    rows = [w.VBox([w.HTML(f"<b>{html.escape(question_text(q, rec))}</b>"), qs[q]]) for q in QUESTIONS]
    return w.VBox([header, *rows, out]).add_class("toolkit-card")


def _download_link(name: str, csv: str) -> HTML:
    data = base64.b64encode(csv.encode("utf-8")).decode("ascii")
    return HTML(
        f'<a download="{html.escape(name)}" href="data:text/csv;base64,{data}" '
        f'class="toolkit-download">Download {html.escape(name)}</a>'
    )


class _Exercise:
    """The exercise's cards, navigation and state, and the callbacks that keep them in step."""

    def __init__(self, key: pd.DataFrame, article_id: str, title: str, *, lesson: Lesson | None = None) -> None:
        self.article_id, self.title, self.lesson = article_id, title, lesson
        self.state = ExerciseState(article_id=article_id)
        self.filling = False  # True while saved answers are put back: nothing to save then
        self.given: dict[int, dict[str, str]] = {}  # the student's answers, whether their card is built or not
        self.ids: list[int] = []
        self._questions: dict[int, dict[str, w.ValueWidget]] = {}
        self._feedback: dict[int, w.Output] = {}
        self._cards: dict[int, w.VBox] = {}
        self.questions = _OnDemand(self.ids, self.build, self._questions)
        self.feedback = _OnDemand(self.ids, self.build, self._feedback)
        self.cards = _OnDemand(self.ids, self.build, self._cards)
        self.picker = w.Dropdown(description="Go to")
        self.set_key(key)
        self.previous = w.Button(description="\u25c0 Previous", layout=w.Layout(width="auto"))
        self.next = w.Button(description="Next \u25b6", layout=w.Layout(width="auto"))
        # The name is taken when the student presses Enter or leaves the box, not at every letter:
        # each name has its own saved answers.
        self.student = w.Text(description="Your name", placeholder="type your name, then press Enter",
                              continuous_update=False).add_class("toolkit-student")
        self.status = w.HTML().add_class("toolkit-save-status")
        self.score_label = w.HTML().add_class("toolkit-score")
        self.export_button = w.Button(description="Export answers (CSV)", icon="download", layout=w.Layout(width="auto"))
        self.export_out = w.Output()
        self.card_box = w.Box()

    def set_key(self, key: pd.DataFrame) -> None:
        """Mark against ``key`` from now on: the claims, the choices and the cards follow it."""
        self.key, self.records = key, key.to_dict("records")
        self.state.key, self.state.total = key, len(key) * len(QUESTIONS)
        self.sources = sorted({s for s in key["source"] if s != NO_SOURCE}, key=str.casefold) + [NO_SOURCE]
        self.position = {int(rec["claim_id"]): pos for pos, rec in enumerate(self.records)}
        self.ids[:] = list(self.position)  # in place: the on-demand mappings share the list
        for made in (self._questions, self._feedback, self._cards):
            made.clear()
        self.given = {cid: self.allowed(v) for cid, v in self.given.items() if cid in self.position}
        self.picker.options = [(f"Claim {int(rec['claim_id']) + 1}", i) for i, rec in enumerate(self.records)]
        self.picker.value = 0 if len(key) else None

    def build(self, cid: int) -> None:
        """Make one claim's card, wire its answers and put back what the student already answered."""
        pos = self.position[cid]
        rec = self.records[pos]
        qs = _question_widgets(self.sources)
        self._questions[cid], self._feedback[cid] = qs, w.Output().add_class("toolkit-feedback-out")
        self._cards[cid] = _card(pos, len(self.records), rec, qs, self._feedback[cid])
        for widget in qs.values():
            widget.observe(self.on_answer(rec), names="value")
        self.put_back(cid)

    def put_back(self, cid: int) -> None:
        """Show ``given[cid]`` in a built card's widgets (and its feedback), without saving."""
        wanted = dict(self.given.get(cid, {}))  # each widget set below rewrites given[cid] from the widgets
        was, self.filling = self.filling, True
        try:
            for q, widget in self._questions[cid].items():
                widget.value = wanted.get(q)
        finally:
            self.filling = was

    def allowed(self, answers: dict[str, Any]) -> dict[str, str]:
        """Keep the saved answers that are still choices on the card (the teacher may have changed the key since)."""
        choices = {"source": tuple(self.sources), **CHOICES}
        return {q: v for q, v in answers.items() if q in choices and v in choices[q]}

    def start(self) -> tuple[ExerciseUI, ExerciseState]:
        """Wire the callbacks, show the first card and the score, and lay the widgets out."""
        self.picker.observe(self.show_card, names="value")
        self.state.observe(lambda c: setattr(self.picker, "value", c["new"]) if len(self.key) else None, names="index")
        self.previous.on_click(self.step(-1))
        self.next.on_click(self.step(1))
        w.link((self.student, "value"), (self.state, "student"))
        if self.lesson is not None:
            self.state.observe(self.resume, names="student")
        self.export_button.on_click(self.export)
        self.show_card()
        self.rescore()
        return self.layout(), self.state

    def rescore(self) -> None:
        answers: dict[Any, dict[str, Any]] = {}  # keyed by claim_id (traitlets types Dict keys as str)
        score = answered = 0
        for rec in self.records:
            cid = rec["claim_id"]
            given = self.given.get(cid, {})
            if given:
                answers[cid] = given
            answered += len(given)
            score += sum(given[q] == rec[q] for q in given)
        state = self.state
        state.answers, state.answered, state.score = answers, answered, score
        self.score_label.value = (
            f"<b>Score: {score} / {state.total}</b> ({answered} of {state.total} questions answered)"
        )

    def on_answer(self, rec: dict[str, Any]) -> Any:
        cid = rec["claim_id"]

        def handler(_change: Any) -> None:
            given = {q: widget.value for q, widget in self._questions[cid].items()}
            self.given[cid] = {q: v for q, v in given.items() if v is not None}
            show(self._feedback[cid], HTML(_feedback_html(pd.Series(rec), given)))
            self.rescore()
            if not self.filling:
                self.save()

        return handler

    def save(self) -> None:
        """Save the answers in the lesson folder (a lesson app only; no name, no saving)."""
        if self.lesson is None:
            return
        name = self.state.student.strip()
        if not name:
            self.status.value = "<em>Type your name at the top, so your answers are saved.</em>"
            return
        self.lesson.save_answers(name, self.state.answers)
        self.status.value = f"Saved for {html.escape(name)}."

    def resume(self, change: Any) -> None:
        """Put back the answers saved under the name just typed (a new name keeps and saves what is on screen)."""
        name = str(change["new"]).strip()
        if self.lesson is not None:
            self.follow_teacher(self.lesson.key())
        saved = self.lesson.answers(name) if self.lesson is not None and name else {}
        if not saved:
            if self.state.answers:
                self.save()
            return
        self.given = {cid: self.allowed(saved[cid]) for cid in self.position if saved.get(cid)}
        for cid in self._questions:
            self.put_back(cid)
        self.rescore()
        n = sum(len(v) for v in saved.values())
        self.status.value = f"Welcome back, {html.escape(name)}: {n} answers found." if n else ""

    def follow_teacher(self, key: pd.DataFrame) -> None:
        """Take the teacher's latest key (a kernel made before the students came read it at the server's start)."""
        if key.equals(self.key):
            return
        self.set_key(key)
        self.show_card()
        self.rescore()

    def show_card(self, _change: Any = None) -> None:
        if not len(self.key):
            self.card_box.children = [w.HTML("<p><em>The analysis found no claims in this article.</em></p>")]
            return
        index = int(self.picker.value)
        self.state.index = index
        self.card_box.children = [self.cards[int(self.key.iloc[index]["claim_id"])]]
        self.previous.disabled, self.next.disabled = index == 0, index == len(self.key) - 1

    def step(self, delta: int) -> Any:
        def click(_button: w.Button) -> None:
            if len(self.key):
                self.picker.value = min(max(int(self.picker.value) + delta, 0), len(self.key) - 1)

        return click

    def export(self, _button: Any = None) -> None:
        # A lesson's name is what the teacher chose; a pasted article's id is only a hash.
        topic = self.lesson.path.name if self.lesson is not None else safe_name(self.article_id)
        name = f"answers-{safe_name(self.state.student, default='student')}-{topic}.csv"
        show(self.export_out, _download_link(name, self.state.to_csv()))

    def layout(self) -> ExerciseUI:
        ui = ExerciseUI(
            [
                w.HTML(f"<h3>Who says so? {html.escape(self.title)}</h3>"),
                self.student,
                w.HBox([self.previous, self.picker, self.next]),
                self.card_box,
                self.score_label,
                self.status,
                w.HBox([self.export_button]),
                self.export_out,
            ]
        )
        ui.add_class("toolkit-exercise")
        ui.picker, ui.previous, ui.next, ui.student = self.picker, self.previous, self.next, self.student
        ui.questions, ui.feedback, ui.cards = self.questions, self.feedback, self.cards
        ui.score_label, ui.export_button, ui.export_out = self.score_label, self.export_button, self.export_out
        ui.status = self.status
        return ui
