"""Charts stage: Altair charts of an analysis; each returns an ``alt.Chart`` and never displays it.

Every function takes an :class:`~toolkit.analysis.Analysis` (or, where only claims are needed,
a ``claims`` DataFrame), aggregates in pandas, and hands Altair only the few columns the chart
draws.  Colours come from :mod:`toolkit.palette`, so a category looks the same in every chart.

>>> import toolkit.charts as charts
>>> sorted(charts.article_charts(Analysis(), "none"))
[]
"""

from __future__ import annotations

from typing import Any, TypeAlias

import altair as alt
import pandas as pd

from .analysis import Analysis
from .palette import (
    HIGHLIGHT_COLORS,
    NO_SOURCE,
    SOURCE_CLASS_COLORS,
    STANCE_SHAPES,
    color_scale,
)
from .speaker_groups import display_name, group_keys, speaker_key, speaker_keys
from .types import AGENTLESS, SourceClass, conform, source_class

__all__ = [
    "anonymity_share",
    "article_charts",
    "claim_map",
    "claims_frame",
    "corpus_charts",
    "corpus_views",
    "cue_verbs",
    "display_name",
    "group_keys",
    "hedges_per_paragraph",
    "sourcing_mix",
    "speaker_key",
    "speaker_keys",
    "subset",
    "voices",
    "voices_by_gender",
]

Data: TypeAlias = Analysis | pd.DataFrame

NO_AFFILIATION = "(none stated)"
WIDTH = 560
_TIP_CHARS = 280
# The classes a reader cannot check: nobody identifiable stands behind the claim.
_WEAK: tuple[SourceClass, ...] = ("anonymous", "vague", AGENTLESS)


# ---------------------------------------------------------------- data helpers


def _str(value: Any) -> str | None:
    """Return ``value`` as a stripped string, or None for nulls and blanks."""
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return None
    text = str(value).strip()
    return text or None


def _clip(text: Any, n: int = _TIP_CHARS) -> str:
    s = _str(text) or ""
    return s if len(s) <= n else s[: n - 1].rstrip() + "…"


def _join(items: Any) -> str:
    if items is None or isinstance(items, str):
        return items or ""
    return ", ".join(str(i) for i in items)


def _analysis(data: Data, what: str) -> Analysis:
    if isinstance(data, Analysis):
        return data
    raise TypeError(f"{what} needs an Analysis (it reads several tables), got {type(data).__name__}")


def claims_frame(data: Data, article_id: str | None = None) -> pd.DataFrame:
    """Return the claims (of one article, or all) with a display ``source`` and ``source_class``.

    Speaker names and kinds missing from ``claims`` are filled from ``speakers``; claims
    without a speaker get the source class "agentless".

    >>> df = pd.DataFrame({"article_id": ["a"], "claim_id": [0], "content_text": ["x"], "agentless": [True]})
    >>> claims_frame(df)[["source", "source_class"]].values.tolist()
    [['no source given', 'agentless']]
    """
    if isinstance(data, Analysis):
        claims, speakers = data.claims, data.speakers
    else:
        claims, speakers = conform(data, "claims"), None
    if article_id is not None:
        claims = claims[claims["article_id"] == article_id]
        if speakers is not None:
            speakers = speakers[speakers["article_id"] == article_id]
    claims = claims.copy()
    names: dict[tuple[str, int], dict[str, Any]] = {}
    if speakers is not None and len(speakers):
        for row in speakers.to_dict("records"):
            names[(str(row["article_id"]), int(row["speaker_id"]))] = row
    # A speakers table written before `resolved` was filled reads all-False: then nothing is known
    # to be unresolved.
    filled = speakers is not None and "resolved" in speakers and bool(speakers["resolved"].any())
    source, kind, klass, affiliation, keys, resolved = [], [], [], [], [], []
    for row in claims.to_dict("records"):
        sid = row.get("speaker_id")
        spk = names.get((str(row["article_id"]), int(sid))) if _str(sid) is not None else None
        name = _str(row.get("speaker_name")) or (_str(spk["name"]) if spk else None) or _str(row.get("speaker_text"))
        k = _str(row.get("speaker_kind")) or (_str(spk["kind"]) if spk else None)
        agentless = bool(row.get("agentless")) or k == AGENTLESS or (name is None and k is None and _str(sid) is None)
        if agentless:
            name, k = NO_SOURCE, AGENTLESS
        source.append(name or "(unnamed)")
        kind.append(k or "unknown")
        given = _str(row.get("source_class"))  # set by the literacy layer, which knows `named`
        klass.append(given or source_class(k, anonymous=bool(row.get("anonymous")), agentless=agentless))
        affiliation.append((_str(spk.get("affiliation")) if spk else None) or NO_AFFILIATION)
        keys.append(_str(spk.get("speaker_key")) if spk else None)
        resolved.append(agentless or not (filled and spk is not None and spk.get("resolved") is False))
    claims["source"] = source
    claims["kind"] = kind
    claims["source_class"] = klass
    claims["affiliation"] = affiliation
    claims["speaker_key"] = pd.Series(keys, index=claims.index, dtype="object")
    claims["resolved"] = pd.Series(resolved, index=claims.index, dtype=bool)
    return claims


def _class_order(values: Any) -> dict[str, int]:
    order = list(SOURCE_CLASS_COLORS)
    return {v: order.index(v) if v in order else len(order) for v in values}


def _count_axis(max_value: Any, *, dense: int = 12, **kw: Any) -> alt.Axis:
    """Return an axis for counts with whole-number ticks only (Vega would otherwise tick 0.5 claims)."""
    top = int(max_value) if max_value is not None and not pd.isna(max_value) else 0
    if top <= dense:
        return alt.Axis(values=list(range(0, top + 1)), format="d", **kw)
    return alt.Axis(format="d", tickMinStep=1, **kw)


def _title(text: str, subtitle: str | list[str] | None = None) -> alt.TitleParams:
    return alt.TitleParams(text, subtitle=subtitle or "", anchor="start")


def _single_article(analysis: Analysis | pd.DataFrame, article_id: str | None, what: str) -> str:
    ids = analysis["article_id"] if isinstance(analysis, pd.DataFrame) else analysis.articles["article_id"]
    if article_id is not None:
        return article_id
    unique = pd.unique(ids.dropna())
    if len(unique) == 1:
        return str(unique[0])
    raise ValueError(
        f"{what} shows one article; pass article_id= (this data holds {len(unique)} articles)"
    )


# ---------------------------------------------------------------- per-article / corpus charts


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
    claims = claims_frame(data, article_id)
    key = "source" if by == "speaker" else "affiliation"
    hidden = 0
    if by == "speaker":
        # one bar per speaker across articles ("Tony Blair" and "Mr Blair"), as in most_quoted
        claims = claims.assign(group=group_keys(claims))
        hidden = int(claims["group"].isna().sum())
        claims = claims[claims["group"].notna()]
        shown = {g: display_name(claims.loc[claims["group"] == g, "source"], g) for g in claims["group"].unique()}
        claims = claims.assign(source=claims["group"].map(shown))
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
        order = sorted(totals.index, key=lambda k: (-totals[k], -spread[k], str(k)))
        totals = totals[order]
    keep = list(totals.index[:top])
    agg = agg[agg[key].isin(keep)].rename(columns={key: by})
    agg["order"] = agg["source_class"].map(_class_order(agg["source_class"]))
    dropped = len(totals) - len(keep)
    sub = f"{int(totals.sum())} claims; {len(totals)} {'speakers' if by == 'speaker' else 'affiliations'}"
    if dropped:
        sub += f" ({dropped} with fewer claims not shown)"
    if hidden:
        what = "without a stated affiliation" if by == "affiliation" else "by a speaker the article never names (\"unresolved: he\")"
        sub += f"; {hidden} claims {what} not shown"
    label = "Speaker" if by == "speaker" else "Affiliation of the speaker"
    return (
        alt.Chart(agg[[by, "source_class", "kind", "claims", "order"]], title=_title(f"Who speaks: claims per {by}", sub))
        .mark_bar()
        .encode(
            x=alt.X("claims:Q", title="Claims", axis=_count_axis(totals.max() if len(totals) else 0)),
            y=alt.Y(f"{by}:N", title=label, sort=keep, axis=alt.Axis(labelLimit=260)),
            color=alt.Color(
                "source_class:N", title="Source", scale=color_scale("source_class", agg["source_class"])
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


# Evidence for a gender, strongest first: the article's own words are dark, a first-name guess
# light, nothing grey (colour-blind safe blues from the palette's family).
_BASIS_COLORS = {"honorific": "#08306B", "pronoun": "#2171B5", "first name": "#9ECAE1", "none": "#BDBDBD"}
# Speakers that are one person, whose gender the speakers table may know.
_PERSON_KINDS = ("person", "anonymous", "unknown")


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
    analysis = _analysis(data, "voices_by_gender")
    sp = analysis.speakers
    sp = sp[sp["kind"].isin(_PERSON_KINDS) & ~sp["name"].astype(str).str.startswith("unresolved")]
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
    chart = (
        alt.Chart(agg, title=_title("Voices by gender", sub))
        .mark_bar()
        .encode(
            x=alt.X("voices:Q", title="People quoted", axis=_count_axis(agg.groupby([group, "gender"])["voices"].sum().max() if len(agg) else 0)),
            y=alt.Y("gender:N", title="Gender", sort=["female", "male", "unknown"]),
            color=alt.Color("gender_basis:N", title="Evidence", sort=basis,
                            scale=alt.Scale(domain=basis, range=[_BASIS_COLORS[b] for b in basis])),
            order=alt.Order("gender_basis:N"),
            tooltip=[alt.Tooltip("gender:N", title="Gender"), alt.Tooltip("gender_basis:N", title="Evidence"),
                     alt.Tooltip("voices:Q", title="People quoted")],
        )
        .properties(width="container", height=alt.Step(22))
    )
    if by is not None:
        chart = chart.encode(row=alt.Row(f"{group}:N", title=by))
    return chart


def _group_labels(analysis: Analysis, by: str) -> tuple[pd.Series, str]:
    """Map article_id -> group label for ``by`` (an articles column, 'article', 'month' or 'topic')."""
    arts = analysis.articles
    if by == "article":
        titles = [(_str(t) or aid) for aid, t in zip(arts["article_id"], arts["title"], strict=True)]
        dup = {t for t in titles if titles.count(t) > 1}
        labels = [
            (_clip(t, 70) + (f" [{aid}]" if t in dup else ""))
            for aid, t in zip(arts["article_id"], titles, strict=True)
        ]
        return pd.Series(labels, index=arts["article_id"].astype(str)), "Article"
    if by == "month":
        month = pd.to_datetime(arts["published"], utc=True, errors="coerce").dt.strftime("%Y-%m")
        return pd.Series(month.values, index=arts["article_id"].astype(str)), "Month"
    column = by
    if by == "topic" and "topic" not in arts.columns:
        column = "section"
    if column not in arts.columns:
        raise ValueError(f"articles have no {by!r} column; available: {', '.join(map(str, arts.columns))}")
    values = [_str(v) for v in arts[column]]
    return pd.Series(values, index=arts["article_id"].astype(str)), by.capitalize()


def _has_groups(analysis: Analysis, by: str) -> bool:
    try:
        labels, _ = _group_labels(analysis, by)
    except ValueError:
        return False
    return bool(labels.notna().any())


def sourcing_mix(data: Data, *, by: str = "article", top: int = 40) -> alt.Chart:
    """Stacked bars: the share of claims from each source class, one bar per article or group.

    ``by`` is "article", "corpus" (one bar), "outlet", "section", "topic", "month" or any
    articles column.  With a claims DataFrame only "article" and "corpus" work.

    >>> df = pd.DataFrame({"article_id": ["a"] * 2, "claim_id": [0, 1], "content_text": ["x", "y"],
    ...                    "speaker_kind": ["person", "anonymous"], "anonymous": [False, True]})
    >>> sorted(r["source_class"] for r in sourcing_mix(df).to_dict()["datasets"].popitem()[1])
    ['anonymous', 'named person']
    """
    claims, label = _grouped_claims(data, by)
    n_missing = int(claims["group"].isna().sum())
    claims = claims[claims["group"].notna()]
    agg = claims.groupby(["group", "source_class"], as_index=False).agg(claims=("claim_id", "size"))
    totals = agg.groupby("group")["claims"].sum()
    agg["total"] = agg["group"].map(totals)
    agg["share"] = agg["claims"] / agg["total"]
    agg["order"] = agg["source_class"].map(_class_order(agg["source_class"]))
    if by == "month":
        keep = sorted(totals.index)[-top:]
    else:
        keep = list(totals.sort_values(ascending=False, kind="stable").index[:top])
        if by == "article" and isinstance(data, Analysis):
            position = {g: i for i, g in enumerate(claims["group"].drop_duplicates())}
            keep.sort(key=lambda g: position.get(g, 0))
    agg = agg[agg["group"].isin(keep)]
    notes = _sourcing_notes(data, by, totals, keep, n_missing)
    chart = alt.Chart(
        agg[["group", "source_class", "claims", "total", "share", "order"]],
        title=_title("Sourcing mix: who the claims come from", "; ".join(notes)),
    ).mark_bar()
    share = alt.X(
        "share:Q", title="Share of claims", stack="zero", scale=alt.Scale(domain=[0, 1]),
        axis=alt.Axis(format="%"),
    )
    color = alt.Color("source_class:N", title="Source", scale=color_scale("source_class", agg["source_class"]))
    tooltip = [
        alt.Tooltip("group:N", title=label),
        alt.Tooltip("source_class:N", title="Source"),
        alt.Tooltip("claims:Q", title="Claims"),
        alt.Tooltip("share:Q", title="Share", format=".0%"),
        alt.Tooltip("total:Q", title="All claims"),
    ]
    return chart.encode(
        x=share,
        # One bar per article needs no axis title (and long titles would run into it).
        y=alt.Y("group:N", title=None if by in ("article", "corpus") else label, sort=keep,
                axis=alt.Axis(labelLimit=300)),
        color=color,
        order=alt.Order("order:Q"),
        tooltip=tooltip,
    ).properties(width=WIDTH, height=alt.Step(22))


def _grouped_claims(data: Data, by: str) -> tuple[pd.DataFrame, str]:
    """Return the claims frame with a ``group`` column for ``by``, and the group's axis label."""
    claims = claims_frame(data)
    if by == "corpus":
        claims["group"] = "All articles"
        return claims, "Corpus"
    if isinstance(data, Analysis) and len(data.articles):
        groups, label = _group_labels(data, by)
        claims["group"] = claims["article_id"].astype(str).map(groups)
        return claims, label
    if by == "article":
        claims["group"] = claims["article_id"].astype(str)
        return claims, "Article"
    raise TypeError(f"sourcing_mix by={by!r} needs an Analysis (it reads the articles table)")


def _sourcing_notes(data: Data, by: str, totals: pd.Series, keep: list[Any], n_missing: int) -> list[str]:
    """Return the subtitle notes: claim count, and what the chart leaves out."""
    notes = [f"{int(totals.sum())} claims"]
    if len(totals) > len(keep):
        notes.append(f"{len(keep)} of {len(totals)} groups with the most claims shown")
    if n_missing:
        notes.append(f"{n_missing} claims without a {by} value not shown")
    if isinstance(data, Analysis) and by == "article":
        silent = len(data.articles) - len(totals)
        if silent > 0:
            notes.append(f"{silent} article(s) without claims not shown")
    return notes


def claim_map(data: Data, *, article_id: str | None = None) -> alt.Chart:
    """One mark per claim: position in the article (sentence) × speaker, colour and shape by stance.

    >>> df = pd.DataFrame({"article_id": ["a"], "claim_id": [0], "sentence_id": [3], "content_text": ["x"],
    ...                    "speaker_name": ["Ann Lee"], "stance": ["deny"]})
    >>> claim_map(df).to_dict()["encoding"]["x"]["field"]
    'sentence_id'
    """
    aid = _single_article(data.claims if isinstance(data, Analysis) else data, article_id, "claim_map")
    claims = claims_frame(data, aid).sort_values(["sentence_id", "claim_id"])
    roles: dict[int, str] = {}
    n_sentences = int(claims["sentence_id"].max()) + 1 if len(claims) else 1
    if isinstance(data, Analysis):
        sents = data.sentences[data.sentences["article_id"] == aid]
        roles = dict(zip(sents["sentence_id"].astype(int), sents["role"].astype(str), strict=True))
        n_sentences = max(n_sentences, len(sents))
    rows = pd.DataFrame(
        {
            "claim_id": claims["claim_id"].astype(int),
            "sentence_id": claims["sentence_id"].astype(int),
            "role": [roles.get(int(s), "") for s in claims["sentence_id"]],
            "source": claims["source"],
            "stance": [(_str(s) or "other") for s in claims["stance"]],
            "cue": [(_str(c) or "") for c in claims["cue_text"]],
            "quote_type": [(_str(q) or "") for q in claims["quote_type"]],
            "hedges": [_join(h) for h in claims["hedges"]],
            "content": [_clip(c) for c in claims["content_text"]],
        }
    )
    order = list(rows["source"].drop_duplicates())
    stances = [s for s in STANCE_SHAPES if s in set(rows["stance"])] + sorted(
        set(rows["stance"]) - set(STANCE_SHAPES)
    )
    return (
        alt.Chart(
            rows,
            title=_title("Claim map: who claims what, where in the article", f"{len(rows)} claims; hover a mark to read it"),
        )
        .mark_point(size=140, filled=True, opacity=0.9)
        .encode(
            x=alt.X(
                "sentence_id:Q", title="Position in the article (sentence number)",
                scale=alt.Scale(domain=[0, max(n_sentences - 1, 1)], padding=12),
                axis=_count_axis(n_sentences - 1, dense=30),
            ),
            y=alt.Y("source:N", title="Speaker", sort=order, axis=alt.Axis(labelLimit=260)),
            color=alt.Color("stance:N", title="Stance", scale=color_scale("stance", rows["stance"])),
            shape=alt.Shape(
                "stance:N", title="Stance",
                scale=alt.Scale(domain=stances, range=[STANCE_SHAPES.get(s, "circle") for s in stances]),
            ),
            tooltip=[
                alt.Tooltip("claim_id:Q", title="Claim"),
                alt.Tooltip("sentence_id:Q", title="Sentence"),
                alt.Tooltip("role:N", title="Where"),
                alt.Tooltip("source:N", title="Speaker"),
                alt.Tooltip("cue:N", title="Cue"),
                alt.Tooltip("stance:N", title="Stance"),
                alt.Tooltip("quote_type:N", title="Quote"),
                alt.Tooltip("hedges:N", title="Hedges"),
                alt.Tooltip("content:N", title="Content"),
            ],
        )
        .properties(width=WIDTH, height=alt.Step(24))
    )


def cue_verbs(data: Data, *, article_id: str | None = None, top: int = 30) -> alt.Chart:
    """Bar chart of cue verbs ("said", "claimed", "admitted"), grouped and coloured by stance class.

    >>> df = pd.DataFrame({"article_id": ["a"] * 2, "claim_id": [0, 1], "content_text": ["x", "y"],
    ...                    "cue_lemma": ["say", "claim"], "cue_stance": ["neutral", "doubting"]})
    >>> cue_verbs(df).to_dict()["encoding"]["y"]["sort"]
    ['say', 'claim']
    """
    claims = claims_frame(data, article_id)
    cue = [(_str(lemma) or (_str(text) or "(no cue)").lower()) for lemma, text in zip(claims["cue_lemma"], claims["cue_text"], strict=True)]
    klass = [(_str(s) or "unclassified") for s in claims["cue_stance"]]
    df = pd.DataFrame({"cue": cue, "cue_stance": klass})
    agg = df.groupby(["cue", "cue_stance"], as_index=False).size().rename(columns={"size": "claims"})
    class_rank = _rank("cue_stance", agg["cue_stance"])
    agg["rank"] = agg["cue_stance"].map(class_rank)
    agg = agg.sort_values(["rank", "claims", "cue"], ascending=[True, False, True], kind="stable")
    totals = agg.groupby("cue", sort=False)["claims"].sum()
    keep = list(totals.sort_values(ascending=False, kind="stable").index[:top])
    agg = agg[agg["cue"].isin(keep)]
    order = list(agg["cue"].drop_duplicates())
    sub = f"{int(totals.sum())} claims, {len(totals)} different cues"
    if len(totals) > len(keep):
        sub += f" ({len(totals) - len(keep)} rarer cues not shown)"
    return (
        alt.Chart(agg[["cue", "cue_stance", "claims"]], title=_title("How claims are reported: cue verbs by stance class", sub))
        .mark_bar()
        .encode(
            x=alt.X("claims:Q", title="Claims", axis=_count_axis(totals.max() if len(totals) else 0)),
            y=alt.Y("cue:N", title="Cue", sort=order),
            color=alt.Color(
                "cue_stance:N", title="Stance of the cue", scale=color_scale("cue_stance", agg["cue_stance"])
            ),
            tooltip=[
                alt.Tooltip("cue:N", title="Cue"),
                alt.Tooltip("cue_stance:N", title="Stance class"),
                alt.Tooltip("claims:Q", title="Claims"),
            ],
        )
        .properties(width=WIDTH, height=alt.Step(20))
    )


def _rank(domain: str, values: Any) -> dict[str, int]:
    from .palette import domain_colors

    dom, _ = domain_colors(domain, values)
    return {v: i for i, v in enumerate(dom)}


def hedges_per_paragraph(data: Data, *, article_id: str | None = None) -> alt.Chart:
    """Bar chart of hedge expressions ("reportedly", "may") per paragraph of one article.

    Hedges come from the ``markers`` table (kind "hedge"); an article without hedge markers
    falls back to the hedges listed on its claims.

    >>> from toolkit.types import frame
    >>> a = Analysis({"articles": pd.DataFrame({"article_id": ["a"], "text": ["T\\nIt may rain."]}),
    ...     "sentences": pd.DataFrame({"article_id": ["a", "a"], "sentence_id": [0, 1], "paragraph_id": [0, 1],
    ...         "role": ["headline", "body"], "start": [0, 2], "end": [1, 14], "text": ["T", "It may rain."]}),
    ...     "markers": pd.DataFrame({"article_id": ["a"], "sentence_id": [1], "kind": ["hedge"], "text": ["may"],
    ...         "start": [5], "end": [8]})})
    >>> [r["hedges"] for r in hedges_per_paragraph(a).to_dict()["datasets"].popitem()[1]]
    [0, 1]
    """
    analysis = _analysis(data, "hedges_per_paragraph")
    aid = _single_article(analysis.articles, article_id, "hedges_per_paragraph")
    sents = analysis.sentences[analysis.sentences["article_id"] == aid]
    para_of = dict(zip(sents["sentence_id"].astype(int), sents["paragraph_id"].astype(int), strict=True))
    markers = analysis.markers
    markers = markers[(markers["article_id"] == aid) & (markers["kind"] == "hedge")]
    found: list[tuple[int, str]] = []
    if len(markers):
        found = [(para_of.get(int(s), 0), str(t)) for s, t in zip(markers["sentence_id"], markers["text"], strict=True)]
        origin = "hedge markers"
    else:
        claims = analysis.claims[analysis.claims["article_id"] == aid]
        for s, hedges in zip(claims["sentence_id"], claims["hedges"], strict=True):
            found.extend((para_of.get(int(s), 0), str(h)) for h in hedges or [])
        origin = "hedges attached to claims"
    paras = (
        sents.groupby("paragraph_id", as_index=False)
        .agg(role=("role", "first"), words=("n_tokens", "sum"), start=("text", "first"))
        .sort_values("paragraph_id")
    )
    hits = pd.DataFrame(found, columns=["paragraph_id", "hedge"])
    per: dict[int, list[str]] = {}
    for p, hedge in found:
        per.setdefault(int(p), []).append(hedge)
    paras["hedges"] = [len(per.get(p, [])) for p in paras["paragraph_id"]]
    paras["words_found"] = [", ".join(per.get(p, [])) for p in paras["paragraph_id"]]
    paras["per_100_tokens"] = [round(100 * h / w, 1) if w else 0.0 for h, w in zip(paras["hedges"], paras["words"], strict=True)]
    paras["start"] = [_clip(t, 80) for t in paras["start"]]
    paras["paragraph"] = paras["paragraph_id"].astype(int) + 1
    colour = HIGHLIGHT_COLORS["hedge"][0]
    return (
        alt.Chart(
            paras[["paragraph", "role", "hedges", "words_found", "per_100_tokens", "start"]],
            title=_title("Hedging: hedge words per paragraph", f"{len(hits)} hedges ({origin}) in {len(paras)} paragraphs"),
        )
        .mark_bar(color=colour)
        .encode(
            x=alt.X("paragraph:O", title="Paragraph (headline = 1)", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("hedges:Q", title="Hedges", axis=_count_axis(paras["hedges"].max())),
            tooltip=[
                alt.Tooltip("paragraph:O", title="Paragraph"),
                alt.Tooltip("role:N", title="Role"),
                alt.Tooltip("hedges:Q", title="Hedges"),
                alt.Tooltip("words_found:N", title="Found"),
                alt.Tooltip("per_100_tokens:Q", title="Per 100 tokens"),
                alt.Tooltip("start:N", title="Paragraph starts"),
            ],
        )
        .properties(width=WIDTH, height=160)
    )


def anonymity_share(data: Data, *, by: str = "outlet", top: int = 40) -> alt.Chart:
    """Stacked bars of the share of claims from anonymous, vague and no sources, per group.

    ``by`` is "outlet", "section", "topic" (the ``topic`` column, else ``section``), "month"
    (from ``published``) or any articles column.  Raises ValueError when that column is absent
    or empty.
    """
    analysis = _analysis(data, "anonymity_share")
    if not _has_groups(analysis, by):
        raise ValueError(f"anonymity_share: the articles have no {by!r} values to group by")
    groups, label = _group_labels(analysis, by)
    claims = claims_frame(analysis)
    claims["group"] = claims["article_id"].astype(str).map(groups)
    claims = claims[claims["group"].notna()]
    totals = claims.groupby("group").size()
    articles = groups.dropna().groupby(groups.dropna()).size()
    weak = claims[claims["source_class"].isin(_WEAK)]
    agg = weak.groupby(["group", "source_class"], as_index=False).size().rename(columns={"size": "claims"})
    # Groups without any weak sourcing still get a (zero) bar: absence is a finding too.
    clean = [g for g in totals.index if g not in set(agg["group"])]
    zero = pd.DataFrame({"group": clean, "source_class": "anonymous", "claims": 0})
    agg = pd.concat([agg, zero], ignore_index=True) if clean else agg
    agg["total"] = agg["group"].map(totals)
    agg["articles"] = agg["group"].map(articles)
    agg["share"] = agg["claims"] / agg["total"]
    agg["order"] = agg["source_class"].map(_class_order(agg["source_class"]))
    keep = sorted(totals.index)[-top:] if by == "month" else list(totals.sort_values(ascending=False, kind="stable").index[:top])
    agg = agg[agg["group"].isin(keep)]
    sub = f"{int(totals.sum())} claims in {int(articles.sum())} articles"
    if len(totals) > len(keep):
        sub += f"; {len(keep)} of {len(totals)} groups shown"
    vertical = by == "month"
    group_enc = (alt.X if vertical else alt.Y)("group:N", title=label, sort=keep, axis=alt.Axis(labelLimit=260))
    share_enc = (alt.Y if vertical else alt.X)(
        "share:Q", title="Share of all claims", stack="zero", axis=alt.Axis(format="%")
    )
    chart = alt.Chart(
        agg[["group", "source_class", "claims", "total", "articles", "share", "order"]],
        title=_title(f"Anonymous, vague and unsourced claims by {by}", sub),
    ).mark_bar()
    return chart.encode(
        **{"x": group_enc, "y": share_enc} if vertical else {"y": group_enc, "x": share_enc},
        color=alt.Color("source_class:N", title="Source", scale=color_scale("source_class", _WEAK)),
        order=alt.Order("order:Q"),
        tooltip=[
            alt.Tooltip("group:N", title=label),
            alt.Tooltip("source_class:N", title="Source"),
            alt.Tooltip("claims:Q", title="Claims"),
            alt.Tooltip("share:Q", title="Share", format=".0%"),
            alt.Tooltip("total:Q", title="All claims"),
            alt.Tooltip("articles:Q", title="Articles"),
        ],
    ).properties(
        width=WIDTH if not vertical else alt.Step(28), height=alt.Step(22) if not vertical else 220
    )


# ---------------------------------------------------------------- chart sets for reports


def corpus_views(analysis: Analysis) -> dict[str, alt.Chart]:
    """Return the anonymity charts for every grouping the articles support (outlet, section/topic, month).

    >>> corpus_views(Analysis())
    {}
    """
    out: dict[str, alt.Chart] = {}
    if analysis.claims.empty:
        return out
    for by in ("outlet", "topic", "section", "month"):
        if by == "topic" and "topic" not in analysis.articles.columns:
            continue
        if _has_groups(analysis, by):
            out[f"anonymity_by_{by}"] = anonymity_share(analysis, by=by)
    return out


def article_charts(analysis: Analysis, article_id: str) -> dict[str, alt.Chart]:
    """Return the charts of one article, by name; charts that need claims are left out when it has none.

    >>> article_charts(Analysis(), "x")
    {}
    """
    out: dict[str, alt.Chart] = {}
    has_claims = bool((analysis.claims["article_id"] == article_id).any())
    if has_claims:
        out["voices"] = voices(analysis, article_id=article_id)
        claims = claims_frame(analysis, article_id)
        if (claims["affiliation"] != NO_AFFILIATION).any():
            out["voices_by_affiliation"] = voices(analysis, article_id=article_id, by="affiliation")
        out["sourcing_mix"] = sourcing_mix(subset(analysis, article_id), by="article")
        out["claim_map"] = claim_map(analysis, article_id=article_id)
        out["cue_verbs"] = cue_verbs(analysis, article_id=article_id)
    if (analysis.sentences["article_id"] == article_id).any():
        out["hedges_per_paragraph"] = hedges_per_paragraph(analysis, article_id=article_id)
    return out


def corpus_charts(analysis: Analysis, *, top: int = 40) -> dict[str, alt.Chart]:
    """Return the corpus-level charts by name (empty when there are no claims).

    >>> corpus_charts(Analysis())
    {}
    """
    out: dict[str, alt.Chart] = {}
    if analysis.claims.empty:
        return out
    out["sourcing_mix_corpus"] = sourcing_mix(analysis, by="corpus")
    out["sourcing_mix_by_article"] = sourcing_mix(analysis, by="article", top=top)
    if _has_groups(analysis, "outlet"):
        out["sourcing_mix_by_outlet"] = sourcing_mix(analysis, by="outlet", top=top)
    out["voices"] = voices(analysis, top=min(top, 25))
    out["voices_by_affiliation"] = voices(analysis, by="affiliation", top=top, unstated=False)
    out["cue_verbs"] = cue_verbs(analysis, top=top)
    out.update(corpus_views(analysis))
    return out


def subset(analysis: Analysis, article_id: str) -> Analysis:
    """Return the analysis of one article (every table filtered; no copy of the other articles).

    >>> len(subset(Analysis(), "x").articles)
    0
    """
    # The tables already have their schema, so skip Analysis() re-conforming them (costly per article).
    sub = Analysis.__new__(Analysis)
    sub.tables = {
        name: df[df["article_id"] == article_id].reset_index(drop=True) if "article_id" in df else df
        for name, df in analysis.tables.items()
    }
    return sub
