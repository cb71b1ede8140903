"""One article through every stage: structure -> attribution -> literacy checks.

:func:`process_article` takes a parsed article and returns its records, table by table.  Each
stage runs inside :func:`guard`, the one place where a failure becomes an ``errors`` row: the
failing stage's rows are absent, the earlier stages keep theirs, and the other articles of the
batch are untouched.  Batching, parsing many texts and the engines live in :mod:`toolkit.corpus`.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from spacy.tokens import Doc

# Modules, not their functions: a stage looked up at call time can be swapped in tests and
# benchmarks (monkeypatch toolkit.attribution.extract_attributions) without touching this file.
from . import attribution, literacy, structure
from .types import ERROR_LEVEL, TABLES, Article, ErrorRecord, Stage

__all__ = ["ArticleResult", "article_from_row", "guard", "process_article"]

T = TypeVar("T")


@dataclass
class ArticleResult:
    """The records produced for one article, table by table."""

    records: dict[str, list[Any]] = field(default_factory=lambda: {t: [] for t in TABLES})

    def add(self, table: str, items: Iterable[Any]) -> None:
        """Append records to ``table``."""
        self.records[table].extend(items)


def article_from_row(row: Mapping[str, Any]) -> Article:
    """Build the :class:`~toolkit.types.Article` record of one row of the ``articles`` table.

    >>> article_from_row({"article_id": 7, "text": "T\\nBody.", "n_words": None}).article_id
    '7'
    """
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


def guard(result: ArticleResult, article: Article, stage: Stage, fn: Callable[[], T]) -> T | None:
    """Run one stage of one article; on failure add an ``errors`` row to ``result`` and return None.

    >>> res = ArticleResult()
    >>> guard(res, Article("a", "x"), "check", lambda: 1 / 0) is None
    True
    >>> res.records["errors"][0].message.split(" (at ")[0]
    'check failed: ZeroDivisionError: division by zero'
    """
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - one bad article must not lose the others
        where = traceback.extract_tb(exc.__traceback__)[-1]
        message = f"{stage} failed: {type(exc).__name__}: {exc} (at {Path(where.filename).name}:{where.lineno})"
        result.add("errors", [ErrorRecord(article.article_id, article.source, stage, ERROR_LEVEL, message)])
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
    result = ArticleResult()
    doc._.article_id = article.article_id
    lines = structure.split_lines(article.text)
    sentences = guard(
        result, article, "parse", lambda: structure.sentences_from_doc(doc, article.article_id, lines=lines)
    )
    if sentences is None:
        return result
    result.add("sentences", sentences)
    extracted = guard(
        result, article, "extract", lambda: attribution.extract_attributions(doc, sentences, article.article_id)
    )
    if extracted is None:
        return result
    claims, speakers, markers = extracted
    checked = guard(
        result, article, "check", lambda: literacy.annotate(article, doc, sentences, claims, speakers, markers)
    )
    if checked is not None:
        claims, markers, links, checks = checked
        result.add("links", links)
        result.add("checks", checks)
    result.add("claims", claims)
    result.add("speakers", speakers)
    result.add("markers", markers)
    return result
