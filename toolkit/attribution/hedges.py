"""The hedge detector: expressions of ``hedges.txt`` ("reportedly", "is said to", "may") in text.

One detector serves both tables: the attribution engine attaches the hedges of a claim's content
and cue to the claim, and the literacy layer marks every hedge of the article.  Two guards keep
common words that are not hedges out:

* an approximator ("roughly", "approximately") hedges a quantity only: "roughly 300" is hedged,
  "handled roughly" and "roughly speaking" are not counted;
* "May" is the month unless it starts a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ..lexicons import HSPACE, WORD_END, alternation, load_terms

__all__ = ["NUMBER", "find_hedges", "iter_hedges"]

# A number as written in news text: digits ("300", "1,200", "2.5") or a number word.
NUMBER = (
    r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|dozen)"
)
# Approximators hedge only a number ("about 300"); "some" alone is a quantifier, not a hedge.
_NEEDS_NUMBER = frozenset({"about", "around", "roughly", "approximately", "some", "nearly", "almost"})


@cache
def _hedge_regex() -> re.Pattern[str]:
    return alternation(load_terms("hedges"), hyphens=False)


@cache
def _number_after() -> re.Pattern[str]:
    return re.compile(HSPACE + "+" + NUMBER + WORD_END, re.IGNORECASE)


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?\n:;"


def _is_hedge(text: str, m: re.Match[str]) -> bool:
    word = m.group(0)
    if word == "May" and not _sentence_initial(text, m.start()):
        return False  # the month
    if word.lower() in _NEEDS_NUMBER:
        return _number_after().match(text, m.end()) is not None
    return True


def iter_hedges(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Yield the character spans of the hedges that start in ``text[start:end]``, in order.

    A hedge may run past ``end`` ("are said" + "to"); words before ``start`` still count as
    context (a hedge is a whole word).

    >>> t = "They are said to be close."
    >>> [t[a:b] for a, b in iter_hedges(t, 5, 13)]
    ['are said to']
    """
    stop = len(text) if end is None else end
    # A hedge never crosses a line break, so the search ends with the line ``stop`` is on.
    line_end = text.find("\n", stop)
    for m in _hedge_regex().finditer(text, start, len(text) if line_end < 0 else line_end):
        if m.start() >= stop:
            break
        if _is_hedge(text, m):
            yield m.start(), m.end()


def find_hedges(text: str) -> list[tuple[int, int, str]]:
    """Return ``(start, end, hedge)`` for every hedge in ``text``.

    ``text[start:end]`` is the hedge as written; ``hedge`` is its lower-cased form.

    >>> find_hedges("Moscow reportedly asked, and he is said to be angry.")
    [(7, 17, 'reportedly'), (32, 42, 'is said to')]
    >>> [h for _, _, h in find_hedges("Roughly 300 came, roughly speaking.")]
    ['roughly']
    """
    text = text or ""
    return [(a, b, " ".join(text[a:b].lower().split())) for a, b in iter_hedges(text)]
