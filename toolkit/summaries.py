"""Corpus summaries: the most-quoted speakers and the denials network, across many articles.

Speakers are per article in the ``speakers`` table; here they are grouped across articles by
their ``speaker_key`` (the normalised full name), else by their name ("the US", "US"), and a
bare surname ("Blair") joins the one full name that ends with it ("Tony Blair"), so a
researcher sees who gets quoted and who denies whom across a whole corpus.  The grouping is
:func:`toolkit.charts.group_keys`, the same the voices chart uses; pronouns the article never
ties to a source are not ranked, and nobody denies themselves. Tables come first; the network chart only
draws :func:`denial_edges`.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from .analysis import Analysis
from .charts import claims_frame
from .palette import color_scale
from .speaker_groups import display_name, group_keys, speaker_key, speaker_keys
from .types import AGENTLESS, Relation

__all__ = ["denial_edges", "denial_network", "most_quoted", "speaker_key", "speaker_keys"]

# Network layout: nodes on the unit circle, with room left and right for the labels.
_WIDTH, _HEIGHT, _XR, _YR = 640, 480, 2.4, 1.2
# Arrowheads 80% of the way along a line: clear of the target circle, which grows to ~14 px.
_ARROW_AT = 0.8


def most_quoted(analysis: Analysis, *, top: int = 20, include_agentless: bool = False) -> pd.DataFrame:
    """Return the speakers with the most claims across all articles.

    Columns: ``speaker`` (most frequent spelling), ``source_class``, ``claims``, ``articles``
    (number of articles quoting them), ``share`` (of all claims).

    >>> df = pd.DataFrame({"article_id": ["a", "b", "b"], "claim_id": [0, 0, 1], "content_text": ["x", "y", "z"],
    ...                    "speaker_name": ["the US", "US", "Ann Lee"], "speaker_kind": ["country", "country", "person"]})
    >>> most_quoted(Analysis({"claims": df}))[["speaker", "claims", "articles"]].values.tolist()
    [['the US', 2, 2], ['Ann Lee', 1, 1]]
    """
    claims = claims_frame(analysis)
    total = len(claims)
    if not include_agentless:
        claims = claims[claims["source_class"] != AGENTLESS]
    cols = ["speaker", "source_class", "claims", "articles", "share"]
    if claims.empty:
        return pd.DataFrame(columns=cols)
    claims = claims.assign(key=group_keys(claims))
    claims = claims[claims["key"].notna()]  # "unresolved: he" is nobody to rank
    out = claims.groupby("key").agg(
        source_class=("source_class", lambda s: s.value_counts().index[0]),
        claims=("claim_id", "size"),
        articles=("article_id", "nunique"),
    )
    out["speaker"] = [display_name(claims.loc[claims["key"] == k, "source"], k) for k in out.index]
    out["share"] = out["claims"] / total
    out = out.sort_values(["claims", "articles", "speaker"], ascending=[False, False, True], kind="stable")
    return out.reset_index(drop=True)[cols].head(top)


def denial_edges(analysis: Analysis, *, relations: tuple[Relation, ...] = ("denies",)) -> pd.DataFrame:
    """Return one row per link of the given relations: who denies whom, with both claims.

    Columns: ``article_id, claim_id, target_claim_id, relation, score, denier, denier_class,
    denied, denied_class, claim_text, target_text, denier_key, denied_key`` (speaker names as
    written in that article; the keys group them across articles, see
    :func:`toolkit.charts.group_keys`).  A speaker never denies themselves: such links are dropped.

    >>> denial_edges(Analysis()).columns.tolist()[:6]
    ['article_id', 'claim_id', 'target_claim_id', 'relation', 'score', 'denier']
    """
    cols = ["article_id", "claim_id", "target_claim_id", "relation", "score",
            "denier", "denier_class", "denied", "denied_class", "claim_text", "target_text", "denier_key", "denied_key"]
    links = analysis.links[analysis.links["relation"].isin(list(relations))]
    if links.empty:
        return pd.DataFrame(columns=cols)
    claims = claims_frame(analysis)
    claims = claims.assign(key=group_keys(claims))[["article_id", "claim_id", "source", "source_class", "content_text", "key"]]
    claims = claims.assign(article_id=claims["article_id"].astype(str))
    links = links.assign(article_id=links["article_id"].astype(str))
    src = claims.rename(columns={"source": "denier", "source_class": "denier_class", "content_text": "claim_text",
                                 "key": "a"})
    dst = claims.rename(
        columns={"claim_id": "target_claim_id", "source": "denied", "source_class": "denied_class",
                 "content_text": "target_text", "key": "b"}
    )
    out = links.merge(src, on=["article_id", "claim_id"], how="left").merge(
        dst, on=["article_id", "target_claim_id"], how="left"
    )
    # nobody denies themselves: a speaker revising their own claim is not a denial between two sides
    out = out[~(out["a"].notna() & (out["a"] == out["b"]))].rename(columns={"a": "denier_key", "b": "denied_key"})
    return out[cols].reset_index(drop=True)


def denial_network(analysis: Analysis, *, top: int = 30, relations: tuple[Relation, ...] = ("denies",)) -> alt.LayerChart:
    """Draw who denies whom across the corpus: speakers on a circle, a line per pair, arrow towards the denied.

    Line width is the number of denials between the pair; a node's size is the number of
    denials it makes plus receives; nodes are coloured by source class like every other chart.
    Only the ``top`` most involved speakers are drawn.

    >>> denial_network(Analysis()).to_dict()["layer"][0]["mark"]["type"]
    'rule'
    """
    edges = _keyed_edges(denial_edges(analysis, relations=relations))
    nodes = _network_nodes(edges, top)
    pairs = _network_pairs(edges, nodes)
    sub = f"{len(edges)} denials between {len(nodes)} speakers"
    return alt.layer(*_network_layers(nodes, pairs)).properties(
        width=_WIDTH, height=_HEIGHT,
        title=alt.TitleParams("Who denies whom", subtitle=f"{sub}; the thicker the line, the more denials", anchor="start"),
    )


def _keyed_edges(edges: pd.DataFrame) -> pd.DataFrame:
    """Denial edges whose two ends are known speakers, their keys in ``a`` (denier) and ``b`` (denied)."""
    edges = edges.dropna(subset=["denier_key", "denied_key"])
    return edges.assign(a=edges["denier_key"], b=edges["denied_key"])


def _network_nodes(edges: pd.DataFrame, top: int) -> pd.DataFrame:
    """Return the ``top`` most involved speakers, evenly spaced on the unit circle."""
    names = pd.concat([edges[["a", "denier"]].set_axis(["key", "name"], axis=1),
                       edges[["b", "denied"]].set_axis(["key", "name"], axis=1)])
    classes = pd.concat([edges[["a", "denier_class"]].set_axis(["key", "cls"], axis=1),
                         edges[["b", "denied_class"]].set_axis(["key", "cls"], axis=1)])
    degree = names.groupby("key").size().sort_values(ascending=False, kind="stable").head(top)
    keys = list(degree.index)
    n = max(len(keys), 1)
    return pd.DataFrame(
        {
            "key": keys,
            "speaker": [display_name(names.loc[names["key"] == k, "name"], k) for k in keys],
            "source_class": [classes.loc[classes["key"] == k, "cls"].value_counts().index[0] for k in keys],
            "denials": [int(degree[k]) for k in keys],
            "x": [math.cos(2 * math.pi * i / n) for i in range(len(keys))],
            "y": [math.sin(2 * math.pi * i / n) for i in range(len(keys))],
        },
        columns=["key", "speaker", "source_class", "denials", "x", "y"],
    )


def _network_pairs(edges: pd.DataFrame, nodes: pd.DataFrame) -> pd.DataFrame:
    """One row per (denier, denied) pair drawn: count, an example, both ends and the arrowhead."""
    keys = list(nodes["key"])
    pos = nodes.set_index("key")[["x", "y", "speaker"]]
    pairs = edges[edges["a"].isin(keys) & edges["b"].isin(keys)]
    pairs = pairs.groupby(["a", "b"], as_index=False).agg(count=("claim_id", "size"),
                                                           example=("claim_text", "first"))
    if len(pairs):
        pairs = pairs.join(pos, on="a").join(pos.rename(columns=lambda c: c + "2"), on="b")
        pairs = pairs.rename(columns={"speaker": "denier", "speaker2": "denied"})
    else:
        pairs = pd.DataFrame(columns=["denier", "denied", "count", "example", "x", "y", "x2", "y2"], dtype=float)
    # The arrowhead sits 80% of the way to the denied speaker, turned along the line.
    pairs["hx"] = pairs["x"] + _ARROW_AT * (pairs["x2"] - pairs["x"])
    pairs["hy"] = pairs["y"] + _ARROW_AT * (pairs["y2"] - pairs["y"])
    # Angles are on screen, where one unit of x and one of y differ in pixels.
    sx, sy = _WIDTH / (2 * _XR), _HEIGHT / (2 * _YR)
    pairs["angle"] = [
        math.degrees(math.atan2(dx * sx, dy * sy)) % 360
        for dx, dy in zip(pairs["x2"] - pairs["x"], pairs["y2"] - pairs["y"], strict=True)
    ]
    return pairs


def _network_layers(nodes: pd.DataFrame, pairs: pd.DataFrame) -> list[alt.Chart]:
    """Return the layers of the network: lines, arrowheads, speaker points and their labels."""
    x = alt.X("x:Q", axis=None, scale=alt.Scale(domain=[-_XR, _XR]))
    y = alt.Y("y:Q", axis=None, scale=alt.Scale(domain=[-_YR, _YR]))
    who = [alt.Tooltip("denier:N", title="Who denies"), alt.Tooltip("denied:N", title="Whose claim"),
           alt.Tooltip("count:Q", title="Denials")]
    lines = alt.Chart(pairs[["denier", "denied", "count", "example", "x", "y", "x2", "y2"]]).mark_rule(
        color="#8C8C8C", opacity=0.7
    ).encode(
        x=x, y=y, x2="x2:Q", y2="y2:Q",
        strokeWidth=alt.StrokeWidth("count:Q", legend=None, scale=alt.Scale(range=[1, 8])),
        tooltip=[*who, alt.Tooltip("example:N", title="Example")],
    )
    heads = alt.Chart(pairs[["denier", "denied", "count", "hx", "hy", "angle"]]).mark_point(
        shape="triangle-up", filled=True, color="#5A5A5A", size=90
    ).encode(
        x=alt.X("hx:Q", axis=None, scale=alt.Scale(domain=[-_XR, _XR])),
        y=alt.Y("hy:Q", axis=None, scale=alt.Scale(domain=[-_YR, _YR])),
        angle=alt.Angle("angle:Q", scale=None),
        tooltip=who,
    )
    points = alt.Chart(nodes[["speaker", "source_class", "denials", "x", "y"]]).mark_circle(opacity=0.9).encode(
        x=x, y=y,
        size=alt.Size("denials:Q", legend=None, scale=alt.Scale(range=[60, 600])),
        color=alt.Color("source_class:N", title="Source", scale=color_scale("source_class", nodes["source_class"])),
        tooltip=[alt.Tooltip("speaker:N", title="Speaker"), alt.Tooltip("denials:Q", title="Denials")],
    )
    # Labels point away from the circle: left-aligned on the right half, right-aligned on the left.
    labels = [
        alt.Chart(nodes[["speaker", "x", "y"]])
        .transform_filter(f"datum.x {op} 0")
        .mark_text(align=align, dx=dx, fontSize=11)
        .encode(x=x, y=y, text="speaker:N")
        for op, align, dx in ((">=", "left", 12), ("<", "right", -12))
    ]
    return [lines, heads, points, *labels]
