"""Reading a store: :class:`StoreAnalysis` (tables loaded on first use) and DuckDB :func:`query`."""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..analysis import Analysis
from ..types import TABLES
from .store import CorpusStore, arrow_schema, to_arrow

if TYPE_CHECKING:
    import duckdb

__all__ = ["StoreAnalysis", "open_store", "query"]




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
    >>> from toolkit.corpus import analyze_corpus
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
    >>> from toolkit.corpus import analyze_corpus
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
