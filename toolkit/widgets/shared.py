"""What both widgets read from an analysis: one article's tables, its title, claims' source classes.

Also the one way widgets fill an output pane (:func:`show`).
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import pandas as pd

from ..analysis import Analysis
from ..charts import claims_frame
from ..palette import NO_SOURCE

__all__ = ["NO_SOURCE", "article_ids", "article_subset", "article_titles", "check_article", "show", "source_classes"]

# Ids an unknown-article error names: enough to spot a typo, few enough to read.
_IDS_IN_MESSAGE = 5


def show(out: w.Output, *objects: Any) -> None:
    """Replace what ``out`` displays with ``objects``.

    >>> out = w.Output()
    >>> show(out, "a", "b"); len(out.outputs)
    2
    """
    # Resetting the trait (instead of clear_output) clears in the kernel and in the browser at once.
    out.outputs = ()
    for obj in objects:
        out.append_display_data(obj)


def article_ids(analysis: Analysis) -> list[str]:
    """Return the analysis's article ids as text; an analysis without articles raises ``ValueError``.

    >>> from toolkit.types import frame
    >>> article_ids(Analysis({"articles": frame([{"article_id": "a", "text": "Hi."}], "articles")}))
    ['a']
    """
    ids = analysis.articles["article_id"].astype(str).tolist()
    if not ids:
        raise ValueError("the analysis holds no articles (did the load step fail? see analysis.errors)")
    return ids


def check_article(analysis: Analysis, article_id: str) -> None:
    """Raise ``KeyError`` naming a few known ids when ``article_id`` is not in the analysis.

    >>> from toolkit.types import frame
    >>> check_article(Analysis({"articles": frame([{"article_id": "a", "text": "Hi."}], "articles")}), "b")
    Traceback (most recent call last):
    KeyError: "no article 'b' in this analysis (articles include 'a')"
    """
    if article_id not in set(analysis.articles["article_id"].astype(str)):
        known = ", ".join(repr(a) for a in article_ids(analysis)[:_IDS_IN_MESSAGE])
        raise KeyError(f"no article {article_id!r} in this analysis (articles include {known})")


def article_subset(analysis: Analysis, article_id: str, claims: pd.DataFrame | None = None) -> Analysis:
    """One article's tables; ``claims`` (already filtered) replaces its claims and their markers.

    >>> from toolkit.types import frame
    >>> arts = frame([{"article_id": "a", "text": "Hi."}, {"article_id": "b", "text": "Ho."}], "articles")
    >>> article_subset(Analysis({"articles": arts}), "b").articles["article_id"].tolist()
    ['b']
    """
    tables = {n: df[df["article_id"] == article_id] for n, df in analysis.tables.items()}
    if claims is not None:
        keep = set(claims["claim_id"].tolist())
        tables["claims"] = claims
        markers = tables["markers"]
        tables["markers"] = markers[markers["claim_id"].isna() | markers["claim_id"].isin(keep)]
        links = tables["links"]
        tables["links"] = links[links["claim_id"].isin(keep) & links["target_claim_id"].isin(keep)]
    return Analysis(tables)


def source_classes(claims: pd.DataFrame) -> pd.Series:
    """Source class per claim (named person, institution, document, anonymous, vague, agentless, unknown).

    Reads the claims' ``source_class`` column; hand-built tables without it get the same
    classes, in the same colours, as the charts (:func:`toolkit.charts.claims_frame`).

    >>> from toolkit.types import frame
    >>> claims = frame([{"article_id": "a", "agentless": True}, {"article_id": "a", "speaker_kind": "country"}], "claims")
    >>> source_classes(claims).tolist()
    ['agentless', 'institution']
    """
    return pd.Series(claims_frame(claims)["source_class"].tolist(), index=claims.index, dtype=object)


def article_titles(analysis: Analysis) -> dict[str, str]:
    """Each article's title, or its id when it has none.

    >>> from toolkit.types import frame
    >>> article_titles(Analysis({"articles": frame([{"article_id": "a", "text": "Hi.", "title": " "}], "articles")}))
    {'a': 'a'}
    """
    return {
        str(i): str(t) if pd.notna(t) and str(t).strip() else str(i)
        for i, t in zip(analysis.articles["article_id"], analysis.articles["title"], strict=True)
    }
