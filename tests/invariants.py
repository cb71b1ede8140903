"""Invariants every Analysis must satisfy, whatever the input (shared by the reliability and property tests)."""

from __future__ import annotations

import bisect

import pandas as pd

PIPELINE_STAGES = ("parse", "extract", "check")


def _null(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and v != v)


def _within_one(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) lies inside one of the sorted, non-overlapping ``spans``."""
    i = bisect.bisect_right([s for s, _ in spans], start) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


def _touches(spans: list[tuple[int, int]], pos: int) -> bool:
    """True when character ``pos`` lies inside one of the sorted ``spans``."""
    return _within_one(spans, pos, pos + 1)


def check_invariants(a) -> None:
    """Assert the offset contract and the referential integrity of every table of ``a``."""
    arts = a.articles
    assert arts["article_id"].is_unique, arts["article_id"][arts["article_id"].duplicated()].tolist()
    texts = dict(zip(arts["article_id"], arts["text"], strict=True))
    for name, df in a.tables.items():
        if name in ("articles", "errors") or df.empty:
            continue
        unknown = set(df["article_id"]) - set(texts)
        assert not unknown, (name, unknown)
    known = [x for x in a.errors["article_id"] if not _null(x)]
    assert set(known) <= set(texts), set(known) - set(texts)

    sent_spans: dict[str, list[tuple[int, int]]] = {}
    sent_by_id: dict[tuple[str, int], tuple[int, int]] = {}
    for aid, group in a.sentences.groupby("article_id", sort=False):
        text = texts[aid]
        assert group["sentence_id"].tolist() == list(range(len(group))), aid
        prev_end = 0
        spans = []
        for r in group.itertuples():
            assert 0 <= r.start < r.end <= len(text), (aid, r.start, r.end)
            assert text[r.start : r.end] == r.text, (aid, r.sentence_id)
            assert r.start >= prev_end, ("sentences overlap or go backwards", aid, r.sentence_id)
            # A sentence never crosses a line break (str.splitlines' notion of one).
            assert len(r.text.splitlines()) == 1, (aid, r.text)
            prev_end = r.end
            spans.append((r.start, r.end))
            sent_by_id[(aid, r.sentence_id)] = (r.start, r.end)
        sent_spans[aid] = spans

    speakers = a.speakers
    for aid, group in speakers.groupby("article_id", sort=False):
        assert group["speaker_id"].is_unique, aid
    speaker_keys = set(zip(speakers["article_id"], speakers["speaker_id"], strict=True))

    claims = a.claims
    for aid, group in claims.groupby("article_id", sort=False):
        assert group["claim_id"].is_unique, (aid, group["claim_id"].tolist())
    claim_keys = set(zip(claims["article_id"], claims["claim_id"], strict=True))
    for r in claims.itertuples():
        text, spans = texts[r.article_id], sent_spans.get(r.article_id, [])
        where = (r.article_id, r.claim_id)
        assert (r.article_id, r.sentence_id) in sent_by_id, ("claim sentence missing", where)
        if not _null(r.speaker_id):
            assert (r.article_id, int(r.speaker_id)) in speaker_keys, ("unknown speaker_id", where, r.speaker_id)
        for kind in ("speaker", "cue"):
            start, end, span_text = getattr(r, f"{kind}_start"), getattr(r, f"{kind}_end"), getattr(r, f"{kind}_text")
            if _null(start) and _null(end):
                continue
            start, end = int(start), int(end)
            assert 0 <= start < end <= len(text), (kind, where, start, end)
            assert text[start:end] == span_text, (kind, where, text[start:end], span_text)
            assert _within_one(spans, start, end), (f"{kind} not inside one sentence", where, span_text)
        if not _null(r.cue_start):
            s_start, s_end = sent_by_id[(r.article_id, r.sentence_id)]
            assert s_start <= int(r.cue_start) and int(r.cue_end) <= s_end, ("cue outside its sentence", where)
        assert 0 <= r.content_start <= r.content_end <= len(text), ("content", where)
        assert text[r.content_start : r.content_end] == r.content_text, ("content", where)
        pieces = [tuple(p) for p in r.content_spans]
        assert pieces, ("no content_spans", where)
        for start, end in pieces:
            assert r.content_start <= start < end <= r.content_end, ("content piece outside content", where, (start, end))
            # Multi-sentence quotes may cross sentences, but a piece starts and ends inside sentences.
            assert _touches(spans, start) and _touches(spans, end - 1), ("content piece outside sentences", where, text[start:end])
        assert pieces == sorted(pieces), ("content pieces out of order", where)
        # Who, how and what are disjoint: the content never contains its speaker, nor (when there
        # is a speaker) its cue.  Agentless cues ("reportedly") may sit inside what they hedge.
        for kind in ("speaker", "cue"):
            start, end = getattr(r, f"{kind}_start"), getattr(r, f"{kind}_end")
            if not _null(start) and not _null(r.speaker_start):
                overlap = [(s, e) for s, e in pieces if s < int(end) and int(start) < e]
                assert not overlap, (f"{kind} inside the content", where, getattr(r, f"{kind}_text"), r.content_text)

    for r in a.markers.itertuples():
        text = texts[r.article_id]
        assert 0 <= r.start < r.end <= len(text), ("marker", r)
        assert text[r.start : r.end] == r.text, ("marker", r.article_id, r.text)
        s_start, s_end = sent_by_id[(r.article_id, r.sentence_id)]
        assert s_start <= r.start and r.end <= s_end, ("marker outside its sentence", r.article_id, r.text)
        if not _null(r.claim_id):
            assert (r.article_id, int(r.claim_id)) in claim_keys, ("marker of unknown claim", r.article_id, r.claim_id)

    for r in a.links.itertuples():
        assert (r.article_id, r.claim_id) in claim_keys and (r.article_id, r.target_claim_id) in claim_keys, r


def stage_failures(a) -> list[str]:
    """Error rows written by a crashing pipeline stage (parse/extract/check), as messages."""
    errs = a.errors
    return errs[errs["stage"].isin(PIPELINE_STAGES) & (errs["level"] == "error")]["message"].tolist()
