"""The :class:`Analysis` container: every table of an analysis, and its Parquet / CSV IO.

The tables come from :func:`toolkit.analyze` (:mod:`toolkit.corpus` runs :mod:`toolkit.pipeline`
over the input); this module only holds them, reads and writes them.
"""

from __future__ import annotations

import json
from collections.abc import MutableMapping
from html import escape
from pathlib import Path
from typing import overload

import pandas as pd

from .types import LIST_COLUMNS, RECORDS, TABLES, conform, frame

__all__ = ["Analysis"]


class _Table:
    """A table as a real attribute of :class:`Analysis` (``analysis.claims``), seen by ``dir()``."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name
        self.__doc__ = f"The ``{name}`` table: {RECORDS[name].__doc__}"

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> _Table: ...
    @overload
    def __get__(self, obj: Analysis, owner: type | None = None) -> pd.DataFrame: ...
    def __get__(self, obj: Analysis | None, owner: type | None = None) -> pd.DataFrame | _Table:
        return self if obj is None else obj.tables[self.name]

    def __set__(self, obj: Analysis, df: pd.DataFrame) -> None:
        obj.tables[self.name] = df


class Analysis:
    """All tables of an analysis: ``articles, sentences, claims, speakers, markers, links, checks, errors``.

    >>> a = Analysis()
    >>> list(a.tables)[:3]
    ['articles', 'sentences', 'claims']
    """

    def __init__(self, tables: dict[str, pd.DataFrame] | None = None) -> None:
        tables = tables or {}
        # A Mapping, not a dict, so a store-backed subclass can load tables on first use.
        self.tables: MutableMapping[str, pd.DataFrame] = {
            name: conform(tables[name], name) if name in tables else frame([], name) for name in TABLES
        }

    # One attribute per table (tab completion in notebooks); a test keeps them equal to TABLES.
    articles = _Table()
    sentences = _Table()
    claims = _Table()
    speakers = _Table()
    markers = _Table()
    links = _Table()
    checks = _Table()
    errors = _Table()

    def __repr__(self) -> str:
        sizes = ", ".join(f"{n}={len(df)}" for n, df in self.tables.items())
        return f"Analysis({sizes})"

    def _repr_html_(self) -> str:
        rows = "".join(f"<tr><td>{escape(n)}</td><td>{len(df)}</td></tr>" for n, df in self.tables.items())
        return f"<table><caption>Analysis</caption><tr><th>table</th><th>rows</th></tr>{rows}</table>"

    def article_text(self, article_id: str) -> str:
        """Return the text of one article (raises KeyError naming the id if unknown)."""
        hit = self.articles[self.articles["article_id"] == article_id]
        if hit.empty:
            raise KeyError(f"no article {article_id!r} in this analysis")
        return str(hit.iloc[0]["text"])

    def to_parquet(self, directory: str | Path) -> Path:
        """Write every table to ``directory/<table>.parquet`` and return the directory.

        >>> import tempfile
        >>> d = Analysis().to_parquet(tempfile.mkdtemp())
        >>> sorted(p.name for p in d.iterdir())[:2]
        ['articles.parquet', 'checks.parquet']
        """
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        for name, df in self.tables.items():
            df.to_parquet(out / f"{name}.parquet", index=False)
        return out

    def to_csv(self, directory: str | Path) -> Path:
        """Write every table to ``directory/<table>.csv`` (list columns as JSON)."""
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        for name, df in self.tables.items():
            df = df.copy()
            for col in LIST_COLUMNS[name]:
                df[col] = [json.dumps(v, ensure_ascii=False) for v in df[col]]
            df.to_csv(out / f"{name}.csv", index=False)
        return out

    @classmethod
    def read_parquet(cls, directory: str | Path) -> Analysis:
        """Read an analysis written by :meth:`to_parquet` (missing tables come back empty)."""
        d = Path(directory)
        if not d.is_dir():
            raise FileNotFoundError(f"{d}: no such folder of Parquet tables")
        return cls({n: pd.read_parquet(d / f"{n}.parquet") for n in TABLES if (d / f"{n}.parquet").exists()})
