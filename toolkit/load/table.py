"""Collected rows -> the ``articles`` table: ids (content hashes, duplicates renamed), word counts, warnings."""

from __future__ import annotations

import hashlib
import re
from typing import Any

import pandas as pd

from ..structure import split_lines
from ..types import conform, frame
from .language import not_english
from .result import LoadResult


def _content_id(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _n_words(text: str) -> int:
    return len(text.split())


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _replace_surrogates(row: dict[str, Any]) -> int:
    """Replace lone surrogates (from JSON escapes or surrogateescape) in every string of ``row``."""
    n_text = 0
    for key, value in row.items():
        if isinstance(value, str) and _SURROGATE_RE.search(value):
            if key == "text":
                n_text = len(_SURROGATE_RE.findall(value))
            row[key] = _SURROGATE_RE.sub("\ufffd", value)
    return n_text


def _headline_only(text: str) -> str | None:
    lines = split_lines(text)
    if len(lines) == 1 and lines[0].role == "headline":
        return "holds only a headline (one line, no final full stop); there is no body text to analyse"
    return None


def finish(res: LoadResult, seen: dict[str, int] | None = None) -> pd.DataFrame:
    """Turn the collected rows into the ``articles`` table, adding its warnings to ``res.errors``.

    >>> res = LoadResult(rows=[{"text": "A\\nOne.", "source": "a"}, {"text": "A\\nOne.", "source": "b"}])
    >>> finish(res)["article_id"].str.len().tolist(), res.errors[0].message[:19]
    ([12, 14], 'duplicate article_i')
    """
    # ``seen`` persists across the chunks of iter_load so streamed ids equal load_with_errors' ids.
    seen = {} if seen is None else seen
    for row in res.rows:
        n_surrogates = _replace_surrogates(row)
        text = row["text"]
        aid = row.get("article_id") or _content_id(text)
        if aid in seen:
            seen[aid] += 1
            new = f"{aid}~{seen[aid]}"
            res.error(
                str(row.get("source")),
                f"duplicate article_id {aid!r} (from {row.get('source')}); renamed to {new!r}",
                level="warning",
                article_id=new,
            )
            aid = new
        seen.setdefault(aid, 1)
        row["article_id"] = aid
        row["n_words"] = _n_words(text)
        surrogates = (
            f"held {n_surrogates} lone surrogate code point(s) (broken \\ud800-style escapes?), which no "
            "file format can store; each was replaced by U+FFFD, so offsets are unchanged"
            if n_surrogates
            else None
        )
        for note in (surrogates, _headline_only(text), not_english(text)):
            if note:
                res.error(str(row.get("source")), f"{row.get('source')} ({aid}): {note}", level="warning", article_id=aid)
    return conform(pd.DataFrame.from_records(res.rows), "articles") if res.rows else frame([], "articles")
