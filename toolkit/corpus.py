"""Corpus scale: streamed analysis in batches, a resumable Parquet store, DuckDB queries, Dask.

The unit of work is a *batch* of articles (``batch_size`` of them, one ``nlp.pipe`` batch):
:func:`analyze_batch` parses it and turns it into one small DataFrame per table.  The same
function runs in-process (``n_process=1``), in a pool of worker processes (``n_process>1``) or on
a ``dask.distributed`` cluster (``engine="dask"``); only the scheduling differs.

Store layout (``store="out/corpus"``)::

    out/corpus/_toolkit_store.json          format marker
    out/corpus/<table>/part-<key>.parquet   one file per table per written part

Every part file is written under a temporary name and renamed into place, and the
``articles`` file of a part is written *last*: a part whose ``articles`` file exists is complete.
Readers ignore everything else, and a resumed run deletes it before going on, so a crash at
any moment loses at most the part being written, never the store.  One run writes a store
at a time: a ``.lock`` file names it, and a second run is refused while the first is alive.
"""

from __future__ import annotations

import json
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from .analysis import Analysis, _row_to_article, process_article
from .nlp import load_model, parse_texts, register_extensions
from .types import SCHEMAS, TABLES, Article, ErrorRecord, conform, frame

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

__all__ = ["CorpusStore", "StoreAnalysis", "analyze_batch", "analyze_corpus", "open_store", "query"]

MARKER = "_toolkit_store.json"
LOCK = ".lock"
STORE_FORMAT = 1
# Articles per written part: large enough for few files, small enough that a crash costs little.
PART_SIZE = 512


# ---------------------------------------------------------------------------- one batch


def analyze_batch(
    articles: pd.DataFrame, errors: pd.DataFrame | None = None, *, nlp: Language, batch_size: int = 32
) -> dict[str, pd.DataFrame]:
    """Parse a batch of articles and return every table for it (``articles`` and ``errors`` included).

    ``errors`` are load problems of the same batch, passed through so they land with it.

    >>> import spacy
    >>> from toolkit.nlp import ensure_pipeline
    >>> arts = frame([{"article_id": "a", "text": "Title\\nBody.", "n_words": 2}], "articles")
    >>> tables = analyze_batch(arts, nlp=ensure_pipeline(spacy.blank("en")))
    >>> tables["sentences"]["role"].tolist()
    ['headline', 'body']
    """
    register_extensions()
    records: dict[str, list[Any]] = {t: [] for t in TABLES if t != "articles"}
    arts = [_row_to_article(r) for r in articles.to_dict("records")]
    try:
        pairs: Iterable[tuple[Article, Doc | None]] = list(
            zip(arts, parse_texts(nlp, (a.text for a in arts), batch_size=batch_size), strict=True)
        )
    except Exception:  # noqa: BLE001 - find the article that breaks the parser, keep the others
        pairs = _parse_one_by_one(arts, nlp, records["errors"])
    for article, doc in pairs:
        if doc is None:
            continue
        result = process_article(article, doc)
        for table, recs in result.records.items():
            if table != "articles":
                records[table].extend(recs)
    # DataFrames are built once per batch: per-article frames cost more than the parsing of short texts.
    tables = {t: frame(recs, t) for t, recs in records.items()}
    tables["articles"] = articles.reset_index(drop=True)
    if errors is not None and len(errors):
        tables["errors"] = pd.concat([conform(errors, "errors"), tables["errors"]], ignore_index=True)
    return {t: tables[t] for t in TABLES}


def _parse_one_by_one(arts: list[Article], nlp: Language, errors: list[Any]) -> list[tuple[Article, Doc | None]]:
    out: list[tuple[Article, Doc | None]] = []
    for art in arts:
        try:
            out.append((art, next(iter(parse_texts(nlp, [art.text])))))
        except Exception as exc:  # noqa: BLE001 - an errors row instead of losing the batch
            errors.append(
                ErrorRecord(art.article_id, art.source, "parse", "error", f"parse failed: {type(exc).__name__}: {exc}")
            )
            out.append((art, None))
    return out


# ---------------------------------------------------------------------------- Arrow / store


def arrow_schema(table: str) -> pa.Schema:
    """Return the fixed Arrow schema of ``table`` (so every part of the store agrees).

    >>> str(arrow_schema("claims").field("content_spans").type)
    'list<item: list<item: int64>>'
    """
    import pyarrow as pa

    scalar = {
        "string": pa.string(),
        "int64": pa.int64(),
        "Int64": pa.int64(),
        "bool": pa.bool_(),
        "float64": pa.float64(),
        "datetime64[ns, UTC]": pa.timestamp("ns", tz="UTC"),
    }
    fields = []
    for col, (dtype, _) in SCHEMAS[table].items():
        if dtype == "object":
            # An all-empty list column would otherwise be inferred as list<null> and clash with other parts.
            typ = pa.list_(pa.list_(pa.int64())) if col == "content_spans" else pa.list_(pa.string())
        else:
            typ = scalar[dtype]
        fields.append(pa.field(col, typ))
    return pa.schema(fields)


def to_arrow(df: pd.DataFrame, table: str) -> pa.Table:
    """Convert a table's DataFrame to Arrow with :func:`arrow_schema` (extra columns kept).

    >>> to_arrow(frame([], "links"), "links").num_columns
    5
    """
    import pyarrow as pa

    schema = arrow_schema(table)
    df = conform(df, table)
    lists = _list_cols(table)
    arrays = [
        pa.array(df[f.name].tolist() if f.name in lists else df[f.name], type=f.type, from_pandas=True)
        for f in schema
    ]
    fields = list(schema)
    for col in df.columns[len(schema) :]:
        arr = pa.array(df[col], from_pandas=True)
        if pa.types.is_null(arr.type) or arr.type == pa.large_string():
            arr = arr.cast(pa.string())
        arrays.append(arr)
        fields.append(pa.field(str(col), arr.type))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def _list_cols(table: str) -> set[str]:
    return {c for c, (d, _) in SCHEMAS[table].items() if d == "object"}


def _from_arrow(tab: pa.Table, table: str) -> pd.DataFrame:
    return conform(tab.to_pandas(), table)


@dataclass
class CorpusStore:
    """A folder of partitioned Parquet tables written part by part (see the module docstring).

    >>> import tempfile
    >>> store = CorpusStore(tempfile.mkdtemp(), create=True)
    >>> store.stored_ids()
    set()
    """

    path: Path
    create: bool = False
    _seq: int = field(default=0, init=False)
    _run: str = field(default="", init=False)

    def __post_init__(self) -> None:
        self.path = Path(self.path).expanduser()
        marker = self.path / MARKER
        if self.create:
            if self.path.exists() and not self.path.is_dir():
                raise NotADirectoryError(f"{self.path}: exists and is not a folder; cannot hold a store")
            if self.path.is_dir() and any(self.path.iterdir()) and not marker.exists():
                raise FileExistsError(
                    f"{self.path}: folder is not empty and is not a toolkit store; choose a new or empty folder"
                )
            self.path.mkdir(parents=True, exist_ok=True)
            if not marker.exists():
                marker.write_text(json.dumps({"format": STORE_FORMAT, "tables": list(TABLES)}), encoding="utf-8")
        elif not self.path.is_dir():
            raise FileNotFoundError(f"{self.path}: no such store (folder of Parquet tables)")
        elif not marker.exists() and not self._legacy():
            raise FileNotFoundError(
                f"{self.path}: not a toolkit store (no {MARKER} and no <table>.parquet files)"
            )
        # Time-ordered run id: parts sort in the order they were written, across resumed runs too.
        self._run = f"{time.time_ns():016x}"

    def _legacy(self) -> bool:
        # A folder written by Analysis.to_parquet (<table>.parquet) reads and queries like a store.
        return any((self.path / f"{t}.parquet").is_file() for t in TABLES)

    def _committed(self) -> set[str]:
        d = self.path / "articles"
        return {p.name for p in d.glob("part-*.parquet")} if d.is_dir() else set()

    def files(self, table: str) -> list[Path]:
        """Return the complete part files of ``table``, in writing order."""
        if table not in SCHEMAS:
            raise KeyError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}")
        single = self.path / f"{table}.parquet"
        if single.is_file():
            return [single]
        d = self.path / table
        if not d.is_dir():
            return []
        done = self._committed()
        return sorted(p for p in d.glob("part-*.parquet") if p.name in done)

    def n_rows(self, table: str) -> int:
        """Count the rows of ``table`` from the Parquet footers (no data read)."""
        import pyarrow.parquet as pq

        return sum(pq.ParquetFile(p).metadata.num_rows for p in self.files(table))

    def read(self, table: str, columns: list[str] | None = None) -> pd.DataFrame:
        """Read ``table`` (or some of its columns) into a DataFrame."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        files = self.files(table)
        if not files:
            empty = frame([], table)
            return empty[columns] if columns else empty
        tab = pa.concat_tables([pq.read_table(p, columns=columns) for p in files], promote_options="permissive")
        if columns:
            return tab.to_pandas()
        return _from_arrow(tab, table)

    def stored_ids(self) -> set[str]:
        """Return the ids of the articles already stored completely."""
        ids = self.read("articles", columns=["article_id"])["article_id"]
        return {str(x) for x in ids}

    def stored_load_errors(self) -> set[tuple[Any, ...]]:
        """Return the load-stage error rows already stored, to avoid writing them twice on resume."""
        errs = self.read("errors")
        errs = errs[errs["stage"] == "load"]
        return {_error_key(r) for r in errs.itertuples(index=False)}

    def lock(self) -> None:
        """Claim the store for this process; raise if another live run is writing it."""
        import socket

        me = f"{socket.gethostname()} {os.getpid()}"
        lock = self.path / LOCK
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            holder = lock.read_text(encoding="utf-8").strip() if lock.exists() else ""
            host, _, pid = holder.partition(" ")
            if holder and holder != me and (host != socket.gethostname() or _alive(int(pid or 0))):
                raise RuntimeError(
                    f"{self.path}: another analyze run ({holder}) is writing this store; wait for it, "
                    f"or delete {lock} if that run is dead"
                ) from None
            fd = os.open(lock, os.O_CREAT | os.O_TRUNC | os.O_WRONLY)  # stale lock of a dead run
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(me)

    def unlock(self) -> None:
        """Release the claim taken by :meth:`lock`."""
        (self.path / LOCK).unlink(missing_ok=True)

    def recover(self) -> int:
        """Delete temporary files and parts of incomplete writes; return how many files were removed."""
        done = self._committed()
        removed = 0
        for table in TABLES:
            d = self.path / table
            if not d.is_dir():
                continue
            for p in d.iterdir():
                orphan = p.name.startswith("part-") and p.name not in done and table != "articles"
                if p.name.startswith(".tmp-") or orphan:
                    p.unlink(missing_ok=True)
                    removed += 1
        return removed

    def write(self, tables: dict[str, pd.DataFrame]) -> str:
        """Write one part (every non-empty table, then ``articles`` last) and return its file name."""
        import pyarrow.parquet as pq

        self._seq += 1
        name = f"part-{self._run}-{self._seq:06d}.parquet"
        for table in [t for t in TABLES if t != "articles"] + ["articles"]:
            df = tables.get(table)
            if table != "articles" and (df is None or df.empty):
                continue
            d = self.path / table
            d.mkdir(exist_ok=True)
            tmp = d / f".tmp-{name}"
            with open(tmp, "wb") as fh:
                pq.write_table(to_arrow(df if df is not None else frame([], table), table), fh)
                fh.flush()
                # Durable before visible: after a power cut a renamed part is never an empty file.
                os.fsync(fh.fileno())
            os.replace(tmp, d / name)
        return name


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _error_key(row: Any) -> tuple[Any, ...]:
    def norm(v: Any) -> Any:
        return None if v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NA else str(v)

    return (norm(row.article_id), norm(row.source), norm(row.stage), norm(row.message))


# ---------------------------------------------------------------------------- scheduling


@dataclass
class _Batch:
    articles: pd.DataFrame
    errors: pd.DataFrame
    n_skipped: int = 0


def _batches(
    source: Any,
    *,
    batch_size: int,
    skip: set[str],
    skip_errors: set[tuple[Any, ...]],
) -> Iterator[_Batch]:
    """Stream the source as batches of at most ``batch_size`` articles not yet stored."""
    from .load import iter_load

    if isinstance(source, pd.DataFrame) and {"article_id", "text", "n_words"} <= set(source.columns):
        # A load_articles() result carries its load errors in attrs: keep them as rows, and drop
        # the attrs (pandas compares attrs on concat, which fails for a DataFrame value).
        loaded = source.attrs.get("errors")
        known = conform(loaded, "errors") if isinstance(loaded, pd.DataFrame) else frame([], "errors")
        articles_in = conform(source, "articles")
        articles_in.attrs = {}
        chunks: Iterable[tuple[pd.DataFrame, pd.DataFrame]] = [(articles_in, known)]
    else:
        chunks = iter_load(source, chunk_size=batch_size)
    for articles, errors in chunks:
        n_skipped = 0
        if skip:
            keep = ~articles["article_id"].isin(skip)
            n_skipped = int((~keep).sum())
            articles = articles[keep]
            errors = errors[~errors["article_id"].isin(skip)]
        if skip_errors and len(errors):
            new = [_error_key(r) not in skip_errors for r in errors.itertuples(index=False)]
            errors = errors[new]
        errors = errors.reset_index(drop=True)
        articles = articles.reset_index(drop=True)
        if articles.empty:
            if len(errors) or n_skipped:
                yield _Batch(articles, errors, n_skipped)
            continue
        for i in range(0, len(articles), batch_size):
            part = articles.iloc[i : i + batch_size].reset_index(drop=True)
            # Load errors ride with the first batch of their chunk (those tied to no article included).
            yield _Batch(part, errors if i == 0 else errors.iloc[0:0], n_skipped if i == 0 else 0)


_WORKER_NLP: Language | None = None


def _init_worker(nlp: Language | None) -> None:
    global _WORKER_NLP
    _WORKER_NLP = nlp


def _pool_task(articles: pd.DataFrame, errors: pd.DataFrame, batch_size: int) -> dict[str, pd.DataFrame]:
    nlp = _WORKER_NLP if _WORKER_NLP is not None else load_model()
    return analyze_batch(articles, errors, nlp=nlp, batch_size=batch_size)


def _dask_task(
    articles: pd.DataFrame, errors: pd.DataFrame, nlp: Language | None, batch_size: int
) -> dict[str, pd.DataFrame]:
    # load_model is lru_cached, so each worker process loads the model once for all its tasks.
    return analyze_batch(articles, errors, nlp=nlp if nlp is not None else load_model(), batch_size=batch_size)


def _ordered(
    batches: Iterator[_Batch], submit: Callable[[_Batch], Any], result: Callable[[Any], dict[str, pd.DataFrame]], window: int
) -> Iterator[tuple[_Batch, dict[str, pd.DataFrame]]]:
    """Keep up to ``window`` batches in flight and yield their results in input order."""
    inflight: deque[tuple[_Batch, Any]] = deque()
    for batch in batches:
        if batch.articles.empty:
            inflight.append((batch, None))
        else:
            inflight.append((batch, submit(batch)))
        while len(inflight) >= window:
            b, fut = inflight.popleft()
            yield b, _empty_result(b) if fut is None else result(fut)
    while inflight:
        b, fut = inflight.popleft()
        yield b, _empty_result(b) if fut is None else result(fut)


def _empty_result(batch: _Batch) -> dict[str, pd.DataFrame]:
    tables = {t: frame([], t) for t in TABLES}
    tables["articles"] = batch.articles
    tables["errors"] = conform(batch.errors, "errors")
    return tables


def _run_local(
    batches: Iterator[_Batch], *, nlp: Language | None, n_process: int, batch_size: int
) -> Iterator[tuple[_Batch, dict[str, pd.DataFrame]]]:
    if n_process == 1:
        model = nlp if nlp is not None else load_model()
        for b in batches:
            yield b, analyze_batch(b.articles, b.errors, nlp=model, batch_size=batch_size)
        return
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    # Whole batches go to the workers (parse + extraction + DataFrames), not just nlp.pipe:
    # the parent then only writes Parquet, so extraction scales with the workers too.
    ex = ProcessPoolExecutor(n_process, mp_context=mp.get_context(), initializer=_init_worker, initargs=(nlp,))
    try:
        yield from _ordered(
            batches,
            lambda b: ex.submit(_pool_task, b.articles, b.errors, batch_size),
            lambda fut: fut.result(),
            window=2 * n_process + 1,
        )
    finally:
        # On an interrupt, drop the queued batches instead of finishing them first.
        ex.shutdown(wait=True, cancel_futures=True)


def _run_dask(
    batches: Iterator[_Batch],
    *,
    nlp: Language | None,
    n_process: int,
    batch_size: int,
    client: Any,
    scheduler: str | None,
) -> Iterator[tuple[_Batch, dict[str, pd.DataFrame]]]:
    from distributed import Client, LocalCluster

    own_cluster = None
    own_client = None
    if client is None:
        if scheduler:
            client = own_client = Client(scheduler)
        else:
            own_cluster = LocalCluster(
                n_workers=max(n_process, 1) if n_process > 1 else None,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            client = own_client = Client(own_cluster)
    try:
        n_workers = max(len(client.scheduler_info().get("workers", {})), 1)
        model = client.scatter(nlp, broadcast=True) if nlp is not None else None
        yield from _ordered(
            batches,
            lambda b: client.submit(_dask_task, b.articles, b.errors, model, batch_size, pure=False),
            lambda fut: fut.result(),
            window=2 * n_workers + 1,
        )
    finally:
        if own_client is not None:
            own_client.close()
        if own_cluster is not None:
            own_cluster.close()


def _progress(enabled: bool, total: int | None) -> Any:
    if not enabled:
        return None
    from tqdm.auto import tqdm

    # delay: a one-article call in a notebook should not flash a bar.
    return tqdm(total=total, unit="article", desc="analyze", delay=1.0, dynamic_ncols=True)


def _estimate_total(source: Any) -> int | None:
    from .load import HTML_EXTS, KNOWN_EXTS, TEXT_EXTS

    if isinstance(source, pd.DataFrame):
        return len(source)
    if isinstance(source, str) and not _is_path_like(source) and not os.path.exists(source[:1024]):
        return 1  # a raw text
    if isinstance(source, str | Path) and len(str(source)) < 1024 and "\n" not in str(source):
        p = Path(source).expanduser()
        try:
            if p.is_dir():
                files = [f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in KNOWN_EXTS]
                if all(f.suffix.lower() in TEXT_EXTS | HTML_EXTS for f in files):
                    return len(files)
                return None
            if p.is_file():
                return 1 if p.suffix.lower() in TEXT_EXTS | HTML_EXTS else None
        except OSError:
            return None
        return 1 if not _is_path_like(str(source)) else None
    if isinstance(source, list | tuple):
        parts = [_estimate_total(s) for s in source]
        return None if any(p is None for p in parts) else sum(p for p in parts if p is not None)
    return None


def _is_path_like(s: str) -> bool:
    from .load import _looks_like_path, _looks_like_url

    return _looks_like_path(s) or _looks_like_url(s)


def analyze_corpus(
    source: Any,
    *,
    nlp: Language | None = None,
    n_process: int = 1,
    batch_size: int = 32,
    store: str | Path | None = None,
    progress: bool = True,
    engine: str = "local",
    client: Any = None,
    scheduler: str | None = None,
    part_size: int = PART_SIZE,
) -> Analysis:
    """Stream ``source`` through the pipeline; the engine behind :func:`toolkit.analyze`.

    With ``store`` the tables go to a resumable Parquet store and the result reads from it;
    without, they are collected in memory.

    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> texts = ["T\\nOne said so.", "U\\nTwo."]
    >>> len(analyze_corpus(texts, store=d, progress=False).articles)
    2
    >>> len(analyze_corpus(texts, store=d, progress=False).articles)  # resumed: nothing new to do
    2
    """
    if engine not in ("local", "dask"):
        raise ValueError(f"engine must be 'local' or 'dask', not {engine!r}")
    if n_process < 1:
        n_process = os.cpu_count() or 1
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    sink = CorpusStore(Path(store), create=True) if store is not None else None
    if sink is not None:
        sink.lock()
    try:
        return _analyze_into(
            source, sink, nlp=nlp, n_process=n_process, batch_size=batch_size, progress=progress,
            engine=engine, client=client, scheduler=scheduler, part_size=part_size,
        )
    finally:
        if sink is not None:
            sink.unlock()


def _analyze_into(
    source: Any,
    sink: CorpusStore | None,
    *,
    nlp: Language | None,
    n_process: int,
    batch_size: int,
    progress: bool,
    engine: str,
    client: Any,
    scheduler: str | None,
    part_size: int,
) -> Analysis:
    skip: set[str] = set()
    skip_errors: set[tuple[Any, ...]] = set()
    if sink is not None:
        sink.recover()
        skip = sink.stored_ids()
        skip_errors = sink.stored_load_errors()
    batches = _batches(source, batch_size=batch_size, skip=skip, skip_errors=skip_errors)
    if engine == "dask":
        results = _run_dask(
            batches, nlp=nlp, n_process=n_process, batch_size=batch_size, client=client, scheduler=scheduler
        )
    else:
        results = _run_local(batches, nlp=nlp, n_process=n_process, batch_size=batch_size)

    bar = _progress(progress, _estimate_total(source))
    collected: dict[str, list[pd.DataFrame]] = {t: [] for t in TABLES}
    pending: dict[str, list[pd.DataFrame]] = {t: [] for t in TABLES}
    n_pending = 0
    n_errors = 0
    try:
        for batch, tables in results:
            n_errors += int((tables["errors"]["level"] == "error").sum())
            target = pending if sink is not None else collected
            for t, df in tables.items():
                if len(df) or t == "articles":
                    target[t].append(df)
            n_pending += len(batch.articles)
            if sink is not None and (n_pending >= part_size):
                sink.write(_concat(pending))
                pending = {t: [] for t in TABLES}
                n_pending = 0
            if bar is not None:
                bar.update(len(batch.articles) + batch.n_skipped)
                if n_errors or batch.n_skipped:
                    bar.set_postfix(errors=n_errors, skipped=len(skip), refresh=False)
        if sink is not None and any(pending.values()):
            sink.write(_concat(pending))
    finally:
        if bar is not None:
            bar.close()
    if sink is not None:
        return StoreAnalysis(sink.path)
    return Analysis(_concat(collected))


def _concat(parts: dict[str, list[pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    out = {}
    for t, dfs in parts.items():
        dfs = [d for d in dfs if len(d)] or dfs[:1]
        out[t] = pd.concat(dfs, ignore_index=True) if len(dfs) > 1 else (conform(dfs[0], t) if dfs else frame([], t))
    return out


# ---------------------------------------------------------------------------- reading


class _LazyTables(MutableMapping[str, pd.DataFrame]):
    """Tables read from the store on first access, then kept."""

    def __init__(self, store: CorpusStore) -> None:
        self._store = store
        self._cache: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in TABLES:
            raise KeyError(name)
        if name not in self._cache:
            self._cache[name] = self._store.read(name)
        return self._cache[name]

    def __setitem__(self, name: str, df: pd.DataFrame) -> None:
        self._cache[name] = df

    def __delitem__(self, name: str) -> None:
        self._cache.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(TABLES)

    def __len__(self) -> int:
        return len(TABLES)

    def __contains__(self, name: object) -> bool:
        return name in TABLES


class StoreAnalysis(Analysis):
    """An :class:`~toolkit.analysis.Analysis` backed by a Parquet store: tables load on first use.

    >>> import tempfile
    >>> a = StoreAnalysis(CorpusStore(tempfile.mkdtemp(), create=True).path)
    >>> a
    StoreAnalysis(articles=0, sentences=0, claims=0, speakers=0, markers=0, links=0, checks=0, errors=0)
    """

    def __init__(self, path: str | Path) -> None:
        self.store = CorpusStore(Path(path))
        self.tables = _LazyTables(self.store)

    @property
    def path(self) -> Path:
        """The store folder."""
        return self.store.path

    def __repr__(self) -> str:
        sizes = ", ".join(f"{t}={self.store.n_rows(t)}" for t in TABLES)
        return f"StoreAnalysis({sizes})"

    def _repr_html_(self) -> str:
        from html import escape

        rows = "".join(f"<tr><td>{escape(t)}</td><td>{self.store.n_rows(t)}</td></tr>" for t in TABLES)
        return (
            f"<table><caption>Store {escape(str(self.path))}</caption>"
            f"<tr><th>table</th><th>rows</th></tr>{rows}</table>"
        )

    def article_text(self, article_id: str) -> str:
        """Return the text of one article, read from the store without loading every article."""
        hit = self.query("SELECT text FROM articles WHERE article_id = ?", [article_id])
        if hit.empty:
            raise KeyError(f"no article {article_id!r} in the store {self.path}")
        return str(hit.iloc[0, 0])

    def query(self, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
        """Run SQL over the store's tables with DuckDB (see :func:`query`)."""
        return query(self.store.path, sql, params=params)


def open_store(path: str | Path) -> StoreAnalysis:
    """Open a store written by ``analyze(..., store=path)``; tables are read when first used.

    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> _ = analyze_corpus("Head\\nBody text.", store=d, progress=False)
    >>> open_store(d).sentences["role"].tolist()
    ['headline', 'body']
    """
    return StoreAnalysis(path)


def _connect(source: str | Path | Analysis) -> duckdb.DuckDBPyConnection:
    import duckdb

    con = duckdb.connect()
    if isinstance(source, Analysis) and not isinstance(source, StoreAnalysis):
        for t in TABLES:
            con.register(t, to_arrow(source.tables[t], t))
        return con
    store = source.store if isinstance(source, StoreAnalysis) else CorpusStore(Path(source))
    for t in TABLES:
        files = store.files(t)
        if files:
            listed = ", ".join("'" + str(p).replace("'", "''") + "'" for p in files)
            con.execute(f"CREATE VIEW {t} AS SELECT * FROM read_parquet([{listed}], union_by_name = true)")
        else:
            con.register(t, arrow_schema(t).empty_table())
    return con


def query(store: str | Path | Analysis, sql: str, *, params: list[Any] | None = None) -> pd.DataFrame:
    """Run SQL with DuckDB over the tables of a store (or an in-memory Analysis).

    Each table is a view named after it: ``articles, sentences, claims, speakers, markers,
    links, checks, errors``.

    >>> import tempfile
    >>> d = tempfile.mkdtemp()
    >>> _ = analyze_corpus(["A\\nOne.", "B\\nTwo. Three."], store=d, progress=False)
    >>> query(d, "SELECT count(*) AS n FROM sentences WHERE role = 'body'")["n"].tolist()
    [3]
    """
    con = _connect(store)
    try:
        return con.execute(sql, params or []).df()
    finally:
        con.close()
