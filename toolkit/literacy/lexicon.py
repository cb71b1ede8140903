"""Compiled views of the literacy lexicons (each built once per process).

The word lists live in ``toolkit/data`` (each file names its sources); this module only turns
them into regular expressions and lookup dictionaries.
"""

from __future__ import annotations

import re
from functools import cache

from ..lexicons import load_table, load_terms

__all__ = [
    "agency_regex",
    "aliases",
    "anonymity_grant_regex",
    "anonymity_reason_regex",
    "cue_classes",
    "term_regex",
    "unnamed_credit_regex",
]

_LEFT = r"(?<![\w-])"
_RIGHT = r"(?![\w-])"


def _phrase(term: str) -> str:
    # Horizontal space only: a phrase never runs across a line break (sentences never do).
    return r"(?:[^\S\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]|-)+".join(re.escape(w) for w in term.split())


def _alternation(terms: tuple[str, ...] | list[str], *, plural: bool = False) -> re.Pattern[str]:
    ordered = sorted(set(terms), key=len, reverse=True)
    suffix = r"(?:e?s)?" if plural else ""
    body = "|".join(_phrase(t) for t in ordered) or r"(?!x)x"
    return re.compile(_LEFT + "(?:" + body + ")" + suffix + _RIGHT, re.IGNORECASE)


@cache
def term_regex(name: str) -> re.Pattern[str]:
    """Return a word-bounded, case-insensitive regex for ``toolkit/data/<name>.txt``.

    Loaded terms also match their plural ("terrorists").

    >>> bool(term_regex("loaded_terms").search("the regimes fell"))
    True
    """
    return _alternation(load_terms(name), plural=name == "loaded_terms")


@cache
def anonymity_grant_regex() -> re.Pattern[str]:
    """Regex for phrases granting anonymity ("on condition of anonymity").

    >>> bool(anonymity_grant_regex().search("said on the condition of anonymity"))
    True
    """
    return _alternation(load_terms("literacy_anonymity_grants"))


@cache
def anonymity_reason_regex() -> re.Pattern[str]:
    """Regex for stated reasons for anonymity ("not authorized to"), from the engine's lexicon.

    >>> bool(anonymity_reason_regex().search("as he was not authorized to speak"))
    True
    """
    try:
        terms = load_terms("anonymity_reasons")
    except FileNotFoundError:  # the attribution engine's file; keep working without it
        terms = ("not authorized to", "not authorised to", "not allowed to", "for fear of")
    return _alternation(terms)


def _agency_lines() -> tuple[str, ...]:
    # Case matters for agencies ("AP", "PA"), so read the raw file rather than load_terms.
    from ..lexicons import lexicon_path

    with open(lexicon_path("literacy_news_agencies.txt"), encoding="utf-8") as fh:
        lines = [ln.split("#", 1)[0].strip() for ln in fh]
    return tuple(ln for ln in lines if ln)


@cache
def agency_regex() -> re.Pattern[str]:
    """Regex for named news agencies (case-sensitive: "AP" but not "ap").

    >>> agency_regex().search("(With inputs from PTI)").group(0)
    'PTI'
    """
    names = sorted((n for n in _agency_lines() if not n.startswith("@")), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(_phrase(n) for n in names) + r")(?![\w-])")


@cache
def unnamed_credit_regex() -> re.Pattern[str]:
    """Regex for generic credits that name no agency ("agency inputs").

    >>> bool(unnamed_credit_regex().search("(With agency inputs)"))
    True
    """
    return _alternation([n[1:] for n in _agency_lines() if n.startswith("@")])


@cache
def cue_classes() -> dict[str, str]:
    """Return cue lemma -> stance class from ``cue_stance.tsv``.

    >>> cue_classes()["note"], cue_classes()["claim"]
    ('endorsing', 'doubting')
    """
    return {r["lemma"].lower(): r["class"] for r in load_table("cue_stance")}


@cache
def aliases() -> dict[str, str]:
    """Return place / demonym / capital -> canonical country ("Moscow" -> "Russia").

    Read from the attribution engine's ``speaker_places.tsv``; empty when it is absent.

    >>> aliases().get("Beijing", "China")
    'China'
    """
    try:
        rows = load_table("speaker_places")
    except FileNotFoundError:
        return {}
    out: dict[str, str] = {}
    for r in rows:
        alias, country = r.get("alias", ""), r.get("country", "")
        if alias and country:
            out[alias] = country
    return out
