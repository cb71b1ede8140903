"""Widgets driven the way a user drives them: by assigning `.value` (and clicking), then reading state and outputs."""

from __future__ import annotations

import base64
import io
import re

import pandas as pd
import pytest

from toolkit.analysis import Analysis
from toolkit.types import frame
from toolkit.widgets import (
    NO_SOURCE,
    answer_key,
    claims_html,
    exercise,
    explorer,
    filter_claims,
)

TEXT_A = (
    "Bridge <b>unsafe</b>, officials say\n"
    "Officials said the bridge was unsafe. The bridge reportedly cost $5m.\n"
    "\u201cIt is perfectly safe <script>alert(1)</script>,\u201d Transport Minister Jane Doe said.\n"
    "According to a report, repairs were delayed."
)
TEXT_B = "Mayor speaks\nThe mayor said the budget was balanced."


def _span(text: str, phrase: str, after: int = 0) -> tuple[int, int]:
    start = text.index(phrase, after)
    return start, start + len(phrase)


def _claim(text, article_id, claim_id, *, speaker=None, speaker_id=None, name=None, kind=None, cue, content,
           quote_type, stance="assert", hedges=(), anonymous=False, explanations=(), cue_after=0):
    cs, ce = _span(text, content)
    ks, ke = _span(text, cue, cue_after)
    row = {
        "article_id": article_id, "claim_id": claim_id, "sentence_id": 0,
        "speaker_id": speaker_id, "speaker_text": speaker, "speaker_start": None, "speaker_end": None,
        "cue_text": cue, "cue_start": ks, "cue_end": ke, "cue_lemma": cue.lower(),
        "content_text": content, "content_start": cs, "content_end": ce, "content_spans": [[cs, ce]],
        "quote_type": quote_type, "stance": stance, "hedges": list(hedges), "anonymous": anonymous,
        "agentless": speaker is None, "speaker_name": name, "speaker_kind": kind or ("agentless" if speaker is None else None),
        "explanations": list(explanations),
    }
    if speaker is not None:
        row["speaker_start"], row["speaker_end"] = _span(text, speaker)
    return row


def _sentences(text: str, article_id: str) -> list[dict]:
    rows, pos = [], 0
    for i, piece in enumerate(re.split(r"(?<=[.\n])\s*", text)):
        if not piece.strip():
            continue
        start = text.index(piece, pos)
        rows.append({"article_id": article_id, "sentence_id": i, "paragraph_id": 0, "role": "body",
                     "start": start, "end": start + len(piece), "text": piece, "n_tokens": len(piece.split())})
        pos = start + len(piece)
    return rows


@pytest.fixture()
def analysis() -> Analysis:
    t = TEXT_A
    claims = [
        _claim(t, "a", 0, speaker="Officials", speaker_id=0, name="Officials", kind="anonymous", cue="said",
               content="the bridge was unsafe", quote_type="indirect", anonymous=True,
               explanations=["Anonymous officials: ask why they were not named."]),
        _claim(t, "a", 1, cue="reportedly", content="The bridge reportedly cost $5m", quote_type="agentless",
               hedges=["reportedly"]),
        _claim(t, "a", 2, speaker="Jane Doe", speaker_id=1, name="Jane Doe", kind="person", cue="said", cue_after=t.index("Jane Doe"),
               content="It is perfectly safe <script>alert(1)</script>", quote_type="direct", stance="deny"),
        _claim(t, "a", 3, speaker="a report", speaker_id=2, name="a report", kind="document",
               cue="According to", content="repairs were delayed", quote_type="according_to"),
        _claim(TEXT_B, "b", 0, speaker="The mayor", speaker_id=0, name="The mayor", kind="person", cue="said",
               content="the budget was balanced", quote_type="indirect"),
    ]
    speakers = [
        {"article_id": "a", "speaker_id": 0, "name": "Officials", "kind": "anonymous", "named": False, "n_claims": 1},
        {"article_id": "a", "speaker_id": 1, "name": "Jane Doe", "kind": "person", "named": True, "n_claims": 1},
        {"article_id": "a", "speaker_id": 2, "name": "a report", "kind": "document", "named": False, "n_claims": 1},
        {"article_id": "b", "speaker_id": 0, "name": "The mayor", "kind": "person", "named": False, "n_claims": 1},
    ]
    hs, he = _span(t, "reportedly")
    return Analysis({
        "articles": frame([
            {"article_id": "a", "text": t, "title": "Bridge <b>unsafe</b>, officials say"},
            {"article_id": "b", "text": TEXT_B, "title": "Mayor speaks"},
        ], "articles"),
        "sentences": frame(_sentences(t, "a") + _sentences(TEXT_B, "b"), "sentences"),
        "claims": frame(claims, "claims"),
        "speakers": frame(speakers, "speakers"),
        "markers": frame([{"article_id": "a", "sentence_id": 2, "kind": "hedge", "text": "reportedly",
                           "start": hs, "end": he, "claim_id": 1}], "markers"),
        "links": frame([{"article_id": "a", "claim_id": 2, "target_claim_id": 0, "relation": "denies",
                         "score": 0.8}], "links"),
    })


def _html(out) -> str:
    return "".join(o["data"].get("text/html", "") for o in out.outputs)


# ------------------------------------------------------------------ pure helpers


def test_widgets_and_charts_share_source_classes_and_the_no_source_label():
    # The widgets once said "no source given" and the charts "(no source: agentless)", and the
    # widgets called a claim with no speaker at all "unknown" where the charts said "agentless".
    from toolkit import charts
    from toolkit.palette import SOURCE_CLASS_LABELS
    from toolkit.widgets import source_classes

    assert NO_SOURCE == charts.NO_SOURCE == SOURCE_CLASS_LABELS["agentless"] == "no source given"
    claims = frame([
        {"article_id": "a", "claim_id": 0, "content_text": "x"},  # no speaker, not marked agentless
        {"article_id": "a", "claim_id": 1, "content_text": "y", "speaker_kind": "person", "speaker_text": "A Lee",
         "speaker_id": 0, "source_class": "vague"},  # the literacy layer's class wins over the kind
    ], "claims")
    assert source_classes(claims).tolist() == charts.claims_frame(claims)["source_class"].tolist()
    assert source_classes(claims).tolist() == ["agentless", "vague"]
    assert charts.claims_frame(claims)["source"].tolist()[0] == NO_SOURCE


def test_filter_claims_combines_filters(analysis):
    c = analysis.claims
    assert filter_claims(c, article_id="a")["claim_id"].tolist() == [0, 1, 2, 3]
    assert filter_claims(c, article_id="a", speaker_id=1)["claim_id"].tolist() == [2]
    assert filter_claims(c, article_id="a", quote_types=["direct", "indirect"])["claim_id"].tolist() == [0, 2]
    assert filter_claims(c, article_id="a", sources=["agentless", "document"])["claim_id"].tolist() == [1, 3]
    assert filter_claims(c, article_id="a", quote_types=[]).empty


def test_claims_html_escapes_text(analysis):
    page = claims_html(analysis.claims)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "No claims match" in claims_html(analysis.claims.iloc[0:0])


# ------------------------------------------------------------------ explorer


def test_explorer_starts_on_first_article_with_everything(analysis):
    ui, state = explorer(analysis)
    assert state.article_id == "a" and state.speaker_id is None
    assert state.claims["claim_id"].tolist() == [0, 1, 2, 3] and state.n_total == 4
    assert [label for label, _ in ui.speaker.options][1:] == ["Officials (1)", "Jane Doe (1)", "a report (1)"]
    assert "4</b> of 4 claims" in ui.summary.value
    assert "&lt;b&gt;unsafe" in ui.summary.value  # the title is escaped
    assert "the bridge was unsafe" in _html(ui.claims_out)
    assert "<script>alert" not in _html(ui.article_out) and "<script>alert" not in _html(ui.claims_out)
    chart = ui.chart_out.outputs[0]["data"]
    assert any(k.startswith("application/vnd.vegalite") or k == "text/html" for k in chart)


def test_speaker_filter_updates_state_table_and_highlight(analysis):
    ui, state = explorer(analysis)
    seen = []
    state.observe(lambda c: seen.append(c["new"]["claim_id"].tolist()), names="claims")
    before_article, before_claims = _html(ui.article_out), _html(ui.claims_out)

    ui.speaker.value = 1  # Jane Doe

    assert state.speaker_id == 1
    assert state.claims["claim_id"].tolist() == [2]
    assert seen == [[2]]  # one render per change
    claims = _html(ui.claims_out)
    assert claims != before_claims and "perfectly safe" in claims and "bridge was unsafe" not in claims
    assert _html(ui.article_out) != before_article
    assert "1</b> of 4 claims" in ui.summary.value
    assert len(ui.claims_out.outputs) == 1 and len(ui.article_out.outputs) == 1  # replaced, not appended


def test_quote_type_and_kind_toggles(analysis):
    ui, state = explorer(analysis)
    ui.quote_toggles["agentless"].value = False
    assert 1 not in state.claims["claim_id"].tolist()
    assert "agentless" not in state.quote_types
    ui.source_toggles["anonymous"].value = False
    assert state.claims["claim_id"].tolist() == [2, 3]
    for button in ui.quote_toggles.values():
        button.value = False
    assert state.claims.empty
    assert "No claims match" in _html(ui.claims_out)
    assert "No claims to chart" in _html(ui.chart_out)


def test_article_change_resets_speaker_and_rebuilds_options(analysis):
    ui, state = explorer(analysis)
    ui.speaker.value = 2
    ui.article.value = "b"
    assert state.article_id == "b" and state.speaker_id is None
    assert [label for label, _ in ui.speaker.options] == ["All speakers (1 claims)", "The mayor (1)"]
    assert state.claims["content_text"].tolist() == ["the budget was balanced"]
    assert "budget was balanced" in _html(ui.claims_out)


def test_state_drives_controls(analysis):
    ui, state = explorer(analysis)
    state.speaker_id = 0
    assert ui.speaker.value == 0 and state.claims["claim_id"].tolist() == [0]
    state.quote_types = ("direct",)
    assert ui.quote_toggles["indirect"].value is False and state.claims.empty
    state.article_id = "b"
    assert ui.article.value == "b"
    with pytest.raises(KeyError, match="no article 'zzz'"):
        state.article_id = "zzz"


def test_explorer_shows_the_article_problems(analysis):
    errors = frame([{"article_id": "b", "source": "b.txt", "stage": "check", "level": "warning",
                     "message": "odd <quotes>"}], "errors")
    a = Analysis({**analysis.tables, "errors": errors})
    ui, state = explorer(a)
    assert "odd" not in ui.summary.value
    ui.article.value = "b"
    assert "warning: odd &lt;quotes&gt;" in ui.summary.value


def test_explorer_rejects_empty_analysis():
    with pytest.raises(ValueError, match="no articles"):
        explorer(Analysis())


# ------------------------------------------------------------------ exercise


def test_answer_key_from_analysis(analysis):
    key = answer_key(analysis, "a").set_index("claim_id")
    assert key.loc[0, ["source", "anonymity", "hedged", "denied"]].tolist() == ["Officials", "anonymous or vague", "no", "yes"]
    assert key.loc[0, "denied_by"] == ["Jane Doe"]
    assert key.loc[1, ["source", "anonymity", "hedged"]].tolist() == [NO_SOURCE, NO_SOURCE, "yes"]
    assert key.loc[2, "anonymity"] == "named"
    excerpt = key.loc[2, "excerpt_html"]
    assert "<mark>It is perfectly safe &lt;script&gt;" in excerpt and "<script>" not in excerpt
    assert "Jane Doe" in excerpt and "<mark>Jane Doe" not in excerpt  # the source is for the student to find


def test_exercise_scores_and_explains_answers(analysis):
    ui, state = exercise(analysis, "a")
    assert state.total == 16 and state.score == 0 and state.answered == 0
    q = ui.questions[0]
    assert list(q["source"].options) == ["a report", "Jane Doe", "Officials", NO_SOURCE]

    q["source"].value = "Officials"
    assert state.score == 1 and state.answered == 1
    assert state.answers == {0: {"source": "Officials"}}
    assert "Right" in _html(ui.feedback[0])

    q["anonymity"].value = "named"
    assert state.score == 1 and state.answered == 2
    feedback = _html(ui.feedback[0])
    assert "Not quite" in feedback and "anonymous or vague" in feedback
    assert "Questions to ask" not in feedback

    q["hedged"].value = "no"
    q["denied"].value = "yes"
    assert state.score == 3 and state.answered == 4
    feedback = _html(ui.feedback[0])
    assert "denied in the article by \u201cJane Doe\u201d" in feedback
    assert "Anonymous officials: ask why they were not named." in feedback  # the claim's explanation
    assert "Score: 3 / 16" in ui.score_label.value

    q["anonymity"].value = "anonymous or vague"  # changing an answer rescores
    assert state.score == 4


def test_exercise_navigation(analysis):
    ui, state = exercise(analysis, "a")
    assert ui.previous.disabled and state.index == 0
    ui.next.click()
    assert state.index == 1 and ui.children[3].children[0] is ui.cards[1]
    ui.picker.value = 3
    assert state.index == 3 and ui.next.disabled
    state.index = 2
    assert ui.picker.value == 2


def test_exercise_exports_csv(analysis):
    ui, state = exercise(analysis, "a")
    ui.student.value = "Ada <L>"
    ui.questions[1]["hedged"].value = "yes"
    ui.export_button.click()
    link = _html(ui.export_out)
    assert 'download="answers-Ada-L-a.csv"' in link
    data = base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)", link).group(1)).decode()
    assert data == state.to_csv()
    table = pd.read_csv(io.StringIO(data))
    assert len(table) == 16 and set(table["student"]) == {"Ada <L>"}
    row = table[(table["claim_id"] == 1) & table["question"].str.contains("hedged")].iloc[0]
    assert row["answer"] == "yes" and row["right_answer"] == "yes" and bool(row["correct"])


def test_exercise_unknown_article(analysis):
    with pytest.raises(KeyError, match="no article 'nope'"):
        exercise(analysis, "nope")
