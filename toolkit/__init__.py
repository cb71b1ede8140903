"""newsclaims toolkit: who claims what in news articles, how strongly, on whose authority.

>>> import toolkit
>>> a = toolkit.analyze("Not true, says Russia\\nMoscow denied the report.")
>>> sorted(a.tables)[:2]
['articles', 'checks']
"""

from .analysis import Analysis, analyze
from .load import LoadError, load_articles
from .nlp import load_model
from .types import SCHEMAS, TABLES

__all__ = ["SCHEMAS", "TABLES", "Analysis", "LoadError", "analyze", "load_articles", "load_model"]
__version__ = "0.1.0"
