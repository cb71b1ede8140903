"""Run the pipeline over a whole input: :func:`analyze` (re-exported as ``toolkit.analyze``).

The input streams from :func:`toolkit.load.iter_load` in batches to an engine
(:mod:`toolkit.corpus.engines`); the tables come back in memory (an :class:`~toolkit.analysis.Analysis`)
or go to a resumable Parquet store (:mod:`toolkit.corpus.store`), read back as a
:class:`~toolkit.corpus.query.StoreAnalysis`.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
from spacy.language import Language

from ..analysis import Analysis
from ..load import HTML_EXTS, TEXT_EXTS, URL_TIMEOUT, folder_files, source_kind
from ..nlp import BATCH_SIZE, ensure_pipeline
from ..types import ERROR_LEVEL, TABLES, conform, frame
from .engines import Batch, iter_batches, run_dask, run_local
from .query import StoreAnalysis
from .store import CorpusStore

__all__ = ["PART_SIZE", "analyze", "analyze_corpus", "concat_parts", "estimate_total"]

# Articles per written part: large enough for few files, small enough that a crash costs little.
PART_SIZE = 512


def _progress(enabled: bool, total: int | None) -> Any:
    if not enabled:
        return None
    from tqdm.auto import tqdm

    # delay: a one-article call in a notebook should not flash a bar.
    return tqdm(total=total, unit="article", desc="analyze", delay=1.0, dynamic_ncols=True)


def estimate_total(source: Any) -> int | None:
    """Guess how many articles ``source`` holds, for the progress bar (None: cannot tell cheaply).

    >>> estimate_total(["One text.", "Another text."]), estimate_total("https://example.org/a")
    (2, None)
    """
    kind = source_kind(source)
    if kind == "dataframe":
        return len(source)
    if kind == "text":
        return 1
    if kind == "path":
        p = Path(source).expanduser()
        try:
            if p.is_dir():
                suffixes = [f.suffix.lower() for f in folder_files(p)]
                # Table files hold an unknown number of rows each.
                return len(suffixes) if all(s in TEXT_EXTS | HTML_EXTS for s in suffixes) else None
            if p.is_file():
                return 1 if p.suffix.lower() in TEXT_EXTS | HTML_EXTS else None
        except OSError:
            return None
        return None
    if isinstance(source, list | tuple):
        parts = [estimate_total(s) for s in source]
        return None if any(p is None for p in parts) else sum(p for p in parts if p is not None)
    return None


def analyze_corpus(
    source: Any,
    *,
    nlp: Language | None = None,
    n_process: int = 1,
    batch_size: int = BATCH_SIZE,
    store: str | Path | None = None,
    progress: bool = True,
    engine: str = "local",
    client: Any = None,
    scheduler: str | None = None,
    part_size: int = PART_SIZE,
    timeout: float = URL_TIMEOUT,
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
    new_folder = store is not None and not Path(store).expanduser().exists()
    sink = CorpusStore(Path(store), create=True) if store is not None else None
    if sink is not None:
        sink.lock()
    try:
        return _analyze_into(
            source, sink, nlp=nlp, n_process=n_process, batch_size=batch_size, progress=progress,
            engine=engine, client=client, scheduler=scheduler, part_size=part_size, timeout=timeout,
        )
    except BaseException:
        # A run that fails before writing anything (one bad input raises) leaves no empty store behind.
        if sink is not None and new_folder:
            sink.unlock()
            sink.remove_if_unused()
        raise
    finally:
        if sink is not None and sink.path.exists():
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
    timeout: float,
) -> Analysis:
    skip: set[str] = set()
    skip_errors: set[tuple[Any, ...]] = set()
    if sink is not None:
        sink.recover()
        skip = sink.stored_ids()
        skip_errors = sink.stored_load_errors()
    batches = _started(iter_batches(source, batch_size=batch_size, skip=skip, skip_errors=skip_errors, timeout=timeout))
    if engine == "dask":
        results = run_dask(
            batches, nlp=nlp, n_process=n_process, batch_size=batch_size, client=client, scheduler=scheduler
        )
    else:
        results = run_local(batches, nlp=nlp, n_process=n_process, batch_size=batch_size)

    bar = _progress(progress, estimate_total(source))
    collected: dict[str, list[pd.DataFrame]] = {t: [] for t in TABLES}
    pending: dict[str, list[pd.DataFrame]] = {t: [] for t in TABLES}
    n_pending = 0
    n_errors = 0
    try:
        for batch, tables in results:
            n_errors += int((tables["errors"]["level"] == ERROR_LEVEL).sum())
            target = pending if sink is not None else collected
            for t, df in tables.items():
                if len(df) or t == "articles":
                    target[t].append(df)
            n_pending += len(batch.articles)
            if sink is not None and (n_pending >= part_size):
                sink.write(concat_parts(pending))
                pending = {t: [] for t in TABLES}
                n_pending = 0
            if bar is not None:
                bar.update(len(batch.articles) + batch.n_skipped)
                if n_errors or batch.n_skipped:
                    bar.set_postfix(errors=n_errors, skipped=len(skip), refresh=False)
        if sink is not None and any(pending.values()):
            sink.write(concat_parts(pending))
    finally:
        if bar is not None:
            bar.close()
    if sink is not None:
        return StoreAnalysis(sink.path)
    return Analysis(concat_parts(collected))


def _started(batches: Iterator[Batch]) -> Iterator[Batch]:
    """Load the first batch now, so one input that fails raises before a model or cluster starts."""
    first = next(batches, None)
    return batches if first is None else itertools.chain([first], batches)


def concat_parts(parts: dict[str, list[pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """Concatenate the DataFrames collected for each table into one per table.

    >>> len(concat_parts({"links": [frame([], "links"), frame([], "links")]})["links"])
    0
    """
    out = {}
    for t, dfs in parts.items():
        dfs = [d for d in dfs if len(d)] or dfs[:1]
        out[t] = pd.concat(dfs, ignore_index=True) if len(dfs) > 1 else (conform(dfs[0], t) if dfs else frame([], t))
    return out


def analyze(
    source: Any,
    *,
    nlp: Language | None = None,
    n_process: int = 1,
    batch_size: int = BATCH_SIZE,
    store: str | Path | None = None,
    progress: bool = True,
    engine: str = "local",
    client: Any = None,
    scheduler: str | None = None,
    timeout: float = URL_TIMEOUT,
) -> Analysis:
    """Load, parse and analyse articles from any source ``load_articles`` accepts.

    Articles stream through ``nlp.pipe`` in batches of ``batch_size``; nothing holds the whole
    corpus.  ``n_process > 1`` runs the batches in that many worker processes (each loads the
    model once).  With ``store="out/corpus"`` every table is written as partitioned Parquet as
    the batches finish, a rerun skips the articles already stored, and the result reads from
    the store (:func:`toolkit.open_store`).  ``engine="dask"`` runs the batches on a
    ``dask.distributed`` cluster: ``client=``, a ``scheduler`` address, or a new LocalCluster.
    ``timeout`` is how many seconds a URL may take to answer (the loader's default otherwise).
    A progress bar (``tqdm``) shows for runs longer than a second unless ``progress=False``.
    One input that gives no article raises as in :func:`toolkit.load_articles` (a missing path:
    ``FileNotFoundError``); with several, each failure is a row of ``errors`` and the rest go on.

    >>> a = analyze("Not true, says Russia\\nMoscow denied the report.", progress=False)
    >>> a.sentences["role"].tolist()
    ['headline', 'body']
    """
    return analyze_corpus(
        source,
        nlp=ensure_pipeline(nlp) if nlp is not None else None,
        n_process=n_process,
        batch_size=batch_size,
        store=store,
        progress=progress,
        engine=engine,
        client=client,
        scheduler=scheduler,
        timeout=timeout,
    )
