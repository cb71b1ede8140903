"""The tables of a comparison, each built from the claims of every side (see :mod:`.sides`).

Every function takes the side-annotated claims frame and returns one DataFrame; nothing here
formats for people (that is :mod:`.findings` and :mod:`.view`).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from typing import Any

import pandas as pd

from ..analysis import Analysis
from ..types import SOURCE_CLASSES
from .matching import ClaimText, match_pairs, speaker_terms, terms, vectors
from .sides import NO_SOURCE, is_blank

__all__ = [
    "denials_table",
    "headline_table",
    "match_table",
    "only_in_table",
    "sourcing_table",
    "speaker_table",
    "wording_table",
]

Key = tuple[str, int]
# A headline sentence with no claim that holds this share of another side's headline claim's
# content words states as fact what that side attributes ("Russia wants drones" vs "..., says US").
AS_FACT_COVERAGE = 0.8
# A headline's subject is its first few capitalised words; past two, title case takes over.
SUBJECT_WORDS = 2


def _texts(claims: pd.DataFrame, side: str) -> list[ClaimText]:
    part = claims[claims["side"] == side]
    return [
        ClaimText((str(a), int(c)), str(t), None if s == NO_SOURCE else str(s))
        for a, c, t, s in zip(part["article_id"], part["claim_id"], part["content_text"], part["speaker"], strict=True)
    ]


def match_table(claims: pd.DataFrame, sides: Sequence[str], *, threshold: float | None = None) -> pd.DataFrame:
    """Return the matched claims, one row per pair (one-to-one per pair of sides), with a ``match`` number from 1.

    A claim matched across several sides keeps one number in every pair it appears in.
    """
    by_key = claims.set_index(["article_id", "claim_id"])
    texts = {side: _texts(claims, side) for side in sides}
    vecs = {side: vectors(texts[side]) for side in sides}  # each side encoded once, not per pair
    rows = []
    for sa, sb in combinations(sides, 2):
        va, vb = vecs[sa], vecs[sb]
        cosine = None if va is None or vb is None else va @ vb.T
        for a, b, s in match_pairs(texts[sa], texts[sb], threshold=threshold, cosine=cosine):
            ra, rb = by_key.loc[a.key], by_key.loc[b.key]
            rows.append({"side_a": sa, "article_a": a.key[0], "claim_a": a.key[1],
                         "side_b": sb, "article_b": b.key[0], "claim_b": b.key[1], "score": s,
                         "speaker_a": ra["speaker"], "speaker_b": rb["speaker"],
                         "content_a": a.content, "content_b": b.content})
    columns = ["match", "side_a", "article_a", "claim_a", "side_b", "article_b", "claim_b", "score",
               "speaker_a", "speaker_b", "content_a", "content_b"]
    if not rows:
        return pd.DataFrame(columns=columns)
    df = pd.DataFrame(rows)
    df.insert(0, "match", _cluster_numbers(df, claims))
    return df[columns].sort_values(["match", "side_a", "side_b"]).reset_index(drop=True)


def _cluster_numbers(pairs: pd.DataFrame, claims: pd.DataFrame) -> list[int]:
    """Give each group of matched claims a number, 1, 2, …, in reading order of the first side."""
    parent: dict[Key, Key] = {}

    def find(k: Key) -> Key:
        while parent.setdefault(k, k) != k:
            k = parent[k]
        return k

    for r in pairs.itertuples():
        parent[find((r.article_a, r.claim_a))] = find((r.article_b, r.claim_b))
    order = [(str(a), int(c)) for a, c in zip(claims["article_id"], claims["claim_id"], strict=True)]
    number: dict[Key, int] = {}
    for key in order:
        if key in parent and find(key) not in number:
            number[find(key)] = len(number) + 1
    return [number[find((r.article_a, r.claim_a))] for r in pairs.itertuples()]


def matched_keys(matches: pd.DataFrame) -> dict[Key, int]:
    """``(article_id, claim_id) -> match number`` for every matched claim.

    >>> matched_keys(pd.DataFrame({"match": [1], "article_a": ["x"], "claim_a": [0], "article_b": ["y"], "claim_b": [2]}))
    {('x', 0): 1, ('y', 2): 1}
    """
    out: dict[Key, int] = {}
    for r in matches.itertuples():
        out[(str(r.article_a), int(r.claim_a))] = int(r.match)
        out[(str(r.article_b), int(r.claim_b))] = int(r.match)
    return out


def only_in_table(claims: pd.DataFrame, matches: pd.DataFrame) -> pd.DataFrame:
    """Claims that no other side reports: side, article, claim, speaker, content."""
    done = matched_keys(matches)
    keep = [(str(a), int(c)) not in done for a, c in zip(claims["article_id"], claims["claim_id"], strict=True)]
    cols = ["side", "article_id", "claim_id", "speaker", "source_class", "content_text", "in_headline"]
    return claims.loc[keep, cols].reset_index(drop=True)


def _canonical_speakers(claims: pd.DataFrame) -> dict[str, str]:
    """Map each speaker label to the fullest label of the same source class naming the same entity."""
    labels = claims.drop_duplicates("speaker")[["speaker", "source_class"]]
    out = {}
    for name, klass in zip(labels["speaker"], labels["source_class"], strict=True):
        mine = speaker_terms(name)
        best = name
        for other, oklass in zip(labels["speaker"], labels["source_class"], strict=True):
            theirs = speaker_terms(other)
            if oklass == klass and mine and mine < theirs and len(other) > len(best):
                best = other  # "Peskov" counts with "Dmitry Peskov"
        out[name] = best
    return out


def speaker_table(claims: pd.DataFrame, sides: Sequence[str]) -> pd.DataFrame:
    """Speakers in all / some / one of the sides, with their claims per side (columns named by side)."""
    if claims.empty:
        return pd.DataFrame(columns=["speaker", "source_class", "affiliation", "presence", "n_sides", *sides])
    named = claims[claims["speaker"] != NO_SOURCE].copy()
    named["speaker"] = named["speaker"].map(_canonical_speakers(named))
    counts = named.pivot_table(index="speaker", columns="side", values="claim_id", aggfunc="count", fill_value=0)
    counts = counts.reindex(columns=list(sides), fill_value=0)
    first = named.drop_duplicates("speaker").set_index("speaker")
    n_sides = (counts > 0).sum(axis=1)
    presence = n_sides.map(lambda n: "all" if n == len(sides) else ("one" if n == 1 else "some"))
    out = pd.DataFrame({"speaker": counts.index, "source_class": first.loc[counts.index, "source_class"].values,
                        "affiliation": first.loc[counts.index, "affiliation"].values,
                        "presence": presence.values, "n_sides": n_sides.values})
    out = pd.concat([out.reset_index(drop=True), counts.reset_index(drop=True)], axis=1)
    out["total"] = counts.sum(axis=1).values
    out = out.sort_values(["n_sides", "total"], ascending=False, kind="stable").drop(columns="total")
    return out.reset_index(drop=True)


def sourcing_table(claims: pd.DataFrame, sides: Sequence[str]) -> pd.DataFrame:
    """Return the sourcing mix side by side: claims and share of each source class per side."""
    rows = []
    for side in sides:
        part = claims[claims["side"] == side]
        total = len(part)
        for klass in SOURCE_CLASSES:
            n = int((part["source_class"] == klass).sum())
            rows.append({"side": side, "source_class": klass, "claims": n, "share": n / total if total else 0.0})
    return pd.DataFrame(rows, columns=["side", "source_class", "claims", "share"])


def wording_table(analysis: Analysis, sides: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    """Hedges and loaded words side by side: side, kind, term, count, in the reporter's words or in quotes."""
    rows = []
    for side, ids in sides.items():
        markers = analysis.markers[analysis.markers["article_id"].astype(str).isin(ids)]
        markers = markers[markers["kind"].isin(["hedge", "loaded"])]
        for (kind, term, inside), group in markers.groupby(
            [markers["kind"], markers["text"].str.lower(), markers["inside_content"]]
        ):
            rows.append({"side": side, "kind": kind, "term": term, "count": len(group),
                         "where": "in a quote" if inside else "reporter's words"})
    return pd.DataFrame(rows, columns=["side", "kind", "term", "count", "where"])


def denials_table(analysis: Analysis, claims: pd.DataFrame, matches: pd.DataFrame) -> pd.DataFrame:
    """Each denial a side includes: who denies, what, and which other sides carry the same denial."""
    deny = claims[(claims["stance"] == "deny") | (claims.get("cue_stance", pd.Series(dtype=object)) == "denial")]
    links = analysis.links[analysis.links["relation"] == "denies"]
    content = {(str(a), int(c)): str(t) for a, c, t in
               zip(claims["article_id"], claims["claim_id"], claims["content_text"], strict=True)}
    number = matched_keys(matches)
    sides_of = claims.assign(m=[number.get((str(a), int(c))) for a, c in
                                zip(claims["article_id"], claims["claim_id"], strict=True)])
    rows = []
    for r in deny.itertuples():
        key = (str(r.article_id), int(r.claim_id))
        targets = links[(links["article_id"] == r.article_id) & (links["claim_id"] == r.claim_id)]
        denied = [content.get((key[0], int(t)), "") for t in targets["target_claim_id"]]
        m = number.get(key)
        also = sorted(set(sides_of.loc[sides_of["m"] == m, "side"]) - {r.side}) if m else []
        rows.append({"side": r.side, "article_id": key[0], "claim_id": key[1], "denier": r.speaker,
                     "content_text": r.content_text, "denies": denied[0] if denied else None,
                     "also_in": also})
    return pd.DataFrame(rows, columns=["side", "article_id", "claim_id", "denier", "content_text", "denies", "also_in"])


def _headline_subject(analysis: Analysis, ids: Sequence[str]) -> str | None:
    """Return the headline's leading capitalised words: who or what it puts first ("Russia", "Tony Blair")."""
    sents = analysis.sentences[analysis.sentences["article_id"].astype(str).isin(ids)]
    first = sents[sents["role"] == "headline"]
    if first.empty:
        return None
    run = []
    for word in str(first.iloc[0]["text"]).split()[:SUBJECT_WORDS]:
        if not word[:1].isupper():
            break
        run.append(word.strip(",:;"))
        if word.endswith((",", ":", ";")):
            break
    return " ".join(run) or None


def _reporter_headlines(analysis: Analysis, claims: pd.DataFrame, ids: Sequence[str]) -> list[str]:
    """Headline-block sentences with no claim at all: the outlet's own voice."""
    sents = analysis.sentences[analysis.sentences["article_id"].astype(str).isin(ids)]
    sents = sents[sents["role"].isin(["headline", "standfirst"])]
    with_claims = {(str(a), int(s)) for a, s in zip(claims["article_id"], claims["sentence_id"], strict=True)}
    return [str(t) for a, s, t in zip(sents["article_id"], sents["sentence_id"], sents["text"], strict=True)
            if (str(a), int(s)) not in with_claims]


def headline_table(
    analysis: Analysis, claims: pd.DataFrame, matches: pd.DataFrame, sides: dict[str, tuple[str, ...]]
) -> pd.DataFrame:
    """Headline differences between each pair of sides: hedge dropped, stated as fact, different subject.

    ``side`` is the side whose headline does it; ``other`` the side it differs from.
    """
    by_key = claims.set_index(["article_id", "claim_id"])
    rows: list[dict[str, Any]] = []
    for r in matches.itertuples():
        a, b = by_key.loc[(r.article_a, r.claim_a)], by_key.loc[(r.article_b, r.claim_b)]
        if not (a["in_headline"] and b["in_headline"]):
            continue
        for x, y, sx, sy in ((a, b, r.side_a, r.side_b), (b, a, r.side_b, r.side_a)):
            dropped = [h for h in _hedges(x) if h.lower() not in {g.lower() for g in _hedges(y)}]
            if dropped:
                rows.append({"side": sy, "other": sx, "kind": "hedge dropped", "detail": ", ".join(dropped),
                             "claim": str(x["content_text"])})
    for sx, sy in [p for pair in combinations(sides, 2) for p in (pair, pair[::-1])]:
        heads = claims[(claims["side"] == sx) & claims["in_headline"] & (claims["speaker"] != NO_SOURCE)]
        for text in _reporter_headlines(analysis, claims, sides[sy]):
            hit = [h for h in heads.itertuples() if _coverage(str(h.content_text), text) >= AS_FACT_COVERAGE]
            if hit:
                rows.append({"side": sy, "other": sx, "kind": "stated as fact", "detail": f"{hit[0].cue_text} {hit[0].speaker}",
                             "claim": str(hit[0].content_text)})
    for sx, sy in combinations(sides, 2):
        subj = {s: _headline_subject(analysis, sides[s]) for s in (sx, sy)}
        if all(subj.values()) and not (speaker_terms(subj[sx]) & speaker_terms(subj[sy])):
            rows.append({"side": sy, "other": sx, "kind": "different subject",
                         "detail": f"{subj[sy]} | {subj[sx]}", "claim": None})
    return pd.DataFrame(rows, columns=["side", "other", "kind", "detail", "claim"])


def _coverage(claim: str, sentence: str) -> float:
    """Share of the claim's content words that the sentence holds."""
    mine = terms(claim)
    return len(mine & terms(sentence)) / len(mine) if mine else 0.0


def _hedges(row: pd.Series) -> list[str]:
    value = row.get("hedges")
    return [] if is_blank(value) else [str(h) for h in value]
