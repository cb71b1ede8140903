"""Every string a person reads about an analysis, gathered in one place to measure how readable it is.

Shared by tests/test_readability.py and benchmarks/readability.py.  A :class:`Shown` string is
one explanation, finding or feedback line with where it came from and the article text it may
quote (to tell a word-boundary cut from a mid-word one).

Kinds measured for reading grade: ``check`` (checks.explanation, the scorecard's explanation
column), ``claim`` (claims.explanations), ``finding`` (compare findings), ``summary`` (chart
titles of toolkit.summaries) and ``why`` (the exercise feedback, toolkit.widgets.answers).
``detail`` (the scorecard's evidence lists: article sentences and excerpts) is checked for cuts
and quote marks only: it is the reporter's prose, not ours.  Check labels are headings, not
sentences, so Flesch-Kincaid says nothing about them and they are left out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import textstat

from toolkit.analysis import Analysis
from toolkit.comparison import compare
from toolkit.summaries import denial_network
from toolkit.widgets.answers import QUESTIONS, answer_key, why

__all__ = ["GRADED", "Shown", "collect", "detail_items", "double_quoted", "grade", "mid_word_cuts"]

GRADED = ("check", "claim", "finding", "summary", "why")
# Two double quotation marks side by side: one quote directly inside another (“"by the back door"”).
_DOUBLE = re.compile(r"[“”\"«»„]\s*[“”\"«»„]")
# A cut: up to three words and the partial word just before an ellipsis.
_CUT = re.compile(r"((?:[\w’'-]+[ ,;:]+){0,3}[\w’'-]+)…")


@dataclass(frozen=True)
class Shown:
    """One string a person reads: its kind, where it came from, the article text it may quote."""

    kind: str
    where: str
    text: str
    source: str = ""


def grade(text: str) -> float:
    """Return the Flesch-Kincaid grade of ``text`` (textstat)."""
    return float(textstat.flesch_kincaid_grade(text))


def double_quoted(text: str) -> bool:
    """Tell whether a quotation mark sits directly inside another one."""
    return bool(_DOUBLE.search(text))


def mid_word_cuts(text: str, source: str) -> list[str]:
    """Return the cuts ("partn…") in ``text`` whose last word continues in ``source`` at every occurrence."""
    flat = " ".join(source.split())
    bad = []
    for m in _CUT.finditer(text):
        piece = m.group(1)
        where = [i + len(piece) for i in _find_all(flat, piece)]
        if where and all(i < len(flat) and flat[i].isalnum() for i in where):
            bad.append(piece + "…")
    return bad


def _find_all(text: str, piece: str) -> Iterator[int]:
    i = text.find(piece)
    while i >= 0:
        yield i
        i = text.find(piece, i + 1)


def detail_items(detail: object) -> list[str]:
    """The items of a check's detail (a JSON list, or one plain string)."""
    if not isinstance(detail, str) or not detail:
        return []
    try:
        value = json.loads(detail)
    except ValueError:
        return [detail]
    if isinstance(value, list):
        return [str(v) for v in value]
    return []


def from_analysis(analysis: Analysis) -> list[Shown]:
    """Every check explanation, detail item, claim explanation and exercise feedback of an analysis."""
    out: list[Shown] = []
    texts = dict(zip(analysis.articles["article_id"].astype(str), analysis.articles["text"], strict=True))
    for row in analysis.checks.itertuples():
        aid = str(row.article_id)
        out.append(Shown("check", f"{aid}:{row.check}", str(row.explanation), texts[aid]))
        out += [Shown("detail", f"{aid}:{row.check}", item, texts[aid]) for item in detail_items(row.detail)]
    for row in analysis.claims.itertuples():
        aid = str(row.article_id)
        out += [Shown("claim", f"{aid}:claim {row.claim_id}", str(t), texts[aid]) for t in row.explanations]
    for aid, text in texts.items():
        key = answer_key(analysis, aid)
        for rec in key.to_dict("records"):
            out += [Shown("why", f"{aid}:claim {rec['claim_id']}:{q}", why(q, rec), text) for q in QUESTIONS]
    return out


def from_comparisons(analysis: Analysis, pairs: Iterable[Sequence[str]]) -> list[Shown]:
    """The findings of comparing each pair of articles (sides labelled "Outlet A" and "Outlet B")."""
    texts = dict(zip(analysis.articles["article_id"].astype(str), analysis.articles["text"], strict=True))
    out = []
    for a, b in pairs:
        comp = compare(analysis, [a, b], labels=["Outlet A", "Outlet B"])
        out += [Shown("finding", f"{a} vs {b}", f, texts[a] + "\n" + texts[b]) for f in comp.findings]
    return out


def from_summaries(analysis: Analysis) -> list[Shown]:
    """The title and subtitle of the corpus denial network."""
    title = denial_network(analysis).to_dict()["title"]
    return [Shown("summary", "denial_network", str(t)) for t in (title["text"], title["subtitle"])]


def collect(analysis: Analysis, pairs: Iterable[Sequence[str]] = ()) -> list[Shown]:
    """All of the above for one analysis and the given article pairs to compare."""
    return from_analysis(analysis) + from_comparisons(analysis, pairs) + from_summaries(analysis)
