"""The inputs: what a source is (:func:`source_kind`), and walking paths, globs, folders and URLs.

Every input ends as article rows (via :mod:`.formats`) or ``errors`` rows in a :class:`LoadResult`.
"""

from __future__ import annotations

import glob as globmod
import os
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from .decode import decode_bytes
from .formats import KNOWN_EXTS, from_html, from_table, load_file, text_row
from .result import FetchError, InputNotFoundError, LoadError, LoadResult

# Seconds to wait for a web page: room for a slow server, short enough that a notebook cell
# does not hang on a dead one.
URL_TIMEOUT = 20.0

_HTML_DOC_RE = re.compile(r"\A\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)


def _looks_like_url(s: str) -> bool:
    return bool(re.match(r"^https?://\S+$", s.strip())) and "\n" not in s.strip()


def _looks_like_path(s: str) -> bool:
    """Tell a path or glob from a one-line text ("Is it true?", "~50 died [update]").

    >>> [_looks_like_path(s) for s in ("data/*.txt", "~/a", "Is it true?", "~50 people died")]
    [True, True, False, False]
    """
    if "\n" in s or len(s) > 1024 or not s.strip():
        return False
    s = s.strip()
    if Path(s).suffix.lower() in KNOWN_EXTS or s in ("~", ".", ".."):
        return True
    if s.startswith(("/", "./", "../", "~/")):
        return True
    # Glob characters alone make no path (headlines end in "?"); a folder part without spaces does.
    return any(ch in s for ch in "*?[") and "/" in s and not any(ch.isspace() for ch in s)


SourceKind = Literal["dataframe", "path", "glob", "url", "text", "bytes", "iterable", "other"]


def source_kind(source: Any) -> SourceKind:
    """Say what an input to :func:`load_articles` is: the one sniffer every module uses.

    A string is a URL, a path (it looks like one, or names an existing file or folder), a glob
    (path-like with ``*?[`` and not an existing name) or else a text, pasted HTML included.

    >>> [source_kind(s) for s in ("https://x.org/a", "data/*.txt", "./a.txt", "Is it true?", b"x", [1])]
    ['url', 'glob', 'path', 'text', 'bytes', 'iterable']
    """
    if isinstance(source, pd.DataFrame):
        return "dataframe"
    if isinstance(source, Path):
        return "path"
    if isinstance(source, str):
        if _looks_like_url(source):
            return "url"
        if _looks_like_path(source) or (len(source) < 1024 and "\n" not in source and os.path.exists(source)):
            return "glob" if any(ch in source for ch in "*?[") and not os.path.exists(source) else "path"
        return "text"
    if isinstance(source, bytes):
        return "bytes"
    return "iterable" if isinstance(source, Iterable) else "other"


def _load_url(url: str, *, res: LoadResult, timeout: float) -> None:
    req = urllib.request.Request(url, headers={"User-Agent": "newsclaims-toolkit/0.1"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            data = resp.read()
            charset = resp.headers.get_content_charset() or "utf-8"
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url}: the server answered HTTP {exc.code} ({exc.reason})", url=url, status=exc.code) from None
    except (TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        late = "timed out" in str(reason).lower() or isinstance(reason, TimeoutError)
        raise FetchError(
            f"{url}: fetching {'timed out' if late else 'failed'} ({reason})", url=url, timed_out=late
        ) from None
    try:
        html = data.decode(charset)
    except (UnicodeDecodeError, LookupError):
        html, _ = decode_bytes(data, url)
    from_html(html, source=url, article_id=None, url=url, res=res)


def collect(source: Any, *, res: LoadResult, timeout: float, top: bool, index: int | None = None) -> None:
    """Add the articles of any source to ``res``; its problems become ``errors`` rows, never raise.

    ``top`` marks the input the user gave (only there is a list walked, and its failure kept).

    >>> res = LoadResult()
    >>> collect(["Dam bursts\\nA dam burst.", "  "], res=res, timeout=URL_TIMEOUT, top=True)
    >>> len(res.rows), res.errors[0].message
    (1, '<string #1>: the text holds only whitespace')
    """
    try:
        _collect_one(source, res=res, timeout=timeout, top=top, index=index)
    except LoadError as exc:
        res.error(exc.source or _describe(source, index), str(exc))
        if top and res.failure is None:
            res.failure = exc
    except Exception as exc:  # noqa: BLE001 - one unreadable item must not lose the others
        where = _describe(source, index)
        res.error(where, f"{where}: could not be loaded ({type(exc).__name__}: {exc})")


def _describe(source: Any, index: int | None = None) -> str:
    at = "" if index is None else f" #{index}"
    if isinstance(source, pd.DataFrame):
        return f"<dataframe{at}>"
    if source_kind(source) in ("path", "glob", "url"):
        return str(source)
    return f"<string{at}>" if isinstance(source, str) else f"{type(source).__name__}{at}"


def _collect_one(source: Any, *, res: LoadResult, timeout: float, top: bool, index: int | None = None) -> None:
    kind = source_kind(source)
    if kind == "dataframe":
        from_table(source, source="<dataframe>", res=res, id_prefix=None)
    elif kind == "url":
        _load_url(source.strip(), res=res, timeout=timeout)
    elif kind == "glob":
        matches = _glob(source)
        if not matches:
            raise LoadError(f"{source}: the pattern matched no files", source=source)
        for m in matches:
            if m.is_file():
                # One file that fails must not lose the files after it.
                collect(m, res=res, timeout=timeout, top=False)
    elif kind == "path":
        _collect_path(as_path(source), res=res)
    elif kind == "text":
        _collect_text(source, res=res, index=index)
    elif kind == "bytes":
        try:
            text, warning = decode_bytes(source, "<bytes>")
        except LoadError as exc:
            res.error("<bytes>", str(exc))
            return
        if warning:
            res.error("<bytes>", warning, level="warning")
        collect(text, res=res, timeout=timeout, top=False, index=index)
    elif kind == "iterable" and top:
        for i, item in enumerate(source):
            collect(item, res=res, timeout=timeout, top=False, index=i)
    else:
        res.error(repr(source)[:80], f"{type(source).__name__} is not an article source (path, URL, text, DataFrame or list)")


def _glob(pattern: str) -> list[Path]:
    return [Path(m) for m in sorted(globmod.glob(os.path.expanduser(pattern), recursive=True))]


def as_path(source: str | Path) -> Path:
    """Turn a path-like input into a ``Path``.

    >>> as_path("~/news") == Path.home() / "news", as_path(Path("~")) == Path("~")
    (True, True)
    """
    # A typed "~/news" means the home folder; a Path object is taken as given.
    return source if isinstance(source, Path) else Path(source).expanduser()


def _collect_text(source: str, *, res: LoadResult, index: int | None) -> None:
    if not source.strip():
        # In a list, the index tells the user which of their texts was empty.
        where = _describe(source, index)
        res.error(where, f"{where}: the text is empty" if not source else f"{where}: the text holds only whitespace")
    elif _HTML_DOC_RE.match(source):
        # Pasted page source: extract the article instead of analysing markup as prose.
        from_html(source, source="<string>", article_id=None, url=None, res=res)
    else:
        res.rows.append(text_row(source, source="<string>", article_id=None))


def folder_files(path: Path) -> list[Path]:
    """Return the files of a folder (recursively) that load by their extension, sorted.

    >>> folder_files(Path("/no/such/folder"))
    []
    """
    return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in KNOWN_EXTS)


def _load_folder_file(f: Path, root: Path, res: LoadResult) -> None:
    if any(part.startswith(".") for part in f.relative_to(root).parts):
        return
    try:
        load_file(f, res=res, root=root)
    except LoadError as exc:
        res.error(str(f), str(exc))
    except Exception as exc:  # noqa: BLE001 - one unreadable file must not lose the folder
        res.error(str(f), f"{f}: could not be loaded ({type(exc).__name__}: {exc})")


def _collect_path(path: Path, *, res: LoadResult) -> None:
    if path.is_dir():
        files = folder_files(path)
        if not files:
            raise LoadError(f"{path}: the folder holds no {'/'.join(sorted(KNOWN_EXTS))} files", source=str(path))
        for f in files:
            _load_folder_file(f, path, res)
    elif path.is_file():
        load_file(path, res=res, root=None)
    else:
        raise InputNotFoundError(f"{path}: no such file or folder", source=str(path))


def units(
    source: Any, *, timeout: float, top: bool = True, index: int | None = None
) -> Iterator[Callable[[LoadResult], None]]:
    """Cut the load work into small units (one file, URL, text or table) so it can stream.

    >>> res = LoadResult()
    >>> for unit in units(["A\\nOne.", "B\\nTwo."], timeout=URL_TIMEOUT):
    ...     unit(res)
    >>> [row["title"] for row in res.rows]
    ['A', 'B']
    """
    kind = source_kind(source)
    # An empty folder or a glob matching nothing falls through: collect reports it.
    matches = _glob(source) if kind == "glob" else []
    if matches:
        for m in matches:
            if m.is_file():
                yield partial(_collect_file, m, timeout)
        return
    path = as_path(source) if kind == "path" else None
    files = folder_files(path) if path is not None and path.is_dir() else []
    if path is not None and files:
        for f in files:
            yield partial(_load_folder_file, f, path)
        return
    if top and kind == "iterable":
        for i, item in enumerate(source):
            yield from units(item, timeout=timeout, top=False, index=i)
        return
    yield lambda res: collect(source, res=res, timeout=timeout, top=top, index=index)


def _collect_file(path: Path, timeout: float, res: LoadResult) -> None:
    collect(path, res=res, timeout=timeout, top=False)

