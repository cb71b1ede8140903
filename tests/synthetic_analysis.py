"""Small hand-built analyses for the chart, highlighter and report tests.

They do not run the engines: every offset is computed here from the text, so the renderers can
be tested whatever state the attribution and literacy stages are in.  The first article carries
HTML/JS injection attempts in its title, text, speaker names, checks and errors.
"""

from __future__ import annotations

import pandas as pd

from toolkit.analysis import Analysis
from toolkit.structure import split_lines

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=2">'

TEXT_A = (
    f"Minister {SCRIPT} denies drone deal, says ministry\n"
    f"Officials say talks with {IMG} partners went on for hours and hours\n"
    "\u201cWe never asked for drones,\u201d Anna Petrova said, \u201cand we never will.\u201d\n"
    "The deal was reportedly worth $2 billion, unnamed officials told reporters.\n"
    "It is said that the talks may resume.\n"
    "Our view\n"
    "Critics claimed the <b>ministry</b> hid the truth from the public.\n"
    "(With agency inputs)"
)
TEXT_B = "Storm warning, says agency\nThe storm will hit on Monday, the weather agency warned.\n"


LEMMAS = {"says": "say", "say": "say", "said": "say", "told": "tell", "warned": "warn", "claimed": "claim"}


def _span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def _claim(aid: str, text: str, cid: int, sid: int, speaker: tuple[int, str, str] | None,
           cue: str, content: list[str], *, stance: str = "assert", quote_type: str = "indirect",
           hedges: tuple[str, ...] = (), anonymous: bool = False, cue_stance: str | None = "neutral",
           after: int = 0, **extra: object) -> dict:
    pieces = [_span(text, c, after) for c in content]
    row: dict = {
        "article_id": aid, "claim_id": cid, "sentence_id": sid,
        "cue_text": cue, "cue_lemma": LEMMAS.get(cue, cue.lower()),
        "content_text": text[pieces[0][0]:pieces[-1][1]],
        "content_start": pieces[0][0], "content_end": pieces[-1][1],
        "content_spans": [list(p) for p in pieces],
        "quote_type": quote_type, "stance": stance, "hedges": list(hedges),
        "anonymous": anonymous, "agentless": speaker is None, "cue_stance": cue_stance,
    }
    row["cue_start"], row["cue_end"] = _span(text, cue, after)
    if speaker is None:
        row.update(speaker_id=None, speaker_text=None, speaker_start=None, speaker_end=None,
                   speaker_kind="agentless")
    else:
        spid, mention, name = speaker
        s, e = _span(text, mention, after)
        row.update(speaker_id=spid, speaker_text=mention, speaker_start=s, speaker_end=e, speaker_name=name)
    row.update(extra)
    return row


def _sentences(aid: str, text: str) -> list[dict]:
    return [
        {"article_id": aid, "sentence_id": i, "paragraph_id": line.paragraph_id, "role": line.role,
         "start": line.start, "end": line.end, "text": text[line.start:line.end],
         "n_tokens": len(text[line.start:line.end].split())}
        for i, line in enumerate(split_lines(text))
    ]


def make_analysis() -> Analysis:
    """Two articles (different outlets, sections and months); article 'a' has six claims."""
    t, a = TEXT_A, "a"
    line = {i: ln.start for i, ln in enumerate(split_lines(t))}
    claims = [
        _claim(a, t, 0, 0, (0, "ministry", "Ministry of <i>Defence</i>"), "says",
               [f"Minister {SCRIPT} denies drone deal"], stance="deny"),
        _claim(a, t, 1, 1, (1, "Officials", "US officials"), "say",
               [f"talks with {IMG} partners went on for hours and hours"], anonymous=True,
               after=line[1]),
        _claim(a, t, 2, 2, (2, "Anna Petrova", "Anna Petrova"), "said",
               ["We never asked for drones,", "and we never will."], stance="deny",
               quote_type="direct", cue_stance="denial"),
        _claim(a, t, 3, 3, (1, "unnamed officials", "US officials"), "told",
               ["The deal was reportedly worth $2 billion"], hedges=("reportedly",), anonymous=True,
               after=line[3]),
        _claim(a, t, 4, 4, None, "It is said", ["the talks may resume"],
               hedges=("It is said", "may"), quote_type="agentless", cue_stance=None),
        _claim(a, t, 5, 6, (3, "Critics", "Critics"), "claimed",
               ["the <b>ministry</b> hid the truth from the public"], stance="accuse",
               cue_stance="doubting", flags=["vague_source"],
               explanations=["Who are the critics? <script>window.__pwned=3</script>"]),
    ]
    kinds = {0: "organization", 1: "anonymous", 2: "person", 3: "vague"}
    for c in claims:
        if c["speaker_id"] is not None:
            c["speaker_kind"] = kinds[c["speaker_id"]]
    speakers = [
        {"article_id": a, "speaker_id": 0, "name": "Ministry of <i>Defence</i>", "kind": "organization",
         "named": True, "affiliation": "Russia", "mentions": ["ministry"], "n_claims": 1},
        {"article_id": a, "speaker_id": 1, "name": "US officials", "kind": "anonymous", "named": False,
         "affiliation": "US", "mentions": ["Officials", "unnamed officials"], "n_claims": 2},
        {"article_id": a, "speaker_id": 2, "name": "Anna Petrova", "kind": "person", "named": True,
         "affiliation": "Russia", "mentions": ["Anna Petrova"], "n_claims": 1},
        {"article_id": a, "speaker_id": 3, "name": "Critics", "kind": "vague", "named": False,
         "mentions": ["Critics"], "n_claims": 1},
    ]
    markers = []
    for sid, needle, after in ((3, "reportedly", line[3]), (4, "It is said", line[4]), (4, "may", line[4])):
        s, e = _span(t, needle, after)
        markers.append({"article_id": a, "sentence_id": sid, "kind": "hedge", "text": needle,
                        "start": s, "end": e, "claim_id": 3 if sid == 3 else 4, "inside_content": True})
    s, e = _span(t, "<b>ministry</b>")
    markers.append({"article_id": a, "sentence_id": 6, "kind": "loaded", "text": t[s:e], "start": s,
                    "end": e, "claim_id": 5, "inside_content": True})
    checks = [
        {"article_id": a, "check": "anonymous_claims", "label": "Anonymous sources", "value": 2.0,
         "detail": None, "severity": "notice",
         "explanation": "2 claims come from unnamed officials. Why could they not be named?"},
        {"article_id": a, "check": "vague_attributions", "label": "Vague <sources>", "value": 1.0,
         "detail": '["Critics"]', "severity": "warning",
         "explanation": f"Critics is vague {SCRIPT}. Which critics?"},
    ]
    links = [{"article_id": a, "claim_id": 2, "target_claim_id": 3, "relation": "denies", "score": 0.6}]

    b = "b"
    claims_b = [
        _claim(b, TEXT_B, 0, 0, (0, "agency", "weather agency"), "says", ["Storm warning"], stance="warn"),
        _claim(b, TEXT_B, 1, 1, (0, "the weather agency", "weather agency"), "warned",
               ["The storm will hit on Monday"], stance="warn", cue_stance="neutral"),
    ]
    for c in claims_b:
        c["speaker_kind"] = "organization"
    speakers.append({"article_id": b, "speaker_id": 0, "name": "weather agency", "kind": "organization",
                     "named": True, "affiliation": None, "mentions": ["agency", "the weather agency"],
                     "n_claims": 2})
    articles = pd.DataFrame(
        {
            "article_id": [a, b],
            "title": [f"Minister {SCRIPT} denies drone deal, says ministry", "Storm warning, says agency"],
            "text": [TEXT_A, TEXT_B],
            "source": ["a.txt", "b.txt"],
            "outlet": ["Daily <i>Planet</i>", "Wire"],
            "section": ["world", "weather"],
            "published": pd.to_datetime(["2022-03-14", "2022-04-02"], utc=True),
            "n_words": [len(TEXT_A.split()), len(TEXT_B.split())],
        }
    )
    errors = [{"article_id": None, "source": "bad.txt", "stage": "load", "level": "error",
               "message": f"could not read bad.txt {SCRIPT}"}]
    return Analysis(
        {
            "articles": articles,
            "sentences": pd.DataFrame(_sentences(a, TEXT_A) + _sentences(b, TEXT_B)),
            "claims": pd.DataFrame(claims + claims_b),
            "speakers": pd.DataFrame(speakers),
            "markers": pd.DataFrame(markers),
            "checks": pd.DataFrame(checks),
            "links": pd.DataFrame(links),
            "errors": pd.DataFrame(errors),
        }
    )


def one_article(analysis: Analysis, article_id: str = "a") -> Analysis:
    """The same analysis restricted to one article (and without the load error)."""
    return Analysis(
        {name: df[df["article_id"] == article_id] for name, df in analysis.tables.items() if name != "errors"}
    )
