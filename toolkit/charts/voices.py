"""Who speaks: claims per speaker or affiliation, and the people quoted by gender.

>>> df = pd.DataFrame({"article_id": ["a"], "claim_id": [0], "content_text": ["x"], "speaker_name": ["Ann Lee"]})
>>> voices(df).to_dict()["width"] == WIDTH
True
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..analysis import Analysis
from ..palette import color_scale
from ..speaker_groups import display_name, group_keys
from ..types import is_unresolved
from .base import (
    NO_AFFILIATION,
    PLAIN_WIDTH,
    WIDTH,
    Data,
    claims_frame,
    class_order,
    count_axis,
    label_axis,
    legend,
    need_analysis,
    title,
)

__all__ = ["voices", "voices_by_gender"]

# Evidence for a gender, strongest first: the article's own words are dark, a first-name guess
# light, nothing grey (colour-blind safe blues from the palette's family).
_BASIS_COLORS = {"honorific": "#08306B", "pronoun": "#2171B5", "first name": "#9ECAE1", "none": "#BDBDBD"}
# Speakers that are one person, whose gender the speakers table may know.
_PERSON_KINDS = ("person", "anonymous", "unknown")


def _by_speaker(claims: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """One group per speaker across articles ("Tony Blair" and "Mr Blair"), as in most_quoted."""
    claims = claims.assign(group=group_keys(claims))
    hidden = int(claims["group"].isna().sum())
    claims = claims[claims["group"].notna()]
    shown = {g: display_name(claims.loc[claims["group"] == g, "source"], g) for g in claims["group"].unique()}
    return claims.assign(source=claims["group"].map(shown)), hidden


def _voice_counts(
    data: Data, article_id: str | None, by: str, top: int, unstated: bool
) -> tuple[pd.DataFrame, pd.Series, list[str], int]:
    """Return the bars (one row per group and source class), totals per group, the groups shown, claims hidden."""
    claims = claims_frame(data, article_id)
    key = "source" if by == "speaker" else "affiliation"
    hidden = 0
    if by == "speaker":
        claims, hidden = _by_speaker(claims)
    if by == "affiliation" and not unstated:
        # Across a corpus most claims have no stated side; that bar would dwarf all the others.
        hidden = int((claims["affiliation"] == NO_AFFILIATION).sum())
        claims = claims[claims["affiliation"] != NO_AFFILIATION]
    agg = claims.groupby([key, "source_class"], as_index=False).agg(
        claims=("claim_id", "size"), kind=("kind", lambda s: ", ".join(sorted(set(s))))
    )
    totals = agg.groupby(key)["claims"].sum().sort_values(ascending=False, kind="stable")
    if by == "speaker":
        # ties broken as in summaries.most_quoted (more articles, then by name), so the chart
        # shows the same speakers as the table above it
        spread = claims.groupby(key)["article_id"].nunique()
        totals = totals[sorted(totals.index, key=lambda k: (-totals[k], -spread[k], str(k)))]
    keep = list(totals.index[:top])
    agg = agg[agg[key].isin(keep)].rename(columns={key: by})
    agg["order"] = agg["source_class"].map(class_order(agg["source_class"]))
    return agg, totals, keep, hidden


def voices(
    data: Data,
    *,
    article_id: str | None = None,
    by: str = "speaker",
    top: int = 25,
    unstated: bool = True,
) -> alt.Chart:
    """Bar chart of claims per speaker (or per affiliation), coloured by source class.

    >>> df = pd.DataFrame({"article_id": ["a", "a"], "claim_id": [0, 1], "content_text": ["x", "y"],
    ...                    "speaker_name": ["Ann Lee", "Ann Lee"], "speaker_kind": ["person", "person"]})
    >>> voices(df).to_dict()["encoding"]["color"]["field"]
    'source_class'
    """
    if by not in ("speaker", "affiliation"):
        raise ValueError(f"voices: by must be 'speaker' or 'affiliation', not {by!r}")
    agg, totals, keep, hidden = _voice_counts(data, article_id, by, top, unstated)
    dropped = len(totals) - len(keep)
    sub = f"{int(totals.sum())} claims; {len(totals)} {'speakers' if by == 'speaker' else 'affiliations'}"
    if dropped:
        sub += f" ({dropped} with fewer claims not shown)"
    if hidden:
        what = "without a stated affiliation" if by == "affiliation" else "by a speaker the article never names (\"unresolved: he\")"
        sub += f"; {hidden} claims {what} not shown"
    label = "Speaker" if by == "speaker" else "Affiliation of the speaker"
    return (
        alt.Chart(agg[[by, "source_class", "kind", "claims", "order"]], title=title(f"Who speaks: claims per {by}", sub))
        .mark_bar()
        .encode(
            x=alt.X("claims:Q", title="Claims", axis=count_axis(totals.max() if len(totals) else 0)),
            y=alt.Y(f"{by}:N", title=label, sort=keep, axis=label_axis()),
            color=alt.Color(
                "source_class:N", title="Source", scale=color_scale("source_class", agg["source_class"]), legend=legend()
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip(f"{by}:N", title=label),
                alt.Tooltip("source_class:N", title="Source"),
                alt.Tooltip("kind:N", title="Kind"),
                alt.Tooltip("claims:Q", title="Claims"),
            ],
        )
        .properties(width=WIDTH, height=alt.Step(20))
    )


def voices_by_gender(data: Analysis, *, by: str | None = None) -> alt.Chart:
    """Bar chart of the people quoted, by gender, stacked by the evidence for it.

    One count per speaker per article (a voice), person speakers only — organisations,
    countries and documents have no gender.  Bars show how much rests on the article's own words
    (pronouns, honorifics, gendered nouns) and how much on a first-name guess; ``by`` (a column of
    ``articles`` such as "section" or "outlet") gives one row of bars per group.

    >>> sp = pd.DataFrame({"article_id": ["a", "a"], "speaker_id": [0, 1], "name": ["Ann Lee", "Acme"],
    ...                    "kind": ["person", "organization"], "named": [True, True],
    ...                    "gender": ["female", "unknown"], "gender_basis": ["pronoun", "none"]})
    >>> voices_by_gender(Analysis({"speakers": sp})).to_dict()["encoding"]["color"]["field"]
    'gender_basis'
    """
    analysis = need_analysis(data, "voices_by_gender")
    sp = analysis.speakers
    sp = sp[sp["kind"].isin(_PERSON_KINDS) & ~sp["name"].map(is_unresolved).astype(bool)]
    sp = sp[(sp["kind"] == "person") | (sp["gender"] != "unknown")]  # an unnamed group is not a voice
    group = "group"
    if by is not None:
        labels = analysis.articles.set_index("article_id")[by].astype("string").fillna("(none)")
        sp = sp.assign(group=sp["article_id"].map(labels).fillna("(none)"))
    else:
        sp = sp.assign(group="all articles")
    agg = sp.groupby([group, "gender", "gender_basis"], as_index=False).size().rename(columns={"size": "voices"})
    known = sp[sp["gender"] != "unknown"]
    female = (known["gender"] == "female").mean() if len(known) else float("nan")
    sub = f"{len(sp)} people quoted; {len(known)} with a gender"
    if len(known):
        sub += f", {female:.0%} of them women"
    by_article = int(known["gender_basis"].isin(["pronoun", "honorific"]).sum())
    sub += f" ({by_article} from the article's own words)"
    basis = [b for b in _BASIS_COLORS if b in set(agg["gender_basis"])] or list(_BASIS_COLORS)
    most = agg.groupby([group, "gender"])["voices"].sum().max() if len(agg) else 0
    chart = (
        alt.Chart(agg, title=title("Voices by gender", sub))
        .mark_bar()
        .encode(
            x=alt.X("voices:Q", title="People quoted", axis=count_axis(most)),
            y=alt.Y("gender:N", title="Gender", sort=["female", "male", "unknown"]),
            color=alt.Color("gender_basis:N", title="Evidence", sort=basis, legend=legend(),
                            scale=alt.Scale(domain=basis, range=[_BASIS_COLORS[b] for b in basis])),
            order=alt.Order("gender_basis:N"),
            tooltip=[alt.Tooltip("gender:N", title="Gender"), alt.Tooltip("gender_basis:N", title="Evidence"),
                     alt.Tooltip("voices:Q", title="People quoted")],
        )
        .properties(width=PLAIN_WIDTH, height=alt.Step(22))
    )
    if by is not None:
        chart = chart.encode(row=alt.Row(f"{group}:N", title=by))
    return chart
