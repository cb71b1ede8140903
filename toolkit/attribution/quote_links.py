"""Which quotations a reporting cue introduces: the one just before it and the one just after."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from spacy.tokens import Doc, Token

from ..nlp import invisible_class, is_invisible
from . import cues as C
from .context import ArticleContext
from .quotes import Quote
from .spans import QUOTE_CHARS, TokenRange, char_span
from .speaker_finder import is_participle_cue

__all__ = ["cue_region", "ends_sentence", "looks_like_title", "quote_links"]

# Auxiliaries and adverbs this close to the verb belong to its cue ("has repeatedly said").
_CUE_REACH = 3
# A speaker this close to the cue joins its region ("“X,” Rubio, 44, said").
_SPEAKER_REACH = 4
# “X,” he said: at most a comma and a space or two lie between the quote and its cue.
_MAX_GAP_BEFORE = 6
# said: “X”: the quotation starts within a short run of words (an addressee, a time) ...
_MAX_STEPS_AFTER = 10
# ... and within this many characters of the cue.
_MAX_GAP_AFTER = 80
# Single marks around a title inside the cue's own words.
_TITLE_MARKS = frozenset("'‘’")
# Quoted Title-Case runs this short are names of shows, books and songs, not speech.
_TITLE_MAX_WORDS = 4


@cache
def _gap_re() -> re.Pattern[str]:
    return re.compile(rf"(?:[\s,;:—–-]|{invisible_class()})*")


def cue_region(doc: Doc, v: Token, speaker: TokenRange | None) -> TokenRange:
    """Token range covering the speaker, the verb and its auxiliaries / adverbs next to it.

    >>> import spacy
    >>> doc = spacy.blank("en")("He said")
    >>> cue_region(doc, doc[1], (0, 1))
    (0, 2)
    """
    a, b = v.i, v.i + 1
    for c in v.children:
        if c.dep_ in ("aux", "auxpass", "neg", "advmod", "prt", "npadvmod") and abs(c.i - v.i) <= _CUE_REACH:
            a, b = min(a, c.i), max(b, c.i + 1)
    if speaker is not None and (speaker[1] >= a - _SPEAKER_REACH and speaker[0] <= b + _SPEAKER_REACH):
        a, b = min(a, speaker[0]), max(b, speaker[1])
    return a, b


def looks_like_title(text: str, q: Quote) -> bool:
    """Tell whether a quotation is a short run of capitalised words (a show, a book, a song).

    >>> t = 'on “CBS This Morning,” and “we will win”'
    >>> [looks_like_title(t, q) for q in __import__("toolkit.attribution.quotes", fromlist=["x"]).find_quotes(t)]
    [True, False]
    """
    words = text[q.start + 1 : q.end - 1].split()
    return 0 < len(words) <= _TITLE_MAX_WORDS and all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def _spoken_opening(art: ArticleContext, q: Quote) -> bool:
    """Tell whether a short capitalised quotation is speech, not a title.

    Speech opens its sentence and stops at a comma, "!" or "?" inside its marks (“Test,” said
    Dr. Smith; “Never!” she said).

    A title is named inside the reporter's sentence (on “CBS This Morning,” Sanders said).
    """
    inner = "".join(ch for ch in art.text[q.start : q.end] if not is_invisible(ch))
    return art.opens_sentence(q) and inner.rstrip("\"”»'’ ").endswith((",", "!", "?"))


def ends_sentence(text: str, q: Quote) -> bool:
    """Tell whether the quoted words end with a full stop, "!" or "?" (marks and spaces aside).

    >>> ends_sentence('“Go.”', Quote(0, 5, 0, True)), ends_sentence('“Go,”', Quote(0, 5, 0, True))
    (True, False)
    """
    inner = "".join(ch for ch in text[q.start : q.end] if not is_invisible(ch))
    return inner.rstrip("\"”»'’ ").endswith((".", "!", "?"))


def _quote_before(art: ArticleContext, v: Token, start_char: int) -> Quote | None:
    """“X,” he said — but not “X.” He said that ...: a closed sentence starts a new one."""
    text = art.text
    k = bisect_right(art.qstarts, start_char) - 1
    while k >= 0 and art.quotes[k].end > start_char:
        k -= 1
    if k < 0:
        return None
    q = art.quotes[k]
    if not (_gap_re().fullmatch(text, q.end, start_char) and start_char - q.end < _MAX_GAP_BEFORE):
        return None
    # ... and not “X,” when the verb has its own unquoted complement after it
    # (“...,” one prosecutor said the cases differ); on “CBS This Morning,” Sanders said ...
    # the quotation is a title, not speech
    title = looks_like_title(text, q) and not _spoken_opening(art, q)
    own_clause = title or any(
        c.dep_ == "ccomp" and c.i > v.i and not art.quoted(c.left_edge.idx) for c in v.children
    )
    # A closed quotation and then a verb with its own object is a new sentence about something
    # else (“... the blog.” The issue has highlighted concerns ...), unless the object is the
    # one addressed (“...” He told reporters.).
    closed_deps = ("ccomp",) if v.lemma_.lower() in C.frames()["addressee"] else ("ccomp", "dobj")
    complete = own_clause or (
        ends_sentence(text, q) and any(c.dep_ in closed_deps and c.i > v.i for c in v.children)
    )
    # "“X,” adding, “Y”": the quote before a participle belongs to the main verb
    if "\n" in text[q.end : start_char] or complete or is_participle_cue(v) or _inner_phrase(art, q):
        return None
    return q


def _inner_phrase(art: ArticleContext, q: Quote) -> bool:
    """Tell whether a quotation is a phrase inside the reporter's clause ("as an “enabler”, said X").

    A quotation that starts in mid-sentence with a lower-case word is not a sentence of its own:
    the whole clause around it is what the cue reports (mixed speech), not the phrase alone.
    """
    first = next((ch for ch in art.text[q.start : q.end] if ch.isalpha()), "")
    return first.islower() and not art.opens_sentence(q)


def _words_lead_to(doc: Doc, v: Token, region: TokenRange, q: Quote, before: Quote | None) -> bool:
    """Tell whether only the cue's own short words lie between the region and the quotation."""
    lo, hi = v.left_edge.i, v.right_edge.i
    i, steps = region[1], 0
    while i < len(doc) and doc[i].idx < q.start:
        t = doc[i]
        steps += not t.is_punct
        nxt = doc[i + 1 if i + 1 < len(doc) else i]
        if steps > _MAX_STEPS_AFTER or "\n" in t.text or "\n" in t.whitespace_ and nxt.idx < q.start:
            return False
        if t.is_space or t.text in ",:;—–-" or (t.text == "." and before is not None):
            i += 1
            continue
        if t.text in _TITLE_MARKS and lo <= t.i <= hi:
            i += 1  # told 'CBS This Morning' co-host Gayle King, '...': a title's marks
            continue
        if t.lower_ == "that" and t.dep_ == "mark":
            return False
        if t.dep_ in ("dobj", "oprd") and t.head.i == v.i and v.lemma_.lower() not in C.frames()["addressee"]:
            return False  # called her behavior “outrageous”: the object is part of the content
        if not (lo <= t.i <= hi) or t.pos_ in ("VERB", "AUX") or t.text in QUOTE_CHARS:
            return False
        i += 1
    prev = doc[i - 1] if i > 0 else None
    # said on “Fox News Sunday”: a quoted title after a preposition is not the content
    return not (prev is not None and prev.pos_ == "ADP" and prev.i >= region[1])


def _quote_after(
    art: ArticleContext, v: Token, region: TokenRange, end_char: int, before: Quote | None
) -> Quote | None:
    """He said: “X” — the next quotation, when nothing but the cue's own words leads to it."""
    doc, text = art.doc, art.text
    k = bisect_right(art.qstarts, end_char - 1)
    if k >= len(art.quotes):
        return None
    q = art.quotes[k]
    if not _words_lead_to(doc, v, region, q, before) or looks_like_title(text, q):
        return None  # said “An American Son”: a title, not what was said
    if q.start - end_char >= _MAX_GAP_AFTER:
        return None
    # said that, “X” against ...: the clause, not just the quote, is the content -- unless
    # the quotation ends its sentence and the parse ran on past it
    if not ends_sentence(text, q):
        for c in v.children:
            if c.dep_ == "ccomp" and c.i > v.i:
                last = doc[c.right_edge.i]
                if last.idx >= q.end and not last.is_punct:
                    return None
    return q


def quote_links(art: ArticleContext, v: Token, region: TokenRange) -> tuple[Quote | None, Quote | None]:
    """Return the quotations just before and just after the cue region (or None).

    >>> from toolkit.nlp import load_model
    >>> from toolkit.structure import sentences_from_doc
    >>> doc = load_model()("“We will win,” she said.")
    >>> art = ArticleContext(doc, sentences_from_doc(doc, "a"))
    >>> before, after = quote_links(art, doc[6], (5, 7))
    >>> doc.text[before.start:before.end], after
    ('“We will win,”', None)
    """
    start_char, end_char = char_span(art.doc, *region)
    # A closing mark glued to the next word ('..."Former secretary X said') puts the region's
    # first token inside the quotation: the region starts where the quotation ends.
    glued = art.quote_at(start_char)
    if glued is not None and glued.end <= v.idx:
        start_char = glued.end
    before = _quote_before(art, v, start_char)
    return before, _quote_after(art, v, region, end_char, before)
