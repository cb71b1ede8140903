"""Widgets driven the way a user drives them: by assigning `.value` (and clicking), then reading state and outputs."""

from __future__ import annotations

import base64
import io
import re

import pandas as pd
import pytest
from widget_analysis import widget_analysis

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


@pytest.fixture()
def analysis() -> Analysis:
    return widget_analysis()


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
    # Only the answered question: the file gives away no answer the student did not give.
    assert len(table) == 1 and set(table["student"]) == {"Ada <L>"}
    row = table[(table["claim_id"] == 1) & table["question"].str.contains("hedged")].iloc[0]
    assert row["answer"] == "yes" and row["right_answer"] == "yes" and bool(row["correct"])
    assert row["claim"] == 2  # people count claims from 1
    assert (row["score"], row["out_of"]) == (1, 16)


def test_exercise_unknown_article(analysis):
    with pytest.raises(KeyError, match="no article 'nope'"):
        exercise(analysis, "nope")
