"""Charts stage: Altair charts of an analysis; each returns an ``alt.Chart`` and never displays it.

Every function takes an :class:`~toolkit.analysis.Analysis` (or, where only claims are needed,
a ``claims`` DataFrame), aggregates in pandas, and hands Altair only the few columns the chart
draws.  Colours come from :mod:`toolkit.palette`, so a category looks the same in every chart.
Every chart is at most ``TOTAL_WIDTH`` px wide, labels and legend included, so it fits a
notebook from a 1024 px window up; the report makes them follow their card (``responsive``),
and :func:`fit` gives a chart shown on its own any fixed width (the explorer's pane).

The package: :mod:`.base` (the claims frame, groups, axes, sizing), :mod:`.voices`,
:mod:`.article` (claim map, cue verbs, hedges), :mod:`.corpus` (sourcing mix, anonymity,
the chart sets a report shows).

>>> import toolkit.charts as charts
>>> sorted(charts.article_charts(Analysis(), "none"))
[]
"""

from __future__ import annotations

from ..analysis import Analysis
from ..palette import NO_SOURCE
from ..speaker_groups import display_name, group_keys, speaker_key, speaker_keys
from .article import claim_map, cue_verbs, hedges_per_paragraph
from .base import NO_AFFILIATION, TOTAL_WIDTH, WIDTH, claims_frame, fit, responsive, subset
from .corpus import anonymity_share, article_charts, corpus_charts, corpus_views, sourcing_mix
from .voices import voices, voices_by_gender

__all__ = [
    "NO_AFFILIATION",
    "NO_SOURCE",
    "TOTAL_WIDTH",
    "WIDTH",
    "Analysis",
    "anonymity_share",
    "article_charts",
    "claim_map",
    "claims_frame",
    "corpus_charts",
    "corpus_views",
    "cue_verbs",
    "display_name",
    "fit",
    "group_keys",
    "hedges_per_paragraph",
    "responsive",
    "sourcing_mix",
    "speaker_key",
    "speaker_keys",
    "subset",
    "voices",
    "voices_by_gender",
]
