"""Corpus summaries: most-quoted speakers and the denials network across articles."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.analysis import Analysis
from toolkit.palette import NO_SOURCE
from toolkit.summaries import denial_edges, denial_network, most_quoted


def _claims(rows):
    return pd.DataFrame(
        [{"article_id": a, "claim_id": c, "content_text": t, "speaker_name": n, "speaker_kind": k,
          "agentless": n is None, "anonymous": k == "anonymous"} for a, c, n, k, t in rows]
    )


@pytest.fixture()
def corpus() -> Analysis:
    claims = _claims([
        ("a", 0, "Tony Blair", "person", "taxes will not rise"),
        ("a", 1, "the Tories", "organization", "taxes will rise"),
        ("a", 2, None, None, "a rift is said to exist"),
        ("b", 0, "Blair", "person", "there is no rift"),
        ("b", 1, "Tories", "organization", "Blair plans to quit"),
        ("b", 2, "officials", "anonymous", "the rift is real"),
        ("c", 0, "Blair", "person", "I will serve a full term"),
    ])
    links = pd.DataFrame([
        {"article_id": "a", "claim_id": 0, "target_claim_id": 1, "relation": "denies", "score": 0.9},
        {"article_id": "b", "claim_id": 0, "target_claim_id": 1, "relation": "denies", "score": 0.8},
        {"article_id": "b", "claim_id": 0, "target_claim_id": 2, "relation": "denies", "score": 0.7},
        {"article_id": "b", "claim_id": 1, "target_claim_id": 0, "relation": "accuses", "score": 0.5},
    ])
    return Analysis({"claims": claims, "links": links})


def test_most_quoted_groups_spellings_and_surnames(corpus):
    top = most_quoted(corpus)
    assert top[["speaker", "claims", "articles"]].values.tolist() == [
        ["Tony Blair", 3, 3], ["the Tories", 2, 2], ["officials", 1, 1]
    ]
    assert top.loc[0, "source_class"] == "named person"
    assert top.loc[0, "share"] == pytest.approx(3 / 7)  # share of all claims, agentless included
    assert NO_SOURCE in most_quoted(corpus, include_agentless=True)["speaker"].tolist()
    assert len(most_quoted(corpus, top=1)) == 1


def test_denial_edges_name_both_sides(corpus):
    edges = denial_edges(corpus)
    assert edges[["article_id", "denier", "denied"]].values.tolist() == [
        ["a", "Tony Blair", "the Tories"], ["b", "Blair", "Tories"], ["b", "Blair", "officials"]
    ]
    assert edges.loc[0, "target_text"] == "taxes will rise" and edges.loc[0, "claim_text"] == "taxes will not rise"
    assert len(denial_edges(corpus, relations=("accuses",))) == 1


def test_denial_network_draws_pairs_once_with_counts(corpus):
    spec = denial_network(corpus).to_dict()
    datasets = spec["datasets"]
    lines = datasets[spec["layer"][0]["data"]["name"]]
    nodes = datasets[spec["layer"][2]["data"]["name"]]
    assert sorted((e["denier"], e["denied"], e["count"]) for e in lines) == [
        ("Tony Blair", "officials", 1), ("Tony Blair", "the Tories", 2)
    ]
    assert {n["speaker"]: n["denials"] for n in nodes} == {"Tony Blair": 3, "the Tories": 2, "officials": 1}
    heads = datasets[spec["layer"][1]["data"]["name"]]
    for head, line in zip(heads, lines, strict=True):
        # the arrowhead sits on the line, nearer the denied speaker
        assert abs(head["hx"] - line["x2"]) < abs(head["hx"] - line["x"]) or line["x"] == line["x2"]
    assert spec["layer"][2]["encoding"]["color"]["field"] == "source_class"


def test_empty_corpus_gives_empty_results():
    assert most_quoted(Analysis()).empty and denial_edges(Analysis()).empty
    assert "Who denies whom" in str(denial_network(Analysis()).to_dict()["title"])
