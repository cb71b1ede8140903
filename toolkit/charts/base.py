"""What every chart module shares: the claims frame, grouping labels, axes, titles and sizing.

>>> claims_frame(pd.DataFrame({"article_id": ["a"], "claim_id": [0], "agentless": [True]}))["source"].tolist()
['no source given']
"""

from __future__ import annotations

from typing import Any, TypeAlias

import altair as alt
import pandas as pd

from ..analysis import Analysis
from ..palette import NO_SOURCE, SOURCE_CLASS_COLORS
from ..types import AGENTLESS, SourceClass, conform, source_class

__all__ = [
    "LABEL_LIMIT",
    "NO_AFFILIATION",
    "PLAIN_WIDTH",
    "TOTAL_WIDTH",
    "WEAK",
    "WIDTH",
    "Data",
    "class_order",
    "claims_frame",
    "clip",
    "count_axis",
    "fit",
    "group_labels",
    "has_groups",
    "join_items",
    "label_axis",
    "legend",
    "need_analysis",
    "rank",
    "responsive",
    "single_article",
    "subset",
    "text_or_none",
    "title",
]

Data: TypeAlias = Analysis | pd.DataFrame

NO_AFFILIATION = "(none stated)"
# Every chart is at most TOTAL_WIDTH px wide, labels included: that fits JupyterLab's notebook at
# a 1024 px window with the file browser open (584 px measured, less vega-embed's 38 px gutter for
# its actions menu).  A width="container" chart is no option in a notebook cell: vega-embed wraps
# it in an inline-block that takes the chart's own width plus that gutter, so every resize grows
# it again (JupyterLab 4 froze and the tab crashed, tested).  The report, which owns its page's
# CSS, makes charts follow their card with responsive(); fit() gives a chart any fixed width.
TOTAL_WIDTH = 540
# Category labels (speaker names, article titles) are cut at this many px; longer names show in
# full in the tooltip.
LABEL_LIMIT = 160
# The y axis's title, ticks and padding beside the labels.
AXIS_ROOM = 45
# The plot's width when category labels sit beside it, and when only numbers do.
WIDTH = TOTAL_WIDTH - LABEL_LIMIT - AXIS_ROOM
PLAIN_WIDTH = TOTAL_WIDTH - 60
TIP_CHARS = 280
# The classes a reader cannot check: nobody identifiable stands behind the claim.
WEAK: tuple[SourceClass, ...] = ("anonymous", "vague", AGENTLESS)
# Responsive (in the report): labels take at most LABEL_SHARE of the width, within these bounds.
LABEL_SHARE = 0.35
LABEL_MAX = 260
LABEL_MIN = 80
# One legend column per this many px of width: entries ("named person") are ~130 px wide.
LEGEND_COLUMN_PX = 150
# Vega's containerSize() is NaN or 0 where nothing measurable holds the chart: then TOTAL_WIDTH.
_CONTAINER_PX = (f"(isFinite(containerSize()[0]) && containerSize()[0] > 0 ? containerSize()[0] "
                 f": {TOTAL_WIDTH})")


def text_or_none(value: Any) -> str | None:
    """Return ``value`` as a stripped string, or None for nulls and blanks.

    >>> text_or_none("  x "), text_or_none(float("nan")), text_or_none("")
    ('x', None, None)
    """
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return None
    text = str(value).strip()
    return text or None


def clip(text: Any, n: int = TIP_CHARS) -> str:
    """Return ``text`` cut to at most ``n`` characters with an ellipsis (for tooltips and labels).

    The cut falls at a word boundary (a label never ends in half a word, "partn…"); a single
    word longer than ``n`` is cut inside it.

    >>> clip("abcdef", 4), clip("drone deal, says minister", 20)
    ('abc…', 'drone deal, says…')
    """
    s = text_or_none(text) or ""
    if len(s) <= n:
        return s
    cut = s[: n - 1]
    if not s[n - 1].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–—") + "…"


def join_items(items: Any) -> str:
    """Return a list as "a, b" (a string as it is, None as "").

    >>> join_items(["may", "reportedly"]), join_items(None)
    ('may, reportedly', '')
    """
    if items is None or isinstance(items, str):
        return items or ""
    return ", ".join(str(i) for i in items)


def need_analysis(data: Data, what: str) -> Analysis:
    """Return ``data`` if it is an Analysis; charts that read several tables raise TypeError otherwise.

    >>> need_analysis(Analysis(), "x").claims.empty
    True
    """
    if isinstance(data, Analysis):
        return data
    raise TypeError(f"{what} needs an Analysis (it reads several tables), got {type(data).__name__}")


def _speaker_rows(speakers: pd.DataFrame | None) -> dict[tuple[str, int], dict[str, Any]]:
    if speakers is None or not len(speakers):
        return {}
    return {(str(r["article_id"]), int(r["speaker_id"])): r for r in speakers.to_dict("records")}


def claims_frame(data: Data, article_id: str | None = None) -> pd.DataFrame:
    """Return the claims (of one article, or all) with a display ``source`` and ``source_class``.

    Speaker names and kinds missing from ``claims`` are filled from ``speakers``; claims
    without a speaker get the source class "agentless".

    >>> df = pd.DataFrame({"article_id": ["a"], "claim_id": [0], "content_text": ["x"], "agentless": [True]})
    >>> claims_frame(df)[["source", "source_class"]].values.tolist()
    [['no source given', 'agentless']]
    """
    if isinstance(data, Analysis):
        claims, speakers = data.claims, data.speakers
    else:
        claims, speakers = conform(data, "claims"), None
    if article_id is not None:
        claims = claims[claims["article_id"] == article_id]
        if speakers is not None:
            speakers = speakers[speakers["article_id"] == article_id]
    claims = claims.copy()
    names = _speaker_rows(speakers)
    # A speakers table written before `resolved` was filled reads all-False: then nothing is known
    # to be unresolved.
    filled = speakers is not None and "resolved" in speakers and bool(speakers["resolved"].any())
    source, kind, klass, affiliation, keys, resolved = [], [], [], [], [], []
    for row in claims.to_dict("records"):
        sid = row.get("speaker_id")
        spk = names.get((str(row["article_id"]), int(sid))) if text_or_none(sid) is not None else None
        name = (text_or_none(row.get("speaker_name")) or (text_or_none(spk["name"]) if spk else None)
                or text_or_none(row.get("speaker_text")))
        k = text_or_none(row.get("speaker_kind")) or (text_or_none(spk["kind"]) if spk else None)
        agentless = bool(row.get("agentless")) or k == AGENTLESS or (name is None and k is None and text_or_none(sid) is None)
        if agentless:
            name, k = NO_SOURCE, AGENTLESS
        source.append(name or "(unnamed)")
        kind.append(k or "unknown")
        given = text_or_none(row.get("source_class"))  # set by the literacy layer, which knows `named`
        klass.append(given or source_class(k, anonymous=bool(row.get("anonymous")), agentless=agentless))
        affiliation.append((text_or_none(spk.get("affiliation")) if spk else None) or NO_AFFILIATION)
        keys.append(text_or_none(spk.get("speaker_key")) if spk else None)
        resolved.append(agentless or not (filled and spk is not None and spk.get("resolved") is False))
    claims["source"] = source
    claims["kind"] = kind
    claims["source_class"] = klass
    claims["affiliation"] = affiliation
    claims["speaker_key"] = pd.Series(keys, index=claims.index, dtype="object")
    claims["resolved"] = pd.Series(resolved, index=claims.index, dtype=bool)
    return claims


def class_order(values: Any) -> dict[str, int]:
    """Return each source class's place in the palette's order (stacking order of the bars).

    >>> class_order(["anonymous", "named person"])["named person"] < class_order(["anonymous"])["anonymous"]
    True
    """
    order = list(SOURCE_CLASS_COLORS)
    return {v: order.index(v) if v in order else len(order) for v in values}


def rank(domain: str, values: Any) -> dict[str, int]:
    """Return each value's place in a palette domain's order.

    >>> rank("source_class", ["named person"])
    {'named person': 0}
    """
    from ..palette import domain_colors

    dom, _ = domain_colors(domain, values)
    return {v: i for i, v in enumerate(dom)}


def count_axis(max_value: Any, *, dense: int = 12, **kw: Any) -> alt.Axis:
    """Return an axis for counts with whole-number ticks only (Vega would otherwise tick 0.5 claims).

    >>> count_axis(2).to_dict()["values"]
    [0, 1, 2]
    """
    top = int(max_value) if max_value is not None and not pd.isna(max_value) else 0
    if top <= dense:
        return alt.Axis(values=list(range(0, top + 1)), format="d", **kw)
    return alt.Axis(format="d", tickMinStep=1, **kw)


def label_axis(**kw: Any) -> alt.Axis:
    """Return a category axis whose labels are cut at LABEL_LIMIT px.

    >>> label_axis().to_dict()["labelLimit"]
    160
    """
    return alt.Axis(labelLimit=LABEL_LIMIT, **kw)


def legend(**kw: Any) -> alt.Legend:
    """Return a legend below the chart, in as many columns as TOTAL_WIDTH holds.

    A legend on the right would take ~130 px a narrow screen does not have.

    >>> legend().to_dict()["orient"], legend().to_dict()["columns"]
    ('bottom', 3)
    """
    return alt.Legend(orient="bottom", columns=TOTAL_WIDTH // LEGEND_COLUMN_PX, **kw)


def fit(chart: alt.Chart, width: int) -> alt.Chart:
    """Return ``chart`` drawn exactly ``width`` px wide, labels and legend included.

    For a chart shown on its own: composed charts (``alt.vconcat``) cannot carry ``autosize``.

    >>> c = fit(alt.Chart(pd.DataFrame({"x": [1]})).mark_bar().encode(x="x:Q"), 300).to_dict()
    >>> c["width"], c["autosize"]["type"]
    (300, 'fit-x')
    """
    return chart.properties(width=width, autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))


def responsive(spec: dict[str, Any]) -> dict[str, Any]:
    """Return a single-view Vega-Lite spec that fills its container's width, labels and legend included.

    Label limits and legend columns follow the container too.  For pages whose CSS gives the
    chart's element a definite width (the report); composed or faceted specs come back as they are.

    >>> spec = responsive({"mark": "bar", "width": 300, "encoding": {"y": {"axis": {"labelLimit": 160}}}})
    >>> spec["width"], spec["autosize"]["type"], "containerSize" in spec["encoding"]["y"]["axis"]["labelLimit"]["expr"]
    ('container', 'fit-x', True)
    """
    encoding = spec.get("encoding", {})
    if not ("mark" in spec or "layer" in spec) or "row" in encoding or "column" in encoding or "facet" in encoding:
        return spec
    if not isinstance(spec.get("width"), int | float):
        return spec  # a width in steps (one band per month) stays as it is
    out = {**spec, "width": "container", "autosize": {"type": "fit-x", "contains": "padding"}}
    limit = {"expr": f"clamp({LABEL_SHARE} * {_CONTAINER_PX}, {LABEL_MIN}, {LABEL_MAX})"}
    columns = {"expr": f"max(1, floor({_CONTAINER_PX} / {LEGEND_COLUMN_PX}))"}
    channels = {}
    for name, channel in encoding.items():
        channel = dict(channel) if isinstance(channel, dict) else channel
        if isinstance(channel, dict) and isinstance(channel.get("axis"), dict) and "labelLimit" in channel["axis"]:
            channel["axis"] = {**channel["axis"], "labelLimit": limit}
        if isinstance(channel, dict) and isinstance(channel.get("legend"), dict) and "columns" in channel["legend"]:
            channel["legend"] = {**channel["legend"], "columns": columns}
        channels[name] = channel
    out["encoding"] = channels
    return out


def title(text: str, subtitle: str | list[str] | None = None) -> alt.TitleParams:
    """Return a left-aligned chart title with an optional subtitle.

    >>> title("T", "s").to_dict()["anchor"]
    'start'
    """
    return alt.TitleParams(text, subtitle=subtitle or "", anchor="start")


def single_article(analysis: Analysis | pd.DataFrame, article_id: str | None, what: str) -> str:
    """Return ``article_id``, or the only article's id; ValueError when several articles leave it open.

    >>> single_article(pd.DataFrame({"article_id": ["a", "a"]}), None, "x")
    'a'
    """
    ids = analysis["article_id"] if isinstance(analysis, pd.DataFrame) else analysis.articles["article_id"]
    if article_id is not None:
        return article_id
    unique = pd.unique(ids.dropna())
    if len(unique) == 1:
        return str(unique[0])
    raise ValueError(
        f"{what} shows one article; pass article_id= (this data holds {len(unique)} articles)"
    )


def group_labels(analysis: Analysis, by: str) -> tuple[pd.Series, str]:
    """Map article_id -> group label for ``by`` (an articles column, 'article', 'month' or 'topic').

    >>> group_labels(Analysis(), "article")[1]
    'Article'
    """
    arts = analysis.articles
    if by == "article":
        titles = [(text_or_none(t) or aid) for aid, t in zip(arts["article_id"], arts["title"], strict=True)]
        dup = {t for t in titles if titles.count(t) > 1}
        labels = [
            (clip(t, 70) + (f" [{aid}]" if t in dup else ""))
            for aid, t in zip(arts["article_id"], titles, strict=True)
        ]
        return pd.Series(labels, index=arts["article_id"].astype(str)), "Article"
    if by == "month":
        month = pd.to_datetime(arts["published"], utc=True, errors="coerce").dt.strftime("%Y-%m")
        return pd.Series(month.values, index=arts["article_id"].astype(str)), "Month"
    column = by
    if by == "topic" and "topic" not in arts.columns:
        column = "section"
    if column not in arts.columns:
        raise ValueError(f"articles have no {by!r} column; available: {', '.join(map(str, arts.columns))}")
    values = [text_or_none(v) for v in arts[column]]
    return pd.Series(values, index=arts["article_id"].astype(str)), by.capitalize()


def has_groups(analysis: Analysis, by: str) -> bool:
    """Return whether any article has a value to group by ``by``.

    >>> has_groups(Analysis(), "outlet")
    False
    """
    try:
        labels, _ = group_labels(analysis, by)
    except ValueError:
        return False
    return bool(labels.notna().any())


def subset(analysis: Analysis, article_id: str) -> Analysis:
    """Return the analysis of one article (every table filtered; no copy of the other articles).

    >>> len(subset(Analysis(), "x").articles)
    0
    """
    # The tables already have their schema, so skip Analysis() re-conforming them (costly per article).
    sub = Analysis.__new__(Analysis)
    sub.tables = {
        name: df[df["article_id"] == article_id].reset_index(drop=True) if "article_id" in df else df
        for name, df in analysis.tables.items()
    }
    return sub
