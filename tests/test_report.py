"""Standalone report: structure, self-containment, escaping, scorecard fallback, PNGs, CLI."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from synthetic_analysis import make_analysis, one_article

import toolkit.literacy
from toolkit import charts
from toolkit.analysis import Analysis
from toolkit.report import report_html, scorecard_frame, write_report

ROOT = Path(__file__).resolve().parents[1]


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict, str]] = []
        self.figures: list[dict] = []
        self.ids: list[str] = []
        self.links: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.tables = 0
        self._script: dict | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.attrs.extend((tag, k, v or "") for k, v in attrs)
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "script":
            self._script, self._buf = a, []
        if tag == "figure" and "nc-chart" in a.get("class", ""):
            self.figures.append(a)
        if tag == "a" and a.get("href", "").startswith("#"):
            self.links.append(a["href"][1:])
        if tag == "table":
            self.tables += 1

    def handle_data(self, data):
        if self._script is not None:
            self._buf.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._buf)))
            self._script = None


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


@pytest.fixture(scope="module")
def corpus() -> Analysis:
    return make_analysis()


@pytest.fixture(scope="module")
def corpus_html(corpus) -> str:
    return report_html(corpus)


def expected_charts(analysis: Analysis) -> list[str]:
    names = list(charts.corpus_charts(analysis)) if len(analysis.articles) > 1 else []
    for aid in analysis.articles["article_id"]:
        names += list(charts.article_charts(analysis, aid))
    return names


def test_one_container_and_one_vega_spec_per_chart(corpus, corpus_html):
    page = parse(corpus_html)
    assert [f["data-chart"] for f in page.figures] == expected_charts(corpus)
    specs = {a["id"]: body for a, body in page.scripts if a.get("type") == "application/json"}
    for fig in page.figures:
        spec = json.loads(specs[fig["id"] + "-spec"])
        assert "marks" in spec and "$schema" not in spec, "compiled to Vega, schema dropped"
        assert fig["aria-label"]
    claim_map = next(f for f in page.figures if f["data-chart"] == "claim_map")
    data = json.loads(specs[claim_map["id"] + "-spec"])["data"]
    values = [v for d in data for v in d.get("values", [])]
    assert "the <b>ministry</b> hid the truth from the public" in {v.get("content") for v in values}


def test_self_contained_no_network_references(corpus_html):
    page = parse(corpus_html)
    assert not [a for a in page.attrs if a[1] in ("src", "href", "srcset", "action") and not a[2].startswith("#")]
    assert "<link" not in corpus_html and "@import" not in corpus_html
    code = [body for a, body in page.scripts if a.get("type") != "application/json"]
    assert len(code) == 2 and "vegaEmbed" in code[0] and len(code[0]) > 500_000, "Vega inlined"


def test_injected_markup_is_inert(corpus_html):
    page = parse(corpus_html)
    for attrs, body in page.scripts:
        if attrs.get("type") == "application/json":
            assert "<" not in body and ">" not in body, "JSON in a script element must not contain < or >"
        else:
            assert "__pwned" not in body
    assert not [a for a in page.attrs if a[0] == "img" or a[1].startswith("on")]
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in corpus_html  # article text, title
    assert "Critics is vague &lt;script&gt;" in corpus_html  # check explanation
    assert "could not read bad.txt &lt;script&gt;" in corpus_html  # error message
    assert "Daily &lt;i&gt;Planet&lt;/i&gt;" in corpus_html


def test_sections_tables_and_anchors(corpus, corpus_html):
    page = parse(corpus_html)
    for anchor in ("summary", "corpus", "article-0", "article-1", "errors"):
        assert anchor in page.ids
    assert set(page.links) <= set(page.ids), "every in-page link has a target"
    assert {f"a0-claim-{i}" for i in range(6)} | {"a1-claim-0", "a1-claim-1"} <= set(page.links)
    claims_rows = re.findall(r'<td><a href="#a0-claim-\d+">', corpus_html)
    assert len(claims_rows) == 6
    # People count claims from 1 (issue 15): claim_id 2 is shown as claim 3.
    assert "3 (Anna Petrova)" in corpus_html and ">denies<" in corpus_html
    assert corpus_html.count('class="nc-doc"') == 2


def test_errors_section_only_when_there_are_errors(corpus):
    html = report_html(one_article(corpus))
    assert 'id="errors"' not in html and 'id="corpus"' not in html
    assert len(parse(html).figures) == len(charts.article_charts(one_article(corpus), "a"))


def test_scorecard_fallback_uses_checks(corpus, monkeypatch):
    monkeypatch.delattr(toolkit.literacy, "scorecard", raising=False)
    card, note = scorecard_frame(corpus, "a")
    assert note is None and list(card["label"]) == ["Anonymous sources", "Vague <sources>"]
    html = report_html(one_article(corpus))
    assert "Vague &lt;sources&gt;" in html and 'class="nc-sev"' in html


def test_scorecard_from_literacy_stage_when_available(corpus, monkeypatch):
    def fake(analysis, article_id):
        return pd.DataFrame({"check": ["x"], "finding": [f"sentinel for {article_id} <u>"]})

    monkeypatch.setattr(toolkit.literacy, "scorecard", fake, raising=False)
    assert "sentinel for a &lt;u&gt;" in report_html(one_article(corpus))

    def broken(analysis, article_id):
        raise RuntimeError("not ready")

    monkeypatch.setattr(toolkit.literacy, "scorecard", broken, raising=False)
    card, note = scorecard_frame(corpus, "a")
    assert "RuntimeError: not ready" in note and len(card) == 2
    assert "showing the checks table" in report_html(one_article(corpus))


def test_max_articles_limits_sections_and_says_so(corpus):
    html = report_html(corpus, max_articles=1)
    page = parse(html)
    assert "article-0" in page.ids and "article-1" not in page.ids
    assert "first 1 of 2 articles" in html


def test_empty_analysis_has_no_scripts():
    html = report_html(Analysis())
    assert "<script" not in html and "0 article(s)" in html


def test_write_report_with_pngs(corpus, tmp_path):
    single = one_article(corpus)
    out = write_report(single, tmp_path / "sub" / "r.html", png_dir=tmp_path / "png")
    assert out == tmp_path / "sub" / "r.html" and out.read_text(encoding="utf-8").startswith("<!doctype html>")
    pngs = sorted(p.name for p in (tmp_path / "png").iterdir())
    assert pngs == sorted(f"000-a-{name}.png" for name in charts.article_charts(single, "a"))
    assert all((tmp_path / "png" / p).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)


def test_seed_report_end_to_end(seed_analysis, seed_text):
    html = report_html(seed_analysis)
    page = parse(html)
    aid = str(seed_analysis.articles["article_id"][0])
    assert [f["data-chart"] for f in page.figures] == list(charts.article_charts(seed_analysis, aid))
    assert "hedges_per_paragraph" in [f["data-chart"] for f in page.figures]
    # The whole article is there, escaped and split only at span boundaries.
    pieces = re.findall(r'<span class="nc-t" data-s="(\d+)" data-e="(\d+)">([^<]*)</span>', html)
    import html as htmllib

    assert "".join(htmllib.unescape(t) for _, _, t in pieces) == "".join(
        ln.strip() for ln in seed_text.splitlines() if ln.strip()
    )
    assert all(seed_text[int(s):int(e)] == htmllib.unescape(t) for s, e, t in pieces)
    # One claims-table row and one content mark per claim.
    n_claims = len(seed_analysis.claims)
    assert len(re.findall(r'<td><a href="#a0-claim-\d+">', html)) == n_claims
    marked = {int(c) for c in re.findall(r'<mark class="nc-m nc-content"[^>]*data-claim="(\d+)"', html)}
    assert marked == set(seed_analysis.claims["claim_id"].astype(int))


def test_cli_report_writes_html_and_pngs(tmp_path):
    from toolkit.cli import main

    out = tmp_path / "report.html"
    assert main(["report", str(ROOT / "data" / "russia-china-drones.txt"), "--out", str(out),
                 "--png", str(tmp_path / "png")]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Russia wants armed drones from China" in html
    assert len(list((tmp_path / "png").glob("*.png"))) == len(parse(html).figures) >= 1
