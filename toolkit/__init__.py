"""newsclaims toolkit: who claims what in news articles, how strongly, on whose authority.

>>> import toolkit
>>> a = toolkit.analyze("Not true, says Russia\\nMoscow denied the report.")
>>> sorted(a.tables)[:2]
['articles', 'checks']
"""

from __future__ import annotations

import importlib
from typing import Any

# Load on first use: the analysis needs spaCy and the presentation layer altair and ipywidgets,
# a student's classroom session (a saved lesson) must start without either of them, and the
# classroom's front door (toolkit.serve, standard library only) without even pandas.
_LAZY = {
    "Analysis": "toolkit.analysis",
    "SCHEMAS": "toolkit.types",
    "TABLES": "toolkit.types",
    "analyze": "toolkit.corpus",
    "open_store": "toolkit.corpus",
    "query": "toolkit.corpus",
    "scorecard": "toolkit.literacy",
    "FetchError": "toolkit.load",
    "InputNotFoundError": "toolkit.load",
    "LoadError": "toolkit.load",
    "load_articles": "toolkit.load",
    "load_model": "toolkit.nlp",
    "highlight": "toolkit.highlighter",
    "write_report": "toolkit.report",
    "explorer": "toolkit.widgets",
    "exercise": "toolkit.widgets",
    "student_app": "toolkit.widgets",
    "teacher_app": "toolkit.widgets",
    "save_lesson": "toolkit.widgets",
    "load_lesson": "toolkit.widgets",
    "charts": "toolkit.charts",
    "compare": "toolkit.comparison",
    "Comparison": "toolkit.comparison",
}

__all__ = [
    "SCHEMAS",
    "TABLES",
    "Analysis",
    "Comparison",
    "FetchError",
    "InputNotFoundError",
    "LoadError",
    "analyze",
    "charts",
    "compare",
    "exercise",
    "explorer",
    "highlight",
    "load_articles",
    "load_lesson",
    "load_model",
    "open_store",
    "query",
    "save_lesson",
    "scorecard",
    "student_app",
    "teacher_app",
    "write_report",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module = importlib.import_module(_LAZY[name])
        return module if module.__name__.endswith("." + name) else getattr(module, name)
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
