"""Hedges and weasel words: phrase finding and a sentence-level "uncertain" detector.

Two lexicons serve two jobs:

* ``hedges.txt`` (news hedges: "reportedly", "is said to", "may") marks hedge expressions in the
  text; the attribution engine attaches the same list to claims.
* ``hedge_cues.tsv`` (hedges, weasel words, peacock terms, each with the words that cancel it when
  they follow) drives :func:`is_uncertain`, the sentence classifier measured by
  ``benchmarks/hedges.py`` on the Wikipedia weasel sentences.

Both are compiled once into a single regular expression each, so a 7,000-sentence corpus takes
well under a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicons import load_table, load_terms

__all__ = ["UncertaintyCue", "find_hedges", "is_uncertain", "uncertainty_cues"]

# "BE thought" covers the impersonal passive and its adverbial variants ("widely thought").
_BE = r"(?:is|are|was|were|be|been|being|widely|generally|often|commonly|usually|sometimes|long)"
_NUM = (
    r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|dozen)"
)
# PTB-tokenised and plain text alike: a word boundary that treats hyphens as part of words.
_LEFT = r"(?<![\w-])"
# Horizontal space only: a cue never runs across a line break (sentences never do).
_SPACE = r"[^\S\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+"
_RIGHT = r"(?![\w-])"


@dataclass(frozen=True, slots=True)
class UncertaintyCue:
    """One matched uncertainty cue: where it is, what it is, which family it belongs to."""

    start: int
    end: int
    text: str
    cue: str
    category: str


def _phrase(term: str) -> str:
    return _SPACE.join(re.escape(w) for w in term.split())


def _cue_pattern(cue: str, unless_next: str) -> str:
    body = _BE + _SPACE + _phrase(cue[3:]) if cue.startswith("BE ") else _phrase(cue)
    if unless_next:
        alts = [_NUM if u == "#num" else _phrase(u) for u in unless_next.split("|") if u]
        body += r"(?!" + _SPACE + "(?:" + "|".join(alts) + r")" + _RIGHT + ")"
    return body


@cache
def _cue_regex() -> tuple[re.Pattern[str], tuple[tuple[str, str], ...]]:
    rows = load_table("hedge_cues")
    groups = [f"(?P<c{i}>{_cue_pattern(r['cue'], r['unless_next'])})" for i, r in enumerate(rows)]
    regex = re.compile(_LEFT + "(?:" + "|".join(groups) + ")" + _RIGHT, re.IGNORECASE)
    return regex, tuple((r["cue"], r["category"]) for r in rows)


@cache
def _hedge_regex() -> re.Pattern[str]:
    terms = sorted(load_terms("hedges"), key=len, reverse=True)
    return re.compile(_LEFT + "(?:" + "|".join(_phrase(t) for t in terms) + ")" + _RIGHT, re.IGNORECASE)


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


def find_hedges(text: str) -> list[tuple[int, int, str]]:
    """Return ``(start, end, hedge)`` for every expression of ``hedges.txt`` in ``text``.

    ``text[start:end]`` is the hedge as written; ``hedge`` is its lower-cased form.

    >>> find_hedges("Moscow reportedly asked, and he is said to be angry.")
    [(7, 17, 'reportedly'), (32, 42, 'is said to')]
    """
    text = text or ""
    out = []
    for m in _hedge_regex().finditer(text):
        if m.group(0) == "May" and not _sentence_initial(text, m.start()):
            continue  # the month
        out.append((m.start(), m.end(), " ".join(m.group(0).lower().split())))
    return out


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?\n:;"
