"""A speaker mention as the kind rules read it: its head, its places, its trailing name.

:func:`read_mention` computes a :class:`MentionView` once per mention; :mod:`.kinds` runs its
rules on it, and :mod:`.speakers` and :mod:`.spans` use the name helpers ("French Green MEP
Alain Lipietz", "envoy to Ukraine Kurt Volker", "a string of Tory MPs").
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass

from spacy.tokens import Token

from .source_words import norm, phrases, places, terms

__all__ = [
    "COUNTING_NOUNS",
    "DEFINITE",
    "MentionView",
    "counted_people",
    "counting_noun",
    "head_of",
    "office_before",
    "read_mention",
    "title_noun",
    "trailing_name_start",
]

# Determiners of a definite description ("the minister", "this man"): the reader is meant to know which one.
DEFINITE = frozenset({"the", "this", "that"})


def head_of(tokens: Sequence[Token]) -> Token:
    """Return the syntactic head of a mention: a noun root, else a bare clause's first argument.

    >>> import spacy
    >>> head_of(spacy.blank("en")("critics")[:]).text
    'critics'
    """
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


def _place_of(tokens: Sequence[Token], i: int) -> tuple[str | None, int]:
    """Longest place alias starting at tokens[i]: (country, n_tokens) or (None, 0)."""
    table = places()
    for n in (4, 3, 2, 1):
        if i + n > len(tokens):
            continue
        text = "".join(t.text + t.whitespace_ for t in tokens[i : i + n]).strip()
        if text in table:
            return table[text], n
    return None, 0


def _places_in(tokens: Sequence[Token]) -> tuple[list[str], set[int]]:
    """Return the countries a mention names and the indexes of their tokens."""
    countries: list[str] = []
    idx: set[int] = set()
    i = 0
    while i < len(tokens):
        country, n = _place_of(tokens, i)
        if country and tokens[i].ent_type_ != "PERSON":
            if country not in countries:
                countries.append(country)
            idx.update(range(i, i + n))
            i += n
        else:
            i += 1
    return countries, idx


@dataclass(frozen=True, slots=True)
class MentionView:
    """One mention as the kind rules read it (computed once by :func:`read_mention`)."""

    tokens: tuple[Token, ...]
    low: tuple[str, ...]  # normalised words
    head: Token
    head_low: str  # lemma of a common-noun head, else its text (normalised)
    head_word: str  # the head as written (normalised)
    lower: str  # " w1 w2 ... " for phrase tests
    countries: tuple[str, ...]
    place_idx: frozenset[int]
    has_person: bool  # a person's name at the head or in apposition

    @property
    def first(self) -> str:
        """The mention's first word (normalised)."""
        return self.low[0]

    def head_in(self, lexicon: str) -> bool:
        """Tell whether the head (lemma or as written) is listed in ``lexicon``."""
        words = terms(lexicon)
        return self.head_low in words or self.head_word in words

    def phrase_in(self, lexicon: str) -> bool:
        """Tell whether the mention holds a multi-word entry of ``lexicon``."""
        return any(f" {p} " in self.lower for p in phrases(lexicon))

    @property
    def plural(self) -> bool:
        """Whether the head is a plural noun (not a name ending in -s: "Figgins", "Banks", "Menezes")."""
        if self.head.tag_ not in ("NNS", "NNPS"):
            return False
        return self.head.ent_type_ not in ("PERSON", "ORG") or self.titled

    @property
    def titled(self) -> bool:
        """Whether the head is a title or an office holder's noun (:func:`title_noun`)."""
        return title_noun(self.head)

    @property
    def name_on_head(self) -> bool:
        """A proper name is the head or part of its name (not a modifier like "GOP operative")."""
        h = self.head
        return h.pos_ == "PROPN" or any(
            c.dep_ in ("appos", "flat") and c.pos_ == "PROPN" for c in h.children
        )


def title_noun(t: Token) -> bool:
    """Tell whether a common noun is a title or an office holder's noun ("MPs", "officials"), whatever label the tagger gives it."""
    words = (norm(t.lemma_), norm(t.text))
    return t.pos_ == "NOUN" and any(w in terms("speaker_roles") or w in terms("anonymous_sources") for w in words)


def read_mention(tokens: Sequence[Token]) -> MentionView:
    """Read a (non-empty, non-pronoun) mention for the kind rules.

    >>> from toolkit.nlp import load_model
    >>> m = read_mention(list(load_model()("one GOP operative")))
    >>> m.head.text, m.first, m.name_on_head
    ('operative', 'one', False)
    """
    low = tuple(norm(t.text) for t in tokens)
    head = head_of(tokens)
    countries, place_idx = _places_in(tokens)
    person_idx = [k for k, t in enumerate(tokens) if t.ent_type_ == "PERSON"]
    # A person's name makes a person mention when it is the head or stands in apposition
    # ("Putin's spokesman Dmitry Peskov"); as a modifier ("Biden administration", "Putin's
    # spokesman") it does not.
    # ... and a title the tagger labels a name ("Tory MPs") names no one
    has_person = (head.ent_type_ == "PERSON" and not title_noun(head)) or any(
        tokens[k].dep_ == "appos"
        or (tokens[k].head.ent_type_ == "PERSON" and tokens[k].head.dep_ == "appos")
        for k in person_idx
    )
    return MentionView(
        tuple(tokens),
        low,
        head,
        norm(head.lemma_ if head.pos_ == "NOUN" else head.text),
        norm(head.text),
        " " + " ".join(low) + " ",
        tuple(countries),
        frozenset(place_idx),
        has_person,
    )


# A name after a title or an owner has a given name and a family name at least: one capitalised
# word after "MEP" may be a party or a place ("the Green MEP Lambert" keeps its reading).
MIN_TRAILING_NAME = 2


def trailing_name_start(tokens: Sequence[Token], *, place_idx: Set[int] | None = None) -> int | None:
    """Return where the proper nouns that end a mention begin, when there are two or more, else None.

    >>> from toolkit.nlp import load_model
    >>> trailing_name_start(list(load_model()("French Green MEP Alain Lipietz")))
    3
    """
    k = len(tokens)
    while k > 0 and tokens[k - 1].tag_ == "NNP" and not title_noun(tokens[k - 1]):
        k -= 1
    # "envoy to Ukraine Kurt Volker": the place the office is for is not the name's first word
    places = _places_in(tokens)[1] if place_idx is None else place_idx
    while k in places and k < len(tokens) - MIN_TRAILING_NAME:
        k += 1
    return k if 0 < k <= len(tokens) - MIN_TRAILING_NAME else None


def office_before(tokens: Sequence[Token], start: int, *, place_idx: Set[int] | None = None) -> bool:
    """Tell whether a title ends right before ``start``, or a title for a place ("envoy to Ukraine").

    >>> from toolkit.nlp import load_model
    >>> office_before(list(load_model()("former envoy to Ukraine Kurt Volker")), 4)
    True
    """
    before = tokens[start - 1]
    if title_noun(before):
        return True
    places = _places_in(tokens)[1] if place_idx is None else place_idx
    k = start - 1
    while k >= 0 and k in places:
        k -= 1
    return k < start - 1 and k >= 1 and tokens[k].lower_ in ("to", "of", "for") and title_noun(tokens[k - 1])


# Nouns that count an unspecified number of people ("a string of Tory MPs", "dozens of officials").
COUNTING_NOUNS = frozenset({"string", "number", "handful", "host", "raft", "slew", "dozen", "score", "hundred", "thousand"})


def counted_people(noun: Token) -> Token | None:
    """Return the plural a counting noun counts ("MPs" for "string" in "a string of Tory MPs"), if any.

    >>> from toolkit.nlp import load_model
    >>> counted_people(load_model()("a string of Tory MPs")[1]).text
    'MPs'
    """
    if noun.pos_ != "NOUN" or norm(noun.lemma_) not in COUNTING_NOUNS:
        return None
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    group = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    return group if group is not None and group.tag_ in ("NNS", "NNPS") else None


def counting_noun(noun: Token) -> Token | None:
    """Return the noun that counts ``noun`` ("string" for "MPs" in "a string of Tory MPs"), if any.

    >>> from toolkit.nlp import load_model
    >>> counting_noun(load_model()("a string of Tory MPs")[4]).text
    'string'
    """
    of = noun.head
    if noun.dep_ == "pobj" and of.lower_ == "of" and of.head.pos_ == "NOUN" and norm(of.head.lemma_) in COUNTING_NOUNS:
        return of.head
    return None
