"""The source words every speaker reader shares: lexicon terms, place names, person and agent nouns.

One definition of "is this word a person?", "is this a place?" for :mod:`.kinds`, :mod:`.names`,
:mod:`.coref` and the rest, read from the project's lexicons (``toolkit/data``).
"""

from __future__ import annotations

from functools import cache

from ..lexicons import load_table, load_terms

__all__ = ["agent_noun", "norm", "person_noun", "phrases", "place_kinds", "places", "terms"]

# Endings of English agent nouns (examiner, investigator, strategist, historian).
_AGENT_SUFFIXES = ("er", "or", "ist", "ian")
# British and American spellings of one word are one word to the lexicons.
_SPELLING = {"defence": "defense", "organisation": "organization", "authorised": "authorized"}


@cache
def terms(name: str) -> frozenset[str]:
    """Return the single-word terms of a lexicon as a frozenset (phrases are kept too).

    >>> "critics" in terms("vague_sources")
    True
    """
    return frozenset(load_terms(name))


@cache
def phrases(name: str) -> tuple[str, ...]:
    """Return the multi-word entries of a lexicon.

    >>> "familiar with" in phrases("anonymous_sources")
    True
    """
    return tuple(t for t in load_terms(name) if " " in t)


@cache
def places() -> dict[str, str]:
    """Return place / demonym alias -> canonical country, from ``speaker_places.tsv``.

    >>> places()["Moscow"], places()["Chinese"]
    ('Russia', 'China')
    """
    return {row["alias"]: row["country"] for row in load_table("speaker_places")}


@cache
def place_kinds() -> dict[str, str]:
    """Return place / demonym alias -> what it names (country, city, people …), from ``speaker_places.tsv``."""
    return {row["alias"]: row["kind"] for row in load_table("speaker_places")}


def norm(word: str) -> str:
    """Lower-case a word without edge dots and apostrophes, one spelling per word.

    >>> norm("Defence"), norm("Mr.")
    ('defense', 'mr')
    """
    w = word.lower().strip(".’'")
    return _SPELLING.get(w, w)


def person_noun(word: str) -> bool:
    """Tell whether a (lower-case) noun denotes a person or people in one of the lexicons.

    >>> person_noun("academic"), person_noun("prosecutors"), person_noun("report")
    (True, True, False)
    """
    return any(
        word in terms(name)
        for name in ("speaker_person_nouns", "speaker_roles", "anonymous_sources", "vague_sources")
    ) and word not in terms("document_sources")


def agent_noun(word: str) -> bool:
    """Tell whether a (lower-case) noun has the ending of an English agent noun ("holder").

    >>> agent_noun("record holder".split()[-1]), agent_noun("report")
    (True, False)
    """
    return word.endswith(_AGENT_SUFFIXES)
