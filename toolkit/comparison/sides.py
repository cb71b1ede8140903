"""Sides of a comparison: which articles each side holds, its label, and its claims with display columns.

A *side* is one article (``compare(analysis, ["a", "b"])``) or a group of articles
(``compare(analysis, group_by="outlet")``).  Labels are what people read: the outlet when each
article has a different one, else the headline, else the id.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from ..analysis import Analysis
from ..types import AGENTLESS, HEADLINE_ROLES, source_class
from ..wording import short_quote

__all__ = ["NO_SOURCE", "claims_by_side", "group_sides", "id_sides", "is_blank"]

NO_SOURCE = "no source given"
# Labels longer than this make findings sentences hard to read; the headline is cut at a word.
LABEL_WORDS = 6


def is_blank(value: Any) -> bool:
    """Tell whether a value is None, NaN, <NA> or an empty string.

    >>> is_blank(pd.NA), is_blank(" "), is_blank("x")
    (True, True, False)
    """
    if value is None or isinstance(value, list | tuple):
        return value is None
    try:
        if pd.isna(value):
            return True
    except (TypeError, ValueError):
        return False
    return isinstance(value, str) and not value.strip()


def id_sides(analysis: Analysis, article_ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """One side per article, labelled by outlet (when all differ), else headline, else id.

    >>> from toolkit.types import frame
    >>> a = Analysis({"articles": frame([{"article_id": "x", "text": "t", "outlet": "BBC"},
    ...                                  {"article_id": "y", "text": "t", "outlet": "CNN"}], "articles")})
    >>> id_sides(a, ["x", "y"])
    {'BBC': ('x',), 'CNN': ('y',)}
    """
    ids = [str(i) for i in article_ids]
    if len(ids) < 2 or len(set(ids)) < len(ids):
        raise ValueError(f"compare needs two or more different articles, got {ids}")
    arts = analysis.articles.set_index(analysis.articles["article_id"].astype(str))
    missing = [i for i in ids if i not in arts.index]
    if missing:
        known = ", ".join(repr(i) for i in arts.index[:5])
        raise KeyError(f"no article {missing[0]!r} in this analysis (articles include {known})")
    for column in ("outlet", "title"):
        labels = [arts.at[i, column] for i in ids]
        if not any(is_blank(v) for v in labels):
            short = [short_quote(v, words=LABEL_WORDS) for v in labels]
            if len(set(short)) == len(short):
                return {s: (i,) for s, i in zip(short, ids, strict=True)}
    return {i: (i,) for i in ids}


def group_sides(analysis: Analysis, group_by: str) -> dict[str, tuple[str, ...]]:
    """One side per value of an ``articles`` column (e.g. outlet); articles without a value are left out.

    >>> from toolkit.types import frame
    >>> a = Analysis({"articles": frame([{"article_id": i, "text": "t", "outlet": o}
    ...               for i, o in (("x", "BBC"), ("y", "CNN"), ("z", "BBC"))], "articles")})
    >>> group_sides(a, "outlet")
    {'BBC': ('x', 'z'), 'CNN': ('y',)}
    """
    arts = analysis.articles
    if group_by not in arts.columns:
        raise ValueError(f"articles have no {group_by!r} column; available: {', '.join(map(str, arts.columns))}")
    sides: dict[str, list[str]] = {}
    for aid, value in zip(arts["article_id"].astype(str), arts[group_by], strict=True):
        if not is_blank(value):
            sides.setdefault(str(value).strip(), []).append(aid)
    if len(sides) < 2:
        raise ValueError(f"compare(group_by={group_by!r}) needs two or more groups, found {len(sides)}")
    return {k: tuple(v) for k, v in sides.items()}


def _speaker_label(row: dict[str, Any]) -> str:
    if row.get("agentless") or row.get("speaker_kind") == AGENTLESS:
        return NO_SOURCE
    for key in ("speaker_name", "speaker_text"):
        if not is_blank(row.get(key)):
            return str(row[key]).strip()
    return NO_SOURCE


def claims_by_side(analysis: Analysis, sides: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    """Every claim of every side with ``side``, ``speaker``, ``affiliation``, ``source_class``, ``in_headline``.

    >>> claims_by_side(Analysis(), {"A": ("x",), "B": ("y",)}).columns.tolist()[:3]
    ['side', 'article_id', 'claim_id']
    """
    side_of = {aid: side for side, ids in sides.items() for aid in ids}
    claims = analysis.claims[analysis.claims["article_id"].astype(str).isin(side_of)]
    speakers = {
        (str(r["article_id"]), int(r["speaker_id"])): r for r in analysis.speakers.to_dict("records")
    }
    roles = {
        (str(a), int(s)): str(r)
        for a, s, r in zip(analysis.sentences["article_id"], analysis.sentences["sentence_id"],
                           analysis.sentences["role"], strict=True)
    }
    rows = []
    for row in claims.sort_values(["article_id", "claim_id"]).to_dict("records"):
        aid = str(row["article_id"])
        spk = speakers.get((aid, int(row["speaker_id"]))) if not is_blank(row.get("speaker_id")) else None
        klass = row.get("source_class")
        if is_blank(klass):
            klass = source_class(row.get("speaker_kind"), anonymous=bool(row.get("anonymous")),
                                 agentless=bool(row.get("agentless")))
        rows.append({
            **row,
            "side": side_of[aid],
            "speaker": _speaker_label(row),
            "affiliation": None if spk is None or is_blank(spk.get("affiliation")) else str(spk["affiliation"]),
            "source_class": str(klass),
            "in_headline": roles.get((aid, int(row["sentence_id"]))) in HEADLINE_ROLES,
        })
    front = ["side", "article_id", "claim_id", "speaker", "affiliation", "source_class", "in_headline"]
    df = pd.DataFrame(rows)
    if df.empty:
        return pd.DataFrame(columns=[*front, "content_text", "hedges", "stance", "cue_text", "loaded_terms"])
    return df[front + [c for c in df.columns if c not in front]].reset_index(drop=True)
