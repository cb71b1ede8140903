"""Speaker mentions: what kind of source a mention names, its name, descriptor and affiliation.

A mention is a token span of the parsed article ("Putin's spokesman Dmitry Peskov", "unnamed
US officials", "the report", "he").  :func:`describe` reads it with the parse, the entity
labels and the project's lexicons (``anonymous_sources``, ``vague_sources``,
``document_sources``, ``speaker_government``, ``speaker_organizations``, ``speaker_places``).
:func:`classify_mention` does the same for a bare string (it parses it first).
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Span, Token

from ..lexicons import alternation, load_terms
from ..types import PRONOUNS
from .kinds import DETERMINERS, demonym_person, is_proper, named_entity_in, speaker_kind
from .mention_view import MentionView, office_before, read_mention, trailing_name_start
from .names import lost_family_name, lost_given_name, nickname_tokens
from .source_words import norm, places

__all__ = [
    "MentionInfo",
    "anonymity_reason",
    "anonymity_reason_regex",
    "classify_mention",
    "describe",
    "places",
]

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "i", "who", "whom"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "we", "us", "these", "those"})
# Words dropped from the front of an unnamed source's descriptor: what is left describes it.
_DESCRIPTOR_SKIP = frozenset({"unnamed", "anonymous", "unidentified", "and", ","})
# Kinds that name a source when a name or entity is in the mention.
_NAMEABLE = frozenset({"person", "organization", "country", "government", "document"})


@dataclass(frozen=True, slots=True)
class MentionInfo:
    """What a speaker mention says about its source."""

    kind: str
    named: bool
    name: str
    descriptor: str | None
    affiliation: str | None
    pronoun: bool
    head: str  # normalised head noun (lemma), for matching short forms
    plural: bool
    modifiers: frozenset[str]  # normalised modifier words, for matching short forms


_EMPTY = MentionInfo("unknown", False, "", None, None, False, "", False, frozenset())


def _pronoun_info(tokens: Sequence[Token]) -> MentionInfo | None:
    """Read a one-word pronoun mention ("he", "they"); not "US" or "IT" written in capitals."""
    first = tokens[0]
    low = norm(first.text)
    if (
        len(tokens) != 1
        or low not in PRONOUNS
        or first.ent_type_ in ("GPE", "ORG", "NORP")
        or (first.text != "I" and first.text.isupper())
    ):
        return None
    kind = "person" if low in PERSON_PRONOUNS else "unknown"
    return MentionInfo(kind, False, first.text, None, None, True, low, low in _PLURAL_PRONOUNS, frozenset())


def _content_words(tokens: Sequence[Token]) -> list[int]:
    return [k for k, t in enumerate(tokens) if t.is_alpha or t.like_num or t.text in ("’s", "'s", "&", "-")]


def _person_name(m: MentionView) -> tuple[str, str | None]:
    """Return (name, descriptor): the longest run of PERSON tokens and the rest."""
    tokens = m.tokens
    doc = tokens[0].doc
    # a quoted nickname inside the name ("Brian 'Head' Welch") is part of it, not a title
    nick = nickname_tokens(doc[tokens[0].i : tokens[-1].i + 1])[0]
    runs: list[list[int]] = []
    for k, t in enumerate(tokens):
        if t.ent_type_ != "PERSON" and not lost_given_name(t) and not lost_family_name(t) and t.i not in nick:
            continue
        if runs and runs[-1][-1] == k - 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    best = max(runs, key=len)
    words = set(_content_words(tokens))
    rest = [tokens[k] for k in range(len(tokens)) if k not in best and k in words]
    rest = [t for t in rest if norm(t.text) not in DETERMINERS or t.i > tokens[0].i]
    return _text(tokens[best[0] : best[-1] + 1]), _clean(_text_of_gaps(rest)) or None


def _trailing_name(tokens: Sequence[Token], place_idx: Set[int] | None = None) -> tuple[str, str | None] | None:
    """Split "French Green MEP Alain Lipietz" or "Ernst and Young's Sanjay Mehta" into (name, description).

    For a person mention the tagger found no personal name in: the proper nouns that end it,
    after a common noun, a title or a possessive, are the name.

    >>> from toolkit.nlp import load_model
    >>> _trailing_name(list(load_model()("French Green MEP Alain Lipietz")))
    ('Alain Lipietz', 'French Green MEP')
    """
    start = trailing_name_start(tokens, place_idx=place_idx)
    if start is None:
        return None
    if not (tokens[start - 1].tag_ in ("NN", "NNS", "POS") or office_before(tokens, start, place_idx=place_idx)):
        return None
    rest = [t for t in tokens[:start] if norm(t.text) not in DETERMINERS]
    return _text(tokens[start:]), _clean(_text_of_gaps(rest)) or None


def _source_descriptor(m: MentionView) -> str | None:
    """Drop leading determiners, "unnamed", conjunctions and places ("senior defense official")."""
    tokens, head_k = m.tokens, m.tokens.index(m.head)
    k = 0
    while (
        k < len(tokens)
        and k != head_k
        and (k in m.place_idx or m.low[k] in DETERMINERS or m.low[k] in _DESCRIPTOR_SKIP or tokens[k].is_punct)
    ):
        k += 1
    return _clean(_text(tokens[k:])) or None


def _is_named(m: MentionView, kind: str) -> bool:
    if kind not in _NAMEABLE or not named_entity_in(m) or demonym_person(m):
        return False
    # a role with no name ("the president") is a person, but not a named one; nor is a role
    # whose only proper word is a modifier ("the Tory leader", "the US envoy")
    unnamed_role = m.head.pos_ == "NOUN" or not any(is_proper(t) for t in m.tokens)
    return not (kind == "person" and not m.has_person and unnamed_role)


def _coordinated(tokens: Sequence[Token]) -> bool:
    """Tell whether a mention joins several sources ("Volker and Morrison", "Ann Lee and her son").

    Offices joined before one person's name ("President and Chief Financial Officer of Super
    Value Debra Symonette") are one person's titles, and words joined inside a modifier are one
    source's description.

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("The world 200m and 400m record holder told Five Live. Volker and Morrison said no.")
    >>> _coordinated(list(doc[0:9])), _coordinated(list(doc[13:16]))
    (False, True)
    """
    # only what is joined to the mention's head, or to a name joined to it: "the world 200m and
    # 400m record holder" and "the Foreign and Commonwealth Office" join modifiers, one source
    ids = {t.i for t in tokens}
    root = next((t for t in tokens if t.head.i not in ids or t.head.i == t.i), tokens[0])
    conj = [t for t in tokens if t.dep_ == "conj" and (t.head == root or (t.head.dep_ == "conj" and t.head.head == root))]
    if not conj:
        return False
    people = [t for t in tokens if t.ent_type_ == "PERSON"]
    if not people or any(t.ent_type_ == "PERSON" for t in conj):
        return True
    first = people[0]
    one_name = all(t.i == first.i + k for k, t in enumerate(people))
    return not (one_name and all(t.i < first.i for t in conj))


def describe(span: Span | Sequence[Token]) -> MentionInfo:
    """Describe a speaker mention (a span of a parsed doc).

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("Putin's spokesman Dmitry Peskov said it.")
    >>> info = describe(doc[0:5])
    >>> info.kind, info.name, info.descriptor
    ('person', 'Dmitry Peskov', "Putin's spokesman")
    """
    tokens = [t for t in span if not t.is_space]
    if not tokens:
        return _EMPTY
    pronoun = _pronoun_info(tokens)
    if pronoun is not None:
        return pronoun
    m = read_mention(tokens)
    kind = speaker_kind(m)
    whole = _text(tokens)
    name, descriptor = whole, None
    named = _is_named(m, kind)
    if kind == "person" and m.has_person:
        name, descriptor = _person_name(m)
    elif kind == "person":
        trailing = _trailing_name(tokens, m.place_idx)
        if trailing is not None:
            name, descriptor = trailing
            named = True  # "Another diplomat, former special envoy to Ukraine Kurt Volker"
    elif kind != "country":
        descriptor = _source_descriptor(m)
    modifiers = frozenset(
        m.low[k]
        for k in _content_words(tokens)
        if tokens[k].i != m.head.i and m.low[k] not in DETERMINERS and not tokens[k].is_punct
    )
    # one named person split from a description ("Wikileaks editor-in-chief Kristinn Hrafnsson":
    # the parse's head is plural; "Ernst and Young's Sanjay Mehta": the "and" is the firm's)
    at = whole.rfind(name) if kind == "person" and named else -1
    one_named = at > 0 and not whole[at + len(name):].strip() and "and" not in name.split()
    plural = not one_named and (m.plural or _coordinated(tokens))
    affiliation = ", ".join(m.countries) or None
    return MentionInfo(kind, named, name, descriptor, affiliation, False, m.head_low, plural, modifiers)


def _text(tokens: Sequence[Token]) -> str:
    if not tokens:
        return ""
    # Span.text joins only the span's tokens; Doc.text would rebuild the whole article.
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text


def _text_of_gaps(tokens: Sequence[Token]) -> str:
    """Join tokens, keeping the original spacing between neighbours."""
    out = []
    for k, t in enumerate(tokens):
        out.append(t.text)
        if k + 1 < len(tokens):
            out.append(t.whitespace_ if tokens[k + 1].i == t.i + 1 else " ")
    return "".join(out)


_EDGE_RE = re.compile(r"^[\s,;:’'\-–—]+|[\s,;:\-–—]+$")


def _clean(text: str) -> str:
    return _EDGE_RE.sub("", text).replace(" ’s", "’s").replace(" 's", "'s")


def anonymity_reason(sentence: Span) -> tuple[int, int] | None:
    """Return the character span of the stated reason for anonymity in ``sentence``, if any.

    The reason runs from its trigger ("not authorized to ...", "because of the sensitivity ...")
    to the end of its clause.  "On condition of anonymity" alone is not a reason.

    >>> from toolkit.nlp import load_model
    >>> doc = load_model()("An official, who was not authorized to speak publicly, said so.")
    >>> s, e = anonymity_reason(doc[:])
    >>> doc.text[s:e]
    'not authorized to speak publicly'
    """
    text = sentence.text
    m = anonymity_reason_regex().search(text)
    if m is None:
        return None
    end = next((c.start() for c in _CLAUSE_END.finditer(text, m.end())), len(text))
    base = sentence.start_char
    return base + m.start(), base + end


_CLAUSE_END = re.compile(r"[,;:.!?)\"”]|\s[–—]\s")


@cache
def anonymity_reason_regex() -> re.Pattern[str]:
    """Return the regex of stated reasons for anonymity ("not authorized to"), ``anonymity_reasons.txt``.

    >>> bool(anonymity_reason_regex().search("as he was not authorized to speak"))
    True
    """
    return alternation(load_terms("anonymity_reasons"))


def classify_mention(text: str, *, nlp: Language | None = None) -> str:
    """Return the speaker kind (one of ``toolkit.types.SPEAKER_KINDS``) of a mention string.

    The mention is parsed with ``nlp`` (default: the toolkit's model) for its entities.

    >>> classify_mention("a senior defense official"), classify_mention("critics")
    ('anonymous', 'vague')
    >>> classify_mention("the report"), classify_mention("Dmitry Peskov")
    ('document', 'person')
    """
    if not text or not text.strip():
        return "unknown"
    if nlp is None:
        from ..nlp import load_model

        nlp = load_model()
    mention = text.strip()
    # A mention parsed alone has no sentence around it and the tagger misreads it ("Sanders"
    # as a plural noun); as the subject of a reporting verb it is parsed the way news uses it.
    doc = nlp(f"{mention} {_CARRIER}")
    span = doc.char_span(0, len(mention), alignment_mode="expand")
    return describe(span if span is not None else doc[:]).kind


_CARRIER = "said so."
