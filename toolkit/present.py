"""People-facing tables: the one HTML renderer for every table a person reads.

Notebooks, the apps (explorer, classroom, comparison) and the standalone report all show their
tables through :func:`table_html`: columns renamed, claim numbers counted from 1, numbers
formatted (``21``, not ``21.000000``; shares as ``25%``), no ``<NA>``/``None``/``NaN``, lists
joined, JSON objects shown as "key: value" text, every string HTML-escaped, explanations
wrapped, and — with ``stack=True`` — rows that reflow into stacked cards on a narrow screen.

Why our own HTML and not pandas Styler, itables or great-tables: the tables are small (tens of
rows) and the work is per-cell formatting, escaping and per-column ready-made HTML (severity
badges, links), which none of them saves.  Styler emits per-table ids and CSS and still needs
every cell formatted by hand; itables ships a JavaScript grid (not offline in a standalone
report, and paging hides rows a teacher wants to read); great-tables is a heavy dependency
(and its HTML uses fixed widths that do not reflow at phone width).  One small function renders
the same in JupyterLab, Voilà and the report, with no new dependency.

>>> print(table_html(pd.DataFrame({"n": [21.0]})))  # doctest: +ELLIPSIS
<style>...</style><table class="tk-table"><thead><tr><th>n</th></tr></thead><tbody><tr><td class="tk-num">21</td></tr></tbody></table>
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from html import escape
from typing import Any

import pandas as pd
from IPython.display import HTML

from .literacy import scorecard
from .palette import SEVERITY_COLORS
from .types import SEVERITIES, Severity

__all__ = [
    "FLAGGED",
    "TABLE_CSS",
    "WARNING",
    "card_html",
    "cell_html",
    "cell_text",
    "detail",
    "is_blank",
    "scorecard_html",
    "severity",
    "table_html",
]

# A list whose items are longer than this (sentences, not words) shows one item a line.
LONG_ITEM = 40
# Below this page width a stacked table shows each row as a card, one cell a line, each led by
# its column name: a phone cannot fit five columns, and squeezed columns wrap a word a line.
STACK_BELOW_PX = 640
# Explanation columns keep this minimum width, so they never collapse to one word a line.
WRAP_MIN_EM = 16
TABLE_CSS = f"""
.tk-table{{border-collapse:collapse;font:.9em/1.45 system-ui,sans-serif;margin:.3em 0 .8em;max-width:100%}}
.tk-table th,.tk-table td{{text-align:left!important;vertical-align:top!important;padding:.3em .5em;
 border-bottom:1px solid #e2e2e2;white-space:normal!important;overflow-wrap:break-word}}
.tk-table th{{background:#f0f0ee;font-weight:600}}
.tk-table td.tk-num{{text-align:right!important;font-variant-numeric:tabular-nums;white-space:nowrap!important}}
.tk-table td.tk-wrap{{min-width:{WRAP_MIN_EM}em}}
.tk-card{{width:100%}}.tk-card th:nth-child(1){{width:14em}}.tk-card th:nth-child(2){{width:7em}}
.tk-card th:nth-child(3){{width:5.5em}}.tk-card th:nth-child(5){{width:7em}}.tk-card .nc-sev{{white-space:nowrap}}
@media (max-width:{STACK_BELOW_PX}px){{
 .tk-stack,.tk-stack tbody,.tk-stack tr,.tk-stack td{{display:block;width:auto!important}}
 .tk-stack thead{{display:none}}
 .tk-stack tr{{border:1px solid #ddd;border-radius:5px;margin:.5em 0;padding:.3em .5em}}
 .tk-stack td{{border:none;padding:.15em 0;text-align:left!important}}
 .tk-stack td.tk-wrap{{min-width:0}}
 .tk-stack td:first-child{{font-weight:600}}
 .tk-stack td[data-label]:not([data-label=""])::before{{content:attr(data-label) ": ";font-weight:600;color:#444}}
}}
"""
_STYLE = f"<style>{TABLE_CSS}</style>"
WARNING: Severity = "warning"
# Severities a reader should look at first; the rest fold away under "more checks".
FLAGGED: tuple[Severity, ...] = (WARNING, "notice")
# The notice badge is orange, too light for white text.
_DARK_BADGE_TEXT: tuple[Severity, ...] = ("notice",)
# Check details longer than this fold into <details>, showing the first _DETAIL_PREVIEW characters.
_DETAIL_FOLD = 120
_DETAIL_PREVIEW = 60
# Columns whose floats are shares of a whole, shown as percentages.
_SHARE_SUFFIXES = ("share", "_share", "ratio", "_pct")


def is_blank(value: Any) -> bool:
    """Return whether ``value`` is missing (None, NaN, NA, NaT) or an empty string.

    >>> is_blank(pd.NA), is_blank(""), is_blank(0), is_blank([])
    (True, True, False, False)
    """
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | dict) or hasattr(value, "tolist"):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _number(value: float, *, share: bool) -> str:
    if share and 0 <= value <= 1:
        return f"{value:.0%}"
    if float(value).is_integer():
        return f"{int(value):,}" if abs(value) >= 10_000 else str(int(value))
    return f"{value:,.2f}".rstrip("0").rstrip(".") if abs(value) < 100 else f"{value:,.1f}"


def _parsed(text: str) -> Any:
    """Return the JSON list or object inside a string (check details are stored so), else the string."""
    if text[:1] not in ("[", "{"):
        return text
    try:
        return json.loads(text)
    except ValueError:
        return text


def cell_text(value: Any, *, share: bool = False) -> str:
    """Return one cell as plain text for people.

    >>> cell_text(21.0), cell_text(0.25, share=True), cell_text(2.5), cell_text(None), cell_text(pd.NA)
    ('21', '25%', '2.5', '', '')
    >>> cell_text(["may", "reportedly"]), cell_text('{"named": 3, "anonymous": 1}'), cell_text(True)
    ('may, reportedly', 'named: 3; anonymous: 1', 'yes')
    """
    if hasattr(value, "tolist") and not isinstance(value, str | int | float):
        value = value.tolist()
    if isinstance(value, str):
        value = _parsed(value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {cell_text(v, share=share)}" for k, v in value.items() if not is_blank(v))
    if isinstance(value, list | tuple):
        return ", ".join(cell_text(v, share=share) for v in value if not is_blank(v))
    if is_blank(value):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return _number(value, share=share)
    return str(value).strip()


def cell_html(value: Any, *, share: bool = False) -> str:
    """Return one cell as escaped HTML: like :func:`cell_text`, long list items one a line.

    >>> cell_html(["<b>", "x"]), cell_html(["a" * 41, "b"]).count("<br>")
    ('&lt;b&gt;, x', 1)
    """
    if hasattr(value, "tolist") and not isinstance(value, str | int | float):
        value = value.tolist()
    if isinstance(value, list | tuple) and any(len(cell_text(v)) > LONG_ITEM for v in value):
        return "<br>".join(escape(cell_text(v, share=share)) for v in value if not is_blank(v))
    return escape(cell_text(value, share=share))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and not is_blank(value)


def _is_share(column: Any) -> bool:
    return str(column).lower().endswith(_SHARE_SUFFIXES)


def table_html(
    df: pd.DataFrame,
    *,
    columns: Mapping[str, str] | None = None,
    numbers: tuple[str, ...] = (),
    raw: Mapping[str, Callable[[dict[str, Any]], str]] | None = None,
    wrap: tuple[str, ...] = (),
    stack: bool = False,
    cls: str = "",
    css: bool = True,
) -> str:
    """Render a table for people (see the module docstring for what it does to every cell).

    ``columns`` picks and renames columns; ``numbers`` are claim (or other) numbers counted from
    0 in the data and shown from 1; ``raw`` maps a column to a function returning ready-made,
    escaped HTML for a row; ``wrap`` marks explanation columns (kept wide enough to read);
    ``stack`` lets rows reflow into cards on narrow screens; ``css=False`` leaves out the
    style block (a page that includes :data:`TABLE_CSS` once).

    >>> html = table_html(pd.DataFrame({"claim_id": [0], "share": [0.5], "who": [pd.NA]}), numbers=("claim_id",), css=False)
    >>> html
    '<table class="tk-table"><thead><tr><th>claim_id</th><th>share</th><th>who</th></tr></thead><tbody><tr><td>1</td><td class="tk-num">50%</td><td></td></tr></tbody></table>'
    """
    names = dict(columns) if columns else {str(c): str(c) for c in df.columns}
    raw = raw or {}
    missing = [c for c in names if c not in df.columns and c not in raw]
    if missing:
        raise KeyError(f"table_html: no column(s) {missing}; the table has {list(map(str, df.columns))}")
    rows = []
    for rec in df.to_dict("records"):  # whole rows: a raw renderer may read any column
        cells = []
        for i, col in enumerate(names):
            value = rec.get(col)
            # Stacked, the first cell heads the card; the others say which column they are.
            label = f' data-label="{escape(names[col])}"' if stack and i else ""
            if col in raw:
                cells.append(f"<td{label}>{raw[col](rec)}</td>")
            elif col in numbers and not is_blank(value):
                cells.append(f"<td{label}>{int(value) + 1}</td>")
            else:
                kind = ' class="tk-num"' if _is_number(value) else ' class="tk-wrap"' if col in wrap else ""
                cells.append(f"<td{kind}{label}>{cell_html(value, share=_is_share(col))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    if not rows:
        rows = [f'<tr><td colspan="{len(names)}"><em>None.</em></td></tr>']
    head = "".join(f"<th>{escape(h)}</th>" for h in names.values())
    classes = " ".join(c for c in ("tk-table", "tk-stack" if stack else "", cls) if c)
    table = f'<table class="{classes}"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    return (_STYLE if css else "") + table


def severity(value: Any) -> str:
    """Return a severity as a coloured badge (an unknown value as plain escaped text).

    >>> severity("warning").startswith('<span class="nc-sev"'), severity("<odd>")
    (True, '&lt;odd&gt;')
    """
    sev = "" if is_blank(value) else str(value)
    colour = SEVERITY_COLORS.get(sev)
    if colour is None:
        return escape(sev)
    text = "#1a1a1a" if sev in _DARK_BADGE_TEXT else "#fff"
    return (f'<span class="nc-sev" style="background:{colour};color:{text};border-radius:3px;padding:0 .4em;'
            f'font-size:.8em;font-weight:600">{escape(sev)}</span>')


def detail(value: Any) -> str:
    """Render a check's detail: JSON lists and objects fold into a <details> element of plain lines.

    >>> detail('["a", "b"]')
    '<details><summary>2 found</summary><ul><li>a</li><li>b</li></ul></details>'
    >>> detail('{"named": 2}')
    '<details><summary>breakdown</summary><ul><li>named: 2</li></ul></details>'
    """
    if is_blank(value):
        return ""
    text = str(value)
    parsed = _parsed(text)
    if isinstance(parsed, list):
        if not parsed:
            return ""
        items = "".join(f"<li>{escape(cell_text(v))}</li>" for v in parsed)
        return f"<details><summary>{len(parsed)} found</summary><ul>{items}</ul></details>"
    if isinstance(parsed, dict):
        items = "".join(f"<li>{escape(str(k))}: {escape(cell_text(v))}</li>" for k, v in parsed.items())
        return f"<details><summary>breakdown</summary><ul>{items}</ul></details>"
    if len(text) > _DETAIL_FOLD:
        return f"<details><summary>{escape(text[:_DETAIL_PREVIEW])}…</summary>{escape(text)}</details>"
    return escape(text)


def _card_tables(card: pd.DataFrame, columns: dict[str, str], css: bool) -> str:
    raw = {"severity": lambda r: severity(r.get("severity")), "detail": lambda r: detail(r.get("detail"))}

    def one(rows: pd.DataFrame) -> str:
        return table_html(rows, columns=columns, raw=raw, wrap=("explanation",), stack=True, cls="tk-card", css=False)

    if "section" not in card.columns:
        return one(card)
    return "".join(f"<h4>{escape(str(section))}</h4>" + one(group)
                   for section, group in card.groupby("section", sort=False))


def card_html(card: pd.DataFrame, *, css: bool = True) -> str:
    """Render a scorecard frame: flagged checks first, one table per section, severities as badges.

    Explanations are shown whole and wrapped; on a narrow screen each check becomes a card.

    >>> card = pd.DataFrame({"label": ["Sources"], "value": [21.0], "severity": ["info"], "explanation": ["ok"]})
    >>> html = card_html(card, css=False); html.count("<table"), ">21<" in html
    (1, True)
    """
    cols = set(card.columns)
    if not {"label", "severity", "explanation"} <= cols:
        return table_html(card, css=css)  # an unfamiliar scorecard: show it as it is, escaped
    result = "shown" if "shown" in cols else "value"
    columns = {"label": "Check", result: "Result", "severity": "Level", "explanation": "What it means"}
    if "detail" in cols:
        columns["detail"] = "Found"
    counts = card["severity"].value_counts()
    tally = " ".join(
        f"{severity(sev)} {int(counts[sev])}" for sev in reversed(SEVERITIES) if sev in counts  # worst first
    )
    parts = [_STYLE] if css else []
    parts += [f'<p class="tk-note">{tally}</p>'] if tally else []
    # What needs a reader's attention first; the checks that found nothing to flag fold away.
    flagged = card["severity"].isin(FLAGGED)
    if flagged.any():
        parts.append(_card_tables(card[flagged], columns, css))
    if (~flagged).any():
        rest = _card_tables(card[~flagged], columns, css)
        if flagged.any():
            rest = f"<details><summary>{int((~flagged).sum())} more checks (info)</summary>{rest}</details>"
        parts.append(rest)
    return "".join(parts)


def scorecard_html(analysis: Any, article_id: str) -> HTML:
    """Return an article's scorecard styled for people, to display in a notebook or an app.

    >>> import toolkit
    >>> a = toolkit.analyze("Storm hits town\\nThe mayor said the storm hit the town on Monday.")
    >>> "What it means" in scorecard_html(a, a.articles.article_id[0]).data
    True
    """
    return HTML(f'<div class="tk-scorecard">{card_html(scorecard(analysis, article_id))}</div>')
