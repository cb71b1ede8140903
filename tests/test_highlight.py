"""Highlighter: exact offsets, nesting, roles, escaping, tooltips."""

from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd
import pytest
from synthetic_analysis import IMG, SCRIPT, TEXT_A, make_analysis, one_article

import toolkit
from toolkit.analysis import Analysis
from toolkit.highlighter import SPAN_TYPES, Highlighted, highlight

VOID = {"br", "img", "hr", "meta", "input", "link"}


class Tree(HTMLParser):
    """Records text pieces with their data-s/data-e, the enclosing marks, and tag balance."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.pieces: list[dict] = []
        self.tags: list[str] = []
        self.errors: list[str] = []
        self.style = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in VOID:
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"unbalanced </{tag}>")
            return
        self.stack.pop()

    def handle_data(self, data):
        if not self.stack:
            return
        tag, attrs = self.stack[-1]
        if tag == "style":
            self.style += data
        if "data-s" in attrs:
            marks = [a for t, a in self.stack if t == "mark"]
            self.pieces.append({"s": int(attrs["data-s"]), "e": int(attrs["data-e"]), "text": data,
                                "marks": marks, "line": next(a for t, a in self.stack if "data-role" in a)})


def parse(html: str) -> Tree:
    tree = Tree()
    tree.feed(html)
    tree.close()
    assert not tree.errors and not tree.stack, (tree.errors, tree.stack)
    return tree


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return one_article(make_analysis())


@pytest.fixture(scope="module")
def result(analysis) -> Highlighted:
    return highlight(analysis, "a")


def kinds(piece: dict) -> list[str]:
    return [m["class"].split()[-1].removeprefix("nc-") for m in piece["marks"]]


def test_every_piece_maps_exactly_to_the_text(result):
    tree = parse(result.html)
    assert tree.pieces
    for p in tree.pieces:
        assert TEXT_A[p["s"]:p["e"]] == p["text"]
    # Pieces cover every non-blank line, in order, without gaps.
    lines = [ln for ln in TEXT_A.split("\n") if ln.strip()]
    joined: dict[str, str] = {}
    for p in tree.pieces:
        joined[p["line"]["data-paragraph"]] = joined.get(p["line"]["data-paragraph"], "") + p["text"]
    assert [joined[str(i)] for i in range(len(lines))] == lines
    ends = [(p["s"], p["e"]) for p in tree.pieces]
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:], strict=False))


def test_spans_marked_with_labels_and_tooltips(result):
    tree = parse(result.html)
    by_text = {}
    for p in tree.pieces:
        by_text.setdefault(p["text"], p)
    assert kinds(by_text["Anna Petrova"]) == ["speaker"]
    assert kinds(by_text["said"]) == ["cue"]
    assert kinds(by_text["reportedly"]) == ["content", "hedge"], "a hedge nests inside the claim's content"
    assert kinds(by_text["It is said"]) == ["cue", "hedge"], "a cue that is also a hedge gets both marks"
    speaker_title = by_text["Anna Petrova"]["marks"][0]["title"]
    assert speaker_title == "Speaker of claim 3: Anna Petrova (person, Russia)"  # people count claims from 1
    content_title = by_text["reportedly"]["marks"][0]["title"]
    assert content_title.startswith("Claim 4 — US officials (anonymous)")
    assert "hedges: reportedly" in content_title
    assert result.html.count('class="nc-l nc-l-content">claim 3 · deny<') == 1
    assert result.html.count('class="nc-l nc-l-speaker">speaker<') == 5


def test_interrupted_quote_is_two_content_pieces_with_one_anchor(result):
    content_2 = [m for m in result.marks if m.kind == "content" and m.claim_id == 2]
    assert [TEXT_A[m.start:m.end] for m in content_2] == ["We never asked for drones,", "and we never will."]
    assert result.html.count('id="nc-a-claim-2"') == 1
    tree = parse(result.html)
    between = [p for p in tree.pieces if p["text"] in ("Anna Petrova", "said")]
    assert all("content" not in kinds(p) for p in between)


def test_roles_visible(result):
    tree = parse(result.html)
    roles = [p["line"]["data-role"] for p in tree.pieces]
    assert {"headline", "standfirst", "subhead", "credit", "body"} <= set(roles)
    for role in ("headline", "standfirst", "subhead", "credit"):
        assert f'<span class="nc-role">{role}</span>' in result.html
    assert '<span class="nc-role">body</span>' not in result.html
    assert ".nc-role-headline{" in tree.style


def test_everything_from_the_data_is_escaped(analysis):
    tables = dict(analysis.tables)
    tables["articles"] = analysis.articles.assign(title=f"Other {IMG} title {SCRIPT}")
    html = highlight(Analysis(tables), "a").html
    low = html.lower()
    assert "<script" not in low and "<img" not in low and "<b>" not in low and "<i>" not in low
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html  # article text
    assert "Other &lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt; title" in html  # title
    assert "Ministry of &lt;i&gt;Defence&lt;/i&gt;" in html  # speaker name, in a title attribute
    assert "&lt;script&gt;window.__pwned=3&lt;/script&gt;" in html  # explanation in a tooltip
    assert "Daily &lt;i&gt;Planet&lt;/i&gt;" in html  # metadata
    parse(html)


def test_show_selects_span_types(analysis):
    only_cues = highlight(analysis, "a", show=("cue",))
    assert {m.kind for m in only_cues.marks} == {"cue"}
    assert "nc-content" not in only_cues.html.split("</style>")[1].replace('class="nc-legend"', "")
    extra = highlight(analysis, "a", show=SPAN_TYPES)
    assert {m.kind for m in extra.marks} == {"content", "speaker", "cue", "hedge", "loaded"}
    assert highlight(analysis, "a", show="speaker").marks[0].kind == "speaker"
    with pytest.raises(ValueError, match="unknown span type"):
        highlight(analysis, "a", show=("speaker", "colour"))
    with pytest.raises(KeyError, match="nope"):
        highlight(analysis, "nope")


def test_hedges_found_in_sentence_when_no_markers(analysis):
    tables = dict(analysis.tables)
    tables["markers"] = analysis.markers.iloc[0:0]
    res = highlight(Analysis(tables), "a", show=("hedge",))
    assert sorted(TEXT_A[m.start:m.end] for m in res.marks) == ["It is said", "may", "reportedly"]
    assert res.problems == ()


def test_bad_offsets_are_reported_not_dropped_silently(analysis):
    tables = dict(analysis.tables)
    claims = analysis.claims.copy()
    claims.loc[0, ["cue_start", "cue_end"]] = [5000, 5004]
    tables["claims"] = claims
    res = highlight(Analysis(tables), "a")
    assert res.problems == ("claim 0 cue: offsets 5000-5004 do not fit the text (length 456); not marked",)
    assert "claim 0 cue: offsets 5000-5004" in res.html
    assert len([m for m in res.marks if m.kind == "cue"]) == 5


def test_shared_hedge_span_is_merged(analysis):
    tables = dict(analysis.tables)
    dup = analysis.markers[analysis.markers["text"] == "may"].assign(claim_id=1)
    tables["markers"] = pd.concat([analysis.markers, dup], ignore_index=True)
    res = highlight(Analysis(tables), "a")
    may = [m for m in res.marks if m.kind == "hedge" and TEXT_A[m.start:m.end] == "may"]
    assert len(may) == 1 and "claim 5" in may[0].title and "claim 2" in may[0].title  # ids 4 and 1, counted from 1


def test_article_without_claims_and_ipython_display(analysis):
    res = toolkit.highlight(analysis, "a", css=False)
    assert "<style>" not in res.html and res._repr_html_() == res.html == str(res)
    from IPython.core.formatters import format_display_data

    data, _ = format_display_data(res)
    assert data["text/html"] == res.html
    empty = Analysis({"articles": pd.DataFrame({"article_id": ["z"], "text": ["Just words.\nMore."]})})
    tree = parse(highlight(empty, "z").html)
    assert "".join(p["text"] for p in tree.pieces) == "Just words.More."
