"""Command line: ``python -m toolkit analyze|report|schema``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .analysis import Analysis
from .corpus import analyze
from .load import LoadError
from .nlp import BATCH_SIZE
from .types import ERROR_LEVEL, SourceClass, schema_markdown

__all__ = ["main", "store_summary", "summary"]

_UNKNOWN: SourceClass = "unknown"
# Lines of the store summary per list (articles, errors): a big store must not flood the terminal.
SUMMARY_LIMIT = 20


def summary(analysis: Analysis) -> str:
    """Return a short plain-text summary of an analysis.

    >>> from toolkit.analysis import Analysis
    >>> summary(Analysis()).splitlines()[0]
    '0 article(s), 0 sentence(s), 0 claim(s), 0 speaker(s), 0 error row(s)'
    """
    a = analysis
    lines = [
        f"{len(a.articles)} article(s), {len(a.sentences)} sentence(s), {len(a.claims)} claim(s), "
        f"{len(a.speakers)} speaker(s), {len(a.errors)} error row(s)"
    ]
    for art in a.articles.itertuples():
        claims = a.claims[a.claims["article_id"] == art.article_id]
        lines.append(f"- {art.article_id}: {art.title!s} ({len(claims)} claims)")
        if len(claims):
            kinds = claims["source_class"].fillna(_UNKNOWN).value_counts()
            lines.append("  sources: " + ", ".join(f"{k} {v}" for k, v in kinds.items()))
    for err in a.errors.itertuples():
        lines.append(f"! {err.level} [{err.stage}] {err.message}")
    return "\n".join(lines)


def _analyze(args: argparse.Namespace) -> Any:
    source = args.paths if len(args.paths) > 1 else args.paths[0]
    if args.command == "analyze" and args.format == "parquet":
        # Straight into the resumable store: memory stays flat and a rerun continues where it stopped.
        return analyze(
            source,
            batch_size=args.batch_size,
            n_process=args.processes,
            store=args.out,
            progress=not args.no_progress,
            engine=args.engine,
            scheduler=args.scheduler,
        )
    return analyze(
        source,
        batch_size=args.batch_size,
        n_process=args.processes,
        progress=not getattr(args, "no_progress", False),
        engine=getattr(args, "engine", "local"),
        scheduler=getattr(args, "scheduler", None),
    )


def store_summary(analysis: Any, *, limit: int = SUMMARY_LIMIT) -> str:
    """Summarise a store-backed analysis with SQL counts (no table is loaded whole).

    >>> import tempfile
    >>> from toolkit.corpus import analyze_corpus
    >>> print(store_summary(analyze_corpus("Head\\nBody.", store=tempfile.mkdtemp(), progress=False)))  # doctest: +ELLIPSIS
    1 article(s), 2 sentence(s), 0 claim(s), 0 speaker(s), 0 error row(s)
    - ...: Head (0 claims)
    """
    counts = analysis.query(
        "SELECT (SELECT count(*) FROM articles) a, (SELECT count(*) FROM sentences) s, "
        "(SELECT count(*) FROM claims) c, (SELECT count(*) FROM speakers) p, (SELECT count(*) FROM errors) e"
    ).iloc[0]
    lines = [
        f"{counts['a']} article(s), {counts['s']} sentence(s), {counts['c']} claim(s), "
        f"{counts['p']} speaker(s), {counts['e']} error row(s)"
    ]
    top = analysis.query(
        "SELECT a.article_id, a.title, count(c.article_id) AS n FROM articles a "
        "LEFT JOIN claims c USING (article_id) GROUP BY a.article_id, a.title "
        "ORDER BY a.article_id LIMIT ?",
        [limit],
    )
    lines += [f"- {r.article_id}: {r.title!s} ({r.n} claims)" for r in top.itertuples()]
    if counts["a"] > limit:
        lines.append(f"  ... and {counts['a'] - limit} more article(s)")
    errs = analysis.query(
        "SELECT level, stage, message FROM errors ORDER BY level, stage, message LIMIT ?", [limit]
    )
    lines += [f"! {r.level} [{r.stage}] {r.message}" for r in errs.itertuples()]
    if counts["e"] > limit:
        lines.append(f"  ... and {counts['e'] - limit} more error row(s)")
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m toolkit", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p_an = sub.add_parser("analyze", help="analyse articles and write every table")
    p_an.add_argument("paths", nargs="+", help="files, folders, globs or URLs")
    p_an.add_argument(
        "--out",
        required=True,
        help="output folder: a resumable Parquet store (rerun to continue), or CSV tables with --format csv",
    )
    p_an.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    p_an.add_argument("--processes", type=int, default=1, help="worker processes (-1: one per CPU)")
    p_an.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="articles per nlp.pipe batch")
    p_an.add_argument("--engine", choices=("local", "dask"), default="local")
    p_an.add_argument("--scheduler", default=None, help="dask scheduler address (default: a LocalCluster)")
    p_an.add_argument("--no-progress", action="store_true", help="no progress bar")

    p_rep = sub.add_parser("report", help="analyse articles, write the tables and a standalone HTML report")
    p_rep.add_argument("paths", nargs="+")
    p_rep.add_argument("--out", default="out/report.html", help="HTML file to write")
    p_rep.add_argument("--tables", default=None, help="also write the tables (Parquet) to this folder")
    p_rep.add_argument("--png", default=None, help="also write chart images (PNG) to this folder")
    p_rep.add_argument("--processes", type=int, default=1)
    p_rep.add_argument("--batch-size", type=int, default=BATCH_SIZE)

    sub.add_parser("schema", help="print the table schemas as Markdown")

    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    >>> main(["schema"]) == 0  # doctest: +ELLIPSIS
    ### `articles`...
    True
    """
    args = _parser().parse_args(argv)
    if args.command == "schema":
        print(schema_markdown())
        return 0
    try:
        analysis = _analyze(args)
    except LoadError as exc:  # one input that failed: its message, not a traceback
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.command == "analyze":
        out = Path(args.out)
        if args.format == "csv":
            analysis.to_csv(out)
            print(summary(analysis))
            print(f"tables written to {out}/")
        else:
            print(store_summary(analysis))
            print(f"store written to {out}/ (query it with toolkit.open_store or toolkit.query)")
            n = analysis.query(
                "SELECT (SELECT count(*) FROM articles) a, (SELECT count(*) FROM errors WHERE level = ?) e",
                [ERROR_LEVEL],
            ).iloc[0]
            return 1 if n["a"] == 0 and n["e"] else 0
    else:
        from .report import (
            write_report,  # altair and friends: only the report command pays for them
        )

        out = write_report(analysis, args.out, png_dir=args.png)
        if args.tables:
            analysis.to_parquet(args.tables)
        print(summary(analysis))
        print(f"report written to {out}")
    hard = analysis.errors[analysis.errors["level"] == ERROR_LEVEL]
    return 1 if len(analysis.articles) == 0 and len(hard) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
