"""Corpus scale: streamed analysis in batches, a resumable Parquet store, DuckDB queries, Dask.

- :mod:`.engines`: one batch through the pipeline, run in-process, in worker processes or on Dask;
- :mod:`.store`: the partitioned, crash-safe Parquet store and its Arrow schemas;
- :mod:`.query`: reading a store back (:class:`StoreAnalysis`) and SQL over it (:func:`query`);
- :mod:`.run`: :func:`analyze` / :func:`analyze_corpus`, which stream the input through an engine.
"""

from __future__ import annotations

from .engines import analyze_batch
from .query import StoreAnalysis, open_store, query
from .run import PART_SIZE, analyze, analyze_corpus
from .store import CorpusStore, arrow_schema, to_arrow

__all__ = [
    "PART_SIZE",
    "CorpusStore",
    "StoreAnalysis",
    "analyze",
    "analyze_batch",
    "analyze_corpus",
    "arrow_schema",
    "open_store",
    "query",
    "to_arrow",
]
