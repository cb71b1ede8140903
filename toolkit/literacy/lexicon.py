"""Compiled views of the literacy lexicons (each built once per process).

The word lists live in ``toolkit/data`` (each file names its sources); this module only turns
them into regular expressions and lookup dictionaries.  The lexicons the attribution engine
also reads keep their one view there: :func:`anonymity_reason_regex` and :func:`aliases` are
re-exported from :mod:`toolkit.attribution.speakers`.
"""

from __future__ import annotations

import re
from functools import cache

from ..attribution.speakers import anonymity_reason_regex, places
from ..lexicons import (
    WORD_END,
    WORD_START,
    alternation,
    load_lines,
    load_table,
    load_terms,
    phrase_pattern,
)

__all__ = [
    "agency_regex",
    "aliases",
    "anonymity_grant_regex",
    "anonymity_reason_regex",
    "cue_classes",
    "term_regex",
    "unnamed_credit_regex",
]

@cache
def term_regex(name: str) -> re.Pattern[str]:
    """Return a word-bounded, case-insensitive regex for ``toolkit/data/<name>.txt``.

    Loaded terms also match their plural ("terrorists").

    >>> bool(term_regex("loaded_terms").search("the regimes fell"))
    True
    """
    return alternation(load_terms(name), plural=name == "loaded_terms")


@cache
def anonymity_grant_regex() -> re.Pattern[str]:
    """Regex for phrases granting anonymity ("on condition of anonymity").

    >>> bool(anonymity_grant_regex().search("said on the condition of anonymity"))
    True
    """
    return alternation(load_terms("literacy_anonymity_grants"))


def _agency_lines() -> tuple[str, ...]:
    # Case matters for agencies ("AP", "PA"), so the lines are read as written.
    return load_lines("literacy_news_agencies")


@cache
def agency_regex() -> re.Pattern[str]:
    """Regex for named news agencies (case-sensitive: "AP" but not "ap").

    >>> agency_regex().search("(With inputs from PTI)").group(0)
    'PTI'
    """
    names = sorted((n for n in _agency_lines() if not n.startswith("@")), key=len, reverse=True)
    return re.compile(WORD_START + "(?:" + "|".join(phrase_pattern(n, hyphens=True) for n in names) + ")" + WORD_END)


@cache
def unnamed_credit_regex() -> re.Pattern[str]:
    """Regex for generic credits that name no agency ("agency inputs").

    >>> bool(unnamed_credit_regex().search("(With agency inputs)"))
    True
    """
    return alternation([n[1:] for n in _agency_lines() if n.startswith("@")])


@cache
def cue_classes() -> dict[str, str]:
    """Return cue lemma -> stance class from ``cue_stance.tsv``.

    >>> cue_classes()["note"], cue_classes()["claim"]
    ('endorsing', 'doubting')
    """
    return {r["lemma"].lower(): r["class"] for r in load_table("cue_stance")}


def aliases() -> dict[str, str]:
    """Return place / demonym / capital -> canonical country ("Moscow" -> "Russia").

    The attribution engine's view of ``speaker_places.tsv`` (:func:`toolkit.attribution.speakers.places`).

    >>> aliases()["Beijing"]
    'China'
    """
    return places()
