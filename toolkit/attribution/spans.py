"""Span geometry: token ranges of a parsed doc and character spans of its text.

Two kinds of pair, never mixed: a :data:`TokenRange` ``(a, b)`` indexes ``doc[a:b]``; a
:data:`CharSpan` ``(start, end)`` indexes ``doc.text[start:end]``.  Rules work on token ranges
from the parse; everything a claim record keeps is a character span.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..nlp import is_invisible
from .mention_view import office_before, trailing_name_start

__all__ = [
    "CONTENT_EDGE",
    "QUOTE_CHARS",
    "SPEAKER_EDGE",
    "CharSpan",
    "TokenRange",
    "char_span",
    "core_range",
    "cut",
    "mention_range",
    "minus",
    "strip_edges",
    "subtree",
    "token_range",
    "trim",
]

TokenRange = tuple[int, int]
CharSpan = tuple[int, int]

QUOTE_CHARS = frozenset("\"“”„«»'‘’`")
_EDGE_PUNCT = frozenset(",;:—–-()[]")
_DASHES = frozenset({"--", "—", "–", "―", ":", "-"})
# Characters a speaker never starts or ends with (a quote mark glued to the next word, a comma).
SPEAKER_EDGE = QUOTE_CHARS | frozenset(",;:—–-!?")
CONTENT_EDGE = frozenset(",;:—–-")


def char_span(doc: Doc, a: int, b: int) -> CharSpan:
    """Return the character span of the token range ``[a, b)``.

    >>> import spacy
    >>> char_span(spacy.blank("en")("He said so"), 1, 3)
    (3, 10)
    """
    return doc[a].idx, doc[b - 1].idx + len(doc[b - 1])


def token_range(doc: Doc, start: int, end: int) -> TokenRange | None:
    """Return the tokens covering the character span (expanded to whole tokens), or None.

    >>> import spacy
    >>> token_range(spacy.blank("en")("He said so"), 4, 6)
    (1, 2)
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.start, span.end


def subtree(tok: Token) -> TokenRange:
    """Return the token range of ``tok``'s subtree.

    >>> import spacy
    >>> subtree(spacy.blank("en")("Hi there")[0])
    (0, 1)
    """
    return tok.left_edge.i, tok.right_edge.i + 1


def trim(doc: Doc, a: int, b: int) -> TokenRange:
    """Drop spaces and separating punctuation at both ends of the token range [a, b).

    >>> import spacy
    >>> trim(spacy.blank("en")(", he said ."), 0, 4)
    (1, 3)
    """
    while a < b and (doc[a].is_space or doc[a].text in _EDGE_PUNCT):
        a += 1
    while b > a and (
        doc[b - 1].is_space or doc[b - 1].text in _EDGE_PUNCT or doc[b - 1].text == "."
    ):
        if doc[b - 1].text == ")" and any(doc[i].text == "(" for i in range(a, b - 1)):
            break  # "(D-N.C.)" keeps its closing bracket
        b -= 1
    return a, b


def minus(doc: Doc, a: int, b: int, holes: list[TokenRange]) -> list[TokenRange]:
    """Token ranges of [a, b) minus the holes, each trimmed, empty pieces dropped.

    >>> import spacy
    >>> minus(spacy.blank("en")("war , he said , ends"), 0, 6, [(2, 4)])
    [(0, 1), (5, 6)]
    """
    pieces: list[TokenRange] = []
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
        t0, t1 = trim(doc, p0, p1)
        if t1 > t0 and any(doc[i].is_alpha or doc[i].like_num for i in range(t0, t1)):
            out.append((t0, t1))
    return out


def _is_dash(doc: Doc, i: int) -> bool:
    t = doc[i]
    return t.text in _DASHES and (t.text != "-" or bool(t.whitespace_) or doc[i + 1].text == "-")


def mention_range(tok: Token) -> TokenRange:
    """Token range of the noun phrase headed by ``tok`` as the news convention spans a source.

    Appositions, parentheses ("(D-N.C.)") and relative clauses stay in ("Luis Rubio, who heads
    the centre"); adverbial clauses and a dateline or headline label before a dash or colon
    ("WASHINGTON -- President Obama", "The Latest: Trump") do not.

    >>> import spacy
    >>> mention_range(spacy.blank("en")("officials")[0])
    (0, 1)
    """
    doc = tok.doc
    a, b = subtree(tok)
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
        if _is_dash(doc, i):
            a = i + 1
        elif t.text == "," and t.head.i != tok.i and doc[i - 1].ent_type_ != "GPE":
            # "the real Dred Scott, Chief Justice Roberts": a fronted phrase, not the source
            a = i + 1
    a, b = trim(doc, a, b)
    if b <= a:
        return tok.i, tok.i + 1
    # A quote mark left at an edge belongs to an adjacent quotation, not to the speaker.
    while b > a + 1 and doc[b - 1].text in QUOTE_CHARS:
        b -= 1
    while b > a + 1 and doc[a].text in QUOTE_CHARS:
        a += 1
    return a, b


def _name_follows(doc: Doc, comma: int, b: int) -> bool:
    """Tell whether a person's name in apposition to a common noun follows the comma.

    Its own description may come first: "another witness, former adviser Fiona Hill".
    """
    k = comma + 1
    while k < b and doc[k].ent_type_ != "PERSON" and doc[k].text not in (",", ";", "—", "–"):
        k += 1
    if k >= b or doc[k].ent_type_ != "PERSON":
        # "Another diplomat, former special envoy to Ukraine Kurt Volker" (the name tagged ORG)
        segment = list(doc[comma + 1 : k])
        start = trailing_name_start(segment)
        return start is not None and office_before(segment, start) and any(t.dep_ == "appos" and t.head.i < comma for t in segment)
    j = k
    while j + 1 < b and doc[j + 1].ent_type_ == "PERSON":
        j += 1
    root = doc[j]
    # the words between the comma and the name describe the name, nothing else
    described = all(root in doc[i].ancestors for i in range(comma + 1, k))
    return described and root.dep_ == "appos" and root.head.i < comma and root.head.pos_ == "NOUN"


def core_range(doc: Doc, a: int, b: int) -> TokenRange:
    """Return the part of a mention that names the source (up to its first clause or comma).

    >>> import spacy
    >>> core_range(spacy.blank("en")("Rubio , an aide"), 0, 4)
    (0, 1)
    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("The bank's chief executive, Jane Doe, said so.")
    >>> doc[slice(*core_range(doc, 0, 8))].text
    "The bank's chief executive, Jane Doe"
    """
    for i in range(a + 1, b):
        t = doc[i]
        if t.text == "," and _name_follows(doc, i, b):
            continue  # "PwC's chief executive, Samuel DiPiazza": the name is the source
        if t.dep_ in ("relcl", "acl", "advcl") or (
            t.text == "," and i > a and doc[i - 1].ent_type_ != "GPE"
        ):
            end = t.left_edge.i if t.dep_ in ("relcl", "acl", "advcl") else i
            if end > a:
                return a, end
    return a, b


def strip_edges(
    text: str, a: int, b: int, edge: frozenset[str], *, left: bool, right: bool
) -> CharSpan:
    """Move ``a`` / ``b`` inwards past spaces, invisible characters and ``edge`` characters.

    >>> strip_edges(' "Rubio, ', 0, 9, SPEAKER_EDGE, left=True, right=True)
    (2, 7)
    """

    def junk(ch: str) -> bool:
        return ch.isspace() or ch in edge or is_invisible(ch)

    while left and a < b and junk(text[a]):
        a += 1
    while right and b > a and junk(text[b - 1]):
        b -= 1
    return a, b


def cut(text: str, piece: CharSpan, holes: list[CharSpan]) -> list[CharSpan]:
    """Return the character span ``piece`` minus the holes; cut edges lose their separators.

    >>> t = "war, he said, ends"
    >>> [t[a:b] for a, b in cut(t, (0, len(t)), [(5, 12)])]
    ['war', 'ends']
    """
    out: list[CharSpan] = []
    a, b = piece
    pos, cut_left = a, False
    for h0, h1 in sorted(holes):
        if h1 <= pos or h0 >= b:
            continue
        if h0 > pos:
            out.append(strip_edges(text, pos, h0, CONTENT_EDGE, left=cut_left, right=True))
        pos, cut_left = max(pos, h1), True
    if pos < b:
        out.append(strip_edges(text, pos, b, CONTENT_EDGE, left=cut_left, right=False))
    return [(x, y) for x, y in out if any(ch.isalnum() for ch in text[x:y])]
