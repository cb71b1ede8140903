"""Word-level markers: hedges, doubt markers (incl. scare quotes), loaded labels, boosters.

Every marker is a :class:`~toolkit.types.Marker` whose ``text`` is exactly
``article_text[start:end]``.  A marker lying inside a claim's content spans is
``inside_content=True`` (someone else's words); otherwise it is the reporter's own wording.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from ..types import Claim, Marker, Sentence
from .hedging import find_hedges
from .lexicon import term_regex

__all__ = ["ClaimSpans", "find_markers", "merge_markers", "scare_quotes"]

# A short phrase in quotation marks: 1-4 words, no sentence punctuation inside.
_SCARE_RE = re.compile(
    r"(?:^|(?<=[\s(\[—–-]))"
    r"(?P<q>[\"“‘']|``)(?P<body>[A-Za-z][\w'’-]*(?:\s+[\w'’-]+){0,3})(?:[\"”’']|'')"
    r"(?=[\s,.;:!?)\]—–-]|$)"
)


class ClaimSpans:
    """Where the claims of one article sit: content spans and overall extents, for lookups."""

    def __init__(self, claims: Sequence[Claim], text_len: int) -> None:
        self.content: list[tuple[int, int, int, str]] = []  # start, end, claim_id, quote_type
        self.extent: list[tuple[int, int, int]] = []  # start, end, claim_id
        for c in claims:
            spans = _claim_spans(c, text_len)
            for s, e in spans:
                self.content.append((s, e, c.claim_id, c.quote_type or ""))
            points = [p for s, e in spans for p in (s, e)]
            for a, b in ((c.speaker_start, c.speaker_end), (c.cue_start, c.cue_end)):
                if _valid(a, b, text_len):
                    points += [int(a), int(b)]  # type: ignore[arg-type]
            if points:
                self.extent.append((min(points), max(points), c.claim_id))

    def content_claim(self, start: int, end: int) -> tuple[int, str] | None:
        """Return ``(claim_id, quote_type)`` of the content span holding ``[start, end)``."""
        for s, e, cid, qt in self.content:
            if s <= start and end <= e:
                return cid, qt
        return None

    def extent_claim(self, start: int, end: int) -> int | None:
        """Return the claim whose speaker-cue-content extent holds ``[start, end)``."""
        for s, e, cid in self.extent:
            if s <= start and end <= e:
                return cid
        return None

    def covers(self, start: int, end: int) -> bool:
        """True when any claim (speaker, cue or content) overlaps ``[start, end)``."""
        return any(s < end and start < e for s, e, _ in self.extent)


def _valid(a: object, b: object, n: int) -> bool:
    try:
        return a is not None and b is not None and 0 <= int(a) < int(b) <= n  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return False


def _claim_spans(c: Claim, text_len: int) -> list[tuple[int, int]]:
    spans = [(int(s), int(e)) for s, e in (c.content_spans or ()) if _valid(s, e, text_len)]
    if not spans and _valid(c.content_start, c.content_end, text_len):
        spans = [(int(c.content_start), int(c.content_end))]
    return spans


def _sentence_index(sentences: Sequence[Sentence]) -> tuple[list[int], list[int]]:
    ordered = sorted(sentences, key=lambda s: s.start)
    return [s.start for s in ordered], [s.sentence_id for s in ordered]


def _sentence_of(starts: list[int], ids: list[int], offset: int) -> int:
    i = bisect.bisect_right(starts, offset) - 1
    return ids[i] if i >= 0 else (ids[0] if ids else 0)


def scare_quotes(text: str) -> list[tuple[int, int]]:
    """Return spans of short quoted phrases (1-4 words) such as the 'peace plan'.

    Apostrophes inside words ("Putin's") are not quotation marks.

    >>> t = "He called the so-called ‘peace plan’ a trick, said Putin's aide."
    >>> [t[s:e] for s, e in scare_quotes(t)]
    ['‘peace plan’']
    """
    out = []
    for m in _SCARE_RE.finditer(text or ""):
        q, body = m.group("q"), m.group("body")
        close = text[m.end() - 1]
        if q in "'‘" and close not in "'’":
            continue
        if q in "\"“" and close not in "\"”":
            continue
        if body.count("'") or body.count("’"):  # an apostrophe inside suggests a mis-paired quote
            continue
        out.append((m.start(), m.end()))
    return out


def find_markers(
    article_id: str,
    text: str,
    sentences: Sequence[Sentence],
    claims: Sequence[Claim],
) -> list[Marker]:
    """Return hedge, doubt, loaded and booster markers for one article.

    >>> from toolkit.types import Sentence
    >>> text = "The regime reportedly fell."
    >>> [(m.kind, m.text) for m in find_markers("a", text, [Sentence("a", 0, 0, "body", 0, 27, text, 5)], [])]
    [('loaded', 'regime'), ('hedge', 'reportedly')]
    """
    text = text or ""
    starts, ids = _sentence_index(sentences)
    where = ClaimSpans(claims, len(text))
    found: list[tuple[str, int, int]] = []
    for kind, lexicon in (("doubt", "doubt_markers"), ("loaded", "loaded_terms"), ("booster", "boosters")):
        found += [(kind, m.start(), m.end()) for m in term_regex(lexicon).finditer(text)]
    found += [("hedge", s, e) for s, e, _ in find_hedges(text)]
    for s, e in scare_quotes(text):
        hit = where.content_claim(s, e)
        # A quoted fragment that is itself a claim's quoted content is a partial quote, not scare quotes.
        if hit is not None and hit[1] in ("direct", "mixed"):
            continue
        found.append(("doubt", s, e))
    # "allegedly" is both a doubt marker and a hedge: keep it once, as a hedge.
    hedges = {(s, e) for k, s, e in found if k == "hedge"}
    found = [f for f in found if not (f[0] == "doubt" and (f[1], f[2]) in hedges)]
    out = []
    for kind, s, e in sorted(found, key=lambda f: (f[1], f[2], f[0])):
        hit = where.content_claim(s, e)
        claim_id = hit[0] if hit else where.extent_claim(s, e)
        out.append(Marker(article_id, _sentence_of(starts, ids, s), kind, text[s:e], s, e, claim_id, hit is not None))
    return out


def merge_markers(existing: Iterable[Marker], new: Iterable[Marker]) -> list[Marker]:
    """Add ``new`` markers unless an existing marker of the same kind overlaps them.

    >>> a = Marker("a", 0, "hedge", "reportedly", 0, 10)
    >>> [m.text for m in merge_markers([a], [Marker("a", 0, "hedge", "reportedly", 0, 10)])]
    ['reportedly']
    """
    kept = list(existing)
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in kept:
        spans.setdefault(m.kind, []).append((m.start, m.end))
    for m in new:
        if any(s < m.end and m.start < e for s, e in spans.get(m.kind, [])):
            continue
        kept.append(m)
        spans.setdefault(m.kind, []).append((m.start, m.end))
    return sorted(kept, key=lambda m: (m.start, m.end, m.kind))
