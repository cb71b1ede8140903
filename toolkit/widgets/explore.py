"""The sources explorer: pick an article, a speaker, quote types and source classes.

The highlighted article, the claims table and the voices chart follow every change.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Any

import ipywidgets as w
import pandas as pd
from IPython.display import HTML
from traitlets import HasTraits, Instance, Int, Tuple, Unicode

from ..analysis import Analysis
from ..charts import fit, voices
from ..highlighter import highlight
from ..palette import SOURCE_CLASS_COLORS
from ..present import table_html
from ..types import QUOTE_TYPES
from .shared import article_ids, article_subset, article_titles, check_article, show, source_classes

__all__ = ["ExplorerState", "ExplorerUI", "claims_html", "explorer", "filter_claims"]

ALL_SPEAKERS = -1  # Dropdown sentinel: a None value would show an empty selection.
# The voices chart's whole width (labels and legend included).  Inside an ipywidgets Output a
# chart sized to its container never settles (the renderer's resize observer and the Output's
# layout feed each other), so the chart gets this fixed width and the article pane takes the
# rest; below ARTICLE_MIN_PX + this the chart wraps under the article instead of being clipped.
# 440 px fits beside a readable article in JupyterLab's notebook at 1024 px with the side panel shut.
CHART_PX = 440
ARTICLE_MIN_PX = 400
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


def claims_html(claims: pd.DataFrame) -> str:
    """Render the explorer's claims table as escaped HTML: claims numbered from 1, lists joined.

    >>> from toolkit.types import frame
    >>> html = claims_html(frame([{"article_id": "a", "claim_id": 0, "content_text": "<b>hi</b>"}], "claims"))
    >>> "&lt;b&gt;" in html, "<td>1</td>" in html
    (True, True)
    """
    if claims.empty:
        return '<div class="toolkit-claims"><p><em>No claims match the filters.</em></p></div>'
    view = claims.assign(source_class=source_classes(claims))
    view = view.assign(quote_type=view["quote_type"].str.replace("_", " "))
    table = table_html(view, columns=CLAIM_COLUMNS, numbers=("claim_id",), wrap=("content_text",), stack=True,
                       cls="toolkit-claims-table")
    return f'<div class="toolkit-claims">{table}</div>'


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


def _toggles(values: Sequence[str]) -> dict[str, w.ToggleButton]:
    buttons = {}
    for v in values:
        label = v.replace("_", " ")  # "according_to" reads "according to"
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
        ids = article_ids(analysis)
        self.titles = article_titles(analysis)
        present = set(source_classes(analysis.claims))
        classes = [c for c in SOURCE_CLASS_COLORS if c in present] or list(SOURCE_CLASS_COLORS)
        self.article = w.Dropdown(
            options=[(i if self.titles[i] == i else f"{self.titles[i]} ({i})", i) for i in ids],
            value=ids[0],
            description="Article",
            layout=w.Layout(width="95%"),
        ).add_class("toolkit-article")
        self.speaker = w.Dropdown(description="Speaker", layout=w.Layout(width="60%")).add_class("toolkit-speaker")
        self.type_buttons = _toggles(QUOTE_TYPES)
        self.source_buttons = _toggles(classes)
        self.summary = w.HTML().add_class("toolkit-summary")
        self.article_out = w.Output(layout=w.Layout(
            flex=f"1 1 {ARTICLE_MIN_PX}px", min_width="0", max_height="640px", overflow="auto"))
        self.chart_out = w.Output(layout=w.Layout(flex="0 0 auto", width=f"{CHART_PX + 8}px"))
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
        subset = article_subset(analysis, state.article_id, shown)
        show(self.article_out, _highlighted(subset, state.article_id))
        show(self.claims_out, HTML(claims_html(shown)))
        show(self.chart_out, fit(voices(subset), CHART_PX) if len(shown) else HTML("<em>No claims to chart.</em>"))
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
            check_article(self.analysis, new)
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
                w.HBox([self.article_out, self.chart_out], layout=w.Layout(flex_flow="row wrap", width="100%")),
                self.claims_out,
            ]
        )
        ui.add_class("toolkit-explorer")
        ui.article, ui.speaker = self.article, self.speaker
        ui.quote_toggles, ui.source_toggles = self.type_buttons, self.source_buttons
        ui.summary, ui.article_out, ui.chart_out, ui.claims_out = self.summary, self.article_out, self.chart_out, self.claims_out
        return ui


