"""The file formats: .txt/.md text, .html pages, .csv/.tsv/.jsonl/.parquet tables -> article rows."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pandas as pd

from ..webpage import extract_article
from .decode import decode_bytes
from .result import LoadError, LoadResult

TEXT_EXTS = {".txt", ".text", ".md"}
HTML_EXTS = {".html", ".htm", ".xhtml"}
TABLE_EXTS = {".csv", ".tsv", ".jsonl", ".ndjson", ".parquet", ".pq"}
KNOWN_EXTS = TEXT_EXTS | HTML_EXTS | TABLE_EXTS

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


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return None


def text_row(text: str, *, source: str, article_id: str | None, **meta: Any) -> dict[str, Any]:
    """Make the row of one plain-text article; its title defaults to the first non-blank line.

    >>> text_row("\\nDam bursts\\nA dam burst.", source="<string>", article_id=None, url=None)["title"]
    'Dam bursts'
    """
    row: dict[str, Any] = {"article_id": article_id, "text": text, "source": source}
    row.update({k: v for k, v in meta.items() if v is not None})
    row.setdefault("title", _first_line(text))
    return row


def from_html(html: str, *, source: str, article_id: str | None, url: str | None, res: LoadResult) -> None:
    """Add the article of a news page to ``res`` (or an error when the page holds none).

    >>> res = LoadResult()
    >>> from_html("<html><body></body></html>", source="x.html", article_id="x", url=None, res=res)
    >>> res.rows, res.errors[0].message
    ([], 'x.html: no article text could be extracted from the HTML')
    """
    page = extract_article(html, url=url)
    if page is None:
        res.error(source, f"{source}: no article text could be extracted from the HTML")
        return
    res.rows.append(
        text_row(
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


def from_table(df: pd.DataFrame, *, source: str, res: LoadResult, id_prefix: str | None) -> None:
    """Add one row per usable table row to ``res``, its columns mapped by their usual aliases.

    >>> res = LoadResult()
    >>> from_table(pd.DataFrame({"Headline": ["Dam bursts"], "text": ["A dam burst."]}),
    ...            source="t.csv", res=res, id_prefix="t")
    >>> res.rows[0]["article_id"], res.rows[0]["title"]
    ('t-1', 'Dam bursts')
    """
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


def load_file(path: Path, *, res: LoadResult, root: Path | None) -> None:
    """Add the articles of one file to ``res``, read by its extension (ids relative to ``root``).

    >>> res = LoadResult()
    >>> load_file(Path("/no/such/file.txt"), res=res, root=None)
    >>> res.errors[0].message[:39]
    '/no/such/file.txt: cannot read file (No'
    """
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
        from_table(df, source=source, res=res, id_prefix=None)
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
        res.rows.append(text_row(text, source=source, article_id=aid, section=section))
    elif suffix in HTML_EXTS:
        from_html(text, source=source, article_id=path.stem, url=None, res=res)
    elif suffix in (".jsonl", ".ndjson"):
        from_table(_read_jsonl(text, source=source, res=res), source=source, res=res, id_prefix=path.stem)
    elif suffix in (".csv", ".tsv"):
        df = _read_csv(text, source=source, sep="\t" if suffix == ".tsv" else ",", res=res)
        from_table(df, source=source, res=res, id_prefix=path.stem)
    else:  # pragma: no cover - sources.collect_path filters by extension
        res.error(source, f"{source}: unsupported file type {suffix!r} (use one of {', '.join(sorted(KNOWN_EXTS))})")

