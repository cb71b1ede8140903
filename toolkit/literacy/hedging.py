"""Hedges and weasel words: the claim-level hedges and a sentence-level "uncertain" detector.

Two lexicons serve two jobs:

* ``hedges.txt`` (news hedges: "reportedly", "is said to", "may"): the one hedge detector,
  :func:`toolkit.attribution.hedges.find_hedges`, marks them in the text; a claim's ``hedges``
  are the hedge markers attached to it (:func:`claim_hedges`), so the two tables always agree.
* ``hedge_cues.tsv`` (hedges, weasel words, peacock terms, each with the words that cancel it when
  they follow) drives :func:`is_uncertain`, the sentence classifier measured by
  ``benchmarks/hedges.py`` on the Wikipedia weasel sentences.

Each is compiled once into a single regular expression, so a 7,000-sentence corpus takes well
under a second.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ..attribution.hedges import NUMBER, find_hedges
from ..lexicons import HSPACE, WORD_END, WORD_START, load_table, phrase_pattern
from ..types import Marker

__all__ = ["UncertaintyCue", "claim_hedges", "find_hedges", "is_uncertain", "uncertainty_cues"]

# "BE thought" covers the impersonal passive and its adverbial variants ("widely thought").
_BE = r"(?:is|are|was|were|be|been|being|widely|generally|often|commonly|usually|sometimes|long)"


@dataclass(frozen=True, slots=True)
class UncertaintyCue:
    """One matched uncertainty cue: where it is, what it is, which family it belongs to."""

    start: int
    end: int
    text: str
    cue: str
    category: str


def _cue_pattern(cue: str, unless_next: str) -> str:
    space = HSPACE + "+"
    body = _BE + space + phrase_pattern(cue[3:]) if cue.startswith("BE ") else phrase_pattern(cue)
    if unless_next:
        alts = [NUMBER if u == "#num" else phrase_pattern(u) for u in unless_next.split("|") if u]
        body += r"(?!" + space + "(?:" + "|".join(alts) + r")" + WORD_END + ")"
    return body


@cache
def _cue_regex() -> tuple[re.Pattern[str], tuple[tuple[str, str], ...]]:
    rows = load_table("hedge_cues")
    groups = [f"(?P<c{i}>{_cue_pattern(r['cue'], r['unless_next'])})" for i, r in enumerate(rows)]
    regex = re.compile(WORD_START + "(?:" + "|".join(groups) + ")" + WORD_END, re.IGNORECASE)
    return regex, tuple((r["cue"], r["category"]) for r in rows)


def uncertainty_cues(text: str) -> list[UncertaintyCue]:
    """Return the hedge, weasel and peacock cues of ``hedge_cues.tsv`` found in ``text``.

    >>> [c.cue for c in uncertainty_cues("Some critics say it is widely believed.")]
    ['some', 'critics', 'BE believed']
    >>> uncertainty_cues("Some 30 people came.")
    []
    """
    regex, meta = _cue_regex()
    out = []
    for m in regex.finditer(text or ""):
        index = int(next(k for k, v in m.groupdict().items() if v is not None)[1:])
        cue, category = meta[index]
        out.append(UncertaintyCue(m.start(), m.end(), m.group(0), cue, category))
    return out


def is_uncertain(sentence: str) -> bool:
    """Return True when a sentence carries a hedge, weasel or peacock cue.

    This is the detector scored by ``benchmarks/hedges.py`` (Wikipedia weasel sentences).

    >>> is_uncertain("Many experts believe the plan will fail.")
    True
    >>> is_uncertain("The plan failed in 2019.")
    False
    """
    regex, _ = _cue_regex()
    return regex.search(sentence or "") is not None


def claim_hedges(claim_id: int, markers: Iterable[Marker]) -> tuple[str, ...]:
    """Return the hedges of one claim: the text of the hedge markers attached to it, in order.

    >>> claim_hedges(0, [Marker("a", 0, "hedge", "roughly", 4, 11, 0), Marker("a", 0, "hedge", "may", 20, 23, 1)])
    ('roughly',)
    """
    return tuple(m.text for m in sorted(markers, key=lambda m: (m.start, m.end)) if m.kind == "hedge" and m.claim_id == claim_id)
