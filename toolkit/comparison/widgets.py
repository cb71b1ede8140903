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
from traitlets import Any as AnyTrait
from traitlets import HasTraits, Instance, List, Unicode

from ..analysis import Analysis
from ..corpus import analyze
from .charts import comparison_charts
from .core import Comparison, compare
from .view import findings_html, side_by_side, table_html

__all__ = ["CompareState", "PickerState", "article_picker", "compare_app"]

SOURCES = ("Paste", "URL", "Upload", "Data")
# Inside an ipywidgets Output, a chart sized to its container never settles: the renderer's resize
# observer and the Output's layout feed each other and the page freezes (seen in Voilà 0.5 and
# JupyterLab 4).  The app's charts get a fixed width that fits a 1024 px window instead; the same
# charts in notebook cells keep width="container".
APP_CHART_WIDTH = 620
# Files the Data tab lists: what the loader reads as articles.
_DATA_SUFFIXES = (".txt", ".html", ".htm", ".csv", ".jsonl", ".json")


def _show(out: w.Output, *objects: Any) -> None:
    out.outputs = ()
    for obj in objects:
        out.append_display_data(obj)


class PickerState(HasTraits):
    """Which article a picker holds: ``mode`` (Paste / URL / Upload / Data) and ``source`` for the loader."""

    mode = Unicode("Data")
    source = AnyTrait(None, allow_none=True, help="text, URL, path or DataFrame for toolkit.analyze")
    name = Unicode("", help="what people see: the file name, the URL or 'pasted text'")


def _upload_frame(value: Any) -> pd.DataFrame | None:
    files = list(value or ())
    if not files:
        return None
    item = files[0]
    raw = bytes(item["content"])
    text = raw.decode("utf-8", errors="replace")
    return pd.DataFrame({"article_id": [Path(str(item["name"])).stem], "text": [text]})


def article_picker(*, label: str, data_dir: str | Path | None = None, value: Any = None) -> tuple[w.Tab, PickerState]:
    """One side's article: paste text, a URL, an uploaded file, or a file from ``data_dir``.

    >>> ui, state = article_picker(label="A")
    >>> state.mode, [ui.get_title(i) for i in range(4)]
    ('Paste', ['Paste', 'URL', 'Upload', 'Data'])
    """
    files = sorted(p for p in Path(data_dir).rglob("*") if p.suffix.lower() in _DATA_SUFFIXES) if data_dir else []
    paste = w.Textarea(placeholder="Paste the article here: headline on the first line.",
                       layout=w.Layout(width="98%", height="10em")).add_class("toolkit-paste")
    url = w.Text(placeholder="https://…", layout=w.Layout(width="98%")).add_class("toolkit-url")
    upload = w.FileUpload(accept=".txt,.html,.htm,.csv,.jsonl", multiple=False).add_class("toolkit-upload")
    data = w.Dropdown(options=[(str(p.relative_to(data_dir)), str(p)) for p in files] if data_dir else [],
                      layout=w.Layout(width="98%")).add_class("toolkit-data")
    tabs = w.Tab(children=[paste, url, upload, data]).add_class("toolkit-picker")
    for i, title in enumerate(SOURCES):
        tabs.set_title(i, title)
    state = PickerState(mode="Paste")

    def sync(_change: Any = None) -> None:
        mode = SOURCES[tabs.selected_index or 0]
        state.mode = mode
        if mode == "Paste":
            state.source, state.name = (paste.value or None), "pasted text"
        elif mode == "URL":
            state.source, state.name = (url.value.strip() or None), url.value.strip()
        elif mode == "Upload":
            state.source = _upload_frame(upload.value)
            state.name = str(upload.value[0]["name"]) if upload.value else ""
        else:
            state.source, state.name = (Path(data.value) if data.value else None), Path(data.value or "").name

    for widget in (paste, url, upload, data):
        widget.observe(sync, names="value")
    tabs.observe(sync, names="selected_index")
    if _is_file(value):
        if str(Path(value)) in [str(p) for p in files]:
            data.value, tabs.selected_index = str(Path(value)), 3
        else:
            paste.value = Path(value).read_text(encoding="utf-8")
    elif isinstance(value, str) and value.startswith(("http://", "https://")):
        url.value, tabs.selected_index = value, 1
    elif isinstance(value, str) and value:
        paste.value = value
    sync()
    return tabs, state


def _is_file(value: Any) -> bool:
    if isinstance(value, Path):
        return value.is_file()
    # Pasted text is long or spans lines; only a short one-line string can be a path.
    return isinstance(value, str) and "\n" not in value and len(value) < 4096 and Path(value).is_file()


class CompareState(HasTraits):
    """What the app shows: the comparison, its findings, and a plain status line."""

    comparison = Instance(Comparison, allow_none=True)
    findings = List(Unicode())
    status = Unicode("")


def _analyse(pickers: Sequence[PickerState], labels: Sequence[str], nlp: Any) -> Analysis:
    frames = []
    for picker, label in zip(pickers, labels, strict=True):
        if picker.source is None:
            raise ValueError(f"{label}: no article yet. Paste one, give a URL, upload a file or pick one.")
        one = analyze(picker.source, nlp=nlp, progress=False)
        if one.articles.empty:
            errors = one.errors["message"].tolist() or ["it could not be read"]
            raise ValueError(f"{label}: {errors[0]}")
        frames.append(one)
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
    pickers = [article_picker(label=lab, data_dir=data_dir, value=v) for lab, v in zip(labels, sides, strict=True)]
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
        _show(found, HTML(findings_html(comp)))
        _show(view, HTML(side_by_side(comp)))
        _show(tables, HTML(table_html(comp.only_in, columns={"side": "Only in", "claim_id": "Claim",
                                                             "speaker": "Source", "content_text": "What is claimed"},
                                      numbers=("claim_id",))))
        _show(charts, *(c.properties(width=APP_CHART_WIDTH) for c in comparison_charts(comp).values()))
        status.value = f"Compared {escape(' and '.join(labels))}: {len(comp.matches)} claims in common."
        state.status, state.findings, state.comparison = status.value, list(comp.findings), comp
        if render is not None:
            render(comp)

    button.on_click(run)
    header = w.HBox([w.VBox([w.HTML(f"<b>{escape(lab)}</b>"), ui], layout=w.Layout(width="50%"))
                     for lab, (ui, _) in zip(labels, pickers, strict=True)])
    ui = w.VBox([header, button, status, w.HTML("<h3>What differs</h3>"), found,
                 w.HTML("<h3>Side by side</h3>"), view, w.HTML("<h3>Claims only one side reports</h3>"), tables,
                 w.HTML("<h3>Charts</h3>"), charts]).add_class("toolkit-compare")
    ui.pickers, ui.button, ui.status = [p for p, _ in pickers], button, status  # for tests and layout tweaks
    ui.picker_states = [s for _, s in pickers]
    if all(s.source is not None for _, s in pickers):
        run()
    return ui, state
