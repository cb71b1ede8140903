"""A hand-built two-article analysis for the widget and lesson tests (offsets computed from the text)."""

from __future__ import annotations

import re

from toolkit.analysis import Analysis
from toolkit.types import frame

TEXT_A = (
    "Bridge <b>unsafe</b>, officials say\n"
    "Officials said the bridge was unsafe. The bridge reportedly cost $5m.\n"
    "\u201cIt is perfectly safe <script>alert(1)</script>,\u201d Transport Minister Jane Doe said.\n"
    "According to a report, repairs were delayed."
)
TEXT_B = "Mayor speaks\nThe mayor said the budget was balanced."


def span(text: str, phrase: str, after: int = 0) -> tuple[int, int]:
    start = text.index(phrase, after)
    return start, start + len(phrase)


def claim_row(text, article_id, claim_id, *, speaker=None, speaker_id=None, name=None, kind=None, cue, content,
           quote_type, stance="assert", hedges=(), anonymous=False, explanations=(), cue_after=0):
    cs, ce = span(text, content)
    ks, ke = span(text, cue, cue_after)
    row = {
        "article_id": article_id, "claim_id": claim_id, "sentence_id": 0,
        "speaker_id": speaker_id, "speaker_text": speaker, "speaker_start": None, "speaker_end": None,
        "cue_text": cue, "cue_start": ks, "cue_end": ke, "cue_lemma": cue.lower(),
        "content_text": content, "content_start": cs, "content_end": ce, "content_spans": [[cs, ce]],
        "quote_type": quote_type, "stance": stance, "hedges": list(hedges), "anonymous": anonymous,
        "agentless": speaker is None, "speaker_name": name, "speaker_kind": kind or ("agentless" if speaker is None else None),
        "explanations": list(explanations),
    }
    if speaker is not None:
        row["speaker_start"], row["speaker_end"] = span(text, speaker)
    return row


def sentence_rows(text: str, article_id: str) -> list[dict]:
    rows, pos = [], 0
    for i, piece in enumerate(re.split(r"(?<=[.\n])\s*", text)):
        if not piece.strip():
            continue
        start = text.index(piece, pos)
        rows.append({"article_id": article_id, "sentence_id": i, "paragraph_id": text.count("\n", 0, start), "role": "body",
                     "start": start, "end": start + len(piece), "text": piece, "n_tokens": len(piece.split())})
        pos = start + len(piece)
    return rows


def widget_analysis() -> Analysis:
    t = TEXT_A
    claims = [
        claim_row(t, "a", 0, speaker="Officials", speaker_id=0, name="Officials", kind="anonymous", cue="said",
               content="the bridge was unsafe", quote_type="indirect", anonymous=True,
               explanations=["Anonymous officials: ask why they were not named."]),
        claim_row(t, "a", 1, cue="reportedly", content="The bridge reportedly cost $5m", quote_type="agentless",
               hedges=["reportedly"]),
        claim_row(t, "a", 2, speaker="Jane Doe", speaker_id=1, name="Jane Doe", kind="person", cue="said", cue_after=t.index("Jane Doe"),
               content="It is perfectly safe <script>alert(1)</script>", quote_type="direct", stance="deny"),
        claim_row(t, "a", 3, speaker="a report", speaker_id=2, name="a report", kind="document",
               cue="According to", content="repairs were delayed", quote_type="according_to"),
        claim_row(TEXT_B, "b", 0, speaker="The mayor", speaker_id=0, name="The mayor", kind="person", cue="said",
               content="the budget was balanced", quote_type="indirect"),
    ]
    speakers = [
        {"article_id": "a", "speaker_id": 0, "name": "Officials", "kind": "anonymous", "named": False, "n_claims": 1},
        {"article_id": "a", "speaker_id": 1, "name": "Jane Doe", "kind": "person", "named": True, "n_claims": 1},
        {"article_id": "a", "speaker_id": 2, "name": "a report", "kind": "document", "named": False, "n_claims": 1},
        {"article_id": "b", "speaker_id": 0, "name": "The mayor", "kind": "person", "named": False, "n_claims": 1},
    ]
    hs, he = span(t, "reportedly")
    return Analysis({
        "articles": frame([
            {"article_id": "a", "text": t, "title": "Bridge <b>unsafe</b>, officials say"},
            {"article_id": "b", "text": TEXT_B, "title": "Mayor speaks"},
        ], "articles"),
        "sentences": frame(sentence_rows(t, "a") + sentence_rows(TEXT_B, "b"), "sentences"),
        "claims": frame(claims, "claims"),
        "speakers": frame(speakers, "speakers"),
        "markers": frame([{"article_id": "a", "sentence_id": 2, "kind": "hedge", "text": "reportedly",
                           "start": hs, "end": he, "claim_id": 1}], "markers"),
        "links": frame([{"article_id": "a", "claim_id": 2, "target_claim_id": 0, "relation": "denies",
                         "score": 0.8}], "links"),
    })
