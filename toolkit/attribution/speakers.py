"""Speaker mentions: what kind of source a mention names, its name, descriptor and affiliation.

A mention is a token span of the parsed article ("Putin's spokesman Dmitry Peskov", "unnamed
US officials", "the report", "he").  :func:`describe` reads it with the parse, the entity
labels and the project's lexicons (``anonymous_sources``, ``vague_sources``,
``document_sources``, ``speaker_government``, ``speaker_organizations``, ``speaker_places``).
:func:`classify_mention` does the same for a bare string (it parses it first).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Span, Token

from ..lexicons import alternation, load_table, load_terms

__all__ = [
    "MentionInfo",
    "anonymity_reason",
    "anonymity_reason_regex",
    "classify_mention",
    "describe",
    "places",
]

PRONOUNS = frozenset(
    [
        "he",
        "she",
        "him",
        "her",
        "his",
        "they",
        "them",
        "their",
        "it",
        "its",
        "we",
        "us",
        "i",
        "you",
        "who",
        "whom",
        "which",
        "that",
        "this",
        "these",
        "those",
    ]
)
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i", "who", "whom"})
_DETS = frozenset({"the", "a", "an", "this", "that", "these", "those", "both", "its", "their"})
# Generic nouns that make a source anonymous only with a qualifier ("people close to ...").
_GENERIC = frozenset({"people", "person", "someone", "individual", "individuals"})
_QUANTIFIERS = frozenset(
    {"some", "many", "several", "most", "few", "other", "others", "numerous", "various"}
)
_TITLES = frozenset(
    [
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dr",
        "dr.",
        "sen",
        "sen.",
        "rep",
        "rep.",
        "gov",
        "gov.",
        "gen",
        "gen.",
        "lt",
        "lt.",
        "col",
        "col.",
        "sir",
        "dame",
    ]
)


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


@cache
def _terms(name: str) -> frozenset[str]:
    return frozenset(load_terms(name))


@cache
def _phrases(name: str) -> tuple[str, ...]:
    return tuple(t for t in load_terms(name) if " " in t)


@cache
def places() -> dict[str, str]:
    """Return place / demonym alias -> canonical country, from ``speaker_places.tsv``.

    >>> places()["Moscow"], places()["Chinese"]
    ('Russia', 'China')
    """
    return {row["alias"]: row["country"] for row in load_table("speaker_places")}


@cache
def _place_kinds() -> dict[str, str]:
    return {row["alias"]: row["kind"] for row in load_table("speaker_places")}


_SPELLING = {"defence": "defense", "organisation": "organization", "authorised": "authorized"}


def _norm(word: str) -> str:
    w = word.lower().strip(".’'")
    return _SPELLING.get(w, w)


def _place_of(tokens: Sequence[Token], i: int) -> tuple[str | None, int]:
    """Longest place alias starting at tokens[i]: (country, n_tokens) or (None, 0)."""
    table = places()
    for n in (4, 3, 2, 1):
        if i + n > len(tokens):
            continue
        parts = tokens[i : i + n]
        text = "".join(t.text + t.whitespace_ for t in parts).strip()
        if text in table:
            return table[text], n
    return None, 0


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
        return MentionInfo("unknown", False, "", None, None, False, "", False, frozenset())
    text = _text(tokens)
    low_tokens = [_norm(t.text) for t in tokens]
    first = tokens[0]
    if (
        len(tokens) == 1
        and low_tokens[0] in PRONOUNS
        and first.ent_type_ not in ("GPE", "ORG", "NORP")
        and (first.text == "I" or not first.text.isupper())
    ):
        pron_kind = "person" if low_tokens[0] in PERSON_PRONOUNS else "unknown"
        plural = low_tokens[0] in ("they", "them", "we", "us", "these", "those")
        return MentionInfo(
            pron_kind, False, text, None, None, True, low_tokens[0], plural, frozenset()
        )

    head = _head(tokens)
    head_low = _norm(head.lemma_ if head.pos_ == "NOUN" else head.text)
    head_word = _norm(head.text)
    lower = " " + " ".join(low_tokens) + " "

    # Places and affiliations.
    countries: list[str] = []
    place_idx: set[int] = set()
    i = 0
    while i < len(tokens):
        country, n = _place_of(tokens, i)
        if country and tokens[i].ent_type_ != "PERSON":
            if country not in countries:
                countries.append(country)
            place_idx.update(range(i, i + n))
            i += n
        else:
            i += 1
    affiliation = ", ".join(countries) or None

    person_idx = [k for k, t in enumerate(tokens) if t.ent_type_ == "PERSON"]
    # A person's name makes a person mention when it is the head or stands in apposition
    # ("Putin's spokesman Dmitry Peskov"); as a modifier ("Biden administration", "Putin's
    # spokesman") it does not.
    has_person = head.ent_type_ == "PERSON" or any(
        tokens[k].dep_ == "appos"
        or (tokens[k].head.ent_type_ == "PERSON" and tokens[k].head.dep_ == "appos")
        for k in person_idx
    )
    named_entity = any(
        t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC") for t in tokens
    )
    content_words = [
        k
        for k, t in enumerate(tokens)
        if t.is_alpha or t.like_num or t.text in ("’s", "'s", "&", "-")
    ]
    only_places = bool(place_idx) and all(
        k in place_idx
        or low_tokens[k] in _DETS
        or tokens[k].is_punct
        or low_tokens[k] in ("and", "&")
        for k in range(len(tokens))
    )

    plural_head = head.tag_ in ("NNS", "NNPS")
    named_entity_head = (
        head.ent_type_ in ("ORG", "GPE", "PERSON") and low_tokens[0] not in _QUANTIFIERS
    )
    anonymous_words = _terms("anonymous_sources")
    vague_words = _terms("vague_sources")
    has_anon_phrase = any(f" {p} " in lower for p in _phrases("anonymous_sources"))
    kind: str
    if has_person or (low_tokens[0] in _TITLES and head.pos_ == "PROPN"):
        kind = "person"
    elif only_places:
        kind = "country"
    elif (
        head_low in _terms("speaker_government")
        or head_word in _terms("speaker_government")
        or any(f" {p} " in lower for p in _phrases("speaker_government"))
    ):
        kind = "government"
    elif (head_word in _terms("document_sources") or head_low in _terms("document_sources")) and (
        head.pos_ != "PROPN"  # "The New York Post" is a publisher, not a document
    ):
        kind = "document"
    elif (head_low in anonymous_words or head_word in anonymous_words or has_anon_phrase) and (
        head_low not in _GENERIC or has_anon_phrase
    ):
        kind = "anonymous"
    elif (
        head_word in vague_words or head_low in vague_words or text.lower() in vague_words
    ) and head.pos_ != "PROPN":
        kind = "vague"
    elif (
        plural_head
        and not named_entity_head
        and (low_tokens[0] in _QUANTIFIERS or head.pos_ == "NOUN")
        and (low_tokens[0] in _QUANTIFIERS or not any(t.pos_ == "PROPN" for t in tokens))
    ):
        # "some environmental groups", "many Democrats": an unnamed part of a group
        kind = "vague"
    elif head.ent_type_ in ("ORG", "NORP") or head_low in _terms("speaker_organizations"):
        kind = "organization"
    elif head.ent_type_ in ("GPE", "LOC") or head.text in places():
        kind = "country" if _place_kinds().get(head.text) != "demonym" else "vague"
    elif (
        head.pos_ == "PROPN"
        or low_tokens[0] in _TITLES
        or head_low in _terms("speaker_roles")
        or head_word in _terms("speaker_roles")
    ):
        kind = "person"
    elif head.tag_ == "NNS" and head.pos_ == "NOUN":
        kind = "vague"  # an unnamed group: "investors", "organisers", "many MPs"
    else:
        kind = "unknown"

    named = kind in ("person", "organization", "country", "government", "document") and (
        named_entity or any(t.pos_ == "PROPN" for t in tokens)
    )
    if kind == "person" and not has_person and not any(t.pos_ == "PROPN" for t in tokens):
        named = False

    name = text
    descriptor: str | None = None
    if kind == "person" and has_person:
        # The longest run of PERSON tokens is the name; the rest is its descriptor.
        runs: list[list[int]] = []
        for k in person_idx:
            if runs and runs[-1][-1] == k - 1:
                runs[-1].append(k)
            else:
                runs.append([k])
        best = max(runs, key=len)
        name = _text(tokens[best[0] : best[-1] + 1])
        rest = [tokens[k] for k in range(len(tokens)) if k not in best and k in content_words]
        rest = [t for t in rest if _norm(t.text) not in _DETS or t.i > tokens[0].i]
        descriptor = _clean(_text_of_gaps(rest)) or None
    elif kind in ("anonymous", "vague", "document", "government", "organization", "unknown"):
        # Drop leading determiners, "unnamed", conjunctions and place modifiers: what is left
        # describes the source ("senior defense official", "foreign ministry").
        k = 0
        while (
            k < len(tokens)
            and k != tokens.index(head)
            and (
                k in place_idx
                or low_tokens[k] in _DETS
                or low_tokens[k] in ("unnamed", "anonymous", "unidentified", "and", ",")
                or tokens[k].is_punct
            )
        ):
            k += 1
        descriptor = _clean(_text(tokens[k:])) or None
    modifiers = frozenset(
        low_tokens[k]
        for k in content_words
        if tokens[k].i != head.i and low_tokens[k] not in _DETS and not tokens[k].is_punct
    )
    plural = head.tag_ in ("NNS", "NNPS") or any(t.dep_ == "conj" for t in tokens)
    return MentionInfo(
        kind, named, name, descriptor, affiliation, False, head_low, plural, modifiers
    )


def _head(tokens: Sequence[Token]) -> Token:
    ids = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    # Prefer a noun root; among several roots ("Moscow, Beijing") the first.
    for t in heads:
        if t.pos_ in ("NOUN", "PROPN", "PRON"):
            return t
    # A bare mention parsed as a clause ("leaked documents from ..."): its first noun argument.
    for t in tokens:
        if t.pos_ in ("NOUN", "PROPN") and t.head.i in ids and t.head.pos_ in ("VERB", "AUX"):
            return t
    return heads[0] if heads else tokens[-1]


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
    doc = nlp(text.strip())
    return describe(doc[:]).kind
