"""Wording for people: article text cut to a few words for quoting, and a reading-grade measure.

Plain text in, plain text out, standard library only: the literacy explanations, the comparison's
findings and the classroom's feedback (whose sessions never load spaCy) share these rules, so a
quotation is cut and quoted the same way everywhere.
"""

from __future__ import annotations

import re
from typing import Any, Final

__all__ = ["MAX_GRADE", "NAME_WORDS", "QUOTE_WORDS", "reading_grade", "short_name", "short_quote"]

# The reading grade every explanation stays at or under: a 14-year-old (US grade 8) reads it in one go.
MAX_GRADE: Final = 8.0
# Quoted article text is cut to this many words.  A one-sentence explanation's grade grows by
# 0.39 a word: a 30-word quotation inside a 10-word explanation reads at grade 14+, and past
# about 16 words in all even plain news words read above grade 8; eight words still say what
# was claimed.
QUOTE_WORDS: Final = 8
# Names and descriptions of speakers ("an international, non-profit organisation that supports
# ...") are cut shorter: they sit inside a sentence that says something else about them.
NAME_WORDS: Final = 5
# Marks that open or close a quotation; inner ones become single marks, so a quotation put
# inside our own “…” is never quoted twice (“"by the back door"”).
_OPENERS, _CLOSERS = "\"“„«‘'", "\"”»’'"
_INNER_MARKS = str.maketrans({"“": "‘", "„": "‘", "«": "‘", "”": "’", "»": "’", '"': "'"})
_CUT_TRAIL = " ,;:—–-(“‘\"'"


def _unquoted(text: str) -> str:
    """Drop the quotation marks around a whole text, only in pairs ("‘x’ she said", "the Joneses’" keep theirs)."""
    text = text.rstrip(".,;: ")
    while len(text) > 1 and text[0] in _OPENERS and text[-1] in _CLOSERS:
        text = text[1:-1].strip().rstrip(".,;: ")
    return text


def short_quote(text: object, *, words: int = QUOTE_WORDS, mark: str = "…") -> str:
    """Return article text ready to put inside quotation marks: one line, cut at a word boundary.

    Whitespace is collapsed, a leading "that" (the complementizer, not the claim) and the
    quotation marks around the text are dropped, inner double marks become single ones, and a
    text over ``words`` words keeps its first ``words`` words and ends in ``mark``.  The caller
    adds its own quotation marks.

    >>> short_quote('"by the back door"'), short_quote("that the plan   failed.")
    ('by the back door', 'the plan failed')
    >>> short_quote("Russia asked China, Moscow's most powerful diplomatic partner, for arms", words=6)
    "Russia asked China, Moscow's most powerful…"
    """
    flat = " ".join(str(text).split())
    flat = flat[5:] if flat.startswith("that ") else flat
    flat = _unquoted(flat)
    kept = flat.split(" ")
    if len(kept) <= words:
        return flat.translate(_INNER_MARKS)
    return " ".join(kept[:words]).rstrip(_CUT_TRAIL).translate(_INNER_MARKS) + mark


_VOWELS = re.compile(r"[aeiouy]+")
_WORDS = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")


def _syllables(word: str) -> int:
    w = word.lower()
    n = len(_VOWELS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee")) and n > 1:
        n -= 1  # a silent final e: "quote", "denies" keeps its own
    return max(n, 1)


def reading_grade(text: str) -> float:
    """Flesch–Kincaid grade level of ``text`` (0.39 words/sentence + 11.8 syllables/word - 15.59).

    >>> reading_grade("The cat sat on the mat. It was happy.") < 2
    True
    >>> reading_grade("Notwithstanding considerable institutional deliberation, comprehensive "
    ...               "international reconciliation remained fundamentally unattainable.") > 12
    True
    """
    sentences = max(len(re.findall(r"[.!?]+(?:\s|$)", text.strip())), 1)
    words = _WORDS.findall(text)
    if not words:
        return 0.0
    syllables = sum(_syllables(w) for w in words)
    return 0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59



# Words a shortened name does not end on ("an organisation that…" -> "an organisation").
_NAME_TAIL = re.compile(r"(?:[\s,;:]+(?:that|which|who|whose|of|the|a|an|and|or|for|in|on|at|to|with|from|by))+$", re.I)


def short_name(name: Any) -> str:
    """Return a speaker's name for inside a sentence: a long description keeps its first words, with no "…".

    >>> short_name("an international, non-profit organisation that supports the building of societies")
    'an international, non-profit organisation'
    >>> short_name("The Who")
    'The Who'
    """
    full = short_quote(name, words=max(len(str(name).split()), 1))
    cut = short_quote(name, words=NAME_WORDS, mark="")
    return full if cut == full else _NAME_TAIL.sub("", cut)
