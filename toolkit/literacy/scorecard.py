"""The article scorecard: the checks of one article as a tidy table a notebook can display."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .checks import CHECK_SECTIONS

__all__ = ["SCORECARD_COLUMNS", "scorecard"]

SCORECARD_COLUMNS = ["section", "check", "label", "value", "shown", "severity", "explanation", "detail"]
_ORDER = {check: (i, j) for i, (_, checks) in enumerate(CHECK_SECTIONS.items()) for j, check in enumerate(checks)}
_SECTION = {check: section for section, checks in CHECK_SECTIONS.items() for check in checks}
_SHARES = {"named_source_share", "voice_balance"}
_YES_NO = {"first_last_word", "wire_credit_named", "wire_credit_unnamed"}


def _shown(check: str, value: Any) -> str:
    if value is None or pd.isna(value):
        return "–"
    if check in _SHARES:
        return f"{round(100 * float(value))}%"
    if check in _YES_NO:
        return "yes" if float(value) else "no"
    if check == "hedging_density":
        return f"{float(value):.1f} per 100 words"
    return f"{float(value):g}"


def scorecard(analysis: Any, article_id: str) -> pd.DataFrame:
    """Return the checks of one article, grouped by section, with plain explanations.

    Columns: ``section, check, label, value, shown`` (value formatted for people),
    ``severity, explanation, detail``.  Raises ``KeyError`` naming the id when the analysis
    has no such article.

    >>> import toolkit
    >>> a = toolkit.analyze("Storm hits town\\nThe storm hit the town on Monday.")
    >>> card = scorecard(a, a.articles.article_id[0])
    >>> list(card.columns[:3]), "Sources" in set(card.section)
    (['section', 'check', 'label'], True)
    """
    articles = analysis.articles
    if article_id not in set(articles["article_id"]):
        known = ", ".join(map(repr, list(articles["article_id"])[:5]))
        raise KeyError(f"no article {article_id!r} in this analysis (articles: {known}{', …' if len(articles) > 5 else ''})")
    checks = analysis.checks
    rows = checks[checks["article_id"] == article_id]
    out = pd.DataFrame(
        {
            "section": [_SECTION.get(c, "Other") for c in rows["check"]],
            "check": rows["check"].astype("string").to_numpy(),
            "label": rows["label"].astype("string").to_numpy(),
            "value": rows["value"].astype("float64").to_numpy(),
            "shown": [_shown(c, v) for c, v in zip(rows["check"], rows["value"], strict=True)],
            "severity": rows["severity"].astype("string").to_numpy(),
            "explanation": rows["explanation"].astype("string").to_numpy(),
            "detail": rows["detail"].astype("string").to_numpy(),
        },
        columns=SCORECARD_COLUMNS,
    )
    key = [_ORDER.get(c, (len(CHECK_SECTIONS), 0)) for c in out["check"]]
    out = out.assign(_k=key).sort_values("_k", kind="stable").drop(columns="_k").reset_index(drop=True)
    return out.astype({"section": "string", "shown": "string"})
