"""``compare``: one story in two or more articles (or groups of articles), side by side."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

import pandas as pd

from ..analysis import Analysis
from .findings import Tables, findings
from .sides import claims_by_side, group_sides, id_sides
from .tables import (
    denials_table,
    headline_table,
    match_table,
    only_in_table,
    sourcing_table,
    speaker_table,
    wording_table,
)

__all__ = ["Comparison", "compare"]


@dataclass(frozen=True)
class Comparison:
    """What two or more sides share and where they differ; every table is a DataFrame.

    ``sides`` maps each side's label to its article ids.  ``matches`` holds one row per matched
    pair of claims (``match`` numbers them from 1, the same number on every side), ``only_in`` the
    claims no other side reports, ``speakers`` who speaks in all / some / one side, ``sourcing``
    the source-class mix, ``wording`` hedges and loaded words, ``denials`` each side's denials and
    ``headlines`` the headline differences.  ``findings`` says it all in plain sentences.
    """

    analysis: Analysis = field(repr=False)
    sides: dict[str, tuple[str, ...]]
    claims: pd.DataFrame = field(repr=False)
    matches: pd.DataFrame = field(repr=False)
    only_in: pd.DataFrame = field(repr=False)
    speakers: pd.DataFrame = field(repr=False)
    sourcing: pd.DataFrame = field(repr=False)
    wording: pd.DataFrame = field(repr=False)
    denials: pd.DataFrame = field(repr=False)
    headlines: pd.DataFrame = field(repr=False)
    findings: tuple[str, ...] = ()

    @property
    def labels(self) -> list[str]:
        """The side labels, in order."""
        return list(self.sides)

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{escape(f)}</li>" for f in self.findings)
        return f'<ul class="toolkit-findings">{items}</ul>'


def _labelled(sides: dict[str, tuple[str, ...]], labels: Sequence[str] | None) -> dict[str, tuple[str, ...]]:
    if labels is None:
        return sides
    names = [str(x) for x in labels]
    if len(names) != len(sides) or len(set(names)) != len(names):
        raise ValueError(f"labels= needs {len(sides)} different names, got {names}")
    return dict(zip(names, sides.values(), strict=True))


def compare(
    analysis: Analysis,
    article_ids: Sequence[str] | None = None,
    *,
    group_by: str | None = None,
    labels: Sequence[str] | None = None,
    threshold: float | None = None,
) -> Comparison:
    """Compare how two or more articles (or groups of articles, ``group_by="outlet"``) report one story.

    Claims are matched one-to-one per pair of sides on their content, the names they share and
    their speaker (see :mod:`toolkit.comparison.matching`; ``threshold=None`` is the tuned one for
    the evidence in use, with or without sentence embeddings).  ``labels`` names the sides
    ("Outlet A", "Outlet B"); by default they are the outlets, else the headlines, else the ids.

    >>> import toolkit
    >>> a = toolkit.analyze(["Rain\\nOfficials said it will rain in Rome on Monday.",
    ...                      "Storm\\nThe mayor said it will rain in Rome on Monday."], progress=False)
    >>> c = compare(a, list(a.articles["article_id"]), labels=["A", "B"])
    >>> len(c.matches), c.findings[0]
    (1, 'A and B report 1 claim in common.')
    """
    if (article_ids is None) == (group_by is None):
        raise ValueError("compare needs either article_ids (two or more) or group_by= (an articles column)")
    sides = group_sides(analysis, group_by) if group_by is not None else id_sides(analysis, article_ids or [])
    sides = _labelled(sides, labels)
    order = list(sides)
    claims = claims_by_side(analysis, sides)
    matches = match_table(claims, order, threshold=threshold)
    only_in = only_in_table(claims, matches)
    tables = Tables(
        claims=claims,
        matches=matches,
        only_in=only_in,
        speakers=speaker_table(claims, order),
        sourcing=sourcing_table(claims, order),
        wording=wording_table(analysis, sides),
        denials=denials_table(analysis, claims, matches),
        headlines=headline_table(analysis, claims, matches, sides),
    )
    return Comparison(
        analysis=analysis,
        sides=sides,
        findings=tuple(findings(tables, order)),
        **{f: getattr(tables, f) for f in Tables.__dataclass_fields__},
    )
