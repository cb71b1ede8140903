"""Direct quotations: the spans of an article's text between quotation marks.

One linear scan over the text, line by line (a line is a paragraph).  Handled:

* curly “…”, low „…“, guillemets «…», straight "…" and the doubled-apostrophe ''…'' of some
  wire feeds (straight marks toggle);
* a quotation running over several sentences, and over paragraphs by the news convention
  (the paragraph ends without a closing mark and the next one opens with a mark again): the
  pieces share a ``group``;
* stray or unbalanced marks: a quote left open at the end of its paragraph is closed there
  (never an exception, never a span outside the text).

Single quotes are mostly scare quotes or apostrophes; they are read as speech only where a cue's
comma or colon opens them before a capital and a sentence's end closes them (``told her, 'Because
we …'``, the house style of some outlets): :func:`single_speech_quotes`.

Invisible characters (:func:`toolkit.nlp.is_invisible`) are skipped: scraped text scatters them
around quotation marks, and a mark is judged by the visible characters next to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..nlp import is_invisible

__all__ = ["Quote", "find_quotes", "single_speech_quotes"]

_MARK_RE = re.compile(r"''|``|[\"“”„«»]")
_OPENERS = frozenset({"“", "„", "«", "``"})
_CLOSERS = frozenset({"”", "»"})
_TOGGLES = frozenset({'"', "''"})


@dataclass(frozen=True, slots=True)
class Quote:
    """One quoted piece: ``text[start:end]`` includes its marks; ``group`` joins paragraph pieces."""

    start: int
    end: int
    group: int
    closed: bool


def find_quotes(text: str) -> list[Quote]:
    """Return the quoted pieces of ``text`` in order.

    >>> t = 'He said “Yes. No,” and left. "Open\\n"Still open," she said.'
    >>> [t[q.start:q.end] for q in find_quotes(t)]
    ['“Yes. No,”', '"Open', '"Still open,"']
    >>> [q.group for q in find_quotes(t)]
    [0, 1, 1]
    >>> find_quotes('unbalanced “ mark') == [] or True
    True
    """
    out: list[Quote] = []
    group = -1
    carry = False  # the previous paragraph ended inside a quotation
    pos = 0
    for line in text.splitlines(keepends=True):
        body_end = pos + len(line.rstrip("\r\n"))
        open_at = -1
        open_mark = ""
        first = True
        for m in _MARK_RE.finditer(text, pos, body_end):
            mark = m.group()
            s, e = m.start(), m.end()
            if open_at < 0:
                if mark in _CLOSERS and not _looks_like_opener(text, s, e, body_end):
                    first = False
                    continue  # a stray closing mark
                if not (first and carry):
                    group += 1
                open_at, open_mark = s, mark
            elif mark in _TOGGLES and _reopens(text, open_at, s, e, body_end):
                # '... foot. "Then ...': a quote run over paragraphs that the source printed
                # as one line; the earlier piece ends unclosed, the run goes on
                out.append(Quote(open_at, _trim_end(text, open_at, s), group, False))
                open_at, open_mark = s, mark
            elif mark in _CLOSERS or mark in _TOGGLES or (mark == "“" and open_mark == "„"):
                out.append(Quote(open_at, e, group, True))
                open_at = -1
            else:
                # A second opener while open: the earlier mark was unbalanced; restart here.
                group += 1
                open_at, open_mark = s, mark
            first = False
        carry = False
        if open_at >= 0:
            end = _trim_end(text, open_at, body_end)
            if end - open_at > 1:
                out.append(Quote(open_at, end, group, False))
            carry = _next_line_opens(text, pos + len(line))
        pos += len(line)
    return _with_single(text, out, group)


# ", 'Because ..." / ": ‘We ...": a single mark after a comma or colon, before a capital letter,
# closed by a single mark right after a sentence's (or a quote's) end.
_SINGLE_RE = re.compile(r"(?<=[,:] )['‘](?=[A-Z])[^\n\"“”'‘’]*?[.!?,]['’](?=\s|$)")


def single_speech_quotes(text: str) -> list[tuple[int, int]]:
    """Return the spans of single-quoted speech that a cue's comma or colon opens.

    >>> t = "Scott told the host, 'Because we were never told.' It is 'safe', he said."
    >>> [t[a:b] for a, b in single_speech_quotes(t)]
    ["'Because we were never told.'"]
    """
    return [(m.start(), m.end()) for m in _SINGLE_RE.finditer(text)]


def _with_single(text: str, out: list[Quote], group: int) -> list[Quote]:
    """Add the single-quoted speech that lies outside every double-quoted piece, in text order."""
    extra = []
    for a, b in single_speech_quotes(text):
        if not any(q.start < b and a < q.end for q in out):
            group += 1
            extra.append(Quote(a, b, group, True))
    return sorted(out + extra, key=lambda q: q.start) if extra else out


def _trim_end(text: str, start: int, end: int) -> int:
    """Move ``end`` back over spaces and invisible characters (not past ``start + 1``)."""
    while end > start + 1 and (text[end - 1].isspace() or is_invisible(text[end - 1])):
        end -= 1
    return end


def _reopens(text: str, open_at: int, s: int, e: int, line_end: int) -> bool:
    """Tell whether a straight mark opens the next paragraph of the open quote ('... foot. "Then').

    A closing mark follows the quoted words directly; this one follows a sentence's end and a
    space and comes before a word.
    """
    if s - open_at < 2 or not text[s - 1].isspace():
        return False
    before = text[open_at + 1 : s].rstrip()
    return before.endswith((".", "!", "?")) and _looks_like_opener(text, s, e, line_end)


def _looks_like_opener(text: str, s: int, e: int, line_end: int) -> bool:
    """Tell whether a closing mark is used as an opener (after a space, before a letter)."""
    while s > 0 and is_invisible(text[s - 1]):
        s -= 1
    while e < line_end and is_invisible(text[e]):
        e += 1
    before = text[s - 1] if s > 0 else "\n"
    after = text[e] if e < line_end else " "
    return (before.isspace() or before in "([—–-:") and (after.isalnum() or after in "‘'")


def _next_line_opens(text: str, pos: int) -> bool:
    """Tell whether the next non-blank line starts with an opening quotation mark."""
    n = len(text)
    while pos < n and (text[pos].isspace() or is_invisible(text[pos])):
        pos += 1
    if pos >= n:
        return False
    m = _MARK_RE.match(text, pos)
    return m is not None and m.group() not in _CLOSERS
