"""Check stage: media-literacy markers, claim links, article checks and the scorecard.

``annotate`` runs per article inside :func:`toolkit.analyze`; ``scorecard`` turns the ``checks``
of one article into a table for a notebook; ``is_uncertain`` is the sentence hedge detector.
"""

from __future__ import annotations

from .annotate import annotate
from .checks import CHECK_SECTIONS, claim_source_class
from .hedging import find_hedges, is_uncertain
from .scorecard import scorecard
from .stance import cue_stance

__all__ = [
    "CHECK_SECTIONS",
    "annotate",
    "claim_source_class",
    "cue_stance",
    "find_hedges",
    "is_uncertain",
    "scorecard",
]
