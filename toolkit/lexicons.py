"""The project's curated word lists, read from ``toolkit/data/`` (each file names its sources).

Two formats: ``<name>.txt`` (one term per line, ``#`` comments) and ``<name>.tsv`` (a header
row, ``#`` comment lines before it).  Both are cached after the first read.
"""

from __future__ import annotations

import csv
import io
import re
from functools import cache
from importlib import resources

__all__ = [
    "HSPACE",
    "WORD_END",
    "WORD_START",
    "alternation",
    "lexicon_path",
    "load_lines",
    "load_table",
    "load_terms",
    "phrase_pattern",
]

# Word boundaries for plain and PTB-tokenised text alike: hyphens count as part of words.
WORD_START = r"(?<![\w-])"
WORD_END = r"(?![\w-])"
# Horizontal space only: a phrase never runs across a line break (sentences never do).
HSPACE = r"[^\S\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]"


def lexicon_path(filename: str) -> str:
    """Return the path of a data file shipped in ``toolkit/data``.

    >>> lexicon_path("hedges.txt").endswith("hedges.txt")
    True
    """
    return str(resources.files("toolkit") / "data" / filename)


def _read(filename: str) -> str:
    try:
        return (resources.files("toolkit") / "data" / filename).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileNotFoundError(f"lexicon {filename!r} is not in toolkit/data/") from None


@cache
def load_lines(name: str) -> tuple[str, ...]:
    """Return the lines of ``toolkit/data/<name>.txt`` as written (case kept, comments dropped).

    >>> "AP" in load_lines("literacy_news_agencies")
    True
    """
    lines = (ln.split("#", 1)[0].strip() for ln in _read(f"{name}.txt").splitlines())
    return tuple(ln for ln in lines if ln)


@cache
def load_terms(name: str) -> tuple[str, ...]:
    """Return the terms of ``toolkit/data/<name>.txt`` (lower-cased, comments dropped, order kept).

    >>> "reportedly" in load_terms("hedges")
    True
    """
    out: list[str] = []
    for line in _read(f"{name}.txt").splitlines():
        term = line.split("#", 1)[0].strip().lower()
        if term and term not in out:
            out.append(term)
    return tuple(out)


@cache
def load_table(name: str) -> tuple[dict[str, str], ...]:
    """Return the rows of ``toolkit/data/<name>.tsv`` as dicts keyed by the header.

    >>> load_table("reporting_verbs")[0]["lemma"]
    'say'
    """
    lines = [ln for ln in _read(f"{name}.tsv").splitlines() if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t")
    return tuple({k: (v or "").strip() for k, v in row.items()} for row in reader)


def phrase_pattern(term: str, *, hyphens: bool = False) -> str:
    """Return a regex for a lexicon phrase: its words joined by horizontal space (or hyphens).

    >>> import re
    >>> bool(re.fullmatch(phrase_pattern("is said to"), "is  said to"))
    True
    >>> bool(re.fullmatch(phrase_pattern("peace plan", hyphens=True), "peace-plan"))
    True
    """
    joint = f"(?:{HSPACE}|-)+" if hyphens else f"{HSPACE}+"
    return joint.join(re.escape(w) for w in term.split())


def alternation(terms: tuple[str, ...] | list[str], *, plural: bool = False, hyphens: bool = True) -> re.Pattern[str]:
    """Return one word-bounded, case-insensitive regex matching any of ``terms``, longest first.

    >>> alternation(["may", "may be"]).search("it may be so").group(0)
    'may be'
    """
    ordered = sorted(set(terms), key=len, reverse=True)
    suffix = r"(?:e?s)?" if plural else ""
    body = "|".join(phrase_pattern(t, hyphens=hyphens) for t in ordered) or r"(?!x)x"
    return re.compile(WORD_START + "(?:" + body + ")" + suffix + WORD_END, re.IGNORECASE)
