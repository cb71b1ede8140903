"""Load stage: any source of articles -> the ``articles`` table (+ ``errors`` rows).

Sources: a path to a .txt / .html / .csv / .jsonl / .parquet file, a folder (recursive, by
extension), a glob, a URL (fetched and extracted with trafilatura), a raw string, a DataFrame
with a ``text`` column, or a list of any of these.
"""

from __future__ import annotations

import codecs
import csv
import glob as globmod
import hashlib
import io
import json
import os
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from .structure import split_lines
from .types import ErrorRecord, Level, conform, frame
from .webpage import extract_article

__all__ = [
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
    "source_kind",
]

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
    """An input could not be turned into articles; the message names the input.

    ``source`` is what its ``errors`` row names (None: the input as the user gave it).

    >>> str(LoadError("notes.csv: no 'text' column (columns are: body)"))
    "notes.csv: no 'text' column (columns are: body)"
    """

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.source = source


class InputNotFoundError(LoadError, FileNotFoundError):
    """A path names no file or folder (also a ``FileNotFoundError``, as ``open`` would raise).

    >>> isinstance(InputNotFoundError("/no/such.txt: no such file or folder"), FileNotFoundError)
    True
    """


class FetchError(LoadError, ConnectionError):
    """A URL could not be fetched: ``status`` is the HTTP status, ``timed_out`` says it timed out.

    >>> FetchError("http://x.org/a: the server answered HTTP 404 (Not Found)", url="http://x.org/a", status=404).status
    404
    """

    def __init__(self, message: str, *, url: str, status: int | None = None, timed_out: bool = False) -> None:
        super().__init__(message, source=url)
        self.url, self.status, self.timed_out = url, status, timed_out


@dataclass
class LoadResult:
    """Loaded rows plus the problems met on the way."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)
    # The error the top-level input raised as a whole, re-raised when it was the only input.
    failure: LoadError | None = None

    def error(self, source: str, message: str, *, level: Level = "error", article_id: str | None = None) -> None:
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
    sample = data[:8192]
    wide = _utf16_or_32(sample)
    if wide is not None:
        encoding, note = wide
        text = data.decode(encoding, errors="replace")
        head = text[:4096]
        control = sum(1 for ch in head if ch < " " and ch not in "\t\n\r\f")
        if head and control / len(head) > 0.1:
            raise LoadError(f"{name}: looks like a binary file ({control} control characters as {encoding.upper()})")
        bad = text.count("\ufffd")
        if note or bad:
            note = f"{name}: decoded as {encoding.upper()}{note}" + (
                f"; {bad} undecodable sequences replaced by U+FFFD" if bad else ""
            )
        return text.removeprefix("\ufeff"), note or None
    if b"\x00" in sample:
        raise LoadError(f"{name}: looks like a binary file (contains NUL bytes), not text")
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
    # Counted separately because the codec error handler cannot keep state.
    n_bad = data.decode("utf-8", errors="replace").count("\ufffd") - data.decode(
        "utf-8", errors="ignore"
    ).count("\ufffd")
    return text, (
        f"{name}: not valid UTF-8 ({n_bad} invalid byte sequence{'s' if n_bad != 1 else ''}, "
        f"the first at byte offset {first}); the valid UTF-8 was kept and the invalid bytes "
        "were decoded as Windows-1252"
    )


def _utf16_or_32(sample: bytes) -> tuple[str, str] | None:
    """Recognise UTF-16/32 text (Windows Notepad's "Unicode") by its BOM or its NUL pattern."""
    if sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32", ""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", ""
    half = len(sample) // 2
    if half >= 8:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        # ASCII-heavy text in UTF-16 has a NUL in every other byte, and only there.
        if odd > 0.6 * half and even == 0:
            return "utf-16-le", " (no byte-order mark; every other byte is NUL)"
        if even > 0.6 * half and odd == 0:
            return "utf-16-be", " (no byte-order mark; every other byte is NUL)"
    return None


def _content_id(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _n_words(text: str) -> int:
    return len(text.split())


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return None


_HTML_DOC_RE = re.compile(r"\A\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)


_WORD_RE = re.compile(r"[^\W\d_]+")
# Share of common English words below which a text is flagged; English news measures 0.20-0.55
# (the lowest are sports results), German/French/Spanish/Dutch/Indonesian news 0.00-0.05.
MIN_ENGLISH_SHARE = 0.10
# Below 8 words even a headline has too few function words to tell a language by.
MIN_WORDS_TO_JUDGE = 8
# Under this many words an English sentence can hold almost no common English word ("Elena
# Dementieva swept aside defending champion Venus Williams 6-3 6-2 …", 1 of 16 on BBC sport), so
# a shorter text is flagged only on positive evidence too: enough common words of one other
# language (and, for the share rule alone, more of them than English ones).
MIN_WORDS_BY_SHARE = 40
MIN_FOREIGN_SHARE = 0.25
MIN_FOREIGN_WORDS = 3
# Common words of the languages a teacher or researcher is likeliest to paste by mistake.
OTHER_LANGUAGES = {"de": "German", "es": "Spanish", "fr": "French", "it": "Italian", "nl": "Dutch", "pt": "Portuguese"}


def _not_english(text: str) -> str | None:
    """Say why ``text`` looks non-English, cheaply and offline (script, then common-word shares).

    >>> _not_english("Le Kremlin a démenti les informations selon lesquelles la Russie aurait demandé une aide militaire à la Chine.")[:43]
    'looks like it is not English: only 1 of 18 '
    >>> _not_english("Die Regierung will die neuen Regeln nicht mehr verschieben, sagte er.").split(";")[0]
    'looks like it is not English: only 1 of 11 words are common English words'
    >>> _not_english("The Kremlin denied reports that Russia had asked China for military help, a spokesman said.") is None
    True
    """
    import importlib

    sample = text[:20_000]
    letters = [ch for ch in sample if ch.isalpha()]
    if len(letters) >= 20:
        foreign = [ch for ch in letters if ch > "\u024f"]
        if len(foreign) > len(letters) / 2:
            import unicodedata
            from collections import Counter

            scripts = Counter(unicodedata.name(ch, "UNKNOWN").split()[0] for ch in foreign)
            script = scripts.most_common(1)[0][0].title()
            return (
                f"looks like it is not English (mostly {script} script); the English model was used "
                "anyway, so sentences, speakers and claims may be wrong"
            )
    from spacy.lang.en.stop_words import STOP_WORDS

    words = [w.lower() for w in _WORD_RE.findall(sample)]
    if len(words) < MIN_WORDS_TO_JUDGE:
        return None
    common = sum(w in STOP_WORDS for w in words)
    consequence = "; the English model was used anyway, so sentences, speakers and claims may be wrong"
    hits, name = max(
        (sum(w in importlib.import_module(f"spacy.lang.{code}.stop_words").STOP_WORDS - STOP_WORDS for w in words), name)
        for code, name in OTHER_LANGUAGES.items()
    )
    few_english = common / len(words) < MIN_ENGLISH_SHARE
    if few_english and (len(words) >= MIN_WORDS_BY_SHARE or hits >= MIN_FOREIGN_WORDS):
        return f"looks like it is not English: only {common} of {len(words)} words are common English words" + consequence
    if hits >= max(MIN_FOREIGN_WORDS, MIN_FOREIGN_SHARE * len(words)) and hits > common:
        return f"looks like it is not English: {hits} of {len(words)} words are common {name} words" + consequence
    return None


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


def _text_row(text: str, *, source: str, article_id: str | None, **meta: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"article_id": article_id, "text": text, "source": source}
    row.update({k: v for k, v in meta.items() if v is not None})
    row.setdefault("title", _first_line(text))
    return row


def _from_html(html: str, *, source: str, article_id: str | None, url: str | None, res: LoadResult) -> None:
    page = extract_article(html, url=url)
    if page is None:
        res.error(source, f"{source}: no article text could be extracted from the HTML")
        return
    res.rows.append(
        _text_row(
            page.text,
            source=source,
            article_id=article_id,
            title=page.title,
            url=page.url or url,
            published=page.published,
            outlet=page.outlet,
            byline=page.byline,
        )
    )


def _from_table(df: pd.DataFrame, *, source: str, res: LoadResult, id_prefix: str | None) -> None:
    cols = {str(c).lower().strip(): c for c in df.columns}
    if "text" not in cols:
        raise LoadError(
            f"{source}: no 'text' column (columns are: "
            f"{', '.join(str(c) for c in df.columns if c != '__line__') or 'none'})"
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
        # A skipped row never becomes an article, so its id goes in the message, not article_id.
        named = where if rid is None else f"{where} (id {rid!r})"
        if not isinstance(text, str):
            res.error(where, f"{named}: 'text' is missing or not a string; row skipped")
            continue
        if not text.strip():
            what = "empty" if not text else "only whitespace"
            res.error(where, f"{named}: 'text' is {what}; row skipped")
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
    if not data.strip():
        raise LoadError(f"{source}: the file is empty" if not data else f"{source}: the file holds only whitespace")
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
    """Read CSV/TSV with the csv module, so every bad record is reported with its line number.

    (pandas' reader drops over-long fields and unterminated quotes without a word.)
    """
    limit = csv.field_size_limit()
    # A 5 MB article in one cell must load; the default limit is 128 KiB.
    csv.field_size_limit(max(limit, len(data) + 1))
    records: list[dict[str, Any]] = []
    header: list[str] | None = None
    try:
        reader = csv.reader(io.StringIO(data, newline=""), delimiter=sep, strict=True)
        while True:
            line = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                where = f"{source} line {line}"
                res.error(where, f"{where}: unreadable CSV record ({exc}); record skipped")
                if reader.line_num < line:  # the reader made no progress: stop rather than spin
                    break
                continue
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [cell.strip() for cell in row]
                continue
            if len(row) != len(header):
                where = f"{source} line {line}"
                preview = sep.join(row)[:80]
                res.error(
                    where,
                    f"{where}: malformed CSV row skipped (expected {len(header)} fields, "
                    f"found {len(row)}): {preview!r}",
                )
                continue
            rec: dict[str, Any] = {k: (v if v.strip() or k.lower() == "text" else None) for k, v in zip(header, row, strict=True)}
            rec["__line__"] = line
            records.append(rec)
    finally:
        csv.field_size_limit(limit)
    if header is None:
        raise LoadError(f"{source}: the file is empty (no header row)")
    if len(set(header)) != len(header):
        res.error(source, f"{source}: repeated column names in the header {header}; the last of each is used", level="warning")
    return pd.DataFrame.from_records(records, columns=[*dict.fromkeys(header), "__line__"])


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
    _from_html(html, source=url, article_id=None, url=url, res=res)


def _collect(source: Any, *, res: LoadResult, timeout: float, top: bool, index: int | None = None) -> None:
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
        _from_table(source, source="<dataframe>", res=res, id_prefix=None)
    elif kind == "url":
        _load_url(source.strip(), res=res, timeout=timeout)
    elif kind == "glob":
        matches = _glob(source)
        if not matches:
            raise LoadError(f"{source}: the pattern matched no files", source=source)
        for m in matches:
            if m.is_file():
                # One file that fails must not lose the files after it.
                _collect(m, res=res, timeout=timeout, top=False)
    elif kind == "path":
        _collect_path(_as_path(source), res=res)
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
        _collect(text, res=res, timeout=timeout, top=False, index=index)
    elif kind == "iterable" and top:
        for i, item in enumerate(source):
            _collect(item, res=res, timeout=timeout, top=False, index=i)
    else:
        res.error(repr(source)[:80], f"{type(source).__name__} is not an article source (path, URL, text, DataFrame or list)")


def _glob(pattern: str) -> list[Path]:
    return [Path(m) for m in sorted(globmod.glob(os.path.expanduser(pattern), recursive=True))]


def _as_path(source: str | Path) -> Path:
    # A typed "~/news" means the home folder; a Path object is taken as given.
    return source if isinstance(source, Path) else Path(source).expanduser()


def _collect_text(source: str, *, res: LoadResult, index: int | None) -> None:
    if not source.strip():
        # In a list, the index tells the user which of their texts was empty.
        where = _describe(source, index)
        res.error(where, f"{where}: the text is empty" if not source else f"{where}: the text holds only whitespace")
    elif _HTML_DOC_RE.match(source):
        # Pasted page source: extract the article instead of analysing markup as prose.
        _from_html(source, source="<string>", article_id=None, url=None, res=res)
    else:
        res.rows.append(_text_row(source, source="<string>", article_id=None))


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
        _load_file(f, res=res, root=root)
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
        _load_file(path, res=res, root=None)
    else:
        raise InputNotFoundError(f"{path}: no such file or folder", source=str(path))


def _finish(res: LoadResult, seen: dict[str, int] | None = None) -> pd.DataFrame:
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
        for note in (surrogates, _headline_only(text), _not_english(text)):
            if note:
                res.error(str(row.get("source")), f"{row.get('source')} ({aid}): {note}", level="warning", article_id=aid)
    return conform(pd.DataFrame.from_records(res.rows), "articles") if res.rows else frame([], "articles")


def _one_input(source: Any) -> bool:
    """Tell one input (a file, URL, text, table) from several (a list, a folder, a glob).

    >>> [_one_input(s) for s in ("/no/such/file.txt", "https://x.org/a", ["a", "b"], "data/*.txt", "/")]
    [True, True, False, False, False]
    """
    kind = source_kind(source)
    return kind not in ("iterable", "glob") and not (kind == "path" and _as_path(source).is_dir())


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
    _collect(source, res=res, timeout=timeout, top=True)
    return _finish(res), frame(res.errors, "errors")


def _units(
    source: Any, *, timeout: float, top: bool = True, index: int | None = None
) -> Iterator[Callable[[LoadResult], None]]:
    """Cut the load work into small units (one file, URL, text or table) so it can stream."""
    kind = source_kind(source)
    # An empty folder or a glob matching nothing falls through: _collect reports it.
    matches = _glob(source) if kind == "glob" else []
    if matches:
        for m in matches:
            if m.is_file():
                yield partial(_collect_file, m, timeout)
        return
    path = _as_path(source) if kind == "path" else None
    files = folder_files(path) if path is not None and path.is_dir() else []
    if path is not None and files:
        for f in files:
            yield partial(_load_folder_file, f, path)
        return
    if top and kind == "iterable":
        for i, item in enumerate(source):
            yield from _units(item, timeout=timeout, top=False, index=i)
        return
    yield lambda res: _collect(source, res=res, timeout=timeout, top=top, index=index)


def _collect_file(path: Path, timeout: float, res: LoadResult) -> None:
    _collect(path, res=res, timeout=timeout, top=False)


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
    for unit in _units(source, timeout=timeout):
        unit(res)
        if len(res.rows) >= chunk_size:
            yield _finish(res, seen), frame(res.errors, "errors")
            res = LoadResult()
    if on_error == "auto":
        # One input is one unit, so nothing was yielded yet when it gave no article.
        _raise_if_failed(source, res)
    if res.rows or res.errors:
        yield _finish(res, seen), frame(res.errors, "errors")


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
    _collect(source, res=res, timeout=timeout, top=True)
    if on_error != "collect":
        _raise_if_failed(source, res)
    articles, errors = _finish(res), frame(res.errors, "errors")
    hard = errors[errors["level"] == "error"]
    if len(hard) and on_error == "raise":
        raise LoadError("; ".join(hard["message"].tolist()))
    articles.attrs["errors"] = errors
    return articles
