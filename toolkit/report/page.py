"""The report page: summary, corpus charts, one section per article, errors; and writing it to a file."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd

from .. import charts as ch
from .. import literacy
from ..analysis import Analysis
from ..highlighter import SPAN_TYPES, highlight, highlight_css
from ..palette import SOURCE_CLASS_COLORS
from ..present import TABLE_CSS, WARNING, card_html, table_html
from ..types import AGENTLESS, SourceClass
from .cells import fig, pct, slug, swatch
from .vega import EMBED_JS, ChartPage, vega_bundle

__all__ = ["MAX_ARTICLES", "report_html", "scorecard_frame", "write_report"]

# Article sections beyond this make a page too long to read and slow to open (each has charts).
MAX_ARTICLES = 50
# Severities a reader should look at first; the rest fold away under "more checks".
_NAMED: SourceClass = "named person"
_ANONYMOUS: SourceClass = "anonymous"

_CSS = """
:root{color-scheme:light}
body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1a1a1a;background:#f6f6f4;margin:0}
main{max-width:1180px;margin:0 auto;padding:1em 1.5em 4em;box-sizing:border-box}
header.nc-top{background:#1f2a36;color:#fff;padding:1.2em 1.5em}
header.nc-top h1{margin:0;font-size:1.6em}header.nc-top p{margin:.3em 0 0;color:#d8dde3}
header.nc-top a{color:#cfe3ff}
section.nc-sec{background:#fff;border:1px solid #ddd;border-radius:6px;margin:1.2em 0;padding:.8em 1.2em}
section.nc-sec>h2{margin:.2em 0 .5em;font-size:1.3em}h3{font-size:1.05em;margin:1.1em 0 .4em}
.nc-figs{display:flex;flex-wrap:wrap;gap:.6em;margin:.5em 0}
.nc-fig{border:1px solid #ddd;border-radius:5px;padding:.4em .8em;min-width:7.5em;background:#fafafa}
.nc-fig b{display:block;font-size:1.4em}.nc-fig span{font-size:.8em;color:#444}
.nc-charts{display:block}
figure.nc-chart,figure.nc-chart.vega-embed{display:block;width:100%;max-width:60em;min-height:60px;margin:0 0 1.5em;
 box-sizing:border-box;overflow:hidden}
figure.nc-chart svg{max-width:100%;height:auto}
table.nc-table{border-collapse:collapse;width:100%;font-size:.85em;margin:.4em 0 .8em}
table.nc-table th,table.nc-table td{border-bottom:1px solid #e2e2e2;padding:.3em .45em;text-align:left;vertical-align:top}
table.nc-table th{background:#f0f0ee;position:sticky;top:0}
.nc-sev{display:inline-block;border-radius:3px;padding:0 .4em;font-size:.8em;font-weight:600;color:#fff}
.nc-sw{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:.3em;vertical-align:-.05em}
.nc-note{color:#555;font-size:.9em}
.nc-toc{columns:2;font-size:.9em}
nav.nc-nav a{margin-right:1em}
details>summary{cursor:pointer;color:#1f4e79}details ul{margin:.2em 0;padding-left:1.2em}
section.nc-sec{overflow-wrap:break-word;min-width:0}
@media (max-width:640px){main{padding:.5em .5em 3em}section.nc-sec{padding:.6em .7em}
 header.nc-top{padding:.8em}.nc-toc{columns:1}table.nc-table th{position:static}}
h4{margin:.8em 0 .2em;font-size:.95em;color:#333}
@media print{body{background:#fff}section.nc-sec{border:none;break-inside:avoid-page}header.nc-top{color:#000;background:#fff}}
"""


def scorecard_frame(analysis: Analysis, article_id: str) -> tuple[pd.DataFrame, str | None]:
    """Return the article's scorecard and a note when it had to fall back to the ``checks`` rows.

    Uses ``toolkit.scorecard`` (the literacy stage) when it is available and works.

    >>> df, note = scorecard_frame(Analysis(), "x")
    >>> len(df)
    0
    """
    note = None
    # Looked up at call time: a notebook (or a test) may replace or remove the literacy scorecard,
    # and the report then falls back to the checks rows rather than failing.
    fn: Any = getattr(literacy, "scorecard", None)
    if callable(fn):
        try:
            card = fn(analysis, article_id)
            if isinstance(card, pd.DataFrame):
                return card, None
            note = f"toolkit.scorecard returned {type(card).__name__}, not a DataFrame; showing the checks table"
        except Exception as exc:  # noqa: BLE001
            note = f"toolkit.scorecard failed ({type(exc).__name__}: {exc}); showing the checks table"
    checks = analysis.checks[analysis.checks["article_id"] == article_id]
    return checks[["label", "value", "severity", "explanation", "detail"]].reset_index(drop=True), note



def _summary(analysis: Analysis) -> str:
    claims = ch.claims_frame(analysis)
    n = len(claims)
    counts = claims["source_class"].value_counts()
    figs = [
        fig(len(analysis.articles), "articles"),
        fig(n, "claims"),
        fig(len(analysis.speakers), "speakers"),
        fig(pct(int(counts.get(_NAMED, 0)), n), "claims by named people"),
        fig(pct(int(counts.get(_ANONYMOUS, 0)), n), "claims by anonymous sources"),
        fig(pct(int(counts.get(AGENTLESS, 0)), n), "claims with no source"),
        fig(len(analysis.errors), "errors"),
    ]
    arts = analysis.articles
    per = claims.groupby("article_id")["source_class"].value_counts().unstack(fill_value=0)
    warn = analysis.checks[analysis.checks["severity"] == WARNING].groupby("article_id").size()
    rows = []
    for i, art in enumerate(arts.to_dict("records")):
        aid = str(art["article_id"])
        row = per.loc[aid] if aid in per.index else pd.Series(dtype=int)
        rows.append(
            {
                "i": i,
                "title": art.get("title") or aid,
                "outlet": art.get("outlet"),
                "published": None if pd.isna(art.get("published")) else str(pd.Timestamp(art["published"]).date()),
                "words": art.get("n_words"),
                "claims": int(row.sum()),
                "anonymous": int(row.get(_ANONYMOUS, 0)),
                "agentless": int(row.get(AGENTLESS, 0)),
                "warnings": int(warn.get(aid, 0)),
            }
        )
    listing = table_html(
        pd.DataFrame(rows), stack=True, css=False, cls="nc-table",
        columns={"title": "Article", "outlet": "Outlet", "published": "Published", "words": "Words",
         "claims": "Claims", "anonymous": "Anonymous", "agentless": "No source", "warnings": "Warnings"},
        raw={"title": lambda r: f'<a href="#article-{r["i"]}">{escape(str(r["title"]))}</a>'},
    ) if rows else ""
    key = " ".join(f'<span style="margin-right:1em">{swatch(k)}</span>' for k in SOURCE_CLASS_COLORS)
    return (
        '<section class="nc-sec" id="summary"><h2>Summary</h2>'
        f'<div class="nc-figs">{"".join(figs)}</div>'
        f'<p class="nc-note">Source colours used throughout: {key}</p>'
        f"{listing}</section>"
    )


def _claims_table(analysis: Analysis, article_id: str, prefix: str) -> str:
    claims = ch.claims_frame(analysis, article_id)
    if claims.empty:
        return '<p class="nc-note">No attributed claims were found in this article.</p>'
    sents = analysis.sentences[analysis.sentences["article_id"] == article_id]
    roles = dict(zip(sents["sentence_id"].astype(int), sents["role"].astype(str), strict=True))
    claims = claims.assign(where=[roles.get(int(s), "") for s in claims["sentence_id"]])

    def speaker(r: dict[str, Any]) -> str:
        text = r.get("speaker_text")
        shown = escape(str(r["source"]))
        if isinstance(text, str) and text and text != r["source"]:
            shown += f' <span class="nc-note">(“{escape(text)}”)</span>'
        return shown

    return table_html(
        claims, stack=True, css=False, cls="nc-table", wrap=("content_text", "explanations"),
        columns={"claim_id": "#", "where": "Where", "source": "Speaker", "source_class": "Source", "cue_text": "Cue",
         "stance": "Stance", "cue_stance": "Cue stance", "quote_type": "Quote", "content_text": "What is claimed",
         "hedges": "Hedges", "explanations": "Questions to ask"},
        raw={
            # People count claims from 1; the anchor keeps the claim_id the highlighter uses.
            "claim_id": lambda r: f'<a href="#{prefix}claim-{int(r["claim_id"])}">{int(r["claim_id"]) + 1}</a>',
            "source": speaker,
            "source_class": lambda r: swatch(str(r["source_class"])),
        },
    )


def _links_table(analysis: Analysis, article_id: str) -> str:
    links = analysis.links[analysis.links["article_id"] == article_id]
    if links.empty:
        return ""
    claims = ch.claims_frame(analysis, article_id).set_index("claim_id")

    def who(cid: Any) -> str:
        return str(claims.loc[int(cid), "source"]) if int(cid) in claims.index else "?"

    rows = pd.DataFrame(
        {
            "claim": [f"{int(c) + 1} ({who(c)})" for c in links["claim_id"]],
            "relation": links["relation"],
            "target": [f"{int(c) + 1} ({who(c)})" for c in links["target_claim_id"]],
            "score": links["score"],
        }
    )
    return "<h3>Denials and accusations</h3>" + table_html(
        rows, columns={"claim": "Claim", "relation": "Relation", "target": "Target claim", "score": "Score"},
        stack=True, css=False, cls="nc-table",
    )


def _article_section(full: Analysis, i: int, article_id: str, page: ChartPage) -> str:
    analysis = ch.subset(full, article_id)
    art = analysis.articles.iloc[0]
    prefix = f"a{i}-"
    claims = ch.claims_frame(analysis, article_id)
    counts = claims["source_class"].value_counts()
    gist = ", ".join(f"{int(v)} {k}" for k, v in counts.items())
    n_speakers = int((analysis.speakers["article_id"] == article_id).sum())
    intro = (
        f"{len(claims)} claim(s) from {n_speakers} speaker(s)" + (f": {gist}." if gist else ".")
    )
    card, note = scorecard_frame(analysis, article_id)
    parts = [
        f'<section class="nc-sec nc-article" id="article-{i}" data-article="{escape(article_id)}">',
        f"<h2>{escape(str(art.get('title') or article_id))}</h2>",
        f'<p class="nc-note">{escape(intro)}</p>',
        "<h3>Scorecard</h3>",
    ]
    if note:
        parts.append(f'<p class="nc-note">{escape(note)}</p>')
    if card.empty:
        parts.append('<p class="nc-note">No checks for this article.</p>')
    else:
        parts.append(card_html(card, css=False))
    article_charts = ch.article_charts(analysis, article_id)
    if article_charts:
        parts.append("<h3>Charts</h3>")
        parts.append(page.charts(article_charts, f"{i:03d}-{slug(article_id)}"))
    parts.append("<h3>The article, marked up</h3>")
    parts.append(highlight(analysis, article_id, show=SPAN_TYPES, css=False, anchor_prefix=prefix).html)
    parts.append("<h3>Claims</h3>")
    parts.append(_claims_table(analysis, article_id, prefix))
    parts.append(_links_table(analysis, article_id))
    errors = analysis.errors[analysis.errors["article_id"] == article_id]
    if len(errors):
        parts.append("<h3>Problems with this article</h3>")
        parts.append(table_html(errors, columns={"stage": "Stage", "level": "Level", "message": "Message"},
                                stack=True, css=False, cls="nc-table"))
    parts.append("</section>")
    return "\n".join(parts)


def _corpus_section(analysis: Analysis, page: ChartPage) -> str:
    corpus = ch.corpus_charts(analysis)
    if not corpus:
        return ""
    return f'<section class="nc-sec" id="corpus"><h2>Across the corpus</h2>\n{page.charts(corpus, "corpus")}\n</section>'


def _errors_section(analysis: Analysis) -> str:
    if not len(analysis.errors):
        return ""
    listing = table_html(analysis.errors, columns={"article_id": "Article", "source": "Input", "stage": "Stage",
                                                   "level": "Level", "message": "Message"},
                         stack=True, css=False, cls="nc-table")
    return f'<section class="nc-sec" id="errors"><h2>Errors and warnings</h2>\n{listing}\n</section>'


def _nav(analysis: Analysis, n_articles: int, n_shown: int) -> str:
    """Links to the page's sections, for the sections the page has."""
    return "".join(
        f'<a href="#{anchor}">{label}</a>'
        for anchor, label, present in (
            ("summary", "Summary", True),
            ("corpus", "Corpus", n_articles > 1 and len(analysis.claims) > 0),
            ("article-0", "Articles", n_shown > 0),
            ("errors", "Errors", len(analysis.errors) > 0),
        )
        if present
    )


def _document(title: str, header: str, body: list[str], *, charts: bool) -> str:
    """Return the page around ``body``, with the Vega scripts only when it holds charts."""
    return "\n".join(
        [
            "<!doctype html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>{_CSS}\n{TABLE_CSS}\n{highlight_css()}</style>",
            "</head><body>",
            f'<header class="nc-top"><h1>{escape(title)}</h1>{header}</header>',
            "<main>",
            *body,
            "</main>",
            f"<script>{vega_bundle()}</script>" if charts else "",
            f"<script>{EMBED_JS}</script>" if charts else "",
            "</body></html>",
        ]
    )


def report_html(
    analysis: Analysis,
    *,
    title: str = "News claims report",
    max_articles: int | None = MAX_ARTICLES,
    png_dir: str | Path | None = None,
) -> str:
    """Return the report as one HTML string (see :func:`write_report`).

    >>> html = report_html(Analysis())
    >>> html.startswith("<!doctype html>") and "0 article(s)" in html
    True
    """
    png = Path(png_dir) if png_dir is not None else None
    if png is not None:
        png.mkdir(parents=True, exist_ok=True)
    page = ChartPage(png)
    ids = [str(a) for a in analysis.articles["article_id"]]
    shown = ids if max_articles is None else ids[:max_articles]
    body = [_summary(analysis)]
    if len(ids) > 1:
        body.append(_corpus_section(analysis, page))
    if len(shown) < len(ids):
        body.append(
            f'<p class="nc-note">Article sections are shown for the first {len(shown)} of {len(ids)} articles '
            "(write_report(..., max_articles=None) includes all).</p>"
        )
    body.extend(_article_section(analysis, i, aid, page) for i, aid in enumerate(shown))
    body.append(_errors_section(analysis))
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    header = (
        f"<p>{len(ids)} article(s), {len(analysis.claims)} claim(s) · generated {stamp} · "
        f'<nav class="nc-nav" style="display:inline">{_nav(analysis, len(ids), len(shown))}</nav></p>'
    )
    return _document(title, header, [b for b in body if b], charts=bool(page.n))


def write_report(
    analysis: Analysis,
    path: str | Path,
    *,
    png_dir: str | Path | None = None,
    max_articles: int | None = MAX_ARTICLES,
    title: str = "News claims report",
) -> Path:
    """Write a self-contained HTML report and return its path.

    With ``png_dir``, every chart is also saved there as a PNG.  Only the first
    ``max_articles`` articles get their own section (``None``: all of them).

    >>> import tempfile, os
    >>> p = write_report(Analysis(), os.path.join(tempfile.mkdtemp(), "r.html"))
    >>> p.read_text(encoding="utf-8").count("<script")
    0
    """
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        report_html(analysis, title=title, max_articles=max_articles, png_dir=png_dir), encoding="utf-8"
    )
    return out

