"""Claims: pair each reporting cue with its speaker and its content, then build the records.

Constructions (rules over the dependency parse, one pass per sentence):

* direct quotes next to their attribution: ``“X,” he said``, ``he said: “X”``,
  ``“X,” he said, “Y”`` (two content spans), quotes over several sentences or paragraphs;
* indirect speech: the clausal complement of a reporting verb (``X said (that) ...``), the
  fronted clause of ``..., X said`` / inverted ``..., says US``, objects of denials and
  accusations (``denied asking ...``, ``accused the US of ...``);
* ``according to X, ...`` (the clause it modifies);
* agentless cues: ``reportedly``, ``allegedly``, ``it is said``, ``is said to``;
* headline colons (``Clinton: ...``) and dash attributions (``“...” — Name``).

Speakers are merged by :mod:`.coref`; their kind comes from :mod:`.speakers`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from ..lexicons import load_terms
from ..types import Claim, Marker, Sentence, Speaker
from . import cues as C
from .coref import Entity, Mention, resolve
from .quotes import Quote, find_quotes, is_invisible
from .speakers import anonymity_reason, describe

__all__ = ["extract_attributions"]

_EDGE_PUNCT = frozenset(",;:—–-()[]")
_QUOTE_CHARS = frozenset("\"“”„«»'‘’`")
# Format characters (zero-width space, joiners, BOM) are invisible between a quote and its cue.
_FORMAT = "\u00ad\u200b-\u200f\u2060-\u2064\ufeff"
_GAP_RE = re.compile(rf"[\s,;:—–{_FORMAT}-]*")
_NEG = frozenset({"not", "n't", "never", "no"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_DATELINE_RE = re.compile(
    r"(?=[A-Z.'’]{5}|[A-Z.'’]+ [A-Z])[A-Z][A-Z.'’]*(?: [A-Z][A-Z.'’]*)*(?:, [A-Z][A-Za-z.]+)?\s*"
    r"(?:\([A-Za-z ]+\))?\s*(?:--|—|–|-)\s+"
)
_SUBJ = ("nsubj", "nsubjpass", "csubj")
# Verbs whose direct object is the content ("denied the report", "accused X of Y").
_OBJECT_STANCES = frozenset({"deny", "accuse"})
_ACCORDING_IDIOMS = frozenset({"plan", "plans", "schedule", "law", "tradition", "custom", "rules"})


@cache
def _frames() -> dict[str, frozenset[str]]:
    """Return frame -> verbs (object / addressee / infinitive) from ``attribution_frames.txt``.

    >>> "tell" in _frames()["addressee"]
    True
    """
    out: dict[str, set[str]] = {}
    for term in load_terms("attribution_frames"):
        frame, _, verb = term.partition(":")
        out.setdefault(frame.strip(), set()).add(verb.strip())
    return {k: frozenset(v) for k, v in out.items()}


@dataclass(slots=True)
class Draft:
    """A claim under construction (token ranges are [start, end))."""

    sentence_id: int
    cue: C.Cue
    speaker: tuple[int, int] | None
    antecedent: tuple[int, int] | None
    spans: list[tuple[int, int]]  # content, character offsets
    quote_type: str
    stance: str
    agentless: bool = False
    # character spans of hedges on the cue side ("has reportedly said")
    hedge_spans: list[tuple[int, int]] = field(default_factory=list)
    # content taken from the clause around a parenthetical cue ("..., they said"): a cue with its
    # own subject inside it is a claim of its own, not a nested one
    loose: bool = False
    # character span of the speaker, set by the final sanitising pass
    speaker_chars: tuple[int, int] | None = None


@cache
def _stance_terms() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(truth words whose negation denies, falsity words, accusation words) for content stance."""
    truth: set[str] = set()
    false: set[str] = set()
    accuse: set[str] = set()
    for term in load_terms("attribution_content_stance"):
        kind, _, word = term.partition(":")
        {"truth": truth, "false": false, "accuse": accuse}.get(kind.strip(), set()).add(
            word.strip()
        )
    return frozenset(truth), frozenset(false), frozenset(accuse)


@cache
def _hedge_index() -> tuple[frozenset[str], dict[str, tuple[tuple[str, ...], ...]]]:
    """Single-word hedges and multi-word hedges keyed by their first word."""
    single: set[str] = set()
    multi: dict[str, list[tuple[str, ...]]] = {}
    for term in load_terms("hedges"):
        words = tuple(term.split())
        if len(words) == 1:
            single.add(words[0])
        else:
            multi.setdefault(words[0], []).append(words)
    return frozenset(single), {k: tuple(sorted(v, key=len, reverse=True)) for k, v in multi.items()}


# Approximators hedge only a number ("about 300"); "some" alone is a quantifier, not a hedge.
_NEEDS_NUMBER = frozenset(
    {"about", "around", "roughly", "approximately", "some", "nearly", "almost"}
)


# ---------------------------------------------------------------------------------------------
# small helpers over token ranges


def _chars(doc: Doc, a: int, b: int) -> tuple[int, int]:
    return doc[a].idx, doc[b - 1].idx + len(doc[b - 1])


def _trim(doc: Doc, a: int, b: int) -> tuple[int, int]:
    """Drop spaces and separating punctuation at both ends of the token range [a, b)."""
    while a < b and (doc[a].is_space or doc[a].text in _EDGE_PUNCT):
        a += 1
    while b > a and (
        doc[b - 1].is_space or doc[b - 1].text in _EDGE_PUNCT or doc[b - 1].text == "."
    ):
        if doc[b - 1].text == ")" and any(doc[i].text == "(" for i in range(a, b - 1)):
            break  # "(D-N.C.)" keeps its closing bracket
        b -= 1
    return a, b


def _minus(doc: Doc, a: int, b: int, holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token ranges of [a, b) minus the holes, each trimmed, empty pieces dropped."""
    pieces: list[tuple[int, int]] = []
    pos = a
    for h0, h1 in sorted(holes):
        if h1 <= pos or h0 >= b:
            continue
        if h0 > pos:
            pieces.append((pos, h0))
        pos = max(pos, h1)
    if pos < b:
        pieces.append((pos, b))
    out = []
    for p0, p1 in pieces:
        t0, t1 = _trim(doc, p0, p1)
        if t1 > t0 and any(doc[i].is_alpha or doc[i].like_num for i in range(t0, t1)):
            out.append((t0, t1))
    return out


def _subtree(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


_DASHES = frozenset({"--", "—", "–", "―", ":", "-"})


def mention_range(tok: Token) -> tuple[int, int]:
    """Token range of the noun phrase headed by ``tok`` as the news convention spans a source.

    Appositions, parentheses ("(D-N.C.)") and relative clauses stay in ("Luis Rubio, who heads
    the centre"); adverbial clauses and a dateline or headline label before a dash or colon
    ("WASHINGTON -- President Obama", "The Latest: Trump") do not.
    """
    doc = tok.doc
    a, b = _subtree(tok)
    for c in tok.rights:
        if c.dep_ in ("advcl", "parataxis") or (
            c.dep_ == "npadvmod" and c.ent_type_ in ("DATE", "TIME")
        ):
            b = c.left_edge.i
            break
    for c in reversed(list(tok.lefts)):
        if c.dep_ in ("advcl", "parataxis", "relcl", "acl"):
            a = c.right_edge.i + 1
            break
    for i in range(a, tok.i):
        t = doc[i]
        if t.text in _DASHES and (t.text != "-" or t.whitespace_ or doc[i + 1].text == "-"):
            a = i + 1
        elif t.text == "," and t.head.i != tok.i and doc[i - 1].ent_type_ != "GPE":
            # "the real Dred Scott, Chief Justice Roberts": a fronted phrase, not the source
            a = i + 1
    a, b = _trim(doc, a, b)
    if b <= a:
        return tok.i, tok.i + 1
    # A quote mark left at an edge belongs to an adjacent quotation, not to the speaker.
    while b > a + 1 and doc[b - 1].text in _QUOTE_CHARS:
        b -= 1
    while b > a + 1 and doc[a].text in _QUOTE_CHARS:
        a += 1
    return a, b


def core_range(doc: Doc, a: int, b: int) -> tuple[int, int]:
    """Return the part of a mention that names the source (up to its first clause or comma)."""
    for i in range(a + 1, b):
        t = doc[i]
        if t.dep_ in ("relcl", "acl", "advcl") or (
            t.text == "," and i > a and doc[i - 1].ent_type_ != "GPE"
        ):
            end = t.left_edge.i if t.dep_ in ("relcl", "acl", "advcl") else i
            if end > a:
                return a, end
    return a, b


def _inside(quotes: list[Quote], starts: list[int], pos: int) -> Quote | None:
    k = bisect_right(starts, pos) - 1
    if k >= 0 and quotes[k].start < pos < quotes[k].end:
        return quotes[k]
    return None


# ---------------------------------------------------------------------------------------------
# speakers


def _is_participle_cue(v: Token) -> bool:
    """Tell whether ``v`` is a comma-led participle ("..., adding that", "..., citing")."""
    if v.tag_ != "VBG" or v.dep_ not in ("advcl", "conj", "xcomp", "acl"):
        return False
    j = v.left_edge.i - 1
    while j > 0 and v.doc[j].text in _QUOTE_CHARS:
        j -= 1  # “...,” adding
    return j >= 0 and v.doc[j].text == "," and v.lemma_.lower() in C.reporting_verbs()


def _second_clause(v: Token) -> tuple[int, int]:
    """Token range of a coordinated or participle clause with its leading "and" / comma."""
    doc = v.doc
    a = v.left_edge.i
    while a > 0 and doc[a - 1].lower_ in (",", "and", "but", ";", "while"):
        a -= 1
    return a, v.right_edge.i + 1


def _speaker_of(
    v: Token, depth: int = 0, quoted: Callable[[int], bool] | None = None
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """(speaker token range, antecedent range for relative pronouns) of a reporting verb.

    ``quoted(char)`` tells whether a position lies inside a quotation: a "subject" inside the
    quote before ``“..., ” said X`` is a misparse, not the speaker.
    """
    for c in v.children:
        if c.dep_ in _SUBJ and not (quoted is not None and quoted(c.idx)):
            if c.dep_ == "nsubjpass" and c.lower_ == "it":
                continue
            if c.dep_ == "nsubjpass":
                agents = [
                    g
                    for a in v.children
                    if a.dep_ == "agent"
                    for g in a.children
                    if g.dep_ == "pobj"
                ]
                if agents:
                    return mention_range(agents[0]), None
                continue
            if c.lower_ in ("who", "that", "which") and v.dep_ == "relcl":
                return (c.i, c.i + 1), mention_range(v.head)
            a, b = mention_range(c)
            # "Moscow, Beijing deny": several subjects side by side are one mention
            for c2 in v.children:
                if (
                    c2.dep_ == c.dep_
                    and c2.i != c.i
                    and not (quoted is not None and quoted(c2.idx))
                ):
                    a2, b2 = mention_range(c2)
                    if b2 >= a - 2 and a2 <= b + 2:
                        a, b = min(a, a2), max(b, b2)
            return (a, b), None
    for c in v.children:
        if c.dep_ == "agent":
            pobj = [g for g in c.children if g.dep_ == "pobj"]
            if pobj:
                return mention_range(pobj[0]), None
    if depth < 3 and v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.head.pos_ == "VERB":
        # "Rubio responded before adding that ...": the one adding is the one responding
        return _speaker_of(v.head.head, depth + 1, quoted)
    if (
        depth < 3
        and v.dep_ in ("xcomp", "conj", "advcl")
        and v.head.i != v.i
        and v.head.pos_ in ("VERB", "AUX")
    ):
        if v.dep_ == "advcl" and v.tag_ != "VBG":
            return None, None
        if _is_participle_cue(v) or (
            v.dep_ == "conj" and v.head.lemma_.lower() not in C.reporting_verbs()
        ):
            # "X said Y has grown, citing Z" / "X said Y and warned Z": the parse may hang the
            # second verb inside Y; its speaker is that of the nearest reporting verb above it
            for anc in v.ancestors:
                if anc.lemma_.lower() in C.reporting_verbs() and anc.pos_ == "VERB":
                    return _speaker_of(anc, depth + 1, quoted)
        return _speaker_of(v.head, depth + 1, quoted)
    head = v.head
    # "..., a senior official noted" (but not "a stream called Miracle Run")
    acl_ok = v.dep_ != "acl" or not any(c.dep_ in ("oprd", "attr") for c in v.children)
    if (
        head.i != v.i
        and head.pos_ in ("NOUN", "PROPN")
        and v.dep_ in ("acl", "parataxis", "relcl", "dep")
        and acl_ok
    ):
        a, b = mention_range(head)
        if v.dep_ == "acl" or head.i > v.i:
            # "..., a senior official noted" parsed as a noun with a participle; "says Russia".
            a2, b2 = _subtree(v)
            if a2 <= a < b2:
                a = b2
            if a2 < b <= b2:
                b = a2
            a, b = _trim(v.doc, a, b)
            if b > a:
                return (a, b), None
    return None, None


# ---------------------------------------------------------------------------------------------
# content


def _content_children(
    v: Token, lemma: str, stance: str, cue_heads: set[int]
) -> list[tuple[int, int]]:
    """Token ranges of the content of reporting verb ``v`` from its dependents."""
    ranges = [_subtree(c) for c in v.children if c.dep_ == "ccomp"]
    if ranges:
        return ranges
    base = lemma.split()[0]
    # "continued to argue that ...": the inner cue makes its own claim
    xcomps = [
        c
        for c in v.children
        if c.dep_ == "xcomp"
        and not (c.i in cue_heads and any(g.dep_ == "ccomp" for g in c.children))
    ]
    objs = [c for c in v.children if c.dep_ in ("dobj", "attr", "oprd")]
    if (
        base not in _frames()["addressee"]
        and objs
        and (stance in _OBJECT_STANCES or base in _frames()["object"])
    ):
        o = objs[0]
        if o.pos_ == "PRON" and o.lower_ in ("it", "this", "that", "so", "nothing", "something"):
            return []
        a, b = _subtree(o)
        for c in v.children:
            if c.i > o.i and (
                c.dep_ in ("oprd", "xcomp", "ccomp")
                or (c.dep_ == "prep" and c.lower_ in ("of", "for", "as"))
            ):
                b = max(b, _subtree(c)[1])
        return [(a, b)]
    if xcomps and (base in _frames()["infinitive"] or stance in _OBJECT_STANCES):
        x = xcomps[0]
        a, b = _subtree(x)
        if objs and objs[0].i < x.i:
            a = min(a, _subtree(objs[0])[0])
        return [(a, b)]
    if base in ("call", "point") or stance in _OBJECT_STANCES:
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ in ("for", "about", "on", "of", "to"):
                objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if objs:
                    a, b = _subtree(objs[0])
                    return [(a, max(b, c.right_edge.i + 1))]
    return []


def _clause_root(tok: Token) -> Token:
    """Walk up from ``tok`` to the verb (or sentence root) whose clause it belongs to."""
    t = tok
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            return t
        t = t.head
    return t


def _content_stance(doc: Doc, ranges: list[tuple[int, int]], stance: str) -> str:
    """Refine an assertive stance from the content: "... were not true" denies, "lies" accuses."""
    if stance != "assert":
        return stance
    truth, false, accuse = _stance_terms()
    for a, b in ranges:
        for i in range(a, min(b, a + 60)):
            t = doc[i]
            low = t.lower_
            if low in truth and any(c.lower_ in _NEG for c in t.children):
                return "deny"
            if low in truth and t.head.i != t.i and any(c.lower_ in _NEG for c in t.head.children):
                return "deny"
            if low in false and t.dep_ in ("acomp", "attr", "ROOT", "ccomp", "conj"):
                return "deny"
            if t.lemma_.lower() in accuse or low in accuse:
                return "accuse"
    return stance


# ---------------------------------------------------------------------------------------------
# the extractor


class _Article:
    """Per-article state: the doc, its quotes and the token -> sentence map."""

    def __init__(self, doc: Doc, sentences: list[Sentence]) -> None:
        self.doc = doc
        self.text = doc.text
        self.sentences = sentences
        self.quotes = find_quotes(self.text)
        self.qstarts = [q.start for q in self.quotes]
        self.sstarts = [s.start for s in sentences]
        self.groups: dict[int, list[Quote]] = {}
        for q in self.quotes:
            self.groups.setdefault(q.group, []).append(q)

    def sentence_of(self, char: int) -> int:
        k = bisect_right(self.sstarts, char) - 1
        return self.sentences[max(k, 0)].sentence_id if self.sentences else 0

    def span_of(self, s: Sentence) -> Span | None:
        span = self.doc.char_span(s.start, s.end, alignment_mode="expand")
        return span

    def quote_at(self, char: int) -> Quote | None:
        return _inside(self.quotes, self.qstarts, char)


def _cue_region(doc: Doc, v: Token, speaker: tuple[int, int] | None) -> tuple[int, int]:
    """Token range covering the speaker, the verb and its auxiliaries / adverbs next to it."""
    a, b = v.i, v.i + 1
    for c in v.children:
        if c.dep_ in ("aux", "auxpass", "neg", "advmod", "prt", "npadvmod") and abs(c.i - v.i) <= 3:
            a, b = min(a, c.i), max(b, c.i + 1)
    if speaker is not None and (speaker[1] >= a - 4 and speaker[0] <= b + 4):
        a, b = min(a, speaker[0]), max(b, speaker[1])
    return a, b


def _quote_links(
    art: _Article, v: Token, region: tuple[int, int]
) -> tuple[Quote | None, Quote | None]:
    """Return the quotations just before and just after the cue region (or None)."""
    doc, text = art.doc, art.text
    start_char = doc[region[0]].idx
    end_char = doc[region[1] - 1].idx + len(doc[region[1] - 1])
    # A closing mark glued to the next word ('..."Former secretary X said') puts the region's
    # first token inside the quotation: the region starts where the quotation ends.
    glued = art.quote_at(start_char)
    if glued is not None and glued.end <= v.idx:
        start_char = glued.end
    before = None
    k = bisect_right(art.qstarts, start_char) - 1
    while k >= 0 and art.quotes[k].end > start_char:
        k -= 1
    if (
        k >= 0
        and _GAP_RE.fullmatch(text, art.quotes[k].end, start_char)
        and start_char - art.quotes[k].end < 6
    ):
        q = art.quotes[k]
        gap = text[q.end : start_char]
        inner = "".join(ch for ch in text[q.start : q.end] if not is_invisible(ch))
        inner = inner.rstrip("\"”»'’ ")
        # “X,” he said  — but not “X.” He said that ...: a closed sentence starts a new one
        # ... and not “X,” when the verb has its own unquoted complement after it
        # (“...,” one prosecutor said the cases differ)
        own_clause = any(
            c.dep_ == "ccomp" and c.i > v.i and art.quote_at(c.left_edge.idx) is None
            for c in v.children
        )
        words = text[q.start + 1 : q.end - 1].split()
        if 0 < len(words) <= 4 and all(w[:1].isupper() or not w[:1].isalpha() for w in words):
            own_clause = True  # on “CBS This Morning,” Sanders said ...: a title, not speech
        complete = own_clause or (
            inner.endswith((".", "!", "?"))
            and any(c.dep_ == "ccomp" and c.i > v.i for c in v.children)
        )
        # "“X,” adding, “Y”": the quote before a participle belongs to the main verb
        if "\n" not in gap and not complete and not _is_participle_cue(v):
            before = q
    after = None
    k = bisect_right(art.qstarts, end_char - 1)
    if k < len(art.quotes):
        q = art.quotes[k]
        lo, hi = v.left_edge.i, v.right_edge.i
        i = region[1]
        ok = True
        steps = 0
        while i < len(doc) and doc[i].idx < q.start:
            t = doc[i]
            steps += 1
            if (
                steps > 10
                or "\n" in t.text
                or "\n" in t.whitespace_
                and doc[i + 1 if i + 1 < len(doc) else i].idx < q.start
            ):
                ok = False
                break
            if t.is_space or t.text in ",:;—–-":
                pass
            elif t.lower_ == "that" and t.dep_ == "mark":
                ok = False
                break
            elif (
                t.dep_ in ("dobj", "oprd")
                and t.head.i == v.i
                and v.lemma_.lower() not in _frames()["addressee"]
            ):
                ok = False  # called her behavior “outrageous”: the object is part of the content
                break
            elif t.text == "." and before is not None:
                pass
            elif not (lo <= t.i <= hi) or t.pos_ in ("VERB", "AUX") or t.text in _QUOTE_CHARS:
                ok = False
                break
            i += 1
        prev = doc[i - 1] if i > 0 else None
        # said on “Fox News Sunday”: a quoted title after a preposition is not the content
        if ok and prev is not None and prev.pos_ == "ADP" and prev.i >= region[1]:
            ok = False
        words = text[q.start + 1 : q.end - 1].split()
        if 0 < len(words) <= 4 and all(w[:1].isupper() or not w[:1].isalpha() for w in words):
            ok = False  # said “An American Son”: a title, not what was said
        if ok and q.start - end_char < 80:
            after = q
            # said that, “X” against ...: the clause, not just the quote, is the content -- unless
            # the quotation ends its sentence and the parse ran on past it
            ends = "".join(ch for ch in text[q.start : q.end] if not is_invisible(ch))
            closed = ends.rstrip("\"”»'’ ").endswith((".", "!", "?"))
            for c in v.children:
                if c.dep_ == "ccomp" and c.i > v.i and not closed:
                    last = doc[c.right_edge.i]
                    if last.idx >= q.end and not last.is_punct:
                        after = None
    return before, after


def _group_spans(art: _Article, q: Quote) -> list[tuple[int, int]]:
    return [(p.start, p.end) for p in art.groups.get(q.group, [q])]


def _verb_draft(art: _Article, sent_id: int, cue: C.Cue, cue_heads: set[int]) -> Draft | None:
    """Pair a reporting verb with its speaker and content (quotation first, then the parse)."""
    doc = art.doc
    v = doc[cue.head]
    if art.quote_at(v.idx) is not None:
        return None  # a reporting verb inside a quotation belongs to the quoted speech
    if v.dep_ == "advcl" and any(c.lower_ == "as" and c.dep_ == "mark" for c in v.children):
        return None  # "as he said" points back at something, it attributes no new content
    speaker, antecedent = _speaker_of(v, quoted=lambda pos: art.quote_at(pos) is not None)
    stance = cue.stance
    negated = any(c.dep_ == "neg" or c.lower_ in _NEG and c.dep_ == "advmod" for c in v.children)
    region = _cue_region(doc, v, speaker)
    before, after = _quote_links(art, v, region)
    used: list[Quote] = []
    spans: list[tuple[int, int]] = []
    quote_type = "indirect"
    if before is not None or after is not None:
        for q in (before, after):
            if q is not None and q not in used:
                used.append(q)
                for sp in _group_spans(art, q):
                    if sp not in spans:
                        spans.append(sp)
        spans.sort()
        quote_type = "direct"
        ranges: list[tuple[int, int]] = []
    else:
        loose = False
        ranges = _content_children(v, cue.lemma, stance, cue_heads)
        # "A said X; B said Y": a clause before a semicolon or colon is not B's content
        first = speaker[0] if speaker is not None else v.i
        ranges = [
            (a, b)
            for a, b in ranges
            if b > v.i or not any(doc[i].text in (";", ":") for i in range(b, first))
        ]
        # "..., citing Z" inside the complement is a second claim of the same speaker
        holes = [
            _second_clause(doc[h])
            for h in cue_heads
            if h != v.i
            and (_is_participle_cue(doc[h]) or doc[h].dep_ == "conj")
            and any(a <= h < b for a, b in ranges)
        ]
        if holes:
            ranges = [r for a, b in ranges for r in _minus(doc, a, b, holes)]
        if not ranges and v.dep_ == "parataxis" and v.head.pos_ in ("VERB", "AUX"):
            h = v.head
            va, vb = _subtree(v)
            if speaker is not None:
                va, vb = min(va, speaker[0]), max(vb, speaker[1])
            prev = doc[va - 1] if va > 0 else None
            # "..., X said" / "X, he said, Y" — but not a clause after a colon or semicolon
            if prev is None or prev.text not in (":", ";"):
                ranges = _minus(doc, h.left_edge.i, h.right_edge.i + 1, [(va, vb)])
                if not any(doc[i].tag_ in _FINITE for a, b in ranges for i in range(a, b)):
                    ranges = []
            loose = bool(ranges)
        if not ranges:
            ranges = _tail_content(doc, v, speaker)
            loose = bool(ranges)
        ranges = [r for rng in ranges for r in _minus(doc, rng[0], rng[1], [])]
        speaker, ranges = _stolen_complement(doc, v, speaker, ranges)
        if speaker is not None:
            ranges = [
                r for rng in ranges for r in _minus(doc, rng[0], rng[1], [speaker, (v.i, v.i + 1)])
            ]
        if not ranges:
            return None
        spans = [_chars(doc, a, b) for a, b in ranges]
        a0, b0 = spans[0][0], spans[-1][1]
        if any(
            a0 <= q.start < b0
            for q in art.quotes[bisect_right(art.qstarts, a0) - 1 :][:50]
            if q.start >= a0
        ):
            quote_type = "mixed"
    if speaker is not None and not any(ch.isalpha() for i in range(*speaker) for ch in doc[i].text):
        speaker = None
    if speaker is None and cue.kind == C.VERB:
        speaker = _speaker_before(v)
        if speaker is None:
            return None
    stance = _content_stance(doc, ranges, stance) if ranges else stance
    if negated:
        stance = "other" if stance in ("assert", "deny") else stance
    draft = Draft(sent_id, cue, speaker, antecedent, spans, quote_type, stance)
    draft.loose = quote_type != "direct" and loose
    return draft


def _stolen_complement(
    doc: Doc, v: Token, speaker: tuple[int, int] | None, ranges: list[tuple[int, int]]
) -> tuple[tuple[int, int] | None, list[tuple[int, int]]]:
    """Give back a copula's complement that the parse put into the speaker.

    In "It was a mistake officials said" (no comma) the parser reads "a mistake officials" as
    the subject, leaving "It was" without its complement.  A clause ending in a bare copula right
    before the speaker, and a common noun modifying the speaker's head, mark the misparse: the
    words up to that noun complete the content.
    """
    if speaker is None or not ranges:
        return speaker, ranges
    a, b = speaker
    clause = [c for c in v.children if c.dep_ == "ccomp" and c.right_edge.i + 1 == a]
    if not clause or max(r[1] for r in ranges) != a:
        return speaker, ranges
    root = clause[0]
    if root.lemma_ != "be" or any(
        c.dep_ in ("attr", "acomp", "oprd", "xcomp", "ccomp", "prep", "advmod")
        for c in root.children
    ):
        return speaker, ranges
    for i in range(b - 2, a - 1, -1):
        t = doc[i]
        if t.pos_ == "NOUN" and t.dep_ == "compound" and t.head.i < b:
            return (i + 1, b), [(x, i + 1 if y == a else y) for x, y in ranges]
    return speaker, ranges


def _speaker_before(v: Token) -> tuple[int, int] | None:
    """Return a name right before the verb that the parse attached elsewhere ("Post Trump said")."""
    doc = v.doc
    j = v.i - 1
    while j >= 0 and doc[j].head.i == v.i and doc[j].dep_ in ("aux", "neg", "advmod"):
        j -= 1
    if (
        j < 0
        or doc[j].pos_ not in ("PROPN", "PRON")
        or doc[j].lower_ in ("it", "that", "which", "what")
    ):
        return None
    if doc[j].pos_ == "PRON":
        return (j, j + 1) if doc[j].lower_ in ("he", "she", "they", "i", "we") else None
    a = j
    while (
        a - 1 >= 0
        and doc[a - 1].pos_ == "PROPN"
        and doc[a - 1].ent_iob_ != "O"
        and doc[a].ent_iob_ == "I"
    ):
        a -= 1
    return a, j + 1


def _tail_content(doc: Doc, v: Token, speaker: tuple[int, int] | None) -> list[tuple[int, int]]:
    """``CONTENT, X said.`` when the parse did not link them: the clause before the comma."""
    sent = v.sent
    first = speaker[0] if speaker is not None and speaker[0] < v.i else v.i
    # the cue clause must end the sentence
    last = max(v.right_edge.i, speaker[1] - 1 if speaker else v.i)
    for i in range(last + 1, sent.end):
        if not (doc[i].is_punct or doc[i].is_space):
            return []
    j = first - 1
    while j >= sent.start and (doc[j].is_space or doc[j].text in _QUOTE_CHARS):
        j -= 1
    if j < sent.start or doc[j].text not in (",", "—", "–", "-"):
        return []
    if j - sent.start < 2 or not any(doc[i].tag_ in _FINITE for i in range(sent.start, j)):
        return []  # "Before dropping out, Cruz responded": a phrase, not a reported clause
    return [(sent.start, j)]


def _according_draft(art: _Article, sent_id: int, cue: C.Cue, cue_heads: set[int]) -> Draft | None:
    doc = art.doc
    acc = doc[cue.head]
    to = doc[cue.head + 1]
    if art.quote_at(acc.idx) is not None:
        return None
    pobj = [c for c in to.children if c.dep_ == "pobj"] or [
        c for c in acc.children if c.dep_ == "pobj"
    ]
    if not pobj:
        return None
    if pobj[0].lower_ in _ACCORDING_IDIOMS and not any(
        c.dep_ in ("det", "poss") for c in pobj[0].children
    ):
        return None  # "according to plan", "according to law": no source
    speaker = mention_range(pobj[0])
    prep = _subtree(acc)
    if acc.dep_ == "ROOT" or acc.head.i == acc.i:
        return None
    root = _clause_root(acc.head)
    a, b = _subtree(root)
    holes = [prep]
    for c in root.children:
        ca, cb = _subtree(c)
        if (
            (ca, cb) != prep
            and any(ca <= h < cb for h in cue_heads if h != acc.i)
            and c.dep_ in ("advcl", "conj", "ccomp", "parataxis")
        ):
            holes.append((ca, cb))
    ranges = _minus(doc, a, b, holes)
    if not ranges:
        return None
    spans = [_chars(doc, x, y) for x, y in ranges]
    stance = _content_stance(doc, ranges, "assert")
    return Draft(sent_id, cue, speaker, None, spans, "according_to", stance)


def _noun_draft(art: _Article, sent_id: int, cue: C.Cue) -> Draft | None:
    """``Trump's claim that ...``, ``a report by the FBI that ...``: the noun's owner and clause."""
    doc = art.doc
    n = doc[cue.head]
    if art.quote_at(n.idx) is not None:
        return None
    clause = C.noun_clause(n)
    if clause is None:
        return None
    speaker: tuple[int, int] | None = None
    for c in n.children:
        if c.dep_ == "poss":
            # "Trump's claim": the owner, without the noun it owns
            start, _ = mention_range(c)
            speaker = (start, c.i + 1)
            break
        if c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i > n.i:
            pobj = [g for g in c.children if g.dep_ == "pobj"]
            if pobj:
                speaker = mention_range(pobj[0])
                break
        if c.dep_ == "compound" and c.ent_type_ in ("ORG", "PERSON", "GPE", "NORP"):
            speaker = (c.left_edge.i, c.i + 1)
    if speaker is None:
        return None
    a, b = _subtree(clause)
    ranges = _minus(doc, a, b, [speaker])
    if not ranges:
        return None
    spans = [_chars(doc, x, y) for x, y in ranges]
    return Draft(
        sent_id, cue, speaker, None, spans, "indirect", _content_stance(doc, ranges, cue.stance)
    )


def _agentless_draft(art: _Article, sent_id: int, cue: C.Cue, cue_heads: set[int]) -> Draft | None:
    doc = art.doc
    t = doc[cue.head]
    if art.quote_at(t.idx) is not None:
        return None
    if cue.kind == C.ADVERB:
        root = _clause_root(t.head) if t.head.i != t.i else t
        a, b = _subtree(root)
        holes = [(t.i, t.i + 1)]
    else:
        ccomps = [c for c in t.children if c.dep_ == "ccomp"]
        xcomps = [c for c in t.children if c.dep_ == "xcomp"]
        subj = [c for c in t.children if c.dep_ == "nsubjpass" and c.lower_ != "it"]
        if ccomps:
            a, b = _subtree(ccomps[0])
            holes = []
        elif xcomps:
            x = xcomps[0]
            a, b = _subtree(x)
            if subj:
                a = min(a, _subtree(subj[0])[0])
            elif t.dep_ == "conj":
                hs = [c for c in t.head.children if c.dep_ in _SUBJ]
                if hs:
                    a = min(a, _subtree(hs[0])[0])
            holes = [(t.i, t.i + 1)] + [(c.i, c.i + 1) for c in t.children if c.dep_ == "auxpass"]
            holes += [
                (g.i, g.i + 1)
                for g in x.children
                if g.dep_ == "aux" and g.lower_ == "to" and g.i == t.i + 1
            ]
        elif t.dep_ in ("parataxis", "advcl", "conj", "ccomp") and t.head.i != t.i:
            root = t.head
            a, b = _subtree(root)
            holes = [_subtree(t)]
        else:
            return None
    ranges = _minus(doc, a, b, holes)
    if not ranges:
        return None
    spans = [_chars(doc, x, y) for x, y in ranges]
    return Draft(
        sent_id,
        cue,
        None,
        None,
        spans,
        "agentless",
        _content_stance(doc, ranges, "assert"),
        agentless=True,
    )


_COLON_HEAD_RE = re.compile(r"[\"“]?([A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3})\s*:\s+\S")
_DASH_TAIL_RE = re.compile(r"\s*([―—–])\s*([A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3})\s*[.]?\s*")
_DASH_HEAD_RE = re.compile(
    r"([A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,4})\s*[―—–]\s*([\"“”].*\S)\s*"
)
# Labels before a colon that are not sources ("Update: ...", "The Latest: ...").
_NOT_SPEAKERS = frozenset(
    (
        "update", "note", "editor's note", "editor’s note", "photo", "photos", "video", "watch",
        "read", "related", "source", "sources", "correction", "breaking", "exclusive", "analysis",
        "opinion", "live", "the latest", "latest", "q", "a", "question", "answer", "warning",
        "caution", "disclosure", "listen", "more", "see also", "why", "how", "what", "when",
        "where", "who",
    )
)  # fmt: skip


def _colon_draft(art: _Article, s: Sentence, line_end: int) -> Draft | None:
    """``WALLACE: ...`` (a transcript turn, to the end of the paragraph) or ``Poll: ...`` (headline)."""
    m = _COLON_HEAD_RE.match(art.text, s.start, line_end)
    if not m:
        return None
    label = m.group(1)
    if (
        label.lower() in _NOT_SPEAKERS
        or label.split()[0].lower() in ("the", "a", "an")
        and label.lower() not in ("the white house",)
    ):
        return None
    name_end = m.end(1)
    colon = art.text.index(":", name_end)
    transcript = label.isupper() and len(label) > 1
    headline = s.role in ("headline", "standfirst", "subhead")
    if not transcript and colon >= s.end:
        return None
    end = line_end if transcript else s.end
    content_start = colon + 1
    while content_start < end and art.text[content_start].isspace():
        content_start += 1
    if end - content_start < 8:
        return None
    speaker_span = art.doc.char_span(m.start(1), name_end, alignment_mode="expand")
    if speaker_span is None:
        return None
    if not (transcript or headline or any(t.pos_ == "PROPN" for t in speaker_span)):
        return None
    cue = C.Cue(C.COLON, speaker_span.end - 1, colon, colon + 1, ":", "assert")
    quote_type = "direct" if transcript or art.text[content_start] in "\"“'‘" else "indirect"
    return Draft(
        s.sentence_id,
        cue,
        (speaker_span.start, speaker_span.end),
        None,
        [(content_start, end)],
        quote_type,
        "assert",
    )


def _dash_head_draft(art: _Article, s: Sentence, line_end: int) -> Draft | None:
    """``Name ― “quote”``: a name, a dash and a quotation filling the rest of the paragraph."""
    m = _DASH_HEAD_RE.fullmatch(art.text, s.start, line_end)
    if not m:
        return None
    span = art.doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
    if span is None or not any(t.pos_ == "PROPN" for t in span):
        return None
    dash = m.end(1)
    while art.text[dash] not in "―—–":
        dash += 1
    cue = C.Cue("dash", span.end - 1, dash, dash + 1, art.text[dash], "assert")
    return Draft(
        s.sentence_id,
        cue,
        (span.start, span.end),
        None,
        [(m.start(2), m.end(2))],
        "direct",
        "assert",
    )


def _dash_drafts(art: _Article, taken: set[tuple[int, int]]) -> list[Draft]:
    out = []
    for q in art.quotes:
        if (q.start, q.end) in taken:
            continue
        line_end = art.text.find("\n", q.end)
        line_end = len(art.text) if line_end < 0 else line_end
        m = _DASH_TAIL_RE.fullmatch(art.text, q.end, line_end)
        if not m:
            continue
        span = art.doc.char_span(m.start(2), m.end(2), alignment_mode="expand")
        if span is None or not any(t.pos_ == "PROPN" for t in span):
            continue
        dash = m.start(1)
        cue = C.Cue("dash", span.start, dash, dash + 1, art.text[dash], "assert")
        out.append(
            Draft(
                art.sentence_of(dash),
                cue,
                (span.start, span.end),
                None,
                [(q.start, q.end)],
                "direct",
                "assert",
            )
        )
    return out


def _hedges(doc: Doc, regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans of hedge expressions in the token regions."""
    single, multi = _hedge_index()
    out: list[tuple[int, int]] = []
    for a, b in regions:
        i = a
        while i < b:
            t = doc[i]
            low = t.lower_
            hit = 0
            for words in multi.get(low, ()):
                n = len(words)
                if i + n <= len(doc) and all(doc[i + k].lower_ == words[k] for k in range(n)):
                    hit = n
                    break
            if not hit and low in single:
                if low in _NEEDS_NUMBER:
                    nxt = doc[i + 1] if i + 1 < len(doc) else None
                    if nxt is not None and nxt.like_num:
                        hit = 1
                else:
                    hit = 1
            if hit:
                out.append((t.idx, doc[i + hit - 1].idx + len(doc[i + hit - 1])))
                i += hit
            else:
                i += 1
    return out


def _token_range(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.start, span.end


def extract_attributions(
    doc: Doc, sentences: list[Sentence], article_id: str
) -> tuple[list[Claim], list[Speaker], list[Marker]]:
    """Return the claims, speakers and hedge markers of one parsed article.

    >>> from toolkit.nlp import load_model
    >>> from toolkit.structure import sentences_from_doc
    >>> doc = load_model()("Not true, says Russia\\nPutin's spokesman Dmitry Peskov said the reports were false.")
    >>> claims, speakers, _ = extract_attributions(doc, sentences_from_doc(doc, "a"), "a")
    >>> [(c.speaker_text, c.cue_text, c.stance) for c in claims]
    [('Russia', 'says', 'deny'), ("Putin's spokesman Dmitry Peskov", 'said', 'deny')]
    >>> speakers[1].name
    'Dmitry Peskov'
    """
    if not sentences or len(doc) == 0:
        return [], [], []
    art = _Article(doc, sentences)
    drafts: list[Draft] = []
    line_start, line_end = -1, -1
    for s in sentences:
        if s.start >= line_end:
            line_start = s.start
            nl = art.text.find("\n", s.start)
            line_end = len(art.text) if nl < 0 else nl
            while line_end > line_start and art.text[line_end - 1].isspace():
                line_end -= 1
        span = art.span_of(s)
        if span is None or len(span) == 0:
            continue
        found = C.find_cues(span)
        heads = {c.head for c in found}
        verb_by_head: dict[int, Draft] = {}
        local: list[Draft] = []
        for cue in found:
            if cue.kind == C.VERB:
                d = _verb_draft(art, s.sentence_id, cue, heads)
                if d is None:
                    continue
                verb_by_head[cue.head] = d
                local.append(d)
            elif cue.kind == C.ACCORDING:
                d = _according_draft(art, s.sentence_id, cue, heads)
                if d is not None:
                    local.append(d)
            elif cue.kind == C.NOUN:
                d = _noun_draft(art, s.sentence_id, cue)
                if d is not None:
                    local.append(d)
        for cue in found:
            if cue.kind not in (C.ADVERB, C.PASSIVE):
                continue
            t = doc[cue.head]
            if cue.kind == C.ADVERB and t.head.i in verb_by_head:
                verb_by_head[t.head.i].hedge_spans.append((cue.start, cue.end))
                continue
            d = _agentless_draft(art, s.sentence_id, cue, heads)
            if d is None:
                continue
            host = next(
                (o for o in local if o.agentless and o.spans[0][0] <= cue.start < o.spans[-1][1]),
                None,
            )
            if host is not None:
                host.hedge_spans.append((cue.start, cue.end))
                continue
            local.append(d)
        if s.start == line_start:
            d = _colon_draft(art, s, line_end) or _dash_head_draft(art, s, line_end)
            if d is not None:
                local = (
                    [o for o in local if o.cue.start > d.spans[-1][1]]
                    if d.cue.kind == C.COLON and d.spans[-1][1] > s.end
                    else local
                )
                if not any(o.cue.start < d.cue.start for o in local):
                    local.append(d)
        drafts.extend(local)
    drafts = _drop_nested(art.text, _dedupe_quotes(drafts))
    taken = {sp for d in drafts for sp in d.spans}
    drafts.extend(_dash_drafts(art, taken))
    drafts = _sanitize(art, drafts)
    drafts.sort(key=lambda d: (d.cue.start, d.cue.end))
    return _build(art, article_id, drafts)


# Characters a speaker never starts or ends with (a quote mark glued to the next word, a comma).
_SPEAKER_EDGE = _QUOTE_CHARS | frozenset(",;:—–-!?")
_CONTENT_EDGE = frozenset(",;:—–-")


def _strip(
    text: str, a: int, b: int, edge: frozenset[str], left: bool, right: bool
) -> tuple[int, int]:
    """Move ``a`` / ``b`` inwards past spaces, invisible characters and ``edge`` characters."""

    def junk(ch: str) -> bool:
        return ch.isspace() or ch in edge or is_invisible(ch)

    while left and a < b and junk(text[a]):
        a += 1
    while right and b > a and junk(text[b - 1]):
        b -= 1
    return a, b


def _cut(text: str, piece: tuple[int, int], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the character span ``piece`` minus the holes; cut edges lose their separators."""
    out: list[tuple[int, int]] = []
    a, b = piece
    pos, cut_left = a, False
    for h0, h1 in sorted(holes):
        if h1 <= pos or h0 >= b:
            continue
        if h0 > pos:
            out.append(_strip(text, pos, h0, _CONTENT_EDGE, cut_left, True))
        pos, cut_left = max(pos, h1), True
    if pos < b:
        out.append(_strip(text, pos, b, _CONTENT_EDGE, cut_left, False))
    return [(x, y) for x, y in out if any(ch.isalnum() for ch in text[x:y])]


def _sanitize(art: _Article, drafts: list[Draft]) -> list[Draft]:
    """Make who, how and what of every claim disjoint; drop claims left without a speaker or content.

    Each rule that builds a claim works from its own piece of the parse, and a misparse can hand
    the same words to two of them ("have a car near Athens said": Athens is both inside the
    clause and the speaker).  Whatever the rule, the speaker never crosses a quotation's edge or
    the cue, nor carries quote marks or separators at its ends; content pieces never cover the
    speaker or (when there is a speaker) the cue, and never overlap each other.
    """
    doc, text = art.doc, art.text
    out: list[Draft] = []
    for d in drafts:
        cue = (d.cue.start, d.cue.end)
        holes: list[tuple[int, int]] = []
        if d.speaker is not None:
            a, b = d.speaker
            s0, s1 = doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
            lo = max(0, bisect_right(art.qstarts, s0) - 1)
            for q in art.quotes[lo : bisect_right(art.qstarts, s1)]:
                if q.start < s0 < q.end < s1:
                    s0 = q.end  # '"...,"Robin Cook said': the quotation is not the speaker
                elif s0 < q.start < s1 < q.end:
                    s1 = q.start
            if s0 < cue[1] and cue[0] < s1:
                s0, s1 = (s0, cue[0]) if s0 < cue[0] else (cue[1], s1)
            s0, s1 = _strip(text, s0, s1, _SPEAKER_EDGE, True, True)
            if not any(ch.isalnum() for ch in text[s0:s1]):
                continue
            d.speaker_chars = (s0, s1)
            d.speaker = _token_range(doc, s0, s1) or d.speaker
            holes = [(s0, s1), cue]
        pieces: list[tuple[int, int]] = []
        for piece in sorted(d.spans):
            for x, y in _cut(text, piece, holes):
                if pieces and x <= pieces[-1][1]:
                    pieces[-1] = (pieces[-1][0], max(pieces[-1][1], y))
                else:
                    pieces.append((x, y))
        if not pieces:
            continue
        d.spans = pieces
        out.append(d)
    return out


def _drop_nested(text: str, drafts: list[Draft]) -> list[Draft]:
    """Drop claims reported inside another claim's content ("US says [Russia wants drones]").

    The reporter attributes the outer claim only; the inner speaker is quoted second-hand, so
    listing it as a source would overstate who speaks in the article.  An agentless cue inside
    another claim ("said the talks reportedly failed") becomes a hedge of that claim.
    """
    by_sentence: dict[int, list[Draft]] = {}
    for d in drafts:
        by_sentence.setdefault(d.sentence_id, []).append(d)
    out = []
    for d in drafts:
        if not d.spans:
            continue  # emptied by an earlier trim
        host = None
        for sid in (d.sentence_id - 1, d.sentence_id):
            for o in by_sentence.get(sid, ()):
                if (
                    o is not d
                    and o.spans
                    and not o.agentless
                    and any(a <= d.cue.start and d.cue.end <= b for a, b in o.spans)
                ):
                    host = o
                    break
            if host is not None:
                break
        if host is None:
            out.append(d)
        elif host.loose and d.speaker is not None:
            # "A said X, but Y, they said": keep A's claim; the outer one is what follows it
            out.append(d)
            end = max(b for _, b in d.spans)
            trimmed = []
            for a, b in host.spans:
                a = max(a, end)
                while a < b and (text[a].isspace() or text[a] in ",;:—–-"):
                    a += 1
                if b > a and any(ch.isalnum() for ch in text[a:b]):
                    trimmed.append((a, b))
            host.spans = trimmed
        elif d.agentless:
            host.hedge_spans.append((d.cue.start, d.cue.end))
    return [d for d in out if d.spans]


def _dedupe_quotes(drafts: list[Draft]) -> list[Draft]:
    """Give a quotation claimed by two cues to the nearer one ("“X,” he said" wins)."""
    owner: dict[tuple[int, int], Draft] = {}
    for d in drafts:
        if d.quote_type != "direct":
            continue
        for sp in d.spans:
            prev = owner.get(sp)
            if prev is None:
                owner[sp] = d
                continue

            # prefer the cue that follows the quote closely, else the nearer cue
            def dist(x: Draft, sp: tuple[int, int] = sp) -> int:
                return (x.cue.start - sp[1]) if x.cue.start >= sp[1] else (sp[0] - x.cue.end) + 1

            if dist(d) < dist(prev):
                owner[sp] = d
    out = []
    for d in drafts:
        if d.quote_type == "direct":
            keep = [sp for sp in d.spans if owner.get(sp) is d]
            if not keep:
                continue
            d.spans = keep
        out.append(d)
    return out


def _build(
    art: _Article, article_id: str, drafts: list[Draft]
) -> tuple[list[Claim], list[Speaker], list[Marker]]:
    doc, text = art.doc, art.text
    mentions: list[Mention] = []
    written: list[tuple[int, int]] = []  # character span of each mention
    mention_of: dict[int, int] = {}
    for k, d in enumerate(drafts):
        if d.speaker is None:
            continue
        a, b = d.speaker
        mention_of[k] = len(mentions)
        written.append(d.speaker_chars or (doc[a].idx, doc[b - 1].idx + len(doc[b - 1])))
        c0, c1 = core_range(doc, a, b)
        mentions.append(Mention(a, b, describe(doc[c0:c1]), d.antecedent))
    assign, entities = resolve(doc, mentions) if mentions else ([], [])
    # speaker ids by first appearance
    order: dict[int, int] = {}
    for k in sorted(range(len(mentions)), key=lambda k: mentions[k].start):
        order.setdefault(assign[k], len(order))

    claims: list[Claim] = []
    markers: list[Marker] = []
    claims_of: dict[int, list[int]] = {}
    for cid, d in enumerate(drafts):
        spans = sorted({(max(0, a), min(len(text), b)) for a, b in d.spans if b > a})
        m = _DATELINE_RE.match(text, spans[0][0], spans[0][1])
        if m and m.end() < spans[0][1]:
            spans[0] = (m.end(), spans[0][1])  # "WASHINGTON (AP) — ..." is not part of the claim
        c_start, c_end = spans[0][0], spans[-1][1]
        sp_text = sp_start = sp_end = None
        speaker_id = None
        speaker_name = None
        speaker_kind = "agentless" if d.speaker is None else "unknown"
        anonymous = False
        if d.speaker is not None:
            a, b = d.speaker
            sp_start, sp_end = d.speaker_chars or (doc[a].idx, doc[b - 1].idx + len(doc[b - 1]))
            sp_text = text[sp_start:sp_end]
            e = assign[mention_of[cid]]
            speaker_id = order[e]
            claims_of.setdefault(e, []).append(cid)
            ent = entities[e]
            speaker_kind = ent.kind
            speaker_name = _canonical(ent)
            anonymous = speaker_kind == "anonymous"
        regions = [r for a, b in spans if (r := _token_range(doc, a, b)) is not None]
        hedge_hits: list[tuple[int, int, bool]] = []
        for a, b in _hedges(doc, regions):
            hedge_hits.append((a, b, True))
        for a, b in [(d.cue.start, d.cue.end), *d.hedge_spans]:
            # a hedge starting in the cue may run past it ("are said" + "to")
            r = _token_range(doc, a, b)
            if r is None:
                continue
            for h0, h1 in _hedges(doc, [(r[0], min(len(doc), r[1] + 2))]):
                if a <= h0 < b:
                    hedge_hits.append((h0, h1, any(x <= h0 < y for x, y in spans)))
        seen: set[tuple[int, int]] = set()
        hedges: list[str] = []
        for a, b, inside in sorted(hedge_hits):
            if (a, b) in seen or any(
                x <= a and b <= y and (x, y) != (a, b) for x, y, _ in hedge_hits
            ):
                continue
            seen.add((a, b))
            hedges.append(text[a:b])
            markers.append(
                Marker(article_id, art.sentence_of(a), "hedge", text[a:b], a, b, cid, inside)
            )
        claims.append(
            Claim(
                article_id=article_id,
                claim_id=cid,
                sentence_id=art.sentence_of(d.cue.start),
                speaker_id=speaker_id,
                speaker_text=sp_text,
                speaker_start=sp_start,
                speaker_end=sp_end,
                cue_text=text[d.cue.start : d.cue.end],
                cue_start=d.cue.start,
                cue_end=d.cue.end,
                cue_lemma=d.cue.lemma,
                content_text=text[c_start:c_end],
                content_start=c_start,
                content_end=c_end,
                content_spans=tuple(spans),
                quote_type=d.quote_type,
                stance=d.stance,
                hedges=tuple(hedges),
                anonymous=anonymous,
                agentless=d.agentless,
                speaker_name=speaker_name,
                speaker_kind=speaker_kind,
            )
        )
    speakers = _speaker_rows(art, article_id, mentions, written, entities, order, claims_of, drafts)
    return claims, speakers, markers


def _canonical(ent: Entity) -> str:
    """Return the best name of a merged speaker.

    The fullest personal name, the country a place stands for, or the longest description.
    """
    infos = [i for i in ent.infos if not i.pronoun] or ent.infos
    kind = ent.kind
    if kind == "person":
        return max((i.name for i in infos), key=lambda n: (len(n.split()), len(n)))
    if kind == "country":
        countries = {i.affiliation for i in infos if i.affiliation}
        if len(countries) == 1:
            return next(iter(countries))
    return max((i.name for i in infos), key=len)


def _speaker_rows(
    art: _Article,
    article_id: str,
    mentions: list[Mention],
    mention_chars: list[tuple[int, int]],
    entities: list[Entity],
    order: dict[int, int],
    claims_of: dict[int, list[int]],
    drafts: list[Draft],
) -> list[Speaker]:
    """Build one speaker row per entity, numbered by first appearance."""
    text = art.text
    by_id = {s.sentence_id: s for s in art.sentences}
    rows: list[Speaker] = []
    for e, sid in sorted(order.items(), key=lambda kv: kv[1]):
        ent = entities[e]
        members = ent.members
        written: list[str] = []
        for k in members:
            m0, m1 = mention_chars[k]
            t = text[m0:m1]
            if t not in written:
                written.append(t)
        infos = [i for i in ent.infos if not i.pronoun] or ent.infos
        kind = ent.kind
        descriptor = next(
            (
                i.descriptor
                for i in sorted(infos, key=lambda i: -len(i.descriptor or ""))
                if i.descriptor
            ),
            None,
        )
        affiliation = next((i.affiliation for i in infos if i.affiliation), None)
        named = any(i.named for i in infos)
        cids = claims_of.get(e, [])
        first_sid = min((drafts[c].sentence_id for c in cids), default=0)
        reason = None
        if kind == "anonymous":
            for c in cids:
                span = art.span_of(by_id[drafts[c].sentence_id])
                if span is not None:
                    r = anonymity_reason(span)
                    if r is not None:
                        reason = text[r[0] : r[1]]
                        break
        rows.append(
            Speaker(
                article_id=article_id,
                speaker_id=sid,
                name=_canonical(ent),
                kind=kind,
                named=named,
                descriptor=descriptor,
                affiliation=affiliation,
                mentions=tuple(written),
                n_claims=len(cids),
                first_sentence_id=first_sid,
                anonymity_reason=reason,
            )
        )
    return rows
