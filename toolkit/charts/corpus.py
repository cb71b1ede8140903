"""Charts across articles (sourcing mix, anonymity share) and the chart sets a report shows.

>>> sorted(article_charts(Analysis(), "none"))
[]
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from ..analysis import Analysis
from ..palette import color_scale
from .article import claim_map, cue_verbs, hedges_per_paragraph
from .base import (
    NO_AFFILIATION,
    WEAK,
    WIDTH,
    Data,
    claims_frame,
    class_order,
    group_labels,
    has_groups,
    label_axis,
    legend,
    need_analysis,
    subset,
    title,
)
from .voices import voices

__all__ = ["anonymity_share", "article_charts", "corpus_charts", "corpus_views", "sourcing_mix"]



def _share_tooltip(label: str) -> list[alt.Tooltip]:
    """Return the tooltip of a bar of source-class shares in a group (``label`` names the group)."""
    return [
        alt.Tooltip("group:N", title=label),
        alt.Tooltip("source_class:N", title="Source"),
        alt.Tooltip("claims:Q", title="Claims"),
        alt.Tooltip("share:Q", title="Share", format=".0%"),
        alt.Tooltip("total:Q", title="All claims"),
    ]

def sourcing_mix(data: Data, *, by: str = "article", top: int = 40) -> alt.Chart:
    """Stacked bars: the share of claims from each source class, one bar per article or group.

    ``by`` is "article", "corpus" (one bar), "outlet", "section", "topic", "month" or any
    articles column.  With a claims DataFrame only "article" and "corpus" work.

    >>> df = pd.DataFrame({"article_id": ["a"] * 2, "claim_id": [0, 1], "content_text": ["x", "y"],
    ...                    "speaker_kind": ["person", "anonymous"], "anonymous": [False, True]})
    >>> sorted(r["source_class"] for r in sourcing_mix(df).to_dict()["datasets"].popitem()[1])
    ['anonymous', 'named person']
    """
    claims, label = _grouped_claims(data, by)
    n_missing = int(claims["group"].isna().sum())
    claims = claims[claims["group"].notna()]
    agg = claims.groupby(["group", "source_class"], as_index=False).agg(claims=("claim_id", "size"))
    totals = agg.groupby("group")["claims"].sum()
    agg["total"] = agg["group"].map(totals)
    agg["share"] = agg["claims"] / agg["total"]
    agg["order"] = agg["source_class"].map(class_order(agg["source_class"]))
    if by == "month":
        keep = sorted(totals.index)[-top:]
    else:
        keep = list(totals.sort_values(ascending=False, kind="stable").index[:top])
        if by == "article" and isinstance(data, Analysis):
            position = {g: i for i, g in enumerate(claims["group"].drop_duplicates())}
            keep.sort(key=lambda g: position.get(g, 0))
    agg = agg[agg["group"].isin(keep)]
    notes = _sourcing_notes(data, by, totals, keep, n_missing)
    chart = alt.Chart(
        agg[["group", "source_class", "claims", "total", "share", "order"]],
        title=title("Sourcing mix: who the claims come from", "; ".join(notes)),
    ).mark_bar()
    share = alt.X(
        "share:Q", title="Share of claims", stack="zero", scale=alt.Scale(domain=[0, 1]),
        axis=alt.Axis(format="%"),
    )
    color = alt.Color("source_class:N", title="Source", scale=color_scale("source_class", agg["source_class"]),
                      legend=legend())
    tooltip = _share_tooltip(label)
    return chart.encode(
        x=share,
        # One bar per article needs no axis title (and long titles would run into it).
        y=alt.Y("group:N", title=None if by in ("article", "corpus") else label, sort=keep, axis=label_axis()),
        color=color,
        order=alt.Order("order:Q"),
        tooltip=tooltip,
    ).properties(width=WIDTH, height=alt.Step(22))


def _grouped_claims(data: Data, by: str) -> tuple[pd.DataFrame, str]:
    """Return the claims frame with a ``group`` column for ``by``, and the group's axis label."""
    claims = claims_frame(data)
    if by == "corpus":
        claims["group"] = "All articles"
        return claims, "Corpus"
    if isinstance(data, Analysis) and len(data.articles):
        groups, label = group_labels(data, by)
        claims["group"] = claims["article_id"].astype(str).map(groups)
        return claims, label
    if by == "article":
        claims["group"] = claims["article_id"].astype(str)
        return claims, "Article"
    raise TypeError(f"sourcing_mix by={by!r} needs an Analysis (it reads the articles table)")


def _sourcing_notes(data: Data, by: str, totals: pd.Series, keep: list[Any], n_missing: int) -> list[str]:
    """Return the subtitle notes: claim count, and what the chart leaves out."""
    notes = [f"{int(totals.sum())} claims"]
    if len(totals) > len(keep):
        notes.append(f"{len(keep)} of {len(totals)} groups with the most claims shown")
    if n_missing:
        notes.append(f"{n_missing} claims without a {by} value not shown")
    if isinstance(data, Analysis) and by == "article":
        silent = len(data.articles) - len(totals)
        if silent > 0:
            notes.append(f"{silent} article(s) without claims not shown")
    return notes


def _weak_shares(analysis: Analysis, by: str) -> tuple[pd.DataFrame, pd.Series, pd.Series, str]:
    """Per group and weak source class: claims, the group's total and articles, the share."""
    groups, label = group_labels(analysis, by)
    claims = claims_frame(analysis)
    claims["group"] = claims["article_id"].astype(str).map(groups)
    claims = claims[claims["group"].notna()]
    totals = claims.groupby("group").size()
    articles = groups.dropna().groupby(groups.dropna()).size()
    weak = claims[claims["source_class"].isin(WEAK)]
    agg = weak.groupby(["group", "source_class"], as_index=False).size().rename(columns={"size": "claims"})
    # Groups without any weak sourcing still get a (zero) bar: absence is a finding too.
    clean = [g for g in totals.index if g not in set(agg["group"])]
    zero = pd.DataFrame({"group": clean, "source_class": "anonymous", "claims": 0})
    agg = pd.concat([agg, zero], ignore_index=True) if clean else agg
    agg["total"] = agg["group"].map(totals)
    agg["articles"] = agg["group"].map(articles)
    agg["share"] = agg["claims"] / agg["total"]
    agg["order"] = agg["source_class"].map(class_order(agg["source_class"]))
    return agg, totals, articles, label


def anonymity_share(data: Data, *, by: str = "outlet", top: int = 40) -> alt.Chart:
    """Stacked bars of the share of claims from anonymous, vague and no sources, per group.

    ``by`` is "outlet", "section", "topic" (the ``topic`` column, else ``section``), "month"
    (from ``published``) or any articles column.  Raises ValueError when that column is absent
    or empty.

    >>> anonymity_share(Analysis())
    Traceback (most recent call last):
    ValueError: anonymity_share: the articles have no 'outlet' values to group by
    """
    analysis = need_analysis(data, "anonymity_share")
    if not has_groups(analysis, by):
        raise ValueError(f"anonymity_share: the articles have no {by!r} values to group by")
    agg, totals, articles, label = _weak_shares(analysis, by)
    keep = sorted(totals.index)[-top:] if by == "month" else list(totals.sort_values(ascending=False, kind="stable").index[:top])
    agg = agg[agg["group"].isin(keep)]
    sub = f"{int(totals.sum())} claims in {int(articles.sum())} articles"
    if len(totals) > len(keep):
        sub += f"; {len(keep)} of {len(totals)} groups shown"
    vertical = by == "month"
    group_enc = (alt.X if vertical else alt.Y)("group:N", title=label, sort=keep,
                                               axis=alt.Axis(labelLimit=120) if vertical else label_axis())
    share_enc = (alt.Y if vertical else alt.X)(
        "share:Q", title="Share of all claims", stack="zero", axis=alt.Axis(format="%")
    )
    chart = alt.Chart(
        agg[["group", "source_class", "claims", "total", "articles", "share", "order"]],
        title=title(f"Anonymous, vague and unsourced claims by {by}", sub),
    ).mark_bar()
    return chart.encode(
        **{"x": group_enc, "y": share_enc} if vertical else {"y": group_enc, "x": share_enc},
        color=alt.Color("source_class:N", title="Source", scale=color_scale("source_class", WEAK), legend=legend()),
        order=alt.Order("order:Q"),
        tooltip=[*_share_tooltip(label), alt.Tooltip("articles:Q", title="Articles")],
    ).properties(
        width=WIDTH if not vertical else alt.Step(28), height=alt.Step(22) if not vertical else 220
    )


# ---------------------------------------------------------------- chart sets for reports


def corpus_views(analysis: Analysis) -> dict[str, alt.Chart]:
    """Return the anonymity charts for every grouping the articles support (outlet, section/topic, month).

    >>> corpus_views(Analysis())
    {}
    """
    out: dict[str, alt.Chart] = {}
    if analysis.claims.empty:
        return out
    for by in ("outlet", "topic", "section", "month"):
        if by == "topic" and "topic" not in analysis.articles.columns:
            continue
        if has_groups(analysis, by):
            out[f"anonymity_by_{by}"] = anonymity_share(analysis, by=by)
    return out


def article_charts(analysis: Analysis, article_id: str) -> dict[str, alt.Chart]:
    """Return the charts of one article, by name; charts that need claims are left out when it has none.

    >>> article_charts(Analysis(), "x")
    {}
    """
    out: dict[str, alt.Chart] = {}
    has_claims = bool((analysis.claims["article_id"] == article_id).any())
    if has_claims:
        out["voices"] = voices(analysis, article_id=article_id)
        claims = claims_frame(analysis, article_id)
        if (claims["affiliation"] != NO_AFFILIATION).any():
            out["voices_by_affiliation"] = voices(analysis, article_id=article_id, by="affiliation")
        out["sourcing_mix"] = sourcing_mix(subset(analysis, article_id), by="article")
        out["claim_map"] = claim_map(analysis, article_id=article_id)
        out["cue_verbs"] = cue_verbs(analysis, article_id=article_id)
    if (analysis.sentences["article_id"] == article_id).any():
        out["hedges_per_paragraph"] = hedges_per_paragraph(analysis, article_id=article_id)
    return out


def corpus_charts(analysis: Analysis, *, top: int = 40) -> dict[str, alt.Chart]:
    """Return the corpus-level charts by name (empty when there are no claims).

    >>> corpus_charts(Analysis())
    {}
    """
    out: dict[str, alt.Chart] = {}
    if analysis.claims.empty:
        return out
    out["sourcing_mix_corpus"] = sourcing_mix(analysis, by="corpus")
    out["sourcing_mix_by_article"] = sourcing_mix(analysis, by="article", top=top)
    if has_groups(analysis, "outlet"):
        out["sourcing_mix_by_outlet"] = sourcing_mix(analysis, by="outlet", top=top)
    out["voices"] = voices(analysis, top=min(top, 25))
    out["voices_by_affiliation"] = voices(analysis, by="affiliation", top=top, unstated=False)
    out["cue_verbs"] = cue_verbs(analysis, top=top)
    out.update(corpus_views(analysis))
    return out
