"""Colours: the one palette every chart, the highlighter and the report share.

Built on the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"), which stays
distinguishable under the common forms of colour blindness.  Each category keeps the same
colour everywhere: "anonymous" is vermillion in the voices chart, the sourcing mix, the corpus
views and the report legend alike.  Charts also encode the category in text (axis labels,
tooltips, shapes), so colour is never the only cue.

A *source class* groups the speaker kinds of the ``speakers`` table into what a reader cares
about: a named person, a named institution (organisation, country, government), a document, an
anonymous or vague source, or no source at all ("agentless").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import altair as alt

from .types import AGENTLESS, CUE_STANCES, SEVERITIES, SOURCE_CLASSES, STANCES, SourceClass

__all__ = [
    "CUE_STANCE_COLORS",
    "HIGHLIGHT_COLORS",
    "NO_SOURCE",
    "OKABE_ITO",
    "SEVERITY_COLORS",
    "SOURCE_CLASS_COLORS",
    "SOURCE_CLASS_LABELS",
    "STANCE_COLORS",
    "STANCE_SHAPES",
    "UNCLASSIFIED",
    "color_scale",
    "domain_colors",
]

OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
GREY = "#8C8C8C"
LIGHT_GREY = "#C8C8C8"
_O = OKABE_ITO

# Order = legend and stacking order: identified sources first, the weakest sourcing last.
SOURCE_CLASS_COLORS: dict[str, str] = dict(
    zip(
        SOURCE_CLASSES,
        (_O["blue"], _O["sky_blue"], _O["bluish_green"], _O["vermillion"], _O["orange"], _O["reddish_purple"], GREY),
        strict=True,
    )
)

# What a reader sees for each source class (legends, answer choices, the speaker of a claim
# nobody stands behind). The class names read as plain English except "agentless", a
# linguists' word that students should not have to learn.
SOURCE_CLASS_LABELS: dict[SourceClass, str] = {c: c for c in SOURCE_CLASSES} | {AGENTLESS: "no source given"}
# The name shown as the "speaker" of an agentless claim, in charts and in the exercise alike.
NO_SOURCE: str = SOURCE_CLASS_LABELS[AGENTLESS]

# Colours and shapes below follow the order of their vocabulary in toolkit.types (zip is strict,
# so a value added there without a colour here fails at import).
# assert, deny, accuse, warn, question, other
STANCE_COLORS: dict[str, str] = dict(
    zip(STANCES, (_O["blue"], _O["vermillion"], _O["reddish_purple"], _O["orange"], _O["sky_blue"], GREY), strict=True)
)
# A second channel for the claim map, so stance survives greyscale printing too.
STANCE_SHAPES: dict[str, str] = dict(
    zip(STANCES, ("circle", "cross", "triangle-up", "diamond", "square", "triangle-down"), strict=True)
)

# The cue stance shown for claims whose cue has none (charts.cue_verbs), in light grey.
UNCLASSIFIED = "unclassified"
# neutral, endorsing, doubting, guilt, denial, accusation, belief; denial and accusation reuse
# the colours of the claim stances "deny" and "accuse".
CUE_STANCE_COLORS: dict[str, str] = dict(
    zip(
        CUE_STANCES,
        (GREY, _O["bluish_green"], _O["orange"], _O["blue"], _O["vermillion"], _O["reddish_purple"], _O["sky_blue"]),
        strict=True,
    )
) | {UNCLASSIFIED: LIGHT_GREY}

# info, notice, warning
SEVERITY_COLORS: dict[str, str] = dict(zip(SEVERITIES, (_O["blue"], _O["orange"], _O["vermillion"]), strict=True))

# Highlighter span types: (border colour, background tint).  Tints are light enough for black
# text (contrast > 12:1); the borders differ in style too (see toolkit.highlight).
HIGHLIGHT_COLORS: dict[str, tuple[str, str]] = {
    "content": (_O["bluish_green"], "#E3F4EE"),
    "speaker": (_O["blue"], "#D4E6F3"),
    "cue": (_O["orange"], "#FBE8C2"),
    "hedge": (_O["reddish_purple"], "#F6E1ED"),
    "doubt": (_O["vermillion"], "#FADBC8"),
    "loaded": (_O["black"], "#EDEDED"),
    "anonymity_reason": (_O["sky_blue"], "#E1F1FB"),
}

_DOMAINS: dict[str, dict[str, str]] = {
    "source_class": SOURCE_CLASS_COLORS,
    "stance": STANCE_COLORS,
    "cue_stance": CUE_STANCE_COLORS,
    "severity": SEVERITY_COLORS,
}


def domain_colors(domain: str, values: Iterable[Any] | None = None) -> tuple[list[str], list[str]]:
    """Return ``(domain, range)`` for a named category domain, in the palette's order.

    With ``values``, only the categories present are kept (so legends stay short) while each
    keeps its fixed colour; values the palette does not know come last, in grey.

    >>> domain_colors("stance", ["deny", "assert"])
    (['assert', 'deny'], ['#0072B2', '#D55E00'])
    """
    if domain not in _DOMAINS:
        raise KeyError(f"unknown colour domain {domain!r}; expected one of {', '.join(_DOMAINS)}")
    colors = _DOMAINS[domain]
    if values is None:
        return list(colors), list(colors.values())
    present = {v for v in values if isinstance(v, str)}
    known = [k for k in colors if k in present]
    extra = sorted(present - set(colors))
    return known + extra, [colors[k] for k in known] + [LIGHT_GREY] * len(extra)


def color_scale(domain: str, values: Iterable[Any] | None = None) -> alt.Scale:
    """Return an Altair colour scale with the palette's fixed mapping for ``domain``.

    >>> color_scale("source_class", ["anonymous"]).to_dict()
    {'domain': ['anonymous'], 'range': ['#D55E00']}
    """
    dom, rng = domain_colors(domain, values)
    return alt.Scale(domain=dom, range=rng)
