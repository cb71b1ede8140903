"""Match the hand-made gold claims of the seed article to predicted claims.

A gold claim matches a predicted claim when its ``content_has`` phrase lies inside the predicted
content and its ``speaker_has`` phrase lies inside the predicted speaker mention (or both have no
speaker). Each predicted claim is used at most once, gold claims in order.
"""

from __future__ import annotations

import pandas as pd


def _norm(s: object) -> str:
    return str(s).replace("’", "'").lower()


def candidates(claims: pd.DataFrame, g: dict) -> list[int]:
    out = []
    for row in claims.itertuples():
        if _norm(g["content_has"]) not in _norm(row.content_text):
            continue
        if g["speaker_has"] is None:
            if not pd.isna(row.speaker_text):
                continue
        elif pd.isna(row.speaker_text) or _norm(g["speaker_has"]) not in _norm(row.speaker_text):
            continue
        out.append(int(row.claim_id))
    return out


def match_gold(claims: pd.DataFrame, gold: dict) -> dict[str, int | None]:
    """Return gold id -> predicted claim_id (None when the gold claim was not found)."""
    used: set[int] = set()
    result: dict[str, int | None] = {}
    for g in gold["claims"]:
        free = [c for c in candidates(claims, g) if c not in used]
        result[g["id"]] = free[0] if free else None
        if free:
            used.add(free[0])
    return result
