"""The project's curated word lists, read from ``toolkit/data/`` (each file names its sources).

Two formats: ``<name>.txt`` (one term per line, ``#`` comments) and ``<name>.tsv`` (a header
row, ``#`` comment lines before it).  Both are cached after the first read.
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources

__all__ = ["lexicon_path", "load_table", "load_terms"]


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
