"""Compare coverage: how two or more outlets report the same story.

``compare(analysis, article_ids)`` (or ``group_by="outlet"``) returns a :class:`Comparison`:
matched claims, claims only in one side, speakers in all / some / one side, the sourcing mix,
hedges and loaded words, denials, headline differences, and plain-language findings.  Charts are
in :mod:`toolkit.comparison.charts`, the side-by-side view in :mod:`toolkit.comparison.view` and
the notebook app in :mod:`toolkit.comparison.widgets`.

>>> from toolkit.comparison import compare, Comparison
>>> compare.__name__
'compare'
"""

from __future__ import annotations

from .core import Comparison, compare
from .findings import reading_grade
from .matching import MATCH_THRESHOLD

__all__ = ["MATCH_THRESHOLD", "Comparison", "compare", "reading_grade"]
