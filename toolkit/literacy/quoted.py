"""Where the reporter is not speaking: every stretch of the text inside quotation marks.

The checks of the reporter's own voice (certainty words, weasel wording, loaded labels, facts
stated without a source) must never count words inside a quotation, whether or not the
attribution engine found who said them: a cue-less quote continuing the previous speaker, or a
paragraph of a multi-paragraph quote, is still someone else's words.

The quotation pieces come from :func:`toolkit.attribution.quotes.find_quotes` (one scanner for
quotation marks).  One more case is added here: a quote left open at the end of its paragraph
whose continuation paragraphs carry no opening mark and whose last one closes it
(“First paragraph ... / second paragraph.”) — the scanner closes the first piece at its
paragraph end and reads the final closing mark as stray; for the reporter's voice the paragraphs
up to that closing mark are quoted too.
"""

from __future__ import annotations

import bisect
import re

from ..attribution.quotes import find_quotes

__all__ = ["QuotedText", "quoted_spans"]

# A quotation left open runs on over at most this many unmarked paragraphs before its closing
# mark; further than that the open mark was more likely a typo than a long speech.
MAX_OPEN_PARAGRAPHS = 3
# A sentence at least half of whose visible characters are quoted is a quotation, not narration.
QUOTED_SHARE = 0.5
_MARK_RE = re.compile(r"[\"“”„«»]")
_CLOSERS = "”»"


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            out.append((pos, pos + len(body)))
        pos += len(line)
    return out


def _closing_mark(text: str, start: int, end: int) -> int | None:
    """Return the end of the first mark of a paragraph if that mark closes a quotation."""
    m = _MARK_RE.search(text, start, end)
    if m is None:
        return None
    after = text[m.end() : m.end() + 1]
    closes = m.group() in _CLOSERS or (m.group() == '"' and (not after or not after.isalnum()))
    return m.end() if closes and m.start() > start else None


def _open_runs(text: str, open_ends: list[int]) -> list[tuple[int, int]]:
    """Quoted paragraphs after quotes left open: up to and including the one that closes them."""
    paras = _paragraphs(text)
    starts = [s for s, _ in paras]
    out = []
    for end in open_ends:
        k = bisect.bisect_right(starts, end)
        for j in range(k, min(k + MAX_OPEN_PARAGRAPHS, len(paras))):
            s, e = paras[j]
            if _MARK_RE.match(text, s) and text[s] not in _CLOSERS:
                break  # the scanner already reads an opening paragraph
            close = _closing_mark(text, s, e)
            if close is not None:
                out.append((paras[k][0], close))
                break
            if _MARK_RE.search(text, s, e):
                break  # other marks: not an unmarked continuation
    return out


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Return the sorted, merged character spans of ``text`` inside quotation marks.

    >>> t = '“We will win, of course.\\nThe rest is detail,” he said. Done.'
    >>> [t[s:e] for s, e in quoted_spans(t)]
    ['“We will win, of course.\\nThe rest is detail,”']
    """
    quotes = find_quotes(text or "")
    spans = [(q.start, q.end) for q in quotes]
    spans += _open_runs(text, [q.end for q in quotes if not q.closed])
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1] + 1 and text[merged[-1][1] : s].strip() == "":
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


class QuotedText:
    """The quoted spans of one article, for containment and share queries."""

    def __init__(self, text: str) -> None:
        self.text = text or ""
        self.spans = quoted_spans(self.text)
        self._starts = [s for s, _ in self.spans]

    def inside(self, start: int, end: int) -> bool:
        """Tell whether ``[start, end)`` lies inside one quotation.

        >>> QuotedText('He said “it is clearly over” today.').inside(11, 18)
        True
        """
        i = bisect.bisect_right(self._starts, start) - 1
        return i >= 0 and self.spans[i][0] <= start and end <= self.spans[i][1]

    def narration(self, start: int, end: int) -> str:
        """Return ``text[start:end]`` with every quoted character blanked out.

        >>> QuotedText('Some say “many agree” now.').narration(0, 26)
        'Some say              now.'
        """
        chars = list(self.text[start:end])
        i = max(0, bisect.bisect_right(self._starts, start) - 1)
        for s, e in self.spans[i:]:
            if s >= end:
                break
            for k in range(max(s, start), min(e, end)):
                chars[k - start] = " "
        return "".join(chars)

    def mostly_quoted(self, start: int, end: int) -> bool:
        """Tell whether at least :data:`QUOTED_SHARE` of the visible characters are quoted.

        >>> QuotedText('“It was all fine,” he said.').mostly_quoted(0, 27)
        True
        """
        visible = sum(not ch.isspace() for ch in self.text[start:end])
        left = sum(not ch.isspace() for ch in self.narration(start, end))
        return visible > 0 and (visible - left) >= QUOTED_SHARE * visible
