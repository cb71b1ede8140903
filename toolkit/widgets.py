"""Widgets stage: the sources explorer and the classroom exercise, for JupyterLab.

Each factory returns ``(widget, state)``: the widget to display and an observable state
(a :class:`traitlets.HasTraits`) that mirrors what the user picked and what is shown, so
notebooks and tests can read it or ``state.observe(...)`` it. Widgets only consume the
analysis tables; the highlighted article and the voices chart come from
:mod:`toolkit.highlight` and :mod:`toolkit.charts`.

Output widgets are filled with ``append_display_data`` after resetting ``outputs``
(never ``with out:``): callbacks then render the same way in a kernel, in Voilà and in
pytest, and nothing is lost to whichever cell happens to be executing.
"""

from __future__ import annotations

import base64
import html
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

import ipywidgets as w
import pandas as pd
from IPython.display import HTML
from traitlets import Dict, HasTraits, Instance, Int, Tuple, Unicode

from .analysis import Analysis
from .charts import claims_frame, voices
from .highlighter import highlight
from .palette import NO_SOURCE, SOURCE_CLASS_COLORS
from .types import QUOTE_TYPES, SourceClass

__all__ = [
    "ANONYMITY_CHOICES",
    "NO_SOURCE",
    "QUESTIONS",
    "ExerciseState",
    "ExplorerState",
    "answer_key",
    "claims_html",
    "exercise",
    "explorer",
    "filter_claims",
    "source_classes",
]

ALL_SPEAKERS = -1  # Dropdown sentinel: a None value would show an empty selection.
CLAIM_COLUMNS = {
    "claim_id": "#",
    "speaker_name": "Speaker",
    "source_class": "Source",
    "quote_type": "Type",
    "stance": "Stance",
    "cue_text": "Cue",
    "content_text": "Claim",
    "hedges": "Hedges",
}

ANONYMITY_CHOICES = ("named", "anonymous or vague", NO_SOURCE)
# The classes answered "anonymous or vague": a source is there, but a reader cannot check who.
_UNIDENTIFIED: tuple[SourceClass, ...] = ("anonymous", "vague")
YES_NO = ("yes", "no")
QUESTIONS: dict[str, str] = {
    "source": "Who is the source of this claim?",
    "anonymity": "Is the source named or anonymous?",
    "hedged": "Is the claim hedged (softened with words like 'reportedly', 'may', 'is said to')?",
    "denied": "Is this claim denied by someone in the article?",
}


# --------------------------------------------------------------------------- shared helpers


def _show(out: w.Output, *objects: Any) -> None:
    # Resetting the trait (instead of clear_output) clears in the kernel and in the browser at once.
    out.outputs = ()
    for obj in objects:
        out.append_display_data(obj)


def _article_ids(analysis: Analysis) -> list[str]:
    ids = analysis.articles["article_id"].astype(str).tolist()
    if not ids:
        raise ValueError("the analysis holds no articles (did the load step fail? see analysis.errors)")
    return ids


def _check_article(analysis: Analysis, article_id: str) -> None:
    if article_id not in set(analysis.articles["article_id"].astype(str)):
        known = ", ".join(repr(a) for a in _article_ids(analysis)[:5])
        raise KeyError(f"no article {article_id!r} in this analysis (articles include {known})")


def _article_subset(analysis: Analysis, article_id: str, claims: pd.DataFrame | None = None) -> Analysis:
    """One article's tables; ``claims`` (already filtered) replaces its claims and their markers."""
    tables = {n: df[df["article_id"] == article_id] for n, df in analysis.tables.items()}
    if claims is not None:
        keep = set(claims["claim_id"].tolist())
        tables["claims"] = claims
        markers = tables["markers"]
        tables["markers"] = markers[markers["claim_id"].isna() | markers["claim_id"].isin(keep)]
        links = tables["links"]
        tables["links"] = links[links["claim_id"].isin(keep) & links["target_claim_id"].isin(keep)]
    return Analysis(tables)


def source_classes(claims: pd.DataFrame) -> pd.Series:
    """Source class per claim (named person, institution, document, anonymous, vague, agentless, unknown).

    Reads the claims' ``source_class`` column; hand-built tables without it get the same
    classes, in the same colours, as the charts (:func:`toolkit.charts.claims_frame`).

    >>> from toolkit.types import frame
    >>> claims = frame([{"article_id": "a", "agentless": True}, {"article_id": "a", "speaker_kind": "country"}], "claims")
    >>> source_classes(claims).tolist()
    ['agentless', 'institution']
    """
    return pd.Series(claims_frame(claims)["source_class"].tolist(), index=claims.index, dtype=object)


def filter_claims(
    claims: pd.DataFrame,
    *,
    article_id: str | None = None,
    speaker_id: int | None = None,
    quote_types: Iterable[str] | None = None,
    sources: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Return claims of one article (or all) by one speaker (or all), of the given quote types and source classes.

    ``None`` means "no restriction"; an empty list of types or classes keeps nothing.

    >>> from toolkit.types import frame
    >>> claims = frame([
    ...     {"article_id": "a", "claim_id": 0, "speaker_id": 0, "quote_type": "direct", "speaker_kind": "person"},
    ...     {"article_id": "a", "claim_id": 1, "quote_type": "agentless", "agentless": True},
    ... ], "claims")
    >>> filter_claims(claims, sources=["agentless"])["claim_id"].tolist()
    [1]
    >>> filter_claims(claims, speaker_id=0, quote_types=["direct", "indirect"])["claim_id"].tolist()
    [0]
    """
    keep = pd.Series(True, index=claims.index)
    if article_id is not None:
        keep &= claims["article_id"] == article_id
    if speaker_id is not None:
        keep &= (claims["speaker_id"] == speaker_id).fillna(False).astype(bool)
    if quote_types is not None:
        keep &= claims["quote_type"].isin(list(quote_types)).fillna(False).astype(bool)
    if sources is not None:
        keep &= source_classes(claims).isin(list(sources))
    return claims[keep]


# Notebook front ends right-align table cells; prose reads better left-aligned and top-aligned.
_TABLE_CSS = (
    "<style>.toolkit-claims-table th, .toolkit-claims-table td "
    "{text-align: left !important; vertical-align: top; padding: 2px 8px;}</style>"
)


def _cell(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def claims_html(claims: pd.DataFrame) -> str:
    """Render the explorer's claims table as escaped HTML (one row per claim, lists joined with commas).

    >>> from toolkit.types import frame
    >>> "&lt;b&gt;" in claims_html(frame([{"article_id": "a", "content_text": "<b>hi</b>"}], "claims"))
    True
    """
    if claims.empty:
        return '<div class="toolkit-claims"><p><em>No claims match the filters.</em></p></div>'
    view = claims.assign(source_class=source_classes(claims))[list(CLAIM_COLUMNS)]
    view = view.assign(quote_type=view["quote_type"].str.replace("_", " "))
    view = view.rename(columns=CLAIM_COLUMNS).map(_cell)
    table = view.to_html(index=False, escape=True, border=0, classes="toolkit-claims-table")
    return f'<div class="toolkit-claims">{_TABLE_CSS}{table}</div>'


def _highlighted(analysis: Analysis, article_id: str) -> HTML:
    return HTML(f'<div class="toolkit-highlight-box">{highlight(analysis, article_id).html}</div>')


# --------------------------------------------------------------------------- explorer


class ExplorerState(HasTraits):
    """What the explorer shows: the picked article, speaker and toggles, and the claims that pass.

    >>> s = ExplorerState(article_id="a")
    >>> s.speaker_id is None, len(s.claims)
    (True, 0)
    """

    article_id = Unicode()
    speaker_id = Int(None, allow_none=True, help="None: every speaker")
    quote_types = Tuple(help="quote types switched on")
    sources = Tuple(help="source classes switched on (named person, institution, document, ...)")
    claims = Instance(pd.DataFrame, args=(), help="the claims currently shown")
    n_total = Int(0, help="claims of the article before filtering")


class ExplorerUI(w.VBox):
    """The explorer's box; its controls and panes are attributes, for tests and for layout tweaks."""

    article: w.Dropdown
    speaker: w.Dropdown
    quote_toggles: dict[str, w.ToggleButton]
    source_toggles: dict[str, w.ToggleButton]
    summary: w.HTML
    article_out: w.Output
    chart_out: w.Output
    claims_out: w.Output


def _checkmark(change: Any) -> None:
    # A tick on the "on" buttons: pressed and unpressed styles alone are too subtle to read.
    change["owner"].icon = "check" if change["new"] else ""


def _toggles(values: Sequence[str], labels: dict[str, str] | None = None) -> dict[str, w.ToggleButton]:
    labels = labels or {}
    buttons = {}
    for v in values:
        label = labels.get(v, v.replace("_", " "))
        button = w.ToggleButton(
            value=True, description=label, icon="check", tooltip=f"show claims: {label}", layout=w.Layout(width="auto")
        )
        button.add_class("toolkit-toggle-" + re.sub(r"[^A-Za-z0-9_-]+", "-", v))  # CSS classes take no spaces
        button.observe(_checkmark, names="value")
        buttons[v] = button
    return buttons


def explorer(analysis: Analysis) -> tuple[ExplorerUI, ExplorerState]:
    """Explore an analysis: pick an article, a speaker, quote types and source classes.

    The highlighted article, the claims table and the voices chart follow every change.
    Returns ``(ui, state)``; display ``ui`` and read or observe ``state``.

    >>> from toolkit.types import frame
    >>> a = Analysis({"articles": frame([{"article_id": "a", "text": "Hi.", "title": "Hi"}], "articles")})
    >>> ui, state = explorer(a)
    >>> state.article_id, state.n_total
    ('a', 0)
    """
    return _Explorer(analysis).start()


def _article_titles(analysis: Analysis) -> dict[str, str]:
    """Each article's title, or its id when it has none."""
    return {
        str(i): str(t) if pd.notna(t) and str(t).strip() else str(i)
        for i, t in zip(analysis.articles["article_id"], analysis.articles["title"], strict=True)
    }


def _speaker_options(analysis: Analysis, article_id: str) -> list[tuple[str, int]]:
    """Dropdown options: every speaker of the article with their claim count, most quoted first."""
    claims = analysis.claims[analysis.claims["article_id"] == article_id]
    speakers = analysis.speakers[analysis.speakers["article_id"] == article_id]
    names = {int(i): str(n) for i, n in zip(speakers["speaker_id"], speakers["name"], strict=True) if pd.notna(n)}
    mentions = claims["speaker_name"].fillna(claims["speaker_text"])
    for sid, text in zip(claims["speaker_id"], mentions, strict=True):
        if pd.notna(sid) and pd.notna(text):
            names.setdefault(int(sid), str(text))
    counts = claims.dropna(subset=["speaker_id"]).groupby("speaker_id").size()
    options = [(f"All speakers ({len(claims)} claims)", ALL_SPEAKERS)]
    for sid, n in counts.sort_values(ascending=False, kind="stable").items():
        options.append((f"{names.get(int(sid), f'speaker {sid}')} ({n})", int(sid)))
    return options


def _summary_html(shown: int, total: int, title: str, problems: pd.DataFrame) -> str:
    return f"<b>{shown}</b> of {total} claims shown in <i>{html.escape(title)}</i>" + "".join(
        f'<br><span class="toolkit-problem">\u26a0 {html.escape(str(lvl))}: {html.escape(str(msg))}</span>'
        for lvl, msg in zip(problems["level"], problems["message"], strict=True)
    )


class _Explorer:
    """The explorer's controls, panes and state, and the callbacks that keep them in step."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        ids = _article_ids(analysis)
        self.titles = _article_titles(analysis)
        present = set(source_classes(analysis.claims))
        classes = [c for c in SOURCE_CLASS_COLORS if c in present] or list(SOURCE_CLASS_COLORS)
        self.article = w.Dropdown(
            options=[(i if self.titles[i] == i else f"{self.titles[i]} ({i})", i) for i in ids],
            value=ids[0],
            description="Article",
            layout=w.Layout(width="95%"),
        ).add_class("toolkit-article")
        self.speaker = w.Dropdown(description="Speaker", layout=w.Layout(width="60%")).add_class("toolkit-speaker")
        self.type_buttons = _toggles(QUOTE_TYPES, {"according_to": "according to"})
        self.source_buttons = _toggles(classes)
        self.summary = w.HTML().add_class("toolkit-summary")
        self.article_out = w.Output(layout=w.Layout(width="58%", max_height="640px", overflow="auto"))
        self.chart_out = w.Output(layout=w.Layout(width="40%"))
        self.claims_out = w.Output()
        self.article_out.add_class("toolkit-explorer-article")
        self.chart_out.add_class("toolkit-explorer-chart")
        self.claims_out.add_class("toolkit-explorer-claims")
        self.state = ExplorerState(article_id=ids[0], quote_types=tuple(QUOTE_TYPES), sources=tuple(classes))
        self.busy = False  # one render per user action, even when it changes several controls
        self.shown_article: str | None = None

    def start(self) -> tuple[ExplorerUI, ExplorerState]:
        """Wire the callbacks, render once, and lay the controls out."""
        for control in (self.article, self.speaker, *self.type_buttons.values(), *self.source_buttons.values()):
            control.observe(self.sync, names="value")
        self.state.observe(self.from_state, names=["article_id", "speaker_id", "quote_types", "sources"])
        self.sync()
        return self.layout(), self.state

    def render(self) -> None:
        state, analysis = self.state, self.analysis
        base = analysis.claims[analysis.claims["article_id"] == state.article_id]
        shown = filter_claims(base, speaker_id=state.speaker_id, quote_types=state.quote_types, sources=state.sources)
        problems = analysis.errors[analysis.errors["article_id"] == state.article_id]
        self.summary.value = _summary_html(len(shown), len(base), self.titles[state.article_id], problems)
        subset = _article_subset(analysis, state.article_id, shown)
        _show(self.article_out, _highlighted(subset, state.article_id))
        _show(self.claims_out, HTML(claims_html(shown)))
        _show(self.chart_out, voices(subset) if len(shown) else HTML("<em>No claims to chart.</em>"))
        # Last, so observers of `claims` see the panes already updated.
        state.n_total = len(base)
        state.claims = shown

    def sync(self, _change: Any = None) -> None:
        """Copy the controls into the state, then render."""
        if self.busy:
            return
        self.busy = True
        try:
            if self.article.value != self.shown_article:
                self.shown_article = self.article.value
                self.speaker.options = _speaker_options(self.analysis, self.article.value)
                self.speaker.value = ALL_SPEAKERS
            state = self.state
            state.article_id = self.article.value
            state.speaker_id = None if self.speaker.value in (None, ALL_SPEAKERS) else int(self.speaker.value)
            state.quote_types = tuple(t for t, b in self.type_buttons.items() if b.value)
            state.sources = tuple(k for k, b in self.source_buttons.items() if b.value)
            self.render()
        finally:
            self.busy = False

    def from_state(self, change: Any) -> None:
        """State → controls: code may drive the explorer through its state (state.speaker_id = 3)."""
        if self.busy:
            return
        name, new = change["name"], change["new"]
        if name == "article_id":
            _check_article(self.analysis, new)
            self.article.value = new
        elif name == "speaker_id":
            self.speaker.value = ALL_SPEAKERS if new is None else int(new)
        else:
            buttons = self.type_buttons if name == "quote_types" else self.source_buttons
            self.busy = True
            try:
                for key, button in buttons.items():
                    button.value = key in set(new)
            finally:
                self.busy = False
            self.sync()

    def layout(self) -> ExplorerUI:
        ui = ExplorerUI(
            [
                self.article,
                self.speaker,
                w.HBox([w.Label("Claim types:"), *self.type_buttons.values()], layout=w.Layout(flex_flow="row wrap")),
                w.HBox([w.Label("Sources:"), *self.source_buttons.values()], layout=w.Layout(flex_flow="row wrap")),
                self.summary,
                w.HBox([self.article_out, self.chart_out]),
                self.claims_out,
            ]
        )
        ui.add_class("toolkit-explorer")
        ui.article, ui.speaker = self.article, self.speaker
        ui.quote_toggles, ui.source_toggles = self.type_buttons, self.source_buttons
        ui.summary, ui.article_out, ui.chart_out, ui.claims_out = self.summary, self.article_out, self.chart_out, self.claims_out
        return ui


# --------------------------------------------------------------------------- classroom exercise


def _speaker_label(row: pd.Series) -> str | None:
    if bool(row["agentless"]) or (pd.isna(row["speaker_id"]) and pd.isna(row["speaker_text"])):
        return None
    for col in ("speaker_name", "speaker_text"):
        if pd.notna(row[col]) and str(row[col]).strip():
            return str(row[col]).strip()
    return None


def _excerpt_html(text: str, sentences: pd.DataFrame, claim: pd.Series) -> str:
    """Return the sentences holding the claim, escaped, with its content spans marked (not the speaker)."""
    points = [int(claim["content_start"]), int(claim["content_end"])]
    points += [int(claim[c]) for c in ("cue_start", "cue_end", "speaker_start", "speaker_end") if pd.notna(claim[c])]
    lo, hi = min(points), max(points)
    if len(sentences):
        before = sentences[sentences["start"] <= lo]
        after = sentences[sentences["end"] >= hi]
        lo = int(before["start"].max()) if len(before) else lo
        hi = int(after["end"].min()) if len(after) else hi
    spans = [(int(s), int(e)) for s, e in claim["content_spans"]] or [
        (int(claim["content_start"]), int(claim["content_end"]))
    ]
    parts, pos = [], lo
    for s, e in sorted(spans):
        s, e = max(s, pos), min(e, hi)
        if s >= e:
            continue
        parts.append(html.escape(text[pos:s]))
        parts.append(f"<mark>{html.escape(text[s:e])}</mark>")
        pos = e
    parts.append(html.escape(text[pos:hi]))
    return "".join(parts)


def answer_key(analysis: Analysis, article_id: str) -> pd.DataFrame:
    """Return the right answers of the exercise, one row per claim of ``article_id``.

    Columns: ``claim_id, source, anonymity, hedged, denied`` (the four answers), ``hedges``,
    ``denied_by`` (who denies it), ``speaker_text``, ``explanations`` and ``excerpt_html``.

    >>> from toolkit.types import frame
    >>> text = "Officials said it rained."
    >>> a = Analysis({
    ...     "articles": frame([{"article_id": "a", "text": text}], "articles"),
    ...     "claims": frame([{"article_id": "a", "claim_id": 0, "speaker_id": 0, "speaker_text": "Officials",
    ...         "speaker_name": "Officials", "anonymous": True, "content_text": "it rained",
    ...         "content_start": 15, "content_end": 24}], "claims")})
    >>> answer_key(a, "a")[["source", "anonymity", "hedged", "denied"]].values.tolist()
    [['Officials', 'anonymous or vague', 'no', 'no']]
    """
    _check_article(analysis, article_id)
    text = analysis.article_text(article_id)
    claims = analysis.claims[analysis.claims["article_id"] == article_id].sort_values("claim_id")
    sentences = analysis.sentences[analysis.sentences["article_id"] == article_id]
    links = analysis.links[(analysis.links["article_id"] == article_id) & (analysis.links["relation"] == "denies")]
    classes = source_classes(claims)
    rows = []
    for (_, claim), klass in zip(claims.iterrows(), classes, strict=True):
        source = _speaker_label(claim)
        if source is None:
            anonymity = NO_SOURCE
        elif klass in _UNIDENTIFIED:
            anonymity = "anonymous or vague"
        else:
            anonymity = "named"
        deniers = links[links["target_claim_id"] == claim["claim_id"]]["claim_id"].tolist()
        denied_by = []
        for cid in deniers:
            hit = claims[claims["claim_id"] == cid]
            if len(hit):
                denied_by.append(_speaker_label(hit.iloc[0]) or "an unnamed source")
        rows.append(
            {
                "claim_id": int(claim["claim_id"]),
                "source": source or NO_SOURCE,
                "anonymity": anonymity,
                "hedged": "yes" if len(claim["hedges"]) else "no",
                "denied": "yes" if deniers else "no",
                "hedges": list(claim["hedges"]),
                "denied_by": denied_by,
                "speaker_text": None if pd.isna(claim["speaker_text"]) else str(claim["speaker_text"]),
                "content_text": str(claim["content_text"]),
                "explanations": list(claim["explanations"]),
                "excerpt_html": _excerpt_html(text, sentences, claim),
            }
        )
    columns = ["claim_id", "source", "anonymity", "hedged", "denied", "hedges", "denied_by",
               "speaker_text", "content_text", "explanations", "excerpt_html"]
    return pd.DataFrame(rows, columns=columns)


def _quoted_list(names: Iterable[str]) -> str:
    """Join names in quotes, without repeats: names may hold commas themselves ("Russia, China").

    >>> _quoted_list(["Russia, China", "Russia", "Russia"])
    '\u201cRussia, China\u201d and \u201cRussia\u201d'
    """
    unique = [f"\u201c{n}\u201d" for n in dict.fromkeys(names)]
    if not unique:
        return "another claim"
    return unique[0] if len(unique) == 1 else ", ".join(unique[:-1]) + " and " + unique[-1]


def _why(question: str, key: pd.Series) -> str:
    """One plain sentence saying why the right answer is right."""
    if question == "source":
        if key["source"] == NO_SOURCE:
            return "No one is named or described as the source: the article only says it is claimed."
        mention = key["speaker_text"]
        if mention and mention.casefold() != str(key["source"]).casefold():
            return f"The source is {key['source']}; here the article calls them \u201c{mention}\u201d."
        return f"The source is {key['source']}."
    if question == "anonymity":
        return {
            "named": f"{key['source']} is identified, so a reader can check who said it.",
            "anonymous or vague": f"\u201c{key['source']}\u201d does not tell us exactly who spoke, so we cannot check them.",
            NO_SOURCE: "There is no source at all: the claim floats without anyone standing behind it.",
        }[key["anonymity"]]
    if question == "hedged":
        if key["hedged"] == "yes":
            return f"It is softened by: {', '.join(key['hedges'])}. The writer does not vouch for it."
        return "No hedging words: the claim is reported plainly."
    if key["denied"] == "yes":
        return f"It is denied in the article by {_quoted_list(key['denied_by'])}."
    return "Nobody in the article denies this claim."


class ExerciseState(HasTraits):
    """The student's progress: current claim, answers, score.

    ``answers`` maps ``claim_id`` to ``{question: answer}``; ``score`` counts right answers,
    ``answered`` the questions answered, ``total`` all questions (4 per claim).

    >>> ExerciseState(total=8).score
    0
    """

    article_id = Unicode()
    student = Unicode("")
    index = Int(0, help="position of the claim on screen (0-based)")
    answers = Dict()
    score = Int(0)
    answered = Int(0)
    total = Int(0)
    key = Instance(pd.DataFrame, args=(), help="the answer key (see answer_key)")

    def results(self) -> pd.DataFrame:
        """One row per question of every claim: the student's answer, the right one, and whether it matches.

        >>> ExerciseState().results().columns.tolist()[:4]
        ['student', 'article_id', 'claim_id', 'question']
        """
        rows = []
        for rec in self.key.to_dict("records"):
            given = self.answers.get(rec["claim_id"], {})
            for q in QUESTIONS:
                answer = given.get(q)
                rows.append(
                    {
                        "student": self.student,
                        "article_id": self.article_id,
                        "claim_id": rec["claim_id"],
                        "question": QUESTIONS[q],
                        "answer": answer,
                        "right_answer": rec[q],
                        "correct": None if answer is None else answer == rec[q],
                        "explanation": _why(q, pd.Series(rec)),
                    }
                )
        cols = ["student", "article_id", "claim_id", "question", "answer", "right_answer", "correct", "explanation"]
        return pd.DataFrame(rows, columns=cols)

    def to_csv(self, path: str | None = None) -> str:
        """Return the results as CSV text (and write them to ``path`` when given)."""
        buf = io.StringIO()
        self.results().to_csv(buf, index=False)
        if path is not None:
            with open(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(buf.getvalue())
        return buf.getvalue()


class ExerciseUI(w.VBox):
    """The exercise's box; per-claim question widgets are in ``questions[claim_id][question]``."""

    picker: w.Dropdown
    previous: w.Button
    next: w.Button
    student: w.Text
    questions: dict[int, dict[str, w.ValueWidget]]
    feedback: dict[int, w.Output]
    cards: dict[int, w.VBox]
    score_label: w.HTML
    export_button: w.Button
    export_out: w.Output


def _slug(value: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", value).strip("-")[:60] or "answers"


def _feedback_html(key: pd.Series, given: dict[str, Any]) -> str:
    items = []
    for q in QUESTIONS:
        if given.get(q) is None:
            continue
        right = given[q] == key[q]
        mark = "\u2714 Right." if right else f"\u2718 Not quite: the answer is <b>{html.escape(str(key[q]))}</b>."
        items.append(
            f'<li class="{"toolkit-right" if right else "toolkit-wrong"}">{mark} {html.escape(_why(q, key))}</li>'
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
    return _Exercise(analysis, article_id).start()


def _question_widgets(sources: list[str]) -> dict[str, w.ValueWidget]:
    """Return the four answer widgets of one claim, all unanswered."""
    qs: dict[str, w.ValueWidget] = {
        "source": w.Dropdown(options=sources, value=None, layout=w.Layout(width="auto")),
        "anonymity": w.RadioButtons(options=list(ANONYMITY_CHOICES), value=None),
        "hedged": w.RadioButtons(options=list(YES_NO), value=None),
        "denied": w.RadioButtons(options=list(YES_NO), value=None),
    }
    for q, widget in qs.items():
        widget.add_class(f"toolkit-q-{q}")
    return qs


def _card(pos: int, n: int, excerpt_html: str, qs: dict[str, w.ValueWidget], out: w.Output) -> w.VBox:
    """One claim's card: the excerpt, the four questions and the feedback pane."""
    header = w.HTML(
        f"<h4>Claim {pos + 1} of {n}</h4>"
        f'<blockquote class="toolkit-excerpt">{excerpt_html}</blockquote>'
        "<p><small>The highlighted words are what is claimed.</small></p>"
    )
    rows = [w.VBox([w.HTML(f"<b>{html.escape(QUESTIONS[q])}</b>"), qs[q]]) for q in QUESTIONS]
    return w.VBox([header, *rows, out]).add_class("toolkit-card")


def _download_link(name: str, csv: str) -> HTML:
    data = base64.b64encode(csv.encode("utf-8")).decode("ascii")
    return HTML(
        f'<a download="{html.escape(name)}" href="data:text/csv;base64,{data}" '
        f'class="toolkit-download">Download {html.escape(name)}</a>'
    )


class _Exercise:
    """The exercise's cards, navigation and state, and the callbacks that keep them in step."""

    def __init__(self, analysis: Analysis, article_id: str) -> None:
        self.article_id = article_id
        self.key = key = answer_key(analysis, article_id)
        self.records = key.to_dict("records")
        self.state = ExerciseState(article_id=article_id, key=key, total=len(key) * len(QUESTIONS))
        title = analysis.articles.loc[analysis.articles["article_id"] == article_id, "title"].iloc[0]
        self.title = str(title) if pd.notna(title) and str(title).strip() else article_id
        sources = sorted({s for s in key["source"] if s != NO_SOURCE}, key=str.casefold) + [NO_SOURCE]
        self.questions: dict[int, dict[str, w.ValueWidget]] = {}
        self.feedback: dict[int, w.Output] = {}
        self.cards: dict[int, w.VBox] = {}
        for pos, rec in enumerate(self.records):
            cid = rec["claim_id"]
            self.questions[cid] = _question_widgets(sources)
            self.feedback[cid] = w.Output().add_class("toolkit-feedback-out")
            self.cards[cid] = _card(pos, len(key), rec["excerpt_html"], self.questions[cid], self.feedback[cid])
        self.picker = w.Dropdown(
            options=[(f"Claim {i + 1} of {len(key)}", i) for i in range(len(key))],
            value=0 if len(key) else None,
            description="Go to",
        )
        self.previous = w.Button(description="\u25c0 Previous", layout=w.Layout(width="auto"))
        self.next = w.Button(description="Next \u25b6", layout=w.Layout(width="auto"))
        self.student = w.Text(description="Your name", placeholder="type your name")
        self.score_label = w.HTML().add_class("toolkit-score")
        self.export_button = w.Button(description="Export answers (CSV)", icon="download", layout=w.Layout(width="auto"))
        self.export_out = w.Output()
        self.card_box = w.Box()

    def start(self) -> tuple[ExerciseUI, ExerciseState]:
        """Wire the callbacks, show the first card and the score, and lay the widgets out."""
        for rec in self.records:
            for widget in self.questions[rec["claim_id"]].values():
                widget.observe(self.on_answer(rec), names="value")
        self.picker.observe(self.show_card, names="value")
        self.state.observe(lambda c: setattr(self.picker, "value", c["new"]) if len(self.key) else None, names="index")
        self.previous.on_click(self.step(-1))
        self.next.on_click(self.step(1))
        w.link((self.student, "value"), (self.state, "student"))
        self.export_button.on_click(self.export)
        self.show_card()
        self.rescore()
        return self.layout(), self.state

    def rescore(self) -> None:
        answers: dict[Any, dict[str, Any]] = {}  # keyed by claim_id (traitlets types Dict keys as str)
        score = answered = 0
        for rec in self.records:
            cid = rec["claim_id"]
            given = {q: widget.value for q, widget in self.questions[cid].items() if widget.value is not None}
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
            given = {q: widget.value for q, widget in self.questions[cid].items()}
            _show(self.feedback[cid], HTML(_feedback_html(pd.Series(rec), given)))
            self.rescore()

        return handler

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
        name = f"answers-{_slug(self.state.student or 'student')}-{_slug(self.article_id)}.csv"
        _show(self.export_out, _download_link(name, self.state.to_csv()))

    def layout(self) -> ExerciseUI:
        ui = ExerciseUI(
            [
                w.HTML(f"<h3>Who says so? {html.escape(self.title)}</h3>"),
                self.student,
                w.HBox([self.previous, self.picker, self.next]),
                self.card_box,
                self.score_label,
                w.HBox([self.export_button]),
                self.export_out,
            ]
        )
        ui.add_class("toolkit-exercise")
        ui.picker, ui.previous, ui.next, ui.student = self.picker, self.previous, self.next, self.student
        ui.questions, ui.feedback, ui.cards = self.questions, self.feedback, self.cards
        ui.score_label, ui.export_button, ui.export_out = self.score_label, self.export_button, self.export_out
        return ui
