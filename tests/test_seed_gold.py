"""The seed article against its hand-made gold annotation, claim by claim."""

from __future__ import annotations

import pandas as pd
import pytest
from goldmatch import match_gold

GOLD_IDS = [f"C{i}" for i in range(1, 22)]


@pytest.fixture(scope="module")
def claims(seed_analysis) -> pd.DataFrame:
    return seed_analysis.claims


@pytest.fixture(scope="module")
def speakers(seed_analysis) -> pd.DataFrame:
    return seed_analysis.speakers


@pytest.fixture(scope="module")
def matched(claims, gold) -> dict:
    return match_gold(claims, gold)


def _gold(gold: dict, gid: str) -> dict:
    return next(g for g in gold["claims"] if g["id"] == gid)


def test_gold_has_21_claims(gold):
    assert [g["id"] for g in gold["claims"]] == GOLD_IDS


@pytest.mark.parametrize("gid", GOLD_IDS)
def test_claim_found_with_right_attributes(gid, gold, claims, speakers, matched):
    g = _gold(gold, gid)
    cid = matched[gid]
    assert cid is not None, f"{gid} not found: {g}"
    row = claims[claims["claim_id"] == cid].iloc[0]
    assert row["stance"] == g["stance"], gid
    assert bool(row["anonymous"]) == g["anonymous"], gid
    assert bool(row["agentless"]) == bool(g.get("agentless", False)), gid
    if g["speaker_has"] is None:
        assert pd.isna(row["speaker_id"]) and row["speaker_kind"] == "agentless"
    else:
        spk = speakers[speakers["speaker_id"] == row["speaker_id"]].iloc[0]
        assert spk["kind"] == g["kind"], (gid, spk["kind"])
        assert row["speaker_kind"] == g["kind"]
        if "resolved" in g:
            assert spk["name"] == g["resolved"], gid
            assert row["speaker_name"] == g["resolved"]
    for hedge in g.get("hedges", []):
        assert hedge in list(row["hedges"]), (gid, hedge, row["hedges"])
    if g.get("quote"):
        assert row["quote_type"] == g["quote"]
    assert g["cue"].lower() in str(row["cue_text"]).lower(), (gid, row["cue_text"])


def test_matched_claims_are_distinct(matched):
    ids = [c for c in matched.values() if c is not None]
    assert len(ids) == len(set(ids)) == 21


@pytest.mark.parametrize("group", range(3))
def test_mention_groups_are_one_speaker(group, gold, speakers):
    names = gold["speakers_merged"][group]

    def norm(s: str) -> str:
        return s.replace("’", "'")

    rows = [
        r
        for r in speakers.itertuples()
        if any(norm(m) == norm(n) for m in r.mentions for n in names)
    ]
    assert len(rows) == 1, (names, [r.mentions for r in rows])
    written = {norm(m) for m in rows[0].mentions}
    assert all(norm(n) in written for n in names)


def test_no_anonymity_reason_for_condition_of_anonymity(gold, claims, speakers, matched):
    g = _gold(gold, "C11")
    assert g["anonymity_reason_given"] is False
    row = claims[claims["claim_id"] == matched["C11"]].iloc[0]
    spk = speakers[speakers["speaker_id"] == row["speaker_id"]].iloc[0]
    assert pd.isna(spk["anonymity_reason"])


def test_article_level_counts(gold, claims, speakers):
    checks = gold["article_checks"]
    assert int(claims["anonymous"].sum()) == checks["anonymous_claims"]
    assert int(claims["agentless"].sum()) == checks["agentless_claims"]
    assert int((claims["speaker_kind"] == "person").sum()) == checks["named_person_claims"]


def test_every_offset_slices_exactly(seed_text, seed_analysis):
    claims, markers = seed_analysis.claims, seed_analysis.markers
    n = len(seed_text)
    for r in claims.itertuples():
        assert seed_text[r.content_start : r.content_end] == r.content_text
        assert 0 <= r.content_start < r.content_end <= n
        for a, b in r.content_spans:
            assert r.content_start <= a < b <= r.content_end
        assert seed_text[r.cue_start : r.cue_end] == r.cue_text
        if not pd.isna(r.speaker_start):
            assert seed_text[r.speaker_start : r.speaker_end] == r.speaker_text
    for m in markers.itertuples():
        assert seed_text[m.start : m.end] == m.text
    assert claims["claim_id"].tolist() == list(range(len(claims)))
    ids = set(seed_analysis.speakers["speaker_id"])
    assert {int(x) for x in claims["speaker_id"].dropna()} <= ids


def test_hedge_markers_point_at_claims(seed_analysis):
    markers = seed_analysis.markers
    hedges = markers[markers["kind"] == "hedge"]
    assert len(hedges) >= 4
    claims = seed_analysis.claims.set_index("claim_id")
    for m in hedges.itertuples():
        assert m.text in claims.loc[int(m.claim_id), "hedges"]
