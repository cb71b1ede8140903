"""HTML pieces of the report: source swatches, headline figures, slugs.

Tables, severity badges, check details and the scorecard come from :mod:`toolkit.present`,
the one renderer of people-facing tables.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from ..palette import LIGHT_GREY, SOURCE_CLASS_COLORS

__all__ = ["fig", "pct", "slug", "swatch"]

# Slugs name PNG files: long article ids would exceed file-name limits.
_SLUG_MAX = 60


def swatch(klass: str) -> str:
    """Return a source class with its colour swatch.

    >>> swatch("anonymous")
    '<span class="nc-sw" style="background:#D55E00"></span>anonymous'
    """
    colour = SOURCE_CLASS_COLORS.get(klass, LIGHT_GREY)
    return f'<span class="nc-sw" style="background:{colour}"></span>{escape(klass)}'


def fig(value: Any, label: str) -> str:
    """Return one headline figure of the summary.

    >>> fig(3, "articles")
    '<div class="nc-fig"><b>3</b><span>articles</span></div>'
    """
    return f'<div class="nc-fig"><b>{escape(str(value))}</b><span>{escape(label)}</span></div>'


def pct(part: int, whole: int) -> str:
    """Return ``part`` as a whole percentage of ``whole`` (a dash when there is no whole).

    >>> pct(1, 3), pct(0, 0)
    ('33%', '–')
    """
    return f"{part / whole:.0%}" if whole else "–"


def slug(text: str) -> str:
    """Return ``text`` made safe for a file name or an HTML id.

    >>> slug("bbc/2024 story.txt")
    'bbc-2024-story-txt'
    """
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-")[:_SLUG_MAX] or "x"
