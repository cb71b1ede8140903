"""Corpus identity: one key per person across articles; table, chart and network agree."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit import analyze, charts
from toolkit.analysis import Analysis
from toolkit.charts.base import TOTAL_WIDTH
from toolkit.summaries import denial_edges, most_quoted


@pytest.fixture(scope="module")
def corpus(nlp):
    return analyze(
        [
            "Tony Blair said taxes would not rise.\n\nMr Blair said the economy was strong.",
            "Blair said he would serve a full term.\n\nGordon Brown said the budget was fair.",
            "Mr Blair said schools would improve.\n\n\u201cWe will see,\u201d he said.",
            "\u201cThis is wrong,\u201d she said.",
        ],
        nlp=nlp,
    )


def _chart_counts(chart) -> dict[str, int]:
    spec = chart.to_dict()
    out: dict[str, int] = {}
    for r in spec["datasets"][spec["data"]["name"]]:
        out[r["speaker"]] = out.get(r["speaker"], 0) + r["claims"]
    return out


def test_table_and_chart_agree(corpus):
    table = most_quoted(corpus, top=20)
    chart = _chart_counts(charts.voices(corpus, top=20))
    assert dict(zip(table["speaker"], table["claims"], strict=True)) == {
        k: v for k, v in chart.items() if k in set(table["speaker"])
    }
    blair = table[table["speaker"] == "Tony Blair"]
    assert len(blair) == 1 and int(blair["claims"].iloc[0]) >= 4
    assert table["speaker"].str.contains("Blair").sum() == 1  # no separate "Blair" / "Mr Blair" row


def test_unresolved_pronouns_are_never_ranked(corpus):
    names = set(most_quoted(corpus, top=20)["speaker"]) | set(_chart_counts(charts.voices(corpus, top=20)))
    assert not any(n.lower() in ("he", "she", "they", "it") or n.startswith("unresolved") for n in names)
    sp = corpus.speakers
    assert sp.loc[~sp["resolved"], "speaker_key"].isna().all()
    assert (~sp["resolved"]).any()


def test_self_denials_are_dropped():
    claims = pd.DataFrame([
        {"article_id": "a", "claim_id": 0, "content_text": "x", "speaker_name": "Tony Blair", "speaker_kind": "person"},
        {"article_id": "a", "claim_id": 1, "content_text": "y", "speaker_name": "Mr Blair", "speaker_kind": "person"},
        {"article_id": "a", "claim_id": 2, "content_text": "z", "speaker_name": "Gordon Brown", "speaker_kind": "person"},
    ])
    speakers = pd.DataFrame([
        {"article_id": "a", "speaker_id": 0, "name": "Tony Blair", "kind": "person", "named": True,
         "speaker_key": "tony blair", "resolved": True},
        {"article_id": "a", "speaker_id": 1, "name": "Gordon Brown", "kind": "person", "named": True,
         "speaker_key": "gordon brown", "resolved": True},
    ])
    claims["speaker_id"] = [0, 0, 1]
    links = pd.DataFrame([
        {"article_id": "a", "claim_id": 1, "target_claim_id": 0, "relation": "denies", "score": 0.9},
        {"article_id": "a", "claim_id": 2, "target_claim_id": 0, "relation": "denies", "score": 0.9},
    ])
    edges = denial_edges(Analysis({"claims": claims, "speakers": speakers, "links": links}))
    assert edges[["denier_key", "denied_key"]].values.tolist() == [["gordon brown", "tony blair"]]


def test_voices_by_gender_counts_people_not_organisations(corpus):
    chart = charts.voices_by_gender(corpus)
    spec = chart.to_dict()
    # Fixed widths that fit a notebook's output area (container sizing froze JupyterLab tabs).
    assert isinstance(spec["width"], int) and spec["width"] <= TOTAL_WIDTH and spec["mark"]["type"] == "bar"
    rows = spec["datasets"][spec["data"]["name"]]
    people = corpus.speakers[corpus.speakers["kind"] == "person"]
    assert sum(r["voices"] for r in rows) <= len(corpus.speakers)
    assert {r["gender"] for r in rows} <= {"female", "male", "unknown"}
    male = sum(r["voices"] for r in rows if r["gender"] == "male")
    assert male == int((people["gender"] == "male").sum()) and male >= 3
    assert "Voices by gender" in str(spec["title"])
