"""Tables stage: :func:`analyze` and the :class:`Analysis` object holding every table.

``analyze`` = load -> parse -> (per article) structure -> attribution -> literacy checks,
streamed in batches by :mod:`toolkit.corpus` (worker processes, Dask, Parquet store).
Each per-article stage runs inside its own error guard: a failure becomes an ``errors`` row
for that article and never loses the other articles.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from .nlp import ensure_pipeline
from .structure import sentences_from_doc, split_lines
from .types import SCHEMAS, TABLES, Article, ErrorRecord, conform, frame

__all__ = ["Analysis", "ArticleResult", "analyze", "process_article"]


@dataclass
class ArticleResult:
    """The records produced for one article, table by table."""

    records: dict[str, list[Any]] = field(default_factory=lambda: {t: [] for t in TABLES})

    def add(self, table: str, items: Iterable[Any]) -> None:
        """Append records to ``table``."""
        self.records[table].extend(items)


def _row_to_article(row: dict[str, Any]) -> Article:
    return Article(
        article_id=str(row["article_id"]),
        text=str(row["text"]),
        title=row.get("title"),
        source=row.get("source"),
        url=row.get("url"),
        published=row.get("published"),
        outlet=row.get("outlet"),
        byline=row.get("byline"),
        section=row.get("section"),
        n_words=int(row.get("n_words") or 0),
    )


def _guard(result: ArticleResult, article: Article, stage: str, fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - one bad article must not lose the others
        where = traceback.extract_tb(exc.__traceback__)[-1]
        result.add(
            "errors",
            [
                ErrorRecord(
                    article.article_id,
                    article.source,
                    stage,
                    "error",
                    f"{stage} failed: {type(exc).__name__}: {exc} (at {Path(where.filename).name}:{where.lineno})",
                )
            ],
        )
        return None


def process_article(article: Article, doc: Doc) -> ArticleResult:
    """Run every per-article stage on a parsed article and return its records.

    >>> import spacy
    >>> from toolkit.nlp import ensure_pipeline
    >>> art = Article("a", "Title\\nBody text.")
    >>> res = process_article(art, ensure_pipeline(spacy.blank("en"))(art.text))
    >>> [s.role for s in res.records["sentences"]]
    ['headline', 'body']
    """
    from .attribution import extract_attributions
    from .literacy import annotate

    result = ArticleResult()
    doc._.article_id = article.article_id
    lines = split_lines(article.text)
    sentences = _guard(result, article, "parse", lambda: sentences_from_doc(doc, article.article_id, lines=lines))
    if sentences is None:
        return result
    result.add("sentences", sentences)
    extracted = _guard(result, article, "extract", lambda: extract_attributions(doc, sentences, article.article_id))
    if extracted is None:
        return result
    claims, speakers, markers = extracted
    checked = _guard(
        result, article, "check", lambda: annotate(article, doc, sentences, claims, speakers, markers)
    )
    if checked is not None:
        claims, markers, links, checks = checked
        result.add("links", links)
        result.add("checks", checks)
    result.add("claims", claims)
    result.add("speakers", speakers)
    result.add("markers", markers)
    return result


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

    # one attribute per table, for notebooks: analysis.claims etc.
    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    def __repr__(self) -> str:
        sizes = ", ".join(f"{n}={len(df)}" for n, df in self.tables.items())
        return f"Analysis({sizes})"

    def _repr_html_(self) -> str:
        from html import escape

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
        import json

        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        for name, df in self.tables.items():
            df = df.copy()
            for col, (dtype, _) in SCHEMAS[name].items():
                if dtype == "object":
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

    @classmethod
    def from_results(
        cls, articles: pd.DataFrame, results: Iterable[ArticleResult], errors: pd.DataFrame | None = None
    ) -> Analysis:
        """Assemble an analysis from per-article results."""
        merged: dict[str, list[Any]] = {t: [] for t in TABLES}
        for res in results:
            for t, recs in res.records.items():
                merged[t].extend(recs)
        tables = {t: frame(recs, t) for t, recs in merged.items() if t != "articles"}
        tables["articles"] = articles
        if errors is not None and len(errors):
            tables["errors"] = pd.concat([errors, tables["errors"]], ignore_index=True)
        return cls(tables)


def analyze(
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
) -> Analysis:
    """Load, parse and analyse articles from any source ``load_articles`` accepts.

    Articles stream through ``nlp.pipe`` in batches of ``batch_size``; nothing holds the whole
    corpus.  ``n_process > 1`` runs the batches in that many worker processes (each loads the
    model once).  With ``store="out/corpus"`` every table is written as partitioned Parquet as
    the batches finish, a rerun skips the articles already stored, and the result reads from
    the store (:func:`toolkit.open_store`).  ``engine="dask"`` runs the batches on a
    ``dask.distributed`` cluster: ``client=``, a ``scheduler`` address, or a new LocalCluster.
    A progress bar (``tqdm``) shows for runs longer than a second unless ``progress=False``.

    >>> a = analyze("Not true, says Russia\\nMoscow denied the report.", progress=False)
    >>> a.sentences["role"].tolist()
    ['headline', 'body']
    """
    from .corpus import analyze_corpus

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
    )
