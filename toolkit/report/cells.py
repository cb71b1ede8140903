"""HTML pieces of the report: escaped cells and tables, severity badges, source swatches, the scorecard."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html import escape
from typing import Any

import pandas as pd

from ..palette import LIGHT_GREY, SEVERITY_COLORS, SOURCE_CLASS_COLORS
from ..types import SEVERITIES, Severity

__all__ = ["FLAGGED", "WARNING", "cell", "detail", "fig", "pct", "scorecard_html", "severity", "slug", "swatch", "table"]

WARNING: Severity = "warning"
FLAGGED: tuple[Severity, ...] = (WARNING, "notice")
# The notice badge is orange, too light for white text.
_DARK_BADGE_TEXT: tuple[Severity, ...] = ("notice",)
# Check details longer than this fold into <details>, showing the first _DETAIL_PREVIEW characters.
_DETAIL_FOLD = 120
_DETAIL_PREVIEW = 60
# Slugs name PNG files: long article ids would exceed file-name limits.
_SLUG_MAX = 60


def cell(value: Any) -> str:
    """Return one table cell's escaped HTML: lists one item a line, whole floats without decimals.

    >>> cell(["a", "<b>"]), cell(3.0), cell(0.25), cell(None)
    ('a<br>&lt;b&gt;', '3', '0.25', '')
    """
    if value is None:
        return ""
    if isinstance(value, list | tuple) or hasattr(value, "tolist") and not isinstance(value, str):
        items = value.tolist() if hasattr(value, "tolist") else value
        return "<br>".join(escape(str(v)) for v in items)
    if pd.isna(value):
        return ""
    if isinstance(value, float):
        return escape(f"{value:.0f}" if value.is_integer() else f"{value:.2f}")
    return escape(str(value))


def table(
    df: pd.DataFrame,
    columns: dict[str, str] | None = None,
    *,
    raw: dict[str, Callable[[dict[str, Any]], str]] | None = None,
    cls: str = "nc-table",
) -> str:
    """Render an escaped HTML table; ``raw`` maps a column to a function returning ready-made (escaped) HTML.

    >>> table(pd.DataFrame({"n": [1], "t": ["<i>"]}), {"t": "Text", "n": "N"})
    '<table class="nc-table"><thead><tr><th>Text</th><th>N</th></tr></thead><tbody><tr><td>&lt;i&gt;</td><td class="nc-num">1</td></tr></tbody></table>'
    """
    columns = columns or {c: c for c in df.columns}
    raw = raw or {}
    head = "".join(f"<th>{escape(title)}</th>" for title in columns.values())
    rows = []
    for rec in df.to_dict("records"):
        cells = []
        for col in columns:
            if col in raw:
                cells.append(f"<td>{raw[col](rec)}</td>")
            else:
                value = rec.get(col)
                num = isinstance(value, int | float) and not isinstance(value, bool)
                cells.append(f'<td class="nc-num">{cell(value)}</td>' if num else f"<td>{cell(value)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def severity(value: Any) -> str:
    """Return a severity as a coloured badge (an unknown value as plain escaped text).

    >>> severity("warning").startswith('<span class="nc-sev"'), severity("<odd>")
    (True, '&lt;odd&gt;')
    """
    sev = "" if value is None or pd.isna(value) else str(value)
    colour = SEVERITY_COLORS.get(sev)
    if colour is None:
        return escape(sev)
    text = "#1a1a1a" if sev in _DARK_BADGE_TEXT else "#fff"
    return f'<span class="nc-sev" style="background:{colour};color:{text}">{escape(sev)}</span>'


def swatch(klass: str) -> str:
    """Return a source class with its colour swatch.

    >>> swatch("anonymous")
    '<span class="nc-sw" style="background:#D55E00"></span>anonymous'
    """
    colour = SOURCE_CLASS_COLORS.get(klass, LIGHT_GREY)
    return f'<span class="nc-sw" style="background:{colour}"></span>{escape(klass)}'


def fig(value: Any, label: str) -> str:
    """Return one headline figure of the summary.

    >>> fig(3, "articles")
    '<div class="nc-fig"><b>3</b><span>articles</span></div>'
    """
    return f'<div class="nc-fig"><b>{escape(str(value))}</b><span>{escape(label)}</span></div>'


def pct(part: int, whole: int) -> str:
    """Return ``part`` as a whole percentage of ``whole`` (a dash when there is no whole).

    >>> pct(1, 3), pct(0, 0)
    ('33%', '–')
    """
    return f"{part / whole:.0%}" if whole else "–"


def slug(text: str) -> str:
    """Return ``text`` made safe for a file name or an HTML id.

    >>> slug("bbc/2024 story.txt")
    'bbc-2024-story-txt'
    """
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-")[:_SLUG_MAX] or "x"


def detail(value: Any) -> str:
    """Render a check's detail: JSON lists and objects fold into a <details> element.

    >>> detail('["a", "b"]')
    '<details><summary>2 found</summary><ul><li>a</li><li>b</li></ul></details>'
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    text = str(value)
    try:
        parsed = json.loads(text)
    except ValueError:
        parsed = text
    if isinstance(parsed, list):
        if not parsed:
            return ""
        items = "".join(f"<li>{escape(str(v))}</li>" for v in parsed)
        return f"<details><summary>{len(parsed)} found</summary><ul>{items}</ul></details>"
    if isinstance(parsed, dict):
        items = "".join(f"<li>{escape(str(k))}: {escape(str(v))}</li>" for k, v in parsed.items())
        return f"<details><summary>breakdown</summary><ul>{items}</ul></details>"
    if len(text) > _DETAIL_FOLD:
        return f"<details><summary>{escape(text[:_DETAIL_PREVIEW])}…</summary>{escape(text)}</details>"
    return escape(text)


def scorecard_html(card: pd.DataFrame) -> str:
    """Render a scorecard: one table per section when it has sections, severities as badges.

    >>> card = pd.DataFrame({"label": ["Sources"], "value": [1.0], "severity": ["info"], "explanation": ["ok"]})
    >>> scorecard_html(card).count("<table")
    1
    """
    cols = set(card.columns)
    if not {"label", "severity", "explanation"} <= cols:
        return table(card)  # an unfamiliar scorecard: show it as it is, escaped
    result = "shown" if "shown" in cols else "value"
    columns = {"label": "Check", result: "Result", "severity": "Level", "explanation": "What it means"}
    if "detail" in cols:
        columns["detail"] = "Found"
    raw = {"severity": lambda r: severity(r.get("severity")), "detail": lambda r: detail(r.get("detail"))}
    counts = card["severity"].value_counts()
    tally = " ".join(
        f"{severity(sev)} {int(counts[sev])}" for sev in reversed(SEVERITIES) if sev in counts  # worst first
    )
    parts = [f'<p class="nc-note">{tally}</p>'] if tally else []

    def tables(rows: pd.DataFrame) -> str:
        if "section" not in cols:
            return table(rows, columns, raw=raw, cls="nc-table nc-card")
        return "".join(
            f"<h4>{escape(str(section))}</h4>" + table(group, columns, raw=raw, cls="nc-table nc-card")
            for section, group in rows.groupby("section", sort=False)
        )

    # What needs a reader's attention first; the checks that found nothing to flag fold away.
    flagged = card["severity"].isin(FLAGGED)
    if flagged.any():
        parts.append(tables(card[flagged]))
    if (~flagged).any():
        rest = tables(card[~flagged])
        if flagged.any():
            rest = f"<details><summary>{int((~flagged).sum())} more checks (info)</summary>{rest}</details>"
        parts.append(rest)
    return "".join(parts)


