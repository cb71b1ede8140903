"""Load stage: any source of articles -> the ``articles`` table (+ ``errors`` rows).

Sources: a path to a .txt / .html / .csv / .jsonl / .parquet file, a folder (recursive, by
extension), a glob, a URL (fetched and extracted with trafilatura), a raw string, a DataFrame
with a ``text`` column, or a list of any of these.
"""

from __future__ import annotations

import codecs
import glob as globmod
import hashlib
import io
import json
import os
import re
import urllib.error
import urllib.request
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from .types import ErrorRecord, conform, frame

__all__ = ["LoadError", "LoadResult", "load_articles", "load_with_errors", "decode_bytes"]

TEXT_EXTS = {".txt", ".text", ".md"}
HTML_EXTS = {".html", ".htm", ".xhtml"}
TABLE_EXTS = {".csv", ".tsv", ".jsonl", ".ndjson", ".parquet", ".pq"}
KNOWN_EXTS = TEXT_EXTS | HTML_EXTS | TABLE_EXTS
URL_TIMEOUT = 20.0

# Column names accepted for each articles column in tables the user brings.
_ALIASES = {
    "article_id": ("article_id", "id", "doc_id", "uid"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "published": ("published", "date", "publication_date", "pubdate", "datetime"),
    "outlet": ("outlet", "publisher", "site", "sitename", "source_name"),
    "byline": ("byline", "author", "authors"),
    "section": ("section", "topic", "category"),
}


class LoadError(ValueError):
    """An input could not be turned into articles; the message names the input."""


@dataclass
class LoadResult:
    """Loaded rows plus the problems met on the way."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)

    def error(self, source: str, message: str, *, level: str = "error", article_id: str | None = None) -> None:
        """Record a problem with one input item."""
        self.errors.append(ErrorRecord(article_id, source, "load", level, message))


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    bad = err.object[err.start : err.end]
    return bad.decode("cp1252", errors="replace").replace("\ufffd", "\u00bf"), err.end


codecs.register_error("toolkit_cp1252", _cp1252_fallback)


def decode_bytes(data: bytes, name: str) -> tuple[str, str | None]:
    """Decode file bytes as UTF-8; invalid bytes fall back to Windows-1252 (with a note).

    Returns ``(text, warning)``; raises :class:`LoadError` for binary data.

    >>> decode_bytes("café".encode("cp1252"), "x.txt")[1] is not None
    True
    """
    if b"\x00" in data[:8192]:
        raise LoadError(f"{name}: looks like a binary file (contains NUL bytes), not text")
    sample = data[:8192]
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if sample and control / len(sample) > 0.1:
        raise LoadError(f"{name}: looks like a binary file ({control} control bytes in the first {len(sample)})")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        first = exc.start
    text = data.decode("utf-8", errors="toolkit_cp1252")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, (
        f"{name}: not valid UTF-8 (first bad byte at offset {first}); "
        "invalid bytes were decoded as Windows-1252"
    )


def _content_id(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _n_words(text: str) -> int:
    return len(text.split())


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return None


def _looks_like_url(s: str) -> bool:
    return bool(re.match(r"^https?://\S+$", s.strip())) and "\n" not in s.strip()


def _looks_like_path(s: str) -> bool:
    if "\n" in s or len(s) > 1024 or not s.strip():
        return False
    if any(ch in s for ch in "*?["):
        return True
    suffix = Path(s.strip()).suffix.lower()
    return suffix in KNOWN_EXTS or s.startswith(("/", "./", "../", "~"))


def _text_row(text: str, *, source: str, article_id: str | None, **meta: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"article_id": article_id, "text": text, "source": source}
    row.update({k: v for k, v in meta.items() if v is not None})
    row.setdefault("title", _first_line(text))
    return row


def _from_html(html: str, *, source: str, article_id: str | None, url: str | None, res: LoadResult) -> None:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if doc is None:
        res.error(source, f"{source}: no article text could be extracted from the HTML")
        return
    meta = doc if isinstance(doc, dict) else doc.as_dict()
    body = (meta.get("text") or "").strip()
    title = (meta.get("title") or "").strip() or None
    if not body:
        res.error(source, f"{source}: the HTML holds no article text")
        return
    # The headline goes on line 1, as in plain-text news, so structure and headline checks work.
    text = body if not title or body.startswith(title) else f"{title}\n{body}"
    res.rows.append(
        _text_row(
            text,
            source=source,
            article_id=article_id,
            title=title,
            url=meta.get("url") or url,
            published=meta.get("date"),
            outlet=meta.get("sitename"),
            byline=meta.get("author"),
        )
    )


def _from_table(df: pd.DataFrame, *, source: str, res: LoadResult, id_prefix: str | None) -> None:
    cols = {c.lower().strip(): c for c in df.columns}
    if "text" not in cols:
        raise LoadError(
            f"{source}: no 'text' column (columns are: {', '.join(map(str, df.columns)) or 'none'})"
        )
    renamed: dict[str, str] = {cols["text"]: "text"}
    for target, aliases in _ALIASES.items():
        for alias in aliases:
            if alias in cols and cols[alias] not in renamed:
                renamed[cols[alias]] = target
                break
    df = df.rename(columns=renamed)
    for i, rec in enumerate(df.to_dict("records")):
        line_no = rec.pop("__line__", None)
        number = int(line_no) if line_no is not None else i + 1
        text = rec.get("text")
        rid = rec.get("article_id")
        rid = None if rid is None or (isinstance(rid, float) and pd.isna(rid)) else str(rid)
        where = f"{source} {'line' if line_no is not None else 'row'} {number}"
        if not isinstance(text, str):
            res.error(where, f"{where}: 'text' is missing or not a string", article_id=rid)
            continue
        if rid is None and id_prefix is not None:
            rid = f"{id_prefix}-{number}"
        rec["article_id"] = rid
        rec["source"] = where if id_prefix is not None else rec.get("source", source)
        rec.setdefault("title", None)
        if rec.get("title") is None or (isinstance(rec.get("title"), float)):
            rec["title"] = _first_line(text)
        res.rows.append(rec)


def _read_jsonl(data: str, *, source: str, res: LoadResult) -> pd.DataFrame:
    records = []
    for n, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            res.error(f"{source} line {n}", f"{source} line {n}: invalid JSON ({exc.msg}); line skipped")
            continue
        if not isinstance(obj, dict):
            res.error(f"{source} line {n}", f"{source} line {n}: not a JSON object; line skipped")
            continue
        records.append({**obj, "__line__": n})
    return pd.DataFrame.from_records(records)


def _read_csv(data: str, *, source: str, sep: str, res: LoadResult) -> pd.DataFrame:
    bad: list[str] = []

    def on_bad(line: list[str]) -> None:
        bad.append(sep.join(line)[:80])
        return None

    df = pd.read_csv(io.StringIO(data), sep=sep, engine="python", on_bad_lines=on_bad, dtype=str, keep_default_na=False)
    for text in bad:
        res.error(source, f"{source}: malformed CSV row skipped (wrong number of fields): {text!r}")
    return df


def _load_file(path: Path, *, res: LoadResult, root: Path | None) -> None:
    source = str(path)
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        res.error(source, f"{source}: cannot read file ({exc.strerror or exc})")
        return
    if suffix == ".parquet" or suffix == ".pq":
        try:
            df = pd.read_parquet(io.BytesIO(data))
        except Exception as exc:  # noqa: BLE001 - pyarrow raises many types
            res.error(source, f"{source}: not a readable Parquet file ({exc})")
            return
        _from_table(df, source=source, res=res, id_prefix=None)
        return
    try:
        text, warning = decode_bytes(data, source)
    except LoadError as exc:
        res.error(source, str(exc))
        return
    if warning:
        res.error(source, warning, level="warning")
    if suffix in TEXT_EXTS:
        if not text.strip():
            res.error(source, f"{source}: the file is empty" if not text else f"{source}: the file holds only whitespace")
            return
        if root is not None:
            rel = path.relative_to(root).with_suffix("")
            aid = rel.as_posix()
            section = rel.parent.as_posix() if rel.parent != Path(".") else None
        else:
            aid, section = path.stem, None
        res.rows.append(_text_row(text, source=source, article_id=aid, section=section))
    elif suffix in HTML_EXTS:
        _from_html(text, source=source, article_id=path.stem, url=None, res=res)
    elif suffix in (".jsonl", ".ndjson"):
        _from_table(_read_jsonl(text, source=source, res=res), source=source, res=res, id_prefix=path.stem)
    elif suffix in (".csv", ".tsv"):
        df = _read_csv(text, source=source, sep="\t" if suffix == ".tsv" else ",", res=res)
        _from_table(df, source=source, res=res, id_prefix=path.stem)
    else:  # pragma: no cover - _collect_path filters by extension
        res.error(source, f"{source}: unsupported file type {suffix!r} (use one of {', '.join(sorted(KNOWN_EXTS))})")


def _load_url(url: str, *, res: LoadResult, timeout: float) -> None:
    req = urllib.request.Request(url, headers={"User-Agent": "newsclaims-toolkit/0.1"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            data = resp.read()
            charset = resp.headers.get_content_charset() or "utf-8"
    except urllib.error.HTTPError as exc:
        res.error(url, f"{url}: the server answered HTTP {exc.code} ({exc.reason})")
        return
    except (TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        kind = "timed out" if "timed out" in str(reason).lower() or isinstance(reason, TimeoutError) else "failed"
        res.error(url, f"{url}: fetching {kind} ({reason})")
        return
    try:
        html = data.decode(charset)
    except (UnicodeDecodeError, LookupError):
        html, _ = decode_bytes(data, url)
    _from_html(html, source=url, article_id=None, url=url, res=res)


def _collect(source: Any, *, res: LoadResult, timeout: float, top: bool) -> None:
    try:
        _collect_one(source, res=res, timeout=timeout, top=top)
    except LoadError as exc:
        res.error(_describe(source), str(exc))


def _describe(source: Any) -> str:
    if isinstance(source, pd.DataFrame):
        return "<dataframe>"
    if isinstance(source, str | Path) and (_looks_like_path(str(source)) or _looks_like_url(str(source))):
        return str(source)
    return "<string>" if isinstance(source, str) else type(source).__name__


def _collect_one(source: Any, *, res: LoadResult, timeout: float, top: bool) -> None:
    if isinstance(source, pd.DataFrame):
        _from_table(source, source="<dataframe>", res=res, id_prefix=None)
    elif isinstance(source, Path):
        _collect_path(source, res=res)
    elif isinstance(source, str):
        if _looks_like_url(source):
            _load_url(source.strip(), res=res, timeout=timeout)
        elif _looks_like_path(source) or (len(source) < 1024 and "\n" not in source and os.path.exists(source)):
            if any(ch in source for ch in "*?[") and not os.path.exists(source):
                matches = sorted(globmod.glob(os.path.expanduser(source), recursive=True))
                if not matches:
                    res.error(source, f"{source}: the pattern matched no files")
                for m in matches:
                    if Path(m).is_file():
                        _collect_path(Path(m), res=res)
            else:
                _collect_path(Path(source).expanduser(), res=res)
        elif not source.strip():
            res.error("<string>", "<string>: the text is empty" if not source else "<string>: the text holds only whitespace")
        else:
            res.rows.append(_text_row(source, source="<string>", article_id=None))
    elif isinstance(source, bytes):
        try:
            text, warning = decode_bytes(source, "<bytes>")
        except LoadError as exc:
            res.error("<bytes>", str(exc))
            return
        if warning:
            res.error("<bytes>", warning, level="warning")
        _collect(text, res=res, timeout=timeout, top=False)
    elif isinstance(source, Iterable) and top:
        for item in source:
            _collect(item, res=res, timeout=timeout, top=False)
    else:
        res.error(repr(source)[:80], f"{type(source).__name__} is not an article source (path, URL, text, DataFrame or list)")


def _collect_path(path: Path, *, res: LoadResult) -> None:
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in KNOWN_EXTS)
        if not files:
            res.error(str(path), f"{path}: the folder holds no {'/'.join(sorted(KNOWN_EXTS))} files")
        for f in files:
            if any(part.startswith(".") for part in f.relative_to(path).parts):
                continue
            try:
                _load_file(f, res=res, root=path)
            except LoadError as exc:
                res.error(str(f), str(exc))
    elif path.is_file():
        _load_file(path, res=res, root=None)
    else:
        res.error(str(path), f"{path}: no such file or folder")


def _finish(res: LoadResult) -> pd.DataFrame:
    seen: dict[str, int] = {}
    for row in res.rows:
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
    return conform(pd.DataFrame.from_records(res.rows), "articles") if res.rows else frame([], "articles")


def load_with_errors(source: Any, *, timeout: float = URL_TIMEOUT) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Load articles from any source, collecting per-item problems instead of raising.

    >>> articles, errors = load_with_errors(["Headline\\nBody.", "/no/such/file.txt"])
    >>> len(articles), errors.loc[0, "message"]
    (1, '/no/such/file.txt: no such file or folder')
    """
    res = LoadResult()
    _collect(source, res=res, timeout=timeout, top=True)
    return _finish(res), frame(res.errors, "errors")


def load_articles(
    source: Any, *, on_error: Literal["auto", "raise", "collect"] = "auto", timeout: float = URL_TIMEOUT
) -> pd.DataFrame:
    """Load articles into the ``articles`` table.

    ``on_error="auto"`` raises :class:`LoadError` (naming the input) when a single source
    fails entirely; for several sources, or with ``"collect"``, problems go to
    ``df.attrs["errors"]`` (an ``errors`` table) while the rest load.

    >>> df = load_articles("Russia denies claim\\nMoscow said the report was false.")
    >>> df.loc[0, "title"], int(df.loc[0, "n_words"])
    ('Russia denies claim', 9)
    """
    articles, errors = load_with_errors(source, timeout=timeout)
    single = not (isinstance(source, Sequence) and not isinstance(source, str | bytes))
    hard = errors[errors["level"] == "error"]
    if len(hard) and (on_error == "raise" or (on_error == "auto" and single and articles.empty)):
        raise LoadError("; ".join(hard["message"].tolist()))
    articles.attrs["errors"] = errors
    return articles
