"""Notebook support: strip outputs before committing, and pick (sample) the corpus a notebook analyses.

Command line (``make strip-notebooks`` runs the first)::

    python -m toolkit.notebook_tools strip notebooks/*.ipynb   # rewrite in place
    python -m toolkit.notebook_tools check notebooks/*.ipynb   # exit 1 if any still has outputs

Cells tagged ``keep-output`` keep their outputs (their results are checked by nbval).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["CORPUS_SEED", "KEEP_TAG", "corpus_articles", "main", "sample_articles", "strip_notebook", "strip_paths"]

KEEP_TAG = "keep-output"
# Per-run metadata that changes on every execution and only makes diffs noisy.
_VOLATILE_CELL_METADATA = ("execution", "collapsed", "scrolled", "ExecuteTime")
_VOLATILE_NB_METADATA = ("widgets",)


def strip_notebook(nb: dict[str, Any]) -> bool:
    """Strip outputs, execution counts and run metadata from a notebook dict in place.

    Returns whether anything changed. Cells tagged ``keep-output`` keep their outputs.

    >>> nb = {"cells": [{"cell_type": "code", "execution_count": 3, "metadata": {},
    ...                  "outputs": [{"output_type": "stream", "name": "stdout", "text": "hi"}],
    ...                  "source": "print('hi')"}], "metadata": {}}
    >>> strip_notebook(nb), nb["cells"][0]["outputs"], nb["cells"][0]["execution_count"]
    (True, [], None)
    >>> strip_notebook(nb)
    False
    """
    before = json.dumps(nb, sort_keys=True)
    for cell in nb.get("cells", []):
        meta = cell.setdefault("metadata", {})
        for key in _VOLATILE_CELL_METADATA:
            meta.pop(key, None)
        if cell.get("cell_type") != "code":
            continue
        if KEEP_TAG in meta.get("tags", []):
            continue
        cell["outputs"] = []
        cell["execution_count"] = None
    for key in _VOLATILE_NB_METADATA:
        nb.get("metadata", {}).pop(key, None)
    return json.dumps(nb, sort_keys=True) != before


def _read(path: Path) -> dict[str, Any]:
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: not a readable notebook ({exc})") from exc
    if not isinstance(nb, dict) or "cells" not in nb:
        raise ValueError(f"{path}: not a Jupyter notebook (no 'cells')")
    return nb


def strip_paths(paths: Sequence[str | Path], *, write: bool = True) -> list[Path]:
    """Strip every notebook in ``paths``; return those that had something to strip.

    With ``write=False`` nothing is written (a check).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.ipynb"
    >>> _ = p.write_text('{"cells": [], "metadata": {"widgets": {}}, "nbformat": 4, "nbformat_minor": 5}')
    >>> [q.name for q in strip_paths([p])], strip_paths([p])
    (['x.ipynb'], [])
    """
    changed = []
    for raw in paths:
        path = Path(raw)
        nb = _read(path)
        if strip_notebook(nb):
            changed.append(path)
            if write:
                # Jupyter's own layout (indent 1, unicode kept, trailing newline) keeps diffs minimal.
                path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return changed


# The sample's seed: a fixed one, so a notebook run on a slice is reproducible (and nbval-checkable).
CORPUS_SEED = 15


def sample_articles(articles: pd.DataFrame, limit: int, *, seed: int = CORPUS_SEED) -> pd.DataFrame:
    """Sample ``limit`` articles at random, stratified by section, the same for the same ``seed``.

    Sections (topic folders) take turns, each giving its articles in a shuffled order, so a
    200-article slice of a topic-foldered corpus covers every topic and is not the first files
    alphabetically.  The sample keeps the corpus's order.

    >>> df = pd.DataFrame({"article_id": list("abcdef"), "section": ["x", "x", "x", "y", "y", "y"]})
    >>> picked = sample_articles(df, 4)
    >>> picked["section"].value_counts().tolist(), picked.equals(sample_articles(df, 4))
    ([2, 2], True)
    """
    if limit >= len(articles):
        return articles
    shuffled = articles.sample(frac=1.0, random_state=seed)
    groups = shuffled["section"].fillna("").astype(str)
    order = shuffled.assign(_rank=groups.groupby(groups).cumcount(), _group=groups)
    picked = order.sort_values(["_rank", "_group"], kind="stable").head(limit)
    return articles.loc[sorted(picked.index)].reset_index(drop=True)


def corpus_articles(
    path: str | Path | None = None,
    *,
    limit: int | None = None,
    base: str | Path | None = None,
    seed: int = CORPUS_SEED,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Load the corpus a notebook analyses: ``path``, else env ``TOOLKIT_CORPUS``, else the project's ``data/``.

    ``limit`` (else env ``TOOLKIT_CORPUS_LIMIT``) keeps a random sample of that many articles
    (fixed ``seed``), balanced across sections (sub-folders), so a 200-article slice of a
    topic-foldered corpus covers every topic (:func:`sample_articles`). A relative path is tried from the working directory, then from ``base`` (default:
    the project root), so notebooks run from ``notebooks/`` and the Makefile from the root
    can share one setting. Returns ``(articles, errors)``: the ``errors`` table holds the
    files that could not be loaded (the articles frame carries no ``attrs``, which pandas
    would otherwise try to compare when concatenating batches).

    >>> articles, errors = corpus_articles("data", limit=1)
    >>> len(articles), articles.loc[0, "article_id"], len(errors)
    (1, 'russia-china-drones', 0)
    """
    from .load import load_with_errors

    root = Path(base) if base is not None else Path(__file__).resolve().parents[1]
    raw = path if path is not None else os.environ.get("TOOLKIT_CORPUS") or root / "data"
    where = Path(raw).expanduser()
    if not where.is_absolute() and not where.exists() and (root / where).exists():
        where = root / where
    if not where.exists():
        raise FileNotFoundError(f"corpus {str(raw)!r} not found (looked in {Path.cwd()} and {root})")
    if limit is None and os.environ.get("TOOLKIT_CORPUS_LIMIT"):
        text = os.environ["TOOLKIT_CORPUS_LIMIT"]
        if not text.strip().isdigit():
            raise ValueError(f"TOOLKIT_CORPUS_LIMIT must be a whole number, got {text!r}")
        limit = int(text)
    articles, errors = load_with_errors(where)
    if limit is not None:
        articles = sample_articles(articles, limit, seed=seed)
    return articles, errors


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    >>> main(["strip"])
    0
    """
    parser = argparse.ArgumentParser(prog="python -m toolkit.notebook_tools", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("strip", "remove outputs (except cells tagged keep-output) in place"),
        ("check", "exit 1 if any notebook still has outputs to strip"),
    ):
        cmd = sub.add_parser(name, help=help_text)
        cmd.add_argument("notebooks", nargs="*", help="notebook files (.ipynb)")
    args = parser.parse_args(argv)
    try:
        changed = strip_paths(args.notebooks, write=args.command == "strip")
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    verb = "stripped" if args.command == "strip" else "has outputs to strip"
    for path in changed:
        print(f"{path}: {verb}")
    if args.command == "check" and changed:
        print("run `make strip-notebooks` before committing", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
