"""The compare-coverage app: an article picker for each side, a Compare button, and every view.

Factories return ``(widget, state)`` like :mod:`toolkit.widgets`: display the widget, read or
observe the state.  Outputs are filled with ``append_display_data`` after resetting ``outputs``,
so callbacks render alike in a kernel, in Voilà and in pytest.  Failures show one plain sentence
in the app (from ``analysis.errors`` or the exception), never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as w
import pandas as pd
from IPython.display import HTML
from traitlets import HasTraits, Instance, List, Unicode

from ..analysis import Analysis
from ..widgets.picker import PickerState, analyse_picked, article_picker
from ..widgets.shared import show
from .charts import comparison_charts
from .core import Comparison, compare
from .view import findings_html, side_by_side, table_html

__all__ = ["CompareState", "compare_app"]

# Inside an ipywidgets Output, a chart sized to its container never settles: the renderer's resize
# observer and the Output's layout feed each other and the page freezes (seen in Voilà 0.5 and
# JupyterLab 4).  The app's charts get a fixed width that fits a 1024 px window instead; the same
# charts in notebook cells keep width="container".
APP_CHART_WIDTH = 620


class CompareState(HasTraits):
    """What the app shows: the comparison, its findings, and a plain status line."""

    comparison = Instance(Comparison, allow_none=True)
    findings = List(Unicode())
    status = Unicode("")


def _analyse(pickers: Sequence[PickerState], labels: Sequence[str], nlp: Any) -> Analysis:
    frames = []
    for picker, label in zip(pickers, labels, strict=True):
        try:
            frames.append(analyse_picked(picker, nlp=nlp))
        except ValueError as exc:
            raise ValueError(f"{label}: {exc}") from None
    return _merge(frames, labels)


def _merge(frames: Sequence[Analysis], labels: Sequence[str]) -> Analysis:
    """One analysis of every side's articles; ids prefixed by side number, a ``side`` column added."""
    tables = {}
    for name in frames[0].tables:
        parts = []
        for i, frame in enumerate(frames):
            df = frame.tables[name]
            if len(df):
                df = df.assign(article_id=[f"{i + 1}-{a}" for a in df["article_id"]])
            if name == "articles":
                df = df.assign(side=labels[i])
            parts.append(df)
        tables[name] = pd.concat([p for p in parts if len(p)] or parts[:1], ignore_index=True)
    return Analysis(tables)


def compare_app(
    *,
    sides: Sequence[Any] = (None, None),
    labels: Sequence[str] = ("Outlet A", "Outlet B"),
    data_dir: str | Path | None = None,
    nlp: Any = None,
    render: Callable[[Comparison], None] | None = None,
) -> tuple[w.VBox, CompareState]:
    """Build the app: a picker per side, a Compare button, then findings, the side-by-side view and the charts.

    ``sides`` gives each picker's first article (a path, URL or text); with both given the app
    compares at once.  ``state.comparison`` holds the result.

    >>> ui, state = compare_app()
    >>> state.comparison is None, "toolkit-compare" in ui._dom_classes
    (True, True)
    """
    pickers = [article_picker(label=lab, data_dir=data_dir, value=v, button=False, nlp=nlp)
               for lab, v in zip(labels, sides, strict=True)]
    button = w.Button(description="Compare", button_style="primary", icon="columns").add_class("toolkit-compare-run")
    status = w.HTML().add_class("toolkit-compare-status")
    found, view, tables, charts = (w.Output().add_class(f"toolkit-compare-{n}") for n in
                                   ("findings", "view", "tables", "charts"))
    state = CompareState()

    def run(_button: Any = None) -> None:
        button.disabled, button.description = True, "Comparing…"
        status.value = "<em>Reading and comparing the articles…</em>"
        try:
            comp = compare(_analyse([p for _, p in pickers], labels, nlp), group_by="side")
        except (ValueError, KeyError, OSError) as exc:
            status.value = f'<span class="toolkit-problem">\u26a0 {escape(str(exc))}</span>'
            state.status = str(exc)
            return
        finally:
            button.disabled, button.description = False, "Compare"
        show(found, HTML(findings_html(comp)))
        show(view, HTML(side_by_side(comp)))
        show(tables, HTML(table_html(comp.only_in, columns={"side": "Only in", "claim_id": "Claim",
                                                             "speaker": "Source", "content_text": "What is claimed"},
                                      numbers=("claim_id",))))
        show(charts, *(c.properties(width=APP_CHART_WIDTH) for c in comparison_charts(comp).values()))
        status.value = f"Compared {escape(' and '.join(labels))}: {len(comp.matches)} claims in common."
        state.status, state.findings, state.comparison = status.value, list(comp.findings), comp
        if render is not None:
            render(comp)

    button.on_click(run)
    for picker, _ in pickers:
        picker.layout.width = "50%"
    header = w.HBox([p for p, _ in pickers])
    ui = w.VBox([header, button, status, w.HTML("<h3>What differs</h3>"), found,
                 w.HTML("<h3>Side by side</h3>"), view, w.HTML("<h3>Claims only one side reports</h3>"), tables,
                 w.HTML("<h3>Charts</h3>"), charts]).add_class("toolkit-compare")
    ui.pickers, ui.button, ui.status = [p for p, _ in pickers], button, status  # for tests and layout tweaks
    ui.picker_states = [s for _, s in pickers]
    if all(s.source is not None for _, s in pickers):
        run()
    return ui, state
