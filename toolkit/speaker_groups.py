"""Speaker identity across a corpus: the one grouping the voices chart and the summaries share.

A speaker is grouped by its ``speaker_key`` (the normalised full name the attribution layer
gives it) where one is set, else by a key made from its display name; surnames alone join the
full name they belong to when that is unambiguous ("Blair" with "Tony Blair").

>>> import pandas as pd
>>> speaker_key("The  Kremlin")
'kremlin'
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["display_name", "group_keys", "speaker_key", "speaker_keys"]

_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def speaker_key(name: str) -> str:
    """Return the key under which a speaker's name is grouped when it has no ``speaker_key``.

    >>> speaker_key("The  US"), speaker_key("US"), speaker_key("Putin's spokesman")
    ('us', 'us', "putin's spokesman")
    """
    text = _SPACE.sub(" ", str(name).replace("\u2019", "'")).strip()
    return _ARTICLE.sub("", text).casefold()


def _join_surnames(keys: pd.Series, classes: pd.Series) -> pd.Series:
    people = {k for k in keys[classes == "named person"] if isinstance(k, str)}
    by_surname: dict[str, set[str]] = {}
    for key in people:
        if " " in key:
            by_surname.setdefault(key.rsplit(" ", 1)[1], set()).add(key)
    merge = {k: next(iter(by_surname[k])) for k in people if " " not in k and len(by_surname.get(k, ())) == 1}
    return keys.map(lambda k: merge.get(k, k) if isinstance(k, str) else None)


def speaker_keys(names: pd.Series, classes: pd.Series) -> pd.Series:
    """Return the corpus-wide key of each speaker name; a lone surname joins its only full name.

    Only named people are joined, and only when exactly one full name in the corpus ends with
    the surname: "Blair" and "Tony Blair" merge, "Brown" stays alone next to "Gordon Brown" and
    "Nick Brown".

    >>> names = pd.Series(["Tony Blair", "Blair", "Brown", "Gordon Brown", "Nick Brown"])
    >>> speaker_keys(names, pd.Series(["named person"] * 5)).tolist()
    ['tony blair', 'tony blair', 'brown', 'gordon brown', 'nick brown']
    """
    return _join_surnames(names.map(speaker_key), classes)


def group_keys(claims: pd.DataFrame) -> pd.Series:
    """Return the key that groups each claim's speaker across articles (of a :func:`claims_frame`).

    The speaker's ``speaker_key`` (its normalised full name), else the key of its name; None
    for a speaker the article never ties to a source ("unresolved: he", an unresolved "the
    company"), which no table or chart ranks.  The most-quoted table and the voices chart both
    group by it, so they always agree.

    >>> from toolkit.charts import claims_frame
    >>> df = pd.DataFrame({"article_id": ["a", "b"], "claim_id": [0, 0], "content_text": ["x", "y"],
    ...                    "speaker_name": ["Tony Blair", "Blair"], "speaker_kind": ["person", "person"]})
    >>> group_keys(claims_frame(df)).tolist()
    ['tony blair', 'tony blair']
    """
    names = claims["source"].map(speaker_key)
    keys = claims["speaker_key"].where(claims["speaker_key"].notna(), names).astype(object)
    keys = keys.where(claims["resolved"].astype(bool), None)
    return _join_surnames(keys, claims["source_class"])


def display_name(names: pd.Series, key: str | None = None) -> str:
    """Return the name shown for a group of spellings: the most frequent full form, ties to the longest.

    >>> display_name(pd.Series(["Blair", "Tony Blair", "Tony Blair"]))
    'Tony Blair'
    """
    if key is not None:
        full = names[names.map(speaker_key) == key]
        names = full if len(full) else names
    counts = names.value_counts()
    best = counts[counts == counts.max()].index
    return str(max(best, key=len))
