"""Charts of one article's claims: the claim map, cue verbs by stance, hedges per paragraph.

>>> df = pd.DataFrame({"article_id": ["a"], "claim_id": [0], "sentence_id": [0], "content_text": ["x"]})
>>> claim_map(df).to_dict()["width"] == WIDTH
True
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..analysis import Analysis
from ..palette import HIGHLIGHT_COLORS, STANCE_SHAPES, color_scale
from .base import (
    PLAIN_WIDTH,
    WIDTH,
    Data,
    claims_frame,
    clip,
    count_axis,
    join_items,
    label_axis,
    legend,
    need_analysis,
    rank,
    single_article,
    text_or_none,
    title,
)

__all__ = ["claim_map", "cue_verbs", "hedges_per_paragraph"]


def _claim_rows(data: Data, aid: str) -> tuple[pd.DataFrame, int]:
    """One row per claim of ``aid`` (what the map's tooltip shows), and the article's sentence count."""
    claims = claims_frame(data, aid).sort_values(["sentence_id", "claim_id"])
    roles: dict[int, str] = {}
    n_sentences = int(claims["sentence_id"].max()) + 1 if len(claims) else 1
    if isinstance(data, Analysis):
        sents = data.sentences[data.sentences["article_id"] == aid]
        roles = dict(zip(sents["sentence_id"].astype(int), sents["role"].astype(str), strict=True))
        n_sentences = max(n_sentences, len(sents))
    rows = pd.DataFrame(
        {
            "claim_id": claims["claim_id"].astype(int),
            "sentence_id": claims["sentence_id"].astype(int),
            "role": [roles.get(int(s), "") for s in claims["sentence_id"]],
            "source": claims["source"],
            "stance": [(text_or_none(s) or "other") for s in claims["stance"]],
            "cue": [(text_or_none(c) or "") for c in claims["cue_text"]],
            "quote_type": [(text_or_none(q) or "") for q in claims["quote_type"]],
            "hedges": [join_items(h) for h in claims["hedges"]],
            "content": [clip(c) for c in claims["content_text"]],
        }
    )
    return rows, n_sentences


def claim_map(data: Data, *, article_id: str | None = None) -> alt.Chart:
    """One mark per claim: position in the article (sentence) × speaker, colour and shape by stance.

    >>> df = pd.DataFrame({"article_id": ["a"], "claim_id": [0], "sentence_id": [3], "content_text": ["x"],
    ...                    "speaker_name": ["Ann Lee"], "stance": ["deny"]})
    >>> claim_map(df).to_dict()["encoding"]["x"]["field"]
    'sentence_id'
    """
    aid = single_article(data.claims if isinstance(data, Analysis) else data, article_id, "claim_map")
    rows, n_sentences = _claim_rows(data, aid)
    order = list(rows["source"].drop_duplicates())
    stances = [s for s in STANCE_SHAPES if s in set(rows["stance"])] + sorted(
        set(rows["stance"]) - set(STANCE_SHAPES)
    )
    return (
        alt.Chart(
            rows,
            title=title("Claim map: who claims what, where in the article", f"{len(rows)} claims; hover a mark to read it"),
        )
        .mark_point(size=140, filled=True, opacity=0.9)
        # People count claims from 1 (as on the cards and in the tables); claim_id keeps its meaning.
        .transform_calculate(claim="datum.claim_id + 1")
        .encode(
            x=alt.X(
                "sentence_id:Q", title="Position in the article (sentence number)",
                scale=alt.Scale(domain=[0, max(n_sentences - 1, 1)], padding=12),
                axis=count_axis(n_sentences - 1, dense=30),
            ),
            y=alt.Y("source:N", title="Speaker", sort=order, axis=label_axis()),
            color=alt.Color("stance:N", title="Stance", scale=color_scale("stance", rows["stance"]), legend=legend()),
            shape=alt.Shape(
                "stance:N", title="Stance",
                scale=alt.Scale(domain=stances, range=[STANCE_SHAPES.get(s, "circle") for s in stances]),
            ),
            tooltip=[
                alt.Tooltip("claim:Q", title="Claim"),
                alt.Tooltip("sentence_id:Q", title="Sentence"),
                alt.Tooltip("role:N", title="Where"),
                alt.Tooltip("source:N", title="Speaker"),
                alt.Tooltip("cue:N", title="Cue"),
                alt.Tooltip("stance:N", title="Stance"),
                alt.Tooltip("quote_type:N", title="Quote"),
                alt.Tooltip("hedges:N", title="Hedges"),
                alt.Tooltip("content:N", title="Content"),
            ],
        )
        .properties(width=WIDTH, height=alt.Step(24))
    )


def cue_verbs(data: Data, *, article_id: str | None = None, top: int = 30) -> alt.Chart:
    """Bar chart of cue verbs ("said", "claimed", "admitted"), grouped and coloured by stance class.

    >>> df = pd.DataFrame({"article_id": ["a"] * 2, "claim_id": [0, 1], "content_text": ["x", "y"],
    ...                    "cue_lemma": ["say", "claim"], "cue_stance": ["neutral", "doubting"]})
    >>> cue_verbs(df).to_dict()["encoding"]["y"]["sort"]
    ['say', 'claim']
    """
    claims = claims_frame(data, article_id)
    cue = [(text_or_none(lemma) or (text_or_none(text) or "(no cue)").lower())
           for lemma, text in zip(claims["cue_lemma"], claims["cue_text"], strict=True)]
    klass = [(text_or_none(s) or "unclassified") for s in claims["cue_stance"]]
    df = pd.DataFrame({"cue": cue, "cue_stance": klass})
    agg = df.groupby(["cue", "cue_stance"], as_index=False).size().rename(columns={"size": "claims"})
    agg["rank"] = agg["cue_stance"].map(rank("cue_stance", agg["cue_stance"]))
    agg = agg.sort_values(["rank", "claims", "cue"], ascending=[True, False, True], kind="stable")
    totals = agg.groupby("cue", sort=False)["claims"].sum()
    keep = list(totals.sort_values(ascending=False, kind="stable").index[:top])
    agg = agg[agg["cue"].isin(keep)]
    order = list(agg["cue"].drop_duplicates())
    sub = f"{int(totals.sum())} claims, {len(totals)} different cues"
    if len(totals) > len(keep):
        sub += f" ({len(totals) - len(keep)} rarer cues not shown)"
    return (
        alt.Chart(agg[["cue", "cue_stance", "claims"]], title=title("How claims are reported: cue verbs by stance class", sub))
        .mark_bar()
        .encode(
            x=alt.X("claims:Q", title="Claims", axis=count_axis(totals.max() if len(totals) else 0)),
            y=alt.Y("cue:N", title="Cue", sort=order, axis=label_axis()),
            color=alt.Color(
                "cue_stance:N", title="Stance of the cue", scale=color_scale("cue_stance", agg["cue_stance"]),
                legend=legend(),
            ),
            tooltip=[
                alt.Tooltip("cue:N", title="Cue"),
                alt.Tooltip("cue_stance:N", title="Stance class"),
                alt.Tooltip("claims:Q", title="Claims"),
            ],
        )
        .properties(width=WIDTH, height=alt.Step(20))
    )


def _hedges_found(analysis: Analysis, aid: str, para_of: dict[int, int]) -> tuple[list[tuple[int, str]], str]:
    """Return (paragraph, hedge) pairs from the markers, else from the claims, and which it was."""
    markers = analysis.markers
    markers = markers[(markers["article_id"] == aid) & (markers["kind"] == "hedge")]
    if len(markers):
        found = [(para_of.get(int(s), 0), str(t)) for s, t in zip(markers["sentence_id"], markers["text"], strict=True)]
        return found, "hedge markers"
    claims = analysis.claims[analysis.claims["article_id"] == aid]
    found = []
    for s, hedges in zip(claims["sentence_id"], claims["hedges"], strict=True):
        found.extend((para_of.get(int(s), 0), str(h)) for h in hedges or [])
    return found, "hedges attached to claims"


def _paragraph_rows(analysis: Analysis, aid: str) -> tuple[pd.DataFrame, int, str]:
    """One row per paragraph with its hedges; the number of hedges and where they came from."""
    sents = analysis.sentences[analysis.sentences["article_id"] == aid]
    para_of = dict(zip(sents["sentence_id"].astype(int), sents["paragraph_id"].astype(int), strict=True))
    found, origin = _hedges_found(analysis, aid, para_of)
    paras = (
        sents.groupby("paragraph_id", as_index=False)
        .agg(role=("role", "first"), words=("n_tokens", "sum"), start=("text", "first"))
        .sort_values("paragraph_id")
    )
    per: dict[int, list[str]] = {}
    for p, hedge in found:
        per.setdefault(int(p), []).append(hedge)
    paras["hedges"] = [len(per.get(p, [])) for p in paras["paragraph_id"]]
    paras["words_found"] = [", ".join(per.get(p, [])) for p in paras["paragraph_id"]]
    paras["per_100_tokens"] = [round(100 * h / w, 1) if w else 0.0 for h, w in zip(paras["hedges"], paras["words"], strict=True)]
    paras["start"] = [clip(t, 80) for t in paras["start"]]
    paras["paragraph"] = paras["paragraph_id"].astype(int) + 1
    return paras, len(found), origin


def hedges_per_paragraph(data: Data, *, article_id: str | None = None) -> alt.Chart:
    """Bar chart of hedge expressions ("reportedly", "may") per paragraph of one article.

    Hedges come from the ``markers`` table (kind "hedge"); an article without hedge markers
    falls back to the hedges listed on its claims.

    >>> from toolkit.types import frame
    >>> a = Analysis({"articles": pd.DataFrame({"article_id": ["a"], "text": ["T\\nIt may rain."]}),
    ...     "sentences": pd.DataFrame({"article_id": ["a", "a"], "sentence_id": [0, 1], "paragraph_id": [0, 1],
    ...         "role": ["headline", "body"], "start": [0, 2], "end": [1, 14], "text": ["T", "It may rain."]}),
    ...     "markers": pd.DataFrame({"article_id": ["a"], "sentence_id": [1], "kind": ["hedge"], "text": ["may"],
    ...         "start": [5], "end": [8]})})
    >>> [r["hedges"] for r in hedges_per_paragraph(a).to_dict()["datasets"].popitem()[1]]
    [0, 1]
    """
    analysis = need_analysis(data, "hedges_per_paragraph")
    aid = single_article(analysis.articles, article_id, "hedges_per_paragraph")
    paras, n_hits, origin = _paragraph_rows(analysis, aid)
    return (
        alt.Chart(
            paras[["paragraph", "role", "hedges", "words_found", "per_100_tokens", "start"]],
            title=title("Hedging: hedge words per paragraph", f"{n_hits} hedges ({origin}) in {len(paras)} paragraphs"),
        )
        .mark_bar(color=HIGHLIGHT_COLORS["hedge"][0])
        .encode(
            x=alt.X("paragraph:O", title="Paragraph (headline = 1)", axis=alt.Axis(labelAngle=0, labelOverlap=True)),
            y=alt.Y("hedges:Q", title="Hedges", axis=count_axis(paras["hedges"].max())),
            tooltip=[
                alt.Tooltip("paragraph:O", title="Paragraph"),
                alt.Tooltip("role:N", title="Role"),
                alt.Tooltip("hedges:Q", title="Hedges"),
                alt.Tooltip("words_found:N", title="Found"),
                alt.Tooltip("per_100_tokens:Q", title="Per 100 tokens"),
                alt.Tooltip("start:N", title="Paragraph starts"),
            ],
        )
        .properties(width=PLAIN_WIDTH, height=160)
    )
