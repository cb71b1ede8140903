"""People-facing tables (toolkit.present): what a teacher reads has no <NA>, 21.000000, raw JSON or 0-based claims."""

from __future__ import annotations

import re
from html import unescape

import pandas as pd

from toolkit import charts
from toolkit.present import card_html, cell_text, scorecard_html, table_html


def text_of(html: str) -> str:
    return unescape(re.sub(r"<style>.*?</style>|<[^>]+>", " ", html, flags=re.S))


def test_cells_read_as_people_write():
    assert cell_text(21.0) == "21" and cell_text(2.5) == "2.5" and cell_text(1 / 3) == "0.33"
    assert cell_text(0.25, share=True) == "25%" and cell_text(0.25) == "0.25"
    assert [cell_text(v) for v in (None, pd.NA, float("nan"), pd.NaT, "")] == [""] * 5
    assert cell_text(["may", None, "reportedly"]) == "may, reportedly"
    assert cell_text('{"named person": 3, "anonymous": 1}') == "named person: 3; anonymous: 1"
    assert cell_text('["a", "b"]') == "a, b" and cell_text("[not json") == "[not json"
    assert cell_text(True) == "yes"


def test_table_numbers_claims_from_one_and_escapes():
    df = pd.DataFrame({"claim_id": [0, 4], "who": ["<b>A</b>", pd.NA], "value": [21.0, 0.5],
                       "detail": ['{"k": 1}', None]})
    html = table_html(df, columns={"claim_id": "#", "who": "Who", "value": "Value", "detail": "Detail"},
                      numbers=("claim_id",), stack=True)
    shown = text_of(html)
    assert "<td>1</td>" in html and ">5</td>" in html and ">0</td>" not in html
    assert "&lt;b&gt;A&lt;/b&gt;" in html and "<b>A</b>" not in html
    for bad in ("<NA>", "None", "nan", "NaN", "21.0", "{", '"k"'):
        assert bad not in shown, bad
    assert "k: 1" in shown and "21" in shown
    # Stacked rows say which column each cell is (the first cell heads the card).
    assert 'data-label="Who"' in html and 'data-label="#"' not in html


def test_scorecard_is_whole_and_styled(seed_analysis):
    aid = str(seed_analysis.articles["article_id"][0])
    card = seed_analysis.checks[seed_analysis.checks["article_id"] == aid]
    html = scorecard_html(seed_analysis, aid).data
    shown = " ".join(text_of(html).split())
    # Every explanation in full (a raw DataFrame cut them at 50 characters with "...").
    for explanation in card["explanation"].dropna():
        assert " ".join(str(explanation).split()) in shown
    assert "<NA>" not in shown and "000000" not in shown and '{"' not in shown
    assert 'class="nc-sev"' in html and "tk-stack" in html and "What it means" in html
    # The report's scorecard is the same renderer.
    assert card_html(card, css=False) in card_html(card)


def test_chart_tooltips_count_claims_from_one(seed_analysis):
    spec = charts.claim_map(seed_analysis).to_dict()
    assert {"calculate": "datum.claim_id + 1", "as": "claim"} in spec["transform"]
    assert spec["encoding"]["tooltip"][0]["field"] == "claim"
