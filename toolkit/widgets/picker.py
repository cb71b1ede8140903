"""The one article picker: paste text, give a URL, upload a file, or choose one from ``data/``.

Every notebook and the compare app use it.  :func:`article_picker` returns ``(ui, state)``
like the other widgets; with its "Analyse" button it runs :func:`toolkit.analyze` on the
article and fills ``state.analysis``.  Every problem (an empty box, a binary or oversized
upload, a failing URL, a file that cannot be read) ends as one plain sentence in
``state.status`` and in the widget, never a traceback; warnings (a text that looks
non-English) show beside the analysis instead of replacing it.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as w
import pandas as pd
from traitlets import Any as AnyTrait
from traitlets import Bool, HasTraits, Instance, List, Unicode

from ..analysis import Analysis
from ..corpus import analyze
from ..load import KNOWN_EXTS, URL_TIMEOUT, LoadError, decode_bytes, load_articles
from .shared import show

__all__ = [
    "MAX_PASTE_CHARS",
    "MAX_UPLOAD_BYTES",
    "SOURCES",
    "UPLOAD_EXTS",
    "PickerState",
    "PickerUI",
    "analyse_picked",
    "article_picker",
    "follow",
    "plain_sentence",
]

SOURCES = ("Paste", "URL", "Upload", "Data")
UPLOAD_EXTS = (".txt", ".html", ".htm", ".csv", ".jsonl")
# A saved news page with its scripts and styles runs to 1-2 MB; far more is not one article (or a
# whole archive), and the browser holds the upload in memory on its way to the kernel.
MAX_UPLOAD_BYTES = 3_000_000
# About 16,000 words, well above a long news feature (~10,000).  Measured on a 2-core machine:
# 200,000 characters (31,500 words) take 35 s and a 5 MB paste ~3 minutes, too long for a class
# to wait, so a paste over the cap gets a plain message instead (paste one article at a time).
MAX_PASTE_CHARS = 100_000
# English news averages about 6 characters per word, spaces included: for the message.
_CHARS_PER_WORD = 6
# How the loader names an input without a file name: "<string>", "<string #2>", "<dataframe>" and the id.
_LOADER_NAME = re.compile(r"^<[a-z]+(?: #\d+)?>(?: \([^)]*\))?")
NO_ARTICLE = "no article yet: paste one, give a URL, upload a file or pick one from the list"


def plain_sentence(message: str) -> str:
    """Make one plain sentence for people of ``message``: the first line, a capital first letter, a full stop.

    >>> plain_sentence("x.txt: no such file or folder\\nTraceback ...")
    'X.txt: no such file or folder.'
    """
    line = (message.strip().splitlines() or ["something went wrong"])[0].strip()
    line = line[:1].upper() + line[1:]
    return line if line.endswith((".", "!", "?")) else line + "."


class PickerState(HasTraits):
    """Which article a picker holds, and what analysing it gave.

    ``source`` is what :func:`toolkit.analyze` reads (text, URL, path or an uploaded file's
    articles table); ``status`` one plain sentence or ""; ``warnings`` what the analysis
    warned about; ``analysis`` and ``article_id`` the result of the last "Analyse".
    """

    mode = Unicode("Paste")
    source = AnyTrait(None, allow_none=True, help="text, URL, path or DataFrame for toolkit.analyze")
    name = Unicode("", help="what people see: the file name, the URL or 'pasted text'")
    problem = Unicode("", help="why the picked input cannot be analysed, found before analysing")
    busy = Bool(False)
    status = Unicode("")
    warnings = List(Unicode())
    analysis = Instance(Analysis, allow_none=True)
    article_id = Unicode("")


class PickerUI(w.VBox):
    """The picker's box; its tabs, inputs, button and status line are attributes, for tests and layout."""

    tabs: w.Tab
    paste: w.Textarea
    url: w.Text
    upload: w.FileUpload
    data: w.Dropdown
    button: w.Button | None
    status: w.HTML


def _data_files(data_dir: str | Path | None, value: Any) -> list[Path]:
    files = sorted(p for p in Path(data_dir).rglob("*") if p.is_file() and p.suffix.lower() in KNOWN_EXTS) if data_dir else []
    if _is_file(value) and Path(value).resolve() not in {p.resolve() for p in files}:
        files.append(Path(value))  # the article the notebook names is offered even outside data/
    return files


def _is_file(value: Any) -> bool:
    if isinstance(value, Path):
        return value.is_file()
    # Pasted text is long or spans lines; only a short one-line string can be a path.
    return isinstance(value, str) and "\n" not in value and len(value) < 4096 and Path(value).is_file()


def _safe_name(name: str) -> str:
    """Make a file name from an upload's name: no folders, only plain characters.

    >>> _safe_name("../../etc/pass wd.txt")
    'pass-wd.txt'
    """
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(name).name).strip(".-") or "upload"
    return stem[-100:]


def _upload(value: Any) -> tuple[pd.DataFrame | None, str, str]:
    """Read an upload through the loader: ``(articles, name, problem)``."""
    files = list(value or ())
    if not files:
        return None, "", ""
    item = files[0]
    name, raw = str(item["name"]), bytes(item["content"])
    if len(raw) > MAX_UPLOAD_BYTES:
        return None, name, (f"{name} is too large ({len(raw) / 1e6:.1f} MB; the limit is "
                            f"{MAX_UPLOAD_BYTES / 1e6:.0f} MB): upload one article's text or page")
    safe = _safe_name(name)
    if Path(safe).suffix.lower() not in UPLOAD_EXTS:
        return None, name, f"{name}: upload a {', '.join(UPLOAD_EXTS)} file"
    try:
        decode_bytes(raw, name)  # the loader's own check: NUL bytes, control bytes, bad encodings
    except LoadError as exc:
        return None, name, str(exc)
    # The loader reads each format from a file by its extension; a private folder keeps the name safe.
    with tempfile.TemporaryDirectory(prefix="toolkit-upload-") as tmp:
        path = Path(tmp) / safe
        path.write_bytes(raw)
        articles = load_articles(path, on_error="collect")
    errors = articles.attrs["errors"]
    errors["message"] = errors["message"].str.replace(str(path), name, regex=False)
    if articles.empty:
        return None, name, errors["message"].iloc[0] if len(errors) else f"{name}: no article in the file"
    return articles.assign(source=name), name, ""


def analyse_picked(state: PickerState, *, nlp: Any = None, timeout: float = URL_TIMEOUT) -> Analysis:
    """Analyse what ``state`` holds; a problem raises ``ValueError`` with one plain sentence.

    >>> analyse_picked(PickerState())
    Traceback (most recent call last):
    ValueError: no article yet: paste one, give a URL, upload a file or pick one from the list
    """
    if state.problem:
        raise ValueError(state.problem)
    if state.source is None:
        raise ValueError(NO_ARTICLE)
    analysis = analyze(state.source, nlp=nlp, progress=False, timeout=timeout)
    if analysis.articles.empty:
        errors = analysis.errors["message"].tolist() or [f"{state.name or 'the article'} could not be read"]
        raise ValueError(errors[0])
    return analysis


def _tabs(files: Sequence[Path], data_dir: str | Path | None) -> PickerUI:
    paste = w.Textarea(placeholder="Paste the article here: headline on the first line.",
                       layout=w.Layout(width="98%", height="10em")).add_class("toolkit-paste")
    url = w.Text(placeholder="https://…", layout=w.Layout(width="98%")).add_class("toolkit-url")
    upload = w.FileUpload(accept=",".join(UPLOAD_EXTS), multiple=False).add_class("toolkit-upload")

    def label(p: Path) -> str:
        return p.relative_to(data_dir).as_posix() if data_dir and p.is_relative_to(data_dir) else p.name

    data = w.Dropdown(options=[(label(p), str(p)) for p in files],
                      layout=w.Layout(width="98%")).add_class("toolkit-data")
    tabs = w.Tab(children=[paste, url, upload, data]).add_class("toolkit-picker-tabs")
    for i, title in enumerate(SOURCES):
        tabs.set_title(i, title)
    ui = PickerUI([tabs]).add_class("toolkit-picker")
    ui.tabs, ui.paste, ui.url, ui.upload, ui.data = tabs, paste, url, upload, data
    ui.status, ui.button = w.HTML().add_class("toolkit-picker-status"), None
    return ui


def _read_inputs(ui: PickerUI, state: PickerState) -> None:
    """Copy the selected tab's input into ``state`` (source, name, problem)."""
    mode = SOURCES[ui.tabs.selected_index or 0]
    source: Any = None
    name = problem = ""
    if mode == "Paste":
        text = ui.paste.value or ""
        name = "pasted text"
        if len(text) > MAX_PASTE_CHARS:
            words = round(MAX_PASTE_CHARS / _CHARS_PER_WORD, -3)
            problem = (f"the pasted text is too long ({len(text):,} characters; the limit is {MAX_PASTE_CHARS:,}, "
                       f"about {words:,.0f} words): paste one article at a time")
        elif text.strip():
            source = text
    elif mode == "URL":
        source, name = (ui.url.value.strip() or None), ui.url.value.strip()
        if source is not None and not re.match(r"https?://\S+$", source):
            # Anything else would be read as text or a path, not fetched.
            source, problem = None, f"{name} is not a web address: it must start with http:// or https://"
    elif mode == "Upload":
        source, name, problem = _upload(ui.upload.value)
    else:
        source, name = (Path(ui.data.value) if ui.data.value else None), Path(ui.data.value or "").name
    state.mode = mode
    state.source, state.name, state.problem = source, name, problem


def _show_status(ui: PickerUI, state: PickerState) -> None:
    parts = []
    if state.busy:
        parts.append(f"<em>{escape(state.status)}</em>")
    elif state.status:
        cls = "toolkit-problem" if state.analysis is None or state.problem else "toolkit-ok"
        mark = "\u26a0 " if cls == "toolkit-problem" else ""
        parts.append(f'<span class="{cls}">{mark}{escape(state.status)}</span>')
    parts += [f'<div class="toolkit-warning">\u26a0 {escape(m)}</div>' for m in state.warnings]
    ui.status.value = "".join(parts)


def _run(ui: PickerUI, state: PickerState, *, nlp: Any, timeout: float) -> None:
    """Handle the "Analyse" press: busy while it runs, then the analysis or one plain sentence."""
    button = ui.button
    if button is not None:
        button.disabled, button.description = True, "Analysing…"
    state.busy, state.warnings = True, []
    state.status = f"Analysing {state.name or 'the article'}…"
    try:
        analysis = analyse_picked(state, nlp=nlp, timeout=timeout)
    except Exception as exc:  # noqa: BLE001 - whatever fails, a person reads one sentence, not a traceback
        state.analysis, state.article_id = None, ""
        state.status = plain_sentence(str(exc) or type(exc).__name__)
        return
    finally:
        if button is not None:
            button.disabled, button.description = False, "Analyse"
        state.busy = False
    # "<string> (3f2a…): looks like…" names the pasted text as the loader sees it; people see its name.
    state.warnings = [plain_sentence(_LOADER_NAME.sub(state.name, m)) for m in analysis.errors["message"].tolist()]
    state.article_id = str(analysis.articles["article_id"].iloc[0])
    state.analysis = analysis
    n = len(analysis.claims)
    state.status = f"Analysed {state.name or state.article_id}: {n} claim{'s' if n != 1 else ''} found."


def article_picker(
    *,
    data_dir: str | Path | None = None,
    value: Any = None,
    label: str = "Article",
    button: bool = True,
    nlp: Any = None,
    timeout: float = URL_TIMEOUT,
) -> tuple[PickerUI, PickerState]:
    """Pick an article: paste text, a URL, an uploaded file, or a file from ``data_dir``.

    ``value`` is the first article (a path, URL or text).  With ``button`` an "Analyse" button
    runs :func:`toolkit.analyze` (``nlp``, URL ``timeout``) and fills ``state.analysis``.

    >>> ui, state = article_picker(value="Dam bursts\\nA dam burst, police said.")
    >>> state.mode, state.name, [ui.tabs.get_title(i) for i in range(4)], ui.button.description
    ('Paste', 'pasted text', ['Paste', 'URL', 'Upload', 'Data'], 'Analyse')
    """
    ui = _tabs(_data_files(data_dir, value), data_dir)
    state = PickerState()

    def sync(_change: Any = None) -> None:
        _read_inputs(ui, state)
        state.analysis, state.article_id, state.warnings = None, "", []
        state.status = plain_sentence(state.problem) if state.problem else ""

    for widget in (ui.paste, ui.url, ui.upload, ui.data):
        widget.observe(sync, names="value")
    ui.tabs.observe(sync, names="selected_index")
    state.observe(lambda _c: _show_status(ui, state), names=["busy", "status", "warnings"])
    head = w.HTML(f"<b>{escape(label)}</b>").add_class("toolkit-picker-label")
    if button:
        ui.button = w.Button(description="Analyse", button_style="primary", icon="search").add_class("toolkit-picker-run")
        ui.button.on_click(lambda _b: _run(ui, state, nlp=nlp, timeout=timeout))
        ui.children = (head, ui.tabs, ui.button, ui.status)
    else:
        ui.children = (head, ui.tabs, ui.status)
    _preset(ui, value)
    sync()
    return ui, state


def _preset(ui: PickerUI, value: Any) -> None:
    """Open the picker on ``value``: a file in the Data list, a URL, or pasted text."""
    if _is_file(value):
        wanted = Path(value).resolve()
        ui.data.value = next(v for _, v in ui.data.options if Path(v).resolve() == wanted)
        ui.tabs.selected_index = 3
    elif isinstance(value, str) and value.strip().startswith(("http://", "https://")):
        ui.url.value, ui.tabs.selected_index = value.strip(), 1
    elif isinstance(value, str) and value:
        ui.paste.value, ui.tabs.selected_index = value, 0


def follow(state: PickerState, build: Callable[[Analysis], Any], *, first: Any = None) -> w.Output:
    """Return a pane that shows ``build(analysis)`` for every article the picker analyses.

    ``build`` returns one displayable or a tuple of them (a widget, an HTML, a table);
    ``first`` is shown until the first pick.  A ``build`` that fails leaves one sentence in
    ``state.status``.

    >>> _, state = article_picker(button=False)
    >>> pane = follow(state, lambda a: "picked", first="the bundled article")
    >>> len(pane.outputs)
    1
    """
    pane = w.Output().add_class("toolkit-picked")
    if first is not None:
        show(pane, first)

    def rebuild(change: Any) -> None:
        if change["new"] is None:
            return
        try:
            made = build(change["new"])
        except Exception as exc:  # noqa: BLE001 - a view that fails must leave a sentence, not a traceback
            state.status = plain_sentence(f"the article was analysed but could not be shown ({exc})")
            return
        show(pane, *(made if isinstance(made, tuple) else (made,)))

    state.observe(rebuild, names="analysis")
    return pane
