"""Engines: the same batch of articles analysed in-process, in worker processes or on Dask.

The unit of work is a *batch* of articles (``batch_size`` of them, one ``nlp.pipe`` batch):
:func:`analyze_batch` parses it, runs :func:`toolkit.pipeline.process_article` on each article
and turns the records into one small DataFrame per table.  The same function runs in-process
(``n_process=1``), in a pool of worker processes (``n_process>1``) or on a ``dask.distributed``
cluster (``engine="dask"``); only the scheduling differs.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from ..load import URL_TIMEOUT, iter_load
from ..nlp import BATCH_SIZE, load_model, parse_texts, register_extensions
from ..pipeline import ArticleResult, article_from_row, guard, process_article
from ..types import TABLES, Article, conform, frame
from .store import error_key

__all__ = ["Batch", "analyze_batch", "iter_batches", "run_dask", "run_local"]


def analyze_batch(
    articles: pd.DataFrame, errors: pd.DataFrame | None = None, *, nlp: Language, batch_size: int = BATCH_SIZE
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
    collected = ArticleResult()
    arts = [article_from_row(r) for r in articles.to_dict("records")]
    try:
        pairs: Iterable[tuple[Article, Doc | None]] = list(
            zip(arts, parse_texts(nlp, (a.text for a in arts), batch_size=batch_size), strict=True)
        )
    except Exception:  # noqa: BLE001 - find the article that breaks the parser, keep the others
        pairs = [(a, guard(collected, a, "parse", partial(_parse_one, nlp, a.text))) for a in arts]
    for article, doc in pairs:
        if doc is None:
            continue
        for table, recs in process_article(article, doc).records.items():
            collected.add(table, recs)
    # DataFrames are built once per batch: per-article frames cost more than the parsing of short texts.
    tables = {t: frame(recs, t) for t, recs in collected.records.items() if t != "articles"}
    tables["articles"] = articles.reset_index(drop=True)
    if errors is not None and len(errors):
        tables["errors"] = pd.concat([conform(errors, "errors"), tables["errors"]], ignore_index=True)
    return {t: tables[t] for t in TABLES}


def _parse_one(nlp: Language, text: str) -> Doc:
    return next(iter(parse_texts(nlp, [text])))


@dataclass
class Batch:
    """A batch of articles to analyse, with the load errors that ride along with it."""

    articles: pd.DataFrame
    errors: pd.DataFrame
    n_skipped: int = 0


def iter_batches(
    source: Any,
    *,
    batch_size: int,
    skip: set[str],
    skip_errors: set[tuple[Any, ...]],
    timeout: float = URL_TIMEOUT,
) -> Iterator[Batch]:
    """Stream the source as batches of at most ``batch_size`` articles not yet stored.

    >>> [len(b.articles) for b in iter_batches(["A\\nOne.", "B\\nTwo.", "C\\nThree."], batch_size=2, skip=set(), skip_errors=set())]
    [2, 1]
    """
    if isinstance(source, pd.DataFrame) and {"article_id", "text", "n_words"} <= set(source.columns):
        # A load_articles() result carries its load errors in attrs: keep them as rows, and drop
        # the attrs (pandas compares attrs on concat, which fails for a DataFrame value).
        loaded = source.attrs.get("errors")
        known = conform(loaded, "errors") if isinstance(loaded, pd.DataFrame) else frame([], "errors")
        articles_in = conform(source, "articles")
        articles_in.attrs = {}
        chunks: Iterable[tuple[pd.DataFrame, pd.DataFrame]] = [(articles_in, known)]
    else:
        chunks = iter_load(source, chunk_size=batch_size, timeout=timeout)
    for articles, errors in chunks:
        n_skipped = 0
        if skip:
            keep = ~articles["article_id"].isin(skip)
            n_skipped = int((~keep).sum())
            articles = articles[keep]
            errors = errors[~errors["article_id"].isin(skip)]
        if skip_errors and len(errors):
            new = [error_key(r) not in skip_errors for r in errors.itertuples(index=False)]
            errors = errors[new]
        errors = errors.reset_index(drop=True)
        articles = articles.reset_index(drop=True)
        if articles.empty:
            if len(errors) or n_skipped:
                yield Batch(articles, errors, n_skipped)
            continue
        for i in range(0, len(articles), batch_size):
            part = articles.iloc[i : i + batch_size].reset_index(drop=True)
            # Load errors ride with the first batch of their chunk (those tied to no article included).
            yield Batch(part, errors if i == 0 else errors.iloc[0:0], n_skipped if i == 0 else 0)


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
    batches: Iterator[Batch], submit: Callable[[Batch], Any], result: Callable[[Any], dict[str, pd.DataFrame]], window: int
) -> Iterator[tuple[Batch, dict[str, pd.DataFrame]]]:
    """Keep up to ``window`` batches in flight and yield their results in input order."""
    inflight: deque[tuple[Batch, Any]] = deque()
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


def _empty_result(batch: Batch) -> dict[str, pd.DataFrame]:
    tables = {t: frame([], t) for t in TABLES}
    tables["articles"] = batch.articles
    tables["errors"] = conform(batch.errors, "errors")
    return tables


def run_local(
    batches: Iterator[Batch], *, nlp: Language | None, n_process: int, batch_size: int
) -> Iterator[tuple[Batch, dict[str, pd.DataFrame]]]:
    """Analyse the batches in this process (``n_process=1``) or a pool of worker processes, in order."""
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


def run_dask(
    batches: Iterator[Batch],
    *,
    nlp: Language | None,
    n_process: int,
    batch_size: int,
    client: Any,
    scheduler: str | None,
) -> Iterator[tuple[Batch, dict[str, pd.DataFrame]]]:
    """Analyse the batches on a ``dask.distributed`` cluster (``client``, ``scheduler`` or a new LocalCluster), in order."""
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
