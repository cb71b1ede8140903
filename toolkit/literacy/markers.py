"""Word-level markers: hedges, doubt markers (incl. scare quotes), loaded labels, boosters.

Every marker is a :class:`~toolkit.types.Marker` whose ``text`` is exactly
``article_text[start:end]``.  A marker lying inside a claim's content spans is
``inside_content=True`` (someone else's words); otherwise it is the reporter's own wording.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from spacy.tokens import Doc, Token

from ..lexicons import load_table
from ..types import HEADLINE_ROLES, Claim, Marker, Sentence
from .hedging import find_hedges
from .lexicon import cue_classes, term_regex
from .quoted import QuotedText
from .stance import verb_lemmas

__all__ = ["ClaimSpans", "find_markers", "mentions_reporting_verb", "merge_markers", "reports_speech", "scare_quotes"]

_ACCORDING_RE = re.compile(r"\baccording\s+to\b", re.IGNORECASE)
# A word not glued to a hyphen: "so-called" holds no reporting verb.
_WORD_RE = re.compile(r"(?<![\w-])[A-Za-z]+\b")
_NAMING_RE = re.compile(
    r"\b(?:called|calls|call|calling|dubbed|dubs|termed|labelled|labeled|branded|described\s+(?:\w+\s+)?as|known\s+as|"
    r"word|words|phrase|term)\s*[,:]?\s*(?:it|him|her|them|this|that|the\s+\w+)?\s*(?:an?\s+)?$",
    re.IGNORECASE,
)
# A short phrase in quotation marks: 1-4 words, no sentence punctuation inside.
_SCARE_RE = re.compile(
    r"(?:^|(?<=[\s(\[—–-]))"
    r"(?P<q>[\"“‘']|``)(?P<body>[A-Za-z][\w'’-]*(?:\s+[\w'’-]+){0,3})(?:[\"”’']|'')"
    r"(?=[\s,.;:!?)\]—–-]|$)"
)


class _Intervals:
    """Intervals with payloads, sorted for O(log n) containment and overlap queries."""

    def __init__(self, items: list[tuple[int, int, Any]]) -> None:
        self.items = sorted(items, key=lambda t: (t[0], -t[1]))
        self.starts = [t[0] for t in self.items]
        self.max_end: list[int] = []
        for _, e, _ in self.items:
            self.max_end.append(max(e, self.max_end[-1]) if self.max_end else e)

    def containing(self, start: int, end: int) -> Any:
        """Return the payload of the latest-starting interval holding ``[start, end)``, or None."""
        i = bisect.bisect_right(self.starts, start) - 1
        while i >= 0 and self.max_end[i] >= end:
            s, e, payload = self.items[i]
            if s <= start and end <= e:
                return payload
            i -= 1
        return None

    def overlaps(self, start: int, end: int) -> bool:
        """Tell whether any interval overlaps ``[start, end)``."""
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and self.max_end[i] > start


class ClaimSpans:
    """Where the claims of one article sit: content spans and overall extents, for lookups."""

    def __init__(self, claims: Sequence[Claim], text_len: int) -> None:
        content: list[tuple[int, int, Any]] = []
        extent: list[tuple[int, int, Any]] = []
        for c in claims:
            spans = _claim_spans(c, text_len)
            content += [(s, e, (c.claim_id, c.quote_type or "")) for s, e in spans]
            points = [p for s, e in spans for p in (s, e)]
            for a, b in ((c.speaker_start, c.speaker_end), (c.cue_start, c.cue_end)):
                if _valid(a, b, text_len):
                    points += [int(a), int(b)]  # type: ignore[arg-type]
            if points:
                extent.append((min(points), max(points), c.claim_id))
        self._content = _Intervals(content)
        self._extent = _Intervals(extent)

    def content_claim(self, start: int, end: int) -> tuple[int, str] | None:
        """Return ``(claim_id, quote_type)`` of the content span holding ``[start, end)``."""
        hit: tuple[int, str] | None = self._content.containing(start, end)
        return hit

    def extent_claim(self, start: int, end: int) -> int | None:
        """Return the claim whose speaker-cue-content extent holds ``[start, end)``."""
        hit: int | None = self._extent.containing(start, end)
        return hit

    def covers(self, start: int, end: int) -> bool:
        """Tell whether any claim (speaker, cue or content) overlaps ``[start, end)``."""
        return self._extent.overlaps(start, end)


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
        if body.count("'") or body.count("’") or len(body) < 2:  # mis-paired quote, or "drum 'n' bass"
            continue
        out.append((m.start(), m.end()))
    return out


def _has_reporting_cue(text: str, sent: Sentence, doc: Doc | None, quote: tuple[int, int]) -> bool:
    if doc is not None:  # annotate() passes a doc only when doc.text == text
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        lemmas = _reporting_lemmas()
        if span is not None and any(
            t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in lemmas and not (t.i and doc[t.i - 1].text in ("-", "so"))
            for t in span
        ):
            return True
        if span is not None and any(t.pos_ for t in span):
            return bool(_ACCORDING_RE.search(sent.text))
    # Without a parse a noun in the quote ("peace plan") would pass for the verb "plan".
    return mentions_reporting_verb(text[sent.start : quote[0]] + " " + text[quote[1] : sent.end])


def mentions_reporting_verb(text: str) -> bool:
    """Tell, without a parse, whether ``text`` holds a form of a reporting verb or "according to".

    >>> mentions_reporting_verb("Oil prices fall, traders say"), mentions_reporting_verb("Oil prices fall")
    (True, False)
    """
    lemmas = _reporting_lemmas()
    if _ACCORDING_RE.search(text):
        return True
    return any(c in lemmas for m in _WORD_RE.finditer(text) for c in verb_lemmas(m.group()))


def _says_a_clause(t: Token, lemmas: frozenset[str]) -> bool:
    if t.pos_ != "VERB" or t.lemma_.lower() not in lemmas:
        return False
    deps = {ch.dep_ for ch in t.children}
    return bool(deps & {"nsubj", "nsubjpass"}) and (bool(deps & {"ccomp", "parataxis"}) or t.dep_ == "parataxis")


def reports_speech(text: str, start: int, end: int, doc: Doc | None) -> bool:
    """Tell whether ``text[start:end]`` reports what someone says (a reporting verb, subject, clause).

    "X say they would …" and "…, analysts agree, is …" do; "claimed thousands of lives" does
    not.  Without a parse, any form of a reporting verb counts.

    >>> reports_speech("The Conservatives say they would cut taxes.", 0, 43, None)
    True
    """
    if doc is not None and doc.has_annotation("DEP"):  # annotate() passes a doc only when doc.text == text
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            lemmas = _reporting_lemmas()
            return any(_says_a_clause(t, lemmas) for t in span) or bool(_ACCORDING_RE.search(span.text))
    return mentions_reporting_verb(text[start:end])


@cache
def _reporting_lemmas() -> frozenset[str]:
    try:  # the attribution engine's reporting verbs; the literacy cue lexicon otherwise
        lemmas = {r["lemma"].split()[0] for r in load_table("reporting_verbs")}
    except FileNotFoundError:
        lemmas = set()
    return frozenset(lemmas | {k.split()[0] for k in cue_classes()} | {"talk", "speak", "refer", "slate", "praise"})


def find_markers(
    article_id: str,
    text: str,
    sentences: Sequence[Sentence],
    claims: Sequence[Claim],
    *,
    doc: Doc | None = None,
    quoted: QuotedText | None = None,
) -> list[Marker]:
    """Return hedge, doubt, loaded and booster markers for one article.

    A word inside any quotation (``quoted``, found from the text when not given) is someone
    else's, ``inside_content`` — even when no claim holds it (a cue-less continuation quote).

    >>> from toolkit.types import Sentence
    >>> text = "The regime reportedly fell."
    >>> [(m.kind, m.text) for m in find_markers("a", text, [Sentence("a", 0, 0, "body", 0, 27, text, 5)], [])]
    [('loaded', 'regime'), ('hedge', 'reportedly')]
    """
    text = text or ""
    quoted = quoted if quoted is not None else QuotedText(text)
    starts, ids = _sentence_index(sentences)
    headlines = [(s.start, s.end) for s in sentences if s.role in HEADLINE_ROLES]
    where = ClaimSpans(claims, len(text))
    found: list[tuple[str, int, int]] = []
    scare: set[tuple[int, int]] = set()  # scare quotes are the reporter's own quotation marks
    for kind, lexicon in (("doubt", "doubt_markers"), ("loaded", "loaded_terms"), ("booster", "boosters")):
        found += [(kind, m.start(), m.end()) for m in term_regex(lexicon).finditer(text)]
    found += [("hedge", s, e) for s, e, _ in find_hedges(text)]
    sentence_by_id = {x.sentence_id: x for x in sentences}
    for s, e in scare_quotes(text):
        if any(hs <= s < he for hs, he in headlines):
            continue  # headline style: quote marks attribute words ("Steel sell-off 'illegal'")
        first = text[s + 1 : s + 2]
        if first.isupper() and first != "I":
            continue  # a name or title in quotes ("Marshall Plan", "Save Star Trek")
        sent = sentence_by_id.get(_sentence_of(starts, ids, s))
        if sent is not None and (where.covers(sent.start, sent.end) or _has_reporting_cue(text, sent, doc, (s, e))):
            continue  # a partial quote of someone the sentence attributes words to
        # Quote marks inside attributed content, or after "called"/"dubbed", quote someone's
        # words (a partial quote); only the reporter's own narration can hold scare quotes.
        if where.content_claim(s, e) is not None or _NAMING_RE.search(text[max(0, s - 30) : s]):
            continue
        found.append(("doubt", s, e))
        scare.add((s, e))
    # "allegedly" is both a doubt marker and a hedge: keep it once, as a hedge.
    hedges = {(s, e) for k, s, e in found if k == "hedge"}
    found = [f for f in found if not (f[0] == "doubt" and (f[1], f[2]) in hedges)]
    out = []
    for kind, s, e in sorted(found, key=lambda f: (f[1], f[2], f[0])):
        sent = sentence_by_id.get(_sentence_of(starts, ids, s))
        if sent is None or not (sent.start <= s and e <= sent.end):
            continue  # a marker belongs to one sentence; the terms never span two
        hit = where.content_claim(s, e)
        claim_id = hit[0] if hit else where.extent_claim(s, e)
        inside = hit is not None or ((s, e) not in scare and quoted.inside(s, e))
        out.append(Marker(article_id, _sentence_of(starts, ids, s), kind, text[s:e], s, e, claim_id, inside))
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
