"""Charts: assertions on chart.to_dict() (encodings, data values, colours), never on images."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest
from synthetic_analysis import make_analysis, one_article

from toolkit import charts
from toolkit.analysis import Analysis
from toolkit.palette import (
    CUE_STANCE_COLORS,
    SOURCE_CLASS_COLORS,
    STANCE_COLORS,
    STANCE_SHAPES,
    domain_colors,
)
from toolkit.types import source_class


@pytest.fixture(scope="module")
def corpus() -> Analysis:
    return make_analysis()


@pytest.fixture(scope="module")
def single(corpus) -> Analysis:
    return one_article(corpus)


def rows(chart: alt.Chart) -> list[dict]:
    spec = chart.to_dict()
    datasets = spec["datasets"]
    assert len(datasets) == 1, "each chart carries exactly one small dataset"
    return next(iter(datasets.values()))


def enc(chart: alt.Chart, channel: str) -> dict:
    return chart.to_dict()["encoding"][channel]


def all_charts(corpus: Analysis) -> dict[str, alt.Chart]:
    out = {f"corpus/{k}": v for k, v in charts.corpus_charts(corpus).items()}
    for aid in corpus.articles["article_id"]:
        out.update({f"{aid}/{k}": v for k, v in charts.article_charts(corpus, aid).items()})
    return out


# ---------------------------------------------------------------- palette


def test_source_class_groups_kinds():
    assert source_class("person") == "named person"
    assert {source_class(k) for k in ("organization", "country", "government")} == {"institution"}
    assert source_class("document") == "document"
    assert source_class("person", anonymous=True) == "anonymous"
    assert source_class(None, agentless=True) == "agentless"
    assert source_class(None) == "unknown"
    assert source_class("martian") == "unknown"


def test_domain_colors_keep_fixed_mapping_for_subsets():
    full_dom, full_rng = domain_colors("source_class")
    dom, rng = domain_colors("source_class", ["vague", "named person", "nonsense"])
    assert dom == ["named person", "vague", "nonsense"]
    assert rng[:2] == [full_rng[full_dom.index("named person")], full_rng[full_dom.index("vague")]]
    assert len(set(full_rng)) == len(full_rng), "every source class has its own colour"
    with pytest.raises(KeyError, match="unknown colour domain"):
        domain_colors("flavour")


def test_every_chart_uses_the_palette_mapping(corpus):
    palettes = {"source_class": SOURCE_CLASS_COLORS, "stance": STANCE_COLORS, "cue_stance": CUE_STANCE_COLORS}
    seen = set()
    for name, chart in all_charts(corpus).items():
        color = chart.to_dict()["encoding"].get("color")
        if color is None:
            continue
        palette = palettes[color["field"]]
        scale = color["scale"]
        assert len(scale["domain"]) == len(scale["range"]), name
        for value, colour in zip(scale["domain"], scale["range"], strict=True):
            assert palette[value] == colour, f"{name}: {value} is {colour}, palette says {palette[value]}"
        data_values = {r[color["field"]] for r in rows(chart)}
        assert data_values <= set(scale["domain"]), f"{name}: a value has no colour"
        seen.add(color["field"])
    assert seen == set(palettes)


def test_chart_data_is_small_and_flat(corpus):
    for name, chart in all_charts(corpus).items():
        data = rows(chart)
        assert data, name
        for row in data:
            assert len(row) <= 9, f"{name} ships too many columns: {sorted(row)}"
            assert not any(isinstance(v, list | dict) for v in row.values()), name
            assert "text" not in row and "content_spans" not in row, name


# ---------------------------------------------------------------- voices


def test_voices_counts_claims_per_speaker(single):
    chart = charts.voices(single)
    data = {r["speaker"]: r for r in rows(chart)}
    assert data["US officials"]["claims"] == 2
    assert data["US officials"]["source_class"] == "anonymous"
    assert data["Anna Petrova"]["source_class"] == "named person"
    assert data[charts.NO_SOURCE]["source_class"] == "agentless"
    assert sum(r["claims"] for r in data.values()) == len(single.claims)
    y = enc(chart, "y")
    assert y["field"] == "speaker" and y["sort"][0] == "US officials"
    assert enc(chart, "x")["field"] == "claims"
    assert enc(chart, "x")["axis"]["values"] == [0, 1, 2], "whole-number ticks only"
    assert chart.to_dict()["mark"]["type"] == "bar"


def test_voices_by_affiliation_stacks_source_classes(single):
    data = rows(charts.voices(single, by="affiliation"))
    russia = {r["source_class"]: r["claims"] for r in data if r["affiliation"] == "Russia"}
    assert russia == {"named person": 1, "institution": 1}
    assert {r["claims"] for r in data if r["affiliation"] == "US"} == {2}
    with pytest.raises(ValueError, match="by must be"):
        charts.voices(single, by="colour")


def test_voices_fill_names_from_speakers_table(single):
    tables = dict(single.tables)
    tables["claims"] = single.claims.drop(columns=["speaker_name", "speaker_kind"])
    data = {r["speaker"]: r["source_class"] for r in rows(charts.voices(Analysis(tables)))}
    assert data["Ministry of <i>Defence</i>"] == "institution"
    assert data["Critics"] == "vague"


def test_voices_top_limits_and_says_so(corpus):
    chart = charts.voices(corpus, top=2)
    assert len({r["speaker"] for r in rows(chart)}) == 2
    assert "not shown" in chart.to_dict()["title"]["subtitle"]


# ---------------------------------------------------------------- sourcing mix


def test_sourcing_mix_one_article_shares_sum_to_one(single):
    chart = charts.sourcing_mix(single)
    data = rows(chart)
    assert len({r["group"] for r in data}) == 1
    assert sum(r["share"] for r in data) == pytest.approx(1.0)
    counts = {r["source_class"]: r["claims"] for r in data}
    assert counts == {"institution": 1, "anonymous": 2, "named person": 1, "agentless": 1, "vague": 1}
    x = enc(chart, "x")
    assert x["field"] == "share" and x["stack"] == "zero" and x["axis"]["format"] == "%"
    assert enc(chart, "order")["field"] == "order"


def test_sourcing_mix_per_article_outlet_and_corpus(corpus):
    per_article = rows(charts.sourcing_mix(corpus))
    assert {r["group"] for r in per_article} == {
        "Minister <script>window.__pwned=1</script> denies drone deal, says…",  # cut at a word, never mid-word,
        "Storm warning, says agency",
    }
    by_outlet = rows(charts.sourcing_mix(corpus, by="outlet"))
    wire = [r for r in by_outlet if r["group"] == "Wire"]
    assert wire == [{"group": "Wire", "source_class": "institution", "claims": 2, "total": 2, "share": 1.0, "order": 1}]
    whole = rows(charts.sourcing_mix(corpus, by="corpus"))
    assert {r["group"] for r in whole} == {"All articles"}
    assert sum(r["claims"] for r in whole) == len(corpus.claims)


def test_sourcing_mix_with_claims_frame_only(corpus):
    data = rows(charts.sourcing_mix(corpus.claims))
    assert {r["group"] for r in data} == {"a", "b"}
    with pytest.raises(TypeError, match="needs an Analysis"):
        charts.sourcing_mix(corpus.claims, by="outlet")


def test_sourcing_mix_notes_articles_without_claims(corpus):
    tables = dict(corpus.tables)
    extra = pd.DataFrame({"article_id": ["c"], "title": ["Quiet day"], "text": ["Quiet day\nNothing."]})
    tables["articles"] = pd.concat([corpus.articles, extra], ignore_index=True)
    chart = charts.sourcing_mix(Analysis(tables))
    assert "1 article(s) without claims not shown" in chart.to_dict()["title"]["subtitle"]


def test_sourcing_mix_stays_under_altair_row_limit():
    n = 3000
    claims = pd.DataFrame(
        {
            "article_id": [f"art{i // 2}" for i in range(2 * n)],
            "claim_id": [i % 2 for i in range(2 * n)],
            "content_text": ["x"] * (2 * n),
            "speaker_kind": ["person", "anonymous"] * n,
        }
    )
    arts = pd.DataFrame({"article_id": [f"art{i}" for i in range(n)], "text": ["t"] * n,
                         "outlet": [f"o{i % 7}" for i in range(n)]})
    analysis = Analysis({"articles": arts, "claims": claims})
    chart = charts.sourcing_mix(analysis, top=40)
    assert len({r["group"] for r in rows(chart)}) == 40
    assert "40 of 3000 groups" in chart.to_dict()["title"]["subtitle"]
    assert len(rows(charts.sourcing_mix(analysis, by="outlet"))) == 14


# ---------------------------------------------------------------- claim map


def test_claim_map_one_mark_per_claim(single):
    chart = charts.claim_map(single)
    data = rows(chart)
    assert [r["claim_id"] for r in data] == list(range(6))
    by_id = {r["claim_id"]: r for r in data}
    assert by_id[2]["stance"] == "deny" and by_id[2]["role"] == "body"
    assert by_id[0]["role"] == "headline"
    assert by_id[3]["hedges"] == "reportedly"
    assert by_id[5]["content"] == "the <b>ministry</b> hid the truth from the public"
    spec = chart.to_dict()
    assert spec["mark"]["type"] == "point"
    assert spec["encoding"]["x"]["field"] == "sentence_id"
    assert spec["encoding"]["x"]["scale"]["domain"] == [0, 7]
    assert spec["encoding"]["y"]["sort"][0] == "Ministry of <i>Defence</i>"
    shape = spec["encoding"]["shape"]["scale"]
    assert dict(zip(shape["domain"], shape["range"], strict=True)) == {
        s: STANCE_SHAPES[s] for s in ("assert", "deny", "accuse")
    }
    assert "content" in {t["field"] for t in spec["encoding"]["tooltip"]}


def test_claim_map_clips_long_content_and_needs_an_article(corpus):
    with pytest.raises(ValueError, match="pass article_id"):
        charts.claim_map(corpus)
    tables = dict(corpus.tables)
    claims = corpus.claims.copy()
    claims.loc[claims["article_id"] == "b", "content_text"] = "word " * 200
    tables["claims"] = claims
    data = rows(charts.claim_map(Analysis(tables), article_id="b"))
    assert all(len(r["content"]) <= 280 and r["content"].endswith("…") for r in data)


# ---------------------------------------------------------------- cue verbs, hedges


def test_cue_verbs_grouped_by_stance_class(single):
    chart = charts.cue_verbs(single)
    data = rows(chart)
    assert {(r["cue"], r["cue_stance"]): r["claims"] for r in data} == {
        ("say", "neutral"): 2, ("say", "denial"): 1, ("tell", "neutral"): 1,
        ("claim", "doubting"): 1, ("it is said", "unclassified"): 1,
    }
    assert enc(chart, "y")["sort"] == ["say", "tell", "claim", "it is said"]
    assert enc(chart, "color")["field"] == "cue_stance"


def test_hedges_per_paragraph_from_markers(single):
    chart = charts.hedges_per_paragraph(single)
    data = rows(chart)
    assert [r["hedges"] for r in data] == [0, 0, 0, 1, 2, 0, 0, 0]
    assert data[4]["words_found"] == "It is said, may"
    assert data[0]["role"] == "headline" and data[0]["paragraph"] == 1
    assert enc(chart, "x")["field"] == "paragraph"
    assert "hedge markers" in chart.to_dict()["title"]["subtitle"]


def test_hedges_per_paragraph_falls_back_to_claim_hedges(single):
    tables = dict(single.tables)
    tables["markers"] = single.markers[single.markers["kind"] != "hedge"]
    chart = charts.hedges_per_paragraph(Analysis(tables))
    assert [r["hedges"] for r in rows(chart)] == [0, 0, 0, 1, 2, 0, 0, 0]
    assert "attached to claims" in chart.to_dict()["title"]["subtitle"]
    with pytest.raises(TypeError, match="needs an Analysis"):
        charts.hedges_per_paragraph(single.claims)


# ---------------------------------------------------------------- corpus views


def test_anonymity_share_by_outlet_keeps_clean_outlets(corpus):
    chart = charts.anonymity_share(corpus, by="outlet")
    data = rows(chart)
    planet = {r["source_class"]: r["share"] for r in data if r["group"] == "Daily <i>Planet</i>"}
    assert planet == pytest.approx({"anonymous": 2 / 6, "vague": 1 / 6, "agentless": 1 / 6})
    wire = [r for r in data if r["group"] == "Wire"]
    assert [(r["claims"], r["share"], r["total"]) for r in wire] == [(0, 0.0, 2)]
    assert enc(chart, "y")["field"] == "group" and enc(chart, "x")["field"] == "share"


def test_anonymity_share_by_month_is_vertical_and_chronological(corpus):
    chart = charts.anonymity_share(corpus, by="month")
    assert enc(chart, "x")["field"] == "group"
    assert enc(chart, "x")["sort"] == ["2022-03", "2022-04"]


def test_anonymity_share_by_topic_uses_section_and_missing_columns_raise(corpus):
    data = rows(charts.anonymity_share(corpus, by="topic"))
    assert {r["group"] for r in data} == {"world", "weather"}
    with pytest.raises(ValueError, match="'colour'"):
        charts.anonymity_share(corpus, by="colour")


def test_corpus_views_only_for_columns_with_values(corpus):
    assert set(charts.corpus_views(corpus)) == {"anonymity_by_outlet", "anonymity_by_section", "anonymity_by_month"}
    tables = dict(corpus.tables)
    tables["articles"] = corpus.articles.assign(outlet=None, published=None)
    assert set(charts.corpus_views(Analysis(tables))) == {"anonymity_by_section"}


def test_article_charts_skip_claim_charts_without_claims(single):
    assert set(charts.article_charts(single, "a")) == {
        "voices", "voices_by_affiliation", "sourcing_mix", "claim_map", "cue_verbs", "hedges_per_paragraph",
    }
    tables = dict(single.tables)
    tables["claims"] = single.claims.iloc[0:0]
    assert set(charts.article_charts(Analysis(tables), "a")) == {"hedges_per_paragraph"}
    for chart in charts.article_charts(single, "a").values():
        assert isinstance(chart, alt.Chart)


def test_voices_can_leave_out_unstated_affiliations(corpus):
    chart = charts.voices(corpus, by="affiliation", unstated=False)
    assert charts.NO_AFFILIATION not in {r["affiliation"] for r in rows(chart)}
    assert "4 claims without a stated affiliation not shown" in chart.to_dict()["title"]["subtitle"]
    assert charts.NO_AFFILIATION in {r["affiliation"] for r in rows(charts.voices(corpus, by="affiliation"))}
