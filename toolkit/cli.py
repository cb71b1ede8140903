"""Command line: ``python -m toolkit analyze|report|schema``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["main", "summary"]


def summary(analysis: object) -> str:
    """Return a short plain-text summary of an analysis.

    >>> from toolkit.analysis import Analysis
    >>> summary(Analysis()).splitlines()[0]
    '0 article(s), 0 sentence(s), 0 claim(s), 0 speaker(s), 0 error row(s)'
    """
    from .analysis import Analysis

    assert isinstance(analysis, Analysis)
    a = analysis
    lines = [
        f"{len(a.articles)} article(s), {len(a.sentences)} sentence(s), {len(a.claims)} claim(s), "
        f"{len(a.speakers)} speaker(s), {len(a.errors)} error row(s)"
    ]
    for art in a.articles.itertuples():
        claims = a.claims[a.claims["article_id"] == art.article_id]
        lines.append(f"- {art.article_id}: {art.title!s} ({len(claims)} claims)")
        if len(claims):
            kinds = claims["speaker_kind"].fillna("none").value_counts()
            lines.append("  sources: " + ", ".join(f"{k} {v}" for k, v in kinds.items()))
    for err in a.errors.itertuples():
        lines.append(f"! {err.level} [{err.stage}] {err.message}")
    return "\n".join(lines)


def _analyze(args: argparse.Namespace) -> Any:
    from .analysis import analyze

    source = args.paths if len(args.paths) > 1 else args.paths[0]
    return analyze(source, batch_size=args.batch_size, n_process=args.processes)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    >>> main(["schema"]) == 0  # doctest: +ELLIPSIS
    ### `articles`...
    True
    """
    parser = argparse.ArgumentParser(prog="python -m toolkit", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p_an = sub.add_parser("analyze", help="analyse articles and write every table")
    p_an.add_argument("paths", nargs="+", help="files, folders, globs or URLs")
    p_an.add_argument("--out", required=True, help="output folder for the tables")
    p_an.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    p_an.add_argument("--processes", type=int, default=1)
    p_an.add_argument("--batch-size", type=int, default=32)

    p_rep = sub.add_parser("report", help="analyse articles, write the tables and a standalone HTML report")
    p_rep.add_argument("paths", nargs="+")
    p_rep.add_argument("--out", default="out/report.html", help="HTML file to write")
    p_rep.add_argument("--tables", default=None, help="also write the tables (Parquet) to this folder")
    p_rep.add_argument("--png", default=None, help="also write chart images (PNG) to this folder")
    p_rep.add_argument("--processes", type=int, default=1)
    p_rep.add_argument("--batch-size", type=int, default=32)

    sub.add_parser("schema", help="print the table schemas as Markdown")

    args = parser.parse_args(argv)
    if args.command == "schema":
        from .types import schema_markdown

        print(schema_markdown())
        return 0
    analysis = _analyze(args)
    if args.command == "analyze":
        out = Path(args.out)
        analysis.to_csv(out) if args.format == "csv" else analysis.to_parquet(out)
        print(summary(analysis))
        print(f"tables written to {out}/")
    else:
        from . import report

        out = report.write_report(analysis, args.out, png_dir=args.png)
        if args.tables:
            analysis.to_parquet(args.tables)
        print(summary(analysis))
        print(f"report written to {out}")
    hard = analysis.errors[analysis.errors["level"] == "error"]
    return 1 if len(analysis.articles) == 0 and len(hard) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
