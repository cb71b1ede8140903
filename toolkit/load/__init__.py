"""Load stage: any source of articles -> the ``articles`` table (+ ``errors`` rows).

Sources: a path to a .txt / .html / .csv / .jsonl / .parquet file, a folder (recursive, by
extension), a glob, a URL (fetched and extracted with trafilatura), a raw string, a DataFrame
with a ``text`` column, or a list of any of these.

The package, in the order it runs: :mod:`.sources` says what an input is and walks paths,
globs, folders and URLs; :mod:`.formats` reads each file format into rows, :mod:`.decode`
turning bytes into text; :mod:`.table` makes the rows the ``articles`` table, with the
not-English warning of :mod:`.language`; :mod:`.result` holds the rows, problems and errors.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

import pandas as pd

from ..types import frame
from .decode import decode_bytes
from .formats import HTML_EXTS, KNOWN_EXTS, TABLE_EXTS, TEXT_EXTS
from .language import (
    MIN_ENGLISH_SHARE,
    MIN_FOREIGN_SHARE,
    MIN_FOREIGN_WORDS,
    MIN_WORDS_BY_SHARE,
    MIN_WORDS_TO_JUDGE,
    OTHER_LANGUAGES,
    not_english,
)
from .result import FetchError, InputNotFoundError, LoadError, LoadResult
from .sources import URL_TIMEOUT, SourceKind, as_path, collect, folder_files, source_kind, units
from .table import finish

__all__ = [
    "HTML_EXTS",
    "KNOWN_EXTS",
    "MIN_ENGLISH_SHARE",
    "MIN_FOREIGN_SHARE",
    "MIN_FOREIGN_WORDS",
    "MIN_WORDS_BY_SHARE",
    "MIN_WORDS_TO_JUDGE",
    "OTHER_LANGUAGES",
    "TABLE_EXTS",
    "TEXT_EXTS",
    "URL_TIMEOUT",
    "FetchError",
    "InputNotFoundError",
    "LoadError",
    "LoadResult",
    "SourceKind",
    "decode_bytes",
    "folder_files",
    "iter_load",
    "load_articles",
    "load_with_errors",
    "not_english",
    "source_kind",
]


def _one_input(source: Any) -> bool:
    """Tell one input (a file, URL, text, table) from several (a list, a folder, a glob).

    >>> [_one_input(s) for s in ("/no/such/file.txt", "https://x.org/a", ["a", "b"], "data/*.txt", "/")]
    [True, True, False, False, False]
    """
    kind = source_kind(source)
    return kind not in ("iterable", "glob") and not (kind == "path" and as_path(source).is_dir())


def _raise_if_failed(source: Any, res: LoadResult) -> None:
    """Raise when one input gave no article, or a folder/glob held none; several keep their rows."""
    if res.rows or source_kind(source) == "iterable":
        return
    if res.failure is not None:
        # The short traceback is the point: a notebook user reads the message, not our frames.
        raise res.failure.with_traceback(None)
    hard = [e.message for e in res.errors if e.level == "error"]
    if hard and _one_input(source):
        more = f" (and {len(hard) - 1} more problems, listed by load_with_errors)" if len(hard) > 1 else ""
        raise LoadError(hard[0] + more)


def load_with_errors(source: Any, *, timeout: float = URL_TIMEOUT) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Load articles from any source, collecting per-item problems instead of raising.

    >>> articles, errors = load_with_errors(["Headline\\nBody.", "/no/such/file.txt"])
    >>> len(articles), errors.loc[0, "message"]
    (1, '/no/such/file.txt: no such file or folder')
    """
    res = LoadResult()
    collect(source, res=res, timeout=timeout, top=True)
    return finish(res), frame(res.errors, "errors")


def iter_load(
    source: Any,
    *,
    chunk_size: int = 256,
    timeout: float = URL_TIMEOUT,
    on_error: Literal["auto", "collect"] = "auto",
) -> Iterator[tuple[pd.DataFrame, pd.DataFrame]]:
    """Stream ``(articles, errors)`` chunks of about ``chunk_size`` articles from any source.

    Folders, globs, lists and generators are read item by item, so memory holds one chunk, not
    the corpus; ids are the same as :func:`load_with_errors` gives (duplicates renamed alike).
    ``on_error`` works as in :func:`load_articles`: one input that fails raises.

    >>> chunks = list(iter_load(["A\\nOne.", "B\\nTwo.", "C\\nThree."], chunk_size=2))
    >>> [len(a) for a, _ in chunks]
    [2, 1]
    """
    seen: dict[str, int] = {}
    res = LoadResult()
    for unit in units(source, timeout=timeout):
        unit(res)
        if len(res.rows) >= chunk_size:
            yield finish(res, seen), frame(res.errors, "errors")
            res = LoadResult()
    if on_error == "auto":
        # One input is one unit, so nothing was yielded yet when it gave no article.
        _raise_if_failed(source, res)
    if res.rows or res.errors:
        yield finish(res, seen), frame(res.errors, "errors")


def load_articles(
    source: Any, *, on_error: Literal["auto", "raise", "collect"] = "auto", timeout: float = URL_TIMEOUT
) -> pd.DataFrame:
    """Load articles into the ``articles`` table.

    ``on_error="auto"`` raises when one input (a file, URL, text or table) gives no article:
    :class:`InputNotFoundError` (a ``FileNotFoundError``) for a missing path,
    :class:`FetchError` for a URL that fails, else :class:`LoadError` (a ``ValueError``),
    e.g. for a table without a ``text`` column; the message names the input. For several
    inputs (a list, a folder, a glob), or with ``"collect"``, problems go to
    ``df.attrs["errors"]`` (an ``errors`` table) while the rest load; ``"raise"`` raises on any.

    >>> df = load_articles("Russia denies claim\\nMoscow said the report was false.")
    >>> df.loc[0, "title"], int(df.loc[0, "n_words"])
    ('Russia denies claim', 9)
    >>> load_articles("/no/such/file.txt")
    Traceback (most recent call last):
    toolkit.load.InputNotFoundError: /no/such/file.txt: no such file or folder
    """
    res = LoadResult()
    collect(source, res=res, timeout=timeout, top=True)
    if on_error != "collect":
        _raise_if_failed(source, res)
    articles, errors = finish(res), frame(res.errors, "errors")
    hard = errors[errors["level"] == "error"]
    if len(hard) and on_error == "raise":
        raise LoadError("; ".join(hard["message"].tolist()))
    articles.attrs["errors"] = errors
    return articles
