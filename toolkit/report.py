"""Report stage: a standalone HTML report of an analysis (placeholder until the charts land)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from .analysis import Analysis

__all__ = ["write_report"]


def write_report(analysis: Analysis, path: str | Path, *, png_dir: str | Path | None = None) -> Path:
    """Write a self-contained HTML report and return its path."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    from .cli import summary

    out.write_text(f"<!doctype html><meta charset='utf-8'><pre>{escape(summary(analysis))}</pre>", encoding="utf-8")
    return out
