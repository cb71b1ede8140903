"""Charts of a comparison (altair, sized to their container; never displayed by themselves).

* :func:`sourcing_mix` — the share of each source class, one bar per side;
* :func:`who_speaks` — claims per speaker, side by side;
* :func:`matched_claims` — every claim of every side by position, matched ones linked.

Colours come from :mod:`toolkit.palette` (source classes) and :data:`.view.MATCH_COLORS`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..palette import GREY, OKABE_ITO, SOURCE_CLASS_COLORS, color_scale
from .core import Comparison
from .tables import matched_keys

__all__ = ["comparison_charts", "matched_claims", "sourcing_mix", "who_speaks"]

# Long speaker lists make the chart unreadable at notebook width; the rest are counted in the subtitle.
TOP_SPEAKERS = 15
_TIP_CHARS = 160


def _title(text: str, subtitle: str = "") -> alt.TitleParams:
    return alt.TitleParams(text, subtitle=subtitle, anchor="start")


def sourcing_mix(comparison: Comparison) -> alt.Chart:
    """Share of claims per source class, one stacked bar per side.

    >>> import toolkit
    >>> a = toolkit.analyze(["A\\nOfficials said it rained.", "B\\nJo Lee said it rained."], progress=False)
    >>> sourcing_mix(toolkit.compare(a, list(a.articles["article_id"]))).to_dict()["width"]
    'container'
    """
    data = comparison.sourcing[comparison.sourcing["claims"] > 0].copy()
    data["order"] = data["source_class"].map({k: i for i, k in enumerate(SOURCE_CLASS_COLORS)})
    data["percent"] = (100 * data["share"]).round().astype(int).astype(str) + "%"
    return (
        alt.Chart(data[["side", "source_class", "claims", "share", "percent", "order"]],
                  title=_title("Who stands behind the claims?", "share of each side's claims"))
        .mark_bar()
        .encode(
            x=alt.X("share:Q", title="Share of claims", axis=alt.Axis(format="%"), stack="normalize"),
            y=alt.Y("side:N", title=None, sort=comparison.labels),
            color=alt.Color("source_class:N", title="Source", scale=color_scale("source_class", data["source_class"])),
            order=alt.Order("order:Q"),
            tooltip=[alt.Tooltip("side:N", title="Side"), alt.Tooltip("source_class:N", title="Source"),
                     alt.Tooltip("claims:Q", title="Claims"), alt.Tooltip("percent:N", title="Share")],
        )
        .properties(width="container", height=alt.Step(36))
    )


def who_speaks(comparison: Comparison) -> alt.Chart:
    """Claims per speaker on each side (bars side by side), coloured by source class.

    >>> import toolkit
    >>> a = toolkit.analyze(["A\\nJo Lee said it rained.", "B\\nJo Lee said it rained."], progress=False)
    >>> who_speaks(toolkit.compare(a, list(a.articles["article_id"]))).to_dict()["encoding"]["yOffset"]["field"]
    'side'
    """
    spk = comparison.speakers
    keep = spk.head(TOP_SPEAKERS)
    rows = [{"speaker": r["speaker"], "side": side, "claims": int(r[side]), "source_class": r["source_class"],
             "presence": r["presence"]} for r in keep.to_dict("records") for side in comparison.labels]
    data = pd.DataFrame(rows, columns=["speaker", "side", "claims", "source_class", "presence"])
    sub = f"{len(spk)} speakers" + (f"; the {len(spk) - len(keep)} with fewest claims not shown" if len(spk) > len(keep) else "")
    return (
        alt.Chart(data, title=_title("Who speaks, side by side", sub))
        .mark_bar()
        .encode(
            x=alt.X("claims:Q", title="Claims", axis=alt.Axis(format="d", tickMinStep=1)),
            y=alt.Y("speaker:N", title=None, sort=list(keep["speaker"]), axis=alt.Axis(labelLimit=220)),
            yOffset=alt.YOffset("side:N", sort=comparison.labels),
            color=alt.Color("side:N", title="Side", sort=comparison.labels),
            opacity=alt.condition("datum.claims > 0", alt.value(1.0), alt.value(0.0)),
            tooltip=[alt.Tooltip("speaker:N", title="Speaker"), alt.Tooltip("side:N", title="Side"),
                     alt.Tooltip("claims:Q", title="Claims"), alt.Tooltip("source_class:N", title="Source"),
                     alt.Tooltip("presence:N", title="In all / some / one side")],
        )
        .properties(width="container", height=alt.Step(12))
    )


def matched_claims(comparison: Comparison) -> alt.LayerChart:
    """Every claim by its number on each side; a line joins the claims of one match.

    >>> import toolkit
    >>> a = toolkit.analyze(["A\\nJo Lee said it rained.", "B\\nJo Lee said it rained."], progress=False)
    >>> spec = matched_claims(toolkit.compare(a, list(a.articles["article_id"]))).to_dict()
    >>> spec["width"], [layer["mark"]["type"] for layer in spec["layer"]]
    ('container', ['rule', 'point'])
    """
    numbers = matched_keys(comparison.matches)
    claims = comparison.claims
    points = pd.DataFrame({
        "side": claims["side"],
        "claim": [int(c) + 1 for c in claims["claim_id"]],
        "speaker": claims["speaker"],
        "status": ["matched" if (str(a), int(c)) in numbers else "only in this side"
                   for a, c in zip(claims["article_id"], claims["claim_id"], strict=True)],
        "match": [numbers.get((str(a), int(c)), 0) for a, c in zip(claims["article_id"], claims["claim_id"], strict=True)],
        "content": [str(t)[:_TIP_CHARS] for t in claims["content_text"]],
    })
    m = comparison.matches
    links = pd.DataFrame({"side": m["side_a"], "side2": m["side_b"], "claim": m["claim_a"] + 1,
                          "claim2": m["claim_b"] + 1, "match": m["match"], "score": m["score"]})
    x = alt.X("side:N", title=None, sort=comparison.labels, axis=alt.Axis(labelAngle=0, orient="top"))
    y = alt.Y("claim:Q", title="Claim number (1 = first in the article)", scale=alt.Scale(reverse=True))
    rules = alt.Chart(links).mark_rule(color=GREY, strokeWidth=1.5).encode(
        x=x, x2="side2:N", y=y, y2="claim2:Q",
        tooltip=[alt.Tooltip("match:Q", title="Match"), alt.Tooltip("score:Q", title="Score", format=".2f")])
    dots = alt.Chart(points).mark_point(filled=True, size=90).encode(
        x=x, y=y,
        color=alt.Color("status:N", title=None, scale=alt.Scale(domain=["matched", "only in this side"],
                                                              range=[OKABE_ITO["blue"], OKABE_ITO["vermillion"]])),
        shape=alt.Shape("status:N", title=None),
        tooltip=[alt.Tooltip("side:N", title="Side"), alt.Tooltip("claim:Q", title="Claim"),
                 alt.Tooltip("match:Q", title="Match (0 = none)"), alt.Tooltip("speaker:N", title="Speaker"),
                 alt.Tooltip("content:N", title="Claim text")])
    n = max(int(points["claim"].max()) if len(points) else 1, 1)
    return alt.layer(rules, dots, title=_title("Which claims match?", "a line joins the same claim on two sides")).properties(
        width="container", height=max(160, 14 * n))


def comparison_charts(comparison: Comparison) -> dict[str, alt.TopLevelMixin]:
    """Return the three charts by name.

    >>> sorted(comparison_charts.__annotations__)
    ['comparison', 'return']
    """
    return {"sourcing_mix": sourcing_mix(comparison), "who_speaks": who_speaks(comparison),
            "matched_claims": matched_claims(comparison)}
